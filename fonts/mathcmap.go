package fonts

import (
	"encoding/binary"
	"fmt"
	"slices"

	"golang.org/x/image/font/sfnt"
)

// A math face's glyph variants (a taller parenthesis, a display-size
// integral) and the parts of its glyph assemblies mostly have no
// character: the font reaches them through its MATH table, by glyph.
// galley's PDF writer draws characters, so the math face is loaded with
// a cmap that gives each such glyph characters of its own in the
// supplementary private use planes:
//
//   - VariantSpeaking + glyph (plane 15) stands for the character whose
//     larger form the glyph is: a PDF's ToUnicode map says so, and a
//     large "(" copies as "(";
//   - VariantSilent + glyph (plane 16) stands for a space: the other
//     parts of an assembly, so that a tall brace of five parts copies as
//     one "{", not five (extractors drop or fold spaces; an empty text
//     is no Unicode value, which PDF/A-2u refuses and MuPDF reads as
//     U+FFFD).
const (
	VariantSpeaking rune = 0xF0000
	VariantSilent   rune = 0x100000
)

// withVariantCmap returns the TrueType data with a cmap whose Unicode
// format 12 subtable also maps the private use characters of the glyphs
// the MATH table mt constructs, and the text of each speaking one.
// Glyph 0 and the glyphs of the constructions' own characters are left
// as they are.
func withVariantCmap(data []byte, mt *MathTable) ([]byte, map[rune]string, error) {
	font, err := sfnt.Parse(data)
	if err != nil {
		return nil, nil, err
	}
	cmap, ok := tableBytes(data, "cmap")
	if !ok {
		return nil, nil, fmt.Errorf("%w: no cmap", ErrUnsupportedFont)
	}
	groups, err := cmap12Groups(cmap)
	if err != nil {
		return nil, nil, err
	}
	bases := constructionBases(font, mt)
	if len(bases) == 0 {
		return data, nil, nil
	}
	glyphs := make([]uint16, 0, len(bases))
	for g := range bases {
		glyphs = append(glyphs, g)
	}
	slices.Sort(glyphs)
	text := make(map[rune]string, len(glyphs))
	for _, plane := range []rune{VariantSpeaking, VariantSilent} {
		for _, g := range glyphs {
			r := plane + rune(g)
			if n := len(groups); n > 0 && groups[n-1][1]+1 == uint32(r) && groups[n-1][2]+groups[n-1][1]-groups[n-1][0]+1 == uint32(g) {
				groups[n-1][1]++
			} else {
				groups = append(groups, [3]uint32{uint32(r), uint32(r), uint32(g)})
			}
			if plane == VariantSpeaking {
				text[r] = string(bases[g])
			} else {
				text[r] = " "
			}
		}
	}
	return replaceTable(data, "cmap", withCmap12(cmap, groups)), text, nil
}

// constructionBases maps each glyph of the variants and assembly parts
// of mt's constructions to the character of the glyph it is a form of
// (the lowest character, when several constructions share it).
func constructionBases(font *sfnt.Font, mt *MathTable) map[uint16]rune {
	// the characters of the constructed glyphs
	charOf := map[uint16]rune{}
	var buf sfnt.Buffer
	for _, rg := range mathRuneRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			g, err := font.GlyphIndex(&buf, r)
			if err != nil || g == 0 {
				continue
			}
			if _, had := charOf[uint16(g)]; !had {
				charOf[uint16(g)] = r
			}
		}
	}
	out := map[uint16]rune{}
	add := func(base uint16, c *GlyphConstruction) {
		r, ok := charOf[base]
		if !ok {
			return
		}
		mark := func(g uint16) {
			if g == 0 || g == base {
				return
			}
			if had, ok := out[g]; !ok || r < had {
				out[g] = r
			}
		}
		for _, v := range c.Variants {
			mark(v.Glyph)
		}
		for _, p := range c.Assembly {
			mark(p.Glyph)
		}
	}
	for base, c := range mt.Vertical {
		add(base, c)
	}
	for base, c := range mt.Horizontal {
		add(base, c)
	}
	return out
}

