package layout

import (
	"strings"

	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/formula"
	"github.com/galleyprint/galley/page"
)

// The larger constructions of a formula: limits and accents, fenced
// groups and tables (see mathset.go for the rest).

// underOver sets limits under and over an operator, an accent over a
// base, or a stack (\overset).
func (m *mathSetter) underOver(n *formula.Node, st mstyle, depth int) mbox {
	baseN, underN, overN := kid(n, 0), kid(n, 1), kid(n, 2)
	if !n.Accent && baseN != nil && baseN.Kind == formula.Operator && baseN.Limits && st.level != 0 {
		// limits go beside an operator outside display style
		base := m.node(baseN, st, depth)
		return m.scripts(base, underN, overN, st, depth, false)
	}
	if n.Accent {
		return m.accent(n, st, depth)
	}
	base := m.node(baseN, st, depth)
	var over, under mbox
	var u, v page.Unit
	w := base.w
	if overN != nil {
		over = m.node(overN, st.script(), depth)
		u = max(m.k(fonts.UpperLimitBaselineRiseMin, st), m.k(fonts.UpperLimitGapMin, st)+over.d)
		w = max(w, over.w)
	}
	if underN != nil {
		under = m.node(underN, st.sub(), depth)
		v = max(m.k(fonts.LowerLimitBaselineDropMin, st), m.k(fonts.LowerLimitGapMin, st)+under.h)
		w = max(w, under.w)
	}
	b := mbox{w: w, h: base.h, d: base.d, class: base.class}
	b.place(&base, (w-base.w)/2, 0)
	if overN != nil {
		b.place(&over, (w-over.w)/2, -(base.h + u))
		b.h = base.h + u + over.h
	}
	if underN != nil {
		b.place(&under, (w-under.w)/2, base.d+v)
		b.d = base.d + v + under.d
	}
	b.accent = w / 2
	return b
}

// accent sets an accent over (or under) its base: a bar as a rule, a
// stretchy one scaled to the base's width, others on the base's top
// accent attachment.
func (m *mathSetter) accent(n *formula.Node, st mstyle, depth int) mbox {
	baseN, underN, overN := kid(n, 0), kid(n, 1), kid(n, 2)
	base := m.node(baseN, st.cramp(), depth)
	acc := overN
	under := false
	if acc == nil {
		acc, under = underN, true
	}
	b := mbox{w: base.w, h: base.h, d: base.d, class: formula.Ord}
	b.place(&base, 0, 0)
	if acc == nil {
		return b
	}
	size := m.size(st)
	text := acc.Text
	if acc.Kind != formula.Operator {
		text = formula.Linear(acc)
	}
	if strings.ContainsAny(text, "‾¯_") && acc.Stretchy || text == "‾" || text == "_" {
		// \overline, \underline: a rule
		if under {
			gap, t := m.k(fonts.UnderbarVerticalGap, st), m.k(fonts.UnderbarRuleThickness, st)
			b.items = append(b.items, mitem{rule: true, X: 0, Y: base.d + gap, W: base.w, H: t})
			b.d = base.d + gap + t + m.k(fonts.UnderbarExtraDescender, st)
		} else {
			gap, t := m.k(fonts.OverbarVerticalGap, st), m.k(fonts.OverbarRuleThickness, st)
			b.items = append(b.items, mitem{rule: true, X: 0, Y: -(base.h + gap + t), W: base.w, H: t})
			b.h = base.h + gap + t + m.k(fonts.OverbarExtraAscender, st)
		}
		return b
	}
	mark := combiningAccent(text)
	if mark == 0 || !m.face.Has(mark) {
		mark = 0
	} else {
		text = string(mark)
	}
	a := m.text(text, size)
	if r := []rune(text); acc.Stretchy && len(r) == 1 && base.w > a.w {
		// a wide accent: the first of the face's horizontal variants as
		// wide as the base, else the widest; of the combining mark, or
		// else of the spacing character (an arrow)
		wide, ok := m.stretchH(r[0], base.w, size)
		if spacing := []rune(acc.Text); mark != 0 && len(spacing) == 1 && (!ok || wide.w < base.w*9/10) {
			if sw, sok := m.stretchH(spacing[0], base.w, size); sok {
				wide, ok, mark, text = sw, true, 0, acc.Text
			}
		}
		if ok {
			a = wide
		} else if mark == 0 && a.w > 0 {
			k := min(float64(base.w)/float64(a.w), 3)
			a = m.text(text, page.Unit(float64(size)*k))
		}
	}
	x := base.accent - a.accent
	switch {
	case len(a.items) > 1:
		// an assembly: centred on the base
		x = base.accent - a.w/2
	case mark != 0:
		// a combining mark, or a variant of one: placed by its own
		// attachment or its ink's middle on the base's
		ink := m.face.GlyphBox(m.face.GlyphIndex([]rune(a.items[0].Text)[0]))
		attach := m.fu((ink.XMin+ink.XMax)/2, a.items[0].Size)
		if ta := m.glyph([]rune(a.items[0].Text)[0]).topAccent; ta >= 0 && !acc.Stretchy {
			attach = m.fu(ta, a.items[0].Size)
		}
		x = base.accent - attach
		a.w = 0
	case acc.Stretchy:
		x = (base.w - a.w) / 2
	}
	if under {
		gap := m.k(fonts.UnderbarVerticalGap, st)
		b.place(&a, x, base.d+gap+a.h)
		b.d = base.d + gap + a.h + a.d
		return b
	}
	// a combining accent is designed for a base of accentBaseHeight:
	// raise it by what the base has above that; a spacing one (an arrow,
	// a brace) goes a gap above the base
	raise := max(0, base.h-m.k(fonts.AccentBaseHeight, st))
	if mark == 0 && len(a.items) > 0 {
		raise = max(base.h, m.k(fonts.AccentBaseHeight, st)) + m.k(fonts.OverbarVerticalGap, st) - m.inkBottom(a)
	}
	b.place(&a, x, -raise)
	b.h = max(base.h, raise+a.h)
	if x < 0 {
		// an accent wider than its base: shift all right
		for i := range b.items {
			b.items[i].X -= x
		}
		b.w -= x
	}
	b.w = max(b.w, x+a.w)
	return b
}

