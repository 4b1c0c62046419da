package readability

import (
	"testing"

	"github.com/go-shiori/dom"
	"golang.org/x/net/html"
)

// TestClassName: className gives what dom.ClassName gives, for class
// attributes already normalized and for those with stray spaces of
// every kind.
func TestClassName(t *testing.T) {
	for _, class := range []string{
		"", "a", "a b", "entry-content post", " a", "a ", "a  b", "a\tb", "a\nb", "\r", " ",
		"a\u00a0b", "caf\u00e9 b", "\u3000a", "a\u2003", "a\vb\fc",
	} {
		n := &html.Node{Type: html.ElementNode, Data: "div", Attr: []html.Attribute{{Key: "class", Val: class}}}
		if got, want := className(n), dom.ClassName(n); got != want {
			t.Errorf("className(%q) = %q, want %q", class, got, want)
		}
	}
	if got := className(&html.Node{Type: html.ElementNode, Data: "div"}); got != "" {
		t.Errorf("className without a class = %q", got)
	}
}
