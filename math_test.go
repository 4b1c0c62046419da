package galley_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/galleyprint/galley"
)

// TestMathPrints exports pages holding formulas, a page MathJax and
// KaTeX typeset (with a page saved before MathJax ran), a Wikipedia
// article whose formulas are images with TeX in their alt text, and a
// Markdown post with $…$, and reads the PDFs back with pdftotext: every
// formula prints, as its characters, with no TeX left (\frac, \alpha,
// $$) and none left out ("is denoted by , then").
func TestMathPrints(t *testing.T) {
	requireTool(t, "pdftotext", "poppler-utils")
	for _, c := range []struct {
		file string
		want []string // text each formula prints, as pdftotext reads it
	}{
		{"mathjax.html", []string{"𝑒^(−𝑥²)", "√𝜋", "𝛼 + 𝛽 = 𝛾", "∑", "𝑓(𝑥) =", "𝑒^(𝑖𝜋) + 1 = 0"}},
		{"wikipedia.html", []string{"𝑎𝑥² + 𝑏𝑥 + 𝑐 = 0", "where 𝑥 represents", "𝑎 ≠ 0", "Δ = 𝑏² − 4𝑎𝑐", "𝑥₁ + 𝑥₂ = −𝑏/𝑎"}},
		{"fixtures.html", []string{"01-quadratic:", "43-"}},
		{"fixtures.md", []string{"01-quadratic", "43-"}},
		{"post.md", []string{"Einstein's 𝐸 = 𝑚𝑐² is famous", "𝑎² + 𝑏² = 𝑐²", "costs $5 and $10", "\\badcommand"}},
	} {
		t.Run(c.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata/math", c.file))
			if err != nil {
				t.Fatal(err)
			}
			as, err := galley.Parse(data, galley.ParseOptions{Name: c.file})
			if err != nil {
				t.Fatal(err)
			}
			path := exportFile(t, as[0], galley.Options{})
			text := run(t, "pdftotext", "-enc", "UTF-8", path, "-")
			flat := strings.Join(strings.Fields(text), " ")
			for _, w := range c.want {
				if !strings.Contains(flat, w) {
					t.Errorf("no %q in the PDF's text:\n%s", w, text)
				}
			}
			raw := []string{`\frac`, `\alpha`, "$$", `\int`, `\sqrt`, `{\displaystyle`}
			prose := strings.ReplaceAll(text, "$$not math$$", "") // post.md's code block
			for _, r := range raw {
				if strings.Contains(prose, r) {
					t.Errorf("raw TeX %q in the PDF's text:\n%s", r, text)
				}
			}
			// glyph variants copy as their characters, never as the
			// private use characters that draw them
			for _, r := range text {
				if r >= 0xE000 && r <= 0xF8FF || r >= 0xF0000 {
					t.Errorf("private use character %U in the PDF's text:\n%s", r, text)
					break
				}
			}
			// a formula left out leaves its punctuation alone: "by , then"
			if m := regexp.MustCompile(`\b[a-z]{2,} [,.;:)]|\( \)`).FindString(flat); m != "" {
				t.Errorf("a formula is missing at %q:\n%s", m, flat)
			}
		})
	}
}

// TestMathInlineReadsInLine exports a page with inline fractions in
// running text and reads it back with pdftotext: each formula reads as
// its linear form, in its place in its line. (A fraction's numerator,
// set above the baseline in a smaller size, extracted as a line of its
// own above the text: poppler ends a line at a word that overlaps the
// one before, as a denominator does its numerator.)
func TestMathInlineReadsInLine(t *testing.T) {
	requireTool(t, "pdftotext", "poppler-utils")
	data, err := os.ReadFile("testdata/math/inline-fractions.md")
	if err != nil {
		t.Fatal(err)
	}
	as, err := galley.Parse(data, galley.ParseOptions{Name: "inline-fractions.md"})
	if err != nil {
		t.Fatal(err)
	}
	text := run(t, "pdftotext", "-enc", "UTF-8", exportFile(t, as[0], galley.Options{}), "-")
	lines := map[string]bool{}
	for _, l := range strings.Split(text, "\n") {
		lines[strings.TrimSpace(l)] = true
	}
	for _, want := range []string{
		"The ratio 𝑎/𝑏 is small.",
		"Half of it, 1/2𝑥, is smaller.",
		"The sum (𝑛(𝑛 + 1))/2 grows fast.",
		"We ask that (∂𝑓)/(∂𝑥) = 0 holds here.",
		"Pick (𝑛 over 𝑘) of them.",
		"A root √(𝑎/𝑏) and a power 𝑥^(1/2) are fine.",
	} {
		if !lines[want] {
			t.Errorf("no line %q in the PDF's text:\n%s", want, text)
		}
	}
}
