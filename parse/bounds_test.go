package parse

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/gmext"
)

// nestedList is a Markdown list nested depth levels, one item a level.
func nestedList(depth int) string {
	var b strings.Builder
	b.WriteString("# Nested\n\n")
	for i := range depth {
		fmt.Fprintf(&b, "%s- item %d\n", strings.Repeat("  ", i), i)
	}
	return b.String()
}

// TestMarkdownTooDeep: lists and quotes nested beyond article.MaxDepth,
// however written, are refused with ErrTooDeep before goldmark (whose
// time grows with the cube of the depth) reads them; at the limit they
// are read.
func TestMarkdownTooDeep(t *testing.T) {
	max := article.MaxDepth
	tests := []struct {
		name string
		src  string
		deep bool
	}{
		{"list by indentation at the limit", nestedList(max), false},
		{"list by indentation over it", nestedList(max + 1), true},
		{"list 3,000 deep", nestedList(3000), true},
		{"quotes at the limit", "Q\n\n" + strings.Repeat("> ", max) + "deep\n", false},
		{"quotes over it", "Q\n\n" + strings.Repeat("> ", max+1) + "deep\n", true},
		{"quotes on their own lines", "Q\n\n" + func() string {
			var b strings.Builder
			for i := 1; i <= max+1; i++ {
				b.WriteString(strings.Repeat(">", i) + " level\n")
			}
			return b.String()
		}(), true},
		{"bullets on one line", "L\n\n" + strings.Repeat("- ", max+1) + "x\n", true},
		{"numbers on one line", "L\n\n" + strings.Repeat("1. ", max+1) + "x\n", true},
		{"quotes and lists mixed", "M\n\n" + strings.Repeat("> - ", max/2+1) + "x\n", true},
		{"in a list item's quote", "M\n\n- item\n" + "  " + strings.Repeat("> ", max) + "x\n", true},
		// not nesting, however it looks
		{"a long thematic break", "T\n\nText.\n\n" + strings.Repeat("- ", 3*max) + "\n\nMore.\n", false},
		{"fenced code", "C\n\n```yaml\n" + nestedList(3*max) + "```\n\nAfter.\n", false},
		{"fenced code in a list", "C\n\n- item\n\n  ~~~\n  " + strings.Repeat("> ", 3*max) + "\n  ~~~\n", false},
		{"indented code", "C\n\nText.\n\n    " + strings.Repeat("> ", 3*max) + "\n\nAfter.\n", false},
		{"a paragraph's continuation", "C\n\nText\n     " + strings.Repeat("- ", 3*max) + "x\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.src), Options{Format: FormatMarkdown, Name: "post.md"})
			switch {
			case tt.deep && !errors.Is(err, ErrTooDeep):
				t.Fatalf("%v, want ErrTooDeep", err)
			case tt.deep && !strings.Contains(err.Error(), fmt.Sprintf("nested more than %d levels", max)):
				t.Errorf("%q does not say how deep is allowed", err)
			case tt.deep && errors.Is(err, ErrUnsupportedFormat):
				t.Errorf("%v is also ErrUnsupportedFormat", err)
			case !tt.deep && err != nil:
				t.Fatal(err)
			}
		})
	}
}

// nestedHTML is a page whose article nests tag depth levels.
func nestedHTML(tag string, depth int, inner string) string {
	return "<html><head><title>Deep</title></head><body><article><p>" + strings.Repeat("Words of the article's introduction. ", 8) + "</p>" +
		strings.Repeat("<"+tag+">", depth) + inner + strings.Repeat("</"+tag+">", depth) + "</article></body></html>"
}

