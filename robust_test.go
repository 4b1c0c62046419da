package galley_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/internal/pdftext"
	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/parse"
)

// outcome is what parse → export of one input gave.
type outcome struct {
	arts  []*article.Article
	pdf   []byte // the first article's PDF
	pages int
	err   error // from Parse, else from Export
}

// printInput parses data and exports its first article, in a goroutine
// under a deadline: a panic or a hang fails the test instead of killing or
// stalling the run.
func printInput(t *testing.T, data []byte, opts galley.ParseOptions, timeout time.Duration) outcome {
	t.Helper()
	installed := installedFonts(t) // as the CLI prints
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	done := make(chan outcome, 1)
	panicked := make(chan string, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				panicked <- fmt.Sprintf("%v\n%s", r, debug.Stack())
			}
		}()
		var o outcome
		o.arts, o.err = galley.Parse(data, opts)
		if o.err == nil {
			if len(o.arts) == 0 {
				o.err = errors.New("Parse returned no articles and no error")
			} else {
				var buf bytes.Buffer
				var res galley.Result
				res, o.err = galley.Export(ctx, &buf, o.arts[0], galley.Options{Fonts: installed})
				o.pdf, o.pages = buf.Bytes(), res.Pages
				if o.err != nil && buf.Len() > 0 {
					o.err = fmt.Errorf("Export failed (%w) but wrote %d bytes", o.err, buf.Len())
				}
			}
		}
		done <- o
	}()
	select {
	case o := <-done:
		return o
	case p := <-panicked:
		t.Fatalf("panic: %s", p)
	case <-ctx.Done():
		// Export checks ctx, Parse does not: give a running Export a
		// moment to notice before calling it a hang.
		select {
		case o := <-done:
			t.Fatalf("did not finish within %v (err %v)", timeout, o.err)
		case p := <-panicked:
			t.Fatalf("panic: %s", p)
		case <-time.After(5 * time.Second):
			t.Fatalf("hangs: no result after %v", timeout)
		}
	}
	panic("unreachable")
}

// clearError checks that err is a usable message: non-empty, one line.
func clearError(t *testing.T, err error, want ...error) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	if strings.TrimSpace(msg) == "" || strings.ContainsAny(msg, "\r\n") {
		t.Errorf("error message %q is empty or not one line", msg)
	}
	if len(msg) > 400 {
		t.Errorf("error message is %d bytes long: %.200q…", len(msg), msg)
	}
	if len(want) == 0 {
		return
	}
	for _, w := range want {
		if errors.Is(err, w) {
			return
		}
	}
	t.Errorf("error %q wraps none of %v", msg, want)
}

// validPDF checks a successful outcome: a PDF with pages, valid for
// pdfcpu, from a layout that passes page.Document.Verify. It returns the decoded text layer, words joined by spaces.
func validPDF(t *testing.T, o outcome) string {
	t.Helper()
	if o.err != nil {
		t.Fatalf("error: %v", o.err)
	}
	if !bytes.HasPrefix(o.pdf, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(o.pdf, "\r\n "), []byte("%%EOF")) {
		t.Fatalf("not a complete PDF (%d bytes)", len(o.pdf))
	}
	if o.pages < 1 {
		t.Fatalf("Result.Pages = %d", o.pages)
	}
	if err := pdftext.Validate(o.pdf); err != nil {
		t.Fatalf("pdfcpu validation: %v", err)
	}
	pages, err := pdftext.Pages(o.pdf)
	if err != nil {
		t.Fatalf("reading the PDF back: %v", err)
	}
	if len(pages) != o.pages {
		t.Errorf("the PDF has %d pages, Result.Pages says %d", len(pages), o.pages)
	}
	// and the layout keeps its invariants
	doc, err := layout.Layout(context.Background(), o.arts[0], layout.Options{})
	if err != nil {
		t.Fatalf("layout: %v", err)
	}
	for _, e := range doc.Verify() {
		t.Errorf("layout invariant: %v", e)
	}
	var texts []string
	for _, p := range pages {
		texts = append(texts, p.Text())
	}
	return strings.Join(texts, " ")
}

// countPages counts the page objects of a PDF written by fpdf (which does
// not compress its object dictionaries), for PDFs too large to decode in a
// test.
func countPages(pdf []byte) int {
	n := 0
	for _, m := range [][]byte{[]byte("/Type /Page\n"), []byte("/Type /Page "), []byte("/Type /Page/"), []byte("/Type/Page\n"), []byte("/Type/Page/"), []byte("/Type /Page>")} {
		n += bytes.Count(pdf, m)
	}
	return n
}

