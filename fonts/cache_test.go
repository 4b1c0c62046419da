package fonts

import "testing"

// TestCachesBounded: a face keeps the widths of the runes it has, but of
// the runes it lacks and of kerning pairs only so many: a long-running
// service sent every code point, or a large text in a large script,
// keeps the same memory afterwards, and the answers do not change.
func TestCachesBounded(t *testing.T) {
	set, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	f := set.Face(Serif, Regular)
	lacking := 0
	for r := rune(0x10000); r < 0x40000; r++ {
		if _, ok := f.Width(r); !ok {
			lacking++
		}
	}
	for r := rune(0x4E00); r < 0x4E00+600; r++ {
		for s := rune(0x4E00); s < 0x4E00+200; s++ {
			f.Kern(r, s)
		}
	}
	f.mu.RLock()
	widths, misses, kerns := len(f.widths), f.misses, len(f.kerns)
	f.mu.RUnlock()
	if misses > maxMisses || widths > maxMisses+0x10000 {
		t.Errorf("%d widths kept, %d of runes the face lacks (%d asked)", widths, misses, lacking)
	}
	if kerns > maxKernPairs {
		t.Errorf("%d kerning pairs kept, at most %d wanted", kerns, maxKernPairs)
	}
	if w, ok := f.Width(0x3FFFF); ok || w >= 0 {
		t.Errorf("a rune the face lacks, asked again: %d, %v", w, ok)
	}
	if w, ok := f.Width('€'); !ok || w <= 0 {
		t.Errorf("€: %d, %v", w, ok)
	}
}
