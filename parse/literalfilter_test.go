package parse

import (
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/galleyprint/galley/internal/testcorpus"
)

// TestLiteralFilter: the words a filter reads from an expression, and the
// expressions it rules nothing out for.
func TestLiteralFilter(t *testing.T) {
	tests := []struct {
		expr, text string
		may        bool
	}{
		{`subscribe now|sign up (here|now)`, "please sign up now", true},
		{`subscribe now|sign up (here|now)`, "please sign up later", false},
		{`subscribe now|sign up (here|now)`, "subscribe", false},
		{`^(related|read) (more|next)\s*$`, "read next", true},
		{`^(related|read) (more|next)\s*$`, "read on", false},
		{`follow (us )?.{0,40} on (twitter|facebook)`, "follow the site on facebook", true},
		{`follow (us )?.{0,40} on (twitter|facebook)`, "unfollow", false},
		{`\d+ ?min(\.|utes?)? read`, "5 min read", true},
		{`\d+ ?min(\.|utes?)? read`, "5 minutes", false},
		{`autor(en|in)?`, "die autorin", true},
		{`(?i)avif`, "IMAGE.AVIF", true}, // folded case: no word read
		{`a|.{0,3}`, "zz", true},         // an alternative that needs no word
		{`x*`, "zz", true},
		{`(`, "zz", true}, // not an expression
	}
	for _, tt := range tests {
		if got := newLiteralFilter(tt.expr).mayMatch(tt.text); got != tt.may {
			t.Errorf("filter of %s on %q: %v, want %v", tt.expr, tt.text, got, tt.may)
		}
	}
}

// filteredPatterns are the expressions matched after a literal filter.
var filteredPatterns = []*filteredRegexp{tailHeadingsIn, tailPromptsIn, rightsNoticeIn, uiLinesIn, filingLinesIn, creditLinesIn,
	sourceLinesIn, disclosuresIn, containerTiers[0], containerTiers[2], containerTiers[3]}

// TestLiteralFiltersSound: the filters of the wording patterns pass every
// text the patterns match — random texts made to match each pattern, and
// every short text of the web corpus's pages — and rule out most of the
// corpus's texts.
func TestLiteralFiltersSound(t *testing.T) {
	texts := webLowerTexts(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, p := range filteredPatterns {
		expr := p.re.String()
		filter := p.filter()
		if filter.words == nil {
			t.Fatalf("no words read from %.40s…", expr)
		}
		re, err := syntax.Parse(expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		made := 0
		for range 4000 {
			s := sampleMatch(rng, re)
			if !p.re.MatchString(s) {
				continue // an assertion that does not hold for the sample
			}
			made++
			if !filter.mayMatch(s) {
				t.Errorf("%.40s…: %q ruled out, and it matches", expr, s)
			}
			// and within a longer text
			if s = "the text " + s + " goes on"; p.re.MatchString(s) && !filter.mayMatch(s) {
				t.Errorf("%.40s…: %q ruled out, and it matches", expr, s)
			}
		}
		ruledOut, matched := 0, 0
		for _, text := range texts {
			may := filter.mayMatch(text)
			if !may {
				ruledOut++
			}
			if p.re.MatchString(text) {
				matched++
				if !may {
					t.Errorf("%.40s…: %q ruled out, and it matches", expr, text)
				}
			}
		}
		if made < 1000 || ruledOut < len(texts)/2 {
			t.Errorf("%.40s…: %d matches made; %d of %d corpus texts ruled out", expr, made, ruledOut, len(texts))
		}
		t.Logf("%.40s…: %d matches made; %d of %d corpus texts ruled out, %d match", expr, made, ruledOut, len(texts), matched)
	}
}

// webLowerTexts returns the text of each element of the web corpus's
// pages of at most 300 bytes, in lower case with its spaces collapsed,
// and the tokens of their classes and ids, in lower case; each once.
func webLowerTexts(t *testing.T) []string {
	seen := map[string]bool{}
	var texts []string
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			texts = append(texts, s)
		}
	}
	var buf []byte
	for _, doc := range testcorpus.WebDocs(t) {
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			if text := lowerText(n, nil, &buf, nil); len(text) <= 300 {
				add(text)
			}
			for _, v := range []string{attr(n, "class"), attr(n, "id")} {
				for tok := range strings.FieldsSeq(strings.ToLower(v)) {
					add(tok)
				}
			}
		}
	}
	return texts
}

