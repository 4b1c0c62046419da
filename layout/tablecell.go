package layout

import (
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/page"
)

// narrowCell is the measure, in ems of its text, below which a body
// cell's words may be hyphenated at the end of a line: in a wider cell,
// and in a header row, a word that does not fit goes to the next line
// whole (and is broken only when it is wider than the cell).
const narrowCell = 12

// cellItems lays out cell c, set in style t with padding pad, in the
// columns from x that are w wide, and returns its items (relative to its
// row's top, its first line vpad below it) and the height of its
// content. A number is set with its
// decimal mark at the column's axis: after is the column's widest part
// from the mark on.
func (f *flow) cellItems(c *gridCell, t textStyle, pad, vpad, x, w page.Unit, align alignment, after page.Unit) ([]page.Item, page.Unit) {
	W := max(w-2*pad, page.Pt(1))
	if len(c.src.Blocks) > 0 {
		return f.cellBlocks(c.src.Blocks, t, x+pad, W, vpad)
	}
	elems := c.elems
	if c.maxW > W && W < narrowCell*t.size && !c.whole && f.s.hyph != nil && !f.th.noHyphens {
		elems = withHyphenationPoints(elems, f.s.hyph)
	}
	rtl := f.rightToLeft(elems)
	elems = withLevels(splitOverlong(elems, W, f.s.hyph), rtl)
	lines := breakGreedy(elems, func(int) page.Unit { return W }, false)
	for _, ln := range lines {
		f.reportEmergency(elems, ln)
	}
	left, lineW := x+pad, W
	if c.num && len(lines) == 1 {
		// right-aligned short of the axis by what the widest number has
		// past its mark more than this one
		lineW = max(W-(after-c.after), 0)
		align = alignRight
	}
	base := baselineIn(t)
	var items []page.Item
	for k, ln := range lines {
		its, _ := setLineDir(elems, ln, left, vpad+page.Unit(k)*t.leading+base, lineW, align, rtl)
		items = append(items, its...)
	}
	return items, page.Unit(len(lines)) * t.leading
}

// cellBlocks lays out the blocks of a cell in a flow of their own, w wide
// from x, with the table's text style for body text, flush left; it
// returns their items, from pad down, and height.
func (f *flow) cellBlocks(blocks []article.Block, t textStyle, x, w, pad page.Unit) ([]page.Item, page.Unit) {
	sub := *f
	th := *f.th
	th.ragged = true
	sub.th = &th
	sub.body = t
	sub.boxes = nil
	sub.x, sub.w = x, w
	sub.cols, sub.colW, sub.frameW = 1, w, w
	// the cell's boxes count against the page limit with the flow's
	sub.pending = 0
	sub.prevPara, sub.wantDropCap, sub.figureEnded = false, false, false
	sub.blocks(blocks)
	f.reports, f.unplaced, f.err = sub.reports, sub.unplaced, sub.err
	f.groups, f.noteURLs = sub.groups, sub.noteURLs
	var items []page.Item
	y := page.Unit(0)
	for i, b := range sub.boxes {
		if i > 0 {
			y += b.before
		}
		for _, it := range b.items {
			it.Y += pad + y
			items = append(items, it)
		}
		y += b.h
	}
	return items, y
}

// textBox sets text in style t, w wide from x, as lines of one box: a
// caption or a note. With centreShort a text of one line is centred.
func (f *flow) textBox(text article.Text, t textStyle, x, w page.Unit, align alignment, centreShort bool) ([]page.Item, page.Unit) {
	elems := f.s.paragraph(text, t.run())
	rtl := f.rightToLeft(elems)
	elems = withLevels(splitOverlong(elems, w, f.s.hyph), rtl)
	lines := breakGreedy(elems, func(int) page.Unit { return w }, false)
	if centreShort && len(lines) == 1 {
		align = alignCenter
	}
	base := baselineIn(t)
	var items []page.Item
	for k, ln := range lines {
		its, _ := setLineDir(elems, ln, x, page.Unit(k)*t.leading+base, w, align, rtl)
		items = append(items, its...)
	}
	return items, page.Unit(len(lines)) * t.leading
}

// rowPiece is the part of a row on one page.
type rowPiece struct {
	items []page.Item
	h     page.Unit
}

// splitRow returns a row of height h as pieces no taller than limit, cut
// between lines of text: only a row taller than a page is split. Rules
// and pictures go with the piece where they start.
func splitRow(items []page.Item, h, limit page.Unit) []rowPiece {
	if h <= limit || limit <= 0 {
		return []rowPiece{{items: items, h: h}}
	}
	var out []rowPiece
	for h > limit {
		cut := limit
		// move the cut up above every line of text it would cross
		for moved := true; moved; {
			moved = false
			for _, it := range items {
				if it.Kind != page.ItemText {
					continue
				}
				top, bottom := it.Y-it.Size*8/10, it.Y+it.Size*3/10
				if top < cut && bottom > cut {
					cut, moved = top, true
				}
			}
		}
		if cut <= 0 {
			cut = limit // one line taller than the page: cut through it
		}
		var piece, rest []page.Item
		for _, it := range items {
			top := it.Y
			if it.Kind == page.ItemText {
				top = it.Y - it.Size*8/10
			}
			if top < cut {
				piece = append(piece, it)
			} else {
				it.Y -= cut
				rest = append(rest, it)
			}
		}
		out = append(out, rowPiece{items: piece, h: cut})
		items, h = rest, h-cut
	}
	return append(out, rowPiece{items: items, h: h})
}

// longCell reports a table with a cell longer than streamBytes, whose
// text a grid would shape whole.
func longCell(tb *article.Table) bool {
	for _, rows := range [][][]article.Cell{tb.Header, tb.Rows} {
		for _, row := range rows {
			for _, c := range row {
				if textLen(c.Text) > streamBytes {
					return true
				}
			}
		}
	}
	return false
}

// stackedTable prints a table too wide for the measure row by row: each
// row a paragraph of "header: value" pairs, rows separated by hairlines.
func (f *flow) stackedTable(tb *article.Table) {
	th := f.th
	t := th.table
	headers := map[int]article.Text{}
	if len(tb.Header) > 0 {
		col := 0
		for _, c := range tb.Header[len(tb.Header)-1] {
			headers[col] = c.Text
			col += max(c.ColSpan, 1)
		}
	}
	for ri, cells := range append(append([][]article.Cell{}, tb.Header...), tb.Rows...) {
		if f.stopped() {
			return
		}
		if ri < len(tb.Header) && len(headers) > 0 {
			continue // the headers label every value instead
		}
		var text article.Text
		col := 0
		for i, c := range cells {
			if i > 0 {
				text = append(text, article.Inline{Text: " · "})
			}
			if h, ok := headers[col]; ok && len(h) > 0 {
				for _, in := range h {
					in.Bold = true
					text = append(text, in)
				}
				text = append(text, article.Inline{Text: ": ", Bold: true})
			}
			text = append(text, c.Text...)
			col += max(c.ColSpan, 1)
		}
		f.setText(text, t, alignLeft, 0, false, page.RoleBody)
		f.push(vbox{h: page.Pt(4), items: []page.Item{{Kind: page.ItemLine, X: f.x, Y: page.Pt(2), W: f.w, Stroke: page.Pt(0.3), Color: f.th.ruleColor}}})
	}
	f.space(th.blockSpace)
	f.prevPara = false
}
