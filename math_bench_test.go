package galley_test

import (
	"fmt"
	"strings"
	"testing"
)

// mathPost returns a Markdown post of 200 inline formulas in 40
// paragraphs, or, with words set, the same post with each formula
// replaced by a word ("formula").
func mathPost(words bool) []byte {
	// ten kinds of formula, each of the 200 different (its own number)
	formulas := []string{`$x_{%d}^2 + y_i^2$`, `$\frac{a}{%d}$`, `$\sqrt{%d\pi}$`, `$\sum_{k=1}^{%d} k$`, `$e^{%d i\theta}$`,
		`$\alpha_{%d} \le \beta$`, `$f'(%d)$`, `$\binom{n}{%d}$`, `$\mathbb{R}^{%d}$`, `$\int_0^{%d} f(t)\,dt$`}
	var b strings.Builder
	b.WriteString("# Two hundred formulas\n\n")
	n := 0
	for p := range 40 {
		fmt.Fprintf(&b, "Paragraph %d holds five formulas in its text:", p+1)
		for range 5 {
			f := fmt.Sprintf(formulas[n%len(formulas)], n)
			if words {
				f = "formula"
			}
			fmt.Fprintf(&b, " the value %s follows from the one before it,", f)
			n++
		}
		b.WriteString(" and so the paragraph ends.\n\n")
	}
	return []byte(b.String())
}

// BenchmarkMathInline exports a page of 200 inline formulas (formulas)
// and the same page with words for them (words): the formulas should cost
// at most twice the words (issue 17's bound). Run both in one go, paired:
// go test -run X -bench MathInline -count 8.
func BenchmarkMathInline(b *testing.B) {
	b.Run("formulas", func(b *testing.B) { benchExport(b, mathPost(false), "math.md") })
	b.Run("words", func(b *testing.B) { benchExport(b, mathPost(true), "math.md") })
}
