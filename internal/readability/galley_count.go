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

// galley patch: getJSONLD ran rxCDATA over the whole of every JSON-LD
// script, to strip markers few of them hold.

// mayHoldCDATA reports whether s holds a CDATA marker, "<![CDATA[" or
// "]]>", one of which each match of rxCDATA holds.
func mayHoldCDATA(s string) bool {
	return strings.Contains(s, "<![CDATA[") || strings.Contains(s, "]]>")
}
