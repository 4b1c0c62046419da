package parse

import (
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
