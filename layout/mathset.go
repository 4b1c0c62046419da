package layout

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/formula"
	"github.com/galleyprint/galley/page"
)

// Formulas are set by the rules of TeX (The TeXbook, appendix G) with the
// constants, glyph variants and assemblies of the math face's OpenType
// MATH table, as MathML Core describes them: each node becomes an mbox of
// page items placed around its origin on the baseline.

// mstyle is a math style: display, text, script or scriptscript, and
// whether it is cramped (superscripts set lower, under a bar or root).
type mstyle struct {
	level   uint8 // 0 display, 1 text, 2 script, 3 scriptscript
	cramped bool
}

var (
	styleDisplay = mstyle{level: 0}
	styleText    = mstyle{level: 1}
)

// script is the style of a superscript of a formula in st.
func (st mstyle) script() mstyle {
	return mstyle{level: max(min(st.level+2-st.level%2, 3), 2), cramped: st.cramped}
}

// sub is the style of a subscript: the script style, cramped.
func (st mstyle) sub() mstyle { s := st.script(); s.cramped = true; return s }

// num is the style of a fraction's numerator in st.
func (st mstyle) num() mstyle {
	switch st.level {
	case 0:
		return mstyle{level: 1, cramped: st.cramped}
	case 1:
		return mstyle{level: 2, cramped: st.cramped}
	}
	return mstyle{level: 3, cramped: st.cramped}
}

// den is the style of a denominator: the numerator's, cramped.
func (st mstyle) den() mstyle { s := st.num(); s.cramped = true; return s }

func (st mstyle) cramp() mstyle { st.cramped = true; return st }

// mbox is a typeset piece of a formula: its items placed around the
// origin (x 0 at its left, y 0 on its baseline, y down), its width,
// height above the baseline and depth below.
type mbox struct {
	w, h, d page.Unit
	items   []mitem
	// italic is the italic correction of a box of one glyph, and accent
	// the x of its top accent attachment (w/2 when the font gives none)
	italic, accent page.Unit
	single         bool // one glyph: scripts and accents attach to its ink
	class          formula.Class
	// text is what a reader takes a formula's top-level box (a piece of
	// an inline formula, a line of a display one) to say: its linear
	// form, read in order (see readsAs)
	text string
}

// mitem is an item of a formula: a run of text in one face and size, or
// a rule (a filled rectangle), placed around the formula's origin; it
// becomes a page item in the formula's colour when the formula is drawn.
type mitem struct {
	X, Y, W, H page.Unit
	Text       string
	Face       *fonts.Face
	Size       page.Unit
	rule       bool
}

// place adds o's items to b with o's origin at (x, y).
func (b *mbox) place(o *mbox, x, y page.Unit) {
	if x == 0 && y == 0 && b.items == nil {
		b.items = append(make([]mitem, 0, len(o.items)), o.items...)
		return
	}
	b.items = slices.Grow(b.items, len(o.items))
	for _, it := range o.items {
		it.X += x
		it.Y += y
		b.items = append(b.items, it)
	}
}

// mathSetter typesets formulas in one math face at one base size.
type mathSetter struct {
	face  *fonts.Face
	mt    *fonts.MathTable
	upem  int64
	base  page.Unit // the text size: display and text style
	color page.Color
	// other returns a face for a character the math face lacks (\text in
	// another script), or nil
	other func(r rune) *fonts.Face
}

// newMathSetter returns a setter in face, which must have a MATH table,
// for text of size base.
func newMathSetter(face *fonts.Face, base page.Unit, color page.Color, other func(rune) *fonts.Face) (*mathSetter, error) {
	mt, err := face.MathTable()
	if err != nil {
		return nil, err
	}
	return &mathSetter{face: face, mt: mt, upem: int64(face.UnitsPerEm()), base: base, color: color, other: other}, nil
}

// size is the font size of style st.
func (m *mathSetter) size(st mstyle) page.Unit {
	switch st.level {
	case 2:
		return m.base * page.Unit(m.mt.Constant(fonts.ScriptPercentScaleDown)) / 100
	case 3:
		return m.base * page.Unit(m.mt.Constant(fonts.ScriptScriptPercentScaleDown)) / 100
	}
	return m.base
}

