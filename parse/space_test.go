package parse

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/galleyprint/galley/internal/testcorpus"
)

// TestTrimSpace: trimSpace is strings.TrimSpace, on white space of every
// kind around and inside text and on every text of the web corpus's pages.
func TestTrimSpace(t *testing.T) {
	texts := []string{"", " ", "x", " x ", "\n" + eightSpaces + eightSpaces + "  ", "\t" + eightTabs + "x" + eightTabs,
		"\u00a0 x \u00a0", eightSpaces + "\u2003x\u2003" + eightSpaces, "\u2003" + eightSpaces, eightSpaces + "\u2003",
		"x" + eightSpaces + "\u00a0", "\r\n\v\f " + eightSpaces + "a b" + eightTabs + " \r\n", "é" + eightSpaces, eightTabs + "é",
		"\xff" + eightSpaces, eightSpaces + "\xff", "\u0085" + eightSpaces + "x", "x" + eightSpaces[:7], eightSpaces[:7] + "x"}
	corpus := testcorpus.WebTexts(t)
	texts = append(texts, corpus...)
	for _, s := range texts {
		if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
			t.Fatalf("trimSpace(%q) = %q, want %q", s, got, want)
		}
	}
	if len(corpus) > 0 && len(texts) < 10000 {
		t.Errorf("only %d texts compared", len(texts))
	}
}

// TestTrimSpaceRandom: trimSpace is strings.TrimSpace, and skipASCIISpace
// skips what strings.TrimLeft with the ASCII spaces skips, on 30,000
// random texts of white space of every kind, control bytes, letters in
// and beyond ASCII and bytes that are not UTF-8, in runs that start and
// end anywhere in eight bytes.
func TestTrimSpaceRandom(t *testing.T) {
	pieces := []string{" ", "\t", "\n", "\r", "\v", "\f", "x", "!", "\x00", "\x1f", "\x08", "\x0e", "\x21", "é", "\u00a0",
		"\u2003", "\u0085", "\xff", "\x89", eightSpaces, eightTabs}
	rng := rand.New(rand.NewPCG(34, 3))
	for range 30000 {
		s := randomText(rng, pieces, 24)
		if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
			t.Fatalf("trimSpace(%q) = %q, want %q", s, got, want)
		}
		for i := range min(len(s), 9) {
			if got, want := skipASCIISpace(s, i), len(s)-len(strings.TrimLeft(s[i:], " \t\n\v\f\r")); got != want {
				t.Fatalf("skipASCIISpace(%q, %d) = %d, want %d", s, i, got, want)
			}
		}
	}
}
