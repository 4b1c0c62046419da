package layout

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/page"
)

// cellsOf makes rows of plain cells from strings.
func cellsOf(rows ...[]string) [][]article.Cell {
	out := make([][]article.Cell, len(rows))
	for i, r := range rows {
		for _, s := range r {
			out[i] = append(out[i], article.Cell{Text: article.Plain(s)})
		}
	}
	return out
}

// testTables are tables of every kind the layout meets.
func testTables() map[string]*article.Table {
	long := strings.Repeat("antidisestablishmentarianism ", 3)
	spans := &article.Table{
		Header: [][]article.Cell{
			{{Text: article.Plain("Region"), RowSpan: 2}, {Text: article.Plain("Station"), RowSpan: 2}, {Text: article.Plain("Rainfall by year"), ColSpan: 2}},
			{{Text: article.Plain("2023")}, {Text: article.Plain("2024")}},
		},
		Rows: [][]article.Cell{
			{{Text: article.Plain("North"), RowSpan: 2, Header: true}, {Text: article.Plain("Hamburg")}, {Text: article.Plain("812.4")}, {Text: article.Plain("790.1")}},
			{{Text: article.Plain("Kiel")}, {Text: article.Plain("845.0")}, {Text: article.Plain("801.7")}},
			{{Text: article.Plain("South"), Header: true}, {Text: article.Plain("Stuttgart")}, {Text: article.Plain("no data at all this year"), ColSpan: 2}},
		},
		Footer: [][]article.Cell{{{Text: article.Plain("Mean"), Header: true, ColSpan: 2}, {Text: article.Plain("1,012.5")}, {Text: article.Plain("987")}}},
		Notes:  []article.Text{article.Plain("Source: a weather service.")},
	}
	blocks := &article.Table{
		Header: cellsOf([]string{"State", "Notes", "Population"}),
		Rows: [][]article.Cell{{
			{Text: article.Plain("Bavaria")},
			{Blocks: []article.Block{
				{Kind: article.KindParagraph, Text: article.Plain("The largest state by area, with the Alps in the south and the Danube valley.")},
				{Kind: article.KindList, Items: []article.ListItem{{Blocks: []article.Block{{Kind: article.KindParagraph, Text: article.Plain("Munich")}}}}},
				{Kind: article.KindCode, Code: "capital = \"München\""},
			}},
			{Text: article.Plain("13,369,393")},
		}},
	}
	wide := &article.Table{}
	hdr := []string{"Place"}
	for m := range 13 {
		hdr = append(hdr, fmt.Sprintf("Measurement%02d", m))
	}
	wide.Header = cellsOf(hdr)
	for r := range 4 {
		row := []string{fmt.Sprintf("Station number %d", r)}
		for m := range 13 {
			row = append(row, fmt.Sprintf("%d.%d", 10*r+m, m))
		}
		wide.Rows = append(wide.Rows, cellsOf(row)...)
	}
	return map[string]*article.Table{
		"spans":  spans,
		"blocks": blocks,
		"narrow words": {Header: cellsOf([]string{"A", "B", "C", "D", "E", "F"}),
			Rows: cellsOf([]string{long, long, long, long, long, long})},
		"wide":        wide,
		"ragged rows": {Rows: cellsOf([]string{"one"}, []string{"a", "b", "c"}, []string{"x", "y"})},
	}
}

// testFlow is the flow of an A4 page in the classic theme.
func testFlow(t *testing.T) *flow {
	t.Helper()
	f, _, err := newFlow(Options{})
	if err != nil {
		t.Fatal(err)
	}
	f.ctx = context.Background()
	return f
}

