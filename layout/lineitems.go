package layout

import "github.com/galleyprint/galley/page"

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
type lineSlab struct {
	free []page.Item // the unused end of the current slab, of length 0
}

// room returns an empty slice to append a line's items to, with room
// for at least want of them; a new one when s is nil.
func (s *lineSlab) room(want int) []page.Item {
	if s == nil {
		return make([]page.Item, 0, want)
	}
	if cap(s.free) < want {
		s.free = make([]page.Item, 0, max(slabItems, want))
	}
	return s.free
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
