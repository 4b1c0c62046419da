package fpdf

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
)

// embeddedFonts returns the fonts galley embeds, by file name.
func embeddedFonts(t *testing.T) map[string][]byte {
	t.Helper()
	paths, err := filepath.Glob("../../assets/fonts/*.ttf")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fonts in assets/fonts: %v", err)
	}
	fonts := map[string][]byte{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fonts[filepath.Base(p)] = data
	}
	return fonts
}

// unpackedCMAP is the map of each character to its glyph as fpdf built
// it before galley patch 35: every character of every format 4 segment,
// later segments overriding earlier ones, then those of the format 12
// groups no segment has, the first group winning.
func unpackedCMAP(utf *utf8FontFile) map[int]int {
	m := map[int]int{}
	pos := utf.unicodeCMAPPosition()
	data := utf.fileReader.array
	u16 := func(p int) int { return int(binary.BigEndian.Uint16(data[p:])) }
	rim := pos + u16(pos+2)
	segs := u16(pos+6) / 2
	ends, starts := pos+14, pos+16+2*segs
	deltas, offsets := starts+2*segs, starts+4*segs
	for n := range segs {
		delta := int(int16(u16(deltas + 2*n)))
		for r := u16(starts + 2*n); r <= u16(ends+2*n); r++ {
			g := (r + delta) & 0xFFFF
			if off := u16(offsets + 2*n); off != 0 {
				g = 0
				if p := offsets + 2*n + off + 2*(r-u16(starts+2*n)); p < rim {
					if g = u16(p); g != 0 {
						g = (g + delta) & 0xFFFF
					}
				}
			}
			m[r] = g
		}
	}
	t := utf.getTableData("cmap")
	u32 := func(p int) int { return int(binary.BigEndian.Uint32(t[p:])) }
	for i := range int(binary.BigEndian.Uint16(t[2:])) {
		rec := 4 + 8*i
		platform, encoding, off := int(binary.BigEndian.Uint16(t[rec:])), int(binary.BigEndian.Uint16(t[rec+2:])), u32(rec+4)
		if !(platform == 3 && encoding == 10 || platform == 0 && (encoding == 4 || encoding == 6)) ||
			int(binary.BigEndian.Uint16(t[off:])) != 12 {
			continue
		}
		for g := range u32(off + 12) {
			p := off + 16 + 12*g
			for r := u32(p); r <= u32(p+4) && u32(p+4) <= 0x10FFFF; r++ {
				if _, ok := m[r]; !ok {
					m[r] = u32(p+8) + r - u32(p)
				}
			}
		}
		break
	}
	return m
}

