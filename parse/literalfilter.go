package parse

import (
	"regexp/syntax"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/galleyprint/galley/internal/lazyregexp"
)

// The wording patterns that judge an article's blocks (its tail, its
// controls' lines, its credit lines) are long alternations, most of whose
// alternatives hold a word that no ordinary paragraph does: "subscribe
// now", "related ", "min read". Go's matcher tries every alternative at
// every byte of every block; a literalFilter first looks, in one pass
// over the text, for the words one of which every match holds, and only
// the texts that hold one go to the expression. The words are read from
// the expression itself, so the filter stays right when it changes.

// literalFilter decides that an expression cannot match a text that holds
// none of its words.
type literalFilter struct {
	words *wordFinder // nil: the expression's matches share no word, nothing is ruled out
}

// maxExactSet bounds the strings a part of an expression is followed as
// exactly (the product of its alternatives): beyond it the part is
// judged by the words it holds.
const maxExactSet = 64

// newLiteralFilter builds the filter of expr (regexp syntax); a filter
// that rules nothing out for an expression whose matches need no word
// (or that does not parse).
func newLiteralFilter(expr string) *literalFilter {
	return literalFilterOf(literalWords(expr))
}

// literalWords returns the minimal words one of which every match of expr
// holds; none for an expression whose matches need no word (or that does
// not parse).
func literalWords(expr string) []string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	words := literals(re).required()
	if words == nil || slices.Contains(words, "") {
		return nil
	}
	return minimalWords(words)
}

// literalFilterOf returns the filter that looks for words (literalWords);
// with none, it rules nothing out.
func literalFilterOf(words []string) *literalFilter {
	if len(words) == 0 {
		return &literalFilter{}
	}
	return &literalFilter{words: newWordFinder(words)}
}

// minimalWords drops the words that hold another of words: a text that
// holds one holds the other, which the filter looks for alone. The words
// are taken shortest first, each looked for in the minimal ones found so
// far (a word holding a dropped word holds what that one held), so the
// cost grows with the words times the minimal ones, not with the square
// of all of them; the minimal words keep their order in words.
func minimalWords(words []string) []string {
	byLength := slices.Clone(words)
	slices.SortStableFunc(byLength, func(a, b string) int { return len(a) - len(b) })
	found := &wordFinder{}
	minimal := make(map[string]bool, len(words))
	for _, w := range byLength {
		if found.index(w, 0) < 0 {
			found.add(w)
			minimal[w] = true
		}
	}
	out := make([]string, 0, len(minimal))
	for _, w := range words {
		if minimal[w] {
			out = append(out, w)
		}
	}
	return out
}

// mayMatch reports whether the expression may match s: whether s holds one
// of the words.
func (f *literalFilter) mayMatch(s string) bool {
	return f.words == nil || f.words.index(s, 0) >= 0
}

// literalInfo is what a part of an expression tells of the texts it
// matches: all of them (exact, when they are few and known) or words one
// of which each of them holds (some, when known).
type literalInfo struct {
	exact   []string
	isExact bool
	some    []string // nil: no word known
}

// required returns words one of which each match holds, or nil.
func (l literalInfo) required() []string {
	if l.isExact {
		return l.exact
	}
	return l.some
}

var unknownLiterals = literalInfo{}

// literals reads the words of an expression (the analysis of RE2's
// prefilter, simplified): a literal is itself; an alternation is any of
// its alternatives' words; a concatenation holds the product of adjacent
// exact parts, or the words of one of its parts, the longest.
func literals(re *syntax.Regexp) literalInfo {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return literalInfo{exact: []string{""}, isExact: true}
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 || slices.Contains(re.Rune, utf8.RuneError) {
			return unknownLiterals // matched in any case, or an invalid byte
		}
		return literalInfo{exact: []string{string(re.Rune)}, isExact: true}
	case syntax.OpCharClass:
		return classLiterals(re.Rune)
	case syntax.OpCapture:
		return literals(re.Sub[0])
	case syntax.OpConcat:
		return concatLiterals(re.Sub)
	case syntax.OpAlternate:
		return alternateLiterals(re.Sub)
	case syntax.OpQuest:
		if sub := literals(re.Sub[0]); sub.isExact && len(sub.exact) < maxExactSet {
			return literalInfo{exact: union(sub.exact, []string{""}), isExact: true}
		}
	case syntax.OpPlus:
		return literalInfo{some: literals(re.Sub[0]).required()}
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return literalInfo{some: literals(re.Sub[0]).required()}
		}
	}
	return unknownLiterals // .*, x*, x{0,n}, wide classes
}

