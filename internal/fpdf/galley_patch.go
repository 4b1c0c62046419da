package fpdf

// Patches by galley (see PATCHES.md).

import (
	"strconv"
	"sync"

	"github.com/klauspost/compress/zlib"
)

// zlibWriters pools zlib writers: each holds about 1 MB of compressor
// state, and allocating one per stream cost a tenth of a batch run.
var zlibWriters = sync.Pool{New: func() any {
	zw, err := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	if err != nil {
		panic(err) // BestSpeed is a valid level
	}
	return zw
}}

// cmapCache holds what a parsed font's copies share (galley patch 5):
// its Unicode cmap, indexed once (galley patch 35) and then only read,
// and its PostScript name.
type cmapCache struct {
	once  sync.Once
	index *cmapIndex

	nameOnce sync.Once
	psName   string // the PostScript name, sanitized
}

// cachedCMAP reports whether the font has a Unicode cmap, indexing it
// first if parseFile did not.
func (utf *utf8FontFile) cachedCMAP() bool {
	c := utf.cmap
	if c == nil {
		c = &cmapCache{}
		utf.cmap = c
	}
	c.once.Do(func() {
		if c.index == nil {
			c.index = utf.readCMAPIndex(utf.unicodeCMAPPosition())
		}
	})
	return c.index.ok
}

// generateCIDFontMap writes the /W (widths) array of a CID font, given
// the width of each CID from 1 (widths[0] is CID 0's and not written), as
// ranges "first last width" where at least three consecutive CIDs share a
// width and as lists "first [w w …]" elsewhere, in one linear pass. It
// replaces fpdf's port of PHP arrays, whose appends were quadratic in the
// characters used.
func (f *Fpdf) generateCIDFontMap(widths []int) {
	// galley patch 45: the numbers appended with strconv (each one
	// formatted with Fprintf was an allocation)
	w := append(make([]byte, 0, 8*len(widths)+16), "/W ["...)
	num := func(n int) { w = strconv.AppendInt(append(w, ' '), int64(n), 10) }
	var list []int // widths of the open list, starting at listStart
	listStart := 0
	flush := func() {
		if len(list) > 0 {
			num(listStart)
			w = append(w, " ["...)
			for _, v := range list {
				num(v)
			}
			w = append(w, " ]\n"...)
			list = list[:0]
		}
	}
	for cid := 1; cid < len(widths); {
		v := widths[cid]
		end := cid + 1 // widths[cid:end] are equal
		for end < len(widths) && widths[end] == v {
			end++
		}
		if end-cid >= 3 {
			flush()
			num(cid)
			num(end - 1)
			num(v)
			cid = end
			continue
		}
		if len(list) == 0 {
			listStart = cid
		}
		list = append(list, v)
		cid++
	}
	flush()
	w = append(w, " ]"...)
	f.outBytes(w)
}

// TextKerned is Text with kerning, for UTF-8 fonts (galley patch 8): the
// text from byte at[i] on moves by adjust[i] thousandths of an em
// (negative: closer), written as one TJ operator. Other fonts, and
// right-to-left text, fall back to Text.
func (f *Fpdf) TextKerned(x, y float64, txtStr string, at, adjust []int) {
	if !f.isCurrentUTF8 || f.isRTL || len(at) == 0 || len(at) != len(adjust) {
		f.Text(x, y, txtStr)
		return
	}
	if !f.colorFlag && f.state == 2 { // galley patch 13
		// galley patches 16 and 61: the piece is made in a reused buffer
		b := f.appendMove(f.textScratch[:0], x*f.k, (f.h-y)*f.k)
		f.endPiece(f.appendKerned(b, txtStr, at, adjust))
		return
	}
	b := f.appendKerned(f.opScratch[:0], txtStr, at, adjust)
	f.opScratch = b
	s := sprintf("BT %.2f %.2f Td %s ET", x*f.k, (f.h-y)*f.k, b)
	if f.colorFlag {
		s = sprintf("q %s %s Q", f.color.text.str, s)
	}
	f.out(s)
}

// appendKerned appends TextKerned's TJ operator of txtStr to b.
func (f *Fpdf) appendKerned(b []byte, txtStr string, at, adjust []int) []byte {
	b = append(b, "[("...)
	prev := 0
	for i, a := range at {
		if a <= prev || a >= len(txtStr) {
			continue
		}
		b = f.appendText(b, txtStr[prev:a])
		b = append(b, ") "...)
		b = strconv.AppendInt(b, int64(-adjust[i]), 10)
		b = append(b, " ("...)
		prev = a
	}
	b = f.appendText(b, txtStr[prev:])
	return append(b, ")] TJ"...)
}
