package parse_test

import (
	"os"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/parse"
)

// TestHTMLTables reads tables as the issue asks: header rows, row
// headers, spans, footers and notes, block cells, and layout tables
// unwrapped.
func TestHTMLTables(t *testing.T) {
	tests := []struct {
		name, fragment, want string
	}{
		{"first column of th heads the rows",
			`<table><thead><tr><td></td><th>Open</th></tr></thead><tr><th>Mon</th><td>9</td></tr><tr><th scope="row">Tue</th><td>10</td></tr></table>`,
			`[{"type":"table","table":{"header":[[{},{"text":"Open"}]],"rows":[[{"text":"Mon","header":true},{"text":"9"}],[{"text":"Tue","header":true,"scope":"row"},{"text":"10"}]]}}]`},
		{"scope=row on a td makes it a row header",
			`<table><tr><th>A</th><th>B</th></tr><tr><td scope="row">x</td><td>1</td></tr></table>`,
			`[{"type":"table","table":{"header":[[{"text":"A"},{"text":"B"}]],"rows":[[{"text":"x","header":true,"scope":"row"},{"text":"1"}]]}}]`},
		{"rowspan and colspan",
			`<table><thead><tr><th rowspan="2">R</th><th colspan="2">Y</th></tr><tr><th>1</th><th>2</th></tr></thead><tr><td rowspan="0">a</td><td>b</td><td>c</td></tr></table>`,
			`[{"type":"table","table":{"header":[[{"text":"R","rowspan":2},{"text":"Y","colspan":2}],[{"text":"1"},{"text":"2"}]],"rows":[[{"text":"a"},{"text":"b"},{"text":"c"}]]}}]`},
		{"spans clamped to 1000, bad ones ignored",
			`<table><tr><td colspan="5000" rowspan="70000">a</td><td colspan="-3" rowspan="x">b</td></tr></table>`,
			`[{"type":"table","table":{"rows":[[{"text":"a","colspan":1000,"rowspan":1000},{"text":"b"}]]}}]`},
		{"tfoot: totals are footer rows, a spanning cell a note",
			`<table><caption>C</caption><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr><tfoot><tr><td>3</td><td>4</td></tr><tr><td colspan="2">Source: x.</td></tr></tfoot></table>`,
			`[{"type":"table","table":{"caption":"C","header":[[{"text":"A"},{"text":"B"}]],"rows":[[{"text":"1"},{"text":"2"}]],"footer":[[{"text":"3"},{"text":"4"}]],"notes":["Source: x."]}}]`},
		{"block cells of a headed table stay in their cells",
			`<table><tr><th>Name</th><th>Notes</th></tr><tr><td><p>A</p></td><td><p>One.</p><ul><li>two</li></ul></td></tr></table>`,
			`[{"type":"table","table":{"header":[[{"text":"Name"},{"text":"Notes"}]],"rows":[[{"text":"A"},{"blocks":[{"type":"paragraph","text":"One."},{"type":"list","items":[{"blocks":[{"type":"paragraph","text":"two"}]}]}]}]]}}]`},
		{"role=presentation is a layout table even with th",
			`<table role="presentation"><tr><th>Left</th><td>Right</td></tr></table>`,
			`[{"type":"paragraph","text":"Left"},{"type":"paragraph","text":"Right"}]`},
		{"nested grid without headers is a layout table",
			`<table><tr><td><table><tr><td>a</td><td>b</td></tr></table></td><td>c</td></tr></table>`,
			`[{"type":"table","table":{"rows":[[{"text":"a"},{"text":"b"}]]}},{"type":"paragraph","text":"c"}]`},
		{"empty header cells do not make a data table of a grid of blocks",
			`<table><thead><tr><th></th><th></th></tr></thead><tr><td><p>a</p></td><td><p>b</p></td></tr></table>`,
			`[{"type":"paragraph","text":"a"},{"type":"paragraph","text":"b"}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := blocksJSON(t, converted(t, tt.fragment)), normJSON(t, tt.want)
			if got != want {
				t.Errorf("blocks\n got %s\nwant %s", got, want)
			}
		})
	}
}

// TestHTMLTableSpansBounded: a table whose spans would make a grid of
// more than 2^20 cells keeps its cells and loses its spans.
func TestHTMLTableSpansBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("<table>")
	for range 1100 {
		b.WriteString(`<tr><td colspan="1000">x</td><td>y</td></tr>`)
	}
	b.WriteString("</table>")
	blocks := converted(t, b.String())
	if len(blocks) != 1 || blocks[0].Table == nil || len(blocks[0].Table.Rows) != 1100 {
		t.Fatalf("got %d blocks", len(blocks))
	}
	for _, r := range blocks[0].Table.Rows {
		if r[0].ColSpan != 0 {
			t.Fatalf("colspan %d kept in a grid of over a million cells", r[0].ColSpan)
		}
	}
}

// TestTableFixtures reads the pages of testdata/tables and checks what
// each table must keep.
func TestTableFixtures(t *testing.T) {
	tests := []struct {
		file                         string
		tables, header, rows, footer int
		notes                        int
		check                        func(t *testing.T, tb *article.Table)
	}{
		{"block-cells.html", 1, 1, 4, 0, 0, func(t *testing.T, tb *article.Table) {
			if c := tb.Rows[0][2]; len(c.Blocks) != 2 || c.Blocks[1].Kind != article.KindList {
				t.Errorf("notes cell = %#v, want a paragraph and a list", c)
			}
			if c := tb.Rows[3][2]; len(c.Blocks) != 1 || c.Blocks[0].Kind != article.KindCode {
				t.Errorf("code cell = %#v", c)
			}
		}},
		{"row-headers.html", 1, 1, 4, 0, 0, func(t *testing.T, tb *article.Table) {
			for _, r := range tb.Rows {
				if !r[0].Header {
					t.Errorf("row %q has no row header", r[0].Plain())
				}
			}
		}},
		{"spans.html", 1, 2, 5, 0, 0, func(t *testing.T, tb *article.Table) {
			if tb.Header[0][0].RowSpan != 2 || tb.Header[0][2].ColSpan != 2 || tb.Rows[2][0].RowSpan != 3 {
				t.Errorf("spans lost: %#v", tb.Header[0])
			}
		}},
		{"long.html", 1, 1, 300, 0, 0, nil},
		{"wide.html", 1, 1, 6, 0, 0, func(t *testing.T, tb *article.Table) {
			if n := len(tb.Header[0]); n != 14 {
				t.Errorf("%d columns, want 14", n)
			}
		}},
		{"numeric.html", 1, 1, 5, 0, 0, nil},
		{"caption-notes.html", 1, 1, 3, 1, 2, func(t *testing.T, tb *article.Table) {
			if tb.Caption.Plain() != "Harvest by crop, 2024 (tonnes)" {
				t.Errorf("caption %q", tb.Caption.Plain())
			}
		}},
		{"layout.html", 0, 0, 0, 0, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile("../testdata/tables/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			a, err := parse.HTML(data, "https://example.com/"+tt.file, "text/html")
			if err != nil {
				t.Fatal(err)
			}
			var tables []*article.Table
			for _, b := range a.Body {
				if b.Kind == article.KindTable {
					tables = append(tables, b.Table)
				}
			}
			if len(tables) != tt.tables {
				t.Fatalf("%d tables, want %d", len(tables), tt.tables)
			}
			if tt.tables == 0 {
				if !strings.Contains(a.PlainText(), "Nested grid, right part.") {
					t.Errorf("layout table's text lost:\n%s", a.PlainText())
				}
				return
			}
			tb := tables[0]
			if len(tb.Header) != tt.header || len(tb.Rows) != tt.rows || len(tb.Footer) != tt.footer || len(tb.Notes) != tt.notes {
				t.Fatalf("header/rows/footer/notes = %d/%d/%d/%d, want %d/%d/%d/%d", len(tb.Header), len(tb.Rows), len(tb.Footer), len(tb.Notes),
					tt.header, tt.rows, tt.footer, tt.notes)
			}
			if tt.check != nil {
				tt.check(t, tb)
			}
		})
	}
}
