package parse

import (
	"strings"

	"golang.org/x/net/html"
)

// hidden reports elements a reader does not see: the hidden attribute,
// aria-hidden="true", display:none or visibility:hidden in the style
// attribute, and the classes that hide text from sight (hasHiddenClass).
func hidden(n *html.Node) bool {
	classSeen := false // the first class attribute counts, as for attr
	for _, a := range n.Attr {
		switch a.Key {
		case "class":
			if !classSeen && isHidingClass(a.Val) {
				return true
			}
			classSeen = true
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			if hidingStyle(a.Val) {
				return true
			}
		}
	}
	return false
}

// hidingStyle reports whether a style attribute hides its element: whether,
// in lower case and without its spaces, it holds display:none or
// visibility:hidden. It is read in place, without a copy, from each of its
// colons (both declarations have one): lower-casing turns no character
// beyond ASCII into a space, a colon or an ASCII letter but the Kelvin
// sign, in neither word, and the capital I with a dot above (U+0130, which
// becomes i), so only a style holding that letter is lower-cased.
func hidingStyle(style string) bool {
	if strings.Contains(style, "\u0130") {
		s := strings.ReplaceAll(strings.ToLower(style), " ", "")
		return strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden")
	}
	for from := 0; ; {
		i := strings.IndexByte(style[from:], ':')
		if i < 0 {
			return false
		}
		colon := from + i
		before, after := style[:colon], style[colon+1:]
		if endsSpaced(before, "display") && startsSpaced(after, "none") ||
			endsSpaced(before, "visibility") && startsSpaced(after, "hidden") {
			return true
		}
		from = colon + 1
	}
}

// startsSpaced reports whether s, in ASCII lower case and without its
// spaces, starts with word, which is in lower case.
func startsSpaced(s, word string) bool {
	k := 0
	for i := 0; i < len(s) && k < len(word); i++ {
		c := s[i]
		if c == ' ' {
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != word[k] {
			return false
		}
		k++
	}
	return k == len(word)
}

// endsSpaced reports whether s, in ASCII lower case and without its
// spaces, ends with word, which is in lower case.
func endsSpaced(s, word string) bool {
	k := len(word)
	for i := len(s) - 1; i >= 0 && k > 0; i-- {
		c := s[i]
		if c == ' ' {
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != word[k-1] {
			return false
		}
		k--
	}
	return k == 0
}
