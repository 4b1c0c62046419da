package server

import (
	"runtime/debug"
	rtmetrics "runtime/metrics"
	"sync"
	"time"
)

// reclaimIdle is how long the service must stay idle before it hands
// memory back to the system, and reclaimAbove how much it must hold
// beyond what it has given back for that to be worth a full collection.
const (
	reclaimIdle  = time.Second
	reclaimAbove = 96 << 20
)

// reclaimer returns memory to the system after a burst: renders allocate
// much and keep little, and the Go runtime gives back what a burst grew
// only slowly, so when the service has stayed idle for reclaimIdle
// holding more than reclaimAbove it collects and releases everything
// free (debug.FreeOSMemory).
type reclaimer struct {
	quiet func() bool // whether the service is still idle
	free  func()      // drop, then debug.FreeOSMemory; tests count the calls
	above uint64      // reclaimAbove
	mu    sync.Mutex
	timer *time.Timer
}

// newReclaimer returns a reclaimer that, before it frees, calls drop to
// let go of memory kept for reuse.
func newReclaimer(quiet func() bool, drop func()) *reclaimer {
	free := func() {
		drop()
		debug.FreeOSMemory()
	}
	return &reclaimer{quiet: quiet, free: free, above: reclaimAbove}
}

// idle is called when nothing renders, waits or holds memory.
func (r *reclaimer) idle() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.timer != nil {
		r.timer.Stop()
	}
	r.timer = time.AfterFunc(reclaimIdle, func() {
		if r.quiet() && retained() > r.above {
			r.free()
		}
	})
}

// retained is the memory the Go runtime holds from the system: all it
// has mapped, less what it has released.
func retained() uint64 {
	s := []rtmetrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	rtmetrics.Read(s)
	return s[0].Value.Uint64() - s[1].Value.Uint64()
}
