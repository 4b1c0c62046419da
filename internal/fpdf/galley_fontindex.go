package fpdf

// Galley patch 35 (see PATCHES.md): a font's Unicode cmap and its loca
// table are read where they lie in the font file, for the characters and
// glyphs a document uses, instead of being unpacked whole into maps and
// slices (building them was a quarter of the page faults of a one-shot
// export and most of the CPU of parsing a font).

import (
	"encoding/binary"
	"math"
	"sort"
)

// cmapIndex is a font's Unicode cmap as the font file holds it: the
// segments of its format 4 subtable and the groups of its format 12 one
// (all planes), when it has one. It is made once per parsed font and then
// only read, by any number of documents at once.
//
// It answers as the maps fpdf built from the same subtables did: a
// character of a format 4 segment maps to the glyph the segment gives it
// (the last such segment when segments overlap, as assigning them one
// after the other to a map left it), including glyph 0; one of no segment
// maps to the glyph of the first format 12 group that has it.
type cmapIndex struct {
	ok   bool   // the font has a format 4 Unicode subtable
	data []byte // the font file

	segs        []cmapSegment // format 4, the non-empty ones in file order
	segsOrdered bool          // segs ascending and disjoint: a binary search finds a character's
	rangeStart  int           // file position of the idRangeOffset array
	rim         int           // end of the format 4 subtable: glyph ids read beyond it are 0

	groups        []cmapGroup // format 12, the valid ones in file order
	groupsOrdered bool
}

// cmapSegment is a format 4 segment: characters start to end.
type cmapSegment struct {
	start, end  int
	delta       int // idDelta, signed
	rangeOffset int // idRangeOffset
	n           int // its index in the subtable
}

// cmapGroup is a format 12 group: characters first to last map to gid
// onwards.
type cmapGroup struct{ first, last, gid int }

// unicodeCMAPPosition returns the file position of the font's first
// Unicode (3, 1 or 0, any) cmap subtable in format 4, or 0 when it has
// none.
func (utf *utf8FontFile) unicodeCMAPPosition() int {
	cmapPosition := utf.SeekTable("cmap")
	utf.skip(2)
	count := utf.readUint16()
	for range count {
		system := utf.readUint16()
		coded := utf.readUint16()
		position := utf.readUint32()
		next := utf.fileReader.readerPosition
		if (system == 3 && coded == 1) || system == 0 {
			if utf.getUint16(cmapPosition+position) == 4 {
				return cmapPosition + position
			}
		}
		utf.seek(int(next))
	}
	return 0
}

// readCMAPIndex reads the format 4 subtable at pos (none when pos is 0)
// and the format 12 subtable of the font, if any.
func (utf *utf8FontFile) readCMAPIndex(pos int) *cmapIndex {
	c := &cmapIndex{data: utf.fileReader.array}
	if pos == 0 {
		return c
	}
	c.ok = true
	utf.seek(pos + 2)
	c.rim = pos + utf.readUint16()
	utf.skip(2)
	segCount := utf.readUint16() / 2
	utf.skip(6)
	ends := utf.fileReader.Read(2 * segCount)
	utf.skip(2)
	starts := utf.fileReader.Read(2 * segCount)
	deltas := utf.fileReader.Read(2 * segCount)
	c.rangeStart = int(utf.fileReader.readerPosition)
	offsets := utf.fileReader.Read(2 * segCount)
	c.segs = make([]cmapSegment, 0, segCount)
	c.segsOrdered = true
	for n := range segCount {
		s := cmapSegment{
			start:       int(binary.BigEndian.Uint16(starts[2*n:])),
			end:         int(binary.BigEndian.Uint16(ends[2*n:])),
			delta:       int(int16(binary.BigEndian.Uint16(deltas[2*n:]))),
			rangeOffset: int(binary.BigEndian.Uint16(offsets[2*n:])),
			n:           n,
		}
		if s.start > s.end {
			continue // no characters
		}
		if k := len(c.segs); k > 0 && s.start <= c.segs[k-1].end {
			c.segsOrdered = false
		}
		c.segs = append(c.segs, s)
	}
	c.readFormat12(utf.getTableData("cmap"))
	return c
}

// readFormat12 reads the groups of the cmap table's format 12 subtable
// (3, 10 or 0, 4 or 6), when it has one.
func (c *cmapIndex) readFormat12(t []byte) {
	if len(t) < 4 {
		return
	}
	u16 := func(p int) int { return int(binary.BigEndian.Uint16(t[p:])) }
	u32 := func(p int) int { return int(binary.BigEndian.Uint32(t[p:])) }
	for i := 0; i < u16(2); i++ {
		rec := 4 + 8*i
		if rec+8 > len(t) {
			return
		}
		platform, encoding, off := u16(rec), u16(rec+2), u32(rec+4)
		if !(platform == 3 && encoding == 10 || platform == 0 && (encoding == 4 || encoding == 6)) ||
			off < 0 || off+16 > len(t) || u16(off) != 12 {
			continue
		}
		count := u32(off + 12)
		if count < 0 || count > (len(t)-off-16)/12 {
			return
		}
		c.groups = make([]cmapGroup, 0, count)
		c.groupsOrdered = true
		for g := range count {
			p := off + 16 + 12*g
			gr := cmapGroup{first: u32(p), last: u32(p + 4), gid: u32(p + 8)}
			if gr.first > gr.last || gr.last > 0x10FFFF {
				continue
			}
			if k := len(c.groups); k > 0 && gr.first <= c.groups[k-1].last {
				c.groupsOrdered = false
			}
			c.groups = append(c.groups, gr)
		}
		return
	}
}

