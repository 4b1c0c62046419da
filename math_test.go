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
		{"mathjax.html", []string{"𝑒−𝑥", "√𝜋", "𝛼 + 𝛽 = 𝛾", "∑", "𝑓(𝑥) =", "𝑒𝑖𝜋 + 1 = 0"}},
		{"wikipedia.html", []string{"𝑎𝑥2 + 𝑏𝑥 + 𝑐 = 0", "where 𝑥 represents", "𝑎 ≠ 0", "Δ = 𝑏2 − 4𝑎𝑐", "𝑥1 + 𝑥2 = −"}},
		{"post.md", []string{"Einstein's 𝐸 = 𝑚𝑐2 is famous", "𝑎2 + 𝑏2 = 𝑐2", "costs $5 and $10", "\\badcommand"}},
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
			// a formula left out leaves its punctuation alone: "by , then"
			if m := regexp.MustCompile(`\b[a-z]{2,} [,.;:)]|\( \)`).FindString(flat); m != "" {
				t.Errorf("a formula is missing at %q:\n%s", m, flat)
			}
		})
	}
}
