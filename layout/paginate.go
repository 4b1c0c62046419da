package layout

import (
	"slices"

	"github.com/galleyprint/galley/page"
)

// placed is a box on a page: in column col (-1 for a box spanning all
// columns) at y from the frame's top, h high. The image of a figure's box
// is img high (see figBox); other boxes have their own height and img 0.
type placed struct {
	box int
	col int
	y   page.Unit
	h   page.Unit
	img page.Unit
	// head is set on the repeated head of boxes[box] (vbox.head): a
	// table's caption and header rows at the top of a column it
	// continues in
	head bool
}

// pageFill is one page: its boxes, and the footnotes set at the foot of
// each column.
type pageFill struct {
	boxes []placed
	notes []columnNotes
}

// columnNotes are the footnotes of column col, set from y (from the
// frame's top) down to the frame's foot.
type columnNotes struct {
	col   int
	y     page.Unit
	notes []int
}

// grid is the page's text area: n columns of height H. With line set,
// lines of body text that height stand on a baseline grid of that step, so
// that the lines of neighbouring columns line up.
type grid struct {
	n    int
	H    page.Unit
	line page.Unit
}

// noteGap is the space above a column's footnotes, with a short rule in it.
var noteGap = page.Pt(12)

// pager distributes boxes over pages.
type pager struct {
	boxes []vbox
	g     grid
	done  []bool            // spanning boxes placed ahead of the flow
	noteH map[int]page.Unit // height of each footnote
	// nextSpan[i] is the first spanning box from i (len(boxes) if none);
	// lastText is the last box that is not spanning (-1 if none)
	nextSpan []int
	lastText int
	// spare is the array of placed boxes of a column filled and done
	// with, for the next fill to place its boxes in: balancing fills
	// columns dozens of times to measure them, and each grew its own
	spare []placed
}

// giveBack makes col's array of placed boxes the next fill's: the caller
// is done with col.
func (p *pager) giveBack(col column) {
	if cap(col.placed) > cap(p.spare) {
		p.spare = col.placed[:0]
	}
}

// column is one column being filled: its boxes and the footnotes their
// markers call for.
type column struct {
	placed []placed
	notes  []int
	notesH page.Unit // with the gap above them; 0 without notes
}

// paginate distributes boxes over pages of one column of height H.
func paginate(boxes []vbox, H page.Unit) [][]placed {
	var out [][]placed
	fills, _ := paginateGrid(boxes, grid{n: 1, H: H}, nil, nil)
	for _, p := range fills {
		out = append(out, p.boxes)
	}
	return out
}

