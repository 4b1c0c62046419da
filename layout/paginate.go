package layout

// placed is a box on a page, at y from the frame's top.
type placed struct {
	box int
	y   Unit
}

// paginate distributes boxes over pages of frame height H. A page breaks
// before the first box that does not fit, moved back past boxes that must
// stay with their successor; a chain of kept boxes taller than a page
// breaks where it must. Space before a box is dropped at a page's top.
//
// A figure (a group of boxes: image and caption) that does not fit in
// what is left of a page moves to the top of the next page, and the text
// after it flows on to fill this one, as in a newspaper; only one figure
// waits at a time, so figures keep their order.
func paginate(boxes []vbox, H Unit) [][]placed {
	var pages [][]placed
	var held []int // the boxes of a figure waiting for the next page
	i := 0
	for i < len(boxes) || len(held) > 0 {
		var page []placed
		y := Unit(0)
		put := func(k int) {
			before := boxes[k].before
			if len(page) == 0 {
				before = 0
			}
			page = append(page, placed{box: k, y: y + before})
			y += before + boxes[k].h
		}
		for _, k := range held {
			put(k)
		}
		fixed := len(held) // placed first; never moved back
		held = nil
		for i < len(boxes) {
			b := &boxes[i]
			before := b.before
			if len(page) == 0 {
				before = 0
			}
			if len(page) == 0 || y+before+b.h <= H {
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
			// empties the page
			n := len(page)
			for n > fixed && boxes[page[n-1].box].keep {
				n--
			}
			if n > fixed && n < len(page) {
				i = page[n].box
				page = page[:n]
			}
			break
		}
		pages = append(pages, page)
	}
	return pages
}

// floatable reports whether the boxes from i form a figure that may wait
// for the next page while the text after it fills this one, and where the
// figure ends: it must fit on a page, text must follow it, and the box
// before it must not be kept with it (a heading over the figure).
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
