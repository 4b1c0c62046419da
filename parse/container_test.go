package parse

import (
	"path/filepath"
	"strings"
	"testing"
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
