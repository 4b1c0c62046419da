package parse

import (
	"slices"
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/lazyregexp"
)

// This file finds an article the precise way, before Readability's
// scoring is asked: most pages mark their article's content with the
// element or the class names of their publishing system (itemprop=
// articleBody, <article>, entry-content, article-body, story-body, …).
// The content under such a container, cleared of the furniture inside it
// (navigation, asides, forms, lists of links, bylines), is one candidate;
// Readability's is the other, and extractArticle keeps the better one.

// containerTiers are the class and id wordings of content containers,
// most specific first: a page's first element matching a tier, with
// enough text, is its precise candidate. Each is matched after its
// literal filter: a tier is looked for in every class and id of the page.
var containerTiers = []*filteredRegexp{
	newFilteredRegexp(lazyregexp.New(`^(post|entry)$|post[-_]?(text|body|entry|content)|article[-_]{0,2}(text|content|body|container)|entry[-_]content|articlebody|text[-_]content|body[-_]text|art[-_]content`)),
	nil, // the first <article>
	newFilteredRegexp(lazyregexp.New(`story[-_]?(content|body|text)|post[-_]bodycopy|(blog|section|single|theme)[-_]content|main[-_]column|field[-_]body|fulltext|^(story|text|article)$`)),
	newFilteredRegexp(lazyregexp.New(`content[-_]{0,2}(main|body)|main[-_]?content|page[-_]content|^content$`)),
}

// containerWords are words one of which every containerTiers pattern
// holds: looking for them first spares most tokens the expressions.
var containerWords = []string{"post", "entry", "article", "text", "body", "content", "story", "main", "column", "field"}

// containerFinder finds the containerWords.
var containerFinder = sync.OnceValue(func() *wordFinder { return newWordFinder(containerWords) })

// mayNameContainer reports whether a lower-case token holds one of the
// containerWords.
func mayNameContainer(tok string) bool {
	return containerFinder().index(tok, 0) >= 0
}

// minPreciseText is the least text outside links a precise candidate
// holds: a container with less is a teaser or an empty shell.
const minPreciseText = 250

// preciseRoot returns the page's content container, or nil.
func preciseRoot(doc *html.Node) *html.Node {
	for _, tier := range containerTiers {
		var found *html.Node
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			for ch := n.FirstChild; ch != nil && found == nil; ch = ch.NextSibling {
				if ch.Type != html.ElementNode {
					continue
				}
				if isContainer(ch, tier) && proseLen(ch, minPreciseText) >= minPreciseText {
					found = ch
					return
				}
				walk(ch)
			}
		}
		walk(doc)
		if found != nil {
			return found
		}
	}
	return nil
}

// isContainer reports whether n is a content container of a tier (nil:
// the <article> element).
func isContainer(n *html.Node, tier *filteredRegexp) bool {
	if tier == nil {
		return n.DataAtom == atom.Article
	}
	switch n.DataAtom {
	case atom.Article, atom.Div, atom.Main, atom.Section:
	default:
		return false
	}
	if attr(n, "itemprop") == "articleBody" {
		return true
	}
	for _, v := range []string{attr(n, "class"), attr(n, "id")} {
		if containerFinder().absentFoldingASCII(v) {
			continue // no token of it, lower-cased, may name a container
		}
		for tok := range strings.FieldsSeq(strings.ToLower(v)) {
			if mayNameContainer(tok) && tier.MatchString(tok) && !isFurnitureName(tok) {
				return true
			}
		}
	}
	return false
}

// proseLen returns the length of n's text outside links, counting no
// further than bound.
func proseLen(n *html.Node, bound int) int {
	total := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for ch := n.FirstChild; ch != nil && total <= bound; ch = ch.NextSibling {
			switch ch.Type {
			case html.TextNode:
				total += len(trimSpace(ch.Data))
			case html.ElementNode:
				if ch.DataAtom != atom.A && !skipped(ch.DataAtom) && !hidden(ch) {
					walk(ch)
				}
			}
		}
	}
	walk(n)
	return total
}

// namesMeta reports whether a lower-case class or id token names an
// article's byline or date line (which the header of the printed article
// shows) by one of its words, split at - and _ ("entry-meta",
// "post_author", "byline").
func namesMeta(tok string) bool {
	for tok != "" {
		part := tok
		if end := strings.IndexAny(tok, "-_"); end >= 0 {
			part, tok = tok[:end], tok[end+1:]
		} else {
			tok = ""
		}
		if slices.Contains(metaWords, part) {
			return true
		}
	}
	return false
}

// metaWords are the words of a class or id token that name a byline or
// date line.
var metaWords = []string{"byline", "author", "authors", "dateline", "date", "time", "posted", "published", "meta", "postmeta", "postmetadata"}

// metaNameFinder finds the metaWords as parts of a class or id split at
// white space, - and _, as namesMeta splits them.
var metaNameFinder = sync.OnceValue(func() *partFinder { return newPartFinder(metaWords, true) })

