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
	space := true // at the start, as after a space: no space may come
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ':
				if space {
					return false
				}
				space = true
			case asciiSpace[c]:
				return false
			default:
				space = false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return false
		}
		space = false
		i += size
	}
	return !space || s == ""
}

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
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				q.space = true
				i++
				continue
			}
			// a run of ASCII without spaces is copied at once
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf && !asciiSpace[s[j]] {
				j++
			}
			q.word()
			q.b = append(q.b, s[i:j]...)
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			q.space = true
		} else {
			q.word()
			q.b = append(q.b, s[i:i+size]...)
		}
		i += size
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
