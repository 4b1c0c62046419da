package readability

import (
	"encoding/binary"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// galley patch: getLinkDensity walked the whole subtree of each candidate,
// and candidates nest (a paragraph's parent, grandparent and up to five
// levels of ancestors each are one), so a page's text was counted once for
// every level it sits under. linkDensities finds the same figures for all
// candidates in one walk of the document.

// textRun sums up a stretch of text the way charCounter counts it:
// runs of whitespace between words count as one character, leading and
// trailing whitespace not at all. Two stretches' sums combine into the sum
// of the text they make one after the other.
type textRun struct {
	total int  // charCounter's Total of the stretch alone
	text  bool // the stretch holds a character other than whitespace
	lead  bool // whitespace before its first other character (if !text: any whitespace)
	trail bool // whitespace after its last other character
}

// runOf sums up one text node's text.
func runOf(s string) textRun {
	run, _ := scanText(s)
	return run
}

// scanText sums up s as runOf does and counts its commas as commaCounter
// does, in one pass that decodes only the runes outside ASCII.
func scanText(s string) (run textRun, commas int) {
	space := false // the last character was white space
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			x := binary.LittleEndian.Uint64([]byte(s[i : i+8])) // one load, not eight
			if x&highBits == 0 {
				space = scanASCII8(x, space, &run, &commas)
				i += 8
				continue
			}
		}
		var isSpace bool
		if c := s[i]; c < utf8.RuneSelf {
			i++
			isSpace = asciiSpace[c] != 0
			if c == ',' {
				commas++
			}
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			isSpace = unicode.IsSpace(r)
			var cc commaCounter
			cc.Count(r)
			commas += cc.Total
		}
		if isSpace {
			space = true
			run.lead = run.lead || !run.text
			continue
		}
		if space && run.text {
			run.total += 2 // the space before it and itself
		} else {
			run.total++
		}
		space = false
		run.text = true
	}
	run.trail = run.text && space
	return run, commas
}

// then returns the sum of r's text followed by next's.
func (r textRun) then(next textRun) textRun {
	switch {
	case !r.text:
		next.lead = next.lead || r.lead
		return next
	case !next.text:
		r.trail = r.trail || next.lead
		return r
	}
	sum := textRun{total: r.total + next.total, text: true, lead: r.lead, trail: next.trail}
	if r.trail || next.lead {
		sum.total++ // the space between the two
	}
	return sum
}

// linkText is one link's counted text and its weight, in the order
// getLinkDensity adds them up (a link after the links inside it).
type linkText struct {
	chars       int
	coefficient float64
}

// linkDensities returns getLinkDensity of each of nodes, all of them
// inside root, found in one walk of root: the same figures, the weighted
// link characters added in the same order.
func (ps *Parser) linkDensities(root *html.Node, nodes []*html.Node) map[*html.Node]float64 {
	want := make(map[*html.Node]float64, len(nodes))
	for _, n := range nodes {
		want[n] = 0
	}
	var links []linkText
	// walk returns the run of n's text and the run of its text outside
	// the links inside it (what a link counts as its own text)
	var walk func(n *html.Node) (all, outsideLinks textRun)
	walk = func(n *html.Node) (all, outsideLinks textRun) {
		if n.Type == html.TextNode {
			r := ps.textRunOf(n)
			return r, r
		}
		first := len(links)
		for child := n.FirstChild; child != nil; child = child.NextSibling {
			a, o := walk(child)
			all = all.then(a)
			if !(child.Type == html.ElementNode && child.Data == "a") {
				outsideLinks = outsideLinks.then(o)
			}
		}
		if n.Type == html.ElementNode && n.Data == "a" {
			links = append(links, linkText{chars: outsideLinks.total, coefficient: getLinkDensityCoefficient(n)})
		}
		if _, ok := want[n]; ok {
			want[n] = density(all.total, links[first:])
		}
		return all, outsideLinks
	}
	walk(root)
	return want
}

// density is getLinkDensity's figure for text of chars characters holding
// links.
func density(chars int, links []linkText) float64 {
	var linkCharsWeighted float64
	for _, l := range links {
		linkCharsWeighted += float64(l.chars) * l.coefficient
	}
	if chars == 0 {
		return 0
	}
	return linkCharsWeighted / float64(chars)
}

// addRun counts a run's text as Count would count its runes one by one.
func (c *charCounter) addRun(r textRun) {
	if !r.text {
		c.lastCharWasSpace = c.lastCharWasSpace || r.lead
		return
	}
	c.Total += r.total
	if (c.lastCharWasSpace || r.lead) && c.seenNonSpace {
		c.Total++ // the space before the run's first character
	}
	c.lastCharWasSpace = r.trail
	c.seenNonSpace = true
}

// textSum is what cleanConditionally counts of one text node: its run and
// its commas (as commaCounter counts them), for the text it was found for.
type textSum struct {
	data   string
	run    textRun
	commas int
}

// textSumOf returns the counts of text node n's text, found once for each
// text (cleanConditionally walks a text node once for each of its
// ancestors it judges).
func (ps *Parser) textSumOf(n *html.Node) textSum {
	if sum, ok := ps.textSums[n]; ok && sum.data == n.Data {
		return sum
	}
	run, commas := scanText(n.Data)
	sum := textSum{data: n.Data, run: run, commas: commas}
	if ps.textSums == nil {
		ps.textSums = make(map[*html.Node]textSum)
	}
	ps.textSums[n] = sum
	return sum
}

// textRunOf returns the run of text node n: the one textSumOf found,
// where the scoring of paragraphs (countCharsAndCommas) counted n already
// (most of a page's text is in its paragraphs), else n's text scanned
// without keeping its sum (a lookup is cheaper than an insertion).
func (ps *Parser) textRunOf(n *html.Node) textRun {
	if sum, ok := ps.textSums[n]; ok && sum.data == n.Data {
		return sum.run
	}
	return runOf(n.Data)
}

// countCharsAndCommas is countCharsAndCommas(node) found from the counts of
// its text nodes (textSumOf), each counted once.
func (ps *Parser) countCharsAndCommas(node *html.Node) (int, int) {
	var chars charCounter
	commas := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			sum := ps.textSumOf(n)
			chars.addRun(sum.run)
			commas += sum.commas
			return
		}
		for child := n.FirstChild; child != nil; child = child.NextSibling {
			walk(child)
		}
	}
	walk(node)
	return chars.Total, commas
}

// charsUpTo returns the characters of countCharsAndCommas(node) when
// they are fewer than bound, else a number at least bound: it counts no
// further (grabArticle asks whether an article is shorter than its
// threshold).
func (ps *Parser) charsUpTo(node *html.Node, bound int) int {
	var chars charCounter
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			chars.addRun(ps.textRunOf(n))
			return
		}
		for child := n.FirstChild; child != nil && chars.Total < bound; child = child.NextSibling {
			walk(child)
		}
	}
	walk(node)
	return chars.Total
}
