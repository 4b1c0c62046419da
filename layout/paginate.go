package layout

// placed is a box on a page: in column col (-1 for a box spanning all
// columns) at y from the frame's top.
type placed struct {
	box int
	col int
	y   Unit
}

// grid is the page's text area: n columns of height H.
type grid struct {
	n int
	H Unit
}

// paginate distributes boxes over pages of one column of height H.
func paginate(boxes []vbox, H Unit) [][]placed {
	return paginateGrid(boxes, grid{n: 1, H: H})
}

// paginateGrid distributes boxes over pages of g.n columns. Boxes marked
// span (the title block, wide figures) run across all columns at the top
// of a page: at the start of the flow they open page 1; met later, they
// wait for the top of the next page while the text after them fills this
// one. The columns below are filled one after another (see fill); on the
// page where the rest of the text ends, the columns are balanced.
func paginateGrid(boxes []vbox, g grid) [][]placed {
	var pages [][]placed
	var held []int                   // a column figure waiting for the next column
	var heldSpan []int               // spanning boxes waiting for the next page
	done := make([]bool, len(boxes)) // spanning boxes placed ahead of the flow
	i := 0
	for i < len(boxes) || len(held) > 0 || len(heldSpan) > 0 {
		var page []placed
		top := Unit(0)
		putSpan := func(k int) bool {
			before := boxes[k].before
			if len(page) == 0 {
				before = 0
			}
			if len(page) > 0 && top+before+boxes[k].h > g.H {
				return false
			}
			page = append(page, placed{box: k, col: -1, y: top + before})
			top += before + boxes[k].h
			done[k] = true
			return true
		}
		// spanning boxes first: those waiting, then those the flow starts with
		for len(heldSpan) > 0 && putSpan(heldSpan[0]) {
			heldSpan = heldSpan[1:]
		}
		for len(heldSpan) == 0 && len(held) == 0 && i < len(boxes) && boxes[i].span && putSpan(i) {
			i++
		}
		if len(heldSpan) > 0 || top >= g.H {
			pages = append(pages, page) // spanning boxes fill the page
			continue
		}
		// spanning figures the columns below would reach go on top of
		// this page, while the columns keep three lines or more
		if g.n > 1 {
			_, met := fillColumns(boxes, i, held, done, g.n, g.H-top)
			for _, k := range met {
				if g.H-top-boxes[k].h < 3*boxes[max(i, 0)].h || !putSpan(k) {
					break
				}
			}
		}
		H := g.H - top
		var below []int // spanning boxes set under the balanced columns
		if g.n > 1 && len(held) == 0 {
			if tail := spansAfterText(boxes, i, done); tail != nil {
				// the text ends on this page with spanning figures after
				// it: balance the columns and set the figures below them
				// rather than alone on a page of their own
				tailH := Unit(0)
				for _, k := range tail {
					tailH += boxes[k].before + boxes[k].h
				}
				for _, k := range tail {
					done[k] = true
				}
				if h, ok := balance(boxes, i, g.n, H-tailH, done); ok {
					H, below = h, tail
				} else {
					for _, k := range tail {
						done[k] = false
					}
				}
			} else if !spanAhead(boxes, i, done) {
				if h, ok := balance(boxes, i, g.n, H, done); ok {
					H = h
				}
			}
		}
		bottom := top
		for c := 0; c < g.n && (i < len(boxes) || len(held) > 0); c++ {
			var col []placed
			col, i, held, heldSpan = fill(boxes, i, held, heldSpan, done, H, g.n > 1)
			for _, p := range col {
				p.col, p.y = c, p.y+top
				page = append(page, p)
				bottom = max(bottom, p.y+boxes[p.box].h)
			}
		}
		for _, k := range below {
			page = append(page, placed{box: k, col: -1, y: bottom + boxes[k].before})
			bottom += boxes[k].before + boxes[k].h
		}
		pages = append(pages, page)
	}
	return pages
}

// fillColumns fills n columns of height H from box i, as paginateGrid
// would, and returns where the flow stops and the spanning boxes met.
func fillColumns(boxes []vbox, i int, held []int, done []bool, n int, H Unit) (int, []int) {
	var met []int
	for c := 0; c < n && (i < len(boxes) || len(held) > 0); c++ {
		_, i, held, met = fill(boxes, i, held, met, done, H, true)
	}
	return i, met
}

