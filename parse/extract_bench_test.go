package parse

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkHTMLExtraction: parse.HTML over the first 120 pages of the
// extraction corpus (../../shared/corpus/extraction), read outside the
// timer: the whole extraction, from bytes to article.
func BenchmarkHTMLExtraction(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "extraction", "pages", "*.html.gz"))
	if len(paths) == 0 {
		b.Skip("no ../../shared/corpus/extraction")
	}
	paths = paths[:min(len(paths), 120)]
	var pages [][]byte
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		z, err := gzip.NewReader(f)
		if err != nil {
			b.Fatal(err)
		}
		data, err := io.ReadAll(z)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, data)
	}
	for b.Loop() {
		for _, p := range pages {
			_, _ = HTML(p, "", "")
		}
	}
}
