package server

import (
	"context"
	"sync/atomic"
)

// admission bounds the renders at once and the requests waiting for one.
// A request first takes a ticket — there are as many as render slots plus
// queue places, and none left means 503 at once — then waits for a slot.
type admission struct {
	tickets chan struct{}
	slots   chan struct{}
	waiting atomic.Int64
}

func newAdmission(slots, queue int) *admission {
	return &admission{tickets: make(chan struct{}, slots+queue), slots: make(chan struct{}, slots)}
}

// enter takes a ticket, or reports false when the queue is full.
func (a *admission) enter() bool {
	select {
	case a.tickets <- struct{}{}:
		return true
	default:
		return false
	}
}

// leave returns the ticket.
func (a *admission) leave() { <-a.tickets }

// acquire waits for a render slot until ctx ends.
func (a *admission) acquire(ctx context.Context) error {
	select {
	case a.slots <- struct{}{}:
		return nil
	default:
	}
	a.waiting.Add(1)
	defer a.waiting.Add(-1)
	select {
	case a.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// release frees a render slot.
func (a *admission) release() { <-a.slots }
