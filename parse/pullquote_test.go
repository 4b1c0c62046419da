package parse

import (
	"strings"
	"testing"
	"unicode"
)

// TestNonSpaceRunes checks nonSpaceRunes against counting the runes
// unicode.IsSpace rejects one by one, with white space beyond ASCII,
// indentation and invalid UTF-8, and its stop one past max.
func TestNonSpaceRunes(t *testing.T) {
	texts := []string{
		"", " ", "a", "\n" + strings.Repeat(" ", 20) + "Quote",
		"\t\t\t\t\t\t\t\t\t\tword  word\r\n", "a\u00a0b\u0085c\u2003d\u3000e", "\xff\xfe x \xc3",
		"«Ein Zitat»\v\f", strings.Repeat("\t", 17) + "é" + strings.Repeat(" ", 9),
	}
	for _, s := range texts {
		want := 0
		for _, r := range s {
			if !unicode.IsSpace(r) {
				want++
			}
		}
		if got := nonSpaceRunes(s, len(s)); got != want {
			t.Errorf("nonSpaceRunes(%q) = %d, want %d", s, got, want)
		}
		for max := 0; max < want; max++ {
			if got := nonSpaceRunes(s, max); got != max+1 {
				t.Errorf("nonSpaceRunes(%q, %d) = %d, want %d", s, max, got, max+1)
			}
		}
	}
}