// TestTableCellsInsideTheirBoxes: every line of text a table's cell sets
// lies within the cell: within its columns less the padding, and within
// the rows it spans.
func TestTableCellsInsideTheirBoxes(t *testing.T) {
	for name, tb := range testTables() {
		t.Run(name, func(t *testing.T) {
			f := testFlow(t)
			g := buildGrid(tb)
			st := tableStyles{body: f.th.table, head: f.th.tableHead, pad: f.th.cellPad}
			f.measure(g, st)
			minW, maxW := columnExtents(g, st.pad)
			ws := shareWidths(minW, maxW, f.w)
			if ws == nil {
				st, minW, maxW, ws = f.shrinkTable(g, st)
			}
			cols := make([]int, g.ncol)
			for i := range cols {
				cols[i] = i
			}
			if ws == nil {
				cols = columnGroups(g, minW, f.w)[0]
				sub, subMax := make([]page.Unit, len(cols)), make([]page.Unit, len(cols))
				for k, c := range cols {
					sub[k], subMax[k] = minW[c], maxW[c]
				}
				ws = shareWidths(sub, subMax, f.w)
			}
			xs := columnEdges(f.x, ws)
			if xs[len(xs)-1] > f.x+f.w {
				t.Fatalf("table %s wide in a measure of %s", xs[len(xs)-1]-f.x, f.w)
			}
			pos := make([]int, g.ncol)
			for i := range pos {
				pos[i] = -1
			}
			for i, c := range cols {
				pos[c] = i
			}
			after := make([]page.Unit, g.ncol)
			for _, c := range g.cells {
				if c.num {
					after[c.col] = max(after[c.col], c.after)
				}
			}
			rows := f.tableRows(g, st, pos, xs, after, 0, g.nrow)
			texts := 0
			for r, row := range rows {
				for _, it := range row.items {
					if it.Kind != page.ItemText {
						continue
					}
					texts++
					in := false
					for _, i := range g.byRow[r] {
						c := &g.cells[i]
						lo, hi := shownSpan(pos, c.col, c.cols)
						if lo < 0 {
							continue
						}
						var h page.Unit
						for k := r; k < r+c.rows; k++ {
							h += rows[k].h
						}
						left, right := xs[lo]+st.pad, xs[hi+1]-st.pad
						if it.X >= left-1 && it.X+it.W <= right+1 && it.Y > 0 && it.Y < h {
							in = true
							break
						}
					}
					if !in {
						t.Errorf("row %d: %q at x %s–%s, y %s lies in none of its cells (columns %v)", r, it.Text, it.X, it.X+it.W, it.Y, xs)
					}
				}
			}
			if texts == 0 {
				t.Fatal("no text set")
			}
		})
	}
}

// TestTableNumbersOnTheirMark: the numbers of a numeric column stand with
// their decimal marks one above the other, whatever their digits.
func TestTableNumbersOnTheirMark(t *testing.T) {
	tb := &article.Table{Header: cellsOf([]string{"Item", "Price"}),
		Rows: cellsOf([]string{"a", "3.45"}, []string{"b", "1,024.75"}, []string{"c", "104"}, []string{"d", "12.5"}, []string{"e", "−0.125"})}
	f := testFlow(t)
	doc := layoutTable(t, f, tb)
	var marks []page.Unit
	for _, it := range doc.Pages[0].Items {
		if it.Kind != page.ItemText || it.Role != page.RoleBody || !strings.ContainsAny(it.Text, "0123456789") {
			continue
		}
		after := ""
		if i := strings.LastIndexByte(it.Text, '.'); i >= 0 {
			after = it.Text[i:]
		}
		w := fragsWidth(f.s.frags(after, f.th.table.run()))
		marks = append(marks, it.X+it.W-w)
	}
	if len(marks) != 5 {
		t.Fatalf("%d numbers found, want 5", len(marks))
	}
	for _, m := range marks[1:] {
		if d := m - marks[0]; d > page.Pt(0.05) || d < -page.Pt(0.05) {
			t.Errorf("decimal marks at %v, not in line", marks)
			break
		}
	}
}

