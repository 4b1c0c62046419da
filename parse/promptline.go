package parse

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/galleyprint/galley/internal/lazyregexp"
)

// wordFinder finds where any of a set of words occurs in a text in one
// pass, looking up each byte of the text once instead of searching the
// text once per word.
type wordFinder struct {
	byFirst [256][]string
	pairs   [256][4]uint64 // the second bytes that follow each first byte in a word: all of them after a word of one byte
	// stops are the bytes absentFoldingASCII stops at: a word's first
	// byte in either case, and every byte beyond ASCII; a class or id
	// attribute's other bytes, most of them, cost one look-up each
	stops [256]bool
}

func newWordFinder(words []string) *wordFinder {
	f := &wordFinder{}
	for c := utf8.RuneSelf; c < len(f.stops); c++ {
		f.stops[c] = true
	}
	for _, w := range words {
		f.add(w)
	}
	return f
}

// add makes f find w (not empty) too.
func (f *wordFinder) add(w string) {
	f.byFirst[w[0]] = append(f.byFirst[w[0]], w)
	f.stops[w[0]] = true
	if 'a' <= w[0] && w[0] <= 'z' {
		f.stops[w[0]-('a'-'A')] = true
	}
	if len(w) == 1 {
		f.pairs[w[0]] = [4]uint64{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
	} else {
		f.pairs[w[0]][w[1]>>6] |= 1 << (w[1] & 63)
	}
}

// follows reports whether a word starts with first followed by next, or
// with first alone: a text's byte that starts no word with the byte after
// it (most do not) is ruled out in two look-ups.
func (f *wordFinder) follows(first, next byte) bool {
	return f.pairs[first][next>>6]&(1<<(next&63)) != 0
}

// index returns the offset of the first of the words that occurs in s at
// or after from, or -1.
func (f *wordFinder) index(s string, from int) int {
	for i := from; i < len(s); i++ {
		c := s[i]
		if len(f.byFirst[c]) == 0 || i+1 < len(s) && !f.follows(c, s[i+1]) {
			continue
		}
		for _, w := range f.byFirst[c] {
			if strings.HasPrefix(s[i:], w) {
				return i
			}
		}
	}
	return -1
}

// promptWords are words one of which every furnitureLines prompt holds:
// looking for them first spares most blocks the regular expression.
var promptWords = []string{"newsletter", "sign up", "subscri", "abonn", "inscri", "suscr", "bolet", "iscriv",
	"assine", "inscrev", "cadastre", "nieuwsbrief", "abonneer", "schrijf", "follow", "folgen", "suivez", "guenos",
	"seguici", "siga-nos", "volg ons", "cookie", "rate this", "bewert", "évaluez", "notez", "valora", "vota ", "avalie", "beoordeel"}

// promptFinder finds the promptWords; built on first use (a finder's
// tables are 14 KB, which a process that reads no HTML does not pay for).
var promptFinder = sync.OnceValue(func() *wordFinder { return newWordFinder(promptWords) })

// promptAt is furnitureLines anchored at the start of the text.
var promptAt = lazyregexp.New(`^(?:` + furnitureLines.String() + `)`)

// maxPromptMatch bounds the length in bytes of what furnitureLines
// matches (TestPromptLinesHoldPromptWords checks it): every match holds
// one of the promptWords, so it lies within this many bytes of one.
const maxPromptMatch = 48

// isPromptLine reports whether furnitureLines matches text. Rather than
// run the expression over the whole block (slow: it has no literal
// prefix), it runs it over the stretch around each prompt word, where
// any match must lie.
func isPromptLine(text string) bool {
	for i := promptFinder().index(text, 0); i >= 0; i = promptFinder().index(text, i+1) {
		for start := max(0, i-maxPromptMatch); start <= i; start++ {
			if utf8.RuneStart(text[start]) && promptAtFiltered.MatchString(text[start:min(len(text), start+maxPromptMatch)]) {
				return true
			}
		}
	}
	return false
}
