package fpdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"sync"
	"testing"
)

// TestSubsetRuns: the runs of a subset file cover it, from its table
// directory to its end, alternating between tables that differ from
// subset to subset and tables of unchangedTable, each run ending where a
// table of the directory ends (padded to 4 bytes).
func TestSubsetRuns(t *testing.T) {
	utf, cids := serifFileFor(t, "Quick brown fox — éàüñ")
	file := utf.cutFont(cids.runes)
	runs := utf.subsetRuns()
	n := int(binary.BigEndian.Uint16(file[4:]))
	ends := map[int]bool{12 + 16*n: true}
	kinds := map[int]bool{}
	for i := range n {
		e := file[12+16*i:]
		end := int(binary.BigEndian.Uint32(e[8:]) + (binary.BigEndian.Uint32(e[12:])+3)&^3)
		ends[end] = true
		kinds[end] = unchangedTable(string(e[:4]))
	}
	if len(runs) < 3 || runs[0].unchanged || runs[len(runs)-1].end != len(file) {
		t.Fatalf("runs %v of a file of %d bytes", runs, len(file))
	}
	for i, r := range runs {
		if !ends[r.end] || i > 0 && (r.end <= runs[i-1].end || r.unchanged == runs[i-1].unchanged) {
			t.Errorf("run %d of %v does not end a table or follows one of its kind", i, runs)
		}
		if i > 0 && kinds[r.end] != r.unchanged {
			t.Errorf("run %d of %v ends with a table of the other kind", i, runs)
		}
	}
	utf.releaseSubset()
}

// TestCompressSubset: a subset deflated by runs inflates to the subset,
// whether its unchanged tables' runs are deflated anew or taken from
// those kept, and concurrent documents (under -race) share the runs
// kept; a run that is not the one kept is deflated anew.
func TestCompressSubset(t *testing.T) {
	kept := &subsetCache{}
	texts := []string{"Quick brown fox — éàüñ", "jumps over the lazy dog 0123", "Ǻ ŷ ǆ fi"}
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Go(func() {
			utf, cids := serifFileFor(t, texts[i%len(texts)])
			file := utf.cutFont(cids.runes)
			mem := xmem.compressSubset(file, utf.subsetRuns(), kept)
			// not inflate, whose t.Fatal must not be called here
			zr, err := zlib.NewReader(bytes.NewReader(mem.bytes()))
			var got []byte
			if err == nil {
				got, err = io.ReadAll(zr)
			}
			if err != nil || !bytes.Equal(got, file) {
				t.Errorf("%q: inflates to %d bytes (%v), not its subset of %d", texts[i%len(texts)], len(got), err, len(file))
			}
			mem.release()
			utf.releaseSubset()
		})
	}
	wg.Wait()
	if len(kept.runs) < 2 {
		t.Fatalf("%d runs kept", len(kept.runs))
	}

	utf, cids := serifFileFor(t, texts[0])
	file := bytes.Clone(utf.cutFont(cids.runes))
	runs := utf.subsetRuns()
	// a changed byte in the first run of unchanged tables
	at := runs[0].end + 5
	file[at]++
	mem := xmem.compressSubset(file, runs, kept)
	if got := inflate(t, mem.bytes()); !bytes.Equal(got, file) {
		t.Error("a subset whose unchanged tables changed does not inflate to itself")
	}
	mem.release()
	utf.releaseSubset()
}

// TestKeptTableSums: the checksums of a font's unchanged tables, kept
// after its first subset, are those of the tables of its later subsets,
// and a table that only looks like one kept (same tag and length, other
// bytes) is summed anew.
func TestKeptTableSums(t *testing.T) {
	for _, text := range []string{"Quick brown fox", "jumps over the lazy dog", "Ǻ ŷ ǆ fi"} {
		utf, cids := serifFileFor(t, text)
		utf.cutFont(cids.runes)
		if utf.kept == nil {
			t.Fatal("a parsed font without its subset cache")
		}
		for tag, data := range utf.outTablesData {
			if got, want := utf.kept.tableSum(tag, data), tableSum(data); got != want {
				t.Errorf("%q: table %q sums to %08x, kept %08x", text, tag, want, got)
			}
			if unchangedTable(tag) && len(data) > 0 {
				other := bytes.Clone(data)
				other[0]++
				if got, want := utf.kept.tableSum(tag, other), tableSum(other); got != want {
					t.Errorf("a copy of table %q changed sums to %08x, kept %08x", tag, want, got)
				}
			}
		}
		utf.releaseSubset()
	}
}
