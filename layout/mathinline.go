package layout

import (
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/formula"
	"github.com/galleyprint/galley/page"
)

// mathState is what a layout keeps for its formulas: a setter per text
// size and the formulas that could not be typeset, for a warning.
type mathState struct {
	setters map[page.Unit]*mathSetter
	face    *fonts.Face
	err     error
	failed  []string
}

// mathSetter returns the shaper's setter of formulas at size, or nil when
// the math face cannot be loaded.
func (s *shaper) mathSetter(size page.Unit, color page.Color) *mathSetter {
	if s.maths == nil {
		s.maths = &mathState{setters: map[page.Unit]*mathSetter{}}
		s.maths.face, s.maths.err = fonts.MathFace()
	}
	ms := s.maths
	if ms.err != nil {
		return nil
	}
	if m, ok := ms.setters[size]; ok && m.color == color {
		return m
	}
	m, err := newMathSetter(ms.face, size, color, func(r rune) *fonts.Face {
		return s.faceFor(r, s.fonts.Face(fonts.Serif, fonts.Regular), runStyle{fam: fonts.Serif})
	})
	if err != nil {
		ms.err = err
		return nil
	}
	ms.setters[size] = m
	return m
}

// mathFailed records a formula printed as its source.
func (s *shaper) mathFailed(source string) {
	if s.maths == nil {
		s.maths = &mathState{setters: map[page.Unit]*mathSetter{}}
		s.maths.face, s.maths.err = fonts.MathFace()
	}
	s.maths.failed = append(s.maths.failed, source)
}

// warnMath logs the formulas that could not be read or typeset.
func warnMath(logger *slog.Logger, s *shaper) {
	if s.maths == nil || len(s.maths.failed) == 0 {
		return
	}
	shown := s.maths.failed[:min(len(s.maths.failed), 3)]
	for i, src := range shown {
		if len(src) > 60 {
			shown[i] = src[:60] + "…"
		}
	}
	logger.Warn(fmt.Sprintf("%d formulas could not be read and print as their source in the code face", len(s.maths.failed)),
		"formulas", strings.Join(shown, " | "))
}

// typesetOK reports whether m has a tree the setter can set.
func typesetOK(m *article.Math) bool {
	return m != nil && m.Formula != nil && m.Formula.Root != nil
}

// addMath adds an inline formula to the paragraph: its top row cut after
// relations and binary operators, where the line may break (TeX's
// penalties 500 and 700), each piece a box. A formula that cannot be set
// prints its source in the code face.
func (p *paragraphBuilder) addMath(in article.Inline, rs runStyle) {
	m := p.s.mathSetter(rs.size, rs.color)
	if m == nil || !typesetOK(in.Math) {
		src := in.Text
		if in.Math != nil && in.Math.Source() != "" {
			src = in.Math.Source()
		}
		p.s.mathFailed(src)
		code := rs
		code.fam, code.size, code.italic = fonts.Mono, rs.size*9/10, false
		p.add(src, code)
		return
	}
	if p.space {
		p.endWord()
		p.addGlue(p.spaceStyle)
		p.space = false
	}
	p.nohyph = true
	root := in.Math.Formula.Root
	kids := []*formula.Node{root}
	if root.Kind == formula.Row {
		kids = root.Kids
	}
	_, parts := m.rowParts(kids, styleText, 0, true)
	for i, part := range parts {
		box := part.box
		p.word = append(p.wordRoom(), frag{face: m.face, size: rs.size, color: rs.color, link: rs.link, rise: rs.rise, w: box.w, math: &box})
		p.s.formulaPiece(&box, in.Math)
		if i < len(parts)-1 {
			p.endWord()
			p.elems = append(p.elems, elem{kind: penalty, penalty: part.penalty})
			if part.after > 0 {
				p.elems = append(p.elems, elem{kind: glue, w: part.after, stretch: part.after / 2, shrink: part.after / 3})
			}
			p.nohyph = true
		}
	}
}

