package pdf

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/internal/pdftext"
	"github.com/galleyprint/galley/page"
)

// count returns the number of matches of re in pdf (fpdf writes no object
// streams, so every object is in the clear).
func count(pdf []byte, re string) int {
	return len(regexp.MustCompile(re).FindAllIndex(pdf, -1))
}

// TestWriterStreamsOneDocument: pages of several documents streamed into
// one PDF embed each face once, subset to the characters of all of
// them, and each picture once, however many documents show it and under
// whatever key; two pictures under one key stay two.
func TestWriterStreamsOneDocument(t *testing.T) {
	sr, sb := serif(t), face(t, fonts.Serif, fonts.Bold)
	same := pngImage(t, "img1", 8, 6)
	other := jpegImage(t, "img1", 9, 7) // the same key in another document
	docs := []*page.Document{
		{Pages: []*page.Page{onePage(word(sr, 72, 72, "Alpha"), imageItem("img1", 72, 100))},
			Images: map[string]*page.Image{"img1": same}},
		{Pages: []*page.Page{onePage(word(sr, 72, 72, "Beta"), word(sb, 72, 90, "Gamma"), imageItem("pic", 72, 100))},
			Images: map[string]*page.Image{"pic": {Key: "pic", Format: "png", Data: same.Data, Width: 8, Height: 6}}},
		{Pages: []*page.Page{onePage(word(sr, 72, 72, "Delta"), imageItem("img1", 72, 100)), onePage(word(sb, 72, 72, "Zeta"))},
			Images: map[string]*page.Image{"img1": other}},
	}
	var buf bytes.Buffer
	w := NewWriter(&buf, page.Info{Title: "Book"}, a4, true)
	for _, d := range docs {
		for i, pg := range d.Pages {
			var marks []page.Bookmark
			if i == 0 {
				marks = []page.Bookmark{{Title: "Part", Y: page.Pt(60)}}
			}
			if _, err := w.AddPage(pg, d.Images, marks...); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	pdf := buf.Bytes()
	if err := pdftext.Validate(pdf); err != nil {
		t.Fatalf("validation: %v", err)
	}
	if n := count(pdf, `/FontFile2 `); n != 2 {
		t.Errorf("%d embedded font files, want 2 (one per face)", n)
	}
	if n := count(pdf, `/Subtype /Image`); n != 2 {
		t.Errorf("%d image objects, want 2 (one per picture)", n)
	}
	doc := read(t, pdf)
	if len(doc.Pages) != 4 {
		t.Fatalf("%d pages, want 4", len(doc.Pages))
	}
	var words []string
	for _, p := range doc.Pages {
		for _, wd := range p.Words {
			words = append(words, wd.Text)
		}
	}
	if got := strings.Join(words, " "); got != "Alpha Beta Gamma Delta Zeta" {
		t.Errorf("text %q", got)
	}
	if len(doc.Outline) != 3 {
		t.Errorf("%d outline entries, want 3", len(doc.Outline))
	}
	for i, f := range cidFonts(t, pdf) {
		if f.name == "" {
			t.Errorf("font %d has no name", i)
		}
	}
}

// heapInUse returns the bytes in use on the heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// TestWriterStreamMemory streams 3,000 pages to a file and checks that
// the heap does not grow with them beyond the records the end of the file
// needs (a page, a link and an outline entry: under 1 KB a page; 8 MB
// for 2,700 pages leaves room for the collector's noise). Held, the
// pages' contents grow it by 60 MB.
func TestWriterStreamMemory(t *testing.T) {
	sr := serif(t)
	img := pngImage(t, "img", 40, 30)
	var items []page.Item
	for l := range 40 {
		for k := range 8 {
			items = append(items, word(sr, 72+float64(k)*50, 72+float64(l)*16, "harbour"))
		}
	}
	items = append(items, imageItem("img", 72, 760))
	pg := onePage(items...)
	f, err := os.Create(filepath.Join(t.TempDir(), "book.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := NewWriter(f, page.Info{Title: "Big"}, a4, true)
	images := map[string]*page.Image{"img": img}
	var at300 uint64
	for i := range 3000 {
		if _, err := w.AddPage(pg, images, page.Bookmark{Title: "Part"}); err != nil {
			t.Fatal(err)
		}
		w.Link(page.Pt(72), page.Pt(72), page.Pt(40), page.Pt(12), i)
		if i+1 == 300 {
			at300 = heapInUse()
		}
	}
	growth := int64(heapInUse()) - int64(at300)
	t.Logf("heap growth from 300 to 3,000 pages: %.2f MB", float64(growth)/(1<<20))
	if growth > 8<<20 {
		t.Errorf("the heap grew by %.2f MB between 300 and 3,000 pages", float64(growth)/(1<<20))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestWriterErrors: a writer with no pages, or used after an error or
// Close, says so.
func TestWriterErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := NewWriter(&buf, page.Info{}, a4, true).Close(); err == nil {
		t.Error("Close with no pages: no error")
	}
	w := NewWriter(&buf, page.Info{}, a4, false)
	if _, err := w.AddPage(onePage(word(serif(t), 72, 72, "x")), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := w.AddPage(onePage(imageItem("missing", 72, 72)), nil); err == nil {
		t.Error("a page with a missing image: no error")
	}
	if err := w.Close(); err == nil {
		t.Error("Close after an error: no error")
	}
	if err := Write(context.Background(), &buf, &page.Document{}); err == nil {
		t.Error("Write of no pages: no error")
	}
}

// TestEmbeddableOncePerFace: a face is parsed for embedding once, however
// many documents use it.
func TestEmbeddableOncePerFace(t *testing.T) {
	sr, sb := serif(t), face(t, fonts.Serif, fonts.Bold)
	a, err := embeddable(sr)
	if err != nil {
		t.Fatal(err)
	}
	write(t, &page.Document{Pages: []*page.Page{onePage(word(sr, 72, 72, "once"))}})
	if b, _ := embeddable(sr); b != a {
		t.Error("the face was parsed again")
	}
	if c, _ := embeddable(sb); c == a {
		t.Error("two faces share one parsed font")
	}
}

// TestWriterOrderAndAddTo: a streaming writer's pages are read in the
// order SetPageOrder gives, content added to a page written before is
// drawn on it (its characters in the font subset, so its text copies),
// and outline entries point at the pages they were made for, in the
// order they were made.
func TestWriterOrderAndAddTo(t *testing.T) {
	sr := serif(t)
	var buf bytes.Buffer
	w := NewWriter(&buf, page.Info{Title: "Order"}, a4, true)
	for _, text := range []string{"Apple", "Banana", "Cherry"} {
		if _, err := w.AddPage(onePage(word(sr, 72, 72, text)), nil); err != nil {
			t.Fatal(err)
		}
	}
	// "Zürich" has the only ü: it must reach the subset written at Close
	if err := w.AddToPage(0, []page.Item{word(sr, 72, 800, "Zürich")}, nil); err != nil {
		t.Fatal(err)
	}
	if err := w.AddToPage(2, []page.Item{word(sr, 300, 800, "three"),
		{Kind: page.ItemLine, X: page.Pt(72), Y: page.Pt(780), W: page.Pt(100), Stroke: page.Pt(1)}}, nil); err != nil {
		t.Fatal(err)
	}
	if err := w.AddToPage(0, []page.Item{word(sr, 300, 800, "Basel")}, nil); err != nil { // twice
		t.Fatal(err)
	}
	w.BookmarkPage(2, page.Bookmark{Title: "C", Y: page.Pt(60)})
	w.BookmarkPage(0, page.Bookmark{Title: "A", Y: page.Pt(60)})
	w.SetPageOrder([]int{2, 0, 1})
	w.SetLanguage("en")
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	pdf := buf.Bytes()
	if err := pdftext.Validate(pdf); err != nil {
		t.Fatalf("validation: %v", err)
	}
	doc := read(t, pdf)
	var texts []string
	for _, p := range doc.Pages {
		var words []string
		for _, wd := range p.Words {
			words = append(words, wd.Text)
		}
		texts = append(texts, strings.Join(words, " "))
	}
	if want := []string{"Cherry three", "Apple Zürich Basel", "Banana"}; !slices.Equal(texts, want) {
		t.Errorf("pages %q, want %q", texts, want)
	}
	var marks []string
	for _, m := range doc.Outline {
		marks = append(marks, fmt.Sprintf("%s@%d", m.Title, m.Page))
	}
	if want := []string{"C@0", "A@1"}; !slices.Equal(marks, want) {
		t.Errorf("outline %q, want %q", marks, want)
	}
	if !bytes.Contains(pdf, []byte("/Lang (en)")) {
		t.Error("no /Lang (en) in the catalog")
	}
}

// TestWriterOrderErrors: an order that leaves out or repeats a page,
// and content added to a page not written or by a writer that does not
// stream, are errors.
func TestWriterOrderErrors(t *testing.T) {
	sr := serif(t)
	two := func(stream bool) *Writer {
		w := NewWriter(io.Discard, page.Info{}, a4, stream)
		for range 2 {
			if _, err := w.AddPage(onePage(word(sr, 72, 72, "x")), nil); err != nil {
				t.Fatal(err)
			}
		}
		return w
	}
	for _, order := range [][]int{{0}, {0, 0}, {0, 2}, {1, 0, 1}} {
		w := two(true)
		w.SetPageOrder(order)
		if err := w.Close(); err == nil {
			t.Errorf("order %v of 2 pages: no error", order)
		}
	}
	if err := two(true).AddToPage(2, []page.Item{word(sr, 72, 72, "y")}, nil); err == nil {
		t.Error("adding to page 3 of 2: no error")
	}
	if err := two(false).AddToPage(0, []page.Item{word(sr, 72, 72, "y")}, nil); err == nil {
		t.Error("adding to a page of a writer that does not stream: no error")
	}
}
