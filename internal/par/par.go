// Package par runs work on a bounded number of goroutines.
package par

import (
	"context"
	"sync"
)

// Each calls fn(i) for i in 0..n-1 on at most jobs goroutines, in order of
// i as goroutines free up. Once ctx is done, the indices not yet started
// are skipped. It returns when every started call has returned.
func Each(ctx context.Context, n, jobs int, fn func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(max(jobs, 1), max(n, 1)) {
		wg.Go(func() {
			for i := range next {
				if ctx.Err() == nil {
					fn(i)
				}
			}
		})
	}
	for i := 0; i < n && ctx.Err() == nil; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