// clearContainer removes from a precise candidate what is not its
// article: navigation, asides, forms, footers, blocks that are mostly
// links (lists of related articles, tag lists) and byline and date lines.
func clearContainer(root *html.Node) {
	// an element is judged before the elements in it are cleared, so
	// the lengths of the whole tree's texts, measured once, serve
	// (linkDense would read an element's text again at each block
	// around it)
	measured := measureProse(root, nil)
	at := 1 // the next element's in measured: the walk meets them in the tree's order
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for ch := n.FirstChild; ch != nil; {
			next := ch.NextSibling
			if ch.Type != html.ElementNode {
				ch = next
				continue
			}
			if m := measured[at]; outsideArticle(ch, m) {
				n.RemoveChild(ch)
				at += m.elements
			} else {
				at++
				walk(ch)
			}
			ch = next
		}
	}
	walk(root)
}

// proseText is the length of an element's text, as textLen counts it,
// and of its text outside links, as proseLen counts it; and the number
// of elements in its subtree, itself included.
type proseText struct {
	text, prose, elements int
}

// measureProse appends to list the proseText of n and of each element in
// it, in the tree's order, reading each text once.
func measureProse(n *html.Node, list []proseText) []proseText {
	at := len(list)
	list = append(list, proseText{})
	text, prose := 0, 0
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			l := len(trimSpace(ch.Data))
			text += l
			prose += l
		case html.ElementNode:
			child := len(list)
			list = measureProse(ch, list)
			if skipped(ch.DataAtom) {
				continue
			}
			text += list[child].text
			if ch.DataAtom != atom.A && !hidden(ch) {
				prose += list[child].prose
			}
		}
	}
	list[at] = proseText{text: text, prose: prose, elements: len(list) - at}
	return list
}

// outsideArticle reports an element of a precise candidate that is not
// its article; measured is its proseText.
func outsideArticle(n *html.Node, measured proseText) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Aside, atom.Footer, atom.Form, atom.Menu:
		return !holdsContent(n)
	case atom.Ul, atom.Ol, atom.Div, atom.Section, atom.P, atom.Table, atom.Dl:
		if mostlyLinks(measured.text, measured.prose) {
			return true
		}
	}
	if metaLine(n) {
		return true
	}
	return false
}

// linkDense reports whether most of n's text is in links, as in lists
// of related articles and tag clouds; a long passage with many links is
// still text.
func linkDense(n *html.Node) bool {
	text := textLen(n, 1000)
	if text == 0 || text > 1000 {
		return false
	}
	return proseLen(n, text) < text/3
}

// mostlyLinks is linkDense of an element whose text is text long and
// its text outside links prose long.
func mostlyLinks(text, prose int) bool {
	return text != 0 && text <= 1000 && prose < text/3
}

// metaLine reports a short block named as a byline or date line.
func metaLine(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Div, atom.P, atom.Span, atom.Section, atom.Ul, atom.Time, atom.Address:
	default:
		return false
	}
	return (namesMetaLine(attr(n, "class")) || namesMetaLine(attr(n, "id"))) && textLen(n, 200) <= 200
}

// namesMetaLine reports whether a class or id attribute has a token that
// names a byline or date line and not content; the many without any of
// the metaWords are spared the lower-casing and splitting.
func namesMetaLine(v string) bool {
	return v != "" && metaNameFinder().mayHold(v) && tokenNamesMeta(v)
}

// tokenNamesMeta is namesMetaLine without the finder.
func tokenNamesMeta(v string) bool {
	for tok := range strings.FieldsSeq(strings.ToLower(v)) {
		if namesMeta(tok) && !isContentName(tok) {
			return true
		}
	}
	return false
}

// blocksTextLen returns the length of the text of blocks.
func blocksTextLen(blocks []article.Block) int {
	n := 0
	for _, b := range blocks {
		n += plainLen(b)
		if b.Kind == article.KindTable && b.Table != nil {
			for _, rows := range [][][]article.Cell{b.Table.Header, b.Table.Rows, b.Table.Footer} {
				for _, row := range rows {
					for _, cell := range row {
						n += len(cell.Plain())
					}
				}
			}
		}
	}
	return n
}

// preferPrecise decides between the precise candidate's blocks and
// Readability's. Readability's cleaning of the content it finds is the
// finer, so its candidate is kept unless the precise one holds more than
// twice its text (then Readability has taken a part of the article, or a
// comment section, for the whole), or holds at least half as much text
// and none of Readability's: then Readability has chosen text outside
// the container the page itself names as its content (a list of
// signatories, a teaser of another story, a box of notices).
func preferPrecise(precise, readable squashedBlocks) bool {
	p, r := blocksTextLen(precise.blocks), blocksTextLen(readable.blocks)
	if p > 2*r {
		return true
	}
	return 2*p >= r && !sharesText(precise, readable)
}

// sharesText reports whether a block of b begins with text that a holds
// (compared with spaces squashed and at most sharedPrefix runes: the two
// conversions may break lines and join inline runs differently).
func sharesText(a, b squashedBlocks) bool {
	for _, text := range b.texts {
		if t := sharedHead(text); t != "" && strings.Contains(a.plain, t) {
			return true
		}
	}
	return false
}

// sharedPrefix is how much of a block's text sharesText compares.
const sharedPrefix = 60