// segmentGlyph returns the glyph segment s gives character r, which it
// holds.
func (c *cmapIndex) segmentGlyph(s *cmapSegment, r int) int {
	if s.rangeOffset == 0 {
		return (r + s.delta) & 0xFFFF
	}
	p := c.rangeStart + 2*s.n + 2*(r-s.start) + s.rangeOffset
	if p >= c.rim || p+2 > len(c.data) {
		return 0
	}
	g := int(binary.BigEndian.Uint16(c.data[p:]))
	if g != 0 {
		g = (g + s.delta) & 0xFFFF
	}
	return g
}

// glyph returns the glyph the cmap maps r to, and whether it maps r.
func (c *cmapIndex) glyph(r int) (int, bool) {
	if r >= 0 && r <= 0xFFFF {
		if c.segsOrdered {
			i := sort.Search(len(c.segs), func(i int) bool { return c.segs[i].end >= r })
			if i < len(c.segs) && c.segs[i].start <= r {
				return c.segmentGlyph(&c.segs[i], r), true
			}
		} else {
			for i := len(c.segs) - 1; i >= 0; i-- {
				if s := &c.segs[i]; s.start <= r && r <= s.end {
					return c.segmentGlyph(s, r), true
				}
			}
		}
	}
	if c.groupsOrdered {
		i := sort.Search(len(c.groups), func(i int) bool { return c.groups[i].last >= r })
		if i < len(c.groups) && c.groups[i].first <= r {
			return c.groups[i].gid + r - c.groups[i].first, true
		}
		return 0, false
	}
	for _, g := range c.groups {
		if g.first <= r && r <= g.last {
			return g.gid + r - g.first, true
		}
	}
	return 0, false
}

// setCharWidths fills CharWidths and DefaultWidth from the hmtx table
// for the format 4 characters. It reads them through the cmap index when
// each character is in one segment only (the segments ascending and
// disjoint) and the font has horizontal metrics, else, as fpdf did,
// through a map of each glyph's characters (parseHMTXTable), which orders
// overlapping segments' characters as before.
func (utf *utf8FontFile) setCharWidths() {
	scale := 1000.0 / float64(utf.fontElementSize)
	if !utf.setIndexedCharWidths(utf.cmap.index, utf.hMetrics, utf.numGlyphs, scale) {
		pos := utf.unicodeCMAPPosition()
		utf.parseHMTXTable(utf.hMetrics, utf.numGlyphs, utf.generateSCCSDictionaries(pos), scale) // galley patch 30
	}
}

// setIndexedCharWidths is setCharWidths through the cmap index, as
// parseHMTXTable would set them, and reports whether it could.
func (utf *utf8FontFile) setIndexedCharWidths(c *cmapIndex, numberOfHMetrics, numSymbols int, scale float64) bool {
	if !c.ok || !c.segsOrdered || numberOfHMetrics == 0 {
		return false
	}
	hmtx := utf.getRange(utf.SeekTable("hmtx"), numberOfHMetrics*4)
	advance := func(g int) int { return int(binary.BigEndian.Uint16(hmtx[4*g:])) }
	clamp := func(a int) int {
		if a >= 1<<15 {
			return 0
		}
		return a
	}
	utf.DefaultWidth = scale * float64(clamp(advance(0)))
	// the glyphs beyond the metrics take the last one's advance, which
	// parseHMTXTable clamped only if a character maps to its glyph
	last := numberOfHMetrics - 1
	trailing := advance(last)
	if trailing >= 1<<15 && (last == 0 || c.maps(last)) {
		trailing = 0
	}
	utf.CharWidths = make([]int, 256*256)
	charCount := 0
	for i := range c.segs {
		s := &c.segs[i]
		for r := s.start; r <= s.end; r++ {
			g := c.segmentGlyph(s, r)
			var a int
			switch {
			case g == 0 || g >= max(numberOfHMetrics, numSymbols):
				continue
			case g < numberOfHMetrics:
				a = clamp(advance(g))
			default:
				a = trailing
			}
			if r == 0 || r == 65535 {
				continue
			}
			w := int(math.Round(scale * float64(a)))
			if w == 0 {
				w = 65535
			}
			utf.CharWidths[r] = w
			charCount++
		}
	}
	utf.CharWidths[0] = charCount
	return true
}

// maps reports whether a format 4 character maps to glyph g.
func (c *cmapIndex) maps(g int) bool {
	for i := range c.segs {
		s := &c.segs[i]
		for r := s.start; r <= s.end; r++ {
			if c.segmentGlyph(s, r) == g {
				return true
			}
		}
	}
	return false
}

// glyphOffset returns where glyph g begins in the glyf table, from the
// loca table (format 0: half offsets in 16 bits; 1: offsets in 32), read
// where it lies; glyph numSymbols is the end of the last glyph. Beyond
// those, or in a loca table of another format, it is 0 (fpdf unpacked the
// whole table once per font and panicked on such glyphs).
func (utf *utf8FontFile) glyphOffset(g int) int {
	data := utf.fileReader.array
	if g < 0 || g > utf.numGlyphs {
		return 0
	}
	switch utf.locaFormat {
	case 0:
		if p := utf.locaPosition + 2*g; p+2 <= len(data) {
			return 2 * int(binary.BigEndian.Uint16(data[p:]))
		}
	case 1:
		if p := utf.locaPosition + 4*g; p+4 <= len(data) {
			return int(binary.BigEndian.Uint32(data[p:]))
		}
	}
	return 0
}
