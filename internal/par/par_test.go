package par

import (
	"context"
	"sync/atomic"
	"testing"
)

func TestEach(t *testing.T) {
	var calls, running, peak atomic.Int64
	Each(context.Background(), 100, 3, func(int) {
		calls.Add(1)
		n := running.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		running.Add(-1)
	})
	if calls.Load() != 100 || peak.Load() > 3 {
		t.Errorf("%d calls (want 100), %d at once (want at most 3)", calls.Load(), peak.Load())
	}
	ctx, cancel := context.WithCancel(context.Background())
	calls.Store(0)
	Each(ctx, 100, 1, func(i int) {
		if calls.Add(1) == 10 {
			cancel()
		}
	})
	if calls.Load() != 10 {
		t.Errorf("%d calls after a cancel at the 10th, want 10", calls.Load())
	}
}