// sampleMatch returns a random text that re matches, but for its
// empty-width assertions, which it takes to hold.
func sampleMatch(rng *rand.Rand, re *syntax.Regexp) string {
	var b strings.Builder
	var gen func(re *syntax.Regexp)
	repeat := func(sub *syntax.Regexp, lo, hi int) {
		if hi < 0 {
			hi = lo + 3
		}
		for range lo + rng.IntN(hi-lo+1) {
			gen(sub)
		}
	}
	gen = func(re *syntax.Regexp) {
		switch re.Op {
		case syntax.OpLiteral:
			for _, r := range re.Rune {
				if re.Flags&syntax.FoldCase != 0 && rng.IntN(2) == 0 {
					r = []rune(strings.ToUpper(string(r)))[0]
				}
				b.WriteRune(r)
			}
		case syntax.OpCharClass:
			i := 2 * rng.IntN(len(re.Rune)/2)
			lo := re.Rune[i]
			hi := min(re.Rune[i+1], lo+200)
			b.WriteRune(lo + rune(rng.IntN(int(hi-lo)+1)))
		case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
			b.WriteRune(rune("ab é1-"[rng.IntN(5)]))
		case syntax.OpCapture:
			gen(re.Sub[0])
		case syntax.OpConcat:
			for _, sub := range re.Sub {
				gen(sub)
			}
		case syntax.OpAlternate:
			gen(re.Sub[rng.IntN(len(re.Sub))])
		case syntax.OpQuest:
			repeat(re.Sub[0], 0, 1)
		case syntax.OpStar:
			repeat(re.Sub[0], 0, -1)
		case syntax.OpPlus:
			repeat(re.Sub[0], 1, -1)
		case syntax.OpRepeat:
			repeat(re.Sub[0], re.Min, re.Max)
		}
	}
	gen(re)
	return b.String()
}

// TestSampleMatch: the samples of an expression match it.
func TestSampleMatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, expr := range []string{`ab(c|d)+e{2,3}[x-z]?.`, `(?i)avif|jxl`, `\d+ ?min`} {
		re, _ := syntax.Parse(expr, syntax.Perl)
		m := regexp.MustCompile(`^(?:` + expr + `)$`)
		for range 100 {
			if s := sampleMatch(rng, re); !m.MatchString(s) || !utf8.ValidString(s) {
				t.Fatalf("%s: sample %q does not match", expr, s)
			}
		}
	}
}

// TestFilteredRegexp: a filteredRegexp answers as its expression does.
func TestFilteredRegexp(t *testing.T) {
	texts := []string{"subscribe now", "please subscribe now!", "sign up for the news", "sign", "", "latest"}
	for _, text := range texts {
		if got, want := tailPromptsIn.MatchString(text), tailPrompts.MatchString(text); got != want {
			t.Errorf("on %q: %v, want %v", text, got, want)
		}
	}
	if !slices.Contains(tailPromptsIn.filter().words.byFirst['s'], "subscribe now") {
		t.Errorf("tailPrompts' filter lacks %q", "subscribe now")
	}
}

// TestMinimalWordsAsDefined: on the words of every filtered pattern, and
// on a small case, minimalWords keeps exactly the words that hold no other
// word, in their order.
func TestMinimalWordsAsDefined(t *testing.T) {
	byDefinition := func(words []string) []string {
		var out []string
		for _, w := range words {
			if !slices.ContainsFunc(words, func(v string) bool { return v != w && strings.Contains(w, v) }) {
				out = append(out, w)
			}
		}
		return out
	}
	sets := [][]string{{"read more", "more", "ore", "sign up", "up", "x"}}
	for _, p := range filteredPatterns {
		re, err := syntax.Parse(p.re.String(), syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if words := literals(re).required(); len(words) > 0 {
			sets = append(sets, words)
		}
	}
	for _, words := range sets {
		if got, want := minimalWords(words), byDefinition(words); !slices.Equal(got, want) {
			t.Errorf("minimalWords of %d words: %d words, want %d (%q…)", len(words), len(got), len(want), want[:min(5, len(want))])
		}
	}
}
