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
// are hyph-utf8's "hyphenmins: typesetting" (the header of each
// patterns/hyph-*.LICENSE.txt), which TeX Live's language.dat also uses.
var languages = []*Hyphenator{
	{tag: "ca", name: "ca", left: 2, right: 2},
	{tag: "da", name: "da", left: 2, right: 2},
	{tag: "de-1996", name: "de-1996", left: 2, right: 2},
	{tag: "en-GB", name: "en-gb", left: 2, right: 3},
	{tag: "en-US", name: "en-us", left: 2, right: 3},
	{tag: "es", name: "es", left: 2, right: 2},
	{tag: "fi", name: "fi", left: 2, right: 2},
	{tag: "fr", name: "fr", left: 2, right: 2},
	{tag: "hr", name: "hr", left: 2, right: 2},
	{tag: "hu", name: "hu", left: 2, right: 2},
	{tag: "it", name: "it", left: 2, right: 2},
	{tag: "nb", name: "nb", left: 2, right: 2},
	{tag: "nl", name: "nl", left: 2, right: 2},
	{tag: "nn", name: "nn", left: 2, right: 2},
	{tag: "pl", name: "pl", left: 2, right: 2},
	{tag: "pt", name: "pt", left: 2, right: 3},
	{tag: "sl", name: "sl", left: 2, right: 2},
	{tag: "sv", name: "sv", left: 2, right: 2},
	{tag: "tr", name: "tr", left: 2, right: 2, turkic: true},
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
		b, err := files.ReadFile("patterns/hyph-" + h.name + ".trie")
		if err != nil {
			panic("hyphen: " + err.Error())
		}
		p, err := unmarshalPatterns(b)
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
// does. No break is put next to an apostrophe or before a mark. The
// patterns are in Unicode normalisation form C, so words should be too.
func (h *Hyphenator) Points(word string) []int {
	if h == nil || len(word) < h.left+h.right {
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
			return h.pointsLong(word)
		}
		syms = append(syms, p.symbol(r))
	}
	n := len(syms) - 1
	if n < h.left+h.right {
		return nil
	}
	syms = append(syms, syms[0])
	levels := levelBuf[:n+3]
	p.match(syms, levels)
	return collect(word, levels, h.left, n-h.right, special)
}

// pointsLong is Points for words longer than stackLetters, with its
// scratch on the heap.
func (h *Hyphenator) pointsLong(word string) []int {
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
	return collect(word, levels, h.left, n-h.right, special)
}

// fold returns r in lower case, and whether r is a word's apostrophe or
// mark (special) and whether it may be part of a word at all (ok): a
// letter, a non-spacing mark, or an apostrophe.
func fold(r rune) (lower rune, special, ok bool) {
	switch {
	case r == '\'' || r == '’':
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
// letter k), and, when special, not next to an apostrophe nor before a
// mark.
func collect(word string, levels []uint8, first, last int, special bool) []int {
	count := 0
	for k := first; k <= last; k++ {
		count += int(levels[k+1] & 1)
	}
	if count == 0 {
		return nil
	}
	points := make([]int, 0, count)
	k := 0
	for i := range word {
		if k >= first && k <= last && levels[k+1]&1 == 1 && (!special || allowed(word, i)) {
			points = append(points, i)
		}
		k++
	}
	if len(points) == 0 {
		return nil
	}
	return points
}

// allowed reports whether a break may go at byte offset i of word: not
// next to an apostrophe, nor before a mark.
func allowed(word string, i int) bool {
	before, _ := utf8.DecodeLastRuneInString(word[:i])
	after, _ := utf8.DecodeRuneInString(word[i:])
	return !isApostrophe(before) && !isApostrophe(after) && !unicode.Is(unicode.Mn, after)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

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
