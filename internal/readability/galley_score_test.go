package readability

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestRoundedScore: roundedScore is the score as the attribute gave it
// back, fmt.Sprintf("%.4f") then strconv.ParseFloat.
func TestRoundedScore(t *testing.T) {
	scores := []float64{0, math.Copysign(0, -1), 1, -1, 0.00005, 0.00015, 1.23456789, -3.99995, 25.5 * 0.75, 1e21, 123456.789012345, math.Inf(1), math.Inf(-1),
		0.0625, -0.0625, 0.03125, 1<<40 + 0.5, 1<<39 + 0.0625, 1e12 + 0.5}
	// sums of the parts scoring adds (contents over dividers 1, 2 and 3
	// times the level), some scaled by a link density
	for i := -40; i <= 40; i++ {
		for _, d := range []float64{1, 2, 4, 6, 8, 9, 12, 16, 32} {
			scores = append(scores, float64(i)/d, float64(i)/d*(1-0.25), float64(i)/d*(1-1.0/3))
		}
	}
	for _, score := range scores {
		want, _ := strconv.ParseFloat(fmt.Sprintf("%.4f", score), 64)
		if got := roundedScore(score); got != want || math.Signbit(got) != math.Signbit(want) {
			t.Errorf("roundedScore(%v) = %v, want %v", score, got, want)
		}
	}
}

// TestRoundedScoreRandom: roundedScore is the round trip for random
// scores of every magnitude below and around a million, and for scores
// next to the halves of ten-thousandths, where rounding is closest.
func TestRoundedScoreRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(34, 7))
	for i := range 200000 {
		var score float64
		switch i % 3 {
		case 0:
			score = (rng.Float64()*2 - 1) * math.Pow(10, float64(rng.IntN(18)-4))
		case 1:
			half := (float64(rng.IntN(2_000_000)-1_000_000) + 0.5) / 1e4
			score = math.Nextafter(half, math.Inf(rng.IntN(2)*2-1))
			for range rng.IntN(4) {
				score = math.Nextafter(score, math.Inf(rng.IntN(2)*2-1))
			}
		default:
			score = float64(rng.IntN(2001)-1000) / float64(rng.IntN(60)+1) * (1 - rng.Float64())
		}
		want, _ := strconv.ParseFloat(fmt.Sprintf("%.4f", score), 64)
		if got := roundedScore(score); got != want || math.Signbit(got) != math.Signbit(want) {
			t.Fatalf("roundedScore(%v) = %v, want %v", score, got, want)
		}
	}
}

// TestAppendNodeAncestors: appendNodeAncestors appends what
// getNodeAncestors returns, for every depth bound.
func TestAppendNodeAncestors(t *testing.T) {
	doc, err := html.Parse(strings.NewReader("<div><section><article><p><b><i>x</i></b></p></article></section></div>"))
	if err != nil {
		t.Fatal(err)
	}
	var leaf *html.Node
	for n := doc; n != nil; n = n.FirstChild {
		leaf = n
	}
	ps := NewParser()
	keep := []*html.Node{doc}
	for depth := 0; depth <= 12; depth++ {
		want := append(slices.Clone(keep), ps.getNodeAncestors(leaf, depth)...)
		if got := appendNodeAncestors(slices.Clone(keep), leaf, depth); !slices.Equal(got, want) {
			t.Errorf("depth %d: %d nodes, want %d", depth, len(got), len(want))
		}
	}
}
