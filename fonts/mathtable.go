package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// MathConstant names one of the constants of an OpenType MATH table, in
// the table's order.
type MathConstant int

// The MATH constants (OpenType 1.9, MathConstants table), in font units
// but for the percentages.
const (
	ScriptPercentScaleDown MathConstant = iota
	ScriptScriptPercentScaleDown
	DelimitedSubFormulaMinHeight
	DisplayOperatorMinHeight
	MathLeading
	AxisHeight
	AccentBaseHeight
	FlattenedAccentBaseHeight
	SubscriptShiftDown
	SubscriptTopMax
	SubscriptBaselineDropMin
	SuperscriptShiftUp
	SuperscriptShiftUpCramped
	SuperscriptBottomMin
	SuperscriptBaselineDropMax
	SubSuperscriptGapMin
	SuperscriptBottomMaxWithSubscript
	SpaceAfterScript
	UpperLimitGapMin
	UpperLimitBaselineRiseMin
	LowerLimitGapMin
	LowerLimitBaselineDropMin
	StackTopShiftUp
	StackTopDisplayStyleShiftUp
	StackBottomShiftDown
	StackBottomDisplayStyleShiftDown
	StackGapMin
	StackDisplayStyleGapMin
	StretchStackTopShiftUp
	StretchStackBottomShiftDown
	StretchStackGapAboveMin
	StretchStackGapBelowMin
	FractionNumeratorShiftUp
	FractionNumeratorDisplayStyleShiftUp
	FractionDenominatorShiftDown
	FractionDenominatorDisplayStyleShiftDown
	FractionNumeratorGapMin
	FractionNumDisplayStyleGapMin
	FractionRuleThickness
	FractionDenominatorGapMin
	FractionDenomDisplayStyleGapMin
	SkewedFractionHorizontalGap
	SkewedFractionVerticalGap
	OverbarVerticalGap
	OverbarRuleThickness
	OverbarExtraAscender
	UnderbarVerticalGap
	UnderbarRuleThickness
	UnderbarExtraDescender
	RadicalVerticalGap
	RadicalDisplayStyleVerticalGap
	RadicalRuleThickness
	RadicalExtraAscender
	RadicalKernBeforeDegree
	RadicalKernAfterDegree
	RadicalDegreeBottomRaisePercent
	numMathConstants
)

// GlyphVariant is a larger form of a glyph and its size along the
// direction it grows in, in font units.
type GlyphVariant struct {
	Glyph   uint16
	Advance int
}

// GlyphPart is one part of a glyph assembly (a tall brace's top, middle,
// bottom and the extenders between them), in font units.
type GlyphPart struct {
	Glyph          uint16
	StartConnector int
	EndConnector   int
	FullAdvance    int
	Extender       bool
}

// GlyphConstruction is how a glyph grows: its variants from the smallest,
// and an assembly of parts for sizes beyond them (nil when it has none).
type GlyphConstruction struct {
	Variants []GlyphVariant
	Assembly []GlyphPart
}

// MathTable is what galley reads of a font's OpenType MATH table.
type MathTable struct {
	Constants [numMathConstants]int
	// ItalicsCorrection and TopAccent are by glyph, in font units.
	ItalicsCorrection map[uint16]int
	TopAccent         map[uint16]int
	// MinConnectorOverlap is the least overlap of assembly parts.
	MinConnectorOverlap int
	// Vertical and Horizontal are the constructions of the glyphs that
	// grow up and down (delimiters, radicals, big operators) or across
	// (wide accents, arrows, braces over).
	Vertical, Horizontal map[uint16]*GlyphConstruction
}

// Constant returns constant c.
func (t *MathTable) Constant(c MathConstant) int {
	if c < 0 || c >= numMathConstants {
		return 0
	}
	return t.Constants[c]
}

// errMathTable is wrapped by the errors ParseMathTable returns.
var errMathTable = errors.New("bad MATH table")

// maxMathEntries bounds the counts a MATH table may claim, so that a
// corrupt one cannot make the reader allocate or loop without end.
const maxMathEntries = 1 << 16

// mathReader reads big-endian values at offsets of a table, failing
// softly: a read out of bounds sets err and returns 0.
type mathReader struct {
	b   []byte
	err error
}

func (r *mathReader) u16(off int) int {
	if off < 0 || off+2 > len(r.b) {
		if r.err == nil {
			r.err = fmt.Errorf("%w: read at %d beyond %d bytes", errMathTable, off, len(r.b))
		}
		return 0
	}
	return int(binary.BigEndian.Uint16(r.b[off:]))
}

