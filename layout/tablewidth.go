package layout

import (
	"slices"
	"strings"
	"unicode"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/lazyregexp"
	"github.com/galleyprint/galley/page"
)

// Widths of block content that has no text to measure: a picture in a
// cell is at least minPictureW wide and would be maxPictureW at most.
var (
	minPictureW = page.Pt(48)
	maxPictureW = page.Pt(160)
)

// tableStyles are the text styles and padding of a table at one size.
type tableStyles struct {
	body, head textStyle
	pad        page.Unit
	// hyphenate measures a body or footer cell's narrowest width by the
	// widest piece of its words between hyphenation points: the last
	// resort before column groups (a header's words stay whole)
	hyphenate bool
}

// scaled returns s with its sizes, leading and padding scaled to size.
func (s tableStyles) scaled(size page.Unit) tableStyles {
	if size == s.body.size || s.body.size == 0 {
		return s
	}
	k := func(u page.Unit) page.Unit { return page.Unit(int64(u) * int64(size) / int64(s.body.size)) }
	out := s
	out.body.size, out.body.leading = size, k(s.body.leading)
	out.head.size, out.head.leading = k(s.head.size), k(s.head.leading)
	out.pad = k(s.pad)
	return out
}

// style returns the text style of cell c.
func (s tableStyles) style(c *gridCell) textStyle {
	if c.head {
		return s.head
	}
	return s.body
}

// measure shapes the text of every cell in st and finds each cell's
// narrowest and one-line widths, and the numeric columns.
func (f *flow) measure(g *tableGrid, st tableStyles) {
	for i := range g.cells {
		c := &g.cells[i]
		t := st.style(c)
		c.num, c.after = false, 0
		if len(c.src.Blocks) > 0 {
			c.elems = nil
			c.minW, c.maxW = f.blocksWidths(c.src.Blocks, t)
			continue
		}
		c.elems = f.s.paragraph(c.src.Text, t.run())
		c.minW, c.maxW = elemsWidths(c.elems)
		if st.hyphenate && !c.whole && f.s.hyph != nil && !f.th.noHyphens {
			c.minW = hyphenatedWidth(withHyphenationPoints(c.elems, f.s.hyph))
		}
	}
	f.findNumbers(g, st)
}

// elemsWidths returns the widest box of elems and their width on one
// line; a forced line break starts a new line.
func elemsWidths(elems []elem) (minW, maxW page.Unit) {
	var line page.Unit
	for _, e := range elems {
		switch e.kind {
		case box:
			minW = max(minW, e.w)
			line += e.w
		case glue:
			line += e.w
		case penalty:
			if e.penalty <= forcedPenalty {
				maxW = max(maxW, line)
				line = 0
			}
		}
	}
	return minW, max(maxW, line)
}

// hyphenatedWidth returns the widest piece of elems a line may hold
// when words break at their hyphenation points, a hyphen included.
func hyphenatedWidth(elems []elem) page.Unit {
	var widest, piece page.Unit
	for _, e := range elems {
		switch {
		case e.kind == box:
			piece += e.w
		case e.kind == penalty && e.hyphen != nil:
			widest = max(widest, piece+e.w)
			piece = 0
		default:
			widest = max(widest, piece)
			piece = 0
		}
	}
	return max(widest, piece)
}

// blocksWidths returns the narrowest and one-line widths of blocks set in
// style t in a cell: their text's, a list's with its indent, a picture's
// between minPictureW and maxPictureW.
func (f *flow) blocksWidths(blocks []article.Block, t textStyle) (minW, maxW page.Unit) {
	for i := range blocks {
		b := &blocks[i]
		var lo, hi page.Unit
		switch b.Kind {
		case article.KindParagraph, article.KindHeading, article.KindPullQuote:
			lo, hi = elemsWidths(f.s.paragraph(b.Text, t.run()))
		case article.KindCode:
			for _, ln := range strings.Split(b.Code, "\n") {
				w := fragsWidth(f.s.frags(ln, f.th.code.run()))
				hi = max(hi, w+2*f.th.codePad)
			}
			lo = min(hi, page.Pt(120))
		case article.KindList:
			for _, it := range b.Items {
				l, h := f.blocksWidths(it.Blocks, t)
				lo, hi = max(lo, l), max(hi, h)
			}
			lo, hi = lo+f.th.listIndent, hi+f.th.listIndent
		case article.KindQuote:
			lo, hi = f.blocksWidths(b.Blocks, t)
			lo, hi = lo+f.th.quoteIndent, hi+f.th.quoteIndent
		case article.KindFigure:
			lo, hi = minPictureW, maxPictureW
			if b.Figure != nil && len(b.Figure.Caption) > 0 {
				l, h := elemsWidths(f.s.paragraph(b.Figure.Caption, f.th.caption.run()))
				lo, hi = max(lo, min(l, maxPictureW)), max(hi, min(h, 2*maxPictureW))
			}
		case article.KindTable:
			lo, hi = minPictureW*2, maxPictureW*2
		}
		minW, maxW = max(minW, lo), max(maxW, hi)
	}
	return minW, maxW
}

// numberText matches the text of a numeric cell: an optional sign,
// currency or comparison, digits with group and decimal marks, an
// optional unit of up to three letters (cm, kg, bn) or footnote mark.
var numberText = lazyregexp.New(`^[-+−±~≈<>≤≥]?\s?[$€£¥]?\s?\(?\d[\d.,'\x{00a0}\x{202f} ]*\)?\s?(%|‰|°C?|[$€£¥]|\pL{1,3})?[*†‡]?$`)

