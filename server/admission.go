package server

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
)

// errQueueFull: every render slot and queue place is taken, and the
// request's client already holds its share of them.
var errQueueFull = errors.New("all render slots and queue places are taken")

// admission decides when a request renders. A render needs a slot (there
// are as many as renders may run at once) and its estimated memory within
// the budget — except that one render may always run when none does, so
// that a request estimated above the whole budget still runs, alone.
// When every slot holds a heavy render (one estimated above an eighth of
// the budget, seconds of work), one light render more may run beside
// them: a short request shares the processors for a moment rather than
// wait for a long one to end. Requests that cannot start wait in a short
// queue. Clients share fairly:
// a free slot goes to the waiting client with the fewest renders running
// (the earliest of its requests); and when the queue is full, a client
// holding more places than the newcomer's client gives its newest waiting
// place up to it. So a client that floods the service gets at most its
// share, and one with a request or two in flight is served next.
//
// Memory is held from the start of a render until its answer is sent: the
// estimate first, grown when the article's images are known, then only
// the answer's size once the render is done and its slot is free.
type admission struct {
	slots, queue int
	budget       int64

	mu      sync.Mutex
	running int  // renders in the slots
	heavy   int  // of them, heavy ones
	express bool // a light render beside heavy ones
	used    int64
	waiting []*waiter
	clients map[string]*share

	// read by the metrics without the lock
	nRunning, nWaiting, nUsed atomic.Int64

	// idle, when set, is called (without the lock) whenever nothing runs,
	// waits or holds memory any more.
	idle func()
}

// share is what one client holds.
type share struct{ running, waiting int }

// waiter is a request in the queue.
type waiter struct {
	client  string
	need    int64
	ready   chan error // nil: admitted; errQueueFull: its place was given up
	express bool       // admitted beside heavy renders
}

func newAdmission(slots, queue int, budget int64) *admission {
	return &admission{slots: slots, queue: queue, budget: budget, clients: map[string]*share{}}
}

// acquire waits for a slot and need bytes of the budget for client, until
// ctx ends. It fails at once with errQueueFull when the request can
// neither start nor queue.
func (a *admission) acquire(ctx context.Context, client string, need int64) (*grant, error) {
	w := &waiter{client: client, need: need, ready: make(chan error, 1)}
	a.mu.Lock()
	startsNow := len(a.waiting) == 0 && (a.fits(need) || a.fitsBeside(need))
	if !startsNow && len(a.waiting) >= a.queue {
		if !a.giveUpPlace(client) {
			a.mu.Unlock()
			return nil, errQueueFull
		}
	}
	a.waiting = append(a.waiting, w)
	a.share(client).waiting++
	a.dispatch()
	a.publish()
	a.mu.Unlock()

	select {
	case err := <-w.ready:
		if err != nil {
			return nil, err
		}
		return a.grant(w), nil
	case <-ctx.Done():
	}
	a.mu.Lock()
	if a.remove(w) {
		a.share(client).waiting--
		a.forget(client)
		a.dispatch()
		a.publish()
		a.mu.Unlock()
		a.checkIdle()
		return nil, ctx.Err()
	}
	a.mu.Unlock()
	// admitted or turned away at the same moment
	if err := <-w.ready; err == nil {
		a.grant(w).release()
	}
	return nil, ctx.Err()
}

func (a *admission) grant(w *waiter) *grant {
	return &grant{a: a, client: w.client, mem: w.need, rendering: true, express: w.express, heavy: a.isHeavy(w.need) && !w.express}
}

// isHeavy tells a render estimated above an eighth of the budget.
func (a *admission) isHeavy(need int64) bool { return need > a.budget/8 }

// fits reports whether a render of need bytes may start now in a slot.
func (a *admission) fits(need int64) bool {
	return a.running < a.slots && (a.running == 0 || a.used+need <= a.budget)
}

// fitsBeside reports whether a light render of need bytes may start now
// beside the heavy renders that hold every slot.
func (a *admission) fitsBeside(need int64) bool {
	return !a.express && a.heavy == a.slots && !a.isHeavy(need) && a.used+need <= a.budget
}

// giveUpPlace makes room in a full queue for client: the client holding
// the most places, when it holds at least two more than client, loses its
// newest waiting one (answered 503).
func (a *admission) giveUpPlace(client string) bool {
	load := func(c string) int {
		if sh := a.clients[c]; sh != nil {
			return sh.running + sh.waiting
		}
		return 0
	}
	victim, most := -1, load(client)+1
	for i, w := range a.waiting {
		if l := load(w.client); l > most || l == most && victim >= 0 && w.client == a.waiting[victim].client {
			victim, most = i, l
		}
	}
	if victim < 0 {
		return false
	}
	w := a.waiting[victim]
	a.waiting = append(a.waiting[:victim], a.waiting[victim+1:]...)
	a.share(w.client).waiting--
	w.ready <- errQueueFull
	return true
}

