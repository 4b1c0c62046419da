package readability

import (
	"strings"

	"golang.org/x/net/html"
)

// galley patch: ParseAndMutate listed every element of the page
// (dom.GetElementsByTagName(doc, "*")) to count them.

// countElements returns the number of elements under doc (doc itself not
// counted), counting no further than one past bound.
func countElements(doc *html.Node, bound int) int {
	n := 0
	var walk func(*html.Node)
	walk = func(p *html.Node) {
		for ch := p.FirstChild; ch != nil && n <= bound; ch = ch.NextSibling {
			if ch.Type == html.ElementNode {
				n++
			}
			walk(ch)
		}
	}
	walk(doc)
	return n
}

// galley patch: prepArticle ran rxShareElements on the class and id of
// every element of the article.

// mayNameShare reports whether s holds "share" in any case, ASCII or the
// long s (U+017F) that (?i) folds with s: rxShareElements matches no
// class or id that does not.
func mayNameShare(s string) bool {
	const word = "share"
	for i := 0; i+len(word) <= len(s); i++ {
		if s[i]|0x20 == 's' && strings.EqualFold(s[i:i+len(word)], word) {
			return true
		}
	}
	return strings.Contains(s, "ſ")
}

// galley patch: getJSONLD ran rxCDATA, `^\s*<!\[CDATA\[|\]\]>\s*$`, over
// the whole of every JSON-LD script (a match of its second branch is
// tried at every byte) to strip markers few scripts hold.

// stripCDATA returns s without a CDATA marker that opens it or one that
// closes it, each with the white space (as \s reads it) between it and
// the text's edge, as rxCDATA's ReplaceAllString with "" did: its first
// branch matches only at the start, its second only once, at the end.
func stripCDATA(s string) string {
	const open, closing, space = "<![CDATA[", "]]>", " \t\n\f\r"
	if rest := strings.TrimLeft(s, space); strings.HasPrefix(rest, open) {
		s = rest[len(open):]
	}
	if rest := strings.TrimRight(s, space); strings.HasSuffix(rest, closing) {
		s = rest[:len(rest)-len(closing)]
	}
	return s
}