// findNumbers marks the cells of numeric columns (three quarters of
// their body cells, and at least two, are numbers), and measures each
// number's part from its decimal mark on, so that the column is aligned
// on it.
func (f *flow) findNumbers(g *tableGrid, st tableStyles) {
	type column struct {
		nums, others int
		cells        []int
		texts        []string
	}
	cols := make([]column, g.ncol)
	for i := range g.cells {
		c := &g.cells[i]
		if g.part[c.row] == partHead || c.head || c.cols != 1 || len(c.src.Blocks) > 0 {
			continue
		}
		text := strings.TrimSpace(c.src.Text.Plain())
		if text == "" || text == "—" || text == "–" || text == "-" {
			continue
		}
		col := &cols[c.col]
		if numberText.MatchString(text) {
			col.nums++
			col.cells = append(col.cells, i)
			col.texts = append(col.texts, text)
		} else {
			col.others++
		}
	}
	for _, col := range cols {
		if col.nums < 2 || 4*col.nums < 3*(col.nums+col.others) {
			continue
		}
		mark := decimalMark(col.texts)
		widths := map[string]page.Unit{} // of the parts after the mark, which repeat
		for k, i := range col.cells {
			c := &g.cells[i]
			c.num = true
			after := afterMark(col.texts[k], mark)
			w, ok := widths[after]
			if !ok {
				w = fragsWidth(f.s.frags(after, st.style(c).run()))
				widths[after] = w
			}
			c.after = w
		}
	}
}

// decimalMark returns the decimal mark of a column of numbers: the one
// of '.' and ',' more cells use as one (the later of the two in a number
// that has both; one not followed by exactly three digits, which would
// make it a group mark); '.' when they tie.
func decimalMark(texts []string) byte {
	dot, comma := 0, 0
	for _, s := range texts {
		d, c := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
		switch {
		case d >= 0 && c >= 0:
			if d > c {
				dot++
			} else {
				comma++
			}
		case d >= 0 && digitsAfter(s[d+1:]) != 3:
			dot++
		case c >= 0 && digitsAfter(s[c+1:]) != 3:
			comma++
		}
	}
	if comma > dot {
		return ','
	}
	return '.'
}

// digitsAfter counts the digits s starts with.
func digitsAfter(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// afterMark returns the part of number s from its decimal mark on (from
// its last digit on when it has none): what stands right of the column's
// decimal axis.
func afterMark(s string, mark byte) string {
	if i := strings.LastIndexByte(s, mark); i >= 0 {
		return s[i:]
	}
	end := strings.LastIndexFunc(s, unicode.IsDigit)
	return s[end+1:]
}

// columnExtents returns each column's narrowest width (its longest
// word, its numbers) and its width with no line broken, padding
// included, as CSS's automatic table layout finds them: spanning cells
// widen the columns they span, in proportion to their widths, where
// these are too narrow for them.
func columnExtents(g *tableGrid, pad page.Unit) (minW, maxW []page.Unit) {
	minW = make([]page.Unit, g.ncol)
	maxW = make([]page.Unit, g.ncol)
	before := make([]page.Unit, g.ncol) // numbers' widths up to the mark
	after := make([]page.Unit, g.ncol)
	floor := 2*pad + page.Pt(6)
	for i := range minW {
		minW[i], maxW[i] = floor, floor
	}
	var spanning []int
	for i, c := range g.cells {
		if c.cols != 1 {
			spanning = append(spanning, i)
			continue
		}
		minW[c.col] = max(minW[c.col], c.minW+2*pad)
		maxW[c.col] = max(maxW[c.col], c.maxW+2*pad)
		if c.num {
			before[c.col] = max(before[c.col], c.maxW-c.after)
			after[c.col] = max(after[c.col], c.after)
		}
	}
	for k := range minW {
		minW[k] = max(minW[k], before[k]+after[k]+2*pad)
		maxW[k] = max(maxW[k], minW[k])
	}
	// narrower spans first, so that wider ones see what these asked
	slices.SortStableFunc(spanning, func(a, b int) int { return g.cells[a].cols - g.cells[b].cols })
	for _, i := range spanning {
		c := &g.cells[i]
		widen(minW[c.col:c.col+c.cols], c.minW+2*pad)
		widen(maxW[c.col:c.col+c.cols], c.maxW+2*pad)
	}
	for k := range minW {
		maxW[k] = max(maxW[k], minW[k])
	}
	return minW, maxW
}

// shareWidths shares a measure W among columns of the extents minW and
// maxW: when their one-line widths fit, the table takes them and is
// narrower than W; else each column gets its narrowest width and a share
// of the rest in proportion to what it would take more. It returns nil
// when even the narrowest widths do not fit.
func shareWidths(minW, maxW []page.Unit, W page.Unit) []page.Unit {
	var sumMin, sumMax page.Unit
	for k := range minW {
		sumMin += minW[k]
		sumMax += maxW[k]
	}
	switch {
	case sumMax <= W:
		return slices.Clone(maxW)
	case sumMin > W:
		return nil
	}
	out := make([]page.Unit, len(minW))
	var sum page.Unit
	for k := range out {
		out[k] = minW[k] + page.Unit(int64(maxW[k]-minW[k])*int64(W-sumMin)/int64(sumMax-sumMin))
		sum += out[k]
	}
	out[len(out)-1] += W - sum // the rounding, so the table spans W
	return out
}

// widen grows ws so that they sum to at least need, each in proportion
// to its width.
func widen(ws []page.Unit, need page.Unit) {
	var sum page.Unit
	for _, w := range ws {
		sum += w
	}
	if sum >= need || sum == 0 {
		return
	}
	extra := need - sum
	var given page.Unit
	for k := range ws {
		add := page.Unit(int64(extra) * int64(ws[k]) / int64(sum))
		ws[k] += add
		given += add
	}
	ws[len(ws)-1] += extra - given
}