// paginateGrid distributes boxes over pages of g.n columns. Boxes marked
// span (the title block, wide figures) run across all columns at the top
// of a page: at the start of the flow they open page 1; met later, they
// go on top of the page whose columns reach them when there is room, else
// wait for the next page while the text after them fills this one. The
// columns are filled one after another (see fill); on the page where the
// text ends, they are balanced. noteH gives the height of each footnote a
// box's markers call for (vbox.notes); the notes of a column stand at its
// foot, on the page of their markers. Before each page, and after the
// last, stop (when not nil) is asked with the number of pages made so
// far; an error from it ends the pagination and is returned.
func paginateGrid(boxes []vbox, g grid, noteH map[int]page.Unit, stop func(pages int) error) ([]pageFill, error) {
	p := &pager{boxes: boxes, g: g, done: make([]bool, len(boxes)), noteH: noteH,
		nextSpan: make([]int, len(boxes)+1), lastText: -1}
	p.nextSpan[len(boxes)] = len(boxes)
	for k := len(boxes) - 1; k >= 0; k-- {
		p.nextSpan[k] = p.nextSpan[k+1]
		if boxes[k].span {
			p.nextSpan[k] = k
		} else if p.lastText < 0 {
			p.lastText = k
		}
	}
	var pages []pageFill
	var held []int     // a column figure waiting for the next column
	var heldSpan []int // spanning boxes waiting for the next page
	i := 0
	for i < len(boxes) || len(held) > 0 || len(heldSpan) > 0 {
		if stop != nil {
			if err := stop(len(pages)); err != nil {
				return nil, err
			}
		}
		var fill pageFill
		top := page.Unit(0)
		putSpan := func(k int) bool {
			before := boxes[k].before
			if len(fill.boxes) == 0 {
				before = 0
			}
			// a figure scales down to the room left; below its least
			// size only when it cannot move on: first on the page, or
			// kept with the box above it
			n := len(fill.boxes)
			cannotMove := n == 0 || fill.boxes[n-1].box == k-1 && boxes[k-1].keep
			h, img, ok := p.fit(k, g.H-top-before, cannotMove)
			if !ok && n > 0 {
				return false
			}
			fill.boxes = append(fill.boxes, placed{box: k, col: -1, y: top + before, h: h, img: img})
			top += before + h
			p.done[k] = true
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
			pages = append(pages, fill) // spanning boxes fill the page
			continue
		}
		// spanning figures the columns below would reach go on top of
		// this page, while the columns keep three lines or more
		if g.n > 1 {
			for _, k := range p.spansMet(i, held, g.H-top) {
				if g.H-top-boxes[k].h < 3*boxes[min(i, len(boxes)-1)].h || !putSpan(k) {
					break
				}
			}
		}
		if top > 0 && g.n > 1 {
			top = min(top+g.line, g.H) // a line's space between the spanning boxes and the columns
		}
		full := g.H - top // the columns' height, footnotes included
		heights, below := p.lastPage(i, held, full)
		for _, k := range below {
			full -= boxes[k].before + boxes[k].h
		}
		bottom := top
		for c := 0; c < g.n && (i < len(boxes) || len(held) > 0); c++ {
			var col column
			H := full
			if c < len(heights) {
				H = heights[c]
			}
			col, i, held, heldSpan = p.fill(i, held, heldSpan, H, full, g.n > 1)
			fill.boxes = slices.Grow(fill.boxes, len(col.placed))
			for _, pl := range col.placed {
				pl.col, pl.y = c, pl.y+top
				fill.boxes = append(fill.boxes, pl)
				bottom = max(bottom, pl.y+pl.h)
			}
			p.giveBack(col)
			if len(col.notes) > 0 {
				fill.notes = append(fill.notes, columnNotes{col: c, y: top + full - col.notesH, notes: col.notes})
			}
		}
		for _, k := range below {
			h, img := p.natural(k)
			fill.boxes = append(fill.boxes, placed{box: k, col: -1, y: bottom + boxes[k].before, h: h, img: img})
			bottom += boxes[k].before + boxes[k].h
		}
		pages = append(pages, fill)
	}
	if stop != nil {
		if err := stop(len(pages)); err != nil {
			return nil, err
		}
	}
	return pages, nil
}

// lastPage returns the heights to fill the columns to: on the page where
// the text ends, the heights that balance them (see balance), with the
// spanning figures that end the article set below them; else nil, for
// columns filled to full.
func (p *pager) lastPage(i int, held []int, full page.Unit) ([]page.Unit, []int) {
	if p.g.n < 2 || len(held) > 0 {
		return nil, nil
	}
	if tail := p.spansAfterText(i); tail != nil {
		// the text ends on this page with spanning figures after it:
		// balance the columns and set the figures below them rather than
		// alone on a page of their own
		tailH := page.Unit(0)
		for _, k := range tail {
			tailH += p.boxes[k].before + p.boxes[k].h
			p.done[k] = true
		}
		if hs, ok := p.balance(i, full-tailH); ok {
			return hs, tail
		}
		for _, k := range tail {
			p.done[k] = false
		}
		return nil, nil
	}
	if !p.spanAhead(i, len(p.boxes)) {
		if hs, ok := p.balance(i, full); ok {
			return hs, nil
		}
	}
	return nil, nil
}

