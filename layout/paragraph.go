package layout

import (
	"sync"
	"unicode/utf8"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/page"
)

// A paragraph is broken into lines as a whole (Knuth–Plass) when it is of
// ordinary length; a longer one is broken a window at a time, so that
// time and memory stay linear in its length and the context is looked at
// as it goes. Each window is broken as if the paragraph ended with it,
// and only the lines that end in its first windowElems elements are set:
// the overlapElems after them give the breaker the room to choose those
// lines as it would in the whole paragraph, and are broken again with the
// next window. A paragraph of at most windowElems+overlapElems elements
// (some 1,200 words) is one window: broken exactly as a whole.
const (
	windowElems  = 4000
	overlapElems = 1000
)

// Text longer than streamBytes is shaped a piece at a time as the windows
// need it (textSource), each piece about chunkBytes long and ending at a
// space: a paragraph of ten megabytes never has all its elements at once.
const (
	streamBytes = 64 << 10
	chunkBytes  = 16 << 10
)

// elemSource gives the elements of a paragraph a piece at a time.
type elemSource interface {
	// next returns at least want more elements unless the paragraph
	// ends first, and whether more follow.
	next(want int) ([]elem, bool)
}

// sliceSource gives elements shaped before, all at once.
type sliceSource []elem

func (s *sliceSource) next(int) ([]elem, bool) {
	e := *s
	*s = nil
	return e, false
}

// textSource shapes text in style base a piece at a time: runs are fed to
// one paragraphBuilder in pieces cut at spaces, so that a word is shaped
// as it would be in one go, and what it has built is handed over but its
// last element, which the next space and hyphen look back at.
type textSource struct {
	p    *paragraphBuilder
	text article.Text
	base runStyle
	run  int // the run being fed
	off  int // bytes of it fed
}

func (s *textSource) next(want int) ([]elem, bool) {
	for len(s.p.elems) < want+1 && s.run < len(s.text) {
		in := s.text[s.run]
		if in.Break {
			s.p.lineBreak()
			s.run++
			continue
		}
		if in.Math != nil {
			s.p.addMath(in, styleFor(s.base, in))
			s.run, s.off = s.run+1, 0
			continue
		}
		rest := in.Text[s.off:]
		n, atSpace := pieceEnd(rest, chunkBytes)
		rs := styleFor(s.base, in)
		s.p.add(rest[:n], rs)
		if !atSpace {
			// a piece of a word longer than any line: it may break here
			// as it may anywhere (see splitOverlong)
			s.p.endWord()
			s.p.elems = append(s.p.elems, elem{kind: penalty, penalty: emergencyPenalty, emergency: true})
		}
		if s.off += n; s.off == len(in.Text) {
			s.run, s.off = s.run+1, 0
		}
	}
	if s.run == len(s.text) {
		return s.p.finish(), false
	}
	n := len(s.p.elems)
	if n == 0 {
		return nil, true
	}
	out := s.p.elems[: n-1 : n-1]
	s.p.elems = append(make([]elem, 0, max(want, chunkBytes/2)), s.p.elems[n-1])
	return out, true
}

// joinSource gives first's elements, then rest's: rest starts with the
// glue between them, left out when first gives none.
type joinSource struct {
	first elemSource
	rest  []elem
	any   bool // first gave elements
}

func (s *joinSource) next(want int) ([]elem, bool) {
	if s.first == nil {
		return nil, false
	}
	e, more := s.first.next(want)
	s.any = s.any || len(e) > 0
	if more {
		return e, true
	}
	s.first = nil
	if !s.any || len(s.rest) == 1 {
		s.rest = s.rest[1:] // no glue before nothing, nor after it
	}
	return append(e, s.rest...), false
}

