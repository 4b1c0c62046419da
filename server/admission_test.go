package server

import (
	"context"
	"errors"
	"testing"
	"time"
)

// admitted is a request's outcome in the admission tests.
type admitted struct {
	g   *grant
	err error
}

// ask requests a slot for client in the background.
func ask(ctx context.Context, a *admission, client string, need int64) chan admitted {
	ch := make(chan admitted, 1)
	go func() {
		g, err := a.acquire(ctx, client, need)
		ch <- admitted{g, err}
	}()
	return ch
}

// waitQueued waits until n requests wait.
func waitQueued(t *testing.T, a *admission, n int) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(time.Millisecond) {
		if a.nWaiting.Load() == int64(n) {
			return
		}
	}
	t.Fatalf("%d waiting, want %d", a.nWaiting.Load(), n)
}

func granted(t *testing.T, ch chan admitted) *grant {
	t.Helper()
	select {
	case r := <-ch:
		if r.err != nil {
			t.Fatalf("refused: %v", r.err)
		}
		return r.g
	case <-time.After(10 * time.Second):
		t.Fatal("not admitted")
	}
	return nil
}

func pending(t *testing.T, ch chan admitted) {
	t.Helper()
	select {
	case r := <-ch:
		t.Fatalf("admitted too soon (%v)", r.err)
	default:
	}
}

// TestAdmissionFairQueue: a client that fills the queue gives its newest
// place up to another client, and a free slot goes to the client with the
// fewest renders running, whatever the order they came in.
func TestAdmissionFairQueue(t *testing.T) {
	ctx := context.Background()
	a := newAdmission(2, 2, 1<<30)
	first := granted(t, ask(ctx, a, "flood", 1))
	second := granted(t, ask(ctx, a, "flood", 1))
	f1 := ask(ctx, a, "flood", 1)
	waitQueued(t, a, 1)
	f2 := ask(ctx, a, "flood", 1)
	waitQueued(t, a, 2)
	// the queue is full: more from the flood is refused at once
	if _, err := a.acquire(ctx, "flood", 1); !errors.Is(err, errQueueFull) {
		t.Fatalf("the flood's fifth request: %v, want errQueueFull", err)
	}
	// another client takes the flood's newest place
	good := ask(ctx, a, "good", 1)
	if r := <-f2; !errors.Is(r.err, errQueueFull) {
		t.Fatalf("the flood's newest place: %v, want given up", r.err)
	}
	waitQueued(t, a, 2)
	// the good client came last but runs next: the flood has a render
	// running, the good client none
	first.release()
	g := granted(t, good)
	pending(t, f1)
	second.release()
	granted(t, f1).release()
	g.release()
	if !a.quiet() {
		t.Errorf("not quiet: %d running, %d waiting, %d bytes", a.nRunning.Load(), a.nWaiting.Load(), a.nUsed.Load())
	}
}

// TestAdmissionMemory: a render waits until its estimate fits the budget
// beside those running; one larger than the whole budget runs alone; an
// answer waiting to be sent keeps its bytes (not its slot) until sent.
func TestAdmissionMemory(t *testing.T) {
	ctx := context.Background()
	a := newAdmission(4, 4, 100)
	big := granted(t, ask(ctx, a, "a", 70))
	small := granted(t, ask(ctx, a, "b", 30))
	next := ask(ctx, a, "c", 10)
	waitQueued(t, a, 1)
	pending(t, next)
	small.rendered(5) // its answer, 5 bytes, waits to be sent: 75 used
	g := granted(t, next)
	huge := ask(ctx, a, "d", 500)
	waitQueued(t, a, 1)
	g.release()
	pending(t, huge) // big still renders
	big.release()
	h := granted(t, huge) // alone: no other render runs, though an answer waits to be sent
	small.release()
	if a.nUsed.Load() != 500 || a.nRunning.Load() != 1 {
		t.Errorf("alone: %d bytes, %d running", a.nUsed.Load(), a.nRunning.Load())
	}
	later := ask(ctx, a, "e", 1)
	waitQueued(t, a, 1)
	pending(t, later) // nothing fits beside an overdrawn budget
	h.grow(100)
	h.release()
	granted(t, later).release()
	if !a.quiet() {
		t.Errorf("not quiet: %d running, %d waiting, %d bytes", a.nRunning.Load(), a.nWaiting.Load(), a.nUsed.Load())
	}
}

// TestAdmissionGiveUp: a request whose context ends while it waits
// leaves the queue, and the one behind it moves up; no queue at all
// refuses what cannot start.
func TestAdmissionGiveUp(t *testing.T) {
	a := newAdmission(1, 2, 1<<30)
	g := granted(t, ask(context.Background(), a, "a", 1))
	ctx, cancel := context.WithCancel(context.Background())
	gone := ask(ctx, a, "b", 1)
	waitQueued(t, a, 1)
	stays := ask(context.Background(), a, "c", 1)
	waitQueued(t, a, 2)
	cancel()
	if r := <-gone; !errors.Is(r.err, context.Canceled) {
		t.Fatalf("%v, want context.Canceled", r.err)
	}
	waitQueued(t, a, 1)
	g.release()
	granted(t, stays).release()

	none := newAdmission(1, 0, 1<<30)
	g = granted(t, ask(context.Background(), none, "a", 1))
	if _, err := none.acquire(context.Background(), "b", 1); !errors.Is(err, errQueueFull) {
		t.Errorf("no queue: %v, want errQueueFull", err)
	}
	g.release()
	g.release() // twice does nothing
	if !none.quiet() {
		t.Error("not quiet after release")
	}
}

// TestAdmissionBesideHeavy: when every slot holds a heavy render, one
// light render more runs beside them at once; a second light one, and
// any heavy one, waits for a slot.
func TestAdmissionBesideHeavy(t *testing.T) {
	ctx := context.Background()
	a := newAdmission(1, 4, 800) // heavy: over 100
	heavy := granted(t, ask(ctx, a, "a", 200))
	light := granted(t, ask(ctx, a, "b", 10)) // beside the heavy one
	if a.nRunning.Load() != 2 {
		t.Errorf("%d running, want 2", a.nRunning.Load())
	}
	light2 := ask(ctx, a, "c", 10)
	waitQueued(t, a, 1)
	heavy2 := ask(ctx, a, "d", 200)
	waitQueued(t, a, 2)
	pending(t, light2)
	light.release()
	l2 := granted(t, light2) // beside again
	pending(t, heavy2)
	heavy.release()
	h2 := granted(t, heavy2)
	l2.release()
	h2.release()
	// beside a light render, a light one waits for the slot
	l3 := granted(t, ask(ctx, a, "e", 10))
	light4 := ask(ctx, a, "f", 10)
	waitQueued(t, a, 1)
	l3.release()
	granted(t, light4).release()
	if !a.quiet() {
		t.Errorf("not quiet: %d running, %d waiting, %d bytes", a.nRunning.Load(), a.nWaiting.Load(), a.nUsed.Load())
	}
}
