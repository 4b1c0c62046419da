package readability

import (
	"bytes"
	"slices"
	"testing"

	"github.com/go-shiori/dom"
	"golang.org/x/net/html"
)

// TestElementsWithTags: one walk lists the same elements in the same
// order as one dom.GetElementsByTagName per name, joined, on every page
// of the web corpus.
func TestElementsWithTags(t *testing.T) {
	lists := [][]string{
		{"img", "picture", "figure", "video", "audio", "source"}, {"h1", "h2"}, {"script", "noscript"},
		{"a"}, {"p", "p"}, {"*", "div"}, {"nothing", "img"},
	}
	pages := webSources(t)
	pages = append(pages, []byte(`<div><h2>b</h2><h1>a<h2>c</h2></h1><img><picture><img></picture></div>`))
	for _, page := range pages {
		doc, err := html.Parse(bytes.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		for _, names := range lists {
			var want []*html.Node
			for _, name := range names {
				want = append(want, dom.GetElementsByTagName(doc, name)...)
			}
			if got := elementsWithTags(doc, names); !slices.Equal(got, want) {
				t.Fatalf("%v: %d elements, want %d (or another order)", names, len(got), len(want))
			}
		}
	}
}
