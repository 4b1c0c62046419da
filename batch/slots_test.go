package batch

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncingFolder is a memFolder whose PDF writes wait for the disk as a
// folder on disk does, through diskWait: the first waiting PDFs wait
// until the next PDF has begun to be written.
type syncingFolder struct {
	memFolder
	waiting int // how many
	once    sync.Once
	another chan struct{} // closed when PDF waiting+1 begins
	mu      sync.Mutex
	writes  int
}

func (f *syncingFolder) Write(ctx context.Context, name string, fill func(io.Writer) error) error {
	if !strings.HasSuffix(name, ".pdf") {
		return f.memFolder.Write(ctx, name, fill)
	}
	f.mu.Lock()
	f.writes++
	first := f.writes <= f.waiting
	f.mu.Unlock()
	if !first {
		f.once.Do(func() { close(f.another) })
	}
	if err := f.memFolder.Write(ctx, name, fill); err != nil {
		return err
	}
	sync := func() error {
		if !first {
			return nil
		}
		select {
		case <-f.another:
			return nil
		case <-time.After(20 * time.Second): // no other article printed meanwhile
			return errors.New("no other article printed while one waited for the disk")
		}
	}
	if wait := diskWait(ctx); wait != nil {
		return wait(sync)
	}
	return sync()
}

// TestWaitForDiskLendsTheTurn: with two jobs, two articles waiting for
// the disk let the next one print meanwhile, and all print.
func TestWaitForDiskLendsTheTurn(t *testing.T) {
	src, _ := rtWritePosts(t, 5)
	folder := &syncingFolder{memFolder: memFolder{files: map[string][]byte{}}, waiting: 2, another: make(chan struct{})}
	st := &memStorage{folders: map[string]*memFolder{}}
	o := Options{OutDir: "s3://bucket/pdf/", Jobs: 2, Storage: storageOf{st, folder}}
	sum, err := Run(context.Background(), []string{src}, o)
	if err != nil {
		t.Fatalf("%v (%+v)", err, sum)
	}
	if sum.Printed != 5 {
		t.Errorf("printed %d, want 5", sum.Printed)
	}
}

// storageOf is memStorage whose output folder is out.
type storageOf struct {
	*memStorage
	out Folder
}

func (s storageOf) Open(context.Context, string) (Folder, error) { return s.out, nil }

// TestEachInTurn: every call is made once, at most twice jobs are under
// way at once, and with one job the calls run one after another in
// order, lending nothing.
func TestEachInTurn(t *testing.T) {
	for _, jobs := range []int{1, 2, 3} {
		var mu sync.Mutex
		var order []int
		working, most := 0, 0
		eachInTurn(context.Background(), 40, jobs, func(ctx context.Context, i int) {
			mu.Lock()
			working++
			most = max(most, working)
			order = append(order, i)
			mu.Unlock()
			if wait := diskWait(ctx); wait != nil {
				wait(func() error { time.Sleep(time.Millisecond); return nil })
			} else if jobs > 1 {
				t.Errorf("jobs %d: no turn to lend", jobs)
			}
			mu.Lock()
			working--
			mu.Unlock()
		})
		if len(order) != 40 {
			t.Errorf("jobs %d: %d calls, want 40", jobs, len(order))
		}
		if jobs == 1 {
			for k, i := range order {
				if i != k {
					t.Fatalf("one job: calls in order %v", order)
				}
			}
		}
		if most > 2*jobs {
			t.Errorf("jobs %d: %d calls under way at once, want at most %d", jobs, most, 2*jobs)
		}
	}
	if diskWait(context.Background()) != nil {
		t.Error("a wait without turns (the book, a single export)")
	}
}
