package deflate

import (
	"math/rand/v2"
	"testing"
)

// TestMatchLenAt holds matchLenAt (galley patch 2) to matchLen over the
// two slices it stands for, on data with long and short repeats and at
// every distance from the end of the block.
func TestMatchLenAt(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		src := make([]byte, 1+r.IntN(300))
		alphabet := 1 + r.IntN(4) // few letters: long common prefixes
		for i := range src {
			src[i] = byte('a' + r.IntN(alphabet))
		}
		for a := 1; a < len(src); a++ {
			b := r.IntN(a)
			want := matchLen(src[a:], src[b:])
			if got := matchLenAt(src, a, b); got != want {
				t.Fatalf("matchLenAt(%q, %d, %d) = %d, matchLen %d", src, a, b, got, want)
			}
		}
	}
}
