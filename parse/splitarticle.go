package parse

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/galleyprint/galley/article"
)

// This file joins an article that its page splits across sibling
// sections of one kind. Page builders set each stretch of an article in
// its own full-width section, with a table, a picture or a call to
// action between them, and give every such section the same class
// ("container-fluid headline-with-text", "vc_row", "wp-block-group").
// Readability keeps the one section that scores best and drops the
// others; a forum thread, whose posts are siblings of one class, loses
// all posts but one the same way. The page's largest group of sibling
// sections of one class is copied before Readability runs, as the split
// candidate; when the article that was chosen lies wholly inside one of
// its sections, the other sections are put around it. Sections that each
// hold a headline are separate articles (an endless page's next stories,
// an archive), and two sections are not enough to tell an article split
// in two from an article and the box after it.

// minSectionProse is the least text outside links a section holds to
// count as a stretch of the article: a paragraph, not a label or a
// button.
const minSectionProse = 140

// minSections is the least number of sections that hold prose in a
// split article. Two sections of one class are as often an article and
// the box after it (an author's note, a newsletter or support prompt, a
// shop's "you may also like") as an article split in two.
const minSections = 3

// splitRoot returns a new element holding copies of the page's largest
// group of sibling sections of one tag and class, at least minSections of
// which hold prose and at most one a headline, or nil. Only the sections
// that hold prose are copied, in their order. prose is the text outside
// links they hold.
func splitRoot(doc *html.Node) (root *html.Node, prose int) {
	g := sectionGroups{kinds: map[sectionKind][3]int{}}
	g.measure(doc, true)
	if g.bestParent == nil {
		return nil, 0
	}
	root = &html.Node{Type: html.ElementNode, DataAtom: atom.Div, Data: "div"}
	for s := g.bestParent.FirstChild; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode && s.DataAtom == g.bestKind.tag && attr(s, "class") == g.bestKind.class &&
			sectionProse(s, 0, minSectionProse) >= minSectionProse {
			root.AppendChild(cloneNode(s))
		}
	}
	return root, g.bestProse
}

// sectionKind is the tag and class of a section.
type sectionKind struct {
	tag   atom.Atom
	class string
}

// section is a section with prose: its kind, its prose and whether it
// holds a headline.
type section struct {
	kind     sectionKind
	prose    int
	headline bool
}

// sectionGroups finds the page's largest group of sibling sections of one
// kind in one walk of the page that measures each text once: the prose of
// an element is the sum of its children's, so a section's prose is known
// when its parent's children have been walked. Of groups with as much
// prose, the first parent's in the page's order wins, and of one parent's,
// the one whose class sorts first.
type sectionGroups struct {
	order      int                    // elements entered so far: an element's place in the page's order
	found      []section              // the sections with prose of the parents being walked, innermost last
	kinds      map[sectionKind][3]int // one parent's sections per kind: how many, their prose, how many hold a headline
	bestParent *html.Node
	bestKind   sectionKind
	bestProse  int
	bestOrder  int
}

// headings is what the elements inside an element hold of the headings
// that mark an article's headline, gathered as measure walks them.
type headings struct {
	h1, h2or3 bool // an <h1>; an <h2> or <h3>
	header    int8 // the first <header> in the page's order: 0 none, 1 one without an <h2> or <h3>, 2 one with
}

// headline reports whether the element holds an article's headline: an
// <h1>, or an <h2> or <h3> inside the first <header> (an article's
// header, beside its date and byline).
func (h headings) headline() bool {
	return h.h1 || h.header == 2
}

// add adds to h element ch, one of the element's children after those
// already added, whose own elements hold inner.
func (h *headings) add(ch *html.Node, inner headings) {
	h.h1 = h.h1 || ch.DataAtom == atom.H1 || inner.h1
	h.h2or3 = h.h2or3 || ch.DataAtom == atom.H2 || ch.DataAtom == atom.H3 || inner.h2or3
	switch {
	case h.header != 0:
	case ch.DataAtom == atom.Header && inner.h2or3:
		h.header = 2
	case ch.DataAtom == atom.Header:
		h.header = 1
	default:
		h.header = inner.header
	}
}