// fu converts font units to page units at size.
func (m *mathSetter) fu(v int, size page.Unit) page.Unit {
	return page.Unit((int64(v)*int64(size) + m.upem/2) / m.upem)
}

// k returns MATH constant c in style st.
func (m *mathSetter) k(c fonts.MathConstant, st mstyle) page.Unit {
	return m.fu(m.mt.Constant(c), m.size(st))
}

// mu converts math units (1/18 em) to page units in style st.
func (m *mathSetter) mu(n int, st mstyle) page.Unit {
	return page.Unit(int64(n) * int64(m.size(st)) / 18)
}

// mathGlyph is what the setter looks up of a character of the math face.
type mathGlyph struct {
	ink               fonts.GlyphBox
	gid               uint16
	italic, topAccent int // font units; topAccent -1 when the font gives none
	italicOK          bool
}

// mathGlyphs caches mathGlyph by face and character for every layout.
var mathGlyphs sync.Map // mathGlyphKey → mathGlyph

type mathGlyphKey struct {
	face *fonts.Face
	r    rune
}

// glyph returns what the setter needs of r in the math face.
func (m *mathSetter) glyph(r rune) mathGlyph {
	key := mathGlyphKey{m.face, r}
	if v, ok := mathGlyphs.Load(key); ok {
		return v.(mathGlyph)
	}
	g := mathGlyph{gid: m.face.GlyphIndex(r), topAccent: -1}
	g.ink = m.face.GlyphBox(g.gid)
	g.italic, g.italicOK = m.mt.ItalicsCorrection[g.gid]
	if ta, ok := m.mt.TopAccent[g.gid]; ok {
		g.topAccent = ta
	}
	mathGlyphs.Store(key, g)
	return g
}

// glyphInk returns r's advance and ink box in the math face.
func (m *mathSetter) glyphInk(r rune) fonts.GlyphBox {
	return m.glyph(r).ink
}

// text sets s upright or as its characters are (mathematical italic
// letters are characters of their own) at size.
func (m *mathSetter) text(s string, size page.Unit) mbox {
	var b mbox
	var cur *mitem
	n := 0
	var last rune
	start := 0 // where cur's text starts in s
	for i, r := range s {
		n++
		face := m.face
		if !face.Has(r) {
			if f := m.other(r); f != nil {
				face = f
			}
		}
		w1000, _ := face.Width(r)
		w := scale(w1000, size)
		var h, d page.Unit
		if face == m.face {
			g := m.glyphInk(r)
			h, d = m.fu(g.YMax, size), m.fu(-g.YMin, size)
		} else {
			h, d = scale(face.Ascent*8/10, size), scale(-face.Descent, size)/2
		}
		b.h, b.d = max(b.h, h), max(b.d, d)
		if cur == nil || cur.Face != face {
			if b.items == nil {
				b.items = make([]mitem, 0, 1)
			}
			b.items = append(b.items, mitem{X: b.w, Face: face, Size: size})
			cur = &b.items[len(b.items)-1]
			start = i
		}
		cur.Text = s[start : i+utf8.RuneLen(r)]
		cur.W += w
		b.w += w
		last = r
	}
	b.single = n == 1
	if n > 0 {
		g := m.glyph(last)
		if g.italicOK {
			b.italic = m.fu(g.italic, size)
		}
		b.accent = b.w / 2
		if g.topAccent >= 0 && n == 1 {
			b.accent = m.fu(g.topAccent, size)
		}
	}
	return b
}