// TestCMAPIndexMatchesUnpackedMap: the cmap read where it lies maps every
// character of every embedded font, in all planes, to the glyph the
// unpacked map had, and no other character.
func TestCMAPIndexMatchesUnpackedMap(t *testing.T) {
	for name, data := range embeddedFonts(t) {
		font, err := NewUTF8Font(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		utf := font.file()
		want := unpackedCMAP(utf)
		index := utf.cmap.index
		if !index.ok || !index.segsOrdered {
			t.Errorf("%s: index ok %v, ordered %v", name, index.ok, index.segsOrdered)
		}
		mapped := 0
		for r := range 0x110000 {
			g, ok := index.glyph(r)
			wg, wok := want[r]
			if ok != wok || g != wg {
				t.Errorf("%s: U+%04X maps to %d (%v), want %d (%v)", name, r, g, ok, wg, wok)
				break
			}
			if ok {
				mapped++
			}
		}
		if mapped != len(want) || mapped < 1000 {
			t.Errorf("%s: %d characters mapped, want %d", name, mapped, len(want))
		}
	}
}

// TestCMAPIndexOverlappingSegments: where format 4 segments overlap, a
// character maps as the last segment that has it says, as it did when
// the segments were written into a map one after the other; where format
// 12 groups overlap, as the first says.
func TestCMAPIndexOverlappingSegments(t *testing.T) {
	c := &cmapIndex{ok: true, segs: []cmapSegment{
		{start: 0x41, end: 0x5A, delta: 1, n: 0},
		{start: 0x50, end: 0x60, delta: 100, n: 1},
		{start: 0xFFFF, end: 0xFFFF, delta: 1, n: 2},
	}, groups: []cmapGroup{
		{first: 0x10000, last: 0x10010, gid: 7},
		{first: 0x10008, last: 0x10020, gid: 50},
	}}
	for _, tc := range []struct {
		r, glyph int
		ok       bool
	}{
		{0x41, 0x42, true},
		{0x4F, 0x50, true},
		{0x50, 0x50 + 100, true},
		{0x60, 0x60 + 100, true},
		{0x61, 0, false},
		{0xFFFF, 0, true},
		{0x10009, 7 + 9, true},
		{0x10011, 50 + 9, true},
		{0x10021, 0, false},
	} {
		if g, ok := c.glyph(tc.r); g != tc.glyph || ok != tc.ok {
			t.Errorf("U+%04X: glyph %d (%v), want %d (%v)", tc.r, g, ok, tc.glyph, tc.ok)
		}
	}
}

// TestCharWidthsMatchGlyphMap: the widths read through the cmap index are
// those parseHMTXTable reads through the map of each glyph's characters.
func TestCharWidthsMatchGlyphMap(t *testing.T) {
	for name, data := range embeddedFonts(t) {
		font, err := NewUTF8Font(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := font.file()
		got.CharWidths = font.widths()
		if got.CharWidths == nil {
			t.Fatalf("%s: no widths", name)
		}
		want := font.file()
		want.CharWidths, want.DefaultWidth = nil, 0
		n := want.parseHHEATable()
		want.SeekTable("maxp")
		want.skip(4)
		glyphs := want.readUint16()
		want.parseHMTXTable(n, glyphs, want.generateSCCSDictionaries(want.unicodeCMAPPosition()), 1000.0/float64(want.fontElementSize))
		if got.DefaultWidth != want.DefaultWidth || !slices.Equal(got.CharWidths, want.CharWidths) {
			t.Errorf("%s: widths differ (default %v, want %v; %d characters, want %d)",
				name, got.DefaultWidth, want.DefaultWidth, got.CharWidths[0], want.CharWidths[0])
		}
	}
}

// TestLazyWidthsMeasureText: fpdf's own text measuring, which reads the
// widths made on first use, measures a UTF-8 font's text as the sum of
// its characters' widths, and a character the font lacks as its missing
// width.
func TestLazyWidthsMeasureText(t *testing.T) {
	font := parsedSerif(t)
	pdf := New("P", "mm", "A4", "")
	pdf.AddParsedUTF8Font("serif", "", font)
	pdf.SetFont("serif", "", 10)
	cw, dw := font.widths(), int(math.Round(font.parsed.DefaultWidth))
	if dw == 0 || cw['H'] == 0 || cw['i'] == 0 || cw['H'] == cw['i'] {
		t.Fatalf("widths H %d, i %d, missing %d", cw['H'], cw['i'], dw)
	}
	if got, want := pdf.GetStringSymbolWidth("Hi\u4e00"), cw['H']+cw['i']+dw; got != want {
		t.Errorf("Hi and a character the font lacks measure %d, want %d", got, want)
	}
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestFontParseMemory: parsing a font for embedding allocates a few
// kilobytes (the 512 KB width table fpdf's text measuring reads is made
// when first read), and a document's subset of a few dozen
// characters little more than the subset: neither unpacks the font's
// cmap or loca table (fpdf made a map of every character of the cmap
// twice, and the loca table as a slice of ints grown an entry at a time).
func TestFontParseMemory(t *testing.T) {
	data, err := os.ReadFile("../../assets/fonts/NotoSerif-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	var font *UTF8Font
	if n := allocated(func() { font, err = NewUTF8Font(data) }); err != nil || n > 32<<10 {
		t.Errorf("parsing the font allocated %d KB (%v), want at most 32", n>>10, err)
	}
	cids := newCIDTable()
	if _, err := cids.appendEncoded(nil, "Quick brown fox — éàüñ Ǻ ŷ ǆ fi 123"); err != nil {
		t.Fatal(err)
	}
	var subset []byte
	for range 2 { // the first document and another
		utf := font.file()
		utf.cids = cids
		if n := allocated(func() { subset = utf.cutFont(cids.runes) }); n > 2*uint64(len(subset))+16<<10 {
			t.Errorf("a subset of %d KB allocated %d KB, want at most %d", len(subset)>>10, n>>10, (2*len(subset)+16<<10)>>10)
		}
	}
}

// TestSharedFontConcurrentSubsets: documents on several goroutines at
// once, sharing one parsed font (its cmap index, table directory and
// widths made on first use), make the subsets they make one at a time.
func TestSharedFontConcurrentSubsets(t *testing.T) {
	font := parsedSerif(t)
	texts := []string{"Quick brown fox", "Ǻ ŷ ǆ fi 123 éàüñ", "Съешь же ещё этих", "Ξεσκεπάζω την ψυχοφθόρα", "zyx wvu"}
	subset := func(font *UTF8Font, text string) ([]byte, int) {
		cids := newCIDTable()
		if _, err := cids.appendEncoded(nil, text); err != nil {
			t.Error(err)
		}
		utf := font.file()
		utf.cids = cids
		w := 0
		for _, r := range text {
			w += font.widths()[r]
		}
		return utf.cutFont(cids.runes), w
	}
	want := make([][]byte, len(texts))
	wantW := make([]int, len(texts))
	for i, text := range texts {
		want[i], wantW[i] = subset(font, text)
	}
	shared := parsedSerif(t) // its widths not made yet
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 3 * len(texts) {
				i := (g + k) % len(texts)
				if got, w := subset(shared, texts[i]); !bytes.Equal(got, want[i]) || w != wantW[i] {
					t.Errorf("%q: a subset of %d bytes, width %d, made on its own %d bytes, %d", texts[i], len(got), w, len(want[i]), wantW[i])
				}
			}
		}()
	}
	wg.Wait()
}
