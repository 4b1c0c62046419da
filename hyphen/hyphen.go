// Package hyphen finds where words may be broken at the end of a line, with
// Liang's algorithm (the one TeX uses) and the TeX hyph-utf8 patterns.
//
// Embedded languages (Languages lists their tags): American and British
// English, German (reformed spelling of 1996), French, Spanish, Italian,
// Portuguese, Dutch, Polish, Swedish, Danish, Norwegian Bokmål and
// Nynorsk, Finnish, Hungarian, Croatian, Slovenian, Turkish and Catalan.
// The pattern files, their exception lists and their licences are in the
// patterns folder beside this file; its README says where they come from.
//
// A language's patterns are parsed on its first use, once, into a trie;
// after that a Hyphenator is read-only and safe for concurrent use, and
// Points allocates nothing but its result for words of up to 64 letters.
//
//	h := hyphen.For("en-US")
//	h.Hyphenate("hyphenation") // "hy-phen-ation"
//	h.Points("hyphenation")    // [2 6]
package hyphen

import (
	"embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// files holds the compiled patterns (see compiled.go); the pattern text
// they are made from is read by the tests only.
//
//go:embed patterns/*.trie
var files embed.FS

// Hyphenator hyphenates words of one language. Safe for concurrent use.
type Hyphenator struct {
	tag         string // canonical tag, e.g. "en-US"
	name        string // hyph-utf8 name, e.g. "en-us"
	left, right int    // hyph-utf8's typesetting hyphenmins
	turkic      bool   // dotless I: I lower-cases to ı, İ to i

	once sync.Once
	p    *patterns
}

// The embedded languages, in the order Languages lists them. The minimums
// are those babel's locale files give for typesetting (latex3/babel,
// locale/<lang>/babel-<tag>.ini, [typography] lefthyphenmin and
// righthyphenmin), which are what LaTeX sets the language with; where
// babel gives none (Norwegian Bokmål), hyph-utf8's "hyphenmins:
// typesetting" (the header of each patterns/hyph-*.LICENSE.txt). Babel is
// never below hyph-utf8, and asks for three letters after the last break
// in English, French, Dutch, Polish, Portuguese, Slovenian and Turkish,
// where hyph-utf8's headers say two for all but English and Portuguese:
// French typography never carries a syllable of two letters over ("se-ra").
var languages = []*Hyphenator{
	{tag: "ca", name: "ca", left: 2, right: 2},
	{tag: "da", name: "da", left: 2, right: 2},
	{tag: "de-1996", name: "de-1996", left: 2, right: 2},
	{tag: "en-GB", name: "en-gb", left: 2, right: 3},
	{tag: "en-US", name: "en-us", left: 2, right: 3},
	{tag: "es", name: "es", left: 2, right: 2},
	{tag: "fi", name: "fi", left: 2, right: 2},
	{tag: "fr", name: "fr", left: 2, right: 3},
	{tag: "hr", name: "hr", left: 2, right: 2},
	{tag: "hu", name: "hu", left: 2, right: 2},
	{tag: "it", name: "it", left: 2, right: 2},
	{tag: "nb", name: "nb", left: 2, right: 2},
	{tag: "nl", name: "nl", left: 2, right: 3},
	{tag: "nn", name: "nn", left: 2, right: 2},
	{tag: "pl", name: "pl", left: 2, right: 3},
	{tag: "pt", name: "pt", left: 2, right: 3},
	{tag: "sl", name: "sl", left: 2, right: 3},
	{tag: "sv", name: "sv", left: 2, right: 2},
	{tag: "tr", name: "tr", left: 2, right: 3, turkic: true},
}

// primaries are the languages For finds by their tag's primary subtag
// alone, besides English, German and Norwegian, which it maps itself.
var primaries = []string{"ca", "da", "es", "fi", "fr", "hr", "hu", "it", "nl", "nn", "pl", "pt", "sl", "sv", "tr"}

// lookup returns the embedded language with canonical tag t.
func lookup(t string) *Hyphenator {
	for _, h := range languages {
		if h.tag == t {
			return h
		}
	}
	return nil
}

// For returns the hyphenator for a BCP 47 language tag ("en", "en-US",
// "en-GB", "en_gb", "de-CH", "fr-CA", "pt-BR", "nl-BE", "sv-FI"…,
// case-insensitive), or nil when none is embedded. "en" alone is en-US;
// any de-* is German 1996. Norwegian "no" (the macrolanguage) is Bokmål,
// nb, as in most Norwegian text, except "no-NYN", the old tag for
// Nynorsk, which is nn like "nn" itself. Every other language is found by
// its primary subtag. Patterns are read on first use of a language
// (lazily, once, safe for concurrency), into a structure fast to query.
//
// English for Great Britain (GB, or the common UK), Ireland, Australia, New
// Zealand, South Africa and India gets the British patterns, every other
// English the American ones. Script and variant subtags are ignored
// ("en-Latn-GB" is en-GB), and so is a POSIX locale's ".charset" or
// "@modifier" ("en_GB.UTF-8" is en-GB).
func For(lang string) *Hyphenator {
	if i := strings.IndexAny(lang, ".@"); i >= 0 {
		lang = lang[:i]
	}
	primary, rest, _ := cutSubtag(lang)
	switch {
	case strings.EqualFold(primary, "en"):
		region := ""
		for rest != "" {
			var sub string
			sub, rest, _ = cutSubtag(rest)
			if len(sub) == 1 {
				break // an extension or private use: no region after it
			}
			if len(sub) == 2 {
				region = strings.ToUpper(sub)
				break
			}
		}
		switch region {
		case "GB", "UK", "IE", "AU", "NZ", "ZA", "IN":
			return lookup("en-GB")
		}
		return lookup("en-US")
	case strings.EqualFold(primary, "de"):
		return lookup("de-1996")
	case strings.EqualFold(primary, "nb"):
		return lookup("nb")
	case strings.EqualFold(primary, "no"):
		for rest != "" {
			var sub string
			sub, rest, _ = cutSubtag(rest)
			if strings.EqualFold(sub, "nyn") {
				return lookup("nn")
			}
		}
		return lookup("nb")
	}
	for _, t := range primaries {
		if strings.EqualFold(primary, t) {
			return lookup(t)
		}
	}
	return nil
}

// cutSubtag splits tag at its first "-" or "_".
func cutSubtag(tag string) (sub, rest string, found bool) {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		return tag[:i], tag[i+1:], true
	}
	return tag, "", false
}