// fill fills one column of height H from box i, after the boxes of a
// figure held from the previous column. A column breaks before the first
// box that does not fit, moved back past boxes that must stay with their
// successor; a chain of kept boxes taller than the column breaks where it
// must. Space before a box is dropped at the column's top.
//
// A figure (a group of boxes: image and caption) that does not fit in
// what is left of a column moves to the top of the next, and the text
// after it flows on to fill this one, as in a newspaper; only one figure
// waits at a time, so figures keep their order. With spanning set,
// spanning boxes met in the flow are set aside for the next page's top.
func fill(boxes []vbox, i int, held, heldSpan []int, done []bool, H Unit, spanning bool) (col []placed, next int, nextHeld, nextSpan []int) {
	y := Unit(0)
	put := func(k int) {
		before := boxes[k].before
		if len(col) == 0 {
			before = 0
		}
		col = append(col, placed{box: k, y: y + before})
		y += before + boxes[k].h
	}
	for _, k := range held {
		put(k)
	}
	fixed := len(held) // placed first; never moved back
	held = nil
	for i < len(boxes) {
		b := &boxes[i]
		if done != nil && done[i] {
			i++
			continue
		}
		if spanning && b.span {
			for i < len(boxes) && boxes[i].span {
				if done == nil || !done[i] {
					heldSpan = append(heldSpan, i)
				}
				i++
			}
			continue
		}
		before := b.before
		if len(col) == 0 {
			before = 0
		}
		if len(col) == 0 || y+before+b.h <= H {
			put(i)
			i++
			continue
		}
		if end, ok := floatable(boxes, i, H); ok && held == nil {
			for k := i; k < end; k++ {
				held = append(held, k)
			}
			i = end
			continue
		}
		// move back past boxes kept with their successor, unless that
		// empties the column
		n := len(col)
		for n > fixed && boxes[col[n-1].box].keep {
			n--
		}
		if n > fixed && n < len(col) {
			i = col[n].box
			col = col[:n]
		}
		break
	}
	return col, i, held, heldSpan
}

// spansAfterText returns the spanning boxes after box i when only they
// and no text follow the last column box: figures at the end of the
// article.
func spansAfterText(boxes []vbox, i int, done []bool) []int {
	last := -1
	for k := i; k < len(boxes); k++ {
		if !boxes[k].span {
			last = k
		}
	}
	var tail []int
	for k := max(last, i); k < len(boxes); k++ {
		if boxes[k].span && !done[k] {
			tail = append(tail, k)
		}
	}
	if last < 0 || len(tail) == 0 || spanAhead(boxes[:last], i, done) {
		return nil
	}
	return tail
}

// spanAhead reports whether a spanning box not yet placed follows box i.
func spanAhead(boxes []vbox, i int, done []bool) bool {
	for ; i < len(boxes); i++ {
		if boxes[i].span && !done[i] {
			return true
		}
	}
	return false
}

// balance returns the column height at which the boxes from i fill n
// columns most evenly, when they fit in n columns of height H: the last
// page's columns then end level. Of the heights from the least that holds
// them to four lines more, it takes the one whose columns' ends are
// closest, the lower on a tie. It reports false when the boxes need
// another page.
func balance(boxes []vbox, i, n int, H Unit, done []bool) (Unit, bool) {
	// spread returns whether the boxes fit n columns of height h, and how
	// far apart the columns end
	spread := func(h Unit) (bool, Unit) {
		k := i
		var held []int
		lo, hi := h, Unit(0)
		for c := 0; c < n && (k < len(boxes) || len(held) > 0); c++ {
			var col []placed
			col, k, held, _ = fill(boxes, k, held, nil, done, h, false)
			if len(col) > 0 {
				last := col[len(col)-1]
				end := last.y + boxes[last.box].h
				lo, hi = min(lo, end), max(hi, end)
			}
		}
		return k == len(boxes) && len(held) == 0, hi - lo
	}
	if ok, _ := spread(H); !ok {
		return 0, false
	}
	lo, hi := Unit(0), H // fits at hi
	for hi-lo > Point/4 {
		mid := (lo + hi) / 2
		if ok, _ := spread(mid); ok {
			hi = mid
		} else {
			lo = mid
		}
	}
	best, bestSpread := hi, H
	line := boxes[len(boxes)-1].h
	for h := hi; h <= min(H, hi+4*line); h += Point {
		if ok, d := spread(h); ok && d < bestSpread {
			best, bestSpread = h, d
		}
	}
	return best, true
}

// floatable reports whether the boxes from i form a figure that may wait
// for the next column while the text after it fills this one, and where
// the figure ends: it must fit in a column, text must follow it, and the
// box before it must not be kept with it (a heading over the figure).
func floatable(boxes []vbox, i int, H Unit) (int, bool) {
	g := boxes[i].group
	if g == 0 || boxes[i].kind != RoleFigure || i > 0 && boxes[i-1].keep && boxes[i-1].group != g {
		return 0, false
	}
	end, h := i, Unit(0)
	for end < len(boxes) && boxes[end].group == g {
		h += boxes[end].before + boxes[end].h
		end++
	}
	if end >= len(boxes) || h > H {
		return 0, false
	}
	return end, true
}
