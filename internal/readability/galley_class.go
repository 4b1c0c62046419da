package readability

import (
	"strings"
	"unicode/utf8"

	"github.com/go-shiori/dom"
	"golang.org/x/net/html"
)

// galley patch: dom.ClassName made two strings (strings.Fields, then
// strings.Join) of every class attribute it was asked for, most of which
// are already words separated by single spaces.

// className returns dom.ClassName(node): node's class attribute, its
// words separated by single spaces; the attribute itself when it is so
// already.
func className(node *html.Node) string {
	class := dom.GetAttribute(node, "class")
	if isSpacedWords(class) {
		return class
	}
	return strings.Join(strings.Fields(class), " ")
}

// isSpacedWords reports whether s is ASCII words separated by single
// spaces, with no other space: what strings.Fields and strings.Join with
// " " leave as it is. Non-ASCII text is not looked at (it may hold
// Unicode spaces) and gives false.
func isSpacedWords(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' '):
			return false
		}
	}
	return true
}

// galley patch: textSimilarity split its texts with the expression
// rxTokenize, (?i)\W+.

// tokenize returns the words of s as splitting it at (?i)\W+ does, less
// the empty strings (which textSimilarity drops): the runs of characters
// that (?i)\W does not match.
func tokenize(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isTokenRune(r) })
}

// isTokenRune reports a character (?i)\W does not match: an ASCII letter,
// digit or underscore, or one that folds with an ASCII letter (the Kelvin
// sign, the long s).
func isTokenRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	default:
		return r == '\u017f' || r == '\u212a'
	}
}