// TestHTMLTooDeep: a page nested deeper than the HTML parser reads is
// refused with ErrTooDeep (it was "unsupported input format"), as its
// Markdown is.
func TestHTMLTooDeep(t *testing.T) {
	for _, depth := range []int{600, 100000} {
		_, err := Parse([]byte(nestedHTML("div", depth, "deep text")), Options{Format: FormatHTML})
		if !errors.Is(err, ErrTooDeep) || errors.Is(err, ErrUnsupportedFormat) {
			t.Errorf("%d levels: %v, want ErrTooDeep only", depth, err)
		}
	}
	md := "# Deep\n\n" + strings.Repeat("<div>", 600) + "x" + strings.Repeat("</div>", 600) + "\n"
	if _, err := Parse([]byte(md), Options{Format: FormatMarkdown}); !errors.Is(err, ErrTooDeep) {
		t.Errorf("Markdown with HTML 600 levels deep: %v, want ErrTooDeep", err)
	}
}

// depthOf returns how deeply blocks nest.
func depthOf(blocks []article.Block) int {
	d := 0
	for _, b := range blocks {
		inner := depthOf(b.Blocks)
		for _, it := range b.Items {
			inner = max(inner, depthOf(it.Blocks))
		}
		if len(b.Blocks)+len(b.Items) > 0 {
			d = max(d, inner+1)
		}
	}
	return d
}

// TestHTMLDeepStructureFlattened: lists and quotes of a page nested
// beyond article.MaxDepth (but within what the parser reads) are read as
// the text around them: every word is kept, and the article prints.
func TestHTMLDeepStructureFlattened(t *testing.T) {
	for _, tag := range []string{"blockquote", "ul"} {
		inner := "<li>deepest words</li>"
		if tag == "blockquote" {
			inner = "<p>deepest words</p>"
		}
		arts, err := Parse([]byte(nestedHTML(tag, 200, inner)), Options{Format: FormatHTML})
		if err != nil {
			t.Fatalf("%s: %v", tag, err)
		}
		if d := depthOf(arts[0].Body); d > article.MaxDepth {
			t.Errorf("%s 200 deep: blocks nest %d levels", tag, d)
		}
		if !strings.Contains(arts[0].PlainText(), "deepest words") {
			t.Errorf("%s 200 deep: the deepest words are lost", tag)
		}
	}
}

// TestJSONTooDeep: article JSON nested beyond article.MaxDepth is refused
// with ErrTooDeep; at the limit it is read.
func TestJSONTooDeep(t *testing.T) {
	nested := func(depth int) []byte {
		return []byte(`{"title": "T", "body": [` + strings.Repeat(`{"type": "quote", "blocks": [`, depth) +
			`{"type": "paragraph", "text": "deep"}` + strings.Repeat(`]}`, depth) + `]}`)
	}
	if _, err := Parse(nested(article.MaxDepth), Options{Format: FormatJSON}); err != nil {
		t.Errorf("%d levels: %v", article.MaxDepth, err)
	}
	for _, depth := range []int{article.MaxDepth + 1, 5000} {
		if _, err := Parse(nested(depth), Options{Format: FormatJSON}); !errors.Is(err, ErrTooDeep) {
			t.Errorf("%d levels: %v, want ErrTooDeep", depth, err)
		}
	}
}

// countingContext is a context whose Err reports it cancelled from its
// cancelAt-th call on (never when cancelAt is 0), and counts the calls.
type countingContext struct {
	context.Context
	calls, cancelAt int
}

func (c *countingContext) Err() error {
	c.calls++
	if c.cancelAt > 0 && c.calls >= c.cancelAt {
		return context.Canceled
	}
	return nil
}

