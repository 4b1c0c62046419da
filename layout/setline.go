package layout

// alignment is how a line is placed within its measure.
type alignment uint8

const (
	alignJustify alignment = iota
	alignLeft
	alignCenter
	alignRight
)

// setLine places the elements of ln in a measure of W starting at x, with
// the baseline at y, and returns the items and the natural width of the
// line. Justified lines stretch or shrink their glue to fill the measure,
// except the paragraph's last line and lines ended by a forced break.
func setLine(elems []elem, ln line, x, y, W Unit, align alignment) ([]Item, Unit) {
	return setLineDir(elems, ln, x, y, W, align, nil)
}

// setLineDir is setLine for a paragraph whose boxes have the directions
// rtl (nil: all left to right). A right-to-left paragraph's line is drawn
// in visual order, its ragged and last lines aligned right.
func setLineDir(elems []elem, ln line, x, y, W Unit, align alignment, rtl []bool) ([]Item, Unit) {
	end := ln.brk
	if end > len(elems) {
		end = len(elems)
	}
	// trailing glue before the break is not set
	for end > ln.start && elems[end-1].kind != box {
		end--
	}
	var nat, stretch, shrink Unit
	for k := ln.start; k < end; k++ {
		e := &elems[k]
		switch e.kind {
		case box:
			nat += e.w
		case glue:
			nat += e.w
			stretch += e.stretch
			shrink += e.shrink
		}
	}
	var hyphen *frag
	if ln.brk < len(elems) && elems[ln.brk].kind == penalty && elems[ln.brk].hyphen != nil {
		hyphen = elems[ln.brk].hyphen
		nat += hyphen.w
	}
	delta := W - nat
	justify := align == alignJustify && (!ln.forced || delta < 0)
	if rtl != nil && (align == alignLeft || align == alignJustify && !justify) {
		align = alignRight
	}
	order := make([]int, 0, end-ln.start)
	if rtl != nil {
		order = visualOrder(elems, rtl, ln.start, end)
	} else {
		for k := ln.start; k < end; k++ {
			order = append(order, k)
		}
	}
	switch align {
	case alignCenter:
		x += delta / 2
	case alignRight:
		x += delta
	}
	if !justify {
		delta = 0
	}
	var items []Item
	var given Unit // glue adjustment handed out so far
	var acc Unit   // glue stretch or shrink seen so far
	pos := x
	for _, k := range order {
		e := &elems[k]
		switch e.kind {
		case box:
			frags := e.frags
			if rtl != nil && rtl[k] {
				frags = reversedFrags(frags)
			}
			for i := range frags {
				items = appendFrag(items, &frags[i], pos, y)
				pos += frags[i].w
			}
		case glue:
			adj := Unit(0)
			switch {
			case delta > 0 && stretch > 0:
				acc += e.stretch
				adj = delta*acc/stretch - given
			case delta < 0 && shrink > 0:
				acc += e.shrink
				adj = delta*acc/shrink - given
			}
			given += adj
			pos += e.w + adj
		}
	}
	if hyphen != nil {
		items = appendFrag(items, hyphen, pos, y)
	}
	return items, nat
}

// appendFrag appends the items that draw f with its origin at (x, baseline).
func appendFrag(items []Item, f *frag, x, baseline Unit) []Item {
	y := baseline - f.rise
	// a word cut at break opportunities it did not break at is one item
	if n := len(items); n > 0 && f.link == "" && !f.strike {
		if prev := &items[n-1]; prev.Kind == ItemText && prev.Face == f.face && prev.Size == f.size &&
			prev.Color == f.color && prev.Y == y && prev.X+prev.W == x {
			if len(f.kerns) > 0 {
				prev.Kerns = prev.Kerns[:len(prev.Kerns):len(prev.Kerns)] // never write into a frag's kerns
				for _, k := range f.kerns {
					prev.Kerns = append(prev.Kerns, Kern{At: k.At + len(prev.Text), Adjust: k.Adjust})
				}
			}
			prev.Text += f.text
			prev.W += f.w
			return items
		}
	}
	items = append(items, Item{Kind: ItemText, X: x, Y: y, W: f.w, Text: f.text, Face: f.face, Size: f.size, Color: f.color, Kerns: f.kerns})
	if f.strike {
		t := f.size / 18
		items = append(items, Item{Kind: ItemLine, X: x, Y: y - scale(f.face.XHeight, f.size)/2, W: f.w, Stroke: t, Color: f.color})
	}
	if f.link != "" {
		top := y - f.size*8/10
		items = append(items, Item{Kind: ItemLink, X: x, Y: top, W: f.w, H: f.size, URL: f.link})
	}
	return items
}
