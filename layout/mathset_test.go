package layout

import (
	"context"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/formula"
	"github.com/galleyprint/galley/page"
)

// testSetter is a math setter at 10 pt, where 1 font unit is 10/1000 pt.
func testSetter(t *testing.T) *mathSetter {
	t.Helper()
	face, err := fonts.MathFace()
	if err != nil {
		t.Fatal(err)
	}
	m, err := newMathSetter(face, page.Pt(10), page.Black, func(rune) *fonts.Face { return nil })
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func setTeX(t *testing.T, m *mathSetter, tex string, st mstyle) mbox {
	t.Helper()
	f, err := formula.ParseTeX(tex, st.level == 0)
	if err != nil {
		t.Fatal(err)
	}
	return m.node(f.Root, st, 0)
}

// itemOf returns the text item drawing s.
func itemOf(t *testing.T, b mbox, s string) mitem {
	t.Helper()
	for _, it := range b.items {
		if !it.rule && it.Text == s {
			return it
		}
	}
	t.Fatalf("no item %q in %+v", s, b.items)
	return mitem{}
}

func rules(b mbox) []mitem {
	var out []mitem
	for _, it := range b.items {
		if it.rule {
			out = append(out, it)
		}
	}
	return out
}

func TestMathScriptSizes(t *testing.T) {
	m := testSetter(t)
	b := setTeX(t, m, `x^{a^b}`, styleText)
	if got, want := itemOf(t, b, "𝑎").Size, m.base*page.Unit(m.mt.Constant(fonts.ScriptPercentScaleDown))/100; got != want {
		t.Errorf("script size %v, want %v (scriptPercentScaleDown)", got, want)
	}
	if got, want := itemOf(t, b, "𝑏").Size, m.base*page.Unit(m.mt.Constant(fonts.ScriptScriptPercentScaleDown))/100; got != want {
		t.Errorf("scriptscript size %v, want %v (scriptScriptPercentScaleDown)", got, want)
	}
}

func TestMathScriptShifts(t *testing.T) {
	m := testSetter(t)
	sup := setTeX(t, m, `x^2`, styleText)
	if got, want := -itemOf(t, sup, "2").Y, m.k(fonts.SuperscriptShiftUp, styleText); got != want {
		t.Errorf("x^2: superscript raised %v, want superscriptShiftUp %v", got, want)
	}
	cramped := setTeX(t, m, `x^2`, styleText.cramp())
	if got, want := -itemOf(t, cramped, "2").Y, m.k(fonts.SuperscriptShiftUpCramped, styleText); got != want {
		t.Errorf("cramped x^2: superscript raised %v, want superscriptShiftUpCramped %v", got, want)
	}
	sub := setTeX(t, m, `x_2`, styleText)
	if got, want := itemOf(t, sub, "2").Y, m.k(fonts.SubscriptShiftDown, styleText); got != want {
		t.Errorf("x_2: subscript lowered %v, want subscriptShiftDown %v", got, want)
	}
	// both: the gap between them at least subSuperscriptGapMin
	both := setTeX(t, m, `x_{\int}^{\int}`, styleText)
	var ys []page.Unit
	for _, it := range both.items {
		if it.Text == "∫" {
			ys = append(ys, it.Y)
		}
	}
	if len(ys) != 2 {
		t.Fatalf("items %+v", both.items)
	}
	sz := m.size(styleText.script())
	g := m.glyphInk('∫')
	supBottom := ys[0] + m.fu(-g.YMin, sz) // y down: the superscript's ink bottom
	subTop := ys[1] - m.fu(g.YMax, sz)
	if gap := subTop - supBottom; gap < m.k(fonts.SubSuperscriptGapMin, styleText)-1 {
		t.Errorf("sub/sup gap %v, want at least subSuperscriptGapMin %v", gap, m.k(fonts.SubSuperscriptGapMin, styleText))
	}
}

func TestMathFractionGeometry(t *testing.T) {
	m := testSetter(t)
	for _, st := range []mstyle{styleDisplay, styleText} {
		b := setTeX(t, m, `\frac{x}{y}`, st)
		r := rules(b)
		if len(r) != 1 {
			t.Fatalf("%d rules", len(r))
		}
		thick, axis := m.k(fonts.FractionRuleThickness, st), m.k(fonts.AxisHeight, st)
		if r[0].H != thick {
			t.Errorf("style %d: rule %v thick, want fractionRuleThickness %v", st.level, r[0].H, thick)
		}
		if mid := -(r[0].Y + r[0].H/2); mid < axis-1 || mid > axis+1 {
			t.Errorf("style %d: rule centred at %v, want the axis %v", st.level, mid, axis)
		}
		shiftUp, gapN := fonts.FractionNumeratorShiftUp, fonts.FractionNumeratorGapMin
		shiftDown, gapD := fonts.FractionDenominatorShiftDown, fonts.FractionDenominatorGapMin
		if st.level == 0 {
			shiftUp, gapN = fonts.FractionNumeratorDisplayStyleShiftUp, fonts.FractionNumDisplayStyleGapMin
			shiftDown, gapD = fonts.FractionDenominatorDisplayStyleShiftDown, fonts.FractionDenomDisplayStyleGapMin
		}
		num, den := itemOf(t, b, "𝑥"), itemOf(t, b, "𝑦")
		if -num.Y < m.k(shiftUp, st) {
			t.Errorf("style %d: numerator raised %v, want at least %v", st.level, -num.Y, m.k(shiftUp, st))
		}
		if den.Y < m.k(shiftDown, st) {
			t.Errorf("style %d: denominator lowered %v, want at least %v", st.level, den.Y, m.k(shiftDown, st))
		}
		ns := m.size(st.num())
		gx := m.glyphInk('𝑥')
		if gap := r[0].Y - (num.Y + m.fu(-gx.YMin, ns)); gap < m.k(gapN, st)-1 {
			t.Errorf("style %d: numerator %v above the rule, want at least %v", st.level, gap, m.k(gapN, st))
		}
		gy := m.glyphInk('𝑦')
		if gap := (den.Y - m.fu(gy.YMax, ns)) - (r[0].Y + r[0].H); gap < m.k(gapD, st)-1 {
			t.Errorf("style %d: denominator %v below the rule, want at least %v", st.level, gap, m.k(gapD, st))
		}
	}
}

// TestMathDelimiterSizes checks TeX's rule for \left and \right: the
// delimiters cover at least 90.1% of the body's extent about the axis
// (and come within 5 pt of it), as the first of the font's variants tall
// enough or, beyond the largest, as an assembly of its parts of which
// one copies as the delimiter and the others as spaces.
func TestMathDelimiterSizes(t *testing.T) {
	m := testSetter(t)
	for _, c := range []struct {
		tex      string
		assembly bool // beyond the largest variant
	}{
		{`\frac{a}{b}`, false},
		{`\frac{a^2}{b_1}`, false},
		{`\frac{\sum_{k=1}^n k}{2}`, false},
		{`\begin{matrix}1\\2\end{matrix}`, false},
		{`\frac{\frac{a}{b}}{\frac{c}{d}}`, true},
		{`\begin{matrix}1\\2\\3\end{matrix}`, true},
		{`\begin{matrix}1\\2\\3\\4\\5\\6\\7\end{matrix}`, true},
	} {
		body := setTeX(t, m, c.tex, styleDisplay)
		fenced := setTeX(t, m, `\left(`+c.tex+`\right)`, styleDisplay)
		axis := m.k(fonts.AxisHeight, styleDisplay)
		delta := max(body.h-axis, body.d+axis)
		want := max(delta*2*901/1000, 2*delta-page.Pt(5))
		if got := fenced.h + fenced.d; got < want {
			t.Errorf("%s: delimiters %v tall, want at least %v", c.tex, got, want)
		}
		if fenced.w <= body.w {
			t.Errorf("%s: no room for the delimiters", c.tex)
		}
		// the open delimiter's glyphs: those left of the body
		var drawn []string
		for _, it := range fenced.items {
			if !it.rule && it.X == 0 {
				drawn = append(drawn, it.Text)
			}
		}
		paren := m.mt.Vertical[m.face.GlyphIndex('(')]
		t.Logf("%s: %v tall about the axis, ( %v", c.tex, 2*delta, fenced.h+fenced.d)
		if largest := paren.Variants[len(paren.Variants)-1]; c.assembly != (m.fu(largest.Advance, m.base) < want) {
			t.Fatalf("%s: the case is mislabelled: want %v, the largest variant is %v", c.tex, want, m.fu(largest.Advance, m.base))
		}
		if !c.assembly {
			var wantGlyph uint16
			for _, v := range paren.Variants {
				if m.fu(v.Advance, m.base) >= want {
					wantGlyph = v.Glyph
					break
				}
			}
			wantText := string(fonts.VariantSpeaking + rune(wantGlyph))
			if wantGlyph == m.face.GlyphIndex('(') {
				wantText = "("
			}
			if len(drawn) != 1 || drawn[0] != wantText {
				t.Errorf("%s: ( drawn as %q, want the variant of glyph %d (%q)", c.tex, drawn, wantGlyph, wantText)
			}
			continue
		}
		speaking := 0
		for _, d := range drawn {
			r := []rune(d)
			if len(r) != 1 || r[0] < fonts.VariantSpeaking {
				t.Errorf("%s: an assembly part drawn as %q", c.tex, d)
			}
			if text, _ := m.face.PrivateText(r[0]); text == "(" {
				speaking++
			}
		}
		if len(drawn) < len(paren.Assembly) || speaking != 1 {
			t.Errorf("%s: ( drawn as %q: want an assembly of at least %d parts, one of them copying as (", c.tex, drawn, len(paren.Assembly))
		}
		if got := fenced.h + fenced.d; got > 2*delta+page.Pt(5) {
			t.Errorf("%s: assembly %v tall for a body of %v", c.tex, got, 2*delta)
		}
	}
	// a small body keeps the delimiters' natural size
	if b, plain := setTeX(t, m, `\left(x\right)`, styleText), setTeX(t, m, `(x)`, styleText); b.h != plain.h || b.d != plain.d {
		t.Errorf("\\left( x \\right) is %v+%v, (x) is %v+%v", b.h, b.d, plain.h, plain.d)
	}
}

// TestMathDisplayOperator checks that a large operator in display style
// is the first of its MATH variants at least DisplayOperatorMinHeight
// tall, drawn as that glyph (through its private use character), and
// that in text style it keeps its own glyph.
func TestMathDisplayOperator(t *testing.T) {
	m := testSetter(t)
	minH := m.mt.Constant(fonts.DisplayOperatorMinHeight)
	for _, c := range []struct {
		tex string
		op  rune
	}{{`\sum`, '∑'}, {`\int`, '∫'}, {`\prod`, '∏'}} {
		var want fonts.GlyphVariant
		for _, v := range m.mt.Vertical[m.face.GlyphIndex(c.op)].Variants {
			if v.Advance >= minH {
				want = v
				break
			}
		}
		if want.Glyph == 0 {
			t.Fatalf("%s: the font has no variant of %d units", c.tex, minH)
		}
		d := setTeX(t, m, c.tex, styleDisplay)
		if len(d.items) != 1 || d.items[0].Text != string(fonts.VariantSpeaking+rune(want.Glyph)) {
			t.Errorf("display %s draws %+v, want glyph %d", c.tex, d.items, want.Glyph)
		}
		if h := d.h + d.d; h < m.fu(want.Advance, m.base)*95/100 {
			t.Errorf("display %s %v tall, want the variant's %v", c.tex, h, m.fu(want.Advance, m.base))
		}
		if h := d.h + d.d; h < m.k(fonts.DisplayOperatorMinHeight, styleDisplay) {
			t.Errorf("display %s %v tall, want at least displayOperatorMinHeight %v", c.tex, h, m.k(fonts.DisplayOperatorMinHeight, styleDisplay))
		}
		if tx := setTeX(t, m, c.tex, styleText); tx.h+tx.d >= d.h+d.d || tx.items[0].Text != string(c.op) {
			t.Errorf("text %s %v tall (%q), not smaller than display %v", c.tex, tx.h+tx.d, tx.items[0].Text, d.h+d.d)
		}
	}
	d := setTeX(t, m, `\sum`, styleDisplay)
	// limits under and over in display, beside in text
	lim := setTeX(t, m, `\sum_{k=1}^{n}`, styleDisplay)
	if n := itemOf(t, lim, "𝑛"); n.X+n.W > lim.w || -n.Y < d.h {
		t.Errorf("display limit n at %v,%v: not over the ∑", n.X, n.Y)
	}
	side := setTeX(t, m, `\sum_{k=1}^{n}`, styleText)
	if n := itemOf(t, side, "𝑛"); n.X < itemOf(t, side, "∑").W {
		t.Errorf("text limit n at x %v: not beside the ∑", n.X)
	}
}

func TestMathSpacing(t *testing.T) {
	m := testSetter(t)
	b := setTeX(t, m, `a+b=c`, styleText)
	a, plus, bb := itemOf(t, b, "𝑎"), itemOf(t, b, "+"), itemOf(t, b, "𝑏")
	if got, want := plus.X-(a.X+a.W), m.mu(4, styleText); got != want {
		t.Errorf("space before a binary operator %v, want a medium space %v", got, want)
	}
	if got, want := bb.X-(plus.X+plus.W), m.mu(4, styleText); got != want {
		t.Errorf("space after a binary operator %v, want %v", got, want)
	}
	eq := itemOf(t, b, "=")
	if got, want := eq.X-(bb.X+bb.W), m.mu(5, styleText); got != want {
		t.Errorf("space before a relation %v, want a thick space %v", got, want)
	}
	// a unary minus takes no space
	u := setTeX(t, m, `-b`, styleText)
	if minus, bb := itemOf(t, u, "−"), itemOf(t, u, "𝑏"); bb.X != minus.X+minus.W {
		t.Errorf("unary minus spaced: %v then %v", minus.X+minus.W, bb.X)
	}
	// no medium space in script style
	s := setTeX(t, m, `x^{a+b}`, styleText)
	if a, plus := itemOf(t, s, "𝑎"), itemOf(t, s, "+"); plus.X != a.X+a.W {
		t.Errorf("spaces in script style: %v then %v", a.X+a.W, plus.X)
	}
}

// TestMathInlineBreaks checks that a long inline formula breaks only
// after a relation or a binary operator.
func TestMathInlineBreaks(t *testing.T) {
	fs, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	tex := `a_1 + a_2 + a_3 + a_4 + a_5 + a_6 + a_7 + a_8 = \frac{n(n+1)}{2} + b_1 b_2 b_3 - c_1 c_2 c_3 \le d_1 + d_2`
	f, err := formula.ParseTeX(tex, false)
	if err != nil {
		t.Fatal(err)
	}
	s := &shaper{fonts: fs, missing: map[rune]int{}}
	text := article.Text{{Text: "Then "}, {Text: formula.Linear(f.Root), Math: &article.Math{TeX: tex, Formula: f}}, {Text: " holds."}}
	elems := s.paragraph(text, runStyle{fam: fonts.Serif, size: page.Pt(10)})
	elems, lines := breakParagraph(elems, func(int) page.Unit { return page.Pt(120) }, false, nil, nil)
	if len(lines) < 3 {
		t.Fatalf("%d lines", len(lines))
	}
	_ = lines
	var breaks int
	for k, e := range elems {
		if e.kind != penalty || k == 0 || !hasMath(elems[k-1]) {
			continue
		}
		breaks++
		fr := elems[k-1].frags
		last := fr[len(fr)-1].math.items
		op := last[len(last)-1].Text
		if c := formula.OperatorClass(op); c != formula.Rel && c != formula.Bin {
			t.Errorf("a break after %q", op)
		}
	}
	if breaks < 10 {
		t.Errorf("%d break opportunities in the formula, want one after each of its 13 operators but the unary", breaks)
	}
}

func TestMathUnreadablePrintsSource(t *testing.T) {
	fs, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := &shaper{fonts: fs, missing: map[rune]int{}}
	text := article.Text{{Text: `\badcommand{x}`, Math: &article.Math{TeX: `\badcommand{x}`}}}
	elems := s.paragraph(text, runStyle{fam: fonts.Serif, size: page.Pt(10)})
	var got strings.Builder
	for _, e := range elems {
		for _, f := range e.frags {
			got.WriteString(f.text)
			if f.face.Name() != "NotoSansMono-Regular" {
				t.Errorf("source set in %s, want the code face", f.face.Name())
			}
		}
	}
	if got.String() != `\badcommand{x}` {
		t.Errorf("printed %q", got.String())
	}
	if s.maths == nil || len(s.maths.failed) != 1 {
		t.Errorf("no failure recorded for the warning")
	}
}

// TestMathDisplayFits checks that display formulas stay in the measure: a
// long one is broken after its relations and binary operators, a wide
// matrix that cannot break is set smaller, and the equation number sits
// at the right margin.
func TestMathDisplayFits(t *testing.T) {
	var cols []string
	for i := range 19 {
		cols = append(cols, "a_{"+strings.Repeat("1", 2)+string(rune('0'+i%10))+"}")
	}
	wide := `\begin{bmatrix}` + strings.Join(cols, " & ") + `\\` + strings.Join(cols, " & ") + `\end{bmatrix}`
	var terms []string
	for i := range 30 {
		terms = append(terms, "a_{"+string(rune('a'+i%26))+"}")
	}
	long := strings.Join(terms, " + ") + " = 0"
	a := &article.Article{Title: "Formulas"}
	for _, tex := range []string{wide, long, `E = mc^2 \tag{7}`} {
		f, err := formula.ParseTeX(tex, true)
		if err != nil {
			t.Fatal(err)
		}
		a.Body = append(a.Body, article.Block{Kind: article.KindMath, Math: &article.Math{TeX: tex, Formula: f}})
	}
	doc, err := Layout(context.Background(), a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if errs := doc.Verify(); len(errs) > 0 {
		t.Fatalf("%v", errs)
	}
	left, right := doc.TextEdges(0)
	var tag *page.Item
	lines := map[page.Unit]bool{}
	for i, it := range doc.Pages[0].Items {
		if it.Kind != page.ItemText || it.Y < page.Pt(100) {
			continue
		}
		if it.X < left || it.X+it.W > right+1 {
			t.Errorf("%q at %v–%v, outside the measure %v–%v", it.Text, it.X, it.X+it.W, left, right)
		}
		if it.Text == "(7)" {
			tag = &doc.Pages[0].Items[i]
		}
		if strings.Contains(it.Text, "𝑎") && it.Size == page.Pt(11) {
			lines[it.Y] = true
		}
	}
	if tag == nil || right-(tag.X+tag.W) > page.Pt(1) {
		t.Errorf("tag %+v not at the right margin %v", tag, right)
	}
	if len(lines) < 2 {
		t.Errorf("the long formula is set on %d lines", len(lines))
	}
}

// TestMathAccents checks accents over their bases: a vector arrow and a
// hat sit above the letter, not through it; a wide hat, a long arrow and
// a brace over several letters take the face's horizontal variants
// (drawn through their private use characters) as wide as the base, or
// an assembly of its parts, or the widest variant there is, centred.
func TestMathAccents(t *testing.T) {
	m := testSetter(t)
	for _, c := range []struct {
		tex     string
		base    string
		wide    bool
		minWide page.Unit // per cent of the base's width the accent covers
	}{
		{`\vec{v}`, `v`, false, 0},
		{`\overrightarrow{v}`, `v`, false, 0}, // MathML's <mover accent="true"><mi>v</mi><mo>→</mo></mover>
		{`\hat{x}`, `x`, false, 0},
		{`\widehat{xyz}`, `xyz`, true, 60},
		{`\overrightarrow{AB}`, `AB`, true, 80},
		{`\overrightarrow{ABCDEFGH}`, `ABCDEFGH`, true, 90}, // an assembly
		{`\overbrace{a+b+c+d}`, `a+b+c+d`, true, 90},
	} {
		b := setTeX(t, m, c.tex, styleDisplay)
		base := setTeX(t, m, c.base, styleDisplay)
		acc := mbox{items: b.items[len(base.items):]}
		if bottom := m.inkBottom(acc); bottom < base.h {
			t.Errorf("%s: the accent %q reaches down to %v, into its base %v tall", c.tex, acc.items[0].Text, bottom, base.h)
		}
		if !c.wide {
			continue
		}
		left, right := page.Unit(1)<<40, -page.Unit(1)<<40
		for _, it := range acc.items {
			r := []rune(it.Text)[0]
			if r < fonts.VariantSpeaking {
				t.Errorf("%s: the accent is drawn with %q, not a horizontal variant or part", c.tex, it.Text)
			}
			ink := m.face.GlyphBox(m.face.GlyphIndex(r))
			left, right = min(left, it.X+m.fu(ink.XMin, it.Size)), max(right, it.X+m.fu(ink.XMax, it.Size))
		}
		if right-left < c.minWide*base.w/100 || left < -base.w/10 || right > base.w*11/10 {
			t.Errorf("%s: the accent's ink runs from %v to %v over a base of %v", c.tex, left, right, base.w)
		}
	}
}

// TestMathAlignedSpacing checks that in aligned equations read from
// MathML (each cell an mrow in an mtd) the relation starting the right
// column keeps its thick space on the left.
func TestMathAlignedSpacing(t *testing.T) {
	m := testSetter(t)
	id := func(s string) *formula.Node { return &formula.Node{Kind: formula.Ident, Text: s} }
	row := func(k ...*formula.Node) *formula.Node { return &formula.Node{Kind: formula.Row, Kids: k} }
	eq := formula.NewOperator("=")
	tab := &formula.Node{Kind: formula.Table, Align: "rl", Rows: [][]*formula.Node{{row(row(id("𝑎"))), row(row(eq, id("𝑏")))}}}
	b := m.node(tab, styleDisplay, 0)
	a, e := itemOf(t, b, "𝑎"), itemOf(t, b, "=")
	if gap := e.X - (a.X + a.W); gap < m.mu(5, styleDisplay)*9/10 {
		t.Errorf("%v between 𝑎 and =, want a thick space %v", gap, m.mu(5, styleDisplay))
	}
}

// TestMathBraceLimits checks that the scripts of \overbrace and
// \underbrace are limits, centred over and under the brace, not beside it.
func TestMathBraceLimits(t *testing.T) {
	m := testSetter(t)
	for _, c := range []struct {
		tex   string
		limit string
		over  bool
	}{{`\overbrace{a+b+c}^{n}`, "𝑛", true}, {`\underbrace{a+b+c}_{k}`, "𝑘", false}} {
		b := setTeX(t, m, c.tex, styleDisplay)
		brace := setTeX(t, m, strings.SplitN(c.tex, "}", 2)[0]+"}", styleDisplay)
		lim := itemOf(t, b, c.limit)
		if mid := lim.X + lim.W/2; mid < brace.w/3 || mid > brace.w*2/3 {
			t.Errorf("%s: the limit's middle at %v, not over the middle of the brace %v wide", c.tex, mid, brace.w)
		}
		if c.over && -lim.Y < brace.h || !c.over && lim.Y < brace.d {
			t.Errorf("%s: the limit's baseline at %v, inside the brace (%v above, %v below)", c.tex, -lim.Y, brace.h, brace.d)
		}
	}
}
