package readability

import (
	"math/rand/v2"
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

// TestHidesByStyle: hidesByStyle says what the two expressions say, on
// random styles of the words and bytes that matter to them, long s and
// Kelvin sign among them.
func TestHidesByStyle(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"display", "DiSpLaY", "diſplay", "viſibility", "visibility", "VISIBILITY", "none", "NONE", "hidden",
		"Hidden", ":", " ", "\t", "\n", "\v", ";", "x", "nonE", "dis", "play", "ſ", "\u212a", "é", "border:"}
	styles := []string{"display:none", "display :\tNONE", "diſplay: none", "visibility:\vhidden", "border: none"}
	spaces := []string{"", " ", "\t", "\v", "\n ", ";"}
	for range 40000 {
		var b strings.Builder
		for range rnd.IntN(7) {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		if rnd.IntN(2) == 0 { // a declaration, maybe spaced or cased too oddly to count
			b.WriteString(pieces[rnd.IntN(6)] + spaces[rnd.IntN(len(spaces))] + ":" + spaces[rnd.IntN(len(spaces))] +
				pieces[6+rnd.IntN(4)])
		}
		styles = append(styles, b.String())
	}
	hiding := 0
	for _, s := range styles {
		want := rxDisplayNone.MatchString(s) || rxVisibilityHidden.MatchString(s)
		if got := hidesByStyle(s); got != want {
			t.Errorf("hidesByStyle(%q) = %v, want %v", s, got, want)
		}
		if want {
			hiding++
		}
	}
	if hiding < 1000 {
		t.Errorf("only %d of %d styles hide", hiding, len(styles))
	}
}
