package parse

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/galleyprint/galley/internal/testcorpus"
)

// TestFurnitureNameFinderSound: a class or id in which furnitureNameFinder
// finds none of the words names no furniture by any of its tokens, for
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
		if furnitureNameFinder().mayHold(v) {
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

// TestHidingFinderSound: a class in which hidingFinder finds none of the
// hiddenClasses, in any case, has no hiding token, for each of the
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
		if hidingFinder().mayHold(v) {
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

// TestPartFinder: a word is found as a whole part in any case, between
// white space, and - and _ for a finder of dashed parts, at a text's ends
// and within or across its runs of eight bytes; a byte beyond ASCII is
// never spared.
func TestPartFinder(t *testing.T) {
	words := []string{"share", "x", "sr-only"}
	tokens, dashed := newPartFinder(words, false), newPartFinder(words, true)
	for _, c := range []struct {
		s              string
		tokens, dashed bool
	}{
		{"share", true, true}, {"SHARE", true, true}, {"a share", true, true}, {"a\tShare\n", true, true},
		{"a_share_b", false, true}, {"a-share", false, true}, {"x", true, true}, {"sr-only", true, false},
		{"SR-Only b", true, false}, {"", false, false}, {"shares", false, false}, {"sr", false, false},
		{"xx", false, false}, {"sharex", false, false}, {"entry-content", false, false}, {"\u212a", true, true},
		{"café", true, true}, {"a\vx", true, true}, {"abcdefghijklmnop share", true, true},
		{"abcdefghijklmnopq-share-abcdefghijklmnopq", false, true}, {"abcdefg share abcdefghijklmnopq", true, true},
		{"abcdefghijklmnopqrstuvwxyz-abcdefghijk_x", false, true}, {"abcdefghijklmnopqrstuvwxyzé", true, true},
		{"abc\x00defghijk", false, false}, {"abcdefgh\x00x", false, false}, {"abcdefgh\x00x abcdefgh", false, false},
	} {
		if got := tokens.mayHold(c.s); got != c.tokens {
			t.Errorf("mayHold(%q) = %v, want %v", c.s, got, c.tokens)
		}
		if got := dashed.mayHold(c.s); got != c.dashed {
			t.Errorf("mayHold(%q) with dashes = %v, want %v", c.s, got, c.dashed)
		}
	}
}

// TestHoldsFoldASCII: the word is found wherever it starts, in any case,
// within or across runs of eight bytes, as strings.Contains finds it in
// the lower-cased text.
func TestHoldsFoldASCII(t *testing.T) {
	rng := rand.New(rand.NewPCG(34, 2))
	pieces := []string{"pull", "PULL", "Pull", "pul", "p", "P", "quote", "abcdefgh", "-", " ", "é"}
	for range 20000 {
		s := randomText(rng, pieces, 8)
		if got, want := holdsFoldASCII(s, "pull"), strings.Contains(strings.ToLower(s), "pull"); got != want {
			t.Errorf("holdsFoldASCII(%q, pull) = %v, want %v", s, got, want)
		}
	}
}

// TestFindersSpareOnlyWhatTheTokensWould: isHidingClass, isFurnitureName,
// isContentName and namesMetaLine, which ask their finders first, agree with their
// token rules alone on 40,000 random attributes made of hidden classes,
// furniture words and pairs, byline and date words, content words,
// category prefixes, other words, in mixed case, with separators and
// letters beyond ASCII.
func TestFindersSpareOnlyWhatTheTokensWould(t *testing.T) {
	words := []string{"entry", "content", "post", "d-lg-block", "visible-md", "md:hidden", "commentary", "category-", "tag-", "x",
		"\u212a", "é", "\u00a0", "ſr-only"}
	for c := range hiddenClasses {
		words = append(words, c)
	}
	for w := range furnitureParts {
		words = append(words, w)
	}
	for pair := range furniturePairs {
		words = append(words, pair, pair[strings.LastIndexByte(pair, '-')+1:])
	}
	words = append(words, metaWords...)
	words = append(words, contentWords...)
	words = append(words, "entry-meta", "post_author", "author-content", "post-body", "entry-share")
	seps := []string{" ", "-", "_", "\t", "\n", "\v", "  ", ""}
	rng := rand.New(rand.NewPCG(34, 1))
	for range 40000 {
		var b strings.Builder
		for range 1 + rng.IntN(4) {
			w := words[rng.IntN(len(words))]
			switch rng.IntN(4) {
			case 0:
				w = strings.ToUpper(w)
			case 1:
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
			b.WriteString(seps[rng.IntN(len(seps))])
		}
		v := b.String()
		if got, want := isHidingClass(v), v != "" && tokenHides(v); got != want {
			t.Errorf("isHidingClass(%q) = %v, its tokens say %v", v, got, want)
		}
		if got, want := isFurnitureName(v), v != "" && tokenNamesFurniture(v); got != want {
			t.Errorf("isFurnitureName(%q) = %v, its tokens say %v", v, got, want)
		}
		if got, want := isContentName(v), v != "" && tokenNamesContent(v); got != want {
			t.Errorf("isContentName(%q) = %v, its tokens say %v", v, got, want)
		}
		if got, want := namesMetaLine(v), v != "" && tokenNamesMeta(v); got != want {
			t.Errorf("namesMetaLine(%q) = %v, its tokens say %v", v, got, want)
		}
	}
}
