package parse

import (
	"math/rand/v2"
	"strings"
)

// randomText joins up to most-1 pieces drawn at random from pieces: the
// texts the randomised tests compare a fast path against its plain form on.
func randomText(rng *rand.Rand, pieces []string, most int) string {
	var b strings.Builder
	for range rng.IntN(most) {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}