// mathExtent returns how far the formulas of the line elems[start:end]
// reach above and below the baseline (0 when it has none).
func mathExtent(elems []elem, start, end int) (up, down page.Unit) {
	for k := start; k < end && k < len(elems); k++ {
		for i := range elems[k].frags {
			if f := &elems[k].frags[i]; f.math != nil { // by pointer: a frag is 104 bytes, and every line's are read
				up, down = max(up, f.math.h+f.rise), max(down, f.math.d-f.rise)
			}
		}
	}
	return up, down
}

// hasMath reports a box holding a formula, which is never cut.
func hasMath(e elem) bool {
	for _, f := range e.frags {
		if f.math != nil {
			return true
		}
	}
	return false
}

// appendMath appends the items of a formula frag with its origin at
// (x, baseline).
func appendMath(items []page.Item, f *frag, x, baseline page.Unit) []page.Item {
	y := baseline - f.rise
	items = readsAs(items, f.math.items, f.math.text, x, y, f.face, f.color)
	if f.link != "" {
		items = append(items, page.Item{Kind: page.ItemLink, X: x, Y: y - f.math.h, W: f.w, H: f.math.h + f.math.d, More: &page.ItemMore{URL: f.link}})
	}
	return items
}

// mathBlock sets a display formula centred in the measure, its number at
// the right margin; one too wide for the measure is broken after its
// relations and binary operators, its lines after the first indented.
// One that cannot be set prints its source as a code block.
func (f *flow) mathBlock(b *article.Block) {
	size := f.body.size
	m := f.s.mathSetter(size, f.body.color)
	if m == nil || !typesetOK(b.Math) {
		src := b.Text.Plain()
		if b.Math != nil && b.Math.Source() != "" {
			src = b.Math.Source()
		}
		f.s.mathFailed(src)
		f.code(src)
		return
	}
	root := b.Math.Formula.Root
	kids := []*formula.Node{root}
	if root.Kind == formula.Row {
		kids = root.Kids
	}
	_, parts := m.rowParts(kids, styleDisplay, 0, true)
	whole := fillMathLines(parts, page.Unit(1)<<40, 0)[0]
	var tag mbox
	tagText := b.Math.Tag
	if tagText == "" {
		tagText = b.Math.Formula.Tag
	}
	if tagText != "" {
		tag = m.text("("+tagText+")", size)
	}
	room := f.w
	if tag.w > 0 {
		room -= 2 * (tag.w + size)
	}
	lines := []mbox{whole}
	if whole.w > room && len(parts) > 1 {
		lines = fillMathLines(parts, room, size*2)
	}
	if widest := maxLineWidth(lines); widest > f.w && size > 0 {
		// a formula that does not fit even broken is set smaller, down to
		// half size, rather than run into the margin
		small := max(size/2, page.Unit(int64(size)*int64(f.w)/int64(widest)))
		if sm := f.s.mathSetter(small, f.body.color); sm != nil {
			_, parts = sm.rowParts(kids, styleDisplay, 0, true)
			lines = fillMathLines(parts, room*size/small, size*2)
			if tag.w > 0 {
				tag = sm.text("("+tagText+")", small)
			}
		}
	}
	f.space(f.th.blockSpace)
	gap := size / 4
	for i, ln := range lines {
		x := f.x + (f.w-ln.w)/2
		if len(lines) > 1 {
			x = f.x
			if i > 0 {
				x += size * 2
			}
		}
		h := ln.h + ln.d + 2*gap
		base := gap + ln.h
		items := readsAs(nil, ln.items, ln.text, x, base, m.face, f.body.color)
		if i == len(lines)-1 && tag.w > 0 {
			for _, it := range tag.items {
				items = append(items, it.pageItem(f.x+f.w-tag.w, base, f.body.color))
			}
		}
		f.push(vbox{h: max(h, f.body.leading), items: items, keep: i < len(lines)-1, kind: page.RoleBody, baseline: base})
	}
	f.space(f.th.blockSpace)
	f.prevPara = false
}

