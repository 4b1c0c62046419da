package layout

import (
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/galleyprint/galley/hyphen"
	"github.com/galleyprint/galley/page"
)

// line is one line of a broken paragraph: elems[start:brk] are on it and
// elems[brk], if brk < len(elems), is where it broke.
type line struct {
	start, brk int
	forced     bool // ended by a forced break or the paragraph's end
}

// breakGreedy breaks elems into lines first-fit: each line takes as many
// elements as fit, letting interword glue shrink when shrink is set (for
// justified text; ragged lines are set at their natural width), and ends
// at its last break that is no emergency one when it has any. width(i) is
// the measure of line i. Boxes wider than their line must have been split
// before (see splitOverlong); one that still does not fit is set alone on
// its line.
func breakGreedy(elems []elem, width func(i int) page.Unit, shrink bool) []line {
	var lines []line
	n := len(elems)
	i := 0
	for i < n {
		for i < n && elems[i].kind != box {
			i++ // discardable items at a line start
		}
		if i >= n {
			break
		}
		W := width(len(lines))
		var w, shr page.Unit
		last, good := -1, -1 // last feasible break, and last no emergency one
		j := i
		brk, forced := n, true
	scan:
		for ; j < n; j++ {
			e := &elems[j]
			switch e.kind {
			case box:
				if w+e.w-shr > W && last >= 0 {
					brk, forced = last, false
					if good >= 0 {
						brk = good
					}
					break scan
				}
				w += e.w
			case glue:
				if elems[j-1].kind == box {
					last, good = j, j
				}
				w += e.w
				if shrink {
					shr += e.shrink
				}
			case penalty:
				if e.penalty <= forcedPenalty {
					brk, forced = j, true
					break scan
				}
				if e.penalty < infPenalty && w+e.w-shr <= W {
					last = j
					if !e.emergency {
						good = j
					}
				}
			}
		}
		lines = append(lines, line{start: i, brk: brk, forced: forced})
		i = brk + 1
	}
	return lines
}

// emergencyPenalty is the penalty of a break where a word has no
// hyphenation point, or an address or code none of its own: the last
// resort. The breaker adds emergencyDemerits for each it takes, more
// than any set of lines costs, so that it takes as few as the words too
// long for the line need, and places them where the lines around them
// are best.
const (
	emergencyPenalty  = 5000
	emergencyDemerits = 1e15
)

// urlPartPenalty is the cost of breaking an overlong address or piece of
// code before a dot, hyphen, underscore, tilde, percent sign or comma, or
// after a colon or semicolon (the Chicago Manual's places, after the
// slashes and query separators that addWordPart gives every address).
const urlPartPenalty = 150

// splitOverlong makes every box wider than max breakable, so that the
// line breaker can fill lines with it. A word breaks at h's hyphenation
// points, which are legal in every pass and draw a hyphen; where a piece
// of it is still too wide, between any two of its characters, with a
// hyphen, at emergencyPenalty. An address or code (no hyphenable box)
// breaks where the Chicago Manual breaks a URL (urlPartPenalty), and
// where that is not enough between any two characters, at
// emergencyPenalty, never with an added hyphen. Breaks at no hyphenation
// point are marked emergency: the callers report those they take
// (emergencyBreaks).
func splitOverlong(elems []elem, max page.Unit, h *hyphen.Hyphenator) []elem {
	if max <= 0 {
		return elems
	}
	var out []elem
	for i := range elems {
		e := &elems[i] // by pointer: most are read and left, not copied
		if e.kind != box || e.w <= max || hasMath(*e) {
			if out != nil {
				out = append(out, *e)
			}
			continue
		}
		if out == nil {
			out = append(make([]elem, 0, len(elems)+32), elems[:i]...)
		}
		out = append(out, breakable(*e, max, h)...)
	}
	if out == nil {
		return elems
	}
	return out
}

