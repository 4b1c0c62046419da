package parse

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestHTMLContainerWithoutReadability: a page whose short article
// Readability does not find among long lists of links, and whose first
// <article> is a teaser (testdata/container/aside-content.html), prints
// the content container the page names (itemprop=articleBody), not an
// error.
func TestHTMLContainerWithoutReadability(t *testing.T) {
	a := testdataHTML(t, filepath.Join("container", "aside-content.html"), "https://zeitung.example/kultur/witzel.html")
	text := a.PlainText()
	for _, s := range []string{"Der Schriftsteller Frank Witzel erhält", "Der Preis ist mit 25.000 Euro dotiert."} {
		if !strings.Contains(text, s) {
			t.Errorf("the article's text lost %q:\n%s", s, text)
		}
	}
	if strings.Contains(text, "Startseite") || strings.Contains(text, "Impressum") {
		t.Errorf("the page's navigation or footer printed:\n%s", text)
	}
}

// TestMeasureProse: measureProse gives every element of the web corpus's
// pages, in the tree's order, textLen's and proseLen's lengths and its
// subtree's size, so that mostlyLinks of them is linkDense.
func TestMeasureProse(t *testing.T) {
	docs := webTrees(t, `<div><p>one <a href="/">two</a> <span hidden>three</span><script>x</script></p><ul><li><a href="/a">a link</a></li></ul></div>`)
	elements := 0
	for _, doc := range docs {
		measured := measureProse(doc, nil)
		at := 0
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode || n == doc {
				m := measured[at]
				at++
				want := proseText{text: textLen(n, -1), prose: proseLen(n, 1<<30)}
				if m.text != want.text || m.prose != want.prose {
					t.Fatalf("<%s>: measured %+v, want %+v", n.Data, m, want)
				}
				if got, want := mostlyLinks(m.text, m.prose), linkDense(n); got != want {
					t.Fatalf("<%s>: mostlyLinks %v, linkDense %v", n.Data, got, want)
				}
				elements++
			}
			for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
				walk(ch)
			}
		}
		walk(doc)
		if at != len(measured) {
			t.Fatalf("measured %d elements, walked %d", len(measured), at)
		}
	}
	if elements < 1000 && len(docs) > 1 {
		t.Errorf("only %d elements compared", elements)
	}
}