// node typesets n in style st; depth bounds the recursion.
func (m *mathSetter) node(n *formula.Node, st mstyle, depth int) mbox {
	if n == nil || depth > formula.MaxDepth+4 {
		return mbox{}
	}
	if n.Style != formula.StyleAuto && n.Kind != formula.Table {
		st = forced(n.Style, st)
	}
	d := depth + 1
	size := m.size(st)
	switch n.Kind {
	case formula.Row:
		b := m.row(n.Kids, st, d)
		if len(n.Kids) == 1 {
			b.class = formula.AtomClass(n.Kids[0])
		}
		return b
	case formula.Ident, formula.Number, formula.TextRun:
		b := m.text(n.Text, size)
		if n.Kind == formula.TextRun {
			b.single = false
		}
		return b
	case formula.Operator:
		return m.operator(n, st)
	case formula.Space:
		return mbox{w: m.mu(n.Width, st)}
	case formula.Frac:
		return m.fraction(n, st, d)
	case formula.Sqrt:
		return m.radical(n, st, d)
	case formula.Scripts:
		if isBrace(kid(n, 0)) {
			// a brace's scripts are limits, over and under it
			return m.underOver(&formula.Node{Kind: formula.UnderOver, Kids: []*formula.Node{kid(n, 0), kid(n, 1), kid(n, 2)}}, st, d)
		}
		base := m.node(kid(n, 0), st, d)
		return m.scripts(base, kid(n, 1), kid(n, 2), st, d, isIntegral(kid(n, 0)))
	case formula.UnderOver:
		return m.underOver(n, st, d)
	case formula.Fenced:
		return m.fenced(n, st, d)
	case formula.Table:
		return m.table(n, st, d)
	case formula.Phantom:
		b := m.node(kid(n, 0), st, d)
		b.items = nil
		return b
	}
	return mbox{}
}

func kid(n *formula.Node, i int) *formula.Node {
	if i < len(n.Kids) {
		return n.Kids[i]
	}
	return nil
}

// isBrace reports a brace or bracket over or under its base
// (\overbrace, \underbrace), whose scripts TeX sets as limits.
func isBrace(n *formula.Node) bool {
	if n == nil || n.Kind != formula.UnderOver || !n.Accent {
		return false
	}
	for _, a := range []*formula.Node{kid(n, 1), kid(n, 2)} {
		if a != nil && a.Kind == formula.Operator && strings.ContainsAny(a.Text, "⏞⏟⎴⎵⏜⏝") {
			return true
		}
	}
	return false
}

func isIntegral(n *formula.Node) bool {
	return n != nil && n.Kind == formula.Operator && formula.Integral(n.Text)
}

// forced returns the style a node's own Style sets.
func forced(s formula.Style, st mstyle) mstyle {
	switch s {
	case formula.StyleDisplay:
		return mstyle{level: 0, cramped: st.cramped}
	case formula.StyleText:
		return mstyle{level: 1, cramped: st.cramped}
	case formula.StyleScript:
		return mstyle{level: 2, cramped: st.cramped}
	case formula.StyleScriptScript:
		return mstyle{level: 3, cramped: st.cramped}
	}
	return st
}

// operator sets an operator: large ones grow in display style, and all
// large ones are centred on the math axis.
func (m *mathSetter) operator(n *formula.Node, st mstyle) mbox {
	size := m.size(st)
	if !n.Large || len([]rune(n.Text)) != 1 {
		b := m.text(n.Text, size)
		b.class = n.Class
		return b
	}
	r := []rune(n.Text)[0]
	var b mbox
	if st.level == 0 {
		// the display size is the first variant at least
		// displayOperatorMinHeight tall
		minH := m.mt.Constant(fonts.DisplayOperatorMinHeight)
		target := minH
		if c := m.mt.Vertical[m.face.GlyphIndex(r)]; c != nil {
			for _, v := range c.Variants {
				if v.Advance >= minH {
					target = v.Advance
					break
				}
			}
		}
		b = m.stretchV(r, m.fu(target, size), size)
	} else {
		b = m.text(n.Text, size)
	}
	// centre on the axis
	axis := m.k(fonts.AxisHeight, st)
	shift := (b.h-b.d)/2 - axis
	for i := range b.items {
		b.items[i].Y += shift
	}
	b.h, b.d = b.h-shift, b.d+shift
	b.class = formula.Op
	return b
}

