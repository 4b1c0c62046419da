package layout

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/bidi"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/page"
)

// Right-to-left text (Hebrew, Arabic) is broken into lines in logical
// order, like any other, and each line is then drawn in visual order by
// the Unicode bidi algorithm (UAX #9). A paragraph with right-to-left
// characters in it, or set right to left, resolves the embedding level of
// each of its characters at its base direction with
// golang.org/x/text/unicode/bidi (withLevels); its words are cut where the
// level changes, so that each frag, and each space, has one level. Each
// line is then put in the order of rule L2 (visualOrder): every maximal
// run of frags and spaces at level k or above reversed, from the highest
// level down to the lowest odd one; a frag at an odd level is drawn with
// its characters reversed (reversed: marks stay on their letters, brackets
// and guillemets mirror). Paragraphs without right-to-left characters,
// most of them, skip all of this and are drawn in logical order.

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

// classOf returns the bidi class of r.
func classOf(r rune) bidi.Class {
	if r < 0x0590 && unicode.IsLetter(r) {
		return bidi.L // Latin, Greek, Cyrillic, Armenian: without a lookup
	}
	p, _ := bidi.LookupRune(r)
	return p.Class()
}

// strongRTL reports whether the first strongly directional character of s
// (UAX #9 rules P2 and P3, skipping isolates) is right to left, and
// whether s has one.
func strongRTL(s string) (rtl, found bool) {
	isolates := 0
	for _, r := range s {
		switch classOf(r) {
		case bidi.L:
			if isolates == 0 {
				return false, true
			}
		case bidi.R, bidi.AL:
			if isolates == 0 {
				return true, true
			}
		case bidi.LRI, bidi.RLI, bidi.FSI:
			isolates++
		case bidi.PDI:
			isolates = max(isolates-1, 0)
		}
	}
	return false, false
}

// firstStrongRTL reports whether a paragraph of elems starts, in its
// first strongly directional character, right to left.
func firstStrongRTL(elems []elem) bool {
	for _, e := range elems {
		for _, f := range e.frags {
			if rtl, ok := strongRTL(f.text); ok {
				return rtl
			}
		}
	}
	return false
}

// hasRTL reports whether elems have a character that makes their
// paragraph bidirectional: a Hebrew or Arabic letter, an Arabic digit or
// an explicit right-to-left mark.
func hasRTL(elems []elem) bool {
	for _, e := range elems {
		for _, f := range e.frags {
			s := f.text
			for i := 0; i < len(s); i++ {
				// a byte below minRTLLead is ASCII, a continuation byte,
				// or starts a character below U+0590: decoded only from
				// the lead bytes of those above
				if s[i] < minRTLLead {
					continue
				}
				r, _ := utf8.DecodeRuneInString(s[i:])
				if !mayBeRTL(r) {
					continue
				}
				switch classOf(r) {
				case bidi.R, bidi.AL, bidi.AN, bidi.RLE, bidi.RLO, bidi.RLI:
					return true
				}
			}
		}
	}
	return false
}

// minRTLLead is the first byte of U+0590 in UTF-8, the lowest character
// mayBeRTL reports: every character from it on starts with a byte at
// least this.
const minRTLLead = 0xD6

// mayBeRTL reports the blocks of characters that hold all those of the
// bidi classes R, AL and AN, and the right-to-left marks: the others, most
// text, need no lookup.
func mayBeRTL(r rune) bool {
	return r >= 0x0590 && r <= 0x08FF || r == 0x200F || r == 0x202B || r == 0x202E || r == 0x2067 ||
		r >= 0xFB1D && r <= 0xFEFF || r >= 0x10800 && r <= 0x10FFF || r >= 0x1E800 && r <= 0x1EFFF
}

// withLevels returns the elems of a paragraph set right to left (rtl) or
// left to right with their bidi embedding levels resolved: each box's
// frags cut where the level changes and marked with it, each glue marked
// with its space's. A left-to-right paragraph without right-to-left
// characters is returned as it is, all at level 0. elems are not changed.
func withLevels(elems []elem, rtl bool) []elem {
	if !rtl && !hasRTL(elems) {
		return elems
	}
	levels := resolveLevels(elems, rtl)
	out := slices.Clone(elems)
	n := 0 // rune index in levels
	for i := range out {
		e := &out[i]
		switch e.kind {
		case glue:
			e.level = levels[n]
			n++
		case box:
			var frags []frag
			for _, f := range e.frags {
				k := utf8.RuneCountInString(f.text)
				frags = append(frags, cutFrag(f, levels[n:n+k])...)
				n += k
			}
			e.w += fragsWidth(frags) - fragsWidth(e.frags)
			e.frags = frags
		}
	}
	return out
}

