package article

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// fullArticle returns an article that sets every field of the model: every
// block kind, every inline style, a lead figure and both dates. Tests use it
// for round trips and schema checks, so extend it when the model grows.
func fullArticle() *Article {
	published := time.Date(2024, 5, 1, 9, 30, 0, 0, time.FixedZone("", 2*60*60))
	updated := time.Date(2024, 5, 2, 7, 0, 0, 250_000_000, time.UTC)
	para := func(s string) Block { return Block{Kind: KindParagraph, Text: Plain(s)} }
	return &Article{
		Title:     "The Night Shift",
		Subtitle:  "Twelve hours at the harbour",
		Authors:   []string{"Ana Ruiz", "Tom Okafor"},
		Published: &published,
		Updated:   &updated,
		SiteName:  "The Coastal Review",
		URL:       "https://example.com/night-shift",
		Language:  "en",
		Direction: DirLTR,
		Excerpt:   "Twelve hours with the crews.",
		Tags:      []string{"Ports", "Work"},
		Lead: &Figure{
			Src:     "images/cranes.jpg",
			Alt:     "Cranes at night",
			Caption: Plain("The east quay"),
			Credit:  "Photo: Ana Ruiz",
			Width:   1600,
			Height:  1067,
		},
		Body: []Block{
			{Kind: KindParagraph, Text: Text{
				{Text: "plain "},
				{Text: "bold", Bold: true},
				{Text: "italic", Italic: true},
				{Text: "code", Code: true},
				{Text: "sup", Sup: true},
				{Text: "sub", Sub: true},
				{Text: "strike", Strike: true},
				{Text: "link", Link: "https://example.com/"},
				{Break: true},
				{Text: "all", Bold: true, Italic: true, Link: "https://example.com/all"},
			}},
			{Kind: KindHeading, Level: 2, Text: Plain("Changing shifts")},
			{Kind: KindQuote, Blocks: []Block{para("We never close.")}, Text: Plain("Harbour master")},
			{Kind: KindList, Ordered: true, Start: 3, Items: []ListItem{
				{Blocks: []Block{para("Third")}},
				{Blocks: []Block{
					para("Fourth"),
					{Kind: KindList, Items: []ListItem{{Blocks: []Block{para("nested")}}}},
				}},
			}},
			{Kind: KindCode, Code: "fmt.Println(\"hi\")\n", Language: "go"},
			{Kind: KindFigure, Figure: &Figure{Src: "data:image/png;base64,iVBORw0KGgo=", Caption: Text{{Text: "Map", Italic: true}}, Credit: "Drawing: port"}},
			{Kind: KindTable, Table: &Table{
				Caption: Plain("Ships per night"),
				Header:  [][]Cell{{{Text: Plain("Night")}, {Text: Plain("Ships"), Align: AlignEnd}}},
				Rows: [][]Cell{
					{{Text: Plain("Monday")}, {Text: Plain("14"), Align: AlignEnd}},
					{{Text: Plain("Total 14"), ColSpan: 2, Align: AlignCenter}},
				},
			}},
			{Kind: KindRule},
		},
	}
}

func TestTextUnmarshalJSON(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Text
		wantErr bool
	}{
		{name: "string", in: `"hello"`, want: Text{{Text: "hello"}}},
		{name: "string with escapes", in: `"a \"b\"\nc"`, want: Text{{Text: "a \"b\"\nc"}}},
		{name: "string with surrounding space", in: " \"x\"\n", want: Text{{Text: "x"}}},
		{name: "empty string", in: `""`, want: nil},
		{name: "array", in: `[{"text":"a"},{"text":"b","bold":true,"link":"https://x"},{"break":true}]`,
			want: Text{{Text: "a"}, {Text: "b", Bold: true, Link: "https://x"}, {Break: true}}},
		{name: "empty array", in: `[]`, want: Text{}},
		{name: "null", in: `null`, want: nil},
		{name: "number", in: `5`, wantErr: true},
		{name: "bool", in: `true`, wantErr: true},
		{name: "object", in: `{"text":"a"}`, wantErr: true},
		{name: "array of strings", in: `["a"]`, wantErr: true},
		{name: "run with wrong-typed text", in: `[{"text":5}]`, wantErr: true},
		{name: "run with wrong-typed style", in: `[{"text":"a","bold":"yes"}]`, wantErr: true},
		{name: "unterminated string", in: `"abc`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Start from a non-empty value: null and "" must clear it.
			got := Text{{Text: "old"}}
			err := got.UnmarshalJSON([]byte(tt.in))
			if tt.wantErr {
				if err == nil {
					t.Fatalf("UnmarshalJSON(%s) = %#v, want an error", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("UnmarshalJSON(%s): %v", tt.in, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("UnmarshalJSON(%s) = %#v, want %#v", tt.in, got, tt.want)
			}
		})
	}
}

// TestTextInStruct checks the string shorthand where it is used: as a field
// decoded by encoding/json.
func TestTextInStruct(t *testing.T) {
	var b Block
	if err := json.Unmarshal([]byte(`{"type":"heading","level":2,"text":"Hi"}`), &b); err != nil {
		t.Fatal(err)
	}
	want := Block{Kind: KindHeading, Level: 2, Text: Text{{Text: "Hi"}}}
	if !reflect.DeepEqual(b, want) {
		t.Errorf("got %#v, want %#v", b, want)
	}
}

// TestDecodeErrorNamesField keeps the error examples of docs/article-json.md
// honest: a wrong-typed field gives an error that names it.
func TestDecodeErrorNamesField(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{`{"title":5,"body":[]}`, "Article.title"},
		{`{"title":"x","authors":"A","body":[]}`, "Article.authors"},
		{`{"title":"x","body":[{"type":"heading","level":"2"}]}`, "body.level"},
		{`{"title":"x","body":[{"type":"paragraph","text":5}]}`, "body.text"},
		{`{"title":"x","body":[{"type":"paragraph","text":[{"text":"a","bold":1}]}]}`, "body.text.bold"},
		{`{"title":"x","body":[{"type":"list","items":[{"blocks":[{"type":"code","code":[]}]}]}]}`, "body.items.blocks.code"},
		{`{"title":"x","body":[],"lead":{"width":"wide"}}`, "lead.width"},
	}
	for _, tt := range tests {
		var a Article
		err := json.Unmarshal([]byte(tt.in), &a)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Unmarshal(%s) error = %v, want it to mention %q", tt.in, err, tt.want)
		}
	}
}