// pieceEnd returns where a piece of s of about size bytes ends, and
// whether at a space or the end of s: at the first space from size on,
// or, in a word longer than that, where the first character from size
// starts.
func pieceEnd(s string, size int) (int, bool) {
	if len(s) <= size {
		return len(s), true
	}
	for i := size; i < len(s) && i < 2*size; i++ {
		if c := s[i]; c == ' ' || c == '\n' || c == '\t' {
			return i, true
		}
	}
	i := size
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return i, i == len(s)
}

// textLen is the length of text in bytes.
func textLen(text article.Text) int {
	n := 0
	for _, in := range text {
		n += len(in.Text)
	}
	return n
}

// source returns the elements of text set in style base: shaped now (in
// the shaper's spare arrays, which setText gives back), or a piece at a
// time when the text is long.
func (s *shaper) source(text article.Text, base runStyle) elemSource {
	if textLen(text) > streamBytes {
		return &textSource{p: &paragraphBuilder{s: s}, text: text, base: base}
	}
	src := sliceSource(s.paragraphIn(text, base, true))
	return &src
}

// setText sets text in style t as setParagraph does, shaping it a piece at
// a time when it is long. The arrays a short paragraph is shaped in are
// the next one's once its lines are set: nothing keeps its elements or
// frags after (a line's items copy what they draw), and making them was
// a fifth of a layout's bytes.
func (f *flow) setText(text article.Text, t textStyle, align alignment, firstIndent page.Unit, keepAll bool, kind page.Role) {
	src := f.s.source(text, t.run())
	_, shaped := src.(*sliceSource)
	made := f.s.made
	f.setFrom(src, shaped && f.s.madeLTR, t, align, firstOnly(firstIndent), 1, keepAll, kind, nil)
	if shaped {
		f.s.spare = made
	}
}

// keptArrays keeps the largest paragraph arrays of layouts that have
// ended, emptied, for the next layout's first paragraphs: each layout
// made its own from nothing, an array for each paragraph longer than
// any before it, a tenth of a layout's bytes.
var keptArrays = sync.Pool{New: func() any { return new(paragraphArrays) }}

// maxKeptElems is the most elements a kept array holds: a long
// paragraph's, not a streamed one's (streamBytes).
const maxKeptElems = 4096

// takeKept makes the arrays a layout that has ended kept s's spare ones,
// and returns their holder, to be given back with keep.
func (s *shaper) takeKept() *paragraphArrays {
	kept := keptArrays.Get().(*paragraphArrays)
	s.spare, *kept = *kept, paragraphArrays{}
	return kept
}

// keep gives the larger of s's arrays, emptied, to the layouts after,
// in kept: s's layout has ended, and nothing uses them.
func (s *shaper) keep(kept *paragraphArrays) {
	elems, frags := s.spare.elems, s.spare.frags
	if cap(s.made.elems) > cap(elems) {
		elems = s.made.elems
	}
	if cap(s.made.frags) > cap(frags) {
		frags = s.made.frags
	}
	if cap(elems) > maxKeptElems {
		elems = nil
	}
	// no text or faces kept alive by the pool: a paragraph reuses an
	// array from its start, and may have used less of it than the one
	// before
	clear(elems[:cap(elems)])
	clear(frags[:cap(frags)])
	*kept = paragraphArrays{elems: elems[:0], frags: frags[:0]}
	s.made, s.spare = paragraphArrays{}, paragraphArrays{}
	keptArrays.Put(kept)
}

// setParagraph breaks elems into lines of the current measure and pushes a
// box per line. firstIndent indents the first line; keepAll keeps every
// line with the next (headings, captions); otherwise the first and last
// two lines stay together (no orphans or widows).
func (f *flow) setParagraph(elems []elem, t textStyle, align alignment, firstIndent page.Unit, keepAll bool, kind page.Role) {
	f.setShaped(elems, t, align, firstOnly(firstIndent), 1, keepAll, kind, nil)
}

// firstOnly is an indent of the first line only.
func firstOnly(indent page.Unit) func(int) page.Unit {
	return func(i int) page.Unit {
		if i == 0 {
			return indent
		}
		return 0
	}
}

