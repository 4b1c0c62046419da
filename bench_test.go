package galley_test

import (
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/pdf"
)

// words5000 is a plain-text article of 5,000 body words: a title, a byline,
// paragraphs of 15 to 200 words and a heading every ten paragraphs or so.
func words5000() []byte {
	vocab := strings.Fields("the harbour crews work through the night while cranes lift containers from ships " +
		"that arrived at dusk and will leave before the morning tide turns against them once again " +
		"port authority said volumes rose sharply this year despite a slowdown elsewhere in Europe " +
		"unions negotiated extraordinary overtime arrangements for the winter season of maintenance")
	r := rand.New(rand.NewPCG(5000, 42))
	var b strings.Builder
	b.WriteString("The Night Shift at the Harbour: Twelve Hours With the Crews Who Keep the Port Moving\n\n")
	b.WriteString("By Ana Ruiz and Tom Okafor\n\n")
	n, para := 0, 0
	for n < 5000 {
		if para > 0 && para%10 == 0 {
			b.WriteString("## ")
			for i := range 2 + r.IntN(5) {
				if i > 0 {
					b.WriteByte(' ')
				}
				w := vocab[r.IntN(len(vocab))]
				b.WriteString(strings.ToUpper(w[:1]) + w[1:])
			}
			b.WriteString("\n\n")
		}
		np := min(15+r.IntN(186), 5000-n)
		for i := range np {
			w := vocab[r.IntN(len(vocab))]
			if i == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
			switch {
			case i == np-1:
				b.WriteString(".\n\n")
			case r.IntN(14) == 0:
				b.WriteString(", ")
			case r.IntN(40) == 0:
				b.WriteString(". ")
			default:
				b.WriteByte(' ')
			}
		}
		n += np
		para++
	}
	return []byte(b.String())
}

func benchExport(b *testing.B, data []byte, name string) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	ctx := context.Background()
	pages := 0
	for b.Loop() {
		arts, err := galley.Parse(data, galley.ParseOptions{Name: name})
		if err != nil {
			b.Fatal(err)
		}
		res, err := galley.Export(ctx, io.Discard, arts[0], galley.Options{})
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	b.ReportMetric(float64(pages), "pages/op")
}

// BenchmarkExportSeed: parse, layout and PDF of the bundled sample.
func BenchmarkExportSeed(b *testing.B) {
	data, err := os.ReadFile("testdata/articles/seed/input.txt")
	if err != nil {
		b.Fatal(err)
	}
	benchExport(b, data, "input.txt")
}

// BenchmarkInspectSeed: what `galley inspect` does with the bundled
// sample in process: parse it and write its article JSON.
func BenchmarkInspectSeed(b *testing.B) {
	data, err := os.ReadFile("testdata/articles/seed/input.txt")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		arts, err := galley.Parse(data, galley.ParseOptions{Name: "input.txt"})
		if err != nil {
			b.Fatal(err)
		}
		enc := json.NewEncoder(io.Discard)
		enc.SetIndent("", "  ")
		if err := enc.Encode(arts[0]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExport5000Words: parse, layout and PDF of a 5,000-word article.
func BenchmarkExport5000Words(b *testing.B) {
	benchExport(b, words5000(), "long.txt")
}

func parse5000(b *testing.B) ([]byte, *article.Article) {
	data := words5000()
	arts, err := galley.Parse(data, galley.ParseOptions{Name: "long.txt"})
	if err != nil {
		b.Fatal(err)
	}
	return data, arts[0]
}

// BenchmarkLayoutOnly: the layout of the 5,000-word article, parsed once.
func BenchmarkLayoutOnly(b *testing.B) {
	data, a := parse5000(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	ctx := context.Background()
	pages := 0
	for b.Loop() {
		doc, err := layout.Layout(ctx, a, layout.Options{})
		if err != nil {
			b.Fatal(err)
		}
		pages = len(doc.Pages)
	}
	b.ReportMetric(float64(pages), "pages/op")
}

// BenchmarkPDFOnly: writing the PDF of the 5,000-word article, laid out
// once.
func BenchmarkPDFOnly(b *testing.B) {
	data, a := parse5000(b)
	doc, err := layout.Layout(context.Background(), a, layout.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := pdf.Write(context.Background(), io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(doc.Pages)), "pages/op")
}

// TestWords5000 checks the benchmark's article: 5,000 words, some
// headings, and a layout that keeps the invariants.
func TestWords5000(t *testing.T) {
	arts, err := galley.Parse(words5000(), galley.ParseOptions{Name: "long.txt"})
	if err != nil {
		t.Fatal(err)
	}
	a := arts[0]
	headings, words := 0, 0
	for _, bl := range a.Body {
		switch bl.Kind {
		case article.KindHeading:
			headings++
		case article.KindParagraph:
			words += len(strings.Fields(bl.Text.Plain()))
		}
	}
	if words != 5000 || headings < 3 {
		t.Errorf("%d words and %d headings, want 5000 and a few", words, headings)
	}
	doc, err := layout.Layout(context.Background(), a, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range doc.Verify() {
		t.Error(e)
	}
}
