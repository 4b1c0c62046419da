package parse

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/galleyprint/galley/internal/testcorpus"
)

// webTrees parses the pages samples and those of the web corpus (when
// it is there) as documents.
func webTrees(t *testing.T, samples ...string) []*html.Node {
	t.Helper()
	pages := samples
	for _, data := range testcorpus.WebSources(t) {
		pages = append(pages, string(data))
	}
	docs := make([]*html.Node, 0, len(pages))
	for _, p := range pages {
		doc, err := html.Parse(strings.NewReader(p))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc)
	}
	return docs
}
