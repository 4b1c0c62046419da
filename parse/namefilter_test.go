package parse

import (
	"strings"
	"testing"

	"github.com/galleyprint/galley/internal/testcorpus"
)

// TestFurnitureNameFinderSound: a class or id that furnitureNameFinder
// finds none of the words in names no furniture by any of its tokens, for
// each of the furniture words and pairs (with either separator, among
// other tokens) and each class and id of the web corpus's pages; and the
// finder spares most of those.
func TestFurnitureNameFinderSound(t *testing.T) {
	var values []string
	for w := range furnitureParts {
		values = append(values, w, "x-"+w+"-y", "entry "+w+"_box", "Entry "+strings.ToUpper(w)+"-Box")
	}
	for pair := range furniturePairs {
		values = append(values, pair, strings.ReplaceAll(pair, "-", "_"), "post "+pair+"-wrap")
	}
	for _, doc := range testcorpus.WebDocs(t) {
		for n := range doc.Descendants() {
			for _, a := range n.Attr {
				if a.Key == "class" || a.Key == "id" {
					values = append(values, a.Val)
				}
			}
		}
	}
	spared := 0
	for _, v := range values {
		if !furnitureNameFinder().absentFoldingASCII(v) {
			continue
		}
		spared++
		for tok := range strings.FieldsSeq(v) {
			if namesFurniture(strings.ToLower(tok)) {
				t.Errorf("%q: spared, and its token %q names furniture", v, tok)
			}
		}
	}
	if spared < len(values)/2 {
		t.Errorf("only %d of %d classes and ids spared", spared, len(values))
	}
	t.Logf("%d of %d classes and ids spared", spared, len(values))
}

// TestAbsentFoldingASCII: words are found in any case, and bytes beyond
// ASCII are not spared (lower-casing might make a word of them).
func TestAbsentFoldingASCII(t *testing.T) {
	f := newWordFinder([]string{"share", "sr"})
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"entry-content", true}, {"", true}, {"social-share", false}, {"sr-only", false},
		{"Entry", true}, {"Social-SHARE", false}, {"SR-Only", false}, {"S", true}, {"\u212a", false}, {"café", false},
		{"entry-s", true},
	} {
		if got := f.absentFoldingASCII(c.s); got != c.want {
			t.Errorf("absentFoldingASCII(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}

// TestHidingFinderSound: a class that hidingFinder finds none of the
// hidingParts in, in any case, has no hiding token, for each of the
// hiddenClasses (in lower and upper case, among other tokens) and each
// class of the web corpus's pages.
func TestHidingFinderSound(t *testing.T) {
	var values []string
	for c := range hiddenClasses {
		values = append(values, c, "title "+strings.ToUpper(c), "Nav "+c)
	}
	for _, doc := range testcorpus.WebDocs(t) {
		for n := range doc.Descendants() {
			if class := attr(n, "class"); class != "" {
				values = append(values, class)
			}
		}
	}
	spared := 0
	for _, v := range values {
		if !hidingFinder().absentFoldingASCII(v) {
			continue
		}
		spared++
		for tok := range strings.FieldsSeq(v) {
			if hiddenClasses[strings.ToLower(tok)] {
				t.Errorf("%q: spared, and its token %q hides", v, tok)
			}
		}
	}
	if spared < len(values)/2 {
		t.Errorf("only %d of %d classes spared", spared, len(values))
	}
}

// TestWordFinderPairs: a word is found after the look-up of its first two
// bytes, a one-byte word wherever its byte is, at a text's end too.
func TestWordFinderPairs(t *testing.T) {
	f := newWordFinder([]string{"share", "x", "sr"})
	for _, c := range []struct {
		s    string
		want int
	}{
		{"social-share", 7}, {"sr", 0}, {"s", -1}, {"ends", -1}, {"a-x", 2}, {"x", 0}, {"sx", 1}, {"shar", -1}, {"ss", -1},
	} {
		if got := f.index(c.s, 0); got != c.want {
			t.Errorf("index(%q) = %d, want %d", c.s, got, c.want)
		}
		if got, want := f.absentFoldingASCII(strings.ToUpper(c.s)), c.want < 0; got != want {
			t.Errorf("absentFoldingASCII(%q) = %v, want %v", strings.ToUpper(c.s), got, want)
		}
	}
}
