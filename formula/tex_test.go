package formula

import (
	"errors"
	"strings"
	"testing"
)

func TestParseTeXLinear(t *testing.T) {
	for _, c := range []struct{ tex, want string }{
		{`E = mc^2`, "𝐸 = 𝑚𝑐²"},
		{`x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}`, "𝑥 = (−𝑏 ± √(𝑏² − 4𝑎𝑐))/(2𝑎)"},
		{`e^{i\pi} + 1 = 0`, "𝑒^(𝑖𝜋) + 1 = 0"},
		{`\int_{-\infty}^{\infty} e^{-x^2}\,dx = \sqrt{\pi}`, "∫_(−∞)^∞𝑒^(−𝑥²) 𝑑𝑥 = √𝜋"},
		{`\sum_{k=0}^{n} \binom{n}{k}`, "∑_(𝑘 = 0)ⁿ(𝑛 over 𝑘)"},
		{`\mathbb{R}^n`, "ℝⁿ"},
		{`\begin{pmatrix} a & b \\ c & d \end{pmatrix}`, "(𝑎, 𝑏; 𝑐, 𝑑)"},
		{`f'(x)`, "𝑓′(𝑥)"},
		{`\left( \frac{a}{b} \right)`, "(𝑎/𝑏)"},
		{`\text{if } x > 0`, "if 𝑥 > 0"},
		{`\hat{x}`, "𝑥̂"},
		{`\sin x`, "sin 𝑥"},
		{`\sqrt[3]{x}`, "3√𝑥"},
		{`a \over b`, "𝑎/𝑏"},
		{`\tfrac12 + x^23`, "1/2 + 𝑥²3"},
	} {
		f, err := ParseTeX(c.tex, false)
		if err != nil {
			t.Errorf("%s: %v", c.tex, err)
			continue
		}
		if got := Linear(f.Root); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.tex, got, c.want)
		}
	}
}

func TestParseTeXTag(t *testing.T) {
	f, err := ParseTeX(`E = mc^2 \tag{1.2}`, true)
	if err != nil || f.Tag != "1.2" {
		t.Fatalf("tag %q, %v", f.Tag, err)
	}
}

func TestParseTeXErrors(t *testing.T) {
	for _, src := range []string{`\frac{a}`, `{a`, `a}`, `\left( a`, `\begin{matrix} a`, `\foo`, `x^1^2`, `\begin{pmatrix} a \end{bmatrix}`} {
		if _, err := ParseTeX(src, false); !errors.Is(err, ErrSyntax) {
			t.Errorf("%s: %v, want a syntax error", src, err)
		}
	}
}

func TestParseTeXBounds(t *testing.T) {
	deep := strings.Repeat("{", 1000) + "x" + strings.Repeat("}", 1000)
	if _, err := ParseTeX(deep, false); !errors.Is(err, ErrTooLarge) {
		t.Errorf("1,000 deep: %v", err)
	}
	frac := strings.Repeat(`\frac{1}{`, 1000) + "x" + strings.Repeat("}", 1000)
	if _, err := ParseTeX(frac, false); !errors.Is(err, ErrTooLarge) {
		t.Errorf("1,000 nested fractions: %v", err)
	}
	long := strings.Repeat("x_i + ", 10000)
	if _, err := ParseTeX(long, false); !errors.Is(err, ErrTooLarge) {
		t.Errorf("10,000 terms: %v", err)
	}
	scripts := "x" + strings.Repeat("^{x", 1000) + strings.Repeat("}", 1000)
	if _, err := ParseTeX(scripts, false); !errors.Is(err, ErrTooLarge) {
		t.Errorf("1,000 nested scripts: %v", err)
	}
}

func FuzzParseTeX(f *testing.F) {
	for _, s := range []string{`x = \frac{-b \pm \sqrt{b^2-4ac}}{2a}`, `\left[\begin{matrix}1&2\\3&4\end{matrix}\right]`,
		`\sum_{i=1}^n i^2`, `\text{a $b$}`, `\sqrt[n]{x}`, `a \over b`, `\overbrace{a+b}^{n}`, `\not=`, `x''_1`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		fm, err := ParseTeX(src, true)
		if err != nil {
			return
		}
		if n := Count(fm.Root, MaxNodes*2); n > MaxNodes+10 {
			t.Fatalf("%d nodes", n)
		}
		_ = Linear(fm.Root)
	})
}
