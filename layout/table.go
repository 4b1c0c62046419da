package layout

import (
	"slices"
	"strings"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/page"
)

// The rules of a table, as booktabs sets them: heavy above and below the
// table, light under the header and above the footer, lighter under a
// header cell that spans columns; no vertical rules, none between rows.
var (
	heavyRule = page.Pt(0.8)
	lightRule = page.Pt(0.5)
	spanRule  = page.Pt(0.35)
)

// minTableSize is the least size a table too wide for the measure is set
// at before it is split into column groups.
var minTableSize = page.Pt(7)

// table lays out a table (docs/tables.md): columns as wide as their
// content asks, within the measure; set smaller, down to minTableSize,
// when even its narrowest columns do not fit; split into column groups
// that repeat the row headers when they do not fit at that size either.
// Each row is a box, so pages break between rows; rows continued on a
// page are headed by the caption marked "(continued)" and the header
// rows.
func (f *flow) table(tb *article.Table) {
	th := f.th
	f.space(th.blockSpace)
	if longCell(tb) {
		// a cell of tens of thousands of words is set row by row, a
		// paragraph a row, shaped a piece at a time
		if len(tb.Caption) > 0 {
			f.setText(tb.Caption, th.caption, alignLeft, 0, true, page.RoleBody)
		}
		f.stackedTable(tb)
		return
	}
	g := buildGrid(tb)
	if g.ncol == 0 {
		return
	}
	base := tableStyles{body: th.table, head: th.tableHead, pad: th.cellPad}
	st := base
	f.measure(g, st)
	minW, maxW := columnExtents(g, st.pad)
	widths := shareWidths(minW, maxW, f.w)
	if widths == nil {
		st, minW, maxW, widths = f.shrinkTable(g, st)
	}
	all := make([]int, g.ncol)
	for i := range all {
		all[i] = i
	}
	if widths != nil {
		f.setTable(tb, g, st, all, widths, false, true)
	} else {
		// groups have the room to keep words whole, and the columns
		// their space
		st = base.scaled(minTableSize)
		f.measure(g, st)
		minW, maxW = columnExtents(g, st.pad)
		groups := columnGroups(g, minW, f.w)
		for i, cols := range groups {
			sub := make([]page.Unit, len(cols))
			subMax := make([]page.Unit, len(cols))
			for k, c := range cols {
				sub[k], subMax[k] = minW[c], maxW[c]
			}
			ws := shareWidths(sub, subMax, f.w)
			if ws == nil { // a group of one column too wide: it takes the measure
				ws = fitWidths(sub, f.w)
			}
			if i > 0 {
				f.space(th.blockSpace)
			}
			f.setTable(tb, g, st, cols, ws, i > 0, i == len(groups)-1)
			if f.stopped() {
				return
			}
		}
	}
	f.space(th.blockSpace)
	f.prevPara = false
}

// shrinkTable sets the table's text smaller until its narrowest columns
// fit the measure, down to minTableSize, where it tries the columns
// closer together (half their padding), then its body words hyphenated;
// it returns the styles and the column extents chosen, and the widths,
// nil when the table does not fit even so.
func (f *flow) shrinkTable(g *tableGrid, base tableStyles) (tableStyles, []page.Unit, []page.Unit, []page.Unit) {
	size := base.body.size
	for {
		minW, _ := columnExtents(g, base.scaled(size).pad)
		var sum page.Unit
		for _, w := range minW {
			sum += w
		}
		// widths grow about as the size does: aim there, a little under
		next := page.Unit(int64(size) * int64(f.w) / int64(max(sum, 1)))
		next = max(min(next-page.Pt(0.1), size-page.Pt(0.25)), minTableSize)
		st := base.scaled(next)
		f.measure(g, st)
		minW, maxW := columnExtents(g, st.pad)
		if ws := shareWidths(minW, maxW, f.w); ws != nil {
			return st, minW, maxW, ws
		}
		if next == minTableSize {
			// the last resorts: the columns closer together, then
			// words hyphenated in their cells as well
			st.pad /= 2
			minW, maxW := columnExtents(g, st.pad)
			if ws := shareWidths(minW, maxW, f.w); ws != nil {
				return st, minW, maxW, ws
			}
			st.hyphenate = true
			f.measure(g, st)
			minW, maxW = columnExtents(g, st.pad)
			return st, minW, maxW, shareWidths(minW, maxW, f.w)
		}
		size = next
	}
}

