package parse

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file finds an article's lead the page declares: the summary of its
// <meta name=description> (or og:description, twitter:description) that
// the page also shows, word for word, as a block of its own. Publishing
// systems set that summary above the article's text, in its header or
// beside its picture, under class names findDek does not know
// ("head__content", "font-bold", "ArticleHeader-Hook", a list item) and
// where Readability, which keeps the article's body, leaves it out. A
// description the page does not show (a site's tagline, a search
// engine's snippet) prints nothing, so the rule reads no wording and
// holds in every language.

// maxDescribedLead is the longest description read as a lead, in runes.
const maxDescribedLead = 1000

// describedKey is how many bytes of a description a text node must begin
// with to be looked at as the start of its block.
const describedKey = 16

// describedLead returns the text of the first block of doc's body whose
// text is one of descriptions (or begins with a description that ends
// cut short with an ellipsis), or "". The block holds no link, list,
// picture or heading (a teaser box) and its text no copyright sign (a
// picture's caption).
func describedLead(doc *html.Node, descriptions []string) string {
	for _, d := range descriptions {
		if lead := shownDescription(doc, squash(d)); lead != "" {
			return lead
		}
	}
	return ""
}

// shownDescription returns the text of the block of doc that shows desc,
// or "".
func shownDescription(doc *html.Node, desc string) string {
	runes := utf8.RuneCountInString(desc)
	if runes < minDekRunes || runes > maxDescribedLead || strings.Contains(desc, "©") {
		return ""
	}
	cut := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(desc, "…"), "..."))
	key := cut
	if len(key) > describedKey {
		key = key[:describedKey]
	}
	var found string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for ch := n.FirstChild; ch != nil && found == ""; ch = ch.NextSibling {
			switch ch.Type {
			case html.TextNode:
				t := trimSpace(ch.Data)
				if t != "" && (strings.HasPrefix(t, key) || len(t) < len(key) && strings.HasPrefix(key, t)) {
					found = describingBlock(ch, desc, cut)
				}
			case html.ElementNode:
				switch ch.DataAtom {
				case atom.Head, atom.Script, atom.Style, atom.Template, atom.A, atom.Nav, atom.Aside, atom.Footer, atom.Form:
					continue
				}
				if !hidden(ch) {
					walk(ch)
				}
			}
		}
	}
	walk(doc)
	return found
}

// describingBlock returns the text of the block around the text node t
// that shows desc (or, when desc was cut short to cut, begins with cut),
// or "".
func describingBlock(t *html.Node, desc, cut string) string {
	for n, up := t.Parent, 0; n != nil && up < 4; n, up = n.Parent, up+1 {
		if n.Type != html.ElementNode {
			return ""
		}
		limit := 4 * maxDescribedLead
		if cut == desc {
			limit = len(desc) + len(desc)/4
		}
		if textLen(n, 2*limit) > 2*limit {
			return "" // a container far longer than the description: its text is not copied
		}
		text := squash(nodeText(n))
		if len(text) > limit {
			return ""
		}
		if !isDescribingBlock(n) {
			continue
		}
		if text == desc || cut != desc && strings.HasPrefix(text, cut) && utf8.RuneCountInString(text) <= maxDescribedLead {
			if holdsLinkOrBlock(n) || strings.Contains(text, "©") {
				return ""
			}
			return text
		}
	}
	return ""
}

// isDescribingBlock reports an element that sets a block of text apart.
func isDescribingBlock(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Li, atom.H2, atom.H3, atom.H4, atom.Section, atom.Header, atom.Blockquote, atom.Figcaption:
		return true
	}
	return false
}