func randomBytes(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return b
}

// prose returns about n bytes of text in paragraphs of varied length,
// sep between paragraphs.
func prose(seed uint64, n int, sep string) string {
	words := strings.Fields("the harbour crews work through the night while cranes lift containers from ships " +
		"that arrived at dusk and will leave before the morning tide turns against them once again " +
		"newspaper typesetting justified paragraphs hyphenation measure leading kerning folio dateline")
	r := rand.New(rand.NewPCG(seed, 1))
	var b strings.Builder
	b.Grow(n + 1024)
	for b.Len() < n {
		np := 20 + r.IntN(180)
		for i := range np {
			w := words[r.IntN(len(words))]
			if i == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
			if i == np-1 {
				b.WriteString(".")
			} else if r.IntN(12) == 0 {
				b.WriteString(", ")
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(sep)
	}
	return b.String()
}

const timeout = 30 * time.Second

func TestRobustErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		opts galley.ParseOptions
		want []error
	}{
		{"empty file", nil, galley.ParseOptions{Name: "empty.txt"}, []error{galley.ErrNoContent}},
		{"empty, no name", []byte{}, galley.ParseOptions{}, []error{galley.ErrNoContent}},
		{"whitespace only", []byte("\n \t\r\n\u00a0\n"), galley.ParseOptions{Name: "blank.txt"}, []error{galley.ErrNoContent}},
		{"BOM only", []byte("\xef\xbb\xbf"), galley.ParseOptions{Name: "bom.txt"}, []error{galley.ErrNoContent}},
		{"binary garbage", randomBytes(1, 64<<10), galley.ParseOptions{Name: "garbage.bin"}, []error{galley.ErrUnsupportedFormat}},
		{"binary garbage as text", randomBytes(2, 4096), galley.ParseOptions{Name: "garbage.txt"}, []error{galley.ErrUnsupportedFormat}},
		{"binary garbage as json", randomBytes(3, 4096), galley.ParseOptions{Name: "garbage.json"}, []error{parse.ErrInvalidJSON, galley.ErrUnsupportedFormat}},
		{"PNG header", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), randomBytes(4, 1024)...), galley.ParseOptions{Name: "photo.png"}, []error{galley.ErrUnsupportedFormat}},
		{"PDF as input", []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\x00\x01\x02\x03\xff\xfe"), galley.ParseOptions{Name: "in.pdf"}, []error{galley.ErrUnsupportedFormat}},
		{"invalid UTF-8 only", bytes.Repeat([]byte{0xC3, 0x28, 0xA0, 0xA1}, 256), galley.ParseOptions{Name: "bad.txt"}, []error{galley.ErrUnsupportedFormat}},
		{"HTML without an article", []byte("<!doctype html><html><body><nav>menu</nav></body></html>"), galley.ParseOptions{Name: "page.html"}, []error{galley.ErrNoContent}},
		{"unknown format", []byte("Title\n\nBody."), galley.ParseOptions{Format: "docx"}, []error{galley.ErrUnsupportedFormat}},
		{"JSON empty object", []byte("{}"), galley.ParseOptions{Name: "a.json"}, []error{galley.ErrNoContent}},
		{"JSON no body", []byte(`{"title": "Only a Title"}`), galley.ParseOptions{Name: "a.json"}, []error{galley.ErrNoContent}},
		{"JSON null body", []byte(`{"title": "T", "body": null}`), galley.ParseOptions{Name: "a.json"}, []error{galley.ErrNoContent}},
		{"JSON empty body", []byte(`{"title": "T", "body": []}`), galley.ParseOptions{Name: "a.json"}, []error{galley.ErrNoContent}},
		{"JSON blank body", []byte(`{"title": "T", "body": "  \n\n "}`), galley.ParseOptions{Name: "a.json"}, []error{galley.ErrNoContent}},
		{"JSON empty array", []byte(`[]`), galley.ParseOptions{Name: "a.json"}, []error{galley.ErrNoContent}},
		{"JSON title number", []byte(`{"title": 1, "body": "x"}`), galley.ParseOptions{Name: "a.json"}, []error{parse.ErrInvalidJSON}},
		{"JSON authors number", []byte(`{"title": "T", "authors": 5, "body": "x"}`), galley.ParseOptions{Name: "a.json"}, []error{parse.ErrInvalidJSON}},
		{"JSON authors of numbers", []byte(`{"title": "T", "authors": [5], "body": "x"}`), galley.ParseOptions{Name: "a.json"}, []error{parse.ErrInvalidJSON}},
		{"JSON published yesterday", []byte(`{"title": "T", "published": "yesterday", "body": "x"}`), galley.ParseOptions{Name: "a.json"}, []error{parse.ErrInvalidJSON}},
		{"JSON published number", []byte(`{"title": "T", "published": 1700000000, "body": "x"}`), galley.ParseOptions{Name: "a.json"}, []error{parse.ErrInvalidJSON}},
		{"JSON body number", []byte(`{"title": "T", "body": 7}`), galley.ParseOptions{Name: "a.json"}, []error{parse.ErrInvalidJSON}},
		{"JSON body of strings", []byte(`{"title": "T", "body": ["x"]}`), galley.ParseOptions{Name: "a.json"}, []error{parse.ErrInvalidJSON}},
		{"JSON heading level string", []byte(`{"title": "T", "body": [{"type": "heading", "level": "2", "text": "x"}]}`), galley.ParseOptions{Name: "a.json"}, []error{parse.ErrInvalidJSON}},
		{"JSON unknown block type", []byte(`{"title": "T", "body": [{"type": "paragraf", "text": "x"}]}`), galley.ParseOptions{Name: "a.json"}, []error{parse.ErrInvalidJSON}},
		{"JSON array top level string", []byte(`"just a string"`), galley.ParseOptions{Name: "a.json"}, []error{parse.ErrInvalidJSON}},
		{"JSON truncated", []byte("{\"title\": \"T\",\n \"body\": [\n"), galley.ParseOptions{Name: "a.json"}, []error{parse.ErrInvalidJSON}},
		{"JSON deeply nested", []byte(strings.Repeat(`{"type":"quote","blocks":[`, 20000)), galley.ParseOptions{Name: "a.json"}, []error{galley.ErrTooDeep}},
		{"JSON Lines bad line", []byte("{\"title\": \"A\", \"body\": \"x\"}\n{\"title\": 2}\n"), galley.ParseOptions{Name: "a.jsonl"}, []error{parse.ErrInvalidJSON}},
		{"JSON Lines empty", []byte("\n\n\n"), galley.ParseOptions{Name: "a.jsonl"}, []error{galley.ErrNoContent}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := printInput(t, tt.data, tt.opts, timeout)
			clearError(t, o.err, tt.want...)
			t.Logf("error: %v", o.err)
			if o.pdf != nil {
				t.Errorf("an error, yet %d bytes of PDF", len(o.pdf))
			}
			if tt.opts.Name != "" && !strings.HasPrefix(o.err.Error(), tt.opts.Name+": ") {
				t.Errorf("error %q does not start with the input's name", o.err)
			}
		})
	}
	// The fields named in wrong-type errors.
	for _, tt := range []struct{ json, field string }{
		{`{"title": 1, "body": "x"}`, "title"},
		{`{"title": "T", "authors": 5, "body": "x"}`, "authors"},
		{`{"title": "T", "published": "yesterday", "body": "x"}`, "published"},
		{`{"title": "T", "body": 7}`, "body"},
	} {
		_, err := galley.Parse([]byte(tt.json), galley.ParseOptions{Format: "json"})
		if err == nil || !strings.Contains(err.Error(), tt.field) {
			t.Errorf("%s: error %v does not name the field %q", tt.json, err, tt.field)
		}
	}
}

