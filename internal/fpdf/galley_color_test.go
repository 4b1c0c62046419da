package fpdf

import "testing"

// TestColorOperatorsKept: a colour set again gives the operator made the
// first time, and every operator is the one made afresh, for more
// colours than are kept, gray or not, filled, stroked or plain.
func TestColorOperatorsKept(t *testing.T) {
	f := New("P", "mm", "A4", "")
	fresh := func(r, g, b int, gray, op string) string {
		var other Fpdf
		return other.rgbColorValue(r, g, b, gray, op).str
	}
	for round := range 3 {
		for k := range 12 {
			r, g, b := k*20, k*20+round%2*5, 255-k*20
			for _, ops := range [][2]string{{"g", "rg"}, {"G", "RG"}, {"", ""}} {
				got := f.rgbColorValue(r, g, b, ops[0], ops[1]).str
				if want := fresh(r, g, b, ops[0], ops[1]); got != want {
					t.Fatalf("colour %d %d %d with %q: %q, want %q", r, g, b, ops, got, want)
				}
			}
		}
	}
	f.rgbColorValue(51, 51, 51, "g", "rg")
	if n := testing.AllocsPerRun(100, func() { f.rgbColorValue(51, 51, 51, "g", "rg") }); n != 0 {
		t.Errorf("setting a colour just set allocates %.0f times", n)
	}
}
