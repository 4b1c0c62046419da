package fonts

import (
	"encoding/binary"
	"fmt"
	"maps"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/galleyprint/galley/assets"
)

// MathFaceName is the embedded math face: DejaVu Math TeX Gyre, which
// has an OpenType MATH table and TrueType outlines (the Bitstream Vera
// licence; its math extensions are in the public domain). Debian's Noto
// Sans Math has no MATH table.
const MathFaceName = "DejaVuMathTeXGyre"

// mathFace is the embedded math face, loaded once with a cmap that maps
// its glyph variants and assembly parts (see withVariantCmap).
var mathFace struct {
	once sync.Once
	face *Face
	err  error
}

// MathFace returns the embedded math face, parsed on first use and shared.
func MathFace() (*Face, error) {
	mathFace.once.Do(func() {
		data, ok := assets.FontData(MathFaceName)
		if !ok {
			mathFace.err = fmt.Errorf("fonts: the math face %s is not embedded", MathFaceName)
			return
		}
		mathFace.face, mathFace.err = parseMathFace(MathFaceName, data)
	})
	return mathFace.face, mathFace.err
}

// parseMathFace parses a face with a MATH table, its cmap extended with
// private use characters for the glyphs of its constructions.
func parseMathFace(name string, data []byte) (*Face, error) {
	b, ok := tableBytes(data, "MATH")
	if !ok {
		return nil, fmt.Errorf("%w: %s has no MATH table", ErrUnsupportedFont, name)
	}
	mt, err := ParseMathTable(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnsupportedFont, name, err)
	}
	data, text, err := withVariantCmap(data, mt)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	f, err := Parse(name, data)
	if err != nil {
		return nil, err
	}
	f.private = text
	return f, nil
}

// PrivateText returns the text a private use character of the face
// stands for, as the PDF's text layer should give it: a glyph variant's
// base character, or a space for an assembly's silent part. ok is false for
// any other character.
func (f *Face) PrivateText(r rune) (text string, ok bool) {
	text, ok = f.private[r]
	return text, ok
}

// PrivateTexts returns a copy of the face's private use characters and
// the text of each (see PrivateText); nil for a face without them.
func (f *Face) PrivateTexts() map[rune]string {
	if f.private == nil {
		return nil
	}
	return maps.Clone(f.private)
}

// mathData is what a face's math typesetting needs beyond its widths:
// its MATH table and the characters of its glyphs.
type mathData struct {
	once  sync.Once
	table *MathTable
	err   error
	runes map[uint16]rune // glyph → a character the cmap maps to it
}

var mathDataByFace sync.Map // *Face → *mathData

func (f *Face) mathData() *mathData {
	v, _ := mathDataByFace.LoadOrStore(f, &mathData{})
	md := v.(*mathData)
	md.once.Do(func() {
		b, ok := tableBytes(f.data, "MATH")
		if !ok {
			md.err = fmt.Errorf("%w: %s has no MATH table", ErrUnsupportedFont, f.name)
			return
		}
		md.table, md.err = ParseMathTable(b)
		if md.err == nil {
			md.runes = f.glyphRunes()
		}
	})
	return md
}

// MathTable returns the face's OpenType MATH table, or an error when it
// has none or it does not parse.
func (f *Face) MathTable() (*MathTable, error) {
	md := f.mathData()
	return md.table, md.err
}

// UnitsPerEm returns the face's design units per em.
func (f *Face) UnitsPerEm() int { return f.upem }

// GlyphIndex returns r's glyph, 0 when the face has none.
func (f *Face) GlyphIndex(r rune) uint16 {
	var buf sfnt.Buffer
	g, err := f.font.GlyphIndex(&buf, r)
	if err != nil {
		return 0
	}
	return uint16(g)
}

// GlyphBox is a glyph's advance and ink box, in font units, y up.
type GlyphBox struct {
	Advance                int
	XMin, YMin, XMax, YMax int
}

// GlyphBox returns glyph g's advance and ink box in font units.
func (f *Face) GlyphBox(g uint16) GlyphBox {
	var buf sfnt.Buffer
	b, adv, err := f.font.GlyphBounds(&buf, sfnt.GlyphIndex(g), fixed.I(f.upem), font.HintingNone)
	if err != nil {
		return GlyphBox{}
	}
	// sfnt's bounds are y down
	return GlyphBox{Advance: adv.Round(), XMin: b.Min.X.Floor(), XMax: b.Max.X.Ceil(), YMin: -b.Max.Y.Ceil(), YMax: -b.Min.Y.Floor()}
}

// RuneOf returns a character the font's own cmap maps to glyph g (not
// one of the private use characters galley's loading adds). Glyph
// variants and assembly parts are drawn through VariantRune.
func (f *Face) RuneOf(g uint16) (rune, bool) {
	md := f.mathData()
	r, ok := md.runes[g]
	return r, ok
}

// VariantRune returns the private use character that draws glyph g, a
// glyph variant or assembly part of the face's MATH table: a speaking
// one, whose text is the character g is a form of, or a silent one,
// whose text is a space (see VariantSpeaking). ok is false when g has
// none.
func (f *Face) VariantRune(g uint16, speaking bool) (rune, bool) {
	r := VariantSilent + rune(g)
	if speaking {
		r = VariantSpeaking + rune(g)
	}
	_, ok := f.private[r]
	return r, ok
}

// mathRuneRanges are the ranges glyphRunes looks through: Latin, the
// combining accents, Greek,
// the symbols, arrows, operators, technical (bracket pieces), the math
// alphabets and private use (where fonts put their extra sizes).
var mathRuneRanges = [][2]rune{{0x20, 0x24F}, {0x300, 0x3FF}, {0x2000, 0x2BFF}, {0xE000, 0xF8FF}, {0x1D400, 0x1D7FF}}

// glyphRunes maps the glyphs of mathRuneRanges back to characters.
func (f *Face) glyphRunes() map[uint16]rune {
	out := map[uint16]rune{}
	var buf sfnt.Buffer
	for _, rg := range mathRuneRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			g, err := f.font.GlyphIndex(&buf, r)
			if err != nil || g == 0 {
				continue
			}
			if _, had := out[uint16(g)]; !had {
				out[uint16(g)] = r
			}
		}
	}
	return out
}

// tableBytes returns the bytes of the table tag of a TrueType file.
func tableBytes(data []byte, tag string) ([]byte, bool) {
	if len(data) < 12 {
		return nil, false
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			return nil, false
		}
		if string(data[rec:rec+4]) != tag {
			continue
		}
		off, size := int(binary.BigEndian.Uint32(data[rec+8:])), int(binary.BigEndian.Uint32(data[rec+12:]))
		if off < 0 || size < 0 || off > len(data) || size > len(data)-off {
			return nil, false
		}
		return data[off : off+size], true
	}
	return nil, false
}