// inkBottom returns the lowest point of the ink of b's glyphs, up from
// its baseline.
func (m *mathSetter) inkBottom(b mbox) page.Unit {
	bottom := page.Unit(1) << 40
	for _, it := range b.items {
		if it.rule || it.Text == "" {
			bottom = min(bottom, -it.Y-it.H)
			continue
		}
		for _, r := range it.Text {
			bottom = min(bottom, -it.Y+m.fu(m.face.GlyphBox(m.face.GlyphIndex(r)).YMin, it.Size))
		}
	}
	if bottom == page.Unit(1)<<40 {
		return 0
	}
	return bottom
}

// stretchH sets r at least target wide as the first of its horizontal
// MATH variants that is (a wide hat, a long arrow), else as an assembly
// of its parts, else as its widest variant; ok is false when the face
// has none.
func (m *mathSetter) stretchH(r rune, target, size page.Unit) (mbox, bool) {
	c := m.mt.Horizontal[m.face.GlyphIndex(r)]
	if c == nil {
		return mbox{}, false
	}
	var widest mbox
	ok := false
	for _, v := range c.Variants {
		vr, has := m.face.VariantRune(v.Glyph, true)
		if !has {
			continue
		}
		widest, ok = m.text(string(vr), size), true
		if m.fu(v.Advance, size) >= target {
			return widest, true
		}
	}
	if a, aok := m.assemblyH(c.Assembly, target, size); aok {
		return a, true
	}
	return widest, ok
}

// assemblyH sets the parts of a horizontal glyph assembly left to right
// on the baseline, as assembly stacks vertical ones: extenders repeated
// as few times as make it target wide, the overlaps then grown alike to
// come near target; the middle part speaks, the others are silent.
func (m *mathSetter) assemblyH(parts []fonts.GlyphPart, target, size page.Unit) (mbox, bool) {
	seq, overlap, width, ok := m.assemblyParts(parts, target, size)
	if !ok {
		return mbox{}, false
	}
	var b mbox
	x := page.Unit(0) // the left of the next part
	for i, p := range seq {
		pr, _ := m.face.VariantRune(p.Glyph, i == len(seq)/2)
		part := m.text(string(pr), size)
		ink := m.face.GlyphBox(p.Glyph)
		b.place(&part, x-m.fu(ink.XMin, size), 0)
		b.h, b.d = max(b.h, part.h), max(b.d, part.d)
		x += m.fu(p.FullAdvance, size) - overlap
	}
	b.w = width
	b.accent = width / 2
	return b, true
}

// fenced sets a body between delimiters grown to its height.
func (m *mathSetter) fenced(n *formula.Node, st mstyle, depth int) mbox {
	var kids []*formula.Node
	for _, k := range n.Kids {
		if k != nil && k.Kind == formula.Row {
			kids = append(kids, k.Kids...)
		} else if k != nil {
			kids = append(kids, k)
		}
	}
	body := m.row(kids, st, depth)
	open := m.delimiter(n.Open, body.h, body.d, st)
	close := m.delimiter(n.Close, body.h, body.d, st)
	var b mbox
	b.place(&open, 0, 0)
	b.place(&body, open.w, 0)
	b.place(&close, open.w+body.w, 0)
	b.w = open.w + body.w + close.w
	b.h = max(open.h, body.h, close.h)
	b.d = max(open.d, body.d, close.d)
	b.accent = b.w / 2
	b.class = formula.Inner
	return b
}

