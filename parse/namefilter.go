package parse

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// Every element's class and id are asked whether they hide it or name
// furniture, and most do neither: a class attribute in ASCII that holds
// none of the words those rules look for, in any case, is spared the
// splitting into tokens and parts, the lower-casing and the map look-ups,
// in one pass over its bytes.

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
// with a letter, in any ASCII case.
func holdsFoldASCII(s, word string) bool {
	for i := 0; i+len(word) <= len(s); i++ {
		if s[i]|0x20 == word[0] && equalFoldASCII(s[i:i+len(word)], word) {
			return true
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

// hidingFinder finds the hidingParts.
var hidingFinder = sync.OnceValue(func() *wordFinder { return newWordFinder(hidingParts) })

// furnitureNameFinder finds the words one of which every class or id
// token that namesFurniture holds: each of the furnitureParts and the last
// word of each of the furniturePairs, but those that hold another
// ("comments" holds "comment"), which a name that holds them holds too.
var furnitureNameFinder = sync.OnceValue(func() *wordFinder {
	var words []string
	for w := range furnitureParts {
		words = append(words, w)
	}
	for pair := range furniturePairs {
		words = append(words, pair[strings.LastIndexByte(pair, '-')+1:])
	}
	return newWordFinder(minimalWords(words))
})
