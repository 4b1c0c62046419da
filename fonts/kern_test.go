package fonts_test

import (
	"runtime"
	"testing"

	"github.com/galleyprint/galley/fonts"
)

func TestKern(t *testing.T) {
	set := defaultSet(t)
	serif := set.Face(0, 0)
	// pairs every text face kerns, and pairs it does not
	for _, c := range []struct {
		a, b  rune
		tight bool
	}{{'A', 'V', true}, {'T', 'o', true}, {'V', 'a', true}, {'o', 'o', false}, {'n', 'n', false}} {
		k := serif.Kern(c.a, c.b)
		if (k < 0) != c.tight {
			t.Errorf("%s: kern %c%c = %d, tight %v", serif.Name(), c.a, c.b, k, c.tight)
		}
		if again := serif.Kern(c.a, c.b); again != k {
			t.Errorf("kern %c%c changed from %d to %d", c.a, c.b, k, again)
		}
	}
	if k := serif.Kern('Ω', 'Ϋ'); k > 0 || k < -300 {
		t.Errorf("kern outside the table: %d", k)
	}
}

// TestKernMemoryFollowsUse checks that a face's kerning cache grows with
// the pairs looked up, not by a whole table at the first pair: a
// short-lived process kerning a few hundred pairs should not allocate
// (and fault in) the 590 KB table of every pair in Latin Extended-A,
// nor a glyph buffer per lookup.
func TestKernMemoryFollowsUse(t *testing.T) {
	serif := defaultSet(t).Face(0, 0)
	face, err := fonts.Parse(serif.Name(), serif.Data())
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for _, b := range "abcdefghijklmnopqrstuvwxyz" {
		face.Kern('T', b)
		face.Kern('V', b)
	}
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 16<<10 {
		t.Errorf("kerning a fresh face's first 52 pairs, from two first letters, allocated %d bytes, want at most 16 KB", got)
	}
}
