package readability

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-shiori/dom"
	"golang.org/x/net/html"
)

// TestCountElements: countElements counts what dom.GetElementsByTagName
// lists, on small pages and the web corpus's, and stops one past its
// bound; getElementByTagName finds dom.DocumentElement's <html>, the
// first in document order even where a page nests another.
func TestCountElements(t *testing.T) {
	pages := []string{``, `text`, `<p>a<b>b</b><!-- c --></p>`, `<svg><foreignObject><html><p>x</p></html></foreignObject></svg>`}
	paths, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "web", "*", "source.html"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, string(data))
	}
	for i, page := range pages {
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		want := len(dom.GetElementsByTagName(doc, "*"))
		if got := countElements(doc, want+10); got != want {
			t.Errorf("page %d: countElements %d, want %d", i, got, want)
		}
		if got := countElements(doc, want-2); want >= 2 && got != want-1 {
			t.Errorf("page %d: countElements bounded at %d gives %d, want %d", i, want-2, got, want-1)
		}
		if got, want := getElementByTagName(doc, "html"), dom.DocumentElement(doc); got != want {
			t.Errorf("page %d: getElementByTagName finds another <html> than dom.DocumentElement", i)
		}
	}
}