// spacing is TeX's table of the space between atoms of two classes, in
// mu; negative entries apply only in display and text style.
var spacing = [8][8]int{
	formula.Ord:   {0, 3, -4, -5, 0, 0, 0, -3},
	formula.Op:    {3, 3, 0, -5, 0, 0, 0, -3},
	formula.Bin:   {-4, -4, 0, 0, -4, 0, 0, -4},
	formula.Rel:   {-5, -5, 0, 0, -5, 0, 0, -5},
	formula.Open:  {0, 0, 0, 0, 0, 0, 0, 0},
	formula.Close: {0, 3, -4, -5, 0, 0, 0, -3},
	formula.Punct: {-3, -3, 0, -3, -3, -3, -3, -3},
	formula.Inner: {-3, 3, -4, -5, -3, 0, -3, -3},
}

// space returns the space between atoms of classes a and b in style st.
func (m *mathSetter) space(a, b formula.Class, st mstyle) page.Unit {
	s := spacing[a][b]
	if s < 0 {
		if st.level >= 2 {
			return 0
		}
		s = -s
	}
	return m.mu(s, st)
}

// row sets atoms side by side with the space their classes call for;
// stretchy fences among them grow to the row's height.
func (m *mathSetter) row(kids []*formula.Node, st mstyle, depth int) mbox {
	b, _ := m.rowParts(kids, st, depth, false)
	return b
}

// rowParts is row; with split, it returns instead the row cut after each
// relation and binary operator, and the space after each cut, for a
// formula that may break across lines (the box is then the last part).
func (m *mathSetter) rowParts(kids []*formula.Node, st mstyle, depth int, split bool) (mbox, []rowPart) {
	classes := formula.Classes(kids)
	boxes := make([]mbox, len(kids))
	var h, d page.Unit
	for i, k := range kids {
		if k.Kind == formula.Operator && k.Stretchy && !k.Large {
			continue
		}
		boxes[i] = m.node(k, st, depth)
		h, d = max(h, boxes[i].h), max(d, boxes[i].d)
	}
	for i, k := range kids {
		if k.Kind == formula.Operator && k.Stretchy && !k.Large {
			if h+d > 0 && (h > 0 || d > 0) && len(kids) > 1 {
				boxes[i] = m.delimiter(k.Text, h, d, st)
			} else {
				boxes[i] = m.text(k.Text, m.size(st))
			}
		}
	}
	var out mbox // the part being built
	var parts []rowPart
	partStart := 0
	prev := -1
	for i, k := range kids {
		if k.Kind == formula.Space {
			out.w += boxes[i].w
			continue
		}
		gap := page.Unit(0)
		if prev >= 0 {
			gap = m.space(classes[prev], classes[i], st)
		}
		if split && prev >= 0 && (classes[prev] == formula.Rel || classes[prev] == formula.Bin) && i > partStart {
			// cut after the operator: the space after it is the cut's
			out.text = linearText(kids[partStart:prev]) + " " + formula.Linear(kids[prev])
			parts = append(parts, rowPart{box: out, after: gap, penalty: breakPenalty(classes[prev])})
			out = mbox{}
			partStart = i
			gap = 0
		}
		out.w += gap
		out.place(&boxes[i], out.w, 0)
		out.w += boxes[i].w
		out.h, out.d = max(out.h, boxes[i].h), max(out.d, boxes[i].d)
		out.italic = boxes[i].italic
		prev = i
	}
	if len(kids) == 1 {
		out.single, out.accent, out.italic = boxes[0].single, boxes[0].accent, boxes[0].italic
	} else {
		out.accent = out.w / 2
	}
	if split {
		out.text = linearText(kids[partStart:])
		parts = append(parts, rowPart{box: out})
	}
	return out, parts
}

// linearText is the linear form of a row of atoms.
func linearText(kids []*formula.Node) string {
	return formula.Linear(&formula.Node{Kind: formula.Row, Kids: kids})
}

// rowPart is a piece of a formula's top row between line break
// opportunities.
type rowPart struct {
	box     mbox
	after   page.Unit // the space after it when the line does not break there
	penalty int
}

