package parse

import (
	"strings"
	"testing"

	"github.com/galleyprint/galley/internal/testcorpus"

	"golang.org/x/net/html"

	"github.com/galleyprint/galley/internal/lazyregexp"
)

// TestPrefixFilter: what a filter rules out from a text's first bytes,
// and the expressions it rules nothing out for.
func TestPrefixFilter(t *testing.T) {
	tests := []struct {
		expr, text string
		may        bool
	}{
		{`^\s*(ab|cd)x`, "abx and more", true},
		{`^\s*(ab|cd)x`, "  cdx", true},
		{`^\s*(ab|cd)x`, "zz", false},
		{`^\s*(ab|cd)x`, "acx", false},
		{`^\s*(ab|cd)x`, "cdy", false},
		{`^\s*(ab|cd)x`, "a", false}, // ended before a match
		{`^\s*(ab|cd)x`, "", false},
		{`^\s*(ab|cd)x`, "é", false}, // a character beyond ASCII the expression does not name
		{`^\s*(ab|cd)x`, "aé", false},
		{`^\s*(ab|cd)x`, "a\xff", false}, // not UTF-8
		{`^(à|b)x`, "àx", true},
		{`^(à|b)x`, "àé", false},
		{`^(à|b)x`, "à", false},
		{`^a.b`, "aéb", true}, // any character, beyond ASCII too
		{`^a.b`, "a\xffb", true},
		{`^a.b`, "aéc", false},
		{`^a[^z]b`, "aéc", true},   // a wide class: the expression tells
		{`^(?i)k`, "\u212a", true}, // the Kelvin sign folds to k
		{`^(?i)k`, "é", true},      // case folding: the expression tells
		{`^\d+ (items?)$`, "12 item", true},
		{`^\d+ (items?)$`, "12 thing", false},
		{`^\d+ (items?)$`, "12 items", true},
		{`^\d+ (items?)$`, "12 items sold", false}, // the end of the text only at its end
		{`^\d+ (items?)$`, "12 items\n", false},
		{`^\d+ (items?)$`, "12 itemé", false},
		{`^\s*$`, "  ", true},
		{`^\s*$`, "", true},
		{`^\s*$`, " x", false},
		{`^(?m:a$)`, "a\nb", true}, // the end of a line is taken to hold
		{`^(?i:ab)`, "AB", true},
		{`^(?i:ab)`, "Ac", false},
		{`^a.b`, "a\nb", false}, // . holds no newline
		{`^a\bb`, "ab", true},   // assertions are taken to hold
		{`(ab|cd)x`, "zz", true},
		{`^a*`, "zz", true}, // matches the empty text
		{`^(`, "zz", true},  // not an expression
	}
	for _, tt := range tests {
		if got := newPrefixFilter(tt.expr).mayMatch(tt.text); got != tt.may {
			t.Errorf("filter of %s on %q: %v, want %v", tt.expr, tt.text, got, tt.may)
		}
	}
}

// TestPrefixFilterManyRunes: an expression that names more characters
// beyond ASCII than a filter reads leaves the texts with those it does
// not read to the expression, and still rules out the others.
func TestPrefixFilterManyRunes(t *testing.T) {
	var alts []string
	for r := rune(0x4e00); r < 0x4e00+maxNamedRunes+50; r++ {
		alts = append(alts, string(r)+"x")
	}
	f := newPrefixFilter(`^(` + strings.Join(alts, "|") + `)`)
	for _, r := range []rune{0x4e00, 0x4e00 + maxNamedRunes + 49} {
		if !f.mayMatch(string(r) + "x") {
			t.Errorf("%q ruled out, and it matches", string(r)+"x")
		}
	}
	if f.mayMatch("ax") {
		t.Errorf("%q not ruled out", "ax")
	}
}