// breakable returns box e, wider than max, as pieces joined by breaks
// (see splitOverlong).
func breakable(e elem, max page.Unit, h *hyphen.Hyphenator) []elem {
	word := e.hyphenable
	pieces := []elem{e}
	if word {
		if pts := hyphenationPoints(h, boxText(e)); len(pts) > 0 {
			pieces = cutBox(e, pts)
			for k := range pieces {
				pieces[k].auto = false // no other way: legal from the first pass
			}
		}
	}
	var out []elem
	for _, p := range pieces {
		p.hyphenable = false // a piece is no word to hyphenate again
		if p.kind != box || p.w <= max {
			out = append(out, p)
			continue
		}
		out = append(out, anywhere(p, word)...)
	}
	return out
}

// anywhere cuts box e between its characters (grapheme clusters, and
// where its face changes), keeping two at each end of it: with a hyphen
// drawn at each break when word is set; else (an address, code) at the
// places a URL breaks (urlPartPenalty) and elsewhere without a hyphen.
func anywhere(e elem, word bool) []elem {
	type cut struct {
		frag, at int // a cut before byte at of frag
	}
	var cuts []cut
	total := 0
	for fi, f := range e.frags {
		g := uniseg.NewGraphemes(f.text)
		for g.Next() {
			from, _ := g.Positions()
			cuts = append(cuts, cut{fi, from})
			total++
		}
	}
	var out []elem
	var cur []frag
	f0, at0 := 0, 0 // start of the current piece
	flush := func(fi, at int) {
		for k := f0; k <= fi && k < len(e.frags); k++ {
			from, to := 0, len(e.frags[k].text)
			if k == f0 {
				from = at0
			}
			if k == fi {
				to = at
			}
			if to > from {
				cur = append(cur, pieceAt(e.frags[k], from, to))
			}
		}
		if len(cur) > 0 {
			out = append(out, pieceOf(e, cur))
		}
		cur = nil
		f0, at0 = fi, at
	}
	for k, c := range cuts {
		if k < 2 || k > total-2 {
			continue // two characters at least at each end
		}
		f := e.frags[c.frag]
		before := prevRune(e.frags, c.frag, c.at)
		after, _ := utf8.DecodeRuneInString(f.text[c.at:])
		pen := elem{kind: penalty, penalty: emergencyPenalty, emergency: true}
		switch {
		case word:
			hf := e.frags[c.frag]
			if c.at == 0 {
				hf = e.frags[c.frag-1] // the hyphen in the face before it
			}
			w1000, _ := hf.face.Width('-')
			hy := frag{text: "-", face: hf.face, size: hf.size, color: hf.color, rise: hf.rise, w: scale(w1000, hf.size)}
			pen.hyphen, pen.w = &hy, hy.w
		case strings.ContainsRune("./-_~%,", after) || strings.ContainsRune(":;", before):
			pen.penalty, pen.emergency = urlPartPenalty, false
		}
		flush(c.frag, c.at)
		out = append(out, pen)
	}
	flush(len(e.frags)-1, len(e.frags[len(e.frags)-1].text))
	return out
}

// prevRune returns the character before byte at of frag fi in frags.
func prevRune(frags []frag, fi, at int) rune {
	for ; fi >= 0; fi-- {
		if at > 0 {
			r, _ := utf8.DecodeLastRuneInString(frags[fi].text[:at])
			return r
		}
		if fi > 0 {
			at = len(frags[fi-1].text)
		}
	}
	return 0
}

// emergencyBreaks counts the lines that end at an emergency break, and
// returns the text of the words they break.
func emergencyBreaks(elems []elem, lines []line) (n int, words []string) {
	for _, ln := range lines {
		if ln.brk >= len(elems) || !elems[ln.brk].emergency {
			continue
		}
		n++
		// the word: the boxes around the break up to glue on either side
		from, to := ln.brk, ln.brk
		for from > 0 && elems[from-1].kind != glue {
			from--
		}
		for to < len(elems) && elems[to].kind != glue {
			to++
		}
		var b strings.Builder
		for _, e := range elems[from:to] {
			if e.kind == box {
				b.WriteString(boxText(e))
			}
		}
		if w := b.String(); len(words) == 0 || words[len(words)-1] != w {
			words = append(words, w)
		}
	}
	return n, words
}

