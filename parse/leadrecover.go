package parse

import (
	"strings"
	"unicode/utf8"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/lazyregexp"
)

// This file recovers an article's opening that the chosen candidate
// dropped. Readability scores paragraphs, so the standfirst above the
// body (an <h2> deck, a "teaser" or "intro" paragraph) and a short
// article's first paragraph often fall outside what it keeps, while the
// page's content container (the precise candidate) holds them. When the
// two candidates share text, the other candidate's prose before the first
// block they share is the article's opening: it is put back in front of
// that block.

// minLeadRunes is the least text a recovered block holds: a standfirst or
// a paragraph, not a label, a date line or a caption.
const minLeadRunes = 100

// agencyCredit finds a photographer's credit with the agency after a
// slash that ends a caption: "… Fethi Belaid/AFP/Getty Images".
var agencyCredit = lazyregexp.New(`\p{Lu}[\p{L}.'-]*(?:\s\p{Lu}[\p{L}.'-]*)*/\p{Lu}[\p{L}/.&' -]{1,40}$`)

// recoverLead returns body with the opening blocks of other that body
// lacks put back before the first block the two share. Only prose is
// taken (paragraphs, quotes and headings long enough to be a standfirst,
// which print as paragraphs), and no block holding a link address or a
// "|" separator, the marks of byline, category and share lines. A block
// other holds twice (a gallery's blurb, a video's description) and one
// ending in a picture's credit are captions, not the opening.
func recoverLead(body, other []article.Block) []article.Block {
	if len(body) == 0 || len(other) == 0 {
		return body
	}
	bodyText, otherText := blocksPlain(body), blocksPlain(other)
	var lead []article.Block
	for _, b := range other {
		t := squashBlock(b)
		if t != "" && strings.Contains(bodyText, sharedHead(t)) {
			at := firstHolding(body, sharedHead(t))
			if at < 0 || len(lead) == 0 {
				return body
			}
			out := make([]article.Block, 0, len(body)+len(lead))
			out = append(out, body[:at]...)
			out = append(out, lead...)
			return append(out, body[at:]...)
		}
		if p, ok := leadProse(b, t); ok && strings.Count(otherText, t) == 1 {
			lead = append(lead, p)
		}
	}
	return body // the candidates share nothing: other is another text
}

// leadProse returns b as a paragraph of an article's opening, if it is one.
func leadProse(b article.Block, text string) (article.Block, bool) {
	switch b.Kind {
	case article.KindParagraph, article.KindHeading, article.KindQuote:
	default:
		return b, false
	}
	if utf8.RuneCountInString(text) < minLeadRunes || strings.Contains(text, "|") ||
		strings.Contains(text, "http://") || strings.Contains(text, "https://") ||
		captionCredit.MatchString(text) || agencyCredit.MatchString(text) {
		return b, false
	}
	if b.Kind == article.KindHeading {
		b = article.Block{Kind: article.KindParagraph, Text: b.Text, Lang: b.Lang, Dir: b.Dir}
	}
	return b, true
}

// blocksPlain returns the squashed text of blocks, one block a line.
func blocksPlain(blocks []article.Block) string {
	n := 0
	for _, b := range blocks {
		n += plainLen(b) + 1 // squashing makes no text longer
	}
	q := squasher{b: make([]byte, 0, n)}
	for _, b := range blocks {
		q.block(b)
		q.line('\n')
	}
	return string(q.b)
}

// sharedHead returns the part of a block's text that sharesText compares.
func sharedHead(t string) string {
	if len(t) <= sharedPrefix {
		return t // no more runes than bytes
	}
	if !utf8.ValidString(t) {
		// the conversion to runes makes each invalid byte U+FFFD
		if r := []rune(t); len(r) > sharedPrefix {
			return string(r[:sharedPrefix])
		}
		return t
	}
	runes := 0
	for i := range t {
		if runes == sharedPrefix {
			return t[:i]
		}
		runes++
	}
	return t
}

// firstHolding returns the index of the first of blocks whose text holds
// s, or -1.
func firstHolding(blocks []article.Block, s string) int {
	for i, b := range blocks {
		if strings.Contains(squashBlock(b), s) {
			return i
		}
	}
	return -1
}
