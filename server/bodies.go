package server

import (
	"math/bits"
	"sync"
)

// Request bodies are read into buffers of a few capacity classes, from
// smallestBody doubling to largestPooledBody, and a buffer goes back for
// reuse once its request is done with it. A typical web page is several
// hundred kilobytes, read through three or four growing buffers, and
// fresh large buffers cost the runtime a zeroing and, after the
// scavenger has returned the pages, a page fault per 4 KB. Bodies larger
// than the largest class are allocated to size and not kept.
const (
	smallestBody      = 32 << 10
	bodyClasses       = 8 // 32 KB … 4 MB
	largestPooledBody = smallestBody << (bodyClasses - 1)
	// keptBodyBytes bounds the free buffers' total capacity: about the
	// bodies of the renders a busy service runs and queues at once.
	keptBodyBytes = 16 << 20
)

// bodyBuffers is the free list of body buffers. Its zero value is ready.
type bodyBuffers struct {
	mu   sync.Mutex
	free [bodyClasses][][]byte
	kept int64 // the free buffers' total capacity
}

// bodyClass is the smallest class holding n bytes, or -1 when none does.
func bodyClass(n int64) int {
	if n > largestPooledBody {
		return -1
	}
	if n <= smallestBody {
		return 0
	}
	return bits.Len64(uint64(n-1)) - bits.Len64(smallestBody-1)
}

// get returns an empty buffer of at least n bytes' capacity.
func (p *bodyBuffers) get(n int64) []byte {
	if b, ok := p.reuse(n); ok {
		return b
	}
	if c := bodyClass(n); c >= 0 {
		return make([]byte, 0, smallestBody<<c)
	}
	return make([]byte, 0, n)
}

// reuse returns a free buffer of at least n bytes' capacity, if the
// list holds one of n's class.
func (p *bodyBuffers) reuse(n int64) ([]byte, bool) {
	c := bodyClass(n)
	if c < 0 {
		return nil, false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	free := p.free[c]
	k := len(free)
	if k == 0 {
		return nil, false
	}
	b := free[k-1]
	free[k-1] = nil
	p.free[c] = free[:k-1]
	p.kept -= int64(cap(b))
	return b, true
}

// put gives b back for reuse; nothing may use it afterwards. A buffer
// not from get's classes, or one past keptBodyBytes, is left to the
// garbage collector.
func (p *bodyBuffers) put(b []byte) {
	c := bodyClass(int64(cap(b)))
	if c < 0 || cap(b) != smallestBody<<c {
		return
	}
	p.mu.Lock()
	if p.kept+int64(cap(b)) <= keptBodyBytes {
		p.free[c] = append(p.free[c], b[:0])
		p.kept += int64(cap(b))
	}
	p.mu.Unlock()
}

// drop forgets every free buffer, so that a collection can return their
// memory to the system.
func (p *bodyBuffers) drop() {
	p.mu.Lock()
	p.free = [bodyClasses][][]byte{}
	p.kept = 0
	p.mu.Unlock()
}
