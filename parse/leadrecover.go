package parse

import (
	"math/bits"
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
// that block. An italic note between two shared blocks that the chosen
// candidate dropped is put back the same way (recoverNotes).

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
func recoverLead(body, other squashedBlocks) squashedBlocks {
	if len(body.blocks) == 0 || len(other.blocks) == 0 {
		return body
	}
	var lead []article.Block
	for i, b := range other.blocks {
		t := other.texts[i]
		if t == "" {
			continue // leadProse takes no empty text
		}
		if at, found := body.holding(sharedHead(t)); found {
			if at < 0 || len(lead) == 0 {
				return body
			}
			out := make([]article.Block, 0, len(body.blocks)+len(lead))
			out = append(out, body.blocks[:at]...)
			out = append(out, lead...)
			return squashBlocks(append(out, body.blocks[at:]...))
		}
		if p, ok := leadProse(b, t); ok && strings.Count(other.plain, t) == 1 {
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

// squashedBlocks are blocks with the squashed text of each (squashBlock)
// and of all, one block a line (blocksPlain): recoverLead and
// recoverNotes compare the texts of the same two candidates, squashed
// once for both.
type squashedBlocks struct {
	blocks []article.Block
	texts  []string        // squashBlock of each block, in plain
	plain  string          // blocksPlain of the blocks
	pairs  *blockPairIndex // of texts, made by holding's first look
}

// A blockPairIndex tells, for each pair of adjacent bytes (hashed into
// 512), the blocks whose texts hold it: a text holds t only if it holds
// all t's pairs, and the blocks that do are, but for a few, those that
// hold t, found without a search of the others.
type blockPairIndex struct {
	words   int      // the uint64 of a set of blocks
	sets    []uint64 // the set of blocks of each pair's hash, words each
	scratch []uint64 // a set of blocks for holding
}

// pairHashes is the number of the hashes of byte pairs.
const pairHashes = 512

// pairHash returns the hash of the pair a, b.
func pairHash(a, b byte) int {
	return int((uint(a)*59 + uint(b)) & (pairHashes - 1))
}

// build indexes texts.
func (x *blockPairIndex) build(texts []string) {
	x.words = (len(texts) + 63) / 64
	x.sets = make([]uint64, pairHashes*x.words)
	x.scratch = make([]uint64, x.words)
	for i, text := range texts {
		word, bit := i/64, uint64(1)<<(i%64)
		for j := 1; j < len(text); j++ {
			x.sets[pairHash(text[j-1], text[j])*x.words+word] |= bit
		}
	}
}

// candidates returns the set of the blocks among n whose texts hold all
// the byte pairs of t (valid until the next call).
func (x *blockPairIndex) candidates(t string, n int) []uint64 {
	set := x.scratch
	for w := range set {
		set[w] = ^uint64(0)
	}
	if n%64 != 0 {
		set[len(set)-1] = 1<<(n%64) - 1
	}
	for j := 1; j < len(t); j++ {
		row := x.sets[pairHash(t[j-1], t[j])*x.words:][:x.words]
		for w := range set {
			set[w] &= row[w]
		}
	}
	return set
}

// squashBlocks squashes the texts of blocks.
func squashBlocks(blocks []article.Block) squashedBlocks {
	n := 0
	for _, b := range blocks {
		n += plainLen(b) + 1 // squashing makes no text longer
	}
	q := squasher{b: make([]byte, 0, n)}
	ends := make([]int, len(blocks))
	for i, b := range blocks {
		q.block(b)
		ends[i] = len(q.b)
		q.line('\n')
	}
	s := squashedBlocks{blocks: blocks, texts: make([]string, len(blocks)), plain: string(q.b), pairs: &blockPairIndex{}}
	start := 0
	for i, end := range ends {
		s.texts[i] = s.plain[start:end]
		start = end + 1
	}
	return s
}

// holding reports whether the blocks' plain text holds t, and returns
// the index of the first of the blocks whose text holds t, or -1 (t may
// span two blocks). A t without a line break lies within one block's
// text wherever it occurs, so the texts that hold it are the blocks it
// is in: they are searched in turn, only those that have all t's byte
// pairs (the search of plain from its start for every t cost the square
// of the text).
func (s squashedBlocks) holding(t string) (block int, found bool) {
	if t == "" || strings.IndexByte(t, '\n') >= 0 || s.pairs == nil {
		return s.holdingAcross(t)
	}
	if s.pairs.sets == nil {
		s.pairs.build(s.texts)
	}
	for w, set := range s.pairs.candidates(t, len(s.texts)) {
		for ; set != 0; set &= set - 1 {
			i := w*64 + bits.TrailingZeros64(set)
			if strings.Contains(s.texts[i], t) {
				return i, true
			}
		}
	}
	return -1, false
}

// holdingAcross is holding for any t, which may span blocks: it reads
// plain once, as the first occurrence of t that lies within one block's
// text is in the first block that holds it.
func (s squashedBlocks) holdingAcross(t string) (block int, found bool) {
	i, start := 0, 0 // block i's text starts at start in plain, a separator after it
	for from := 0; from <= len(s.plain); {
		at := strings.Index(s.plain[from:], t)
		if at < 0 {
			return -1, found
		}
		at += from
		found = true
		for i < len(s.texts) && at > start+len(s.texts[i]) {
			start += len(s.texts[i]) + 1
			i++
		}
		if i == len(s.texts) {
			return -1, found
		}
		if at >= start && at+len(t) <= start+len(s.texts[i]) {
			return i, found
		}
		from = at + 1
	}
	return -1, found
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

// recoverNotes returns body with the notes of other that body lacks put
// back in their place. A note is a paragraph set wholly in italics (an
// editor's note on what the article covers or leaves out, a correction):
// set apart in its own element, among the article's figures or next to a
// box, it loses Readability's scoring while the page's content container
// holds it. A note is put back only between two blocks the candidates
// share that follow each other in body (figures aside), so that body
// dropped what other holds between them, and only if leadProse takes it,
// it holds no link (a box's prompt links to what it sells) and it does
// not follow a figure (then it is the figure's caption).
func recoverNotes(body, other squashedBlocks) []article.Block {
	if len(body.blocks) == 0 || len(other.blocks) == 0 {
		return body.blocks
	}
	prev := -1 // the index in body of the last shared block
	var pending []article.Block
	var inserts map[int][]article.Block
	afterFigure := false
	for i, b := range other.blocks {
		t := other.texts[i]
		if b.Kind == article.KindFigure {
			afterFigure = true
			continue // a figure's text is its caption, which either candidate may move
		}
		caption := afterFigure // an italic paragraph after a figure is its caption
		afterFigure = false
		if t == "" {
			continue
		}
		if at, found := body.holding(sharedHead(t)); found {
			if len(pending) > 0 && prev >= 0 && at == nextText(body.blocks, prev) {
				if inserts == nil {
					inserts = map[int][]article.Block{}
				}
				inserts[at] = append(inserts[at], pending...)
			}
			pending = pending[:0:0]
			prev = at
			continue
		}
		if prev < 0 || caption || !isNote(b) || strings.Count(other.plain, t) != 1 {
			continue
		}
		if p, ok := leadProse(b, t); ok {
			pending = append(pending, p)
		}
	}
	if len(inserts) == 0 {
		return body.blocks
	}
	out := make([]article.Block, 0, len(body.blocks)+len(inserts))
	for i, b := range body.blocks {
		out = append(out, inserts[i]...)
		out = append(out, b)
	}
	return out
}

// nextText returns the index of the first block after blocks[i] that is
// not a figure, or len(blocks).
func nextText(blocks []article.Block, i int) int {
	for i++; i < len(blocks) && blocks[i].Kind == article.KindFigure; i++ {
	}
	return i
}

// isNote reports whether b is a paragraph wholly in italics and without
// a link.
func isNote(b article.Block) bool {
	if b.Kind != article.KindParagraph || len(b.Text) == 0 {
		return false
	}
	for _, s := range b.Text {
		if s.Link != "" || !s.Italic && strings.TrimSpace(s.Text) != "" {
			return false
		}
	}
	return true
}
