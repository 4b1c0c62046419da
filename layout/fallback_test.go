package layout

import (
	"testing"

	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/page"
)

// TestFallbackFaceAllocations: finding the face for a character the
// run's own face lacks allocates nothing once the run's style has been
// seen (fonts.Set.Fallbacks made a list for every such character), and
// finds the same face as the set's list of fallbacks.
func TestFallbackFaceAllocations(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := &shaper{fonts: set, missing: map[rune]int{}}
	rs := runStyle{fam: fonts.Serif, size: page.Pt(10)}
	primary := set.Face(fonts.Serif, fonts.Regular)
	const arrow = '→' // not in Noto Serif, in Noto Sans
	if primary.Has(arrow) {
		t.Fatalf("the serif face has %c: pick a character it lacks", arrow)
	}
	var want *fonts.Face
	for _, f := range set.Fallbacks(fonts.Serif, fonts.Regular) {
		if f.Has(arrow) {
			want = f
			break
		}
	}
	var got *fonts.Face
	allocs := testing.AllocsPerRun(100, func() { got = s.faceFor(arrow, primary, rs) })
	if got == nil || got != want {
		t.Fatalf("the face for %c is %v, want %v", arrow, got, want)
	}
	if allocs > 0 {
		t.Errorf("%.0f allocations to find the face for %c, want none", allocs, arrow)
	}
}