// fill fills one column from box i, after the boxes of a figure held from
// the previous column: the boxes stand within H, and with the footnotes
// their markers call for within full. A column breaks before the first
// box that does not fit, moved back past boxes that must stay with their
// successor; a chain of kept boxes taller than the column breaks where it
// must. Space before a box is dropped at the column's top.
//
// A figure never leaves its column: one that does not fit in what is
// left of it is scaled down to fit (to its least size; see figBox), or
// else moves to the top of the next column while the text after it flows
// on to fill this one, as in a newspaper; only one figure waits at a
// time, so figures keep their order. At the top of a column a figure
// takes at most the column's height, scaled down to its floor if need
// be; in a column under spanning boxes too short even for that, it waits
// for the next while the text fills this one. Figures are scaled only in
// columns filled to full, never to balance them. With spanning set, spanning boxes met in the flow are set
// aside for the next page's top.
func (p *pager) fill(i int, held, heldSpan []int, H, full page.Unit, spanning bool) (col column, next int, nextHeld, nextSpan []int) {
	boxes := p.boxes
	col.placed, p.spare = p.spare, nil
	y := page.Unit(0)
	// space returns the space above box k at y
	space := func(k int) page.Unit {
		if len(col.placed) == 0 {
			return p.snap(y, 0, k)
		}
		return p.snap(y, boxes[k].before, k)
	}
	put := func(k int, before, h, img page.Unit) {
		col.placed = append(col.placed, placed{box: k, y: y + before, h: h, img: img})
		y += before + h
		col.notesH = p.addNotes(&col.notes, col.notesH, boxes[k].notes)
	}
	// top places box k at the column's top: a figure within full, scaled
	// to its floor if need be; it reports false for a figure that does
	// not fit even so, under spanning boxes
	top := func(k int) bool {
		if hd := boxes[k].head; hd != nil {
			// a table continued: its head first
			col.placed = append(col.placed, placed{box: k, y: y, h: hd.h, head: true})
			y += hd.h
		}
		before := space(k)
		h, img, ok := p.fit(k, full-p.notesWith(col, boxes[k].notes)-before-p.rest(k), true)
		if !ok && boxes[k].fig != nil && full < p.g.H {
			return false
		}
		put(k, before, h, img)
		return true
	}
	var waiting []int // the held figure, when it does not fit here either
	if len(held) > 0 && !top(held[0]) {
		waiting = held
	} else {
		for _, k := range held[min(1, len(held)):] {
			h, img := p.natural(k)
			put(k, space(k), h, img)
		}
	}
	fixed := len(col.placed) // placed first; never moved back
	held = waiting
	moved := false // a figure before box i waits: the text closes up
	for i < len(boxes) {
		b := &boxes[i]
		if p.done[i] {
			i++
			continue
		}
		if spanning && b.span {
			for i < len(boxes) && boxes[i].span {
				if !p.done[i] {
					heldSpan = append(heldSpan, i)
				}
				i++
			}
			moved = true
			continue
		}
		if len(col.placed) == 0 {
			if top(i) {
				i++
				continue
			}
			// too short for the figure: it waits, the text fills the column
			if end, ok := p.floatable(i, p.g.H); ok && held == nil {
				for k := i; k < end; k++ {
					held = append(held, k)
				}
				i = end
				continue
			}
			break
		}
		before := space(i)
		if moved && b.afterFigure {
			before = p.snap(y, b.closeUp, i)
		}
		moved = false
		room := min(H, full-p.notesWith(col, b.notes)) - y - before - p.rest(i)
		if h, img, ok := p.fit(i, room, false); ok && (img == 0 || img == b.fig.natH || H == full) {
			put(i, before, h, img)
			i++
			continue
		}
		if end, ok := p.floatable(i, H); ok && held == nil {
			for k := i; k < end; k++ {
				held = append(held, k)
			}
			i = end
			moved = true
			continue
		}
		// move back past boxes kept with their successor, unless that
		// empties the column
		n := len(col.placed)
		for n > fixed && boxes[col.placed[n-1].box].keep {
			n--
		}
		if n == fixed && n < len(col.placed) && b.fig != nil && H == full {
			// a figure kept with all that is above it (the title block,
			// a heading at the column's top) takes what is left
			if h, img, ok := p.fit(i, room, true); ok {
				put(i, before, h, img)
				i++
				continue
			}
		}
		if n > fixed && n < len(col.placed) {
			i = col.placed[n].box
			col.placed = col.placed[:n]
			col.notes, col.notesH = nil, 0
			for _, pl := range col.placed {
				col.notesH = p.addNotes(&col.notes, col.notesH, boxes[pl.box].notes)
			}
		}
		break
	}
	return col, i, held, heldSpan
}

