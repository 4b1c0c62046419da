package parse

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/galleyprint/galley/internal/testcorpus"
)

// TestHidingStyle: hidingStyle reads a style attribute as lower-casing
// it and removing its spaces did.
func TestHidingStyle(t *testing.T) {
	byCopy := func(style string) bool {
		s := strings.ReplaceAll(strings.ToLower(style), " ", "")
		return strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden")
	}
	for _, style := range []string{
		"", "display:none", "DISPLAY: NONE", "color:red; display : none ;", "display:block", "display:\tnone",
		"visibility: hidden", "visibility:visible", "dis play:no ne", "ddisplay:none", "display:nonedisplay",
		"display:non", " d i s p l a y : n o n e ", "disp\u00e9lay:none", "caf\u00e9; display:none", "\u212a display:none",
		"d\u0130splay:none", "display:n", "visibility:hiddeN!", "Display:None", "VISIBILITY : HIDDEN", "$display:none",
	} {
		if got, want := hidingStyle(style), byCopy(style); got != want {
			t.Errorf("hidingStyle(%q) = %v, want %v", style, got, want)
		}
	}
	// random styles of the words' letters in both cases, spaces, colons,
	// the two letters beyond ASCII that lower-case into ASCII, others
	// that do not, and bytes that are not UTF-8
	pieces := []string{"d", "I", "s", "P", "l", "a", "y", "n", "O", "e", "v", "i", "b", "t", "h", "D", "N", "display", "none",
		"visibility", "hidden", ":", " ", "\t", ";", "\u0130", "\u212a", "\u00e9", "\xc4", "\xb0", "\xff"}
	rng := rand.New(rand.NewPCG(34, 1))
	for range 40000 {
		if style := randomText(rng, pieces, 16); hidingStyle(style) != byCopy(style) {
			t.Errorf("hidingStyle(%q) = %v, want %v", style, hidingStyle(style), byCopy(style))
		}
	}
	for _, doc := range testcorpus.WebDocs(t) {
		for n := range doc.Descendants() {
			if style := attr(n, "style"); style != "" && hidingStyle(style) != byCopy(style) {
				t.Errorf("hidingStyle(%q) = %v, want %v", style, hidingStyle(style), byCopy(style))
			}
		}
	}
}

// TestPullQuoteClass: hasPullQuoteClass finds what looking in the
// lower-cased class finds, in classes made to test its edges and every
// class of the web corpus's pages.
func TestPullQuoteClass(t *testing.T) {
	byCopy := func(class string) bool {
		c := strings.ToLower(class)
		return strings.Contains(c, "pullquote") || strings.Contains(c, "pull-quote") || strings.Contains(c, "pull_quote")
	}
	classes := []string{"", "pullquote", "wp-block-PullQuote", "PULL-QUOTE big", "pull_quote", "pull quote", "pul-lquote",
		"\u212a pullquote", "pullé-quote", "xpull-quotex", "pull"}
	for _, doc := range testcorpus.WebDocs(t) {
		for n := range doc.Descendants() {
			if class := attr(n, "class"); class != "" {
				classes = append(classes, class)
			}
		}
	}
	for _, class := range classes {
		n := &html.Node{Type: html.ElementNode, Data: "div", Attr: []html.Attribute{{Key: "class", Val: class}}}
		if got, want := hasPullQuoteClass(n), byCopy(class); got != want {
			t.Errorf("hasPullQuoteClass(%q) = %v, want %v", class, got, want)
		}
	}
}
