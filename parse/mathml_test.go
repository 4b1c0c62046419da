package parse

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/formula"
)

func mathElement(t testing.TB, markup string) *html.Node {
	t.Helper()
	m := parseMathFragment(markup)
	if m == nil {
		t.Fatalf("no <math> in %s", markup)
	}
	return m
}

func TestReadMathML(t *testing.T) {
	for _, c := range []struct{ name, mathml, want string }{
		{"quadratic", `<math><mi>x</mi><mo>=</mo><mfrac><mrow><mo>-</mo><mi>b</mi><mo>±</mo><msqrt><msup><mi>b</mi><mn>2</mn></msup><mo>-</mo><mn>4</mn><mi>a</mi><mi>c</mi></msqrt></mrow><mrow><mn>2</mn><mi>a</mi></mrow></mfrac></math>`,
			"𝑥 = (−𝑏 ± √(𝑏² − 4𝑎𝑐))/(2𝑎)"},
		{"functions upright", `<math><mi>sin</mi><mo>&#x2061;</mo><mi>x</mi></math>`, "sin 𝑥"},
		{"variant", `<math><mi mathvariant="double-struck">R</mi><mo>∈</mo><mi mathvariant="bold">v</mi></math>`, "ℝ ∈ 𝐯"},
		{"mfenced", `<math><mfenced><mi>a</mi><mi>b</mi></mfenced></math>`, "(𝑎, 𝑏)"},
		{"table", `<math><mtable><mtr><mtd><mn>1</mn></mtd><mtd><mn>0</mn></mtd></mtr><mtr><mtd><mn>0</mn></mtd><mtd><mn>1</mn></mtd></mtr></mtable></math>`, "1, 0; 0, 1"},
		{"accent", `<math><mover accent="true"><mi>x</mi><mo>^</mo></mover></math>`, "𝑥̂"},
		{"root", `<math><mroot><mi>x</mi><mn>3</mn></mroot></math>`, "3√𝑥"},
		{"tex annotation when no presentation", `<math><semantics><annotation encoding="application/x-tex">\alpha^2</annotation></semantics></math>`, "𝛼²"},
		{"alttext", `<math alttext="{\displaystyle \beta}"></math>`, "𝛽"},
	} {
		f, err := readMathML(mathElement(t, c.mathml))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got := formula.Linear(f.Root); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestReadMathMLLabel(t *testing.T) {
	f, err := readMathML(mathElement(t, `<math display="block"><mtable><mlabeledtr><mtd><mtext>(2.1)</mtext></mtd><mtd><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></mtd></mlabeledtr></mtable></math>`))
	if err != nil || f.Tag != "2.1" || !f.Display {
		t.Fatalf("tag %q display %v err %v", f.Tag, f.Display, err)
	}
}

func TestReadMathMLBounds(t *testing.T) {
	deep := "<math>" + strings.Repeat("<mrow>", 500) + "<mi>x</mi>" + strings.Repeat("</mrow>", 500) + "</math>"
	if _, err := readMathML(mathElement(t, deep)); !errors.Is(err, formula.ErrTooLarge) {
		t.Errorf("500 deep: %v", err)
	}
	long := "<math>" + strings.Repeat("<mi>x</mi><mo>+</mo>", 10000) + "</math>"
	if _, err := readMathML(mathElement(t, long)); !errors.Is(err, formula.ErrTooLarge) {
		t.Errorf("10,000 terms: %v", err)
	}
}

func FuzzReadMathML(f *testing.F) {
	for _, s := range []string{`<math><mfrac><mi>a</mi><mi>b</mi></mfrac></math>`, `<math><msubsup><mo>∫</mo><mn>0</mn><mn>1</mn></msubsup></math>`,
		`<math><mtable><mlabeledtr><mtd><mn>1</mn></mtd></mlabeledtr></mtable></math>`, `<math><semantics><mi>x</mi><annotation encoding="application/x-tex">x</annotation></semantics></math>`,
		`<math><mfenced open="[" separators=";"><mi>a</mi><mi>b</mi><mi>c</mi></mfenced></math>`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, markup string) {
		m := parseMathFragment(markup)
		if m == nil {
			return
		}
		fm, err := readMathML(m)
		if err == nil {
			_ = formula.Linear(fm.Root)
		}
	})
}

// mathRuns returns the formulas of an article: inline runs and blocks.
func mathRuns(a *article.Article) (inline, display []*article.Math) {
	var walk func([]article.Block)
	walk = func(bs []article.Block) {
		for _, b := range bs {
			if b.Math != nil {
				display = append(display, b.Math)
			}
			for _, in := range b.Text {
				if in.Math != nil {
					inline = append(inline, in.Math)
				}
			}
			walk(b.Blocks)
			for _, it := range b.Items {
				walk(it.Blocks)
			}
		}
	}
	walk(a.Body)
	return inline, display
}

// TestMathPages reads the pages of testdata/math: every formula is read
// (none is left as raw TeX in the text), in the number the page has.
func TestMathPages(t *testing.T) {
	for _, c := range []struct {
		file            string
		inline, display int
	}{
		{"wikipedia.html", 10, 2},
		{"mathjax.html", 4, 3},
		{"post.md", 2, 4},
	} {
		data, err := os.ReadFile("../testdata/math/" + c.file)
		if err != nil {
			t.Fatal(err)
		}
		var a *article.Article
		if strings.HasSuffix(c.file, ".md") {
			a, err = Markdown(data, c.file, "")
		} else {
			a, err = HTML(data, "", "")
		}
		if err != nil {
			t.Fatal(err)
		}
		inline, display := mathRuns(a)
		if len(inline) != c.inline || len(display) != c.display {
			t.Errorf("%s: %d inline and %d display formulas, want %d and %d", c.file, len(inline), len(display), c.inline, c.display)
		}
		text := a.PlainText()
		for _, raw := range []string{`\frac`, `\alpha`, "$$", `\int`, "{\\displaystyle"} {
			if strings.Contains(text, raw) && !strings.Contains(c.file, ".md") {
				t.Errorf("%s: text holds %q:\n%s", c.file, raw, text)
			}
		}
		for _, m := range append(inline, display...) {
			if m.Formula == nil && !strings.Contains(m.TeX, "bad") {
				t.Errorf("%s: formula %q not read", c.file, m.Source())
			}
		}
	}
}

// TestMarkdownDollars checks which dollars are math: not money, not code.
func TestMarkdownDollars(t *testing.T) {
	for _, c := range []struct {
		md   string
		math []string
	}{
		{"It costs $5 and $10.", nil},
		{"Between $5-$10 a day.", nil},
		{"Einstein: $E=mc^2$.", []string{"E=mc^2"}},
		{"Code `$x$` is not math.", nil},
		{"Escaped \\$x\\$ is not math.", nil},
		{"Inline \\(a+b\\) and $$c$$.", []string{"a+b", "c"}},
		{"Spaced $ x $ is not math.", nil},
		{"Patterns ['^CI$', '^USER$'] are not math.", nil},
		{"Glued a$b$c is not math, $L_1$ is.", []string{"L_1"}},
		{"Delimiters: block = [['\\[', '\\]']] in a configuration.", nil},
	} {
		a, err := Markdown([]byte("# T\n\n"+c.md), "", "")
		if err != nil {
			t.Fatal(err)
		}
		inline, display := mathRuns(a)
		var got []string
		for _, m := range append(inline, display...) {
			got = append(got, m.TeX)
		}
		if strings.Join(got, "|") != strings.Join(c.math, "|") {
			t.Errorf("%q: math %q, want %q", c.md, got, c.math)
		}
	}
}

func TestJSONMath(t *testing.T) {
	a, err := JSON([]byte(`{"title":"T","body":[{"type":"math","math":{"tex":"a^2 \\tag{3}"}},{"type":"paragraph","text":[{"text":"so "},{"math":{"mathml":"<math><mfrac><mi>a</mi><mi>b</mi></mfrac></math>"}}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if m := a.Body[0].Math; m.Formula == nil || m.Tag != "3" || a.Body[0].Text.Plain() != "𝑎²" {
		t.Errorf("block: %+v %q", m, a.Body[0].Text.Plain())
	}
	if in := a.Body[1].Text[1]; in.Math.Formula == nil || in.Text != "𝑎/𝑏" {
		t.Errorf("inline: %+v", in)
	}
}

// TestFormulaFixtures reads each formula of testdata/math/formulas in TeX
// and in MathML: both readers give the same formula (compared in its
// linear form), with the same equation number.
func TestFormulaFixtures(t *testing.T) {
	files, err := filepath.Glob("../testdata/math/formulas/*.tex")
	if err != nil || len(files) < 40 {
		t.Fatalf("%d fixtures, %v", len(files), err)
	}
	for _, file := range files {
		tex, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		mml, err := os.ReadFile(strings.TrimSuffix(file, ".tex") + ".mml")
		if err != nil {
			t.Fatal(err)
		}
		a, err := formula.ParseTeX(strings.TrimSpace(string(tex)), true)
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		b, err := readMathML(mathElement(t, string(mml)))
		if err != nil {
			t.Errorf("%s.mml: %v", file, err)
			continue
		}
		if la, lb := formula.Linear(a.Root), formula.Linear(b.Root); la != lb {
			t.Errorf("%s:\n TeX    %q\n MathML %q", filepath.Base(file), la, lb)
		}
		if !b.Display {
			t.Errorf("%s.mml: not read as display", file)
		}
	}
}

// TestMayBeMath: an element mayBeMath rules out is neither replaced by
// mathReplacement nor dropped by isMathRendering, on the math test pages,
// the web corpus and elements carrying each class the two look for.
func TestMayBeMath(t *testing.T) {
	var samples []string
	for _, f := range []string{"wikipedia.html", "mathjax.html"} {
		data, err := os.ReadFile("../testdata/math/" + f)
		if err != nil {
			t.Fatal(err)
		}
		samples = append(samples, string(data))
	}
	var classed strings.Builder
	for _, c := range []string{"katex", "katex-display", "katex-html", "mwe-math-element", "math", "arithmatex",
		"MathJax", "MathJax_Preview", "MathJax_Display", "MathJax_SVG", "MathJax_CHTML", "MathJax_MathML"} {
		classed.WriteString(`<span class="x ` + c + `">\(x^2\)</span><div class="` + c + `">\[y\]</div>`)
	}
	samples = append(samples, classed.String())
	checked, mathy := 0, 0
	for _, doc := range webTrees(t, samples...) {
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
				if ch.Type != html.ElementNode {
					continue
				}
				checked++
				if !mayBeMath(ch) {
					if mathReplacement(ch) != nil || isMathRendering(ch) {
						t.Errorf("<%s class=%q> is math, and mayBeMath rules it out", ch.Data, attr(ch, "class"))
					}
				} else if mathReplacement(ch) != nil || isMathRendering(ch) {
					mathy++
				}
				walk(ch)
			}
		}
		walk(doc)
	}
	if mathy < 24 {
		t.Errorf("%d math elements among %d, want at least the 24 classed samples", mathy, checked)
	}
}
