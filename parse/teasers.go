package parse

import (
	"strings"
	"unicode/utf8"

	"github.com/galleyprint/galley/article"
)

// This file drops the teasers publishing systems set among an article's
// paragraphs: a line that is only a link to another story ("Luftwaffe hat
// mit dem Training begonnen", ">> Wegen Corona: … <<"), or a short label
// and such a link ("Lea: …", "PUEDES VER: …", "Czytaj też: …",
// "Dowiedz się więcej: …"). An article's own sentences are not wholly a
// link; a bare address (a URL or an e-mail written out) is kept, as it is
// the text the article cites. It judges by form, so it holds in every
// language.

// maxTeaser is the longest block read as a teaser, in characters.
const maxTeaser = 200

// maxTeaserLabel is the longest label before a teaser's link ("Lea:",
// "Lesen Sie auch:"), in characters, its colon included.
const maxTeaserLabel = 30

// teaserLinkShare is the least share of a teaser's text (after its label)
// that is link text, in tenths.
const teaserLinkShare = 9

// dropLinkTeasers drops the teasers among body's paragraphs and those in
// its quotes. Headings are left: a heading that is a link names what the
// section is about (a product, a post). When teasers would make up half of the
// article's text or more, the page is a list of links and is kept whole.
func dropLinkTeasers(body []article.Block) []article.Block {
	teaserText := 0
	for _, b := range body {
		teaserText += teasersLen(b)
	}
	if teaserText == 0 || 2*teaserText >= blocksTextLen(body) {
		return body
	}
	out := body[:0]
	for _, b := range body {
		if isLinkTeaser(b) {
			continue
		}
		if b.Kind == article.KindQuote && len(b.Blocks) > 0 {
			kept := make([]article.Block, 0, len(b.Blocks))
			for _, c := range b.Blocks {
				if !isLinkTeaser(c) {
					kept = append(kept, c)
				}
			}
			if len(kept) == 0 && len(b.Text) == 0 {
				continue
			}
			b.Blocks = kept
		}
		out = append(out, b)
	}
	return out
}

// teasersLen is the length in bytes of the teasers b is or its quote
// holds.
func teasersLen(b article.Block) int {
	if isLinkTeaser(b) {
		return len(b.Text.Plain())
	}
	n := 0
	if b.Kind == article.KindQuote {
		for _, c := range b.Blocks {
			if isLinkTeaser(c) {
				n += len(c.Text.Plain())
			}
		}
	}
	return n
}

// isLinkTeaser reports a paragraph that is a link, or a short
// label and a link, and not a bare address (link text without a space).
func isLinkTeaser(b article.Block) bool {
	if b.Kind != article.KindParagraph {
		return false
	}
	if n, linked := runsLen(b.Text); !linked || n > 4*maxTeaser {
		return false // spared the text's copy: most paragraphs
	}
	text := squash(b.Text.Plain())
	runes := utf8.RuneCountInString(text)
	if runes == 0 || runes > maxTeaser {
		return false
	}
	linked, words := 0, false
	for _, r := range b.Text {
		if r.Link != "" {
			linkText := squash(r.Text)
			linked += utf8.RuneCountInString(linkText)
			words = words || strings.Contains(linkText, " ")
		}
	}
	if !words { // no link, or a bare address
		return false
	}
	if 10*linked >= teaserLinkShare*runes {
		return true
	}
	label, _, found := strings.Cut(text, ":")
	if !found {
		return false
	}
	labelRunes := utf8.RuneCountInString(label) + 1
	return labelRunes <= maxTeaserLabel && 10*linked >= teaserLinkShare*(runes-labelRunes)
}

// runsLen returns the length in bytes of t's runs and whether any of
// them is a link, without copying the text.
func runsLen(t article.Text) (n int, linked bool) {
	for _, r := range t {
		n += len(r.Text)
		linked = linked || r.Link != ""
	}
	return n, linked
}

// runsContain reports whether any run of t holds one of subs.
func runsContain(t article.Text, subs ...string) bool {
	for _, r := range t {
		for _, s := range subs {
			if strings.Contains(r.Text, s) {
				return true
			}
		}
	}
	return false
}

// runsHold reports whether any run of t holds one of f's words: for
// many words, one pass over each run instead of one per word.
func runsHold(t article.Text, f *wordFinder) bool {
	for _, r := range t {
		if f.index(r.Text, 0) >= 0 {
			return true
		}
	}
	return false
}
