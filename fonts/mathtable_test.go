package fonts

import (
	"testing"

	"github.com/galleyprint/galley/assets"
)

// TestMathTableNotoSansMath reads the embedded math face's MATH table and
// checks what DejaVu Math TeX Gyre declares.
func TestMathTableDejaVuMath(t *testing.T) {
	f, err := MathFace()
	if err != nil {
		t.Fatal(err)
	}
	mt, err := f.MathTable()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("upem %d constants %v", f.UnitsPerEm(), mt.Constants)
	if got := mt.Constant(ScriptPercentScaleDown); got < 50 || got > 90 {
		t.Errorf("scriptPercentScaleDown %d", got)
	}
	if got := mt.Constant(ScriptScriptPercentScaleDown); got < 30 || got > mt.Constant(ScriptPercentScaleDown) {
		t.Errorf("scriptScriptPercentScaleDown %d", got)
	}
	if got := mt.Constant(AxisHeight); got < 150 || got > 350 {
		t.Errorf("axisHeight %d", got)
	}
	if got := mt.Constant(FractionRuleThickness); got <= 0 || got > 150 {
		t.Errorf("fractionRuleThickness %d", got)
	}
	paren := mt.Vertical[f.GlyphIndex('(')]
	if paren == nil || len(paren.Variants) < 3 || len(paren.Assembly) < 3 {
		t.Fatalf("( construction: %+v", paren)
	}
	for i := 1; i < len(paren.Variants); i++ {
		if paren.Variants[i].Advance < paren.Variants[i-1].Advance {
			t.Errorf("( variants not growing: %+v", paren.Variants)
		}
	}
	sum := mt.Vertical[f.GlyphIndex('∑')]
	if sum == nil || len(sum.Variants) < 2 {
		t.Errorf("∑ construction: %+v", sum)
	}
	if len(mt.ItalicsCorrection) == 0 || len(mt.TopAccent) == 0 {
		t.Errorf("%d italics corrections, %d top accents", len(mt.ItalicsCorrection), len(mt.TopAccent))
	}
	for _, p := range paren.Assembly {
		r, ok := f.RuneOf(p.Glyph)
		t.Logf("( part %d %q %v %+v", p.Glyph, r, ok, p)
	}
	for _, v := range paren.Variants {
		r, ok := f.RuneOf(v.Glyph)
		t.Logf("( variant %d %q %v %+v", v.Glyph, r, ok, v)
	}
}

func FuzzParseMathTable(f *testing.F) {
	face, err := MathFace()
	if err == nil {
		if b, ok := tableBytes(face.Data(), "MATH"); ok {
			f.Add(b[:min(len(b), 4096)])
		}
	}
	f.Add([]byte{0, 1, 0, 0, 0, 10, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		mt, err := ParseMathTable(b)
		if err == nil && mt == nil {
			t.Fatal("nil table without an error")
		}
	})
}

// TestMathFaceVariantCharacters checks the math face's extended cmap:
// every glyph variant and assembly part of its MATH table has a speaking
// and a silent private use character mapped to it, whose texts are its
// base character and a space, and the face's own characters still map
// to the glyphs they did.
func TestMathFaceVariantCharacters(t *testing.T) {
	f, err := MathFace()
	if err != nil {
		t.Fatal(err)
	}
	mt, err := f.MathTable()
	if err != nil {
		t.Fatal(err)
	}
	orig, err := Parse("original", func() []byte { d, _ := assets.FontData(MathFaceName); return d }())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []rune{'a', '(', '∑', '𝑥', '⎛', '√'} {
		if f.GlyphIndex(r) != orig.GlyphIndex(r) || f.GlyphIndex(r) == 0 {
			t.Errorf("%q: glyph %d, the font's own %d", r, f.GlyphIndex(r), orig.GlyphIndex(r))
		}
	}
	checked := 0
	for base, c := range mt.Vertical {
		baseRune, ok := f.RuneOf(base)
		if !ok {
			continue
		}
		var glyphs []uint16
		for _, v := range c.Variants {
			glyphs = append(glyphs, v.Glyph)
		}
		for _, p := range c.Assembly {
			glyphs = append(glyphs, p.Glyph)
		}
		for _, g := range glyphs {
			if g == base {
				continue
			}
			speak, ok1 := f.VariantRune(g, true)
			silent, ok2 := f.VariantRune(g, false)
			if !ok1 || !ok2 || f.GlyphIndex(speak) != g || f.GlyphIndex(silent) != g {
				t.Errorf("glyph %d of %q: characters %U %U map to %d %d", g, baseRune, speak, silent, f.GlyphIndex(speak), f.GlyphIndex(silent))
				continue
			}
			if text, _ := f.PrivateText(silent); text != " " {
				t.Errorf("glyph %d of %q: silent character's text %q", g, baseRune, text)
			}
			if text, _ := f.PrivateText(speak); []rune(text)[0] > baseRune {
				t.Errorf("glyph %d of %q: speaking character's text %q", g, baseRune, text)
			}
			checked++
		}
	}
	if checked < 400 {
		t.Errorf("only %d variant glyphs checked", checked)
	}
	big, _ := f.VariantRune(mt.Vertical[f.GlyphIndex('(')].Variants[3].Glyph, true)
	if text, ok := f.PrivateText(big); text != "(" || !ok {
		t.Errorf("a large ( copies as %q", text)
	}
	if w, ok := f.Width(big); !ok || w <= 0 {
		t.Errorf("a large ( is %d wide", w)
	}
	if _, ok := f.PrivateText('('); ok {
		t.Error("( has a private text")
	}
}
