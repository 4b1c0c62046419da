// Package fonts loads the TrueType faces galley sets text in and measures
// text with golang.org/x/image/font/sfnt, on the same bytes the PDF writer
// embeds, so that what the layout measures is what the reader sees.
//
// Widths are in thousandths of an em, rounded exactly as the PDF writer
// rounds the widths it writes, so a word measured here has the width a PDF
// viewer gives it.
package fonts

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// ErrUnsupportedFont is wrapped by the errors for fonts galley cannot embed:
// CFF-flavoured OpenType (.otf), collections (.ttc), and files that do not
// parse as TrueType.
var ErrUnsupportedFont = errors.New("unsupported font")

// Face is one parsed TrueType face. It is safe for concurrent use.
type Face struct {
	name string
	data []byte
	font *sfnt.Font
	upem int

	// Vertical metrics in thousandths of an em (Descent is negative).
	Ascent, Descent, CapHeight, XHeight int

	fastOnce sync.Once
	fast     [fastRunes]int16 // widths of U+0000–U+024F; missing = -1

	mu     sync.RWMutex
	widths map[rune]int16    // other runes, filled lazily; missing = -1
	misses int               // runes in widths the face lacks
	kerns  map[[2]rune]int16 // pairs beyond kernRunes, filled lazily (at most maxKernPairs)

	// kernRows holds the pairs below kernRunes by first rune; a row is
	// allocated when a pair starting with its rune is first asked for,
	// so a face that sets a few hundred pairs holds kilobytes, not the
	// whole 295 KB table
	kernRows [kernRunes]atomic.Pointer[kernRow]

	// private is the text of the private use characters a math face's
	// loading gave its glyph variants (see PrivateText)
	private map[rune]string
}

const fastRunes = 0x250

// Parse parses a TrueType face. name identifies it in the PDF and in
// messages. Fonts that the PDF writer cannot embed are refused here, not
// later.
func Parse(name string, data []byte) (*Face, error) {
	switch {
	case bytes.HasPrefix(data, []byte("OTTO")):
		return nil, fmt.Errorf("%w: %s has CFF outlines (.otf); use a TrueType (.ttf) face", ErrUnsupportedFont, name)
	case bytes.HasPrefix(data, []byte("ttcf")):
		return nil, fmt.Errorf("%w: %s is a font collection (.ttc); extract one face as .ttf", ErrUnsupportedFont, name)
	case !bytes.HasPrefix(data, []byte{0, 1, 0, 0}) && !bytes.HasPrefix(data, []byte("true")):
		return nil, fmt.Errorf("%w: %s is not a TrueType font", ErrUnsupportedFont, name)
	case !hasOutlines(data):
		return nil, fmt.Errorf("%w: %s has no outlines (a colour bitmap font such as Noto Color Emoji?); use an outline TrueType face such as Symbola", ErrUnsupportedFont, name)
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnsupportedFont, name, err)
	}
	face := &Face{name: name, data: data, font: f, upem: int(f.UnitsPerEm()), widths: map[rune]int16{}}
	if face.upem <= 0 {
		return nil, fmt.Errorf("%w: %s: units per em is %d", ErrUnsupportedFont, name, face.upem)
	}
	var buf sfnt.Buffer
	m, err := f.Metrics(&buf, fixed.I(face.upem), font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnsupportedFont, name, err)
	}
	face.Ascent = face.thousandths(m.Ascent)
	face.Descent = -face.thousandths(m.Descent)
	face.CapHeight = face.thousandths(m.CapHeight)
	face.XHeight = face.thousandths(m.XHeight)
	if face.CapHeight <= 0 {
		face.CapHeight = face.Ascent * 7 / 10
	}
	if face.XHeight <= 0 {
		face.XHeight = face.Ascent / 2
	}
	return face, nil
}

// thousandths converts a length in font units, given as 26.6 fixed point at
// ppem = units per em, to thousandths of an em, rounded as the PDF writer
// rounds glyph widths.
func (f *Face) thousandths(v fixed.Int26_6) int {
	return int(math.Round(float64(v) / 64 * 1000 / float64(f.upem)))
}

// Name returns the face's name, e.g. "NotoSerif-Bold".
func (f *Face) Name() string { return f.name }

// Data returns the TrueType bytes to embed. The caller must not modify them.
func (f *Face) Data() []byte { return f.data }

// Width returns the advance width of r in thousandths of an em and whether
// the face has a glyph for r.
func (f *Face) Width(r rune) (int, bool) {
	if r >= 0 && r < fastRunes {
		f.fastOnce.Do(f.fillFast)
		w := f.fast[r]
		return int(w), w >= 0
	}
	f.mu.RLock()
	w, ok := f.widths[r]
	f.mu.RUnlock()
	if !ok {
		buf := buffers.Get().(*sfnt.Buffer)
		w = f.lookup(buf, r)
		buffers.Put(buf)
		f.mu.Lock()
		// the runes a face has are at most its glyphs; those it lacks,
		// any of a million code points a text may hold, are kept only
		// up to maxMisses, so that the faces of a long-running process
		// do not grow with what it is sent
		if w >= 0 || f.misses < maxMisses {
			if _, had := f.widths[r]; !had && w < 0 {
				f.misses++
			}
			f.widths[r] = w
		}
		f.mu.Unlock()
	}
	return int(w), w >= 0
}