// splitBox cuts a box into pieces no wider than limit, each holding at
// least one character. A piece ends after a space or a character that ends
// a URL part when one falls in its second half. Its time is linear in
// the box's length, however narrow its characters.
func splitBox(e elem, limit page.Unit) []elem {
	var pieces []elem
	var cur []textRange // the piece being built
	var ends []int      // where each range of cur ends, apart: a cut shortens the last
	var curW page.Unit
	cutN, cutW := -1, page.Unit(-1) // the last good cut: after cur[:cutN], its last range ending at cutEnd
	cutEnd := 0
	emit := func(rs []textRange, ends []int) {
		if fr := rangeFrags(e.frags, rs, ends); len(fr) > 0 {
			pieces = append(pieces, makeBox(fr))
		}
	}
	for fi, f := range e.frags {
		for at := 0; at < len(f.text); {
			r, size := utf8.DecodeRuneInString(f.text[at:])
			w1000, _ := f.face.Width(r)
			w := scale(w1000, f.size)
			if curW > 0 && curW+w > limit {
				if cutW > curW/2 {
					// end at the last good cut; carry the rest over
					headEnds := append([]int(nil), ends[:cutN]...)
					headEnds[cutN-1] = cutEnd
					emit(cur[:cutN], headEnds)
					var rest []textRange
					var restEnds []int
					if last := cutN - 1; ends[last] > cutEnd {
						rest, restEnds = append(rest, textRange{cur[last].frag, cutEnd}), append(restEnds, ends[last])
					}
					cur, ends = append(rest, cur[cutN:]...), append(restEnds, ends[cutN:]...)
					curW -= cutW
				} else {
					emit(cur, ends)
					cur, ends, curW = nil, nil, 0
				}
				cutN, cutW = -1, -1
			}
			if n := len(cur); n > 0 && cur[n-1].frag == fi && ends[n-1] == at {
				ends[n-1] = at + size
			} else {
				cur, ends = append(cur, textRange{fi, at}), append(ends, at+size)
			}
			curW += w
			if r == ' ' || isURLBreak(r) {
				cutN, cutEnd, cutW = len(cur), at+size, curW
			}
			at += size
		}
	}
	emit(cur, ends)
	return pieces
}

// textRange is the text of frag from byte from to an end kept apart.
type textRange struct{ frag, from int }

// rangeFrags returns the frags of the text ranges rs, rs[k] ending at
// ends[k], neighbours set alike joined into one, each measured.
func rangeFrags(frags []frag, rs []textRange, ends []int) []frag {
	var out []frag
	var text strings.Builder
	flush := func() {
		if n := len(out); n > 0 {
			out[n-1].text, out[n-1].follows = text.String(), false
			out[n-1].measure()
		}
		text.Reset()
	}
	for k, r := range rs {
		f := frags[r.frag]
		if n := len(out); n == 0 || !sameSet(out[n-1], f) {
			flush()
			out = append(out, f)
		}
		text.WriteString(f.text[r.from:ends[k]])
	}
	flush()
	return out
}

// sameSet reports frags set alike: one face, size, colour, link, rise and
// strike-through.
func sameSet(a, b frag) bool {
	return a.face == b.face && a.size == b.size && a.color == b.color && a.link == b.link && a.rise == b.rise && a.strike == b.strike
}

func isURLBreak(r rune) bool {
	switch r {
	case '/', '.', '-', '_', '?', '&', '=', '#', ',', ';', ':':
		return true
	}
	return false
}
