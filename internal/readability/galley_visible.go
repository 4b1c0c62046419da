package readability

import (
	"strings"

	"golang.org/x/net/html"
)

// galley patch: isProbablyVisible read each of the attributes it looks
// at with its own pass over the node's attributes (dom.GetAttribute, and
// dom.HasAttribute for hidden), for every element of the page.

// visibleAttrs returns the first style, aria-hidden and class attributes
// of node, as dom.GetAttribute gives them, and whether it has a hidden
// attribute, read in one pass over its attributes.
func visibleAttrs(node *html.Node) (style, ariaHidden, class string, hidden bool) {
	var haveStyle, haveAria, haveClass bool
	for _, a := range node.Attr {
		switch a.Key {
		case "style":
			if !haveStyle {
				style, haveStyle = a.Val, true
			}
		case "aria-hidden":
			if !haveAria {
				ariaHidden, haveAria = a.Val, true
			}
		case "class":
			if !haveClass {
				class, haveClass = a.Val, true
			}
		case "hidden":
			hidden = true
		}
	}
	return style, ariaHidden, class, hidden
}

// galley patch: isProbablyVisible matched its two case-insensitive
// expressions, which have no literal to look for first, against the style
// of every element; a style that holds neither "none" nor "hidden", in
// any case, matches neither, and is spared them.

// mayHide reports whether style may match rxDisplayNone or
// rxVisibilityHidden: whether it holds "none" or "hidden" in any case.
// No letter of either word is the case fold of a letter beyond ASCII
// (TestMayHideFoldsOnlyASCII).
func mayHide(style string) bool {
	return containsFoldASCII(style, "none") || containsFoldASCII(style, "hidden")
}

// containsFoldASCII reports whether s holds word (lower-case ASCII) in
// any ASCII case.
func containsFoldASCII(s, word string) bool {
	for i := 0; i+len(word) <= len(s); i++ {
		if s[i]|0x20 == word[0] && strings.EqualFold(s[i:i+len(word)], word) {
			return true
		}
	}
	return false
}

// galley patch: the styles mayHide lets through (a long inline style
// that says "none" of a border) were matched against both expressions,
// each run from every byte of the style.

// hidesByStyle reports whether style matches rxDisplayNone or
// rxVisibilityHidden. Under (?i) the only letter of "display" and
// "visibility" folded with one beyond ASCII is s, with the long s (ſ): a
// style that holds one is left to the expressions, any other is read in
// ASCII cases.
func hidesByStyle(style string) bool {
	if strings.Contains(style, "ſ") {
		return rxDisplayNone.MatchString(style) || rxVisibilityHidden.MatchString(style)
	}
	return declaresFoldASCII(style, "display", "none") || declaresFoldASCII(style, "visibility", "hidden")
}

// declaresFoldASCII reports whether s holds property, white space (as \s
// reads it), a colon, white space and value, the two words lower-case
// ASCII matched in any ASCII case.
func declaresFoldASCII(s, property, value string) bool {
	for i := 0; i+len(property) <= len(s); i++ {
		if s[i]|0x20 != property[0] || !equalFoldASCII(s[i:i+len(property)], property) {
			continue
		}
		j := skipRegexpSpace(s, i+len(property))
		if j == len(s) || s[j] != ':' {
			continue
		}
		j = skipRegexpSpace(s, j+1)
		if len(s)-j >= len(value) && equalFoldASCII(s[j:j+len(value)], value) {
			return true
		}
	}
	return false
}

// equalFoldASCII reports whether s, at least as long as word, starts
// with word (lower-case ASCII) in any ASCII case.
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

// skipRegexpSpace returns the end of the run of bytes \s matches in s
// from i.
func skipRegexpSpace(s string, i int) int {
	for i < len(s) && isRegexpSpace(s[i]) {
		i++
	}
	return i
}