// setShaped is setParagraph with indent(i) for line i, the first keepTop
// lines kept together, and extra items drawn with the first line (a drop
// cap).
func (f *flow) setShaped(elems []elem, t textStyle, align alignment, indent func(i int) page.Unit, keepTop int, keepAll bool, kind page.Role, extra []page.Item) {
	src := sliceSource(elems)
	f.setFrom(&src, false, t, align, indent, keepTop, keepAll, kind, extra)
}

// setFrom is setShaped with the elements from src, broken a window at a
// time; ltr says they are known to have no right-to-left character (as
// they were shaped), so that no window is looked through for one. It
// stops between windows when the flow is stopped (its context done, or
// the page limit passed).
func (f *flow) setFrom(src elemSource, ltr bool, t textStyle, align alignment, indent func(i int) page.Unit, keepTop int, keepAll bool, kind page.Role, extra []page.Item) {
	const size = windowElems + overlapElems
	justify := align == alignJustify
	widest := f.w - max(indent(0), indent(1))
	var buf, pending []elem // the window; elements from src not in it yet
	first := 0              // the paragraph's lines set so far
	rtl, dirKnown := false, false
	// the hyphenated elements of a window are set before the next is
	// broken, and its cut words' frags with the paragraph's last line:
	// the arrays they are made in are the next paragraph's after
	sc := f.s.hyphens
	f.s.hyphens = nil // a paragraph set inside this one makes its own
	if sc == nil {
		sc = new(hyphenScratch)
	}
	defer func() {
		sc.reset()
		f.s.hyphens = sc
	}()
	for more := true; ; {
		for len(buf) < size && (len(pending) > 0 || more) {
			if len(pending) == 0 {
				var piece []elem
				piece, more = src.next(size - len(buf))
				// a word too long for the line becomes pieces of it
				pending = splitOverlong(piece, widest, f.s.hyph)
			}
			n := min(len(pending), size-len(buf))
			if len(buf) == 0 {
				buf = pending[:n:n] // no copy: the elements are only read
			} else {
				buf = append(buf, pending[:n]...)
			}
			pending = pending[n:]
		}
		if len(buf) == 0 {
			return
		}
		final := !more && len(pending) == 0
		from := first
		elems, lines := breakParagraph(buf, func(i int) page.Unit { return f.w - indent(from+i) }, justify, f.s.hyph, sc)
		take := len(lines)
		if !final {
			take = linesBefore(lines, windowEnd(buf, elems))
		}
		if !dirKnown {
			rtl, dirKnown = f.rightToLeft(elems), true
		}
		f.setLines(elems, lines[:take], setting{t: t, align: align, indent: indent, first: first,
			last: final, keepTop: keepTop, keepAll: keepAll, kind: kind, extra: extra, rtl: rtl, ltr: ltr})
		first += take
		if final || f.stopped() {
			return
		}
		// the elements after the lines set, without the discardable ones
		// the next line would skip, start the next window
		var rest []elem
		if take < len(lines) {
			rest = elems[lines[take].start:]
		}
		buf = append(make([]elem, 0, size), rest...)
	}
}

// windowEnd returns the index in elems (buf broken, with the hyphenation
// points the breaker may have added) of buf's element windowElems: the
// glue and the penalties but those of hyphenation points are the same in
// both, in the same order.
func windowEnd(buf, elems []elem) int {
	n := 0
	for _, e := range buf[:min(windowElems, len(buf))] {
		if e.kind == glue || e.kind == penalty && !e.auto {
			n++
		}
	}
	for i, e := range elems {
		if e.kind == glue || e.kind == penalty && !e.auto {
			if n == 0 {
				return i
			}
			n--
		}
	}
	return len(elems)
}

// linesBefore returns how many of lines end before element end: at least
// one, so that every window sets a line.
func linesBefore(lines []line, end int) int {
	k := 0
	for k < len(lines) && lines[k].brk < end {
		k++
	}
	return max(k, 1)
}

