package fpdf

import (
	"encoding/binary"
	"testing"
)

// TestCMAPTable: the subset's cmap maps every CID to its glyph, in a
// segment per run of consecutive CIDs with consecutive glyphs, and is
// made in a few allocations (fpdf made a map of slices and a two-byte
// slice per number: hundreds for a few hundred CIDs).
func TestCMAPTable(t *testing.T) {
	m := map[int]int{}
	for cid := 1; cid <= 300; cid++ {
		m[cid] = 3 + cid // one long run
	}
	m[302], m[303], m[304] = 9, 500, 501 // a CID apart, then a glyph apart
	m[400] = 2
	var utf utf8FontFile
	table := utf.generateCMAPTable(m, 320)
	u := func(i int) int { return int(binary.BigEndian.Uint16(table[2*i:])) }
	if len(table)%2 != 0 || len(table) < 26 {
		t.Fatalf("a table of %d bytes", len(table))
	}
	if u(2) != 3 || u(3) != 1 || u(6) != 4 {
		t.Fatalf("platform %d, encoding %d, format %d: want 3, 1, 4", u(2), u(3), u(6))
	}
	segs := u(9) / 2
	if segs != 5 { // 1–300, 302, 303–304, 400 and the final 0xFFFF
		t.Errorf("%d segments, want 5", segs)
	}
	end := func(k int) int { return u(13 + k) }
	start := func(k int) int { return u(13 + segs + 1 + k) }
	delta := func(k int) int { return u(13 + 2*segs + 1 + k) }
	rangeOffset := func(k int) int { return u(13 + 3*segs + 1 + k) }
	if end(segs-1) != 0xFFFF || start(segs-1) != 0xFFFF || delta(segs-1) != 1 {
		t.Errorf("the last segment is %d–%d +%d, want 0xFFFF–0xFFFF +1", start(segs-1), end(segs-1), delta(segs-1))
	}
	for cid, want := range m {
		got := -1
		for k := range segs {
			if start(k) <= cid && cid <= end(k) && rangeOffset(k) == 0 {
				got = (cid + delta(k)) & 0xFFFF
				break
			}
		}
		if got != want {
			t.Errorf("CID %d maps to glyph %d, want %d", cid, got, want)
		}
	}
	if allocs := testing.AllocsPerRun(20, func() { utf.generateCMAPTable(m, 320) }); allocs > 12 {
		t.Errorf("%.0f allocations to make a cmap of %d CIDs, want at most 12", allocs, len(m))
	}
}

// TestSubsetCMAPTableByCID: the subset's cmap by CID, taken in the CID
// table's order, is the table of the same CIDs and glyphs put in a map
// and sorted, without character 0, and is made in a few allocations
// (the map and its sorting took a tenth of the subsetting time).
func TestSubsetCMAPTableByCID(t *testing.T) {
	cids := newCIDTable()
	if _, err := cids.appendEncoded(nil, "zyx\x00wvu 0123 abc ÉÀ"); err != nil {
		t.Fatal(err)
	}
	runeGlyph := map[int]int{}
	byCID := map[int]int{}
	for i, r := range cids.runes {
		if r == 'b' {
			continue // a character the font lacks
		}
		g := 10 + int(r)%7
		runeGlyph[int(r)] = g
		if r != 0 {
			byCID[i+1] = g
		}
	}
	utf := utf8FontFile{cids: cids}
	got := utf.subsetCMAPTable(runeGlyph, 40)
	if want := utf.generateCMAPTable(byCID, 40); string(got) != string(want) {
		t.Errorf("cmap by CID order\n%x\nwant\n%x", got, want)
	}
	if allocs := testing.AllocsPerRun(20, func() { utf.subsetCMAPTable(runeGlyph, 40) }); allocs > 6 {
		t.Errorf("%.0f allocations, want at most 6", allocs)
	}
}
