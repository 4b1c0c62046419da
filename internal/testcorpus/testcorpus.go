// Package testcorpus reads the shared corpus of real web pages that lies
// beside the repository (../shared/corpus), for tests.
package testcorpus

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"golang.org/x/net/html"
)

// WebSources reads the source.html of every page of the corpus of real
// web pages. Without the corpus the test fails when CI is set; else it
// gets no page and runs on its own pages only.
func WebSources(t testing.TB) [][]byte {
	t.Helper()
	_, self, _, _ := runtime.Caller(0)
	web := filepath.Join(filepath.Dir(self), "..", "..", "..", "shared", "corpus", "web")
	paths, _ := filepath.Glob(filepath.Join(web, "*", "source.html"))
	if len(paths) == 0 && os.Getenv("CI") != "" {
		t.Fatalf("no corpus pages in %s", web)
	}
	var pages [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, data)
	}
	return pages
}

// WebDocs is the pages WebSources reads, each parsed.
func WebDocs(t testing.TB) []*html.Node {
	t.Helper()
	var docs []*html.Node
	for _, data := range WebSources(t) {
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc)
	}
	return docs
}

// WebTexts is the text of every text node of the pages WebSources reads,
// in document order.
func WebTexts(t testing.TB) []string {
	t.Helper()
	var texts []string
	for _, doc := range WebDocs(t) {
		for n := range doc.Descendants() {
			if n.Type == html.TextNode {
				texts = append(texts, n.Data)
			}
		}
	}
	return texts
}
