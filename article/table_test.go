package article

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// richTable has every field a table and its cells have.
func richTable() *Table {
	return &Table{
		Caption: Plain("Rainfall by state"),
		Header: [][]Cell{
			{{Text: Plain("State"), Header: true, RowSpan: 2}, {Text: Plain("Rain (mm)"), Header: true, ColSpan: 2, Align: AlignCenter}},
			{{Text: Plain("2023"), Header: true}, {Text: Plain("2024"), Header: true}},
		},
		Rows: [][]Cell{
			{{Text: Plain("Bavaria"), Header: true, Scope: ScopeRow}, {Text: Plain("1,012.5"), Align: AlignEnd}, {Text: Plain("987.0"), Align: AlignEnd}},
			{{Blocks: []Block{
				{Kind: KindParagraph, Text: Plain("Saxony")},
				{Kind: KindList, Items: []ListItem{{Blocks: []Block{{Kind: KindParagraph, Text: Plain("incl. Leipzig")}}}}},
			}, Header: true}, {Text: Plain("640")}, {Text: Plain("702")}},
		},
		Footer: [][]Cell{{{Text: Plain("Mean"), Header: true}, {Text: Plain("826.3")}, {Text: Plain("844.5")}}},
		Notes:  []Text{Plain("Source: DWD.")},
	}
}

func TestTableJSONRoundTrip(t *testing.T) {
	in := &Article{Title: "T", Body: []Block{{Kind: KindTable, Table: richTable()}}}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"rowspan":2`, `"header":true`, `"scope":"row"`, `"footer":`, `"notes":[[{"text":"Source: DWD."}]]`, `"blocks":[{"type":"paragraph"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("JSON lacks %s:\n%s", want, data)
		}
	}
	if strings.Contains(string(data), `"text":null`) {
		t.Errorf("a cell of blocks writes its empty text:\n%s", data)
	}
	var out Article
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	if err := out.Validate(); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, &out) {
		t.Errorf("round trip changed the table:\n in: %#v\nout: %#v", in.Body[0].Table, out.Body[0].Table)
	}
}

// TestTableJSONOldForm reads a table as galley wrote it before cells had
// blocks and spans: a cell's "text" (string or runs) and "colspan".
func TestTableJSONOldForm(t *testing.T) {
	old := `{"title":"T","body":[{"type":"table","table":{"caption":"C","header":[[{"text":"a"},{"text":[{"text":"b","bold":true}]}]],"rows":[[{"text":"1","colspan":2,"align":"end"}],[{"text":null},{"text":""}]]}}]}`
	var a Article
	if err := json.Unmarshal([]byte(old), &a); err != nil {
		t.Fatal(err)
	}
	if err := a.Validate(); err != nil {
		t.Fatal(err)
	}
	tb := a.Body[0].Table
	if got := tb.Header[0][1].Text; len(got) != 1 || !got[0].Bold || got[0].Text != "b" {
		t.Errorf("header cell = %#v", got)
	}
	if c := tb.Rows[0][0]; c.Plain() != "1" || c.ColSpan != 2 || c.Align != AlignEnd {
		t.Errorf("body cell = %#v", c)
	}
}

func TestTableValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		cell Cell
		want string // "" for valid
	}{
		{"plain", Cell{Text: Plain("a")}, ""},
		{"spans", Cell{ColSpan: MaxSpan, RowSpan: 3}, ""},
		{"colspan too wide", Cell{ColSpan: MaxSpan + 1}, "body[0].table.rows[0][0]: span 1001x0"},
		{"negative rowspan", Cell{RowSpan: -1}, "span 0x-1"},
		{"scope", Cell{Header: true, Scope: "rowgroup"}, `scope "rowgroup"`},
		{"block without a type", Cell{Blocks: []Block{{Text: Plain("p")}}}, "body[0].table.rows[0][0].blocks[0]: block without a type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := Article{Body: []Block{{Kind: KindTable, Table: &Table{Rows: [][]Cell{{tc.cell}}}}}}
			err := a.Validate()
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Validate = %v, want an error with %q", err, tc.want)
			}
		})
	}
}

func TestTablePlainText(t *testing.T) {
	a := Article{Body: []Block{{Kind: KindTable, Table: richTable()}}}
	want := "Rainfall by state\nState\nRain (mm)\n2023\n2024\nBavaria\n1,012.5\n987.0\nSaxony\nincl. Leipzig\n640\n702\nMean\n826.3\n844.5\nSource: DWD.\n"
	if got := a.PlainText(); got != want {
		t.Errorf("PlainText =\n%s\nwant\n%s", got, want)
	}
}
