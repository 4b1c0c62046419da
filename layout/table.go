package layout

import (
	"github.com/galleyprint/galley/article"

	"github.com/galleyprint/galley/page"
)

// tableCell is a cell's elements and the columns it spans.
type tableCell struct {
	elems      []elem
	col, span  int
	align      alignment
	minW, maxW page.Unit // narrowest (longest word) and natural widths
}

// table lays out a table across the measure: column widths from the cells'
// narrowest and natural widths, cell text wrapped, one box per row so
// pages break between rows; header rows stay with the first body row.
func (f *flow) table(tb *article.Table) {
	th := f.th
	f.space(th.blockSpace)
	if len(tb.Caption) > 0 {
		t := th.caption
		f.setText(tb.Caption, t, alignLeft, 0, true, page.RoleBody)
	}
	pad := th.cellPad
	if longCell(tb) {
		// a cell of tens of thousands of words is set row by row, a
		// paragraph a row, shaped a piece at a time
		f.stackedTable(tb)
		return
	}
	rows := make([][]tableCell, 0, len(tb.Header)+len(tb.Rows))
	ncol := 0
	for ri, cells := range append(append([][]article.Cell{}, tb.Header...), tb.Rows...) {
		t := th.table
		if ri < len(tb.Header) {
			t = th.tableHead
		}
		var row []tableCell
		col := 0
		for _, c := range cells {
			span := max(c.ColSpan, 1)
			tc := tableCell{elems: f.s.paragraph(c.Text, t.run()), col: col, span: span, align: cellAlign(c.Align)}
			for _, e := range tc.elems {
				switch e.kind {
				case box:
					tc.minW = max(tc.minW, e.w)
					tc.maxW += e.w
				case glue:
					tc.maxW += e.w
				}
			}
			row = append(row, tc)
			col += span
		}
		ncol = max(ncol, col)
		rows = append(rows, row)
	}
	if ncol == 0 {
		return
	}
	widths := columnWidths(rows, ncol, f.w, pad)
	if widths == nil {
		f.stackedTable(tb)
		return
	}
	xs := make([]page.Unit, ncol+1)
	xs[0] = f.x
	for i, w := range widths {
		xs[i+1] = xs[i] + w
	}
	for ri, row := range rows {
		if f.stopped() {
			return
		}
		header := ri < len(tb.Header)
		t := th.table
		if header {
			t = th.tableHead
		}
		base := baselineIn(t)
		var items []page.Item
		h := page.Unit(0)
		for _, c := range row {
			end := min(c.col+c.span, ncol)
			W := xs[end] - xs[c.col] - 2*pad
			rtl := f.rightToLeft(c.elems)
			elems := withLevels(splitOverlong(c.elems, W, f.s.hyph), rtl)
			lines := breakGreedy(elems, func(int) page.Unit { return W }, false)
			for _, ln := range lines {
				f.reportEmergency(elems, ln)
			}
			for k, ln := range lines {
				its, _ := setLineDir(elems, ln, xs[c.col]+pad, pad+page.Unit(k)*t.leading+base, W, c.align, rtl)
				items = append(items, its...)
			}
			h = max(h, page.Unit(len(lines))*t.leading)
		}
		h += 2 * pad
		stroke, color := page.Pt(0.3), th.ruleColor
		if header || ri == len(rows)-1 {
			stroke, color = page.Pt(0.75), page.Black
		}
		// the rules lie inside the row's box, which may stand at the top
		// or foot of a page
		items = append(items, page.Item{Kind: page.ItemLine, X: f.x, Y: h - stroke/2, W: xs[ncol] - f.x, Stroke: stroke, Color: color})
		if ri == 0 {
			items = append(items, page.Item{Kind: page.ItemLine, X: f.x, Y: page.Pt(0.75) / 2, W: xs[ncol] - f.x, Stroke: page.Pt(0.75), Color: page.Black})
		}
		f.push(vbox{h: h, items: items, keep: header, kind: page.RoleBody, baseline: pad + base})
	}
	f.space(th.blockSpace)
	f.prevPara = false
}

func cellAlign(a article.Align) alignment {
	switch a {
	case article.AlignCenter:
		return alignCenter
	case article.AlignEnd:
		return alignRight
	}
	return alignLeft
}

// columnWidths shares the measure W among ncol columns: natural widths
// when they fit (the slack shared out evenly), else the narrowest widths
// plus a share of the rest in proportion to how much each column wants.
func columnWidths(rows [][]tableCell, ncol int, W, pad page.Unit) []page.Unit {
	minW := make([]page.Unit, ncol)
	maxW := make([]page.Unit, ncol)
	for _, row := range rows {
		for _, c := range row {
			if c.span != 1 || c.col >= ncol {
				continue
			}
			minW[c.col] = max(minW[c.col], c.minW+2*pad)
			maxW[c.col] = max(maxW[c.col], c.maxW+2*pad)
		}
	}
	var sumMin, sumMax page.Unit
	for i := range minW {
		minW[i] = max(minW[i], 2*pad+page.Pt(12))
		maxW[i] = max(maxW[i], minW[i])
		sumMin += minW[i]
		sumMax += maxW[i]
	}
	// a column narrower than this cannot hold a character and its padding
	floor := 2*pad + page.Pt(12)
	if page.Unit(ncol)*floor > W {
		return nil
	}
	out := make([]page.Unit, ncol)
	switch {
	case sumMax <= W:
		slack := W - sumMax
		for i := range out {
			out[i] = maxW[i] + slack/page.Unit(ncol)
		}
	case sumMin >= W:
		// every column gets the floor, and the rest in proportion to what
		// its longest word needs beyond it
		var over page.Unit
		for _, m := range minW {
			over += m - floor
		}
		for i := range out {
			out[i] = floor
			if over > 0 {
				out[i] += page.Unit(int64(minW[i]-floor) * int64(W-page.Unit(ncol)*floor) / int64(over))
			}
		}
	default:
		for i := range out {
			out[i] = minW[i] + page.Unit(int64(maxW[i]-minW[i])*int64(W-sumMin)/int64(sumMax-sumMin))
		}
	}
	// rounding leftovers go to the last column, so the table spans W exactly
	var sum page.Unit
	for _, w := range out {
		sum += w
	}
	out[ncol-1] += W - sum
	return out
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