// Languages lists the embedded languages' canonical tags.
func Languages() []string {
	tags := make([]string, len(languages))
	for i, h := range languages {
		tags[i] = h.tag
	}
	return tags
}

// Lang returns the canonical tag (e.g. "en-US").
func (h *Hyphenator) Lang() string {
	if h == nil {
		return ""
	}
	return h.tag
}

// Mins returns the left and right minimums (letters before the first and
// after the last break).
func (h *Hyphenator) Mins() (left, right int) {
	if h == nil {
		return 0, 0
	}
	return h.left, h.right
}

// load parses the language's patterns on first use.
func (h *Hyphenator) load() *patterns {
	h.once.Do(func() {
		// decoded as read, without a copy of the file (readPatterns)
		f, err := files.Open("patterns/hyph-" + h.name + ".trie")
		if err != nil {
			panic("hyphen: " + err.Error())
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			panic("hyphen: " + err.Error())
		}
		p, err := readPatterns(f, int(st.Size()))
		if err != nil { // TestCompiledPatterns checks every embedded file
			panic(fmt.Sprintf("hyphen: %s: %v", h.tag, err))
		}
		h.p = p
	})
	return h.p
}

// stackLetters is the longest word whose scratch space lives on the stack.
const stackLetters = 64

// Points returns where word may be broken, as byte offsets into word,
// ascending, each between two letters, honouring the minimums. Exceptions
// (.hyp.txt) win over patterns. The word is matched case-insensitively
// (lower-case with unicode.ToLower, and for Turkish I as ı; patterns are
// lower case). Words with
// characters other than letters (unicode.IsLetter or unicode.Mn marks, and
// the apostrophe ’ / ' which some patterns include) give no points; so do
// words shorter than left+right.
//
// The minimums count characters, marks and apostrophes included, as TeX
// does. No break is put next to an apostrophe or before a mark, nor into
// or just before a contraction's clitic: the letters after a word's last
// apostrophe, when there are at most three, and the n of n't keep at
// least two letters of their word with them ("should-n't", "do-n't"
// never; "McDon-ald's"). The patterns are in Unicode normalisation form
// C, so words should be too.
//
// A word with an inner capital (a change from a small letter to a
// capital, or the last capital of a run before a small letter:
// "Web|Extensions", "Java|Script", "i|Phone", "HTML|Element") is
// hyphenated in those parts, each as a word of its own, and the side of a
// break that touches a part's case change keeps at least three letters,
// so that no break leaves a fragment of a name ("We-bExtensions",
// "iPh-one", "Ja-vaScript"). The case change is a break too when both
// parts have three letters ("Java-Script"; never "i-Phone").
func (h *Hyphenator) Points(word string) []int {
	if h == nil || len(word) < h.left+h.right {
		return nil
	}
	if hasCaseChange(word) {
		return h.partPoints(word)
	}
	return h.points(word, h.left, h.right)
}

