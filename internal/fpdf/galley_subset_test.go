package fpdf

import (
	"encoding/binary"
	"os"
	"testing"

	"golang.org/x/image/font/sfnt"
)

// TestSubsetFontFile: the subset GenerateCutFont makes of a font, with
// composite glyphs among those kept, is a well-formed TrueType file: its
// tables where the directory says, each with the checksum given, the
// whole file summing to 0xB1B0AFBA, and readable by sfnt with the glyphs
// of the characters kept.
func TestSubsetFontFile(t *testing.T) {
	utf, cids := serifFileFor(t, "Quick brown fox — éàüñ Ǻ ŷ ǆ fi 123")
	file := utf.cutFont(cids.runes)
	if len(file) < 12 || len(file)%4 != 0 {
		t.Fatalf("subset of %d bytes", len(file))
	}
	n := int(binary.BigEndian.Uint16(file[4:]))
	if hi, lo := tableChecksum(file); hi != 0xB1B0 || lo != 0xAFBA {
		t.Errorf("file checksum %04X%04X, want B1B0AFBA", hi, lo)
	}
	for i := range n {
		e := file[12+16*i:]
		tag := string(e[:4])
		sum := binary.BigEndian.Uint32(e[4:])
		off, size := int(binary.BigEndian.Uint32(e[8:])), int(binary.BigEndian.Uint32(e[12:]))
		if off%4 != 0 || off+size > len(file) {
			t.Errorf("table %q at %d, %d bytes, in a file of %d", tag, off, size, len(file))
			continue
		}
		table := append([]byte(nil), file[off:off+size]...)
		if tag == "head" {
			binary.BigEndian.PutUint32(table[8:], 0) // checkSumAdjustment
		}
		hi, lo := tableChecksum(table)
		if got := uint32(hi)<<16 | uint32(lo); got != sum {
			t.Errorf("table %q: checksum %08X, directory says %08X", tag, got, sum)
		}
	}
	f, err := sfnt.Parse(file)
	if err != nil {
		t.Fatalf("sfnt cannot read the subset: %v", err)
	}
	if got, want := f.NumGlyphs(), len(utf.symbolDictionary())+1; got < want {
		t.Errorf("%d glyphs in the subset, want at least %d", got, want)
	}
}

// TestParseSymbolsAllocations: choosing a subset's glyphs (those of the
// characters used and the components of composite ones) makes its maps
// at their size, not grown a glyph at a time, and numbers the glyphs
// from 0 in order: glyph 0, then the characters' in glyph order, then
// the components; cutFont leaves no glyph numbered for the next subset.
func TestParseSymbolsAllocations(t *testing.T) {
	utf, cids := serifFileFor(t, "The quick brown fox jumps over the lazy dog — ÉÀÜÑ éàüñ Ǻ ŷ ǆ, 0123456789 (and «more»)!")
	utf.cutFont(cids.runes) // reads the tables parseSymbols uses
	used := cids.runes
	var newOf *glyphNumbers
	var order []int
	allocs := testing.AllocsPerRun(20, func() {
		if newOf != nil {
			newOf.clear(order) // as cutFont does
		}
		_, newOf, order = utf.parseSymbols(used)
	})
	for i, g := range order {
		if newOf.of(g) != i {
			t.Fatalf("glyph %d is number %d in the subset, want %d", g, newOf.of(g), i)
		}
	}
	numbered := 0
	for g := range *newOf {
		if newOf.has(g) {
			numbered++
		}
	}
	if numbered != len(order) {
		t.Errorf("%d glyphs numbered, want the subset's %d", numbered, len(order))
	}
	newOf.clear(order)
	utf.releaseSubset()
	utf.cutFont(used)
	for g, n := range utf.buffers.numbers {
		if n != 0 {
			t.Fatalf("glyph %d still numbered once the subset is made", g)
		}
	}
	if len(order) <= len(used) {
		t.Errorf("%d glyphs for %d characters with composites among them", len(order), len(used))
	}
	if allocs > 12 { // it made 42, its maps grown, then 24 (patch 34)
		t.Errorf("%.0f allocations to choose %d glyphs, want at most 12", allocs, len(order))
	}
}

// parsedSerif is the embedded serif face, parsed.
func parsedSerif(t *testing.T) *UTF8Font {
	t.Helper()
	data, err := os.ReadFile("../../assets/fonts/NotoSerif-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	font, err := NewUTF8Font(data)
	if err != nil {
		t.Fatal(err)
	}
	return font
}

// serifFileFor is the embedded serif face's font file with the
// characters of text in use (its CID table).
func serifFileFor(t *testing.T, text string) (*utf8FontFile, *cidTable) {
	t.Helper()
	font := parsedSerif(t)
	cids := newCIDTable()
	if _, err := cids.appendEncoded(nil, text); err != nil {
		t.Fatal(err)
	}
	utf := font.file()
	utf.cids = cids
	return utf, cids
}

// TestTableSum: a table's checksum is the sum of its big-endian 32-bit
// words, the last padded with zeros, whatever its length.
func TestTableSum(t *testing.T) {
	data := make([]byte, 40)
	for i := range data {
		data[i] = byte(251 - 7*i)
	}
	for n := range len(data) + 1 {
		padded := append(append([]byte{}, data[:n]...), 0, 0, 0)
		var want uint32
		for i := 0; i+4 <= len(padded); i += 4 {
			want += uint32(padded[i])<<24 | uint32(padded[i+1])<<16 | uint32(padded[i+2])<<8 | uint32(padded[i+3])
		}
		if got := tableSum(data[:n]); got != want {
			t.Errorf("tableSum of %d bytes = %#x, want %#x", n, got, want)
		}
	}
}
