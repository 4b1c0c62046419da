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
func paginate(boxes []vbox, H Unit) [][]placed {
	var pages [][]placed
	i := 0
	for i < len(boxes) {
		start := i
		var page []placed
		y := Unit(0)
		for i < len(boxes) {
			b := &boxes[i]
			before := b.before
			if len(page) == 0 {
				before = 0
			}
			if len(page) > 0 && y+before+b.h > H {
				j := i
				for j > start && boxes[j-1].keep {
					j--
				}
				if j > start {
					page = page[:j-start]
					i = j
				}
				break
			}
			page = append(page, placed{box: i, y: y + before})
			y += before + b.h
			i++
		}
		pages = append(pages, page)
	}
	return pages
}