// points is Points for a word without inner capitals, with minimums left
// and right.
func (h *Hyphenator) points(word string, left, right int) []int {
	if len(word) < left+right {
		return nil
	}
	p := h.load()

	// Scratch on the stack: the word in symbols between two dots, and the
	// levels between them.
	var symBuf [stackLetters + 2]uint8
	var levelBuf [stackLetters + 3]uint8
	syms := symBuf[:1]
	syms[0] = p.symbol(dot)
	special := false // an apostrophe or a mark: check each break
	for _, r := range word {
		if 'a' <= r && r <= 'z' {
			// the common case, inline
		} else if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
			if r == 'i' && h.turkic {
				r = 'ı'
			}
		} else {
			var ok, sp bool
			if r, sp, ok = fold(r); !ok {
				return nil
			}
			special = special || sp
		}
		if len(syms) > stackLetters {
			return h.pointsLong(word, left, right)
		}
		syms = append(syms, p.symbol(r))
	}
	n := len(syms) - 1
	if n < left+right {
		return nil
	}
	syms = append(syms, syms[0])
	levels := levelBuf[:n+3]
	p.match(syms, levels)
	return collect(word, levels, left, n-right, special)
}

// camelPart is the fewest letters on the side of a break that touches a
// case change inside a word, and on either side of a break at one.
const camelPart = 3

// hasCaseChange reports whether word has an inner capital (see Points).
// It allocates nothing.
func hasCaseChange(word string) bool {
	return nextCaseChange(word, 0) >= 0
}

// nextCaseChange returns the byte offset of the first case change in
// word after from, or -1: a capital after a small letter, or the last of
// two or more capitals before a small letter.
func nextCaseChange(word string, from int) int {
	lower := false  // the letter before is small
	upper := 0      // capitals in a row before
	lastUpper := -1 // offset of the last of them
	for i, r := range word[from:] {
		var isLower, isUpper bool
		switch {
		case 'a' <= r && r <= 'z':
			isLower = true
		case 'A' <= r && r <= 'Z':
			isUpper = true
		case r < utf8.RuneSelf:
		default:
			if isLower, isUpper = caseOf(r); !isLower && !isUpper && !unicode.IsLetter(r) {
				continue // a mark keeps the case of its letter
			}
		}
		switch {
		case isUpper && lower && i > 0:
			return from + i
		case isLower && upper >= 2:
			return from + lastUpper
		}
		lower = isLower
		if isUpper {
			upper++
			lastUpper = i
		} else {
			upper = 0
		}
	}
	return -1
}

// caseOf reports whether r is a small letter or a capital of a script
// with both: a letter without another case (ß in GROßEN, which
// upper-cases as SS; a CJK ideograph) is neither, nor is a mark.
func caseOf(r rune) (lower, upper bool) {
	switch {
	case unicode.IsLower(r):
		return unicode.ToUpper(r) != r, false
	case unicode.IsUpper(r) || unicode.IsTitle(r):
		return false, unicode.ToLower(r) != r
	}
	return false, false
}

// partPoints is Points for a word with inner capitals: each part between
// case changes is hyphenated on its own (see Points).
func (h *Hyphenator) partPoints(word string) []int {
	for _, r := range word {
		if _, _, ok := fold(r); !ok {
			return nil
		}
	}
	var points []int
	from, prevLen := 0, 0
	for from < len(word) {
		to := nextCaseChange(word, from)
		last := to < 0
		if last {
			to = len(word)
		}
		part := word[from:to]
		left, right := h.left, h.right
		if from > 0 {
			left = max(left, camelPart)
			if n := utf8.RuneCountInString(part); prevLen >= camelPart && n >= camelPart {
				points = append(points, from)
			}
		}
		if !last {
			right = max(right, camelPart)
		}
		for _, p := range h.points(part, left, right) {
			points = append(points, from+p)
		}
		from, prevLen = to, utf8.RuneCountInString(part)
	}
	if len(points) == 0 {
		return nil
	}
	return points
}

