package batch

import (
	"context"
	"sync"

	"golang.org/x/sync/semaphore"
)

// Turns. With several jobs, jobs articles are printed at once, each
// holding one of jobs turns while it works; an article whose PDF is
// written and waits for the disk to take it (the file's sync, some
// milliseconds each) lends its turn to the next article meanwhile, so
// that the processors stay busy rather than idle through every
// article's sync. With one job the articles print strictly one after
// another.

// turnsKey is the context key of a run's turns.
type turnsKey struct{}

// eachInTurn calls fn for 0..n-1, jobs at a time, started in order, each
// on a goroutine of its own holding a turn, which fn's writes lend while
// they wait for the disk (diskWait, through the ctx fn is given): at most
// twice jobs calls are under way. Once ctx is done the calls not yet
// started are skipped; it returns when every started call is done.
func eachInTurn(ctx context.Context, n, jobs int, fn func(ctx context.Context, i int)) {
	if jobs <= 1 {
		eachLimited(ctx, n, 1, func(i int) { fn(ctx, i) })
		return
	}
	turns := semaphore.NewWeighted(int64(jobs))
	room := semaphore.NewWeighted(int64(2 * jobs)) // calls under way
	lending := context.WithValue(ctx, turnsKey{}, turns)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		// room first, then the turn: a call waiting to take its turn back
		// after the disk needs no room, so the two waits cannot close a
		// circle
		if room.Acquire(ctx, 1) != nil {
			break
		}
		if turns.Acquire(ctx, 1) != nil || ctx.Err() != nil {
			room.Release(1)
			break
		}
		wg.Go(func() {
			defer room.Release(1)
			defer turns.Release(1)
			fn(lending, i)
		})
	}
	wg.Wait()
}

// diskWait returns the wait for atomicfile.WriteWaiting under ctx: when
// ctx carries turns (eachInTurn), it lends the caller's turn while sync
// runs and takes a turn back before it returns; else nil.
func diskWait(ctx context.Context) func(sync func() error) error {
	turns, _ := ctx.Value(turnsKey{}).(*semaphore.Weighted)
	if turns == nil {
		return nil
	}
	return func(sync func() error) error {
		turns.Release(1)
		// a turn comes back whatever ctx does: the other holders only
		// work, and give theirs back when done
		defer turns.Acquire(context.Background(), 1)
		return sync()
	}
}
