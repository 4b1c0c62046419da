package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galleyprint/galley/article"
)

// This file squashes text (its runs of white space made single spaces,
// none at either end) without the intermediate strings of
// strings.Join(strings.Fields(s), " "): the comparisons of candidates'
// and blocks' texts squash every block's text, several times over.

// squash returns s with each run of white space (unicode.IsSpace) made
// one space and none at either end; s itself when it is so already.
func squash(s string) string {
	if isSquashed(s) {
		return s
	}
	var q squasher
	q.add(s)
	return string(q.b)
}

// isSquashed reports whether squash(s) is s: its only white space single
// spaces between words.
func isSquashed(s string) bool {
	return s == "" || !isSpaceAt(s, 0) && squashedEnd(s, 0) == len(s)
}

// isSpaceAt reports whether the character at s[i] is white space
// (unicode.IsSpace).
func isSpaceAt(s string, i int) bool {
	if c := s[i]; c < utf8.RuneSelf {
		return asciiSpace[c]
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}

// squashedEnd returns where the squashed text of s from i (a character
// that is not white space) ends: the end of s, or the first white space
// that is not a single space before a word. Squashing leaves s[i:end] as
// it is, so it is copied at once rather than word by word.
func squashedEnd(s string, i int) int {
	for {
		for i+8 <= len(s) {
			if !squashed8(eightBytes(s, i)) {
				break
			}
			i += 8
		}
		for i < len(s) && !squashStops[s[i]] {
			i++
		}
		if i == len(s) {
			return i
		}
		switch c := s[i]; {
		case c == ' ':
			if i+1 == len(s) || isSpaceAt(s, i+1) {
				return i
			}
			i++
		case c < utf8.RuneSelf:
			return i // white space other than a space
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return i
			}
			i += size
		}
	}
}

// squashed8 reports whether squashedEnd may pass the eight bytes of x
// (the first the lowest) at once: they are ASCII, their only white space
// single spaces, none of them the last (and so collapsedEnd may pass
// them too). They are tested together, not
// byte by byte: text is mostly ASCII words one space apart, and this was
// one of the costliest loops of extraction.
func squashed8(x uint64) bool {
	// the high bit of each byte below '\r'+1 and of each byte from '\t'
	// on (both: '\t' to '\r'), and of each space; the bytes being ASCII,
	// no addition carries into the next byte
	controls := ^(x + (0x80-('\r'+1))*byteLanes)
	atLeastTab := x + (0x80-'\t')*byteLanes
	spaces := zeroBytes(x ^ ' '*byteLanes)
	return x&highBits == 0 && controls&atLeastTab&highBits == 0 && spaces&(spaces>>8|0x80<<56) == 0
}

// squashStops are the bytes squashedEnd looks at: ASCII white space
// (asciiSpace) and every byte beyond ASCII.
var squashStops = func() (stops [256]bool) {
	for c := range stops {
		stops[c] = c >= utf8.RuneSelf || asciiSpace[c]
	}
	return stops
}()

// squasher builds squashed text piece by piece: the pieces' text as if
// joined, with white space (a space or a line break) between pieces
// where space is called.
type squasher struct {
	b     []byte
	from  int  // where the current text starts in b: no space before it
	space bool // white space is due before the next word
}

// add adds s.
func (q *squasher) add(s string) {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if asciiSpace[c] {
				q.space = true
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
			q.space = true
			i += size
			continue
		}
		j := squashedEnd(s, i)
		q.word()
		q.b = append(q.b, s[i:j]...)
		i = j
	}
}

// word writes the space due before a word, if one is.
func (q *squasher) word() {
	if q.space && len(q.b) > q.from {
		q.b = append(q.b, ' ')
	}
	q.space = false
}

// line ends the current text with c and starts another.
func (q *squasher) line(c byte) {
	q.b = append(q.b, c)
	q.from, q.space = len(q.b), false
}

// text adds t as t.Plain() reads: a break is white space.
func (q *squasher) text(t article.Text) {
	for _, r := range t {
		if r.Break {
			q.space = true
			continue
		}
		q.add(r.Text)
	}
}

// block adds blockText(bl) as its Plain() reads.
func (q *squasher) block(bl article.Block) {
	switch bl.Kind {
	case article.KindParagraph, article.KindHeading:
		q.text(bl.Text)
		return
	case article.KindCode:
		q.add(bl.Code)
		return
	case article.KindFigure:
		if bl.Figure != nil {
			q.text(bl.Figure.Caption)
			return
		}
	}
	// blockText puts a break between inner blocks: white space, which
	// squashing drops at the start
	for _, inner := range bl.Blocks {
		q.space = true
		q.block(inner)
	}
	for _, it := range bl.Items {
		for _, inner := range it.Blocks {
			q.space = true
			q.block(inner)
		}
	}
}

// squashBlock returns squash(blockText(bl).Plain()).
func squashBlock(bl article.Block) string {
	var q squasher
	q.block(bl)
	return string(q.b)
}

// plainLen returns len(blockText(bl).Plain()) without making either.
func plainLen(bl article.Block) int {
	n, _ := plainLenRuns(bl)
	return n
}

// plainLenRuns returns the length of blockText(bl).Plain() and the
// number of runs in blockText(bl).
func plainLenRuns(bl article.Block) (length, runs int) {
	switch bl.Kind {
	case article.KindParagraph, article.KindHeading:
		return textPlainLen(bl.Text), len(bl.Text)
	case article.KindCode:
		return len(bl.Code), 1
	case article.KindFigure:
		if bl.Figure != nil {
			return textPlainLen(bl.Figure.Caption), len(bl.Figure.Caption)
		}
	}
	add := func(inner article.Block) {
		if runs > 0 { // blockText's break between inner blocks
			length++
			runs++
		}
		l, r := plainLenRuns(inner)
		length += l
		runs += r
	}
	for _, inner := range bl.Blocks {
		add(inner)
	}
	for _, it := range bl.Items {
		for _, inner := range it.Blocks {
			add(inner)
		}
	}
	return length, runs
}

// textPlainLen returns len(t.Plain()).
func textPlainLen(t article.Text) int {
	n := 0
	for _, r := range t {
		if r.Break {
			n++
		} else {
			n += len(r.Text)
		}
	}
	return n
}

// isBlank reports whether t.Plain() is only white space, as
// strings.TrimSpace(t.Plain()) == "" reports it, without making the
// string.
func isBlank(t article.Text) bool {
	for _, r := range t {
		if !r.Break && strings.TrimSpace(r.Text) != "" {
			return false
		}
	}
	return true
}
