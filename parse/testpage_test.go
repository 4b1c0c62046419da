package parse

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/galleyprint/galley/article"
)

// testdataHTML reads the page at path under parse/testdata as if it had
// been fetched from pageURL.
func testdataHTML(t testing.TB, path, pageURL string) *article.Article {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", path))
	if err != nil {
		t.Fatal(err)
	}
	a, err := HTML(data, pageURL, "")
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return a
}