// breakPenalty is TeX's penalty for a break after a relation (500) or a
// binary operator (700).
func breakPenalty(c formula.Class) int {
	if c == formula.Rel {
		return 500
	}
	return 700
}

// delimiter sets a fence grown to cover h above and d below the
// baseline, symmetric about the axis, by TeX's rule: at least 90.1% of
// the height and within 5 pt of it.
func (m *mathSetter) delimiter(text string, h, d page.Unit, st mstyle) mbox {
	size := m.size(st)
	axis := m.k(fonts.AxisHeight, st)
	if text == "" || text == "." {
		return mbox{w: size / 10} // \nulldelimiterspace
	}
	r := []rune(text)
	if len(r) != 1 {
		return m.text(text, size)
	}
	delta := max(h-axis, d+axis)
	target := max(delta*2*901/1000, 2*delta-page.Pt(5))
	b := m.stretchV(r[0], target, size)
	shift := (b.h-b.d)/2 - axis
	for i := range b.items {
		b.items[i].Y += shift
	}
	b.h, b.d = b.h-shift, b.d+shift
	b.class = formula.OperatorClass(text)
	return b
}

// stretchV sets r at least target tall (its ink's height plus depth),
// as OpenType math grows a glyph: as it is, else as the first of its
// vertical variants whose advance in the MATH table is tall enough, else as an assembly of its
// parts, else as its largest variant. Variants and parts are drawn
// through the private use characters the math face's loading gave them.
func (m *mathSetter) stretchV(r rune, target, size page.Unit) mbox {
	b := m.text(string(r), size)
	if b.h+b.d >= target || target <= 0 {
		return b
	}
	c := m.mt.Vertical[m.face.GlyphIndex(r)]
	if c == nil {
		return b
	}
	largest := b
	for _, v := range c.Variants {
		vr, ok := m.face.VariantRune(v.Glyph, true)
		if !ok {
			continue
		}
		largest = m.text(string(vr), size)
		if m.fu(v.Advance, size) >= target {
			return largest
		}
	}
	if a, ok := m.assembly(c.Assembly, target, size); ok {
		return a
	}
	return largest
}

// assembly stacks the parts of a vertical glyph assembly bottom up, as
// OpenType math does: its extenders repeated as few times as make it at
// least target tall with the least overlap of connectors, then the
// overlaps grown alike (within the connectors' lengths) to come as near
// target as they can. The part across its middle is drawn with its
// speaking character, the others silent, so the whole copies as one
// character. ok is false when there are no parts or a part cannot be
// drawn.
func (m *mathSetter) assembly(parts []fonts.GlyphPart, target, size page.Unit) (mbox, bool) {
	seq, overlap, height, ok := m.assemblyParts(parts, target, size)
	if !ok {
		return mbox{}, false
	}
	// the part across the middle speaks
	speaker, y := 0, page.Unit(0)
	for i, p := range seq {
		if y <= height/2 {
			speaker = i
		}
		y += m.fu(p.FullAdvance, size) - overlap
	}
	var b mbox
	y = 0 // the bottom of the next part, up from the stack's bottom
	for i, p := range seq {
		pr, _ := m.face.VariantRune(p.Glyph, i == speaker)
		part := m.text(string(pr), size)
		ink := m.face.GlyphBox(p.Glyph)
		// the part's ink bottom on y, the stack centred on the baseline
		b.place(&part, 0, height/2-y+m.fu(ink.YMin, size))
		b.w = max(b.w, part.w)
		y += m.fu(p.FullAdvance, size) - overlap
	}
	b.h, b.d = height-height/2, height/2
	return b, true
}