// rest returns the height of the boxes after box k that belong to its
// figure: the lines of a caption too long to share a box with its image.
func (p *pager) rest(k int) page.Unit {
	var h page.Unit
	if g := p.boxes[k].group; g > 0 && p.boxes[k].fig != nil {
		for j := k + 1; j < len(p.boxes) && p.boxes[j].group == g; j++ {
			h += p.boxes[j].before + p.boxes[j].h
		}
	}
	return h
}

// natural returns the height of box k, and for a figure its image's
// height, at their natural size.
func (p *pager) natural(k int) (h, img page.Unit) {
	b := &p.boxes[k]
	if b.fig != nil {
		return b.h, b.fig.natH
	}
	return b.h, 0
}

// fit returns the height box k takes in room, and for a figure its
// image's: their natural size when it fits; else a figure's scaled down
// to fit, to no less than its least image height (its floor with force).
// ok is false when the box does not fit; h and img are then the natural
// ones.
func (p *pager) fit(k int, room page.Unit, force bool) (h, img page.Unit, ok bool) {
	h, img = p.natural(k)
	fb := p.boxes[k].fig
	if h <= room || fb == nil {
		return h, img, h <= room
	}
	lo := fb.least
	if force {
		lo = fb.floor
	}
	if ih, fh, ok := fb.fit(room, lo); ok {
		return fh, ih, true
	}
	return h, img, false
}

// snap returns the space above box k at y, grown so that a line of body
// text lands on the grid. Above a heading it grows by what the line after
// the heading would otherwise gain, so that the heading keeps its own
// space to the text it introduces and the extra space goes above it.
func (p *pager) snap(y, before page.Unit, k int) page.Unit {
	b := &p.boxes[k]
	L := p.g.line
	if L <= 0 {
		return before
	}
	end := y + before // where the next body line would start
	switch {
	case b.kind == page.RoleBody && b.h == L:
	case b.kind == page.RoleHeading && (k == 0 || p.boxes[k-1].kind != page.RoleHeading):
		end += b.h
		j := k + 1
		for ; j < len(p.boxes) && p.boxes[j].kind == page.RoleHeading; j++ {
			end += p.boxes[j].before + p.boxes[j].h
		}
		if j == len(p.boxes) || p.boxes[j].kind != page.RoleBody || p.boxes[j].h != L {
			return before
		}
		end += p.boxes[j].before
	default:
		return before
	}
	if r := end % L; r != 0 {
		before += L - r
	}
	return before
}

// end returns where a column's last box ends; an empty column ends at 0.
func (p *pager) end(col column) page.Unit {
	n := len(col.placed)
	if n == 0 {
		return 0
	}
	last := col.placed[n-1]
	return last.y + last.h
}

// addNotes adds the footnotes of a box to a column's and returns their
// height.
func (p *pager) addNotes(notes *[]int, h page.Unit, add []int) page.Unit {
	for _, n := range add {
		if !slices.Contains(*notes, n) {
			if len(*notes) == 0 {
				h = noteGap
			}
			*notes = append(*notes, n)
			h += p.noteH[n]
		}
	}
	return h
}

// notesWith returns the height of a column's footnotes with those of a
// box added.
func (p *pager) notesWith(col column, add []int) page.Unit {
	if len(add) == 0 {
		return col.notesH
	}
	notes := slices.Clone(col.notes)
	return p.addNotes(&notes, col.notesH, add)
}

// spansMet returns the spanning boxes the columns of height H would meet
// from box i.
func (p *pager) spansMet(i int, held []int, H page.Unit) []int {
	var met []int
	for c := 0; c < p.g.n && (i < len(p.boxes) || len(held) > 0); c++ {
		var col column
		col, i, held, met = p.fill(i, held, met, H, H, true)
		p.giveBack(col)
	}
	return met
}

