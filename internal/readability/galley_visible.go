package readability

import "strings"

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
