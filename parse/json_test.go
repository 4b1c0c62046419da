package parse

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
)

func TestJSONFull(t *testing.T) {
	a, err := JSON(readTestdata(t, "json-full/input.json"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title == "" || a.Subtitle == "" || len(a.Authors) != 2 || a.Published == nil || a.Updated == nil ||
		a.SiteName == "" || a.URL != "https://example.com/news/2024/03/sample" || a.Language != "en" || len(a.Tags) == 0 {
		t.Errorf("metadata missing: %+v", a)
	}

	// Every block kind, heading level 2–4 and inline style is there.
	seen := map[string]bool{}
	var walk func([]article.Block)
	runs := func(tx article.Text) {
		for _, r := range tx {
			for style, on := range map[string]bool{"bold": r.Bold, "italic": r.Italic, "code": r.Code, "sup": r.Sup,
				"sub": r.Sub, "strike": r.Strike, "link": r.Link != "", "break": r.Break} {
				seen[style] = seen[style] || on
			}
		}
	}
	walk = func(blocks []article.Block) {
		for _, b := range blocks {
			seen[string(b.Kind)] = true
			runs(b.Text)
			switch b.Kind {
			case article.KindHeading:
				seen["h"+string(rune('0'+b.Level))] = true
			case article.KindQuote:
				walk(b.Blocks)
			case article.KindList:
				for _, it := range b.Items {
					walk(it.Blocks)
					for _, nb := range it.Blocks {
						if nb.Kind == article.KindList {
							seen["nested "+map[bool]string{true: "ol", false: "ul"}[nb.Ordered]] = true
						}
					}
				}
			case article.KindFigure:
				seen["figure without src"] = b.Figure.Src == "" && b.Figure.Caption != nil && b.Figure.Credit != ""
			case article.KindTable:
				seen["3-column header"] = len(b.Table.Header) == 1 && len(b.Table.Header[0]) == 3
			}
		}
	}
	walk(a.Body)
	for _, k := range []string{"paragraph", "heading", "quote", "list", "code", "figure", "table", "rule", "h2", "h3", "h4",
		"bold", "italic", "code", "sup", "sub", "strike", "link", "break", "nested ol", "nested ul", "figure without src",
		"3-column header"} {
		if !seen[k] {
			t.Errorf("json-full has no %s", k)
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	for _, file := range []string{"json-full/input.json", "seed/input.txt", "news-dump/input.txt"} {
		arts, err := Parse(readTestdata(t, file), Options{Name: file})
		if err != nil {
			t.Fatal(err)
		}
		first, err := json.Marshal(arts[0])
		if err != nil {
			t.Fatal(err)
		}
		again, err := JSON(first)
		if err != nil {
			t.Fatalf("%s: %v\n%s", file, err, first)
		}
		second, _ := json.Marshal(again)
		if !bytes.Equal(first, second) {
			t.Errorf("%s: round trip differs:\n%s\n%s", file, first, second)
		}
	}
}

func TestJSONAliases(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"headline": "H", "body": "x"}`, "T:H | p:x"},
		{`{"title": "T", "headline": "H", "body": "x"}`, "T:T | p:x"},
		{`{"title": "", "headline": "H", "body": "x"}`, "T:H | p:x"},
		{`{"title": "T", "author": "Jane Doe", "body": "x"}`, "T:T | A:Jane Doe | p:x"},
		{`{"title": "T", "author": {"name": "Jane Doe", "url": "u"}, "body": "x"}`, "T:T | A:Jane Doe | p:x"},
		{`{"title": "T", "author": [{"name": "Jane Doe"}, "John Roe"], "body": "x"}`, "T:T | A:Jane Doe,John Roe | p:x"},
		{`{"title": "T", "authors": [{"@type": "Person", "name": "Jane Doe"}], "body": "x"}`, "T:T | A:Jane Doe | p:x"},
		{`{"title": "T", "byline": "By Jane Doe and John Roe", "body": "x"}`, "T:T | A:Jane Doe,John Roe | p:x"},
		{`{"title": "T", "date": "November 1, 2023", "body": "x"}`, "T:T | P:2023-11-01T00:00:00Z | p:x"},
		{`{"title": "T", "datePublished": "2023-11-01T23:20:00Z", "dateModified": "2023-11-02", "body": "x"}`,
			"T:T | P:2023-11-01T23:20:00Z | U:2023-11-02T00:00:00Z | p:x"},
		{`{"title": "T", "published_at": "2023-11-01 23:20:00", "updated_at": "Nov 2, 2023", "body": "x"}`,
			"T:T | P:2023-11-01T23:20:00Z | U:2023-11-02T00:00:00Z | p:x"},
		{`{"title": "T", "content": "First\nline.\n\n\nSecond.\r\n"}`, "T:T | p:First line. | p:Second."},
		{`{"title": "T", "text": "Only."}`, "T:T | p:Only."},
		{`{"title": "T", "body": [{"type": "paragraph", "text": "B"}], "content": "C"}`, "T:T | p:B"},
		{`{"body": "x", "extra": {"deep": [1, 2, {"x": null}]}, "published": null}`, "T: | p:x"},
	}
	for _, tt := range tests {
		a, err := JSON([]byte(tt.in))
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if got := outline(a); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
	a, err := JSON([]byte(`{"title": "T", "description": "D", "body": "x"}`))
	if err != nil || a.Excerpt != "D" {
		t.Errorf("description: %v, %v", a, err)
	}
	a, err = JSON([]byte(`{"title": "T", "summary": "S", "body": "x"}`))
	if err != nil || a.Excerpt != "S" {
		t.Errorf("summary: %v, %v", a, err)
	}
}

func TestJSONErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
		msg  string
	}{
		{``, ErrNoContent, "empty"},
		{`{}`, ErrNoContent, "no body"},
		{`{"title": "T"}`, ErrNoContent, "no body"},
		{`{"title": "T", "body": []}`, ErrNoContent, "no body"},
		{`{"title": "T", "body": [{"type": "paragraph"}]}`, ErrNoContent, "no body"},
		{`[]`, ErrNoContent, "empty array"},
		{`{"title": 5, "body": "x"}`, ErrInvalidJSON, `invalid article JSON: field "title": want a string, got number`},
		{`{"headline": true, "body": "x"}`, ErrInvalidJSON, `field "headline": want a string, got boolean`},
		{`{"title": "T", "authors": "Jane", "body": "x"}`, ErrInvalidJSON, `field "authors": want an array of names, got string`},
		{`{"title": "T", "authors": ["Jane", 5], "body": "x"}`, ErrInvalidJSON, `field "authors[1]": want a name string`},
		{`{"title": "T", "tags": "a,b", "body": "x"}`, ErrInvalidJSON, `field "tags": want an array of strings, got string`},
		{`{"title": "T", "tags": ["a", {}], "body": "x"}`, ErrInvalidJSON, `field "tags[1]": want a string, got object`},
		{`{"title": "T", "published": 1698880800, "body": "x"}`, ErrInvalidJSON, `field "published": want a date string, got number`},
		{`{"title": "T", "published": "yesterday", "body": "x"}`, ErrInvalidJSON, `field "published": cannot read "yesterday" as a date`},
		{`{"title": "T", "dateModified": "01/11/2023", "body": "x"}`, ErrInvalidJSON, `field "dateModified": cannot read`},
		{`{"title": "T", "direction": "up", "body": "x"}`, ErrInvalidJSON, `field "direction": want "ltr" or "rtl", got "up"`},
		{`{"title": "T", "body": 7}`, ErrInvalidJSON, `field "body": want an array of blocks or a string, got number`},
		{`{"title": "T", "content": ["x"]}`, ErrInvalidJSON, `field "content": want a string, got array`},
		{`{"title": "T", "body": ["x"]}`, ErrInvalidJSON, `field "body[0]": want a block object, got string`},
		{`{"title": "T", "body": [{"type": "paragraph", "text": 5}]}`, ErrInvalidJSON, `field "body[0].text": want a string or an array of runs, got number`},
		{`{"title": "T", "body": [{"type": "heading", "level": "2", "text": "x"}]}`, ErrInvalidJSON, `field "body[0].level": want an integer, got string`},
		{`{"title": "T", "body": [{"type": "paragraph", "text": [{"text": "a", "bold": "yes"}]}]}`, ErrInvalidJSON, `field "body[0].text.bold": want true or false, got string`},
		{`{"title": "T", "body": [{"type": "heading", "level": 1, "text": "x"}]}`, article.ErrInvalid, `body[0]: heading level 1 is not between 2 and 6`},
		{`{"title": "T", "body": [{"type": "picture"}]}`, article.ErrInvalid, `unknown block type "picture"`},
		{`{"title": "T", "body": [{"text": "x"}]}`, article.ErrInvalid, `block without a type`},
		{`{"title": "T", "body": [{"type": "figure"}]}`, article.ErrInvalid, `figure block without a figure`},
		{`{"title": "T", "lead": "pic.jpg", "body": "x"}`, ErrInvalidJSON, `field "lead": want a figure object, got string`},
		{`{"title": "T", "lead": {"width": -1}, "body": "x"}`, article.ErrInvalid, `lead: negative figure size`},
		{`{"title": "T", "body": [{"type": "paragraph",`, ErrInvalidJSON, `syntax error at byte 45: unexpected end of JSON input`},
		{"{\n  \"title\": \"T\",\n  \"body\": [}\n", ErrInvalidJSON, `syntax error at byte 30 (line 3, column 12)`},
		{`"just a string"`, ErrInvalidJSON, `want an article object, got string`},
		{`null`, ErrInvalidJSON, `want an article object, got null`},
		{`[{"title": "a", "body": "x"}, 5]`, ErrInvalidJSON, `article 2: invalid article JSON: want an article object, got number`},
		{`[{"title": "a", "body": "x"}, {"title": "b", "body": "y"}]`, ErrInvalidJSON, `want one article, got an array of 2`},
	}
	for _, tt := range tests {
		a, err := JSON([]byte(tt.in))
		if a != nil || !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s:\n got %v\nwant %v containing %q", tt.in, err, tt.want, tt.msg)
		}
		if errors.Is(tt.want, article.ErrInvalid) && !errors.Is(err, ErrInvalidJSON) {
			t.Errorf("%s: %v does not wrap ErrInvalidJSON", tt.in, err)
		}
	}
}

func TestJSONArray(t *testing.T) {
	arts, err := Parse([]byte(`[{"title": "a", "body": "x"}, {"title": "b", "body": "y"}]`), Options{})
	if err != nil || len(arts) != 2 || arts[1].Title != "b" {
		t.Errorf("Parse(array) = %d articles, %v", len(arts), err)
	}
	a, err := JSON([]byte(` [{"title": "a", "body": "x"}] `))
	if err != nil || a.Title != "a" {
		t.Errorf("JSON(one-element array) = %v, %v", a, err)
	}
}

func TestJSONLines(t *testing.T) {
	good := "{\"title\": \"a\", \"body\": \"x\"}\r\n\n  {\"title\": \"b\", \"body\": \"y\"}\n"
	arts, err := JSONLines([]byte(good))
	if err != nil || len(arts) != 2 || arts[0].Title != "a" || arts[1].Title != "b" {
		t.Errorf("JSONLines = %d articles, %v", len(arts), err)
	}
	tests := []struct {
		in   string
		want error
		msg  string
	}{
		{"", ErrNoContent, "no JSON lines"},
		{"\n \n", ErrNoContent, "no JSON lines"},
		{good + "\n{\"title\": 3, \"body\": \"x\"}\n", ErrInvalidJSON, `line 5: invalid article JSON: field "title": want a string, got number`},
		{good + "{\"title\": \"c\", \"body\": \n", ErrInvalidJSON, `line 4: invalid article JSON: syntax error at byte 22: unexpected end`},
		{"{\"title\": \"c\"}\n", ErrNoContent, "line 1: no article text found"},
		{"[1]\n", ErrInvalidJSON, "line 1: invalid article JSON: want an article object, got array"},
	}
	for _, tt := range tests {
		arts, err := JSONLines([]byte(tt.in))
		if arts != nil || !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%q:\n got %v\nwant %v containing %q", tt.in, err, tt.want, tt.msg)
		}
	}
}
