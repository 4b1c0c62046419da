package parse

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/galleyprint/galley/article"
)

// maxTableCells bounds the grid a table's spans make (columns × rows):
// past it, the spans of the table are dropped, so that a row of
// colspan=1000 cells repeated ten thousand times costs what its cells do.
const maxTableCells = 1 << 20

// rowGroup says where an HTML table row stands.
type rowGroup int

const (
	groupBody rowGroup = iota
	groupHead
	groupFoot
)

// tableRow is a <tr> and the group it is in.
type tableRow struct {
	n     *html.Node
	group rowGroup
}

// table converts a data table into a table block; a layout table (see
// isLayoutTable) is read as the flow of its cells.
func (c *htmlConverter) table(n *html.Node, b *blockBuilder) {
	rows, caption := tableRows(n)
	if isLayoutTable(n, rows) {
		b.flush()
		for _, r := range rows {
			for cell := r.n.FirstChild; cell != nil; cell = cell.NextSibling {
				if isCell(cell) {
					b.flush()
					c.children(cell, b, inlineStyle{})
					b.flush()
				}
			}
		}
		return
	}
	t := &article.Table{}
	if caption != nil {
		t.Caption = c.inline(caption)
	}
	body := false
	for _, r := range rows {
		var cells []article.Cell
		allTH := true
		for cell := r.n.FirstChild; cell != nil; cell = cell.NextSibling {
			if !isCell(cell) {
				continue
			}
			allTH = allTH && cell.DataAtom == atom.Th
			cells = append(cells, c.tableCell(cell))
		}
		if len(cells) == 0 {
			continue
		}
		switch {
		case r.group == groupFoot:
			if note, ok := footNote(cells, t); ok {
				t.Notes = append(t.Notes, note)
				continue
			}
			t.Footer = append(t.Footer, cells)
		case !body && (r.group == groupHead || allTH):
			for i := range cells {
				cells[i].Header = false // a header row's cells head their columns
			}
			t.Header = append(t.Header, cells)
		default:
			body = true
			t.Rows = append(t.Rows, cells)
		}
	}
	if len(t.Rows) == 0 && len(t.Header) == 0 && len(t.Footer) == 0 {
		return
	}
	boundSpans(t)
	b.add(article.Block{Kind: article.KindTable, Table: t})
}

// tableRows returns the rows of table n in document order, each with its
// group, and its caption. Rows of tables nested in its cells are theirs.
func tableRows(n *html.Node) ([]tableRow, *html.Node) {
	var rows []tableRow
	var caption *html.Node
	var walk func(*html.Node, rowGroup)
	walk = func(n *html.Node, g rowGroup) {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type != html.ElementNode {
				continue
			}
			switch ch.DataAtom {
			case atom.Thead:
				walk(ch, groupHead)
			case atom.Tbody:
				walk(ch, groupBody)
			case atom.Tfoot:
				walk(ch, groupFoot)
			case atom.Tr:
				rows = append(rows, tableRow{n: ch, group: g})
			case atom.Caption:
				if caption == nil {
					caption = ch
				}
			}
		}
	}
	walk(n, groupBody)
	return rows, caption
}

func isCell(n *html.Node) bool {
	return n.Type == html.ElementNode && (n.DataAtom == atom.Td || n.DataAtom == atom.Th)
}

// tableCell converts a <td> or <th>: its text, or its blocks when it holds
// paragraphs, lists, code or images; its spans, clamped as browsers do;
// its header flag and scope; its alignment.
func (c *htmlConverter) tableCell(n *html.Node) article.Cell {
	cl := article.Cell{
		ColSpan: span(attr(n, "colspan"), article.MaxSpan),
		RowSpan: span(attr(n, "rowspan"), article.MaxSpan),
		Header:  n.DataAtom == atom.Th,
		Align:   cellAlignment(n),
	}
	switch strings.ToLower(strings.TrimSpace(attr(n, "scope"))) {
	case "row", "rowgroup":
		cl.Scope, cl.Header = article.ScopeRow, true
	case "col", "colgroup":
		cl.Scope = article.ScopeCol
	}
	if holdsBlocks(n) {
		blocks := c.flow(n)
		if len(blocks) == 1 && blocks[0].Kind == article.KindParagraph {
			cl.Text = blocks[0].Text
		} else {
			cl.Blocks = blocks
		}
		return cl
	}
	cl.Text = c.inline(n)
	return cl
}

// span reads a colspan or rowspan: 1 (written 0 in the model) when
// missing, not a number or below 1, at most limit.
func span(v string, limit int) int {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n <= 1 {
		return 0
	}
	return min(n, limit)
}

// footNote reports a footer row that is a note on the table: one cell
// spanning the table's width (or alone in a table of more columns), as
// sources and remarks are written in a <tfoot>.
func footNote(cells []article.Cell, t *article.Table) (article.Text, bool) {
	if len(cells) != 1 || len(cells[0].Blocks) > 0 {
		return nil, false
	}
	cols := 0
	for _, rows := range [][][]article.Cell{t.Header, t.Rows} {
		for _, r := range rows {
			cols = max(cols, len(r))
		}
	}
	if cols < 2 {
		return nil, false
	}
	return cells[0].Text, true
}

// boundSpans drops the spans of a table whose grid would pass
// maxTableCells.
func boundSpans(t *article.Table) {
	cells := 0
	for _, rows := range [][][]article.Cell{t.Header, t.Rows, t.Footer} {
		for _, r := range rows {
			for _, c := range r {
				cells += max(c.ColSpan, 1) * max(c.RowSpan, 1)
			}
		}
	}
	if cells <= maxTableCells {
		return
	}
	for _, rows := range [][][]article.Cell{t.Header, t.Rows, t.Footer} {
		for _, r := range rows {
			for i := range r {
				r[i].ColSpan, r[i].RowSpan = 0, 0
			}
		}
	}
}

// isLayoutTable reports a table used to place a page's parts rather than
// to hold data: one marked role=presentation or none, one of a single
// column, and, when no header cell (a <th>, or a cell of a <thead>) has
// text, one whose cells hold blocks (paragraphs, lists, images) or a grid
// of their own (a nested table).
func isLayoutTable(n *html.Node, rows []tableRow) bool {
	switch strings.ToLower(strings.TrimSpace(attr(n, "role"))) {
	case "presentation", "none":
		return true
	}
	cols := 0
	headed := false
	blocks := false
	for _, r := range rows {
		k := 0
		for cell := r.n.FirstChild; cell != nil; cell = cell.NextSibling {
			if !isCell(cell) {
				continue
			}
			k++
			if (r.group == groupHead || cell.DataAtom == atom.Th) && !headed {
				headed = textLen(cell, 1) > 0
			}
			blocks = blocks || holdsBlocks(cell)
		}
		cols = max(cols, k)
	}
	return cols <= 1 || blocks && !headed
}
