package layout

import (
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/page"
)

// tablePart says which part of a table a row is in.
type tablePart uint8

const (
	partHead tablePart = iota
	partBody
	partFoot
)

// maxTableColumns bounds a table's grid: a cell that would reach past
// it spans fewer columns, and cells past it are dropped (browsers allow
// colspan up to 1000, but 1000 columns cannot be read on paper anyway).
const maxTableColumns = 1000

// maxGridCells bounds the rows × columns of a grid whose spans are kept:
// past it, the cells are set one a column and row, so that the grid's
// cost stays that of its cells.
const maxGridCells = 1 << 22

// gridCell is a table cell placed on the grid.
type gridCell struct {
	src        *article.Cell
	row, col   int // its first row (counted over all parts) and column
	rows, cols int // how many it spans
	// head is set for the cells set in the header style: those of a
	// header row, and a body or footer row's header cells
	head bool
	// whole is set on the cells of header rows, whose words are not
	// hyphenated
	whole bool
	elems []elem // a text cell's text, shaped
	// minW and maxW are the content's narrowest width (its longest
	// word or picture) and its width set on one line, padding excluded
	minW, maxW page.Unit
	// num is set on a cell of a numeric column, aligned on its decimal
	// mark; after is the width of its text from the mark on
	num   bool
	after page.Unit
}

// tableGrid is a table's cells on a grid of rows and columns.
type tableGrid struct {
	cells      []gridCell
	part       []tablePart // of each row
	byRow      [][]int     // the cells starting in each row (indexes into cells)
	nrow, ncol int
	// rowHeads is the number of leading columns that hold the body rows'
	// headers (0 or 1): repeated in every column group of a wide table
	rowHeads int
}

// buildGrid places the cells of tb on a grid as HTML's table model does:
// a cell takes the first column its row's earlier cells and the row
// spans from above leave free; row spans end with their part (header,
// body, footer). Columns where no cell starts are dropped, so a colspan
// past the other rows' columns spans the columns there are.
func buildGrid(tb *article.Table) *tableGrid {
	parts := [3][][]article.Cell{tb.Header, tb.Rows, tb.Footer}
	spans := spansBounded(parts)
	g := &tableGrid{}
	var busy []int // busy[c]: the first row at which column c is free
	row := 0
	for pi, rows := range parts {
		partEnd := row + len(rows)
		for _, cells := range rows {
			col := 0
			for i := range cells {
				c := &cells[i]
				for col < len(busy) && busy[col] > row {
					col++
				}
				if col >= maxTableColumns {
					break
				}
				cs, rs := 1, 1
				if spans {
					cs = min(max(c.ColSpan, 1), article.MaxSpan, maxTableColumns-col)
					rs = min(max(c.RowSpan, 1), partEnd-row)
				}
				for len(busy) < col+cs {
					busy = append(busy, 0)
				}
				for k := col; k < col+cs; k++ {
					busy[k] = row + rs
				}
				g.cells = append(g.cells, gridCell{src: c, row: row, col: col, rows: rs, cols: cs,
					head: tablePart(pi) == partHead || c.Header, whole: tablePart(pi) == partHead})
				col += cs
			}
			g.part = append(g.part, tablePart(pi))
			row++
		}
	}
	g.nrow = row
	g.compactColumns(len(busy))
	g.byRow = make([][]int, g.nrow)
	for i, c := range g.cells {
		g.byRow[c.row] = append(g.byRow[c.row], i)
	}
	g.rowHeads = g.rowHeaderColumns()
	return g
}

// spansBounded reports whether a table's spans keep its grid within
// maxGridCells.
func spansBounded(parts [3][][]article.Cell) bool {
	rows, cols := 0, 0
	for _, p := range parts {
		for _, r := range p {
			rows++
			w := 0
			for _, c := range r {
				w += min(max(c.ColSpan, 1), article.MaxSpan)
			}
			cols = max(cols, min(w, maxTableColumns))
		}
	}
	return rows*cols <= maxGridCells
}

// compactColumns drops the columns where no cell starts.
func (g *tableGrid) compactColumns(ncol int) {
	starts := make([]bool, ncol)
	for _, c := range g.cells {
		starts[c.col] = true
	}
	idx := make([]int, ncol+1) // idx[k]: the columns that start before k
	for k := range ncol {
		idx[k+1] = idx[k]
		if starts[k] {
			idx[k+1]++
		}
	}
	for i := range g.cells {
		c := &g.cells[i]
		end := c.col + c.cols
		c.col = idx[c.col]
		c.cols = max(idx[end]-c.col, 1)
	}
	g.ncol = idx[ncol]
}

// rowHeaderColumns returns 1 when the first column holds the headers of
// most body rows, else 0.
func (g *tableGrid) rowHeaderColumns() int {
	heads, rows := 0, 0
	for r, cs := range g.byRow {
		if g.part[r] != partBody || len(cs) == 0 {
			continue
		}
		c := &g.cells[cs[0]]
		if c.col != 0 {
			continue
		}
		rows++
		if c.head && c.cols == 1 {
			heads++
		}
	}
	if rows > 0 && 2*heads >= rows {
		return 1
	}
	return 0
}

// headerRows returns the number of header rows.
func (g *tableGrid) headerRows() int {
	n := 0
	for n < g.nrow && g.part[n] == partHead {
		n++
	}
	return n
}

// spanEnd returns the first row after the rows that must stay with row r
// on one page: those its cells' row spans reach.
func (g *tableGrid) spanEnd(r int) int {
	end := r + 1
	for _, i := range g.byRow[r] {
		end = max(end, r+g.cells[i].rows)
	}
	return end
}

// columnEdges returns the x of each column's left edge from x0, and the
// right edge of the last.
func columnEdges(x0 page.Unit, widths []page.Unit) []page.Unit {
	xs := make([]page.Unit, len(widths)+1)
	xs[0] = x0
	for i, w := range widths {
		xs[i+1] = xs[i] + w
	}
	return xs
}
