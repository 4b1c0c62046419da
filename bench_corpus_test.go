package galley_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/benchcpu"
	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/pdf"
)

// corpusDir holds the shared web corpus, one folder per page with its
// source.html; the benchmarks over it are skipped where it is absent.
const corpusDir = "../shared/corpus/web"

// corpusArticles parses the corpus pages once, in name order, the way the
// service reads a posted page.
func corpusArticles(b *testing.B) []*article.Article {
	b.Helper()
	pages, _ := filepath.Glob(filepath.Join(corpusDir, "*", "source.html"))
	if len(pages) == 0 {
		b.Skipf("no corpus pages under %s", corpusDir)
	}
	var arts []*article.Article
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		as, err := galley.Parse(data, galley.ParseOptions{Format: "html", Name: "body"})
		if err != nil {
			b.Fatalf("%s: %v", p, err)
		}
		arts = append(arts, as[0])
	}
	return arts
}

// BenchmarkCorpusParse: reading each corpus page into its article
// (HTML parsing, the furniture pass, extraction, conversion), as the
// service reads a posted page; one op is the whole corpus.
func BenchmarkCorpusParse(b *testing.B) {
	inputs := corpusPages(b)
	b.ReportAllocs()
	cpu := benchcpu.Process()
	for b.Loop() {
		for _, data := range inputs {
			if _, err := galley.Parse(data, galley.ParseOptions{Format: "html", Name: "body"}); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportPerArticle(b, len(inputs), cpu)
}

// reportPerArticle reports the wall time and the process's CPU time (since
// cpu) per article of a benchmark whose op is n articles.
func reportPerArticle(b *testing.B, n int, cpu time.Duration) {
	used := benchcpu.Process() - cpu
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/article")
	b.ReportMetric(float64(used.Microseconds())/float64(b.N*n), "cpu-µs/article")
}

// corpusPages returns the bytes of the corpus pages, in name order.
func corpusPages(b *testing.B) [][]byte {
	b.Helper()
	pages, _ := filepath.Glob(filepath.Join(corpusDir, "*", "source.html"))
	if len(pages) == 0 {
		b.Skipf("no corpus pages under %s", corpusDir)
	}
	var inputs [][]byte
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		inputs = append(inputs, data)
	}
	return inputs
}

// BenchmarkCorpusLayout: the layout of each corpus article, parsed once;
// one op is the whole corpus.
func BenchmarkCorpusLayout(b *testing.B) {
	arts := corpusArticles(b)
	b.ReportAllocs()
	ctx := context.Background()
	cpu := benchcpu.Process()
	for b.Loop() {
		for _, a := range arts {
			if _, err := layout.Layout(ctx, a, layout.Options{Created: a.Date(), Encode: pdf.Encode}); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportPerArticle(b, len(arts), cpu)
}

// BenchmarkCorpusPDF: writing the PDF of each corpus article, laid out
// once; one op is the whole corpus.
func BenchmarkCorpusPDF(b *testing.B) {
	arts := corpusArticles(b)
	ctx := context.Background()
	var docs []*page.Document
	for _, a := range arts {
		doc, err := layout.Layout(ctx, a, layout.Options{Created: a.Date(), Encode: pdf.Encode})
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
	}
	b.ReportAllocs()
	cpu := benchcpu.Process()
	for b.Loop() {
		for _, doc := range docs {
			if err := pdf.Write(ctx, io.Discard, doc); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportPerArticle(b, len(docs), cpu)
}

// BenchmarkCorpusExport: Export (layout, images, PDF) of each corpus
// article, parsed once, as the service does after parsing.
func BenchmarkCorpusExport(b *testing.B) {
	arts := corpusArticles(b)
	b.ReportAllocs()
	ctx := context.Background()
	cpu := benchcpu.Process()
	for b.Loop() {
		for _, a := range arts {
			if _, err := galley.Export(ctx, io.Discard, a, galley.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportPerArticle(b, len(arts), cpu)
}

// BenchmarkCorpusWhole: Parse and Export of each corpus page, from its
// bytes, as the service does; one op is the whole corpus.
func BenchmarkCorpusWhole(b *testing.B) {
	inputs := corpusPages(b)
	b.ReportAllocs()
	ctx := context.Background()
	cpu := benchcpu.Process()
	for b.Loop() {
		for _, data := range inputs {
			arts, err := galley.Parse(data, galley.ParseOptions{Format: "html", Name: "body"})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := galley.Export(ctx, io.Discard, arts[0], galley.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportPerArticle(b, len(inputs), cpu)
}
