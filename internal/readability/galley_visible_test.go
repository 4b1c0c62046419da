package readability

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"
)

// TestMayHideFoldsOnlyASCII: no rune beyond ASCII folds to a letter of
// "none" or "hidden", so looking for them in ASCII cases finds every
// style the expressions match.
func TestMayHideFoldsOnlyASCII(t *testing.T) {
	for _, c := range "nonehidden" {
		for r := unicode.SimpleFold(c); r != c; r = unicode.SimpleFold(r) {
			if r > unicode.MaxASCII {
				t.Errorf("%q folds to %q", c, r)
			}
		}
	}
}

// TestIsProbablyVisibleStyles: the styles that hide an element, in any
// case and spacing, and those that do not.
func TestIsProbablyVisibleStyles(t *testing.T) {
	for _, c := range []struct {
		style   string
		visible bool
	}{
		{"", true}, {"color: red", true}, {"display:none", false}, {"DISPLAY : NONE", false},
		{"Visibility:Hidden", false}, {"overflow: hidden", true}, {"display: block; border: none", true},
		{"display:\tnone;", false}, {"visibility :\nhidden", false}, {"font-weight: bold", true},
	} {
		n := &html.Node{Type: html.ElementNode, Data: "div", Attr: []html.Attribute{{Key: "style", Val: c.style}}}
		ps := NewParser()
		if got := ps.isProbablyVisible(n); got != c.visible {
			t.Errorf("style %q: visible %v, want %v", c.style, got, c.visible)
		}
		want := c.style == "" || !rxDisplayNone.MatchString(c.style) && !rxVisibilityHidden.MatchString(c.style)
		if !mayHide(c.style) && !want {
			t.Errorf("style %q: spared, and an expression matches it", c.style)
		}
	}
	if !mayHide(strings.Repeat("x", 10)+"NoNe") || mayHide("nonx hidde") {
		t.Error("mayHide misreads the words")
	}
}
