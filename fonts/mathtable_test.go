package fonts

import (
	"testing"
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
