package parse

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// Every element's class and id are asked whether they hide it or name
// furniture, and most do neither: a class attribute in lower-case ASCII
// that holds none of the words those rules look for is spared the
// splitting into tokens and parts, the lower-casing and the map look-ups,
// in one pass over its bytes.

// absentFromLowerASCII reports whether s is ASCII without capitals and
// holds none of f's words.
func (f *wordFinder) absentFromLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
		for _, w := range f.byFirst[c] {
			if strings.HasPrefix(s[i:], w) {
				return false
			}
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
