package layout

import (
	"sync"

	"github.com/galleyprint/galley/page"
)

// slabItems is how many items a line slab holds: a hundred lines of body
// text at a word an item, in one allocation of about 24 KB.
const slabItems = 128

// lineSlab hands out the item slices of a paragraph's lines from larger
// arrays: an allocation per line (a few items of 192 bytes each, with
// pointers the collector must be told of) was the layout's largest
// count of allocations. Each line's slice is capped at its length, so
// that appending to it later copies it rather than writes over the next
// line's items; a slab is freed with the last line box that uses it.
// Copies of a flow (a footnote's, a table cell's) share their flow's
// slab, and so never hand out the same room twice.
//
// A layout's slabs are the next layout's once its pages are made (see
// release): the pages' items are copies, and the slabs were a fifth of a
// layout's bytes.
type lineSlab struct {
	free  []page.Item   // the unused end of the current slab, of length 0
	made  [][]page.Item // the slabs of slabItems handed out, from their start
	stock *slabStock    // slabs of layouts that have ended, to hand out again
}

// slabStock is the slabs of layouts that have ended, emptied.
type slabStock struct{ slabs [][]page.Item }

// maxStockSlabs is the most slabs a stock keeps: those of a long
// article (a typical one uses a few dozen).
const maxStockSlabs = 64

// slabStocks keeps the stocks of layouts that have ended.
var slabStocks = sync.Pool{New: func() any { return new(slabStock) }}

// room returns an empty slice to append a line's items to, with room
// for at least want of them; a new one when s is nil.
func (s *lineSlab) room(want int) []page.Item {
	if s == nil {
		return make([]page.Item, 0, want)
	}
	if cap(s.free) < want {
		s.free = s.newSlab(want)
	}
	return s.free
}

// newSlab returns an empty slab with room for want items: one of the
// stock's when it has one and want fits.
func (s *lineSlab) newSlab(want int) []page.Item {
	if want > slabItems {
		return make([]page.Item, 0, want)
	}
	var slab []page.Item
	if st := s.stock; st != nil && len(st.slabs) > 0 {
		slab = st.slabs[len(st.slabs)-1]
		st.slabs[len(st.slabs)-1] = nil
		st.slabs = st.slabs[:len(st.slabs)-1]
	} else {
		slab = make([]page.Item, 0, slabItems)
	}
	s.made = append(s.made, slab)
	return slab
}

// took records that items, made by appending to a slice room returned,
// are a line's, and returns them capped at their length.
func (s *lineSlab) took(items []page.Item) []page.Item {
	n := len(items)
	if s != nil && n > 0 && cap(s.free) > 0 && cap(items) == cap(s.free) && &items[:1][0] == &s.free[:1][0] {
		s.free = s.free[n:n]
	}
	return items[:n:n]
}

// release gives s's slabs, emptied, to the layouts that come after: its
// layout must keep no line's items (its pages' items are copies), and
// s hands out no more.
func (s *lineSlab) release() {
	st := s.stock
	if st == nil {
		st = slabStocks.Get().(*slabStock)
	}
	for _, slab := range s.made {
		if len(st.slabs) == maxStockSlabs {
			break
		}
		slab = slab[:cap(slab)]
		clear(slab) // no text or faces kept alive by the stock
		st.slabs = append(st.slabs, slab[:0])
	}
	clear(s.made)
	*s = lineSlab{}
	slabStocks.Put(st)
}