// columnGroups splits the columns into groups that fit W at their
// narrowest, each led by the row headers' columns.
func columnGroups(g *tableGrid, minW []page.Unit, W page.Unit) [][]int {
	var lead []int
	var leadW page.Unit
	for c := range g.rowHeads {
		lead = append(lead, c)
		leadW += minW[c]
	}
	if leadW > W/2 {
		lead, leadW = nil, 0 // row headers that would leave no room
	}
	var groups [][]int
	cur, w := append([]int(nil), lead...), leadW
	for c := len(lead); c < g.ncol; c++ {
		if w+minW[c] > W && len(cur) > len(lead) {
			groups = append(groups, cur)
			cur, w = append([]int(nil), lead...), leadW
		}
		cur = append(cur, c)
		w += minW[c]
	}
	return append(groups, cur)
}

// fitWidths scales widths down to sum to W.
func fitWidths(ws []page.Unit, W page.Unit) []page.Unit {
	var sum page.Unit
	for _, w := range ws {
		sum += w
	}
	out := make([]page.Unit, len(ws))
	var given page.Unit
	for k, w := range ws {
		out[k] = page.Unit(int64(w) * int64(W) / int64(max(sum, 1)))
		given += out[k]
	}
	out[len(out)-1] += W - given
	return out
}

// continuedLabel is added to a table's caption on the pages it continues
// on, by the language of the text.
var continuedLabel = map[string]string{
	"en": "(continued)", "de": "(Fortsetzung)", "fr": "(suite)", "es": "(continuación)",
	"it": "(continua)", "pt": "(continuação)", "nl": "(vervolg)", "sv": "(forts.)",
	"da": "(fortsat)", "nb": "(forts.)", "no": "(forts.)", "fi": "(jatkuu)", "pl": "(ciąg dalszy)",
	"cs": "(pokračování)", "ru": "(продолжение)",
}

// continued returns the caption of a table's continuation: its own
// followed by the label, or the label alone.
func (f *flow) continued(caption article.Text) article.Text {
	lang, _, _ := strings.Cut(strings.ToLower(f.lang), "-")
	label, ok := continuedLabel[lang]
	if !ok {
		label = continuedLabel["en"]
	}
	if len(caption) == 0 {
		return article.Plain(label)
	}
	out := append(article.Text(nil), caption...)
	return append(out, article.Inline{Text: " " + label})
}