// paragraphText returns the text the bidi algorithm resolves for elems:
// the boxes' characters and a space for each glue, with paragraph
// separators (which would end it) as spaces.
func paragraphText(elems []elem) string {
	var b strings.Builder
	for _, e := range elems {
		switch e.kind {
		case box:
			for _, f := range e.frags {
				for _, r := range f.text {
					if classOf(r) == bidi.B {
						r = ' '
					}
					b.WriteRune(r)
				}
			}
		case glue:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// resolveLevels returns the embedding level of each character of
// paragraphText(elems) at the base level of a paragraph set right to left
// (1) or left to right (0). x/text resolves each character's direction
// (the parity of its level); with no explicit embeddings the level then
// follows (UAX #9 rules I1 and I2): in a right-to-left paragraph 1 or 2, in
// a left-to-right one 0, 1, or 2 for a number inside right-to-left text.
func resolveLevels(elems []elem, rtl bool) []uint8 {
	text := paragraphText(elems)
	opt := bidi.DefaultDirection(bidi.RightToLeft)
	skip := 0
	if !rtl {
		// x/text takes the direction of a left-to-right paragraph from
		// its first strong character: a left-to-right mark sets it
		text, skip = "\u200E"+text, 1
		opt = bidi.DefaultDirection(bidi.LeftToRight)
	}
	runes := []rune(text)
	odd := make([]bool, len(runes))
	var p bidi.Paragraph
	if _, err := p.SetString(text, opt); err == nil {
		if o, err := p.Order(); err == nil {
			for i := range o.NumRuns() {
				r := o.Run(i)
				start, end := r.Pos()
				for k := max(start, 0); k <= end && k < len(odd); k++ {
					odd[k] = r.Direction() == bidi.RightToLeft
				}
			}
		}
	}
	var num []bool
	if !rtl {
		num = numbers(runes)
	}
	levels := make([]uint8, len(runes)-skip)
	for i := range levels {
		k := i + skip
		switch {
		case odd[k]:
			levels[i] = 1
		case rtl || num[k]:
			levels[i] = 2
		}
	}
	return levels
}

// numbers reports the characters of a left-to-right paragraph that the
// weak rules of UAX #9 (W1–W7) leave as numbers, European or Arabic: the
// digits (and their signs and separators) that follow right-to-left
// letters, which rule I1 raises to level 2 so that they keep their own
// order inside the right-to-left text. x/text reports only the parity of
// the levels it resolves.
func numbers(runes []rune) []bool {
	t := make([]bidi.Class, len(runes))
	last := bidi.L // the last strong class; the paragraph starts left to right
	for i, r := range runes {
		t[i] = classOf(r)
		switch t[i] {
		case bidi.NSM: // W1
			t[i] = bidi.L
			if i > 0 {
				t[i] = t[i-1]
			}
		case bidi.EN: // W2
			if last == bidi.AL {
				t[i] = bidi.AN
			}
		}
		if t[i] == bidi.L || t[i] == bidi.R || t[i] == bidi.AL {
			last = t[i]
		}
	}
	for i, c := range t {
		switch c {
		case bidi.AL: // W3
			t[i] = bidi.R
		case bidi.ES, bidi.CS: // W4
			if i > 0 && i+1 < len(t) && t[i-1] == t[i+1] && (t[i-1] == bidi.EN || c == bidi.CS && t[i-1] == bidi.AN) {
				t[i] = t[i-1]
			}
		}
	}
	for i := 0; i < len(t); { // W5
		j := i
		for j < len(t) && t[j] == bidi.ET {
			j++
		}
		if j > i && (i > 0 && t[i-1] == bidi.EN || j < len(t) && t[j] == bidi.EN) {
			for k := i; k < j; k++ {
				t[k] = bidi.EN
			}
		}
		i = max(j, i+1)
	}
	out := make([]bool, len(t))
	last = bidi.L
	for i, c := range t {
		switch c {
		case bidi.L, bidi.R:
			last = c
		case bidi.EN: // W7
			out[i] = last == bidi.R
		case bidi.AN:
			out[i] = true
		}
	}
	return out
}

// cutFrag returns f cut where the levels of its characters change, each
// piece marked with its level and measured: a right-to-left piece (odd
// level) without kerning, as right-to-left text is set (see frags).
func cutFrag(f frag, levels []uint8) []frag {
	if len(levels) == 0 {
		return []frag{f}
	}
	var out []frag
	start, from := 0, 0 // byte and rune offset of the piece
	i := 0
	for at := range f.text {
		if i > from && levels[i] != levels[from] {
			out = append(out, fragPart(f, start, at, levels[from]))
			start, from = at, i
		}
		i++
	}
	if start == 0 && levels[0]%2 == 0 {
		f.level = levels[0]
		return append(out, f)
	}
	return append(out, fragPart(f, start, len(f.text), levels[from]))
}

// fragPart returns the bytes from:to of f at level, measured.
func fragPart(f frag, from, to int, level uint8) frag {
	p := f
	p.text, p.level, p.kerns = f.text[from:to], level, nil
	sum := 0
	for _, r := range p.text {
		w, _ := f.face.Width(r)
		sum += w
	}
	if level%2 == 0 {
		for _, k := range f.kerns {
			if k.At > from && k.At < to {
				p.kerns = append(p.kerns, page.Kern{At: k.At - from, Adjust: k.Adjust})
				sum += k.Adjust
			}
		}
	}
	p.w = scale(sum, f.size)
	return p
}

// span is one thing a line draws: frag i of box k, glue k (i < 0), or
// the hyphen that ends the line (k < 0); at a bidi level.
type span struct {
	k, i  int32 // not int: a line's spans are held on the stack, each zeroed first
	level uint8
}

// lineSpans returns the spans of elems[from:to], a line, in logical
// order, and its hyphen when it ends in one, at the level of the text
// before it.
func lineSpans(elems []elem, from, to int, hyphen bool) []span {
	return appendLineSpans(make([]span, 0, to-from+1), elems, from, to, hyphen)
}

// appendLineSpans is lineSpans appending to out.
func appendLineSpans(out []span, elems []elem, from, to int, hyphen bool) []span {
	for k := from; k < to; k++ {
		switch e := &elems[k]; e.kind {
		case box:
			for i := range e.frags {
				out = append(out, span{k: int32(k), i: int32(i), level: e.frags[i].level})
			}
		case glue:
			out = append(out, span{k: int32(k), i: -1, level: e.level})
		}
	}
	if hyphen {
		h := span{k: -1}
		if n := len(out); n > 0 {
			h.level = out[n-1].level
		}
		out = append(out, h)
	}
	return out
}

// visualOrder puts the spans of a line in the order they are drawn from
// the left, by UAX #9 rule L2: from the highest level down to the lowest
// odd one, every maximal run of spans at that level or above is reversed.
func visualOrder(spans []span) {
	hi, lo := uint8(0), uint8(255)
	for _, s := range spans {
		hi, lo = max(hi, s.level), min(lo, s.level)
	}
	for lvl := hi; lvl >= lo|1 && lvl > 0; lvl-- {
		for i := 0; i < len(spans); {
			if spans[i].level < lvl {
				i++
				continue
			}
			j := i
			for j < len(spans) && spans[j].level >= lvl {
				j++
			}
			slices.Reverse(spans[i:j])
			i = j
		}
	}
}

// mirrors are the characters a right-to-left run draws mirrored that are
// no brackets (bidi.ReverseString mirrors those): BidiMirroring.txt's
// guillemets and comparison signs.
var mirrors = map[rune]rune{'<': '>', '>': '<', '«': '»', '»': '«', '‹': '›', '›': '‹', '≤': '≥', '≥': '≤'}

// reversed returns s for drawing from the left as right-to-left text: its
// characters (grapheme clusters, so marks stay on their letters) in
// reverse order, brackets and guillemets mirrored.
func reversed(s string) string {
	out := make([]byte, 0, len(s))
	g := uniseg.NewGraphemes(s)
	var clusters []string
	for g.Next() {
		clusters = append(clusters, g.Str())
	}
	for _, c := range slices.Backward(clusters) {
		if r, n := utf8.DecodeRuneInString(c); n == len(c) {
			if m, ok := mirrors[r]; ok {
				c = string(m)
			} else if p, _ := bidi.LookupRune(r); p.IsBracket() {
				c = bidi.ReverseString(c) // mirrors a bracket
			}
		}
		out = append(out, c...)
	}
	return string(out)
}
