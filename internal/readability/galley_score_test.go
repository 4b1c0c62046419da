package readability

import (
	"fmt"
	"math"
	"strconv"
	"testing"
)

// TestRoundedScore: roundedScore is the score as the attribute gave it
// back, fmt.Sprintf("%.4f") then strconv.ParseFloat.
func TestRoundedScore(t *testing.T) {
	for _, score := range []float64{0, 1, -1, 0.00005, 0.00015, 1.23456789, -3.99995, 25.5 * 0.75, 1e21, 123456.789012345, math.Inf(1)} {
		want, _ := strconv.ParseFloat(fmt.Sprintf("%.4f", score), 64)
		if got := roundedScore(score); got != want {
			t.Errorf("roundedScore(%v) = %v, want %v", score, got, want)
		}
	}
}