// ASCIIWidths returns the widths Width gives U+0000–U+007F, in
// thousandths of an em, -1 for those the face has no glyph for: its own
// table, not to be written to, for a caller that looks up every
// character of a text (each then an index rather than a call).
func (f *Face) ASCIIWidths() *[utf8.RuneSelf]int16 {
	f.fastOnce.Do(f.fillFast)
	return (*[utf8.RuneSelf]int16)(f.fast[:utf8.RuneSelf])
}

// maxMisses is how many runes a face lacks are kept as lacking; the
// others are looked up each time they are asked for.
const maxMisses = 4096

// maxKernPairs is how many kerning pairs beyond kernRunes a face keeps:
// the pairs of a text in a large script (ten thousand Chinese characters
// make a hundred million pairs) are otherwise looked up each time.
const maxKernPairs = 1 << 16

// Has reports whether the face has a glyph for r.
func (f *Face) Has(r rune) bool {
	_, ok := f.Width(r)
	return ok
}

// buffers holds the sfnt.Buffers of glyph and kerning lookups: a Buffer
// is a few kilobytes, and a text looks up thousands of pairs.
var buffers = sync.Pool{New: func() any { return new(sfnt.Buffer) }}

func (f *Face) fillFast() {
	var buf sfnt.Buffer
	for r := rune(0); r < fastRunes; r++ {
		f.fast[r] = f.lookup(&buf, r)
	}
}

func (f *Face) lookup(buf *sfnt.Buffer, r rune) int16 {
	gi, err := f.font.GlyphIndex(buf, r)
	if err != nil || gi == 0 {
		return -1
	}
	adv, err := f.font.GlyphAdvance(buf, gi, fixed.I(f.upem), font.HintingNone)
	if err != nil {
		return -1
	}
	return int16(f.thousandths(adv))
}

// kernRunes is the range of runes whose pair kerning is cached in a
// table: Latin-1 and Latin Extended-A, the bulk of the text galley sets.
const kernRunes = 0x180

// Kern returns the kerning between a and b, in thousandths of an em
// (negative: closer), from the font's GPOS pair positioning or kern
// table; 0 when the pair has none. Safe for concurrent use.
func (f *Face) Kern(a, b rune) int {
	// a pair of the table's runes looked up before costs two loads (the
	// row, and the pair's word: row.get, inlined), in a function without
	// the look-up's frame and locking; the others are kernSlow's
	if uint32(a) < kernRunes && uint32(b) < kernRunes {
		if row := f.kernRows[a].Load(); row != nil {
			if k, ok := row.get(b); ok {
				return k
			}
		}
	}
	return f.kernSlow(a, b)
}

// kernSlow is Kern for a pair not in its table yet, or of runes beyond it.
func (f *Face) kernSlow(a, b rune) int {
	if a >= 0 && a < kernRunes && b >= 0 && b < kernRunes {
		row := f.kernRows[a].Load()
		if row == nil {
			row = new(kernRow)
			if !f.kernRows[a].CompareAndSwap(nil, row) {
				row = f.kernRows[a].Load()
			}
		}
		if v, ok := row.get(b); ok {
			return v
		}
		v := f.lookupKern(a, b)
		row.set(b, v)
		return v
	}
	key := [2]rune{a, b}
	f.mu.RLock()
	v, ok := f.kerns[key]
	f.mu.RUnlock()
	if ok {
		return int(v)
	}
	k := f.lookupKern(a, b)
	f.mu.Lock()
	if f.kerns == nil {
		f.kerns = map[[2]rune]int16{}
	}
	if len(f.kerns) < maxKernPairs {
		f.kerns[key] = int16(k)
	}
	f.mu.Unlock()
	return k
}

// kernRow holds the kerning of the pairs whose second rune is below
// kernRunes, two to a word, each as kern×2+1 in 16 bits: zero is "not
// looked up yet". A row is 768 bytes.
type kernRow [kernRunes / 2]atomic.Uint32

// get returns the kerning before b, if it has been set.
func (row *kernRow) get(b rune) (int, bool) {
	h := int16(row[b>>1].Load() >> (16 * (b & 1)))
	return int(h >> 1), h != 0
}

// set records the kerning before b, unless it does not fit in 15 bits
// (no font kerns by 16 em), leaving the other pair of its word as it is.
func (row *kernRow) set(b rune, v int) {
	if v < -1<<14 || v >= 1<<14 {
		return
	}
	shift := 16 * (b & 1)
	h := uint32(uint16(int16(v)<<1|1)) << shift
	w := &row[b>>1]
	for {
		old := w.Load()
		if w.CompareAndSwap(old, old&^(0xFFFF<<shift)|h) {
			return
		}
	}
}

func (f *Face) lookupKern(a, b rune) int {
	buf := buffers.Get().(*sfnt.Buffer)
	defer buffers.Put(buf)
	ga, err := f.font.GlyphIndex(buf, a)
	if err != nil || ga == 0 {
		return 0
	}
	gb, err := f.font.GlyphIndex(buf, b)
	if err != nil || gb == 0 {
		return 0
	}
	k, err := f.font.Kern(buf, ga, gb, fixed.I(f.upem), font.HintingNone)
	if err != nil {
		return 0
	}
	return f.thousandths(k)
}
