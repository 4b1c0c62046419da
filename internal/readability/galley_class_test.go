package readability

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/go-shiori/dom"
	"golang.org/x/net/html"

	"github.com/galleyprint/galley/internal/testcorpus"
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

// TestTokenize: tokenize splits as (?i)\W+ does, less its empty strings,
// for characters between words (every one up to U+3000, a sample beyond),
// and for the short texts of the web corpus's pages (lower-cased, as
// textSimilarity gives them).
func TestTokenize(t *testing.T) {
	rxTokenize := regexp.MustCompile(`(?i)\W+`)
	bySplit := func(s string) []string {
		var out []string
		for _, tok := range rxTokenize.Split(s, -1) {
			if tok != "" {
				out = append(out, tok)
			}
		}
		return out
	}
	texts := []string{"", " ", "a b", "Hello, World!", "l'été", "x\xffy", "\u212ak \u017fs", "_a_ 12"}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r < 0x3000 || r%97 == 0 {
			texts = append(texts, "a"+string(r)+"b")
		}
	}
	seen := map[string]bool{}
	for _, text := range testcorpus.WebTexts(t) {
		if text = strings.ToLower(strings.TrimSpace(text)); len(text) <= 300 && !seen[text] {
			seen[text] = true
			texts = append(texts, text)
		}
	}
	for _, text := range texts {
		if got, want := tokenize(text), bySplit(text); !slices.Equal(got, want) {
			t.Errorf("tokenize(%q) = %q, want %q", text, got, want)
		}
	}
}