// table sets a matrix, cases or aligned equations, centred on the axis.
func (m *mathSetter) table(n *formula.Node, st mstyle, depth int) mbox {
	cellStyle := styleText
	aligned := strings.HasPrefix(n.Align, "rl") || n.Align == "rcl"
	if aligned && st.level == 0 {
		cellStyle = styleDisplay
	}
	if n.Style != formula.StyleAuto {
		cellStyle = forced(n.Style, cellStyle)
	}
	if st.level >= 2 && cellStyle.level < st.level {
		cellStyle.level = st.level
	}
	size := m.size(cellStyle)
	cols := 0
	for _, r := range n.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return mbox{}
	}
	cells := make([][]mbox, len(n.Rows))
	colW := make([]page.Unit, cols)
	rowH := make([]page.Unit, len(n.Rows))
	rowD := make([]page.Unit, len(n.Rows))
	align := func(j int) byte {
		if n.Align == "" {
			return 'c'
		}
		if aligned {
			return n.Align[j%len(n.Align)]
		}
		return n.Align[min(j, len(n.Align)-1)]
	}
	for i, r := range n.Rows {
		cells[i] = make([]mbox, len(r))
		rowH[i], rowD[i] = size*7/10, size*3/10 // a strut
		for j, c := range r {
			kids := []*formula.Node{c}
			for c != nil && c.Kind == formula.Row && len(c.Kids) == 1 && c.Kids[0] != nil && c.Kids[0].Kind == formula.Row {
				c = c.Kids[0] // MathML's <mtd><mrow>…</mrow></mtd>
			}
			if aligned && align(j) == 'l' && c != nil && c.Kind == formula.Row && len(c.Kids) > 0 {
				// "&=": the relation keeps its space on the left
				kids = append([]*formula.Node{{Kind: formula.Row}}, c.Kids...)
			}
			cells[i][j] = m.row(kids, cellStyle, depth)
			colW[j] = max(colW[j], cells[i][j].w)
			rowH[i], rowD[i] = max(rowH[i], cells[i][j].h), max(rowD[i], cells[i][j].d)
		}
	}
	colGap := size // a matrix's columns: 2 \arraycolsep
	if aligned {
		colGap = 0
	}
	rowGap := size / 5
	var b mbox
	y := page.Unit(0) // top of the row, down from the table's top
	for i := range n.Rows {
		base := y + rowH[i]
		x := page.Unit(0)
		for j := range cols {
			if j > 0 {
				gap := colGap
				if aligned && j%2 == 0 {
					gap = 2 * size // between pairs of aligned columns
				}
				x += gap
			}
			if j < len(cells[i]) {
				c := &cells[i][j]
				off := (colW[j] - c.w) / 2
				switch align(j) {
				case 'l':
					off = 0
				case 'r':
					off = colW[j] - c.w
				}
				b.place(c, x+off, base)
			}
			x += colW[j]
		}
		b.w = max(b.w, x)
		y = base + rowD[i] + rowGap
	}
	total := y - rowGap
	axis := m.k(fonts.AxisHeight, st)
	// the table's middle on the axis: its top at total/2 + axis above the baseline
	top := total/2 + axis
	for i := range b.items {
		b.items[i].Y -= top
	}
	b.h, b.d = top, total-top
	pad := m.size(st) / 10
	for i := range b.items {
		b.items[i].X += pad
	}
	b.w += 2 * pad
	b.accent = b.w / 2
	b.class = formula.Inner
	return b
}

// combiningAccent returns the combining mark of an accent character,
// which a math font draws over a base of AccentBaseHeight; 0 for none.
func combiningAccent(s string) rune {
	switch s {
	case "^", "ˆ", "\u0302":
		return '\u0302'
	case "~", "˜", "\u0303":
		return '\u0303'
	case "¯", "\u0304":
		return '\u0304'
	case "˙", "\u0307":
		return '\u0307'
	case "¨", "\u0308":
		return '\u0308'
	case "→", "\u20D7":
		return '\u20D7'
	case "´", "\u0301":
		return '\u0301'
	case "`", "\u0300":
		return '\u0300'
	case "˘", "\u0306":
		return '\u0306'
	case "ˇ", "\u030C":
		return '\u030C'
	case "˚", "\u030A":
		return '\u030A'
	case "⃛":
		return '⃛'
	}
	return 0
}