// classLiterals are the runes of a small character class (ranges, in
// pairs of bounds).
func classLiterals(ranges []rune) literalInfo {
	var set []string
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		if hi-lo >= 8 || len(set) > 8 || lo <= utf8.RuneError && utf8.RuneError <= hi {
			return unknownLiterals
		}
		for r := lo; r <= hi; r++ {
			set = append(set, string(r))
		}
	}
	if len(set) == 0 || len(set) > 8 {
		return unknownLiterals
	}
	return literalInfo{exact: set, isExact: true}
}

// concatLiterals reads a concatenation: runs of exact parts multiplied
// out, and the best of those runs and of the other parts' words.
func concatLiterals(subs []*syntax.Regexp) literalInfo {
	run, allExact := []string{""}, true
	var best []string
	for _, sub := range subs {
		l := literals(sub)
		switch {
		case l.isExact && len(run)*len(l.exact) <= maxExactSet:
			run = product(run, l.exact)
		case l.isExact:
			best, allExact = better(best, run), false
			run = l.exact
		default:
			best, allExact = better(better(best, run), l.some), false
			run = []string{""}
		}
	}
	if allExact {
		return literalInfo{exact: run, isExact: true}
	}
	return literalInfo{some: better(best, run)}
}

// alternateLiterals reads an alternation: each match holds one of the
// words of the alternative it matches. The words are gathered and made a
// set once, at the end: a set made again after each alternative costs the
// square of a long alternation's words.
func alternateLiterals(subs []*syntax.Regexp) literalInfo {
	var exact, some []string
	allExact := true
	for _, sub := range subs {
		l := literals(sub)
		words := l.required()
		if words == nil {
			return unknownLiterals
		}
		some = append(some, words...)
		if l.isExact {
			exact = append(exact, l.exact...)
		} else {
			allExact = false
		}
	}
	if exact = union(nil, exact); allExact && len(exact) <= maxExactSet {
		return literalInfo{exact: exact, isExact: true}
	}
	return literalInfo{some: union(nil, some)}
}

// product returns each of a followed by each of b.
func product(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return union(nil, out)
}

// union returns the strings of a and b, each once, sorted.
func union(a, b []string) []string {
	out := append(append([]string(nil), a...), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// better returns the set of words that rules out more texts: nil is
// none, a set holding "" rules out nothing; otherwise the longer its
// shortest word, the better.
func better(a, b []string) []string {
	if shortest(b) > shortest(a) {
		return b
	}
	return a
}

// shortest is the length of the shortest word of set, -1 for nil.
func shortest(set []string) int {
	if set == nil {
		return -1
	}
	n := -1
	for _, w := range set {
		if n < 0 || len(w) < n {
			n = len(w)
		}
	}
	return n
}

// filteredRegexp is an expression matched after its literalFilter, which
// is taken from prebuilt_filters.bin or built on first use, as the
// expression is compiled.
type filteredRegexp struct {
	re      *lazyregexp.Regexp
	once    sync.Once
	literal *literalFilter
}

func newFilteredRegexp(re *lazyregexp.Regexp) *filteredRegexp {
	r := &filteredRegexp{re: re}
	allFilteredPatterns = append(allFilteredPatterns, r)
	return r
}

// filter returns the expression's literal filter.
func (r *filteredRegexp) filter() *literalFilter {
	r.once.Do(func() {
		var ok bool
		if r.literal, ok = prebuiltLiteralFilter(r.re.String()); !ok {
			r.literal = newLiteralFilter(r.re.String())
		}
	})
	return r.literal
}

// MatchString is re.MatchString(s), spared for the texts the filter rules
// out.
func (r *filteredRegexp) MatchString(s string) bool {
	return r.filter().mayMatch(s) && r.re.MatchString(s)
}

// The wording patterns matched after their filters.
var (
	tailHeadingsIn = newFilteredRegexp(tailHeadings)
	tailPromptsIn  = newFilteredRegexp(tailPrompts)
	rightsNoticeIn = newFilteredRegexp(rightsNotice)
	uiLinesIn      = newFilteredRegexp(uiLines)
	filingLinesIn  = newFilteredRegexp(filingLines)
	creditLinesIn  = newFilteredRegexp(creditLines)
	sourceLinesIn  = newFilteredRegexp(sourceLines)
	disclosuresIn  = newFilteredRegexp(disclosures)
)
