package parse

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestToLowerTextAsToLower: toLowerText gives what strings.ToLower gives for
// 100,000 random texts of ASCII in both cases, letters beyond ASCII whose
// lower case is longer, shorter or ASCII (U+023A, U+0130, the Kelvin
// sign), other characters, and bytes that are not UTF-8.
func TestToLowerTextAsToLower(t *testing.T) {
	pieces := []string{"A", "z", "Q", " ", "Photo: ", "\u2019", "\u2014", "É", "é", "\u023a", "\u2c65", "\u0130", "\u212a", "Σ",
		"ΣΑΣ", "日本", "\xff", "\xc3", "\xe2\x80", "\U0001F600", "\u1e9e", "ǅ", "0", "\x00", "\x7f", "\u00df",
		"@[`{", "Lorem Ipsum Dolor", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz", "0123456789 !~"}
	rng := rand.New(rand.NewPCG(34, 13))
	for range 100000 {
		s := randomText(rng, pieces, 14)
		if got, want := toLowerText(s), strings.ToLower(s); got != want {
			t.Fatalf("toLowerText(%q) = %q; strings.ToLower: %q", s, got, want)
		}
	}
}
