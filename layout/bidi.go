package layout

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/bidi"

	"github.com/galleyprint/galley/article"
)

// Right-to-left text (Hebrew, Arabic) is broken into lines in logical
// order, like any other, and each line is then put in visual order: the
// Unicode bidi algorithm (golang.org/x/text/unicode/bidi) resolves each
// word's direction within the paragraph, and a line of a right-to-left
// paragraph is laid out from the right, with runs of left-to-right words
// (numbers, Latin names) kept in their own order and right-to-left words'
// characters reversed for drawing (marks stay on their letters, brackets
// mirror).

// isRTLRune reports Hebrew, Arabic and their presentation forms.
func isRTLRune(r rune) bool {
	return r >= 0x0590 && r <= 0x08FF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

// articleRTL reports an article set right to left: it says so, or says
// nothing and its first strongly directional letter is Hebrew or Arabic.
func articleRTL(a *article.Article) bool {
	switch a.Direction {
	case article.DirRTL:
		return true
	case article.DirLTR:
		return false
	}
	for _, s := range append([]string{a.Title}, firstTexts(a.Body)...) {
		for _, r := range s {
			if isRTLRune(r) && unicode.IsLetter(r) {
				return true
			}
			if unicode.IsLetter(r) {
				return false
			}
		}
	}
	return false
}

// firstTexts returns the plain text of the first few blocks.
func firstTexts(bs []article.Block) []string {
	var out []string
	for _, b := range bs {
		if len(out) >= 3 {
			break
		}
		if t := b.Text.Plain(); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// boxDirections resolves the direction of every box of a right-to-left
// paragraph: true for right to left.
func boxDirections(elems []elem) []bool {
	var b strings.Builder
	starts := make([]int, len(elems)) // rune index of each box's text
	n := 0
	for i, e := range elems {
		switch e.kind {
		case box:
			starts[i] = n
			for _, f := range e.frags {
				b.WriteString(f.text)
				n += utf8.RuneCountInString(f.text)
			}
		case glue:
			b.WriteByte(' ')
			n++
		}
	}
	dirs := make([]bidi.Direction, n)
	var p bidi.Paragraph
	if _, err := p.SetString(b.String(), bidi.DefaultDirection(bidi.RightToLeft)); err == nil {
		if o, err := p.Order(); err == nil {
			for i := 0; i < o.NumRuns(); i++ {
				r := o.Run(i)
				start, end := r.Pos()
				for k := start; k <= end && k < n; k++ {
					dirs[k] = r.Direction()
				}
			}
		}
	}
	out := make([]bool, len(elems))
	for i, e := range elems {
		if e.kind == box {
			out[i] = starts[i] >= len(dirs) || dirs[starts[i]] != bidi.LeftToRight
		}
	}
	return out
}

// visualOrder returns the indices of elems[from:to] (a line of a
// right-to-left paragraph) in the order they are drawn from the left:
// the line reversed, with each run of left-to-right boxes (and the glue
// between them) kept in logical order.
func visualOrder(elems []elem, rtl []bool, from, to int) []int {
	var out []int
	for i := to - 1; i >= from; {
		if elems[i].kind == box && !rtl[i] {
			// a left-to-right run: back to its first box
			j := i
			for j-1 >= from && (elems[j-1].kind == box && !rtl[j-1] || elems[j-1].kind != box && j-2 >= from && elems[j-2].kind == box && !rtl[j-2]) {
				j--
			}
			for k := j; k <= i; k++ {
				out = append(out, k)
			}
			i = j - 1
			continue
		}
		out = append(out, i)
		i--
	}
	return out
}

// reversedFrags returns a right-to-left box's frags for drawing from the
// left: in reverse order, each text reversed with bidi.ReverseString.
func reversedFrags(fr []frag) []frag {
	out := make([]frag, len(fr))
	for i, f := range fr {
		f.text = bidi.ReverseString(f.text)
		f.kerns = nil // right-to-left text is not kerned (see frags)
		out[len(fr)-1-i] = f
	}
	return out
}