// setting says how the lines of a window of a paragraph are set.
type setting struct {
	t       textStyle
	align   alignment
	indent  func(i int) page.Unit // of the paragraph's line i
	first   int                   // the paragraph's lines set before these
	last    bool                  // these lines end the paragraph
	keepTop int
	keepAll bool
	kind    page.Role
	extra   []page.Item // drawn with the paragraph's first line
	rtl     bool
	ltr     bool // the elements have no right-to-left character (see setFrom)
}

// setLines pushes a box for each of lines of elems, lines first to
// first+len(lines) of their paragraph.
func (f *flow) setLines(elems []elem, lines []line, s setting) {
	if len(lines) == 0 {
		return
	}
	elems = elems[:min(lines[len(lines)-1].brk+1, len(elems))]
	if s.rtl || !s.ltr {
		elems = withLevels(elems, s.rtl) // as it is when left to right without right-to-left characters
	}
	t, align := s.t, s.align
	base := baselineIn(t)
	loosest, space := -1, 0.0 // the line with the widest spaces over looseSpace
	short := map[int]bool{}   // lines set short rather than justified
	for k, ln := range lines {
		if align != alignJustify || ln.forced || t.size <= 0 {
			continue
		}
		gap, n := lineSpace(elems, ln, f.w-s.indent(s.first+k))
		em := float64(gap) / float64(t.size)
		if n > 0 && em > maxJustifiedSpace {
			short[k] = true
		}
		if n > 0 && em > looseSpace && em > space {
			loosest, space = k, em
		}
	}
	var pieces []formulaPiece // the line's inline formulas' pieces
	onPiece := func(m *mbox, from, to int) { pieces = append(pieces, formulaPiece{m, from, to}) }
	for k, ln := range lines {
		i := s.first + k // the line in its paragraph
		x, W := f.x+s.indent(i), f.w-s.indent(i)
		if s.rtl {
			x = f.x // the indent is on the right
		}
		f.reportEmergency(elems, ln)
		if k == loosest {
			f.note(&breakReport{space: space, short: len(short), text: lineText(elems, ln)})
		}
		lineAlign := align
		if short[k] {
			lineAlign = alignLeft // its spaces as set, the line short (right-aligned right to left)
		}
		// a formula taller than the line's text opens the line by what it needs
		lineBase, lineH := base, t.leading
		if up, down := mathExtent(elems, ln.start, ln.brk); up > 0 || down > 0 {
			above, below := max(0, up-base+t.size/10), max(0, down-(t.leading-base)+t.size/10)
			lineBase, lineH = base+above, t.leading+above+below
		}
		pieces = pieces[:0]
		items, _ := setLineMath(f.lines, elems, ln, x, lineBase, W, lineAlign, s.rtl, !s.rtl && s.ltr, onPiece)
		items = f.lines.took(items)
		f.tagFormulas(items, pieces)
		if !s.ltr {
			// shaped Arabic's presentation forms are right-to-left
			// characters (mayBeRTL): none in these lines otherwise
			f.tagShaped(items)
		}
		if k > 0 && !s.rtl {
			f.tagHyphenated(elems, lines[k-1], f.boxes[len(f.boxes)-1].items, items)
		}
		if i == 0 {
			items = append(items, s.extra...)
		}
		// a hyphenated word is never split across columns or pages (a
		// word too long for the line, broken where it has no hyphenation
		// point, may be)
		hyphenated := ln.brk < len(elems) && elems[ln.brk].kind == penalty && elems[ln.brk].hyphen != nil && !elems[ln.brk].emergency
		lastLine := s.last && k == len(lines)-1
		keep := s.keepAll || i < s.keepTop || s.last && k == len(lines)-2 || hyphenated
		if lastLine && !s.keepAll {
			keep = false
		}
		f.push(vbox{h: lineH, items: items, keep: keep, kind: s.kind, baseline: lineBase})
	}
}