// assemblyParts returns the parts of a glyph assembly in order, its
// extenders repeated as few times as make it at least target long with
// the least overlap of connectors, the overlap of each pair (grown alike,
// within the connectors' lengths, to come as near target as it can), and
// the length they make. ok is false when there are no parts or a part
// cannot be drawn.
func (m *mathSetter) assemblyParts(parts []fonts.GlyphPart, target, size page.Unit) (seq []fonts.GlyphPart, overlap, length page.Unit, ok bool) {
	if len(parts) == 0 || len(parts) > 16 {
		return nil, 0, 0, false
	}
	minOverlap := m.fu(m.mt.MinConnectorOverlap, size)
	var fixed, ext page.Unit // lengths less the least overlap
	nExt := 0
	for _, p := range parts {
		if _, ok := m.face.VariantRune(p.Glyph, false); !ok {
			return nil, 0, 0, false
		}
		a := m.fu(p.FullAdvance, size) - minOverlap
		if p.Extender {
			ext += a
			nExt++
		} else {
			fixed += a
		}
	}
	reps := 0
	if nExt > 0 && ext > 0 {
		for fixed+minOverlap+page.Unit(reps)*ext < target && reps < 64 {
			reps++
		}
	}
	for _, p := range parts {
		n := 1
		if p.Extender {
			n = reps
		}
		for range n {
			seq = append(seq, p)
		}
	}
	var full page.Unit
	maxOverlap := page.Unit(1) << 40
	for i, p := range seq {
		full += m.fu(p.FullAdvance, size)
		if i > 0 {
			maxOverlap = min(maxOverlap, m.fu(min(seq[i-1].EndConnector, p.StartConnector), size))
		}
	}
	overlap = minOverlap
	if n := page.Unit(len(seq) - 1); n > 0 && full-target > n*minOverlap {
		overlap = min(max((full-target)/n, minOverlap), max(maxOverlap, minOverlap))
	}
	return seq, overlap, full - page.Unit(len(seq)-1)*overlap, true
}

// fraction sets a fraction (or a binomial's stack without a rule).
func (m *mathSetter) fraction(n *formula.Node, st mstyle, depth int) mbox {
	num := m.node(kid(n, 0), st.num(), depth)
	den := m.node(kid(n, 1), st.den(), depth)
	display := st.level == 0
	pick := func(d, t fonts.MathConstant) page.Unit {
		if display {
			return m.k(d, st)
		}
		return m.k(t, st)
	}
	axis := m.k(fonts.AxisHeight, st)
	var u, v page.Unit // numerator shift up, denominator shift down
	var t page.Unit
	if n.NoRule {
		u = pick(fonts.StackTopDisplayStyleShiftUp, fonts.StackTopShiftUp)
		v = pick(fonts.StackBottomDisplayStyleShiftDown, fonts.StackBottomShiftDown)
		gap := pick(fonts.StackDisplayStyleGapMin, fonts.StackGapMin)
		if have := (u - num.d) - (den.h - v); have < gap {
			u += (gap - have) / 2
			v += gap - have - (gap-have)/2
		}
	} else {
		t = m.k(fonts.FractionRuleThickness, st)
		u = pick(fonts.FractionNumeratorDisplayStyleShiftUp, fonts.FractionNumeratorShiftUp)
		v = pick(fonts.FractionDenominatorDisplayStyleShiftDown, fonts.FractionDenominatorShiftDown)
		gapN := pick(fonts.FractionNumDisplayStyleGapMin, fonts.FractionNumeratorGapMin)
		gapD := pick(fonts.FractionDenomDisplayStyleGapMin, fonts.FractionDenominatorGapMin)
		if have := (u - num.d) - (axis + t/2); have < gapN {
			u += gapN - have
		}
		if have := (axis - t/2) - (den.h - v); have < gapD {
			v += gapD - have
		}
	}
	pad := m.size(st) / 10 // \nulldelimiterspace on each side
	w := max(num.w, den.w)
	var b mbox
	b.w = w + 2*pad
	b.place(&num, pad+(w-num.w)/2, -u)
	b.place(&den, pad+(w-den.w)/2, v)
	if !n.NoRule {
		b.items = append(b.items, mitem{rule: true, X: pad, Y: -(axis + t/2), W: w, H: t})
	}
	b.h, b.d = u+num.h, v+den.d
	b.accent = b.w / 2
	b.class = formula.Inner
	return b
}