// TestParseStopsPromptly: each format of a large input looks at its
// context as it goes (at least once per 32 KB), and stops at the first
// look after it is cancelled, whenever that is, with an error wrapping
// context.Canceled.
func TestParseStopsPromptly(t *testing.T) {
	para := strings.Repeat("Words of a paragraph, [linked](https://example.com/a) and *emphasised*, run on. ", 6)
	var text, md, page, lines strings.Builder
	md.WriteString("# A long post\n\n")
	page.WriteString("<html><head><title>A long page</title></head><body><article><h1>A long page</h1>")
	for i := range 1500 {
		fmt.Fprintf(&text, "%s\n\n", para)
		fmt.Fprintf(&md, "%s\n\n- item %d\n- item\n\n> quoted\n\n", para, i)
		fmt.Fprintf(&page, "<p>%s</p><ul><li>item %d</li></ul>", para, i)
		fmt.Fprintf(&lines, `{"title": "T%d", "body": "%s"}`+"\n", i, para)
	}
	page.WriteString("</article></body></html>")
	inputs := []struct {
		format Format
		data   string
	}{
		{FormatText, "A Long Text\n\n" + text.String()},
		{FormatMarkdown, md.String()},
		{FormatHTML, page.String()},
		{FormatJSONL, lines.String()},
	}
	for _, in := range inputs {
		t.Run(string(in.format), func(t *testing.T) {
			full := &countingContext{Context: context.Background()}
			if _, err := ParseContext(full, []byte(in.data), Options{Format: in.format}); err != nil {
				t.Fatal(err)
			}
			if full.calls < len(in.data)/(32<<10) {
				t.Fatalf("the context was looked at %d times in %d KB", full.calls, len(in.data)>>10)
			}
			for _, at := range []int{1, 2, full.calls / 4, full.calls / 2, full.calls - 1} {
				ctx := &countingContext{Context: context.Background(), cancelAt: at}
				_, err := ParseContext(ctx, []byte(in.data), Options{Format: in.format})
				if !errors.Is(err, context.Canceled) {
					t.Fatalf("cancelled at look %d of %d: %v, want context.Canceled", at, full.calls, err)
				}
				if ctx.calls > at+1 {
					t.Errorf("cancelled at look %d: looked %d times, going on after it was cancelled", at, ctx.calls)
				}
			}
		})
	}
}