// spansAfterText returns the spanning boxes after box i when only they
// and no text follow the last column box: figures at the end of the
// article.
func (p *pager) spansAfterText(i int) []int {
	last := p.lastText
	if last < i || p.spanAhead(i, last) {
		return nil
	}
	var tail []int
	for k := last; k < len(p.boxes); k++ {
		if p.boxes[k].span && !p.done[k] {
			tail = append(tail, k)
		}
	}
	return tail
}

// spanAhead reports whether a spanning box not yet placed lies in [i, end).
func (p *pager) spanAhead(i, end int) bool {
	for k := p.nextSpan[min(i, len(p.boxes))]; k < end; k = p.nextSpan[k+1] {
		if !p.done[k] {
			return true
		}
	}
	return false
}

// balance returns the heights to fill the columns to when the boxes from
// i fit in the columns at height full: the heights that make the
// columns' ends closest, so that the last page's columns end level. It
// reports false when the boxes need another page.
func (p *pager) balance(i int, full page.Unit) ([]page.Unit, bool) {
	hs, _, _, ok := p.balanceFrom(i, nil, p.g.n, full)
	return hs, ok
}

// balanceFrom balances the boxes from i (after the held figure) over n
// columns within full: it returns each column's height, where the
// columns' ends lie (the least and the greatest), and whether the boxes
// fit. The first column's candidate heights run from the least uniform
// height that holds the boxes to four lines either side of it; the other
// columns are balanced alike, in turn.
func (p *pager) balanceFrom(i int, held []int, n int, full page.Unit) (hs []page.Unit, lo, hi page.Unit, ok bool) {
	// fits reports whether n columns of height h hold the boxes
	fits := func(h page.Unit) bool {
		k, held := i, held
		for range n {
			var col column
			col, k, held, _ = p.fill(k, held, nil, h, full, false)
			p.giveBack(col)
		}
		return k == len(p.boxes) && len(held) == 0
	}
	if !fits(full) {
		return nil, 0, 0, false
	}
	least, most := page.Unit(0), full // fits at most
	for most-least > page.Point/4 {
		if mid := (least + most) / 2; fits(mid) {
			most = mid
		} else {
			least = mid
		}
	}
	if n == 1 {
		col, _, _, _ := p.fill(i, held, nil, full, full, false)
		end := p.end(col)
		p.giveBack(col)
		return []page.Unit{full}, end, end, true
	}
	line := p.boxes[len(p.boxes)-1].h
	lastEnd := page.Unit(-1)
	for h := max(most-4*line, page.Point); h <= min(full, most+4*line); h += page.Point {
		col, k, held, _ := p.fill(i, held, nil, h, full, false)
		end, placed := p.end(col), len(col.placed)
		p.giveBack(col)
		if placed == 0 || end == lastEnd {
			continue // the same first column as the height before
		}
		lastEnd = end
		rest, rlo, rhi, fit := p.balanceFrom(k, held, n-1, full)
		if !fit {
			continue
		}
		if l, h2 := min(rlo, end), max(rhi, end); !ok || h2-l < hi-lo {
			hs, lo, hi, ok = append([]page.Unit{h}, rest...), l, h2, true
		}
	}
	return hs, lo, hi, ok
}

// floatable reports whether the boxes from i form a figure that may wait
// for the next column while the text after it fills this one, and where
// the figure ends: it must fit in a column (scaled to its floor), text
// must follow it, and the box before it must not be kept with it (a
// heading over the figure).
func (p *pager) floatable(i int, H page.Unit) (int, bool) {
	boxes := p.boxes
	g := boxes[i].group
	if g == 0 || boxes[i].kind != page.RoleFigure || i > 0 && boxes[i-1].keep && boxes[i-1].group != g {
		return 0, false
	}
	end, h := i, page.Unit(0)
	for end < len(boxes) && boxes[end].group == g {
		h += boxes[end].before + boxes[end].h
		if fb := boxes[end].fig; fb != nil {
			h -= boxes[end].h - fb.height(fb.floor)
		}
		end++
	}
	if end >= len(boxes) || h > H {
		return 0, false
	}
	return end, true
}