func TestRobustPrints(t *testing.T) {
	t.Run("invalid UTF-8 in text", func(t *testing.T) {
		in := []byte("Caf\xe9 Society\n\nThe cr\xe8me br\xfbl\xe9e was \xff good.\n\nA second paragraph.\n")
		o := printInput(t, in, galley.ParseOptions{Name: "latin1.txt"}, timeout)
		text := validPDF(t, o)
		if !strings.Contains(text, "\uFFFD") || !strings.Contains(text, "paragraph.") {
			t.Errorf("text layer %q: want U+FFFD for the bad bytes and the rest of the text", text)
		}
	})
	t.Run("invalid UTF-8 in JSON", func(t *testing.T) {
		in := []byte("{\"title\": \"Caf\xe9\", \"body\": \"cr\xe8me\"}")
		o := printInput(t, in, galley.ParseOptions{Name: "a.json"}, timeout)
		if o.err != nil {
			clearError(t, o.err)
			return
		}
		validPDF(t, o)
	})
	t.Run("UTF-16 with a byte-order mark", func(t *testing.T) {
		in := []byte("\xff\xfeT\x00i\x00t\x00l\x00e\x00\n\x00\n\x00B\x00o\x00d\x00y\x00 \x00t\x00e\x00x\x00t\x00.\x00")
		o := printInput(t, in, galley.ParseOptions{Name: "utf16.txt"}, timeout)
		text := validPDF(t, o)
		if o.arts[0].Title != "Title" || !strings.Contains(text, "Body text.") {
			t.Errorf("title %q, text layer %q", o.arts[0].Title, text)
		}
	})
	t.Run("emoji only", func(t *testing.T) {
		in := []byte("\U0001F600\U0001F389\U0001F680\n\n\U0001F525\U0001F525 \U0001F44D\U0001F3FD \U0001F1EB\U0001F1F7\n")
		o := printInput(t, in, galley.ParseOptions{Name: "emoji.txt"}, timeout)
		if o.err != nil {
			clearError(t, o.err)
			if errors.Is(o.err, galley.ErrNoContent) {
				t.Errorf("emoji are content: %v", o.err)
			}
			return
		}
		text := validPDF(t, o)
		printedOrReplaced(t, text, "\U0001F600\U0001F389\U0001F680\U0001F525\U0001F44D\U0001F3FD\U0001F1EB\U0001F1F7")
	})
	t.Run("emoji in JSON", func(t *testing.T) {
		in := []byte(`{"title": "😀😀", "authors": ["🤖"], "body": "🔥 fire 🔥"}`)
		text := validPDF(t, printInput(t, in, galley.ParseOptions{Name: "a.json"}, timeout))
		printedOrReplaced(t, text, "😀🤖🔥")
		if !strings.Contains(text, "fire") {
			t.Errorf("text layer %q", text)
		}
	})
	t.Run("5000-character word", func(t *testing.T) {
		var w strings.Builder
		for i := range 5000 {
			w.WriteByte("abcdefghijklmnopqrstuvwxyz0123456789"[(i*7)%36])
		}
		word := w.String()
		in := []byte("A Very Long Word\n\nBefore the word " + word + " and after it.\n")
		o := printInput(t, in, galley.ParseOptions{Name: "long.txt"}, timeout)
		text := validPDF(t, o)
		// every character of the word, in order (line breaks may add
		// hyphens and spaces between them)
		rest := text[strings.Index(text, "word")+4:]
		for i, r := range word {
			j := strings.IndexRune(rest, r)
			if j < 0 {
				t.Fatalf("character %d (%q) of the word not in the text layer in order", i, r)
			}
			rest = rest[j+1:]
		}
		if !strings.Contains(rest, "after") {
			t.Error("the text after the word is missing")
		}
		if o.pages < 2 {
			t.Errorf("%d pages for 5,000 characters without a space", o.pages)
		}
	})
	t.Run("long URL", func(t *testing.T) {
		url := "https://example.com/" + strings.Repeat("path/segment-", 200) + "end"
		validPDF(t, printInput(t, []byte("Links\n\nSee "+url+" for more.\n"), galley.ParseOptions{Name: "url.txt"}, timeout))
	})
	t.Run("control characters and zero-width", func(t *testing.T) {
		in := []byte("Title\u200b\u200d\n\nA\u00adsoft\u00adhyphen, a\u2028line separator, \ufeffBOM, \u202eRTL override\u202c, tab\tand \u0085next line.\n")
		o := printInput(t, in, galley.ParseOptions{Name: "ctl.txt"}, timeout)
		if o.err != nil {
			clearError(t, o.err)
			return
		}
		validPDF(t, o)
	})
	t.Run("one character", func(t *testing.T) {
		validPDF(t, printInput(t, []byte("x"), galley.ParseOptions{Name: "x.txt"}, timeout))
	})
	t.Run("JSON no title", func(t *testing.T) {
		text := validPDF(t, printInput(t, []byte(`{"body": "Some body text without a title."}`), galley.ParseOptions{Name: "a.json"}, timeout))
		if !strings.Contains(text, "without") {
			t.Errorf("text layer %q", text)
		}
	})
	t.Run("JSON body as string", func(t *testing.T) {
		o := printInput(t, []byte(`{"title": "T", "body": "x"}`), galley.ParseOptions{Name: "a.json"}, timeout)
		text := validPDF(t, o)
		if len(o.arts[0].Body) != 1 || !strings.Contains(text, "x") {
			t.Errorf("body %+v, text %q", o.arts[0].Body, text)
		}
	})
	t.Run("JSON only a table", func(t *testing.T) {
		validPDF(t, printInput(t, []byte(`{"body": [{"type": "table", "table": {"rows": [[]]}}]}`), galley.ParseOptions{Name: "a.json"}, timeout))
	})
	t.Run("JSON only a figure without image", func(t *testing.T) {
		validPDF(t, printInput(t, []byte(`{"body": [{"type": "figure", "figure": {"src": "x.jpg"}}]}`), galley.ParseOptions{Name: "a.json"}, timeout))
	})
	t.Run("JSON huge heading level and list start", func(t *testing.T) {
		in := []byte(`{"title": "T", "body": [{"type": "list", "ordered": true, "start": -9223372036854775808, "items": [{"blocks": [{"type": "paragraph", "text": "a"}]}]}]}`)
		o := printInput(t, in, galley.ParseOptions{Name: "a.json"}, timeout)
		if o.err != nil {
			clearError(t, o.err)
			return
		}
		validPDF(t, o)
	})
}