func (r *mathReader) i16(off int) int { return int(int16(r.u16(off))) }

// coverage reads a Coverage table at off: the glyphs it lists, in
// coverage index order.
func (r *mathReader) coverage(off int) []uint16 {
	var out []uint16
	switch r.u16(off) {
	case 1:
		n := r.u16(off + 2)
		if n > maxMathEntries {
			return nil
		}
		for i := range n {
			out = append(out, uint16(r.u16(off+4+2*i)))
		}
	case 2:
		n := r.u16(off + 2)
		for i := range n {
			rec := off + 4 + 6*i
			start, end, idx := r.u16(rec), r.u16(rec+2), r.u16(rec+4)
			if end < start || idx != len(out) || len(out)+end-start+1 > maxMathEntries || r.err != nil {
				return out
			}
			for g := start; g <= end; g++ {
				out = append(out, uint16(g))
			}
		}
	}
	return out
}

// valuesByGlyph reads a MathItalicsCorrectionInfo or
// MathTopAccentAttachment table at off.
func (r *mathReader) valuesByGlyph(off int) map[uint16]int {
	out := map[uint16]int{}
	if off == 0 {
		return out
	}
	cov := r.coverage(off + r.u16(off))
	n := r.u16(off + 2)
	for i := 0; i < n && i < len(cov) && r.err == nil; i++ {
		out[cov[i]] = r.i16(off + 4 + 4*i)
	}
	return out
}

// ParseMathTable reads a MATH table's bytes.
func ParseMathTable(b []byte) (*MathTable, error) {
	r := &mathReader{b: b}
	t := &MathTable{}
	if r.u16(0) != 1 {
		return nil, fmt.Errorf("%w: version %d", errMathTable, r.u16(0))
	}
	consts, info, variants := r.u16(4), r.u16(6), r.u16(8)
	if consts != 0 {
		for i := range 4 {
			t.Constants[i] = r.i16(consts + 2*i)
		}
		// then MathValueRecords (value, device offset) up to the last
		// constant, a plain int16
		for i := 4; i < int(RadicalDegreeBottomRaisePercent); i++ {
			t.Constants[i] = r.i16(consts + 8 + 4*(i-4))
		}
		t.Constants[RadicalDegreeBottomRaisePercent] = r.i16(consts + 8 + 4*(int(RadicalDegreeBottomRaisePercent)-4))
	}
	if info != 0 {
		if off := r.u16(info); off != 0 {
			t.ItalicsCorrection = r.valuesByGlyph(info + off)
		}
		if off := r.u16(info + 2); off != 0 {
			t.TopAccent = r.valuesByGlyph(info + off)
		}
	}
	if variants != 0 {
		t.MinConnectorOverlap = r.u16(variants)
		vcov, hcov := r.u16(variants+2), r.u16(variants+4)
		nv, nh := r.u16(variants+6), r.u16(variants+8)
		t.Vertical = r.constructions(variants, vcov, nv, variants+10)
		t.Horizontal = r.constructions(variants, hcov, nh, variants+10+2*nv)
	}
	if r.err != nil {
		return nil, r.err
	}
	return t, nil
}

// constructions reads count MathGlyphConstructions whose offsets (from
// base) are listed at list, for the glyphs of the coverage at base+cov.
func (r *mathReader) constructions(base, cov, count, list int) map[uint16]*GlyphConstruction {
	out := map[uint16]*GlyphConstruction{}
	if cov == 0 {
		return out
	}
	glyphs := r.coverage(base + cov)
	for i := 0; i < count && i < len(glyphs) && r.err == nil; i++ {
		c := base + r.u16(list+2*i)
		gc := &GlyphConstruction{}
		asm := r.u16(c)
		nvar := r.u16(c + 2)
		for k := 0; k < nvar && r.err == nil; k++ {
			gc.Variants = append(gc.Variants, GlyphVariant{Glyph: uint16(r.u16(c + 4 + 4*k)), Advance: r.u16(c + 6 + 4*k)})
		}
		if asm != 0 {
			a := c + asm
			nparts := r.u16(a + 4)
			for k := 0; k < nparts && r.err == nil; k++ {
				p := a + 6 + 10*k
				gc.Assembly = append(gc.Assembly, GlyphPart{Glyph: uint16(r.u16(p)), StartConnector: r.u16(p + 2),
					EndConnector: r.u16(p + 4), FullAdvance: r.u16(p + 6), Extender: r.u16(p+8)&1 != 0})
			}
		}
		out[glyphs[i]] = gc
	}
	return out
}