// cmap12Groups returns the groups (first, last, first glyph) of the
// cmap's Unicode format 12 subtable, sorted (all faces with math
// alphabets have one: those lie beyond the BMP).
func cmap12Groups(t []byte) ([][3]uint32, error) {
	u16 := func(p int) uint32 { return uint32(binary.BigEndian.Uint16(t[p:])) }
	u32 := func(p int) uint32 { return binary.BigEndian.Uint32(t[p:]) }
	if len(t) < 4 {
		return nil, fmt.Errorf("%w: short cmap", ErrUnsupportedFont)
	}
	var groups [][3]uint32
	for i := 0; i < int(u16(2)); i++ {
		rec := 4 + 8*i
		if rec+8 > len(t) {
			break
		}
		off := int(u32(rec + 4))
		if off < 0 || off+16 > len(t) || u16(off) != 12 || !unicodeRecord(u16(rec), u16(rec+2)) {
			continue
		}
		n := int(u32(off + 12))
		if n < 0 || n > (len(t)-off-16)/12 {
			return nil, fmt.Errorf("%w: bad cmap format 12", ErrUnsupportedFont)
		}
		for k := range n {
			p := off + 16 + 12*k
			groups = append(groups, [3]uint32{u32(p), u32(p + 4), u32(p + 8)})
		}
		return groups, nil
	}
	return nil, fmt.Errorf("%w: the math face has no format 12 cmap", ErrUnsupportedFont)
}

// unicodeRecord reports a cmap encoding record of full Unicode.
func unicodeRecord(platform, encoding uint32) bool {
	return platform == 3 && encoding == 10 || platform == 0 && (encoding == 4 || encoding == 6)
}

// withCmap12 returns the cmap table t with a new format 12 subtable of
// groups, appended, that its full-Unicode records point to.
func withCmap12(t []byte, groups [][3]uint32) []byte {
	sub := make([]byte, 16+12*len(groups))
	binary.BigEndian.PutUint16(sub[0:], 12)
	binary.BigEndian.PutUint32(sub[4:], uint32(len(sub)))
	binary.BigEndian.PutUint32(sub[12:], uint32(len(groups)))
	for i, g := range groups {
		p := 16 + 12*i
		binary.BigEndian.PutUint32(sub[p:], g[0])
		binary.BigEndian.PutUint32(sub[p+4:], g[1])
		binary.BigEndian.PutUint32(sub[p+8:], g[2])
	}
	out := slices.Clone(t)
	for len(out)%4 != 0 {
		out = append(out, 0)
	}
	at := uint32(len(out))
	out = append(out, sub...)
	n := int(binary.BigEndian.Uint16(out[2:]))
	for i := range n {
		rec := 4 + 8*i
		if unicodeRecord(uint32(binary.BigEndian.Uint16(out[rec:])), uint32(binary.BigEndian.Uint16(out[rec+2:]))) {
			binary.BigEndian.PutUint32(out[rec+4:], at)
		}
	}
	return out
}

// replaceTable returns the TrueType data with table tag's bytes
// replaced by t, appended at the end of the file (the old bytes stay,
// unreferenced), its directory record and the file's checksum
// adjustment updated.
func replaceTable(data []byte, tag string, t []byte) []byte {
	out := slices.Clone(data)
	for len(out)%4 != 0 {
		out = append(out, 0)
	}
	at := len(out)
	out = append(out, t...)
	for len(out)%4 != 0 {
		out = append(out, 0)
	}
	n := int(binary.BigEndian.Uint16(out[4:]))
	headAt := -1
	for i := range n {
		rec := 12 + 16*i
		switch string(out[rec : rec+4]) {
		case tag:
			binary.BigEndian.PutUint32(out[rec+4:], checksum(out[at:at+len(t)]))
			binary.BigEndian.PutUint32(out[rec+8:], uint32(at))
			binary.BigEndian.PutUint32(out[rec+12:], uint32(len(t)))
		case "head":
			headAt = int(binary.BigEndian.Uint32(out[rec+8:]))
		}
	}
	if headAt >= 0 && headAt+12 <= len(out) {
		binary.BigEndian.PutUint32(out[headAt+8:], 0)
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

// checksum is a TrueType table checksum: the sum of its big-endian
// 32-bit words, the last padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