// TestMarkdownWatchdogsChangeNothing: the parser galley reads Markdown
// with (its watchdogs, the link reference definitions read a piece at a
// time) renders every post as goldmark alone does.
func TestMarkdownWatchdogsChangeNothing(t *testing.T) {
	plain := goldmark.New(goldmark.WithExtensions(gmext.GFM, gmext.Footnote), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	var defs, multi strings.Builder
	for i := range 700 {
		fmt.Fprintf(&defs, "[r%d]: https://example.com/%d\n", i, i)
		fmt.Fprintf(&multi, "[m%d]:\n  https://example.com/m/%d\n  \"Title %d\"\n", i, i, i)
	}
	docs := map[string]string{
		"definitions":            defs.String() + "\nSee [r1], [r699] and [r350][].\n",
		"definitions then text":  defs.String() + "and then text in the same paragraph [r3].\n",
		"multi-line definitions": multi.String() + "\n[m0] [m699] [m345]\n",
		"definitions in a quote": "> " + strings.ReplaceAll(defs.String(), "\n", "\n> ") + "\n\n[r2]\n",
		"footnotes":              "Text[^1] and more[^2].\n\n[^1]: One.\n[^2]: Two, *with* `code`.\n",
		"nested":                 nestedList(20) + "\n> > > quote\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
	}
	if src, err := os.ReadFile("../testdata/articles/md-post/input.md"); err == nil {
		docs["md-post"] = string(src)
	}
	for name, src := range docs {
		var want bytes.Buffer
		if err := plain.Convert([]byte(src), &want); err != nil {
			t.Fatal(err)
		}
		doc, err := parseMarkdown(context.Background(), []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := markdown().Renderer().Render(&got, []byte(src), doc); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%s: rendered otherwise than by goldmark alone", name)
		}
	}
}

// TestExtractionBounded: a page on which readability would work for long
// (text deep inside hundreds of elements) is converted whole instead,
// with a warning, every word kept.
func TestExtractionBounded(t *testing.T) {
	para := "<p>" + strings.Repeat("Words deep inside the page, ", 10) + "</p>"
	page := nestedHTML("div", 480, strings.Repeat(para, 800)) // 240 KB at depth 480
	var logs bytes.Buffer
	arts, err := Parse([]byte(page), Options{Format: FormatHTML, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "printing its content whole") {
		t.Errorf("no warning: %q", logs.String())
	}
	if n := strings.Count(arts[0].PlainText(), "Words deep inside the page"); n != 8000 {
		t.Errorf("%d of 8000 phrases kept", n)
	}
}

// TestTooManyBlocks: inputs that would make more blocks than their size
// allows (a paragraph or list item takes some 300 bytes of model, however
// short) are refused with ErrTooLarge before the blocks are built, in
// each format; real text of any size is not.
func TestTooManyBlocks(t *testing.T) {
	const n = 800000 // over maxBlocks of each input below
	tests := []struct {
		name   string
		format Format
		src    string
		refuse bool
	}{
		{"one-letter paragraphs", FormatText, "T\n\n" + strings.Repeat("a\n\n", n), true},
		{"one-letter list items", FormatText, "T\n\n" + strings.Repeat("- a\n", n), true},
		{"one-letter lines", FormatText, "T\n\n" + strings.Repeat("a\n", 2*n), true},
		{"Markdown list items", FormatMarkdown, "# T\n\n" + strings.Repeat("- a\n", n), true},
		{"Markdown paragraphs", FormatMarkdown, "# T\n\n" + strings.Repeat("a\n\n", n), true},
		{"HTML tags", FormatHTML, "<html><body><article>" + strings.Repeat("<p>a</p>", n) + "</article></body></html>", true},
		// real text is never refused
		{"prose", FormatText, "Prose\n\n" + strings.Repeat(strings.Repeat("Words of a paragraph of prose, as articles have them. ", 4)+"\n\n", 20000), false},
		{"verse", FormatText, "Verse\n\n" + strings.Repeat("A short line of verse\n", 60000), false},
		{"a long list", FormatMarkdown, "# List\n\n" + strings.Repeat("- an item of a list\n", 50000), false},
		{"a long list of words", FormatText, "List\n\n" + strings.Repeat("- word\n", 15000), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := Parse([]byte(tt.src), Options{Format: tt.format})
			runtime.ReadMemStats(&after)
			alloc := after.TotalAlloc - before.TotalAlloc
			switch {
			case tt.refuse && !errors.Is(err, ErrTooLarge):
				t.Fatalf("%v, want ErrTooLarge", err)
			case tt.refuse && alloc > 32*uint64(len(tt.src)):
				t.Errorf("%d MB allocated to refuse %d KB", alloc>>20, len(tt.src)>>10)
			case !tt.refuse && err != nil:
				t.Fatal(err)
			}
		})
	}
}

// TestElementBound: Readability is given pages of at most maxHTMLElements
// elements; a page of more, with no content container, is converted whole
// (a heading beside the article, which Readability leaves out, kept).
func TestElementBound(t *testing.T) {
	article := "<div>" + strings.Repeat("<p>"+strings.Repeat("Words of a paragraph of the article, with commas. ", 6)+"</p>", 8) + "</div>"
	page := func(padding int) string {
		return "<html><body><h4>A stray heading</h4>" + article + strings.Repeat("<i></i>", padding) + "</body></html>"
	}
	for _, tt := range []struct {
		padding int
		whole   bool
	}{
		{maxHTMLElements - 100, false},
		{maxHTMLElements, true},
	} {
		arts, err := Parse([]byte(page(tt.padding)), Options{Format: FormatHTML})
		if err != nil {
			t.Fatal(err)
		}
		if whole := strings.Contains(arts[0].PlainText(), "A stray heading"); whole != tt.whole {
			t.Errorf("%d elements of padding: page converted whole %v, want %v", tt.padding, whole, tt.whole)
		}
	}
	doc, _ := html.Parse(strings.NewReader("<p>a<b>b</b><!-- c --></p>"))
	if _, elements := extractionWork(doc, maxExtractionWork); elements != 5 { // html, head, body, p, b
		t.Errorf("extractionWork counts %d elements, want 5", elements)
	}
}