// dispatch starts waiting requests while they fit: each time the one whose
// client has the fewest renders running, the earliest first. A request
// too large for the memory left waits for renders to finish; the ones
// behind it wait too, so it is not overtaken for ever — but for one light
// request, the first in that order, that may run beside heavy renders.
func (a *admission) dispatch() {
	for len(a.waiting) > 0 {
		best := a.next(func(*waiter) bool { return true })
		w := a.waiting[best]
		if !a.fits(w.need) {
			break
		}
		a.start(best, false)
	}
	if i := a.next(func(w *waiter) bool { return a.fitsBeside(w.need) }); i >= 0 {
		a.start(i, true)
	}
}

// next is the index of the waiting request to serve first among those ok
// accepts (-1 when none): the one whose client has the fewest renders
// running, the earliest first.
func (a *admission) next(ok func(*waiter) bool) int {
	best := -1
	for i, w := range a.waiting {
		if ok(w) && (best < 0 || a.clients[w.client].running < a.clients[a.waiting[best].client].running) {
			best = i
		}
	}
	return best
}

// start admits waiting request i, in a slot or beside the heavy renders.
func (a *admission) start(i int, beside bool) {
	w := a.waiting[i]
	a.waiting = append(a.waiting[:i], a.waiting[i+1:]...)
	sh := a.share(w.client)
	sh.waiting--
	sh.running++
	a.used += w.need
	w.express = beside
	switch {
	case beside:
		a.express = true
	case a.isHeavy(w.need):
		a.running++
		a.heavy++
	default:
		a.running++
	}
	w.ready <- nil
}

// remove takes w out of the queue, reporting whether it was there.
func (a *admission) remove(w *waiter) bool {
	for i, x := range a.waiting {
		if x == w {
			a.waiting = append(a.waiting[:i], a.waiting[i+1:]...)
			return true
		}
	}
	return false
}

func (a *admission) share(client string) *share {
	sh := a.clients[client]
	if sh == nil {
		sh = &share{}
		a.clients[client] = sh
	}
	return sh
}

// forget drops a client that holds nothing.
func (a *admission) forget(client string) {
	if sh := a.clients[client]; sh != nil && sh.running == 0 && sh.waiting == 0 {
		delete(a.clients, client)
	}
}

// publish copies the counts for the metrics.
func (a *admission) publish() {
	n := a.running
	if a.express {
		n++
	}
	a.nRunning.Store(int64(n))
	a.nWaiting.Store(int64(len(a.waiting)))
	a.nUsed.Store(a.used)
}

// quiet reports whether nothing runs, waits or holds memory.
func (a *admission) quiet() bool {
	return a.nRunning.Load() == 0 && a.nWaiting.Load() == 0 && a.nUsed.Load() == 0
}

// checkIdle calls idle when nothing is left.
func (a *admission) checkIdle() {
	if a.idle != nil && a.quiet() {
		a.idle()
	}
}

// grant is an admitted request: its render slot, until the render is
// done, and its memory, until its answer is sent.
type grant struct {
	a         *admission
	client    string
	express   bool // beside heavy renders, not in a slot
	heavy     bool // in a slot, and heavy
	mu        sync.Mutex
	mem       int64
	rendering bool
}

// grow adds n bytes to the memory held, once the render knows it needs
// them (its images). It never waits: the budget may be overdrawn, and
// later requests wait until it is not.
func (g *grant) grow(n int64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if n <= 0 || (!g.rendering && g.mem == 0) {
		return
	}
	a := g.a
	a.mu.Lock()
	g.mem += n
	a.used += n
	a.publish()
	a.mu.Unlock()
}

// rendered frees the render slot and keeps only keep bytes of memory: the
// answer waiting to be sent.
func (g *grant) rendered(keep int64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.rendering {
		return
	}
	g.rendering = false
	a := g.a
	a.mu.Lock()
	switch {
	case g.express:
		a.express = false
	case g.heavy:
		a.running--
		a.heavy--
	default:
		a.running--
	}
	a.share(g.client).running--
	a.forget(g.client)
	keep = min(max(keep, 0), g.mem)
	a.used -= g.mem - keep
	g.mem = keep
	a.dispatch()
	a.publish()
	a.mu.Unlock()
}

// release frees everything the grant holds; calling it again does
// nothing.
func (g *grant) release() {
	g.rendered(0)
	g.mu.Lock()
	a := g.a
	a.mu.Lock()
	a.used -= g.mem
	g.mem = 0
	a.dispatch()
	a.publish()
	a.mu.Unlock()
	g.mu.Unlock()
	a.checkIdle()
}