// measure returns the prose of n (as sectionProse counts it) when counted
// is true, else 0, and the headings n holds, and weighs the groups of n's
// sections and of the sections inside it. What holds a headline is known
// from the walk, not looked for again in each section.
func (g *sectionGroups) measure(n *html.Node, counted bool) (int, headings) {
	order := g.order
	g.order++
	base := len(g.found)
	total := 0
	var heads headings
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			if counted {
				total += len(trimSpace(ch.Data))
			}
		case html.ElementNode:
			adds := counted && ch.DataAtom != atom.A && !skipped(ch.DataAtom)
			class := ""
			if isSection(ch) {
				class = attr(ch, "class")
			}
			p, inner := g.measure(ch, adds || class != "")
			heads.add(ch, inner)
			if adds {
				total += p
			}
			if class != "" && p >= minSectionProse {
				g.found = append(g.found, section{sectionKind{ch.DataAtom, class}, p, inner.headline()})
			}
		}
	}
	if len(g.found) > base {
		g.weigh(n, order, g.found[base:])
		g.found = g.found[:base]
	}
	return total, heads
}

// weigh takes the groups of the sections of parent n, the order-th
// element of the page, as the best so far when one holds more prose than
// the best (or as much, n coming first in the page's order). Sections
// that each hold a headline are articles of their own, not one article.
func (g *sectionGroups) weigh(n *html.Node, order int, sections []section) {
	clear(g.kinds)
	for _, s := range sections {
		k := g.kinds[s.kind]
		k[0]++
		k[1] += s.prose
		if s.headline {
			k[2]++
		}
		g.kinds[s.kind] = k
	}
	for kind, k := range g.kinds {
		if k[0] < minSections || k[2] >= 2 {
			continue
		}
		better := k[1] > g.bestProse || k[1] == g.bestProse && (order < g.bestOrder ||
			n == g.bestParent && kind.class < g.bestKind.class)
		if better {
			g.bestParent, g.bestKind, g.bestProse, g.bestOrder = n, kind, k[1], order
		}
	}
}

// sectionProse returns total plus the length of n's text outside links,
// as proseLen counts it, counting no further than bound. readTree has
// removed the page's hidden elements, which proseLen looks for at each
// element, so it is not asked here.
func sectionProse(n *html.Node, total, bound int) int {
	for ch := n.FirstChild; ch != nil && total <= bound; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			total += len(trimSpace(ch.Data))
		case html.ElementNode:
			if ch.DataAtom != atom.A && !skipped(ch.DataAtom) {
				total = sectionProse(ch, total, bound)
			}
		}
	}
	return total
}

// isSection reports whether n is an element that sets a stretch of a
// page apart.
func isSection(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Article:
		return true
	}
	return false
}

// joinSplit returns the article the sections of a split candidate hold,
// each section's blocks one of parts, when one section holds all of
// body (the chosen article is that section, or part of it) and its
// pictures: body in that section's place, as its candidate cleared it,
// and the other sections around it. Else it returns nil. When body spans
// sections, its candidate has weighed the sections already.
func joinSplit(parts [][]article.Block, body []article.Block) []article.Block {
	heads := textHeads(body)
	for k, p := range parts {
		if !holdsAll(p, heads) {
			continue
		}
		if !keepsFigures(p, body) {
			return nil
		}
		var joined []article.Block
		for i, p := range parts {
			if i == k {
				p = body
			}
			joined = append(joined, p...)
		}
		return joined
	}
	return nil
}

// keepsFigures reports whether part holds every picture of body. The
// sections are read from the page as it is, while Readability finds the
// pictures behind a script's placeholder: when the section that holds
// body lacks them, the other sections would print their captions
// without their pictures.
func keepsFigures(part, body []article.Block) bool {
	for _, b := range body {
		if b.Kind == article.KindFigure && b.Figure != nil && b.Figure.Src != "" && !hasFigure(part, b.Figure.Src) {
			return false
		}
	}
	return true
}

// textHeads returns the opening text of each of blocks that has text
// (sharedHead), without spaces.
func textHeads(blocks []article.Block) []string {
	var heads []string
	for _, b := range blocks {
		if t := withoutSpaces(sharedHead(squashBlock(b))); t != "" {
			heads = append(heads, t)
		}
	}
	return heads
}

// holdsAll reports whether whole's text holds each of heads (textHeads
// of a part). Spaces are not compared: Readability makes paragraphs of
// text that a double line break splits, which the other candidate keeps
// as one paragraph with its breaks.
func holdsAll(whole []article.Block, heads []string) bool {
	text := withoutSpaces(blocksPlain(whole))
	for _, h := range heads {
		if !strings.Contains(text, h) {
			return false
		}
	}
	return true
}

// withoutSpaces returns s without its spaces and line breaks.
func withoutSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' {
			return -1
		}
		return r
	}, s)
}