// setTable lays out the columns cols of a table's grid at widths and
// pushes its boxes: the caption, a box a row (a row taller than a page
// in pieces), the notes. continued marks a column group after the first,
// final the last use of the grid's shaped text, which is then let go.
func (f *flow) setTable(tb *article.Table, g *tableGrid, st tableStyles, cols []int, widths []page.Unit, continued, final bool) {
	th := f.th
	var tableW page.Unit
	for _, w := range widths {
		tableW += w
	}
	x0 := f.x + max(f.w-tableW, 0)/2
	pos := make([]int, g.ncol) // each grid column's place from the left, -1 if not shown
	for i := range pos {
		pos[i] = -1
	}
	for i, c := range cols {
		pos[c] = i
	}
	if f.baseRTL(f.dir, func() bool { return false }) {
		// a right-to-left table's first column is on the right
		widths = slices.Clone(widths)
		slices.Reverse(widths)
		for i, c := range cols {
			pos[c] = len(cols) - 1 - i
		}
	}
	xs := columnEdges(x0, widths)
	// the widest number part right of the decimal mark, by column
	after := make([]page.Unit, g.ncol)
	for _, c := range g.cells {
		if c.num {
			after[c.col] = max(after[c.col], c.after)
		}
	}
	capW := max(tableW, min(f.w, f.w*2/3))
	capX := f.x + max(f.w-capW, 0)/2
	caption := tb.Caption
	if continued {
		caption = f.continued(caption)
	}
	switch {
	case textLen(caption) > streamBytes:
		// a caption of tens of thousands of words is set as a
		// paragraph, shaped a piece at a time; it is not repeated
		f.setText(caption, th.caption, alignLeft, 0, true, page.RoleBody)
	case len(caption) > 0:
		items, h := f.textBox(caption, th.caption, capX, capW, alignLeft, true)
		if continued {
			tagRepeated(items)
		} else {
			f.tagTableCaption(items)
		}
		f.push(vbox{h: h + st.pad, items: items, keep: true, kind: page.RoleBody, baseline: baselineIn(th.caption)})
	}
	heads := g.headerRows()
	lay := func(from, to int) []tableRow {
		rows := f.tableRows(g, st, pos, xs, after, from, to)
		drawRules(g, rows, from, pos, xs, st.pad)
		return rows
	}
	cells := f.tags.tableCells()
	cells.repeat = true // the header rows heading continued pages
	head := f.tableHead(lay(0, heads), tb.Caption, th.caption, capX, capW, x0, tableW)
	cells.repeat = false
	tagRepeated(head.items)
	firstBody, lastBody := heads, -1
	for r := g.nrow - 1; r >= heads; r-- {
		if g.part[r] == partBody {
			lastBody = r
			break
		}
	}
	// the rows are laid out and pushed a group at a time (a row, or the
	// rows cells span together), so that a table of more rows than the
	// pages allowed stops at the limit
	spanEnd := 0
	for from := 0; from < g.nrow; {
		to := max(from+1, g.spanEnd(from))
		for r := from; r < to; r++ {
			to = max(to, g.spanEnd(r))
		}
		rows := lay(from, to)
		for r := from; r < to; r++ {
			spanEnd = max(spanEnd, g.spanEnd(r))
			keep := r < heads || // a header row stays with the next row
				r+1 < spanEnd || // rows a cell spans stay together
				r == firstBody && lastBody > firstBody+2 || // the first body row is not alone at a page's foot
				r+2 == g.nrow && g.nrow-heads > 3 || // nor the last at a page's top
				r == lastBody && lastBody+1 < g.nrow // the footer follows the body
			keep = keep || r+1 == g.nrow && len(tb.Notes) > 0
			rb := rows[r-from]
			var hd *vbox
			if r > firstBody {
				hd = head
			}
			limit := f.frameH - head.h - page.Pt(1)
			for _, piece := range splitRow(rb.items, rb.h, limit) {
				f.push(vbox{h: piece.h, items: piece.items, keep: keep, kind: page.RoleBody, baseline: rb.baseline, head: hd})
				hd = head
			}
			if final {
				for _, i := range g.byRow[r] {
					g.cells[i].elems = nil // set: its shaped text is not needed again
				}
			}
		}
		if f.stopped() {
			return
		}
		from = to
	}
	noteW := max(tableW, min(capW, f.x+f.w-x0))
	for _, n := range tb.Notes {
		if textLen(n) > streamBytes {
			f.setText(n, st.body, alignLeft, 0, false, page.RoleBody)
			continue
		}
		items, h := f.textBox(n, st.body, x0, noteW, alignLeft, false)
		f.push(vbox{h: h, before: st.pad, items: items, keep: false, kind: page.RoleBody, baseline: baselineIn(st.body)})
	}
}

// tableRow is a row laid out: its items, relative to its top, and height.
type tableRow struct {
	items    []page.Item
	h        page.Unit
	baseline page.Unit
}

// tableRows lays out the cells of the grid's rows from to to (which no
// cell spans past) in the columns shown (pos), a row as tall as its
// tallest cell, a cell spanning rows as tall as they are together (the
// last grown when it needs more). rows[i] is row from+i.
func (f *flow) tableRows(g *tableGrid, st tableStyles, pos []int, xs, after []page.Unit, from, to int) []tableRow {
	rows := make([]tableRow, to-from)
	type spanning struct {
		row, last  int
		h          page.Unit
		start, end int  // its items in the row's
		bottom     bool // a header cell, set at the foot of its rows
	}
	var tall []spanning
	vpad := st.pad / 2
	for r := range rows {
		rows[r].baseline = vpad + baselineIn(st.body)
		for _, i := range g.byRow[from+r] {
			c := &g.cells[i]
			lo, hi := shownSpan(pos, c.col, c.cols)
			if lo < 0 {
				continue
			}
			t := st.style(c)
			align := f.cellAlignment(g, c)
			items, h := f.cellItems(c, t, st.pad, vpad, xs[lo], xs[hi+1]-xs[lo], align, after[c.col])
			f.tagCell(g, i, items)
			start := len(rows[r].items)
			rows[r].items = append(rows[r].items, items...)
			h += 2 * vpad
			if c.rows == 1 {
				rows[r].h = max(rows[r].h, h)
			} else {
				tall = append(tall, spanning{row: r, last: min(r+c.rows, len(rows)) - 1, h: h,
					start: start, end: len(rows[r].items), bottom: g.part[from+r] == partHead})
			}
		}
	}
	for _, s := range tall {
		var sum page.Unit
		for r := s.row; r <= s.last; r++ {
			sum += rows[r].h
		}
		if s.h > sum {
			rows[s.last].h += s.h - sum
		} else if s.bottom {
			// a header spanning header rows stands on the last of them,
			// level with the headers beside it
			for k := s.start; k < s.end; k++ {
				rows[s.row].items[k].Y += sum - s.h
			}
		}
	}
	// the rules have a space of their own either side
	gap := func(r int, top, bottom page.Unit) {
		for k := range rows[r].items {
			rows[r].items[k].Y += top
		}
		rows[r].h += top + bottom
		rows[r].baseline += top
	}
	for i := range rows {
		var top, bottom page.Unit
		if r := from + i; r == 0 || g.part[r-1] != g.part[r] {
			top = vpad
		}
		if r := from + i; r == g.nrow-1 || g.part[r+1] != g.part[r] {
			bottom = vpad
		}
		gap(i, top, bottom)
	}
	return rows
}

