package fonts

import (
	"sync"
	"testing"
	"unsafe"
)

// TestKernRow: a row keeps each pair's kerning, negative, zero or
// positive, apart from its neighbour's in the same word; one too large
// for 15 bits is not kept, and is looked up again.
func TestKernRow(t *testing.T) {
	var row kernRow
	want := map[rune]int{0: -1, 1: 0, 2: 16383, 3: -16384, 0x41: -57, 0x42: 12, 0x17F: -1}
	for b, v := range want {
		row.set(b, v)
	}
	row.set(4, 1<<14)
	row.set(5, -1<<14-1)
	for b := range rune(kernRunes) {
		v, ok := row.get(b)
		w, set := want[b]
		if ok != set || v != w && set {
			t.Errorf("pair before U+%04X: %d (%v), want %d (%v)", b, v, ok, w, set)
		}
	}
}

// TestKernRowConcurrentPairs: pairs set at once from several goroutines,
// two to a word, all keep their kerning.
func TestKernRowConcurrentPairs(t *testing.T) {
	var row kernRow
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := rune(g); b < kernRunes; b += 4 {
				row.set(b, -int(b))
			}
		}()
	}
	wg.Wait()
	for b := range rune(kernRunes) {
		if v, ok := row.get(b); !ok || v != -int(b) {
			t.Fatalf("pair before U+%04X: %d (%v), want %d", b, v, ok, -b)
		}
	}
}

// TestKernRowsFollowUse: kerning pairs from a hundred first letters
// makes a row for each, of 768 bytes (they were 1,536).
func TestKernRowsFollowUse(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	serif := set.Face(Serif, Regular)
	face, err := Parse(serif.Name(), serif.Data())
	if err != nil {
		t.Fatal(err)
	}
	for a := rune(0xC0); a < 0xC0+100; a++ {
		face.Kern(a, 'a')
	}
	rows := 0
	for i := range face.kernRows {
		if face.kernRows[i].Load() != nil {
			rows++
		}
	}
	if size := unsafe.Sizeof(kernRow{}); rows != 100 || size > 768 {
		t.Errorf("%d rows of %d bytes, want 100 of at most 768", rows, size)
	}
}
