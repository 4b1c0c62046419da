package parse

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// Every element's class and id are asked whether they hide it, name
// furniture or name content, and most do none of these: a class attribute
// in ASCII that holds none of the words those rules look for, in any case,
// is spared the splitting into tokens and parts, the lower-casing and the
// map look-ups, in one pass over its bytes.

// absentFoldingASCII reports whether s is ASCII and holds none of f's
// words (which are lower-case ASCII) in any case: then no token of s,
// lower-cased, holds one. Bytes beyond ASCII are not spared: lower-casing
// may make ASCII of them (the Kelvin sign lowers to k).
func (f *wordFinder) absentFoldingASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !f.stops[c] {
			continue
		}
		if c >= utf8.RuneSelf {
			return false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if len(f.byFirst[c]) == 0 {
			continue
		}
		if i+1 < len(s) {
			next := s[i+1]
			if 'A' <= next && next <= 'Z' {
				next += 'a' - 'A'
			}
			if !f.follows(c, next) {
				continue
			}
		}
		for _, w := range f.byFirst[c] {
			if len(s)-i >= len(w) && equalFoldASCII(s[i:i+len(w)], w) {
				return false
			}
		}
	}
	return true
}

// holdsFoldASCII reports whether s holds word, lower-case ASCII starting
// with a letter, in any ASCII case. Eight bytes without the first letter
// in either case are passed over at once.
func holdsFoldASCII(s, word string) bool {
	first := uint64(word[0]) * byteLanes
	last := len(s) - len(word) // where word starts last
	for i := 0; i <= last; {
		if i+8 <= len(s) && zeroBytes(eightBytes(s, i)|caseBits^first) == 0 {
			i += 8
			continue
		}
		for end := min(i+8, last+1); i < end; i++ {
			if s[i]|0x20 == word[0] && equalFoldASCII(s[i:i+len(word)], word) {
				return true
			}
		}
	}
	return false
}

// equalFoldASCII reports whether ASCII s is lower-case word in any case.
func equalFoldASCII(s, word string) bool {
	for i := 0; i < len(word); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != word[i] {
			return false
		}
	}
	return true
}

// partFinder tells whether an ASCII class or id attribute holds one of a
// set of words as a whole part, in any case: a part being a run of bytes
// between separators (ASCII white space, which strings.Fields splits at in
// ASCII text, and for furniture names - and _ as well). Rules that read
// such attributes token by token, lower-cased, and look their tokens or
// parts up among words, are asked only of attributes that hold one: most
// hold none, and a part is judged by its length and first byte, not each
// of its bytes against the start of every word as a wordFinder does.
type partFinder struct {
	kinds   [256]byteKind
	byFirst [256][]string // the words by their first byte, in either case
	lengths uint64        // bit n set when a word is n bytes long
}

// byteKind is what a partFinder makes of a byte.
type byteKind uint8

const (
	partByte byteKind = iota
	separator
	beyondASCII // lower-casing may make ASCII of it (the Kelvin sign lowers to k)
)

// newPartFinder returns a partFinder of words, lower-case ASCII, each 1
// to 63 bytes long, separated by ASCII white space, and by - and _ too
// when dashes.
func newPartFinder(words []string, dashes bool) *partFinder {
	f := &partFinder{}
	for c := utf8.RuneSelf; c < len(f.kinds); c++ {
		f.kinds[c] = beyondASCII
	}
	for c, space := range asciiSpace {
		if space {
			f.kinds[c] = separator
		}
	}
	if dashes {
		f.kinds['-'], f.kinds['_'] = separator, separator
	}
	for _, w := range words {
		f.byFirst[w[0]] = append(f.byFirst[w[0]], w)
		if 'a' <= w[0] && w[0] <= 'z' {
			f.byFirst[w[0]-('a'-'A')] = append(f.byFirst[w[0]-('a'-'A')], w)
		}
		f.lengths |= 1 << len(w)
	}
	return f
}

// mayHold reports whether s holds one of f's words as a part, in any
// case, or a byte beyond ASCII. (Passing over eight bytes of a part at
// once did not pay: most parts of classes and ids are shorter.)
func (f *partFinder) mayHold(s string) bool {
	start := 0
	for i := 0; i < len(s); i++ {
		switch f.kinds[s[i]] {
		case partByte:
			continue
		case beyondASCII:
			return true
		}
		if f.isWord(s[start:i]) {
			return true
		}
		start = i + 1
	}
	return f.isWord(s[start:])
}

// isWord reports whether part, ASCII, is one of f's words in any case.
func (f *partFinder) isWord(part string) bool {
	if n := len(part); n == 0 || n >= 64 || f.lengths&(1<<n) == 0 {
		return false
	}
	for _, w := range f.byFirst[part[0]] {
		if len(w) == len(part) && equalFoldASCII(part, w) {
			return true
		}
	}
	return false
}

// hidingFinder finds the hiddenClasses, tokens of a class.
var hidingFinder = sync.OnceValue(func() *partFinder {
	var words []string
	for c := range hiddenClasses {
		words = append(words, c)
	}
	return newPartFinder(words, false)
})

// furnitureNameFinder finds the words one of which, as a part of a class
// or id token split at - and _, every token namesFurniture reports holds:
// the furnitureParts and the last word of each of the furniturePairs.
var furnitureNameFinder = sync.OnceValue(func() *partFinder {
	var words []string
	for w := range furnitureParts {
		words = append(words, w)
	}
	for pair := range furniturePairs {
		words = append(words, pair[strings.LastIndexByte(pair, '-')+1:])
	}
	return newPartFinder(words, true)
})