// fillMathLines joins the parts of a display formula into lines of at
// most room (the lines after the first, indent narrower), first fit.
func fillMathLines(parts []rowPart, room, indent page.Unit) []mbox {
	var lines []mbox
	var cur mbox
	curAfter := page.Unit(0)
	for _, p := range parts {
		limit := room
		if len(lines) > 0 {
			limit -= indent
		}
		if len(cur.items) > 0 && cur.w+curAfter+p.box.w > limit {
			lines = append(lines, cur)
			cur, curAfter = mbox{}, 0
		}
		if len(cur.items) > 0 {
			cur.w += curAfter
			cur.text += " "
		}
		cur.text += p.box.text
		cur.place(&p.box, cur.w, 0)
		cur.w += p.box.w
		cur.h, cur.d = max(cur.h, p.box.h), max(cur.d, p.box.d)
		curAfter = p.after
	}
	if len(cur.items) > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// readsAs returns items with the page items of a formula, appended
// from mitems with its origin at (x, y), drawn so that they read as its
// text, in order. A formula's glyphs lie above and below its baseline (a
// fraction's numerator over its denominator), which text extraction
// cannot put in a line: poppler ends a line at a word that overlaps the
// one before it, and reads a numerator as a line of its own, above. So
// the formula's text items are drawn as one span whose actual text is
// the formula's linear form ("𝑎/𝑏"), which extraction places where the
// span's first glyph is and ends where its last ends: the first is an
// invisible space on the formula's baseline at its left edge, the last
// the glyph reaching furthest right. Rules follow. (A formula's items do
// not overlap, so their order does not show.)
func readsAs(items []page.Item, mitems []mitem, text string, x, y page.Unit, face *fonts.Face, c page.Color) []page.Item {
	first := len(items)
	items = slices.Grow(items, len(mitems)+1)
	if text != "" && len(mitems) > 0 && face != nil {
		items = append(items, page.Item{Kind: page.ItemText, X: x, Y: y, Text: " ", Face: face, Size: mitems[0].Size, Color: c})
	}
	texts := int32(0)
	for _, it := range mitems {
		if !it.rule {
			items = append(items, it.pageItem(x, y, c))
			texts++
		}
	}
	for _, it := range mitems {
		if it.rule {
			items = append(items, it.pageItem(x, y, c))
		}
	}
	if len(items) == first || items[first].Text != " " {
		return items
	}
	spanned := items[first+1 : first+1+int(texts)]
	slices.SortStableFunc(spanned, func(a, b page.Item) int { return int(a.X + a.W - b.X - b.W) })
	for i := range spanned {
		spanned[i].Tag.Replaced = true
	}
	anchor := &items[first]
	var more page.ItemMore
	if anchor.More != nil {
		more = *anchor.More // shared, perhaps: never changed in place
	}
	more.ActualText, more.ActualSpan = text, texts
	anchor.Tag.Replaced, anchor.More = true, &more
	return items
}

func absUnit(u page.Unit) page.Unit {
	if u < 0 {
		return -u
	}
	return u
}

// pageItem returns the page item drawing it with the formula's origin at
// (x, y), in colour c.
func (it mitem) pageItem(x, y page.Unit, c page.Color) page.Item {
	if it.rule {
		return page.Item{Kind: page.ItemRect, X: it.X + x, Y: it.Y + y, W: it.W, H: it.H, Color: c}
	}
	return page.Item{Kind: page.ItemText, X: it.X + x, Y: it.Y + y, W: it.W, Text: it.Text, Face: it.Face, Size: it.Size, Color: c}
}

// maxLineWidth returns the width of the widest of lines.
func maxLineWidth(lines []mbox) page.Unit {
	var w page.Unit
	for _, l := range lines {
		w = max(w, l.w)
	}
	return w
}