// TestCRLF: CRLF line endings give the same layout as LF.
func TestCRLF(t *testing.T) {
	data, err := readSeed()
	if err != nil {
		t.Fatal(err)
	}
	lf := bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	inputs := map[string][]byte{
		"seed":   lf,
		"prose":  []byte("A Title Line\n\nBy Jane Doe\n\n" + prose(5, 20000, "\n\n")),
		"single": []byte("Title\n\nOne paragraph\nwrapped over\nthree lines.\n\n## A heading\n\n- item one\n- item two\n"),
	}
	for name, lf := range inputs {
		t.Run(name, func(t *testing.T) {
			crlf := bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))
			cr := bytes.ReplaceAll(lf, []byte("\n"), []byte("\r"))
			want := dump(t, lf)
			if got := dump(t, crlf); got != want {
				t.Errorf("CRLF layout differs from LF:\n%s", firstDiff(want, got))
			}
			if got := dump(t, cr); got != want {
				t.Errorf("CR-only (old Mac) line endings give a different layout:\n%s", firstDiff(want, got))
			}
		})
	}
}

func readSeed() ([]byte, error) {
	return os.ReadFile("testdata/articles/seed/input.txt")
}

func dump(t *testing.T, data []byte) string {
	t.Helper()
	arts, err := galley.Parse(data, galley.ParseOptions{Name: "in.txt"})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := layout.Layout(context.Background(), arts[0], layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := doc.Dump(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n  LF:   %s\n  other: %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines vs %d", len(al), len(bl))
}

// TestLargeText prints a 20 MB text file of many paragraphs.
func TestLargeText(t *testing.T) {
	if testing.Short() {
		t.Skip("20 MB input; skipped with -short")
	}
	in := []byte("A Very Long Report\n\nBy Jane Doe\n\n" + prose(20, 20<<20, "\n\n"))
	start := time.Now()
	o := printInput(t, in, galley.ParseOptions{Name: "big.txt"}, 3*time.Minute)
	if o.err != nil {
		t.Fatal(o.err)
	}
	t.Logf("%d MB → %d pages, %d MB of PDF in %v", len(in)>>20, o.pages, len(o.pdf)>>20, time.Since(start).Round(time.Millisecond))
	if !bytes.HasPrefix(o.pdf, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(o.pdf, "\r\n"), []byte("%%EOF")) {
		t.Fatal("not a complete PDF")
	}
	// about 3 KB of text per A4 page
	if o.pages < 3000 {
		t.Errorf("%d pages for 20 MB of text, want thousands", o.pages)
	}
	if n := countPages(o.pdf); n != o.pages {
		t.Errorf("the PDF has %d page objects, Result.Pages says %d", n, o.pages)
	}
}

// TestLargeParagraph prints a 10 MB paragraph: one block, so layout cannot
// check the context inside it.
func TestLargeParagraph(t *testing.T) {
	if testing.Short() {
		t.Skip("10 MB input; skipped with -short")
	}
	body := strings.ReplaceAll(prose(10, 10<<20, " "), "\n", " ")
	in := []byte("One Paragraph\n\n" + body + "\n")
	start := time.Now()
	o := printInput(t, in, galley.ParseOptions{Name: "para.txt"}, 3*time.Minute)
	if o.err != nil {
		t.Fatal(o.err)
	}
	t.Logf("%d MB paragraph → %d pages, %d MB of PDF in %v", len(in)>>20, o.pages, len(o.pdf)>>20, time.Since(start).Round(time.Millisecond))
	if len(o.arts[0].Body) != 1 {
		t.Errorf("%d blocks, want one paragraph", len(o.arts[0].Body))
	}
	if o.pages < 1500 {
		t.Errorf("%d pages for a 10 MB paragraph, want thousands", o.pages)
	}
	if n := countPages(o.pdf); n != o.pages {
		t.Errorf("the PDF has %d page objects, Result.Pages says %d", n, o.pages)
	}
}

// TestRobustOddShapes lays out inputs of awkward shape on several page
// sizes: each must print, and its layout must keep the invariants.
func TestRobustOddShapes(t *testing.T) {
	longWord := strings.Repeat("abcdefghijklmnopqrstuvwxyz", 200)
	para := strings.Repeat("Some words of body text in a paragraph. ", 10) + "\n\n"
	inputs := map[string]string{
		"long word":         "Title\n\n" + longWord + "\n",
		"long title":        strings.Repeat("Headline words ", 150) + "\n\nBody.\n",
		"long title word":   longWord[:800] + "\n\nBody.\n",
		"long heading":      "Title\n\nIntro.\n\n## " + strings.Repeat("Heading words ", 200) + "\n\nBody.\n",
		"long heading word": "Title\n\nIntro.\n\n## " + longWord[:1500] + "\n\nBody.\n",
		"long byline":       "Title\n\nBy " + strings.Repeat("Jane Doe, ", 100) + "and John Roe\n\nBody.\n",
		"long code line":    `{"title": "T", "body": [{"type": "code", "code": "` + strings.Repeat("x", 3000) + `\n` + strings.Repeat(`\ty = f(x) `, 300) + `"}]}`,
		"heading runs":      "Title\n\n" + strings.Repeat(para+"## One\n\n## Two\n\n## Three\n\n", 30) + para,
		"table 12 columns":  `{"title": "T", "body": [{"type": "table", "table": {"header": [` + cells(12, "Heading") + `], "rows": [` + cells(12, "1,234") + `]}}]}`,
		"tall table":        `{"title": "T", "body": [{"type": "table", "table": {"rows": [` + strings.TrimSuffix(strings.Repeat(cells(3, "row")+",", 400), ",") + `]}}]}`,
		"long caption":      `{"title": "T", "body": [{"type": "figure", "figure": {"src": "a.jpg", "width": 100, "height": 100, "caption": "` + strings.Repeat("caption words ", 60) + `", "credit": "Photo: X"}}, {"type": "paragraph", "text": "after"}]}`,
		"nested 6 deep":     nested("quote", 3, nested("list", 3, "")),
	}
	for name, in := range inputs {
		for _, page := range []string{"A4", "A5", "120x180mm"} {
			t.Run(name+" on "+page, func(t *testing.T) { printVerified(t, in, page) })
		}
	}
}

// TestRobustWideTable: a table of many short columns must stay inside the
// text block, on small pages too.
func TestRobustWideTable(t *testing.T) {
	for _, tt := range []struct {
		page string
		cols int
	}{{"A4", 36}, {"A5", 24}, {"120x180mm", 16}} {
		t.Run(fmt.Sprintf("%d columns on %s", tt.cols, tt.page), func(t *testing.T) {
			in := `{"title": "T", "body": [{"type": "table", "table": {"header": [` + cells(tt.cols, "Q") + `], "rows": [` + cells(tt.cols, "") + `]}}]}`
			printVerified(t, in, tt.page)
		})
	}
	// One long unbreakable word (a URL) in a cell must not squeeze the
	// other columns to nothing.
	url := "https://example.com/reports/2024/annual/" + strings.Repeat("section-", 15) + "appendix.pdf"
	in := `{"title": "T", "body": [{"type": "table", "table": {"header": [[{"text": "Name"}, {"text": "Country"}, {"text": "Population"}, {"text": "Source"}]], ` +
		`"rows": [[{"text": "Lisbon"}, {"text": "Portugal"}, {"text": "545,000"}, {"text": "` + url + `"}]]}}]}`
	for _, page := range []string{"A4", "A5"} {
		t.Run("long URL in a cell on "+page, func(t *testing.T) { printVerified(t, in, page) })
	}
	// The same with a long token that has no break points: a SHA-256 sum.
	sum := strings.Repeat("9f86d081884c7d659a2feaa0c55ad015", 2)
	in = `{"title": "T", "body": [{"type": "table", "table": {"header": [[{"text": "File"}, {"text": "Size"}, {"text": "SHA-256"}]], ` +
		`"rows": [[{"text": "galley.tar.gz"}, {"text": "12 MB"}, {"text": "` + sum + `"}]]}}]}`
	for _, page := range []string{"A4", "A5"} {
		t.Run("checksum in a cell on "+page, func(t *testing.T) { printVerified(t, in, page) })
	}
}

// TestRobustDeepNesting: quotes and lists nested deeper than the measure
// allows must still keep their text inside the text block.
func TestRobustDeepNesting(t *testing.T) {
	for _, kind := range []string{"quote", "list"} {
		for _, page := range []string{"A4", "A5"} {
			t.Run(fmt.Sprintf("%s 30 deep on %s", kind, page), func(t *testing.T) {
				printVerified(t, nested(kind, 30, ""), page)
			})
		}
	}
}

// cells returns a JSON row of n cells: text and the cell's number.
func cells(n int, text string) string {
	c := make([]string, n)
	for i := range c {
		c[i] = fmt.Sprintf(`{"text": "%s%d"}`, text, i)
	}
	return "[" + strings.Join(c, ",") + "]"
}

// nested returns an article JSON of kind blocks ("quote" or "list") nested
// depth deep around a paragraph; inner, if not empty, is another article
// whose body goes inside instead of the paragraph.
func nested(kind string, depth int, inner string) string {
	core := `{"type": "paragraph", "text": "the deepest words of the article"}`
	if inner != "" {
		core = strings.TrimSuffix(strings.TrimPrefix(inner, `{"title": "T", "body": [`), `]}`)
	}
	open, closing := `{"type": "quote", "blocks": [{"type": "paragraph", "text": "quoted"}, `, `]}`
	if kind == "list" {
		open, closing = `{"type": "list", "items": [{"blocks": [{"type": "paragraph", "text": "item"}, `, `]}]}`
	}
	return `{"title": "T", "body": [` + strings.Repeat(open, depth) + core + strings.Repeat(closing, depth) + `]}`
}

// printVerified exports an input (JSON if it starts with "{", else text) on
// page, and checks the layout's invariants there.
func printVerified(t *testing.T, in, pageSize string) {
	t.Helper()
	format := galley.Format("text")
	if strings.HasPrefix(in, "{") {
		format = "json"
	}
	arts, err := galley.Parse([]byte(in), galley.ParseOptions{Format: format})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var buf bytes.Buffer
	size, err := galley.ParsePageSize(pageSize)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := galley.Export(ctx, &buf, arts[0], galley.Options{Page: size}); err != nil {
		t.Fatalf("export: %v", err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	doc, err := layout.Layout(ctx, arts[0], layout.Options{Page: size})
	if err != nil {
		t.Fatal(err)
	}
	errs := doc.Verify()
	for _, e := range errs[:min(len(errs), 3)] {
		t.Errorf("layout invariant: %v", e)
	}
	if len(errs) > 3 {
		t.Errorf("… and %d more", len(errs)-3)
	}
}

// printedOrReplaced checks that the text layer has each of runes when an
// installed font has it, and U+FFFD for the ones no font has.
func printedOrReplaced(t *testing.T, text, runes string) {
	t.Helper()
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range runes {
		switch {
		case set.System.Face(r) != nil && !strings.ContainsRune(text, r):
			t.Errorf("text layer %q lacks %c %U, which an installed font has", text, r, r)
		case set.System.Face(r) == nil && !strings.ContainsRune(text, '\uFFFD'):
			t.Errorf("text layer %q has no U+FFFD for %c %U, which no font has", text, r, r)
		}
	}
}
