package fonts

import (
	"encoding/binary"
	"io"
	"os"
	"sort"
)

// coverage is the ranges of code points a font file's cmap maps, sorted:
// a cheap first test of whether an installed font can have a glyph,
// read without loading the whole file. A range may still hold unmapped
// code points, so a face is parsed to confirm.
type coverage [][2]rune

// has reports whether r lies in one of the ranges.
func (c coverage) has(r rune) bool {
	i := sort.Search(len(c), func(i int) bool { return c[i][1] >= r })
	return i < len(c) && c[i][0] <= r
}

// readCoverage reads the cmap of the TrueType file at path. ok is false
// when it cannot be read; the file must then be parsed to be judged.
func readCoverage(path string) (c coverage, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	head := make([]byte, 12)
	if _, err := io.ReadFull(f, head); err != nil {
		return nil, false
	}
	n := int(binary.BigEndian.Uint16(head[4:]))
	dir := make([]byte, 16*n)
	if _, err := io.ReadFull(f, dir); err != nil {
		return nil, false
	}
	for i := 0; i < n; i++ {
		rec := dir[16*i:]
		if string(rec[:4]) != "cmap" {
			continue
		}
		off, size := int64(binary.BigEndian.Uint32(rec[8:])), binary.BigEndian.Uint32(rec[12:])
		if size > 16<<20 {
			return nil, false
		}
		table := make([]byte, size)
		if _, err := f.ReadAt(table, off); err != nil {
			return nil, false
		}
		return parseCoverage(table)
	}
	return nil, false
}

// parseCoverage reads the Unicode subtable of a cmap table: format 12
// (all planes) when there is one, else format 4 (the BMP).
func parseCoverage(t []byte) (coverage, bool) {
	if len(t) < 4 {
		return nil, false
	}
	u16 := func(p int) int { return int(binary.BigEndian.Uint16(t[p:])) }
	u32 := func(p int) int { return int(binary.BigEndian.Uint32(t[p:])) }
	best, bestFormat := -1, 0
	for i := 0; i < u16(2); i++ {
		rec := 4 + 8*i
		if rec+8 > len(t) {
			return nil, false
		}
		platform, encoding, off := u16(rec), u16(rec+2), u32(rec+4)
		unicode := platform == 0 || platform == 3 && (encoding == 1 || encoding == 10)
		if !unicode || off+2 > len(t) {
			continue
		}
		if format := u16(off); (format == 4 || format == 12) && format > bestFormat {
			best, bestFormat = off, format
		}
	}
	var c coverage
	switch bestFormat {
	case 12:
		if best+16 > len(t) {
			return nil, false
		}
		groups := u32(best + 12)
		if best+16+12*groups > len(t) {
			return nil, false
		}
		for g := 0; g < groups; g++ {
			p := best + 16 + 12*g
			c = append(c, [2]rune{rune(u32(p)), rune(u32(p + 4))})
		}
	case 4:
		if best+14 > len(t) {
			return nil, false
		}
		segs := u16(best+6) / 2
		ends, starts := best+14, best+16+2*segs
		if starts+2*segs > len(t) {
			return nil, false
		}
		for s := 0; s < segs; s++ {
			lo, hi := u16(starts+2*s), u16(ends+2*s)
			if lo == 0xFFFF || lo > hi {
				continue
			}
			c = append(c, [2]rune{rune(lo), rune(hi)})
		}
	default:
		return nil, false
	}
	sort.Slice(c, func(i, j int) bool { return c[i][0] < c[j][0] })
	return c, true
}