// layoutTable lays out an article of tb alone.
func layoutTable(t *testing.T, f *flow, tb *article.Table) *page.Document {
	t.Helper()
	doc, err := Layout(context.Background(), &article.Article{Title: "T", Body: []article.Block{{Kind: article.KindTable, Table: tb}}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// longTable is a table of n rows whose cells say where they stand:
// "r12c1" is row 12's second cell.
func longTable(n int, tall int) *article.Table {
	tb := &article.Table{Caption: article.Plain("Districts"), Header: cellsOf([]string{"Number", "Name", "Value"})}
	for r := range n {
		name := fmt.Sprintf("r%dc1", r)
		if r == tall {
			name = strings.TrimSpace(strings.Repeat(name+" ", 1500)) // taller than a page
		}
		tb.Rows = append(tb.Rows, []article.Cell{{Text: article.Plain(fmt.Sprintf("r%dc0", r))}, {Text: article.Plain(name)}, {Text: article.Plain(fmt.Sprintf("%d.5", r))}})
	}
	return tb
}

// TestLongTablePages: a table of 300 rows breaks between rows, and every
// page it continues on starts with its caption marked "(continued)" and
// its header row; a row taller than a page is split, and only it.
func TestLongTablePages(t *testing.T) {
	for _, tall := range []int{-1, 150} {
		t.Run(fmt.Sprintf("tall row %d", tall), func(t *testing.T) {
			paras := []article.Block{{Kind: article.KindParagraph, Text: article.Plain("Before the table.")}, {Kind: article.KindTable, Table: longTable(300, tall)}}
			doc, err := Layout(context.Background(), &article.Article{Title: "T", Body: paras}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			rowPage := map[int]int{}
			tallPages := map[int]bool{}
			for pi, p := range doc.Pages {
				first := true
				for _, it := range p.Items {
					if it.Kind != page.ItemText || it.Role != page.RoleBody {
						continue
					}
					var r, c int
					if _, err := fmt.Sscanf(it.Text, "r%dc%d", &r, &c); err != nil {
						continue
					}
					if first && pi > 0 {
						// the page's first row comes under the repeated head
						text := p.Text()
						head := strings.Index(text, "Districts (continued)")
						hdr := strings.Index(text, "Number")
						at := strings.Index(text, it.Text)
						if head < 0 || hdr < head || at < hdr {
							t.Errorf("page %d: the table continues without its head (caption at %d, header at %d, row at %d)", pi+1, head, hdr, at)
						}
					}
					first = false
					if r == tall {
						tallPages[pi] = true
						continue
					}
					if p0, ok := rowPage[r]; ok && p0 != pi {
						t.Errorf("row %d split over pages %d and %d", r, p0+1, pi+1)
					}
					rowPage[r] = pi
				}
			}
			if len(rowPage) != 300-min(tall+1, 1) {
				t.Errorf("%d rows found", len(rowPage))
			}
			if tall >= 0 && len(tallPages) < 2 {
				t.Errorf("the row taller than a page is on %d pages", len(tallPages))
			}
			if len(doc.Pages) < 5 {
				t.Errorf("%d pages", len(doc.Pages))
			}
			t.Logf("300 rows on %d pages", len(doc.Pages))
		})
	}
}

// TestTableNotAloneAtFoot: whatever the text before it, a table never
// leaves its header row, or its header and one body row, alone at the
// foot of a page.
func TestTableNotAloneAtFoot(t *testing.T) {
	for n := range 60 {
		var body []article.Block
		for range n {
			body = append(body, article.Block{Kind: article.KindParagraph, Text: article.Plain("A line of text before the table.")})
		}
		body = append(body, article.Block{Kind: article.KindTable, Table: longTable(8, -1)})
		doc, err := Layout(context.Background(), &article.Article{Title: "T", Body: body}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for pi, p := range doc.Pages[:len(doc.Pages)-1] {
			rows := map[int]bool{}
			header := false
			for _, it := range p.Items {
				var r, c int
				if _, err := fmt.Sscanf(it.Text, "r%dc%d", &r, &c); err == nil {
					rows[r] = true
				}
				header = header || it.Text == "Number"
			}
			if header && len(rows) < 2 {
				t.Errorf("%d paragraphs before: page %d ends with the header and %d rows", n, pi+1, len(rows))
			}
		}
	}
}

// TestWideTableGroups: a table of 14 columns too wide for the measure
// even at the least size is set in column groups, each within the
// measure and each repeating the row headers.
func TestWideTableGroups(t *testing.T) {
	tb := testTables()["wide"]
	for i := range tb.Rows {
		tb.Rows[i][0].Header = true
	}
	f := testFlow(t)
	doc := layoutTable(t, f, tb)
	stations, captions := 0, 0
	for _, it := range doc.Pages[0].Items {
		if it.Kind == page.ItemText && it.Text == "Place" {
			stations++
			if it.Size != minTableSize {
				t.Errorf("set at %s, want the least size %s", it.Size, minTableSize)
			}
		}
		if it.Kind == page.ItemText && strings.Contains(it.Text, "(continued)") {
			captions++
		}
		if it.Kind == page.ItemText && it.X+it.W > doc.Margins.Left+f.w+page.Pt(0.01) {
			t.Errorf("%q reaches %s, past the measure", it.Text, it.X+it.W)
		}
	}
	if stations < 2 || captions != stations-1 {
		t.Errorf("%d groups headed by the row headers' column, %d marked continued", stations, captions)
	}
}

// TestNumberCells: what a numeric column's cell is, and where its
// decimal mark stands.
func TestNumberCells(t *testing.T) {
	for _, tc := range []struct {
		texts []string
		num   bool
		mark  byte
		after string // of the first
	}{
		{[]string{"1,012.5", "987.0"}, true, '.', ".5"},
		{[]string{"1.012,5", "987,25"}, true, ',', ",5"},
		{[]string{"1,200", "85"}, true, '.', ""},
		{[]string{"41 cm", "7 cm"}, true, '.', " cm"},
		{[]string{"−12.5 %", "+3"}, true, '.', ".5 %"},
		{[]string{"$1,024.75", "€3"}, true, '.', ".75"},
		{[]string{"9:00", "Monday", "closed"}, false, '.', ""},
		{[]string{"3 days"}, false, '.', ""},
	} {
		if got := numberText.MatchString(tc.texts[0]); got != tc.num {
			t.Errorf("%q numeric: %v, want %v", tc.texts[0], got, tc.num)
		}
		if !tc.num {
			continue
		}
		mark := decimalMark(tc.texts)
		if mark != tc.mark {
			t.Errorf("%q: mark %q, want %q", tc.texts, mark, tc.mark)
		}
		if got := afterMark(tc.texts[0], mark); got != tc.after {
			t.Errorf("%q: after the mark %q, want %q", tc.texts[0], got, tc.after)
		}
	}
}

// TestTableOddShapes lays out tables of odd shapes without error: empty
// rows, a header alone, spans past the grid, a colspan of 1000, cells
// of nothing, a table of one long word.
func TestTableOddShapes(t *testing.T) {
	c := func(s string, cs, rs int) article.Cell {
		return article.Cell{Text: article.Plain(s), ColSpan: cs, RowSpan: rs}
	}
	tables := map[string]*article.Table{
		"empty":             {},
		"empty rows":        {Rows: [][]article.Cell{{}, {}}},
		"header alone":      {Header: cellsOf([]string{"a", "b"})},
		"footer alone":      {Footer: cellsOf([]string{"a", "b"})},
		"rowspan past end":  {Rows: [][]article.Cell{{c("a", 0, 50), c("b", 0, 0)}, {c("c", 0, 0)}}},
		"colspan 1000":      {Rows: [][]article.Cell{{c("wide", 1000, 0), c("x", 0, 0)}, {c("1", 0, 0), c("2", 0, 0)}}},
		"negative spans":    {Rows: [][]article.Cell{{c("a", -5, -5), c("b", 0, 0)}}},
		"empty cells":       {Header: [][]article.Cell{{{}, {}}}, Rows: [][]article.Cell{{{}, {Blocks: []article.Block{}}}}},
		"one long word":     {Rows: cellsOf([]string{strings.Repeat("x", 3000), "y"})},
		"spans overlapping": {Rows: [][]article.Cell{{c("a", 2, 2), c("b", 0, 0)}, {c("c", 2, 0), c("d", 0, 0)}}},
		"cell of a table":   {Rows: [][]article.Cell{{{Blocks: []article.Block{{Kind: article.KindTable, Table: &article.Table{Rows: cellsOf([]string{"in", "ner"})}}}}, c("out", 0, 0)}}},
	}
	for name, tb := range tables {
		t.Run(name, func(t *testing.T) {
			a := &article.Article{Title: "T", Body: []article.Block{{Kind: article.KindTable, Table: tb}}}
			if _, err := Layout(context.Background(), a, Options{}); err != nil {
				t.Fatal(err)
			}
		})
	}
	g := buildGrid(tables["colspan 1000"])
	if g.ncol != 2 {
		t.Errorf("colspan 1000 over two columns makes %d columns, want 2", g.ncol)
	}
}

// TestTableRightToLeft: in a right-to-left article a table's first
// column is on the right.
func TestTableRightToLeft(t *testing.T) {
	tb := &article.Table{Header: cellsOf([]string{"name", "number"}), Rows: cellsOf([]string{"first", "9"}, []string{"second", "8"})}
	for _, dir := range []article.Direction{article.DirLTR, article.DirRTL} {
		a := &article.Article{Title: "T", Direction: dir, Body: []article.Block{{Kind: article.KindTable, Table: tb}}}
		doc, err := Layout(context.Background(), a, Options{})
		if err != nil {
			t.Fatal(err)
		}
		x := map[string]page.Unit{}
		for _, it := range doc.Pages[0].Items {
			x[it.Text] = it.X
		}
		if x["first"] == 0 || x["9"] == 0 {
			t.Fatalf("cells not found: %v", x)
		}
		if right := x["first"] > x["9"]; right != (dir == article.DirRTL) {
			t.Errorf("%s: first column at %s, second at %s", dir, x["first"], x["9"])
		}
	}
}