func TestByline(t *testing.T) {
	tests := []struct {
		authors []string
		want    string
	}{
		{nil, ""},
		{[]string{"Ana"}, "Ana"},
		{[]string{"Ana", "Tom"}, "Ana and Tom"},
		{[]string{"Ana", "Tom", "Lee"}, "Ana, Tom and Lee"},
		{[]string{"Ana", "Tom", "Lee", "Kim"}, "Ana, Tom, Lee and Kim"},
	}
	for _, tt := range tests {
		a := Article{Authors: tt.authors}
		if got := a.Byline(); got != tt.want {
			t.Errorf("Byline() with %q = %q, want %q", tt.authors, got, tt.want)
		}
	}
}

func TestDate(t *testing.T) {
	pub := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	upd := time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name               string
		published, updated *time.Time
		want               time.Time
	}{
		{"neither", nil, nil, time.Time{}},
		{"published only", &pub, nil, pub},
		{"updated only", nil, &upd, upd},
		{"both", &pub, &upd, pub},
	}
	for _, tt := range tests {
		a := Article{Published: tt.published, Updated: tt.updated}
		if got := a.Date(); !got.Equal(tt.want) {
			t.Errorf("%s: Date() = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestValidate(t *testing.T) {
	para := Block{Kind: KindParagraph, Text: Plain("p")}
	list := func(blocks ...Block) Block {
		return Block{Kind: KindList, Items: []ListItem{{Blocks: blocks}}}
	}
	tests := []struct {
		name string
		a    *Article
		want string // a substring of the error; "" for no error
	}{
		{name: "full article", a: fullArticle()},
		{name: "empty article", a: &Article{}},
		{name: "heading level 2", a: &Article{Body: []Block{{Kind: KindHeading, Level: 2}}}},
		{name: "heading level 6", a: &Article{Body: []Block{{Kind: KindHeading, Level: 6}}}},
		{name: "heading level 1",
			a:    &Article{Body: []Block{{Kind: KindHeading, Level: 1}}},
			want: "body[0]: heading level 1 is not between 2 and 6"},
		{name: "heading level 7",
			a:    &Article{Body: []Block{para, {Kind: KindHeading, Level: 7}}},
			want: "body[1]: heading level 7 is not between 2 and 6"},
		{name: "heading without level",
			a:    &Article{Body: []Block{{Kind: KindHeading, Text: Plain("h")}}},
			want: "body[0]: heading level 0"},
		{name: "unknown type in a list item",
			a:    &Article{Body: []Block{para, para, list(Block{Kind: "paragraf"})}},
			want: `body[2].items[0].blocks[0]: unknown block type "paragraf"`},
		{name: "unknown type in a nested list",
			a:    &Article{Body: []Block{list(para, list(para, Block{Kind: "image"}))}},
			want: `body[0].items[0].blocks[1].items[0].blocks[1]: unknown block type "image"`},
		{name: "unknown type in a quote",
			a:    &Article{Body: []Block{{Kind: KindQuote, Blocks: []Block{para, {Kind: "aside"}}}}},
			want: `body[0].blocks[1]: unknown block type "aside"`},
		{name: "block without type",
			a:    &Article{Body: []Block{para, {Text: Plain("p")}}},
			want: "body[1]: block without a type"},
		{name: "figure block without figure",
			a:    &Article{Body: []Block{{Kind: KindFigure}}},
			want: "body[0]: figure block without a figure"},
		{name: "figure with negative size",
			a:    &Article{Body: []Block{{Kind: KindFigure, Figure: &Figure{Width: -1, Height: 10}}}},
			want: "body[0]: negative figure size -1x10"},
		{name: "table block without table",
			a:    &Article{Body: []Block{{Kind: KindTable}}},
			want: "body[0]: table block without a table"},
		{name: "block right to left", a: &Article{Body: []Block{{Kind: KindParagraph, Dir: DirRTL}}}},
		{name: "block direction unknown",
			a:    &Article{Body: []Block{para, {Kind: KindParagraph, Dir: "up"}}},
			want: `body[1]: direction "up"`},
		{name: "lead with negative size",
			a:    &Article{Lead: &Figure{Height: -5}},
			want: "lead: negative figure size 0x-5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.a.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() = nil, want an error containing %q", tt.want)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("Validate() = %v, which does not wrap ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate() = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	want := strings.Join([]string{
		"The Night Shift",
		"Twelve hours at the harbour",
		"Ana Ruiz and Tom Okafor",
		"The east quay", // lead caption
		"Photo: Ana Ruiz",
		"plain bolditaliccodesupsubstrikelink\nall", // runs joined, break as newline
		"Changing shifts",
		"We never close.", // quote: blocks, then attribution
		"Harbour master",
		"Third",
		"Fourth",
		"nested",
		`fmt.Println("hi")`, // trimmed
		"Map",
		"Drawing: port",
		"Ships per night", // table: caption, header, rows
		"Night",
		"Ships",
		"Monday",
		"14",
		"Total 14",
	}, "\n") + "\n"
	if got := fullArticle().PlainText(); got != want {
		t.Errorf("PlainText() =\n%s\nwant\n%s", got, want)
	}
}

func TestPlainTextSkipsEmpty(t *testing.T) {
	a := Article{Title: "  T  ", Body: []Block{
		{Kind: KindParagraph},
		{Kind: KindRule},
		{Kind: KindParagraph, Text: Plain(" \n ")},
		{Kind: KindParagraph, Text: Plain("p")},
	}}
	if got, want := a.PlainText(), "T\np\n"; got != want {
		t.Errorf("PlainText() = %q, want %q", got, want)
	}
}

func TestTextPlain(t *testing.T) {
	tests := []struct {
		in   Text
		want string
	}{
		{nil, ""},
		{Plain(""), ""},
		{Plain("a"), "a"},
		{Text{{Text: "a", Bold: true}, {Text: "b"}}, "ab"},
		{Text{{Text: "a"}, {Break: true}, {Text: "b"}}, "a\nb"},
		{Text{{Text: "ignored", Break: true}}, "\n"},
	}
	for _, tt := range tests {
		if got := tt.in.Plain(); got != tt.want {
			t.Errorf("%#v.Plain() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	in := fullArticle()
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out Article
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("Unmarshal: %v\n%s", err, data)
	}
	if !reflect.DeepEqual(in, &out) {
		t.Errorf("round trip changed the article:\n in: %#v\nout: %#v\njson: %s", in, &out, data)
	}
	// The second encoding is byte for byte the first.
	again, err := json.Marshal(&out)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(data) {
		t.Errorf("re-encoding differs:\n%s\n%s", data, again)
	}
}

// TestJSONOmitsEmpty checks the compact form galley inspect writes: empty,
// zero and false fields are left out, except the required ones.
func TestJSONOmitsEmpty(t *testing.T) {
	a := Article{Title: "T", Body: []Block{{Kind: KindRule}, {Kind: KindParagraph, Text: Plain("p")}}}
	data, err := json.Marshal(&a)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"title":"T","body":[{"type":"rule"},{"type":"paragraph","text":[{"text":"p"}]}]}`
	if string(data) != want {
		t.Errorf("Marshal = %s, want %s", data, want)
	}
}

// TestFigures: the lead's figure, then the body's in reading order, a
// block's own before its blocks' and those before its list items'.
func TestFigures(t *testing.T) {
	fig := func(src string) *Figure { return &Figure{Src: src} }
	a := &Article{Lead: fig("lead"), Body: []Block{
		{Kind: KindFigure, Figure: fig("one")},
		{Kind: KindQuote, Blocks: []Block{{Kind: KindFigure, Figure: fig("quoted")}},
			Items: []ListItem{{Blocks: []Block{{Kind: KindFigure, Figure: fig("item")}}}}},
		{Kind: KindFigure, Figure: fig("last")},
	}}
	var got []string
	for _, f := range a.Figures() {
		got = append(got, f.Src)
	}
	if want := "lead one quoted item last"; strings.Join(got, " ") != want {
		t.Errorf("figures %v, want %s", got, want)
	}
}