// TestPrefixFilterManyStates: past maxFilterStates, a filter leaves the
// rest of the text to the expression.
func TestPrefixFilterManyStates(t *testing.T) {
	f := newPrefixFilter(`^` + strings.Repeat(`[ab]{0,1000}`, 5) + `c$`)
	if n := len(f.end); n != maxFilterStates {
		t.Fatalf("%d states, want %d", n, maxFilterStates)
	}
	long := strings.Repeat("a", maxFilterStates+10)
	for _, text := range []string{long + "c", long + "d"} {
		if !f.mayMatch(text) {
			t.Errorf("%d bytes ruled out, past the filter's states", len(text))
		}
	}
	if f.mayMatch("abd") || f.mayMatch("ab") || !f.mayMatch("abc") {
		t.Errorf("short texts misjudged")
	}
}

// TestFurnitureFiltersSound: the filters of the furniture patterns pass
// every text the patterns match (lines written to match, and the text of
// every element of the web corpus's pages from each of its words), and rule
// out most of the corpus's texts.
func TestFurnitureFiltersSound(t *testing.T) {
	texts := []string{
		"related articles", "more from the verge", "mehr zum thema", "à lire aussi", "12 people found this helpful",
		"¿te ha sido útil?", "share", "12 comments", "| share | tweet |", "read more: the other story",
		"lesen sie auch: der andere artikel", "sign up for our newsletter", "we use cookies", "suivez-nous sur x",
	}
	var buf []byte
	for _, doc := range testcorpus.WebDocs(t) {
		for n := range doc.Descendants() {
			if n.Type == html.ElementNode {
				if text := lowerText(n, nil, &buf, nil); len(text) <= maxFurnitureLine {
					texts = append(texts, text)
				}
			}
		}
	}
	for _, a := range []*anchoredRegexp{furnitureHeadingsAt, actionWordsAt, furnitureLabelsAt, promptAtFiltered} {
		filter := newPrefixFilter(a.re.String())
		if filter == nil {
			t.Fatalf("no filter for %.40s…", a.re.String())
		}
		tried, ruledOut, matched := 0, 0, 0
		for _, text := range texts {
			for start := range len(text) {
				if start > 0 && text[start-1] != ' ' {
					continue // each word's start
				}
				s := text[start:]
				tried++
				may := filter.mayMatch(s)
				if !may {
					ruledOut++
				}
				if a.re.MatchString(s) {
					matched++
					if !may {
						t.Errorf("%.40s…: %q ruled out, and it matches", a.re.String(), s)
					}
				}
			}
		}
		if matched == 0 || ruledOut < tried/2 {
			t.Errorf("%.40s…: %d of %d texts ruled out, %d match", a.re.String(), ruledOut, tried, matched)
		}
		t.Logf("%.40s…: %d states, %d classes; %d of %d texts ruled out, %d match", a.re.String(), len(filter.end), filter.classes, ruledOut, tried, matched)
	}
}

// TestAnchoredRegexpFilters: an anchoredRegexp answers as its expression
// does, before and after it builds its filter.
func TestAnchoredRegexpFilters(t *testing.T) {
	a := newAnchoredRegexp(lazyregexp.New(`^\s*(share|print)\s*$`))
	texts := []string{"share", " print ", "the print", "shared", "sharé", ""}
	for i := range filterAfter + 10 {
		text := texts[i%len(texts)]
		if got, want := a.MatchString(text), a.re.MatchString(text); got != want {
			t.Fatalf("call %d on %q: %v, want %v", i, text, got, want)
		}
	}
	if f := a.filter.Load(); f == nil || f.classes == 0 || f.mayMatch("the print") {
		t.Errorf("no filter built after %d texts", filterAfter+10)
	}
}

// BenchmarkPrefixFilterBuild: building the four furniture patterns'
// filters, which a process does once, after filterAfter texts.
func BenchmarkPrefixFilterBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range []*anchoredRegexp{furnitureHeadingsAt, actionWordsAt, furnitureLabelsAt, promptAtFiltered} {
			newPrefixFilter(a.re.String())
		}
	}
}