// pointsLong is Points for words longer than stackLetters, with its
// scratch on the heap.
func (h *Hyphenator) pointsLong(word string, left, right int) []int {
	p := h.load()
	n := utf8.RuneCountInString(word)
	syms := make([]uint8, 1, n+2)
	syms[0] = p.symbol(dot)
	special := false
	for _, c := range word {
		r, sp, ok := fold(c)
		if !ok {
			return nil
		}
		if c == 'I' && h.turkic {
			r = 'ı'
		}
		special = special || sp
		syms = append(syms, p.symbol(r))
	}
	syms = append(syms, syms[0])
	levels := make([]uint8, n+3)
	p.match(syms, levels)
	return collect(word, levels, left, n-right, special)
}

// fold returns r in lower case, and whether r is a word's apostrophe or
// mark (special) and whether it may be part of a word at all (ok): a
// letter, a non-spacing mark, or an apostrophe.
func fold(r rune) (lower rune, special, ok bool) {
	switch {
	case isApostrophe(r):
		return r, true, true
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A', false, true
		}
		return r, false, 'a' <= r && r <= 'z'
	case unicode.IsLetter(r):
		return unicode.ToLower(r), false, true
	case unicode.Is(unicode.Mn, r):
		return r, true, true
	}
	return r, false, false
}

// collect returns the byte offsets of the breaks before letters first to
// last of word: those whose level is odd (levels[k+1] is the level before
// letter k), and, when special, not next to an apostrophe, before a mark
// or into a clitic.
func collect(word string, levels []uint8, first, last int, special bool) []int {
	count := 0
	for k := first; k <= last; k++ {
		count += int(levels[k+1] & 1)
	}
	if count == 0 {
		return nil
	}
	clitic := -1
	if special {
		clitic = cliticStart(word)
	}
	points := make([]int, 0, count)
	k := 0
	for i := range word {
		if k >= first && k <= last && levels[k+1]&1 == 1 && (!special || allowed(word, i, clitic)) {
			points = append(points, i)
		}
		k++
	}
	if len(points) == 0 {
		return nil
	}
	return points
}

// cliticMin is the fewest letters of its word a clitic keeps with it.
const cliticMin = 2

// cliticStart returns the byte offset where word's clitic starts, or -1
// when it has none: its last apostrophe, when at most three letters
// follow it ('s, 't, 're, 've, 'll; a final apostrophe too), or the n
// before it in n't.
func cliticStart(word string) int {
	a := strings.LastIndexAny(word, "'’ʼ")
	if a < 0 {
		return -1
	}
	_, size := utf8.DecodeRuneInString(word[a:])
	tail := word[a+size:]
	if utf8.RuneCountInString(tail) > 3 {
		return -1
	}
	if (tail == "t" || tail == "T") && a > 0 && (word[a-1] == 'n' || word[a-1] == 'N') {
		return a - 1
	}
	return a
}

// allowed reports whether a break may go at byte offset i of word: not
// next to an apostrophe, nor before a mark, and, when word has a clitic
// starting at byte clitic, at least cliticMin letters before it.
func allowed(word string, i, clitic int) bool {
	before, _ := utf8.DecodeLastRuneInString(word[:i])
	after, _ := utf8.DecodeRuneInString(word[i:])
	if clitic >= 0 && (i > clitic || utf8.RuneCountInString(word[i:clitic]) < cliticMin) {
		return false
	}
	return !isApostrophe(before) && !isApostrophe(after) && !unicode.Is(unicode.Mn, after)
}

// isApostrophe reports the apostrophes of words: ', ’ and the modifier
// letter apostrophe ʼ.
func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// Hyphenate is Points rendered with "-" for tests and tools:
// "hy-phen-ation".
func (h *Hyphenator) Hyphenate(word string) string {
	points := h.Points(word)
	if len(points) == 0 {
		return word
	}
	var b strings.Builder
	b.Grow(len(word) + len(points))
	last := 0
	for _, p := range points {
		b.WriteString(word[last:p])
		b.WriteByte('-')
		last = p
	}
	b.WriteString(word[last:])
	return b.String()
}
