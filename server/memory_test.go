package server

import (
	"testing"
	"time"
)

// TestReclaim: when the service falls idle holding more memory than it
// needs, it hands it back to the system once; a request arriving within
// reclaimIdle puts that off.
func TestReclaim(t *testing.T) {
	freed := make(chan struct{}, 4)
	quiet := true
	r := newReclaimer(func() bool { return quiet }, func() {})
	r.free = func() { freed <- struct{}{} }
	r.above = 0
	r.idle()
	select {
	case <-freed:
	case <-time.After(10 * time.Second):
		t.Fatal("memory not handed back after an idle second")
	}
	quiet = false
	r.idle()
	select {
	case <-freed:
		t.Error("handed back while busy")
	case <-time.After(reclaimIdle + 500*time.Millisecond):
	}
}