// radical sets a square root, or a root with its degree.
func (m *mathSetter) radical(n *formula.Node, st mstyle, depth int) mbox {
	body := m.node(kid(n, 0), st.cramp(), depth)
	gap := m.k(fonts.RadicalVerticalGap, st)
	if st.level == 0 {
		gap = m.k(fonts.RadicalDisplayStyleVerticalGap, st)
	}
	t := m.k(fonts.RadicalRuleThickness, st)
	extra := m.k(fonts.RadicalExtraAscender, st)
	target := body.h + body.d + gap + t
	sign := m.stretchV('√', target, m.size(st))
	// the sign's top meets the rule's top
	if have := sign.h + sign.d; have > target {
		gap += (have - target) / 2
	}
	top := body.h + gap + t // the rule's top above the baseline
	shift := top - sign.h   // raise the sign by this
	var b mbox
	x := page.Unit(0)
	if deg := kid(n, 1); deg != nil {
		degree := m.node(deg, mstyle{level: 3}, depth)
		before := m.k(fonts.RadicalKernBeforeDegree, st)
		after := m.k(fonts.RadicalKernAfterDegree, st)
		raise := page.Unit(int64(sign.h+sign.d) * int64(m.mt.Constant(fonts.RadicalDegreeBottomRaisePercent)) / 100)
		dy := -(raise - (sign.d - shift)) - degree.d
		b.place(&degree, before, dy)
		b.h = max(b.h, -dy+degree.h)
		x = max(0, before+degree.w+after)
	}
	b.place(&sign, x, -shift)
	x += sign.w
	b.items = append(b.items, mitem{rule: true, X: x - t/2, Y: -top, W: body.w + t/2, H: t})
	b.place(&body, x, 0)
	b.w = x + body.w
	b.h = max(b.h, top+extra)
	b.d = max(body.d, sign.d-shift)
	b.accent = b.w / 2
	return b
}

// scripts attaches a subscript and a superscript (either may be nil) to
// base by the MATH constants.
func (m *mathSetter) scripts(base mbox, subN, supN *formula.Node, st mstyle, depth int, integral bool) mbox {
	b := mbox{w: base.w, h: base.h, d: base.d, class: base.class}
	b.place(&base, 0, 0)
	baseH, baseD := base.h, base.d
	if base.single && !integral {
		// a letter's scripts go by its own height, not a drop from it
		baseH, baseD = 0, 0
	}
	var sub, sup mbox
	var u, v page.Unit
	if supN != nil {
		sup = m.node(supN, st.script(), depth)
		up := m.k(fonts.SuperscriptShiftUp, st)
		if st.cramped {
			up = m.k(fonts.SuperscriptShiftUpCramped, st)
		}
		u = max(up, baseH-m.k(fonts.SuperscriptBaselineDropMax, st.script()), sup.d+m.k(fonts.SuperscriptBottomMin, st))
	}
	if subN != nil {
		sub = m.node(subN, st.sub(), depth)
		v = max(m.k(fonts.SubscriptShiftDown, st), baseD+m.k(fonts.SubscriptBaselineDropMin, st.script()), sub.h-m.k(fonts.SubscriptTopMax, st))
	}
	if supN != nil && subN != nil {
		gapMin := m.k(fonts.SubSuperscriptGapMin, st)
		if gap := (u - sup.d) - (sub.h - v); gap < gapMin {
			v += gapMin - gap
			if psi := m.k(fonts.SuperscriptBottomMaxWithSubscript, st) - (u - sup.d); psi > 0 {
				u += psi
				v -= psi
			}
		}
	}
	after := m.k(fonts.SpaceAfterScript, st)
	w := base.w
	if supN != nil {
		b.place(&sup, base.w+base.italic, -u)
		w = max(w, base.w+base.italic+sup.w)
		b.h = max(b.h, u+sup.h)
	}
	if subN != nil {
		x := base.w
		if integral {
			x -= base.italic
		}
		b.place(&sub, x, v)
		w = max(w, x+sub.w)
		b.d = max(b.d, v+sub.d)
	}
	b.w = w + after
	b.accent = base.accent
	return b
}