// shownSpan returns the first and last of the shown columns a cell from
// col spanning cols covers, or -1, -1 when it covers none.
func shownSpan(pos []int, col, cols int) (lo, hi int) {
	lo, hi = -1, -1
	for k := col; k < col+cols && k < len(pos); k++ {
		if p := pos[k]; p >= 0 {
			if lo < 0 || p < lo {
				lo = p
			}
			hi = max(hi, p)
		}
	}
	return lo, hi
}

// cellAlignment returns how a cell's lines are set: as it says; a header
// cell spanning columns centred over them; a header over numbers, and
// numbers, to the right.
func (f *flow) cellAlignment(g *tableGrid, c *gridCell) alignment {
	switch {
	case c.src.Align != article.AlignStart:
		return cellAlign(c.src.Align)
	case g.part[c.row] == partHead && c.cols > 1:
		return alignCenter
	case c.num:
		return alignRight
	case g.part[c.row] == partHead && c.cols == 1 && numericColumn(g, c.col):
		return alignRight
	}
	return alignLeft
}

// numericColumn reports whether column col is aligned on decimal marks.
func numericColumn(g *tableGrid, col int) bool {
	for _, c := range g.cells {
		if c.col == col && c.num {
			return true
		}
	}
	return false
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

// drawRules adds the rules to the items of rows, rows from to on of the
// grid: heavy above the first row and below the last, light below the
// header and above the footer, and under a header cell that spans
// columns over the header row below it.
func drawRules(g *tableGrid, rows []tableRow, from int, pos []int, xs []page.Unit, pad page.Unit) {
	x0, W := xs[0], xs[len(xs)-1]-xs[0]
	line := func(i int, y, stroke page.Unit, x, w page.Unit) {
		rows[i].items = append(rows[i].items, page.Item{Kind: page.ItemLine, X: x, Y: y, W: w, Stroke: stroke, Color: page.Black})
	}
	heads := g.headerRows()
	for i := range rows {
		r := from + i
		if r == 0 {
			line(i, heavyRule/2, heavyRule, x0, W)
		}
		switch {
		case r == g.nrow-1:
			line(i, rows[i].h-heavyRule/2, heavyRule, x0, W)
		case g.part[r] == partHead && g.part[r+1] != partHead,
			g.part[r] != partFoot && g.part[r+1] == partFoot:
			line(i, rows[i].h-lightRule/2, lightRule, x0, W)
		}
		if g.part[r] != partHead {
			continue
		}
		for _, k := range g.byRow[r] {
			c := &g.cells[k]
			if c.cols < 2 || c.row+c.rows >= heads {
				continue
			}
			lo, hi := shownSpan(pos, c.col, c.cols)
			if lo < 0 {
				continue
			}
			last := i + c.rows - 1
			if last < len(rows) {
				line(last, rows[last].h-spanRule/2, spanRule, xs[lo]+pad, xs[hi+1]-xs[lo]-2*pad)
			}
		}
	}
}

// tableHead returns the box repeated at the top of every column a table
// continues in: its caption marked "(continued)", and its header rows
// (with the rule above them), or a rule alone for a table without.
func (f *flow) tableHead(heads []tableRow, caption article.Text, t textStyle, capX, capW, x0, W page.Unit) *vbox {
	if textLen(caption) > streamBytes {
		caption = nil
	}
	items, y := f.textBox(f.continued(caption), t, capX, capW, alignLeft, true)
	y += f.th.cellPad
	if len(heads) == 0 {
		items = append(items, page.Item{Kind: page.ItemLine, X: x0, Y: y + heavyRule/2, W: W, Stroke: heavyRule, Color: page.Black})
		y += heavyRule
	}
	for _, r := range heads {
		for _, it := range r.items {
			it.Y += y
			items = append(items, it)
		}
		y += r.h
	}
	return &vbox{h: y, items: items, kind: page.RoleBody}
}
