package galley_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/page"
)

// FuzzExport runs parse → layout → PDF on arbitrary bytes read as text and
// as JSON: nothing may panic, errors must be one line, and every article
// that parses must print as a PDF whose A4 layout keeps the invariants
// (page.Document.Verify).
//
//	go test -run='^$' -fuzz=FuzzExport -fuzztime=60s .
func FuzzExport(f *testing.F) {
	inputs, _ := filepath.Glob(filepath.Join("testdata", "articles", "*", "input.*"))
	tables, _ := filepath.Glob(filepath.Join("testdata", "tables", "*.[jm][sd]*"))
	inputs = append(inputs, tables...)
	for _, in := range inputs {
		if data, err := os.ReadFile(in); err == nil {
			f.Add(data, false)
			f.Add(data, true)
		}
	}
	for _, s := range []string{
		"",
		"x",
		"Title\n\nBody.",
		"Title\r\n\r\nBody\r\nwrapped.\r\n",
		"😀\n\n😀 😀",
		"Caf\xe9\n\ncr\xe8me \xff",
		"T\n\n" + strings.Repeat("w", 3000),
		"T\n\n## H\n\n## H2\n\n## H3",
		"T\n\n- a\n- b\n\n1. x\n2. y\n\n* * *\n\nImage: KCNA\n(Photo by Jane Doe)",
		"print-icon\nprint-icon\n\nHeadline\n\nby A B\nWednesday, Nov 01, 2023 - 11:20 PM\n\nText.",
		"\t\tcode\n\tmore code",
		`{"title": "T", "body": "x"}`,
		`{"body": [{"type": "heading", "level": 2, "text": "H"}]}`,
		`{"title": "T", "body": [{"type": "table", "table": {"header": [[{"text": "a"}, {"text": "b"}]], "rows": [[{"text": "1"}], []]}}]}`,
		`{"title": "T", "body": [{"type": "table", "table": {"caption": "c", "header": [[{"text": "a", "rowspan": 3}, {"text": "b", "colspan": 1000}]], "rows": [[{"blocks": [{"type": "list", "items": [{"blocks": [{"type": "paragraph", "text": "x"}]}]}], "header": true, "rowspan": 2}, {"text": "1.5"}], [{"text": "22.25"}]], "footer": [[{"text": "t", "colspan": 2}]], "notes": ["n"]}}]}`,
		`{"title": "T", "body": [{"type": "figure", "figure": {"src": "a.jpg", "caption": "c", "credit": "d", "width": 10, "height": 100000}}]}`,
		`{"title": "T", "body": [{"type": "quote", "blocks": [{"type": "list", "items": [{"blocks": [{"type": "code", "code": "x\ty"}]}]}], "text": "attr"}]}`,
		`{"title": "T", "lead": {"caption": "lead caption", "credit": "c"}, "body": [{"type": "rule"}, {"type": "paragraph", "text": [{"text": "a", "bold": true, "link": "https://e.com"}]}]}`,
		`[{"title": "a", "body": "x"}, {"title": "b", "body": "y"}]`,
		"{\"title\": \"a\", \"body\": \"x\"}\n{\"title\": \"b\", \"body\": \"y\"}\n",
		`{"title": 1}`,
		`{"title": "T", "body": [{"type": "paragraph", "text": [{"text": "see "}, {"text": "this", "link": "https://example.org/a-very/long/address/that/wraps/over/the/column/width/of/a/newspaper"}]}, {"type": "pullquote", "text": "quoted"}, {"type": "figure", "figure": {"src": "wide.png", "caption": "c"}}]}`,
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, asJSON bool) {
		format := galley.Format("text")
		if asJSON {
			format = "json"
		}
		arts, err := galley.Parse(data, galley.ParseOptions{Format: format, Name: "fuzz"})
		if err != nil {
			if msg := err.Error(); strings.TrimSpace(msg) == "" || strings.ContainsAny(msg, "\r\n") {
				t.Errorf("Parse error %q is empty or not one line", msg)
			}
			return
		}
		if len(arts) == 0 {
			t.Fatal("Parse returned no articles and no error")
		}
		for i, a := range arts[:min(len(arts), 3)] {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			var buf bytes.Buffer
			res, err := galley.Export(ctx, &buf, a, galley.Options{})
			cancel()
			if err != nil {
				if ctx.Err() != nil {
					t.Fatalf("article %d: export timed out: %v", i, err)
				}
				if msg := err.Error(); strings.TrimSpace(msg) == "" || strings.ContainsAny(msg, "\r\n") {
					t.Errorf("article %d: Export error %q is empty or not one line", i, msg)
				}
				if buf.Len() > 0 {
					t.Errorf("article %d: Export failed (%v) but wrote %d bytes", i, err, buf.Len())
				}
				// Parse accepted the article, so it has content to print.
				t.Errorf("article %d: Export failed after Parse succeeded: %v", i, err)
				continue
			}
			pdf := buf.Bytes()
			if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(pdf, "\r\n"), []byte("%%EOF")) {
				t.Fatalf("article %d: not a complete PDF (%d bytes)", i, len(pdf))
			}
			if res.Pages < 1 {
				t.Errorf("article %d: Result.Pages = %d", i, res.Pages)
			}
			doc, err := layout.Layout(context.Background(), a, layout.Options{})
			if err != nil {
				t.Fatalf("article %d: layout on A4: %v", i, err)
			}
			if len(doc.Pages) != res.Pages {
				t.Errorf("article %d: layout has %d pages, Export said %d", i, len(doc.Pages), res.Pages)
			}
			for _, e := range doc.Verify() {
				t.Errorf("article %d: layout invariant: %v", i, e)
			}
			// the newspaper page: columns, footnoted links, mirrored margins
			cols := 2 + len(data)%2
			doc, err = layout.Layout(context.Background(), a, layout.Options{Columns: cols, Links: layout.LinksFootnotes,
				Mirror: true, Gutter: page.Pt(12), Images: fuzzImages})
			if err != nil {
				t.Fatalf("article %d: layout in %d columns: %v", i, cols, err)
			}
			for _, e := range doc.Verify() {
				t.Errorf("article %d: %d columns: layout invariant: %v", i, cols, e)
			}
		}
	})
}

// fuzzImages gives every figure a picture, landscape or portrait by its
// source's length, so that spanning and column figures both occur.
func fuzzImages(f *article.Figure) *page.Image {
	if f.Src == "" {
		return nil
	}
	w, h := 1600, 900
	if len(f.Src)%2 == 1 {
		w, h = 600, 900
	}
	return &page.Image{Key: f.Src, Format: "png", Data: []byte("x"), Width: w, Height: h}
}
