package parse

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/galleyprint/galley/article"
)

// This file keeps an article's standfirst (its dek: the sentence or two
// set under the headline, "article-subheadline", "article-deck",
// "ts-intro", "…__teaser"). It sits in the article's header, next to the
// headline, which Readability leaves out of what it keeps as the
// article; recoverLead puts it back only when the page's content
// container holds it. Here it is found by its class or id right after
// the page's first <h1> and, when the article does not already print its
// text, set as the article's first paragraph.

// dekWords are the words of a class or id that name a standfirst.
var dekWords = wordSet(`subheadline|subtitle|subhead|deck|dek|standfirst|lead|intro|teaser|excerpt|summary|description|hook|kicker|chapeau|chapo|bajada|entradilla|sottotitolo|untertitel|vorspann|anriss`)

// dekWindow is how many elements after the first <h1> are looked at for
// the standfirst.
const dekWindow = 40

// minDekRunes and maxDekRunes bound a standfirst's text.
const (
	minDekRunes = 30
	maxDekRunes = 500
)

// findDek returns the text of the standfirst among the dekWindow elements
// after doc's first <h1> (or its second, when the first is the site's
// name), or "". A text with a copyright sign is a
// picture's caption.
func findDek(doc *html.Node) string {
	h1 := firstElement(doc, atom.H1)
	if h1 == nil {
		return ""
	}
	seen, headlines := 0, 1
	for n := nextInOrder(h1, true); n != nil && seen < dekWindow; n = nextInOrder(n, false) {
		if n.Type != html.ElementNode {
			continue
		}
		seen++
		switch n.DataAtom {
		case atom.H1:
			// the first <h1> may be the site's name, the second the
			// article's headline; more are a list of articles
			if headlines++; headlines > 2 {
				return ""
			}
			seen = 0
			continue
		case atom.H2, atom.H3, atom.P, atom.Div, atom.Header, atom.Section:
		default:
			continue
		}
		if !namesDek(attr(n, "class")) && !namesDek(attr(n, "id")) {
			continue
		}
		text := squash(nodeText(n))
		if r := utf8.RuneCountInString(text); r < minDekRunes || r > maxDekRunes || holdsLinkOrBlock(n) || strings.Contains(text, "©") {
			continue
		}
		return text
	}
	return ""
}

// nextInOrder returns the node after n in document order; skipKids
// steps over n's own content.
func nextInOrder(n *html.Node, skipKids bool) *html.Node {
	if !skipKids && n.FirstChild != nil {
		return n.FirstChild
	}
	for ; n != nil; n = n.Parent {
		if n.NextSibling != nil {
			return n.NextSibling
		}
	}
	return nil
}

// namesDek reports whether a class or id holds one of dekWords and none
// of siteWords, its tokens split at spaces, hyphens and underscores.
func namesDek(v string) bool {
	if v == "" {
		return false
	}
	dek := false
	for _, w := range strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return r == ' ' || r == '-' || r == '_' }) {
		if siteWords[w] {
			return false
		}
		dek = dek || dekWords[w]
	}
	return dek
}

// siteWords are the words of a class or id that name the site's own
// header: its tagline ("site-description") is no article's standfirst.
var siteWords = wordSet(`site|blog|brand|logo|page`)

// holdsLinkOrBlock reports an element holding a link, a list, a figure,
// a form or a heading: a teaser box, not a standfirst's sentences.
func holdsLinkOrBlock(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.A, atom.Ul, atom.Ol, atom.Figure, atom.Img, atom.Form, atom.H1, atom.H2, atom.H3, atom.Time, atom.Button:
			return true
		}
		if holdsLinkOrBlock(c) {
			return true
		}
	}
	return false
}

// nodeText returns the text inside n.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				if c.DataAtom == atom.Br || c.DataAtom == atom.P {
					b.WriteByte(' ')
				}
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// withDek returns body with dek as its first paragraph, marked as the
// standfirst, unless body or the title already holds its text; a body
// that opens with it has that paragraph marked. Only a dek of at most
// maxStandfirstRunes is marked.
func withDek(body []article.Block, dek, title string) []article.Block {
	if dek == "" || len(body) == 0 {
		return body
	}
	head := dek
	if len(head) > 60 {
		head = head[:60]
	}
	if strings.Contains(squash(title), head) {
		return body
	}
	short := utf8.RuneCountInString(dek) <= maxStandfirstRunes
	if strings.Contains(blocksPlain(body), dek) {
		if first := &body[0]; short && first.Kind == article.KindParagraph && squashBlock(*first) == squash(dek) {
			first.Standfirst = true // the article opens with it: it prints as the dek
		}
		return body
	}
	out := make([]article.Block, 0, len(body)+1)
	out = append(out, article.Block{Kind: article.KindParagraph, Text: article.Plain(dek), Standfirst: short})
	return append(out, body...)
}

// maxStandfirstRunes is the longest text marked as the standfirst, to
// print under the headline in the dek's style: a sentence or two. A
// longer one (a page whose description is its whole first paragraph)
// stays the body's first paragraph.
const maxStandfirstRunes = 280
