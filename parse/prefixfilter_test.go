package parse

import (
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
		{`^\s*(ab|cd)x`, "é", true},  // not ASCII: the expression tells
		{`^\s*(ab|cd)x`, "aé", true}, // likewise
		{`^\d+ (items?)$`, "12 item", true},
		{`^\d+ (items?)$`, "12 thing", false},
		{`^\d+ (items?)$`, "12 items", true},
		{`^\d+ (items?)$`, "12 items sold", false}, // the end of the text only at its end
		{`^\d+ (items?)$`, "12 items\n", false},
		{`^\d+ (items?)$`, "12 itemé", true},
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
				if text := lowerText(n, nil, &buf); len(text) <= maxFurnitureLine {
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
		t.Logf("%.40s…: %d states; %d of %d texts ruled out, %d match", a.re.String(), len(filter.next), ruledOut, tried, matched)
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
	if f := a.filter.Load(); f == nil || f.next == nil || f.mayMatch("the print") {
		t.Errorf("no filter built after %d texts", filterAfter+10)
	}
}
