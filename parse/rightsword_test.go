package parse

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestMayHoldRightsWord: mayHoldRightsWord says a text may hold a rights
// word wherever its lower-cased copy does (and, in ASCII, only there), on
// random texts of the words' pieces in both cases, the letters beyond
// ASCII that lower-case into ASCII, others, the copyright sign and bytes
// that are not UTF-8.
func TestMayHoldRightsWord(t *testing.T) {
	pieces := []string{"RIGHT", "rig", "ht", "Rechte", "droits", "DEREchos", "diritti", "direitos", "prawa", "copy", "Right",
		"©", "\xc2", "\xa9", "permission", "CC-BY", "cc by", "cc", "-", " ", "by", "creative", " commons", "\u0130", "\u212a",
		"r\u0130ght", "\u00dc", "é", "\xff", "x", "s"}
	rng := rand.New(rand.NewPCG(34, 5))
	for range 40000 {
		s := randomText(rng, pieces, 8)
		holds := rightsWordFinder().index(strings.ToLower(s), 0) >= 0
		if may := mayHoldRightsWord(s); holds && !may || isASCII(s) && may != holds {
			t.Errorf("mayHoldRightsWord(%q) = %v; the lower-cased text holds a word: %v", s, may, holds)
		}
	}
}
