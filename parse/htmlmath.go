package parse

import (
	"bytes"
	"context"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/formula"
	"github.com/galleyprint/galley/internal/htmlparse"
)

// Math in web pages comes in several forms; markMath rewrites each into
// one, a <math> element, before the article is extracted, so that the
// converter reads only that:
//
//   - <math> itself (presentation MathML), kept where it is;
//   - MathJax 2's <script type="math/tex"> (its rendering and preview
//     beside it removed) and MathJax 3's <mjx-container>, replaced by the
//     assistive MathML inside it or the TeX of its aria-label;
//   - KaTeX's <span class="katex">, replaced by its <math> (in the
//     hidden katex-mathml span), its HTML rendering dropped;
//   - Wikipedia's <span class="mwe-math-element">, replaced by its
//     hidden <math>, or the TeX in the alt text of its fallback image;
//   - an image of a formula whose alt text is TeX (a math image class or
//     address: Wikipedia's, CodeCogs', QuickLaTeX's);
//   - TeX between \(…\), \[…\] and $$…$$ in the text of a page that loads
//     MathJax or KaTeX to typeset it (texDelimited), outside <pre> and
//     <code>.
//
// A <math> made from TeX holds it as an application/x-tex annotation.

// markMath rewrites the math of doc as <math> elements. delimited is set
// for a page that typesets TeX between delimiters in its text.
func markMath(doc *html.Node, delimited bool) {
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for ch := n.FirstChild; ch != nil; {
			next := ch.NextSibling
			switch ch.Type {
			case html.ElementNode:
				var rep *html.Node
				mathy := mayBeMath(ch)
				if mathy {
					rep = mathReplacement(ch)
				}
				if rep != nil {
					if rep != ch {
						n.InsertBefore(rep, ch)
						n.RemoveChild(ch)
					}
				} else if mathy && isMathRendering(ch) {
					n.RemoveChild(ch)
				} else if ch.DataAtom != atom.Pre && ch.DataAtom != atom.Code && ch.DataAtom != atom.Script &&
					ch.DataAtom != atom.Style && ch.DataAtom != atom.Textarea && ch.DataAtom != atom.Kbd && depth < maxHTMLDepth {
					walk(ch, depth+1)
				}
			case html.TextNode:
				if delimited {
					splitDelimited(n, ch)
				}
			}
			ch = next
		}
	}
	walk(doc, 0)
}

// isMathScript reports a lowered <script> tag stripInert keeps for
// markMath: MathJax's math/tex and math/mml sources, and the MathJax and
// KaTeX loaders, which say the page's text holds delimited TeX.
func isMathScript(lower []byte) bool {
	for _, s := range []string{"math/tex", "math/mml", "mathjax", "katex"} {
		if bytes.Contains(lower, []byte(s)) {
			return true
		}
	}
	return false
}

// loadsMathTypesetter reports a page that loads MathJax or KaTeX, which
// typeset the TeX between delimiters in its text when it is shown.
func loadsMathTypesetter(doc *html.Node) bool {
	found := false
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		for ch := n.FirstChild; ch != nil && !found && depth < maxHTMLDepth; ch = ch.NextSibling {
			if ch.Type != html.ElementNode {
				continue
			}
			if ch.DataAtom == atom.Script || ch.DataAtom == atom.Link {
				src := strings.ToLower(attr(ch, "src") + attr(ch, "href") + attr(ch, "type"))
				if strings.Contains(src, "mathjax") || strings.Contains(src, "katex") {
					found = true
					return
				}
			}
			walk(ch, depth+1)
		}
	}
	walk(doc, 0)
	return found
}

// hasClass reports whether n's class attribute has the word c.
func hasClass(n *html.Node, c string) bool {
	class := attr(n, "class")
	if !strings.Contains(class, c) {
		return false
	}
	for w := range strings.FieldsSeq(class) {
		if w == c {
			return true
		}
	}
	return false
}

// mayBeMath reports whether n may be math that mathReplacement replaces
// or a rendering that isMathRendering finds: a <math>, <script>, <img> or
// <mjx-container> element, or one whose class holds "at", which each of
// the classes those two look for holds (math, MathJax, katex,
// arithmatex). Most elements are neither, and are spared their several
// look-ups of the class.
func mayBeMath(n *html.Node) bool {
	switch {
	case n.Namespace == "math", n.DataAtom == atom.Script, n.DataAtom == atom.Img, n.Data == "mjx-container":
		return true
	}
	return strings.Contains(attr(n, "class"), "at")
}

// isMathRendering reports what MathJax and KaTeX draw beside the source
// they keep: dropped, the source read instead.
func isMathRendering(n *html.Node) bool {
	class := attr(n, "class")
	if !strings.Contains(class, "MathJax") && !strings.Contains(class, "katex-html") {
		return false
	}
	for _, c := range []string{"MathJax_Preview", "MathJax", "MathJax_Display", "MathJax_SVG", "MathJax_SVG_Display",
		"MathJax_CHTML", "MathJax_MathML", "katex-html"} {
		if hasClass(n, c) {
			return true
		}
	}
	return false
}

// mathReplacement returns the <math> element that stands for n, n itself
// for a <math> element kept as it is, or nil when n is no math.
func mathReplacement(n *html.Node) *html.Node {
	switch {
	case n.Data == "math" && n.Namespace == "math":
		return n
	case n.DataAtom == atom.Script:
		typ := strings.ToLower(attr(n, "type"))
		if strings.HasPrefix(typ, "math/tex") {
			return texMath(textOf(n), strings.Contains(typ, "mode=display"))
		}
		if strings.HasPrefix(typ, "math/mml") {
			if m := parseMathFragment(textOf(n)); m != nil {
				return m
			}
		}
	case n.Data == "mjx-container":
		display := attr(n, "display") == "true" || attr(n, "display") == "block"
		if m := findMath(n); m != nil {
			return asDisplay(m, display)
		}
		if label := attr(n, "aria-label"); label != "" {
			return texMath(label, display)
		}
		return nil
	case n.DataAtom == atom.Span && hasClass(n, "katex-display"), n.DataAtom == atom.Span && hasClass(n, "katex"):
		if m := findMath(n); m != nil {
			return asDisplay(m, hasClass(n, "katex-display"))
		}
	case hasClass(n, "mwe-math-element"):
		display := false
		if m := findMath(n); m != nil {
			display = attr(m, "display") == "block"
			if m.Parent != nil && strings.Contains(attr(m.Parent, "class"), "mwe-math-mathml-display") {
				display = true
			}
			return asDisplay(m, display)
		}
		if img := findElement(n, atom.Img); img != nil {
			return texMath(attr(img, "alt"), strings.Contains(attr(img, "class"), "display"))
		}
	case n.DataAtom == atom.Img:
		if mathImage(n) {
			return texMath(attr(n, "alt"), strings.Contains(attr(n, "class"), "display"))
		}
	case n.DataAtom == atom.Span && (hasClass(n, "math") || hasClass(n, "arithmatex")), n.DataAtom == atom.Div && (hasClass(n, "math") || hasClass(n, "arithmatex")):
		// Pandoc's and Python-Markdown's math: TeX between \( \) or \[ \]
		if m := findMath(n); m != nil {
			return m
		}
		if tex, display, ok := delimitedWhole(textContent(n)); ok {
			return texMath(tex, display)
		}
	}
	return nil
}

// mathImage reports an image of a formula: a math class or address, and
// alt text that reads as TeX.
func mathImage(n *html.Node) bool {
	alt := strings.TrimSpace(attr(n, "alt"))
	if alt == "" || !strings.ContainsAny(alt, `\^_{}=`) {
		return false
	}
	class, src := strings.ToLower(attr(n, "class")), strings.ToLower(attr(n, "src"))
	mathy := strings.Contains(class, "math") || strings.Contains(class, "latex") || strings.Contains(class, "tex")
	for _, s := range []string{"/math/render/", "codecogs.com", "quicklatex", "latex.php", "mathtex", "/latex?", "chart.googleapis.com/chart?cht=tx"} {
		if strings.Contains(src, s) {
			mathy = true
		}
	}
	if !mathy {
		return false
	}
	_, err := formula.ParseTeX(stripDisplayStyle(alt), false)
	return err == nil
}

// findMath returns the first <math> element inside n.
func findMath(n *html.Node) *html.Node {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode {
			continue
		}
		if ch.Data == "math" {
			return ch
		}
		if m := findMath(ch); m != nil {
			return m
		}
	}
	return nil
}

func findElement(n *html.Node, a atom.Atom) *html.Node {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode {
			continue
		}
		if ch.DataAtom == a {
			return ch
		}
		if m := findElement(ch, a); m != nil {
			return m
		}
	}
	return nil
}

// asDisplay detaches m and marks it display when display is set.
func asDisplay(m *html.Node, display bool) *html.Node {
	if m.Parent != nil {
		m.Parent.RemoveChild(m)
	}
	if display && attr(m, "display") != "block" {
		m.Attr = append(m.Attr, html.Attribute{Key: "display", Val: "block"})
	}
	return m
}

// textOf returns the raw text inside n (a script's).
func textOf(n *html.Node) string {
	var b strings.Builder
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.TextNode {
			b.WriteString(ch.Data)
		}
	}
	return b.String()
}

// texMath makes a <math> element holding tex as its annotation.
func texMath(tex string, display bool) *html.Node {
	tex = stripDisplayStyle(strings.TrimSpace(tex))
	m := &html.Node{Type: html.ElementNode, Data: "math", Namespace: "math"}
	if display {
		m.Attr = []html.Attribute{{Key: "display", Val: "block"}}
	}
	sem := &html.Node{Type: html.ElementNode, Data: "semantics", Namespace: "math"}
	ann := &html.Node{Type: html.ElementNode, Data: "annotation", Namespace: "math",
		Attr: []html.Attribute{{Key: "encoding", Val: "application/x-tex"}}}
	ann.AppendChild(&html.Node{Type: html.TextNode, Data: tex})
	sem.AppendChild(ann)
	m.AppendChild(sem)
	return m
}

// parseMathFragment parses MathML markup into its <math> element.
func parseMathFragment(markup string) *html.Node {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := htmlparse.ParseFragment(context.Background(), markup, body)
	if err != nil {
		return nil
	}
	for _, n := range nodes {
		if n.Type == html.ElementNode && n.Data == "math" {
			return n
		}
		if n.Type == html.ElementNode {
			if m := findMath(n); m != nil {
				m.Parent.RemoveChild(m)
				return m
			}
		}
	}
	return nil
}

// delimitedWhole reports text that is one formula between \( \), \[ \]
// or $$ $$, and returns its TeX.
func delimitedWhole(s string) (tex string, display, ok bool) {
	s = strings.TrimSpace(s)
	for _, d := range [...]struct {
		open, close string
		display     bool
	}{{`\(`, `\)`, false}, {`\[`, `\]`, true}, {"$$", "$$", true}} {
		if len(s) > len(d.open)+len(d.close) && strings.HasPrefix(s, d.open) && strings.HasSuffix(s, d.close) {
			return s[len(d.open) : len(s)-len(d.close)], d.display, true
		}
	}
	return "", false, false
}

// splitDelimited replaces the text node t, child of parent, with its text
// and <math> elements for the TeX between \( \), \[ \] and $$ $$ in it.
func splitDelimited(parent, t *html.Node) {
	parts := texSegments(t.Data)
	if len(parts) == 1 && !parts[0].math {
		return
	}
	for _, p := range parts {
		if p.math {
			parent.InsertBefore(texMath(p.text, p.display), t)
		} else if p.text != "" {
			parent.InsertBefore(&html.Node{Type: html.TextNode, Data: p.text}, t)
		}
	}
	parent.RemoveChild(t)
}

// segment is a piece of text: prose, or TeX math between delimiters.
type segment struct {
	text          string
	math, display bool
}

// texSegments cuts s at the TeX math between \( \), \[ \] and $$ $$.
// An opening delimiter without its closing one is text.
func texSegments(s string) []segment {
	var out []segment
	start := 0
	for i := 0; i < len(s); {
		var closer string
		display := true
		switch {
		case strings.HasPrefix(s[i:], `\(`):
			closer, display = `\)`, false
		case strings.HasPrefix(s[i:], `\[`):
			closer = `\]`
		case strings.HasPrefix(s[i:], "$$"):
			closer = "$$"
		default:
			i++
			continue
		}
		end := strings.Index(s[i+2:], closer)
		if end < 0 || !mathLike(s[i+2:i+2+end]) {
			i += 2
			continue
		}
		out = append(out, segment{text: s[start:i]}, segment{text: s[i+2 : i+2+end], math: true, display: display})
		i += 2 + end + len(closer)
		start = i
	}
	if start < len(s) || len(out) == 0 {
		out = append(out, segment{text: s[start:]})
	}
	return out
}

// math converts a <math> element: a display formula becomes a math block,
// an inline one a run. A formula that cannot be read keeps its source,
// which the layout prints in the code face.
func (c *htmlConverter) math(n *html.Node, b *blockBuilder, st inlineStyle) {
	m := &article.Math{TeX: mathTeX(n)}
	f, err := readMathML(n)
	if err == nil && formula.Count(f.Root, 2) > 1 {
		m.Formula, m.Tag = f, f.Tag
	}
	if m.TeX == "" {
		var buf strings.Builder
		if html.Render(&buf, n) == nil && buf.Len() <= formula.MaxSourceBytes {
			m.MathML = buf.String()
		}
	}
	display := attr(n, "display") == "block" || f != nil && f.Display
	if strings.TrimSpace(m.Linear()) == "" {
		text := strings.TrimSpace(textContent(n))
		if text == "" {
			return // an empty formula
		}
		if m.TeX == "" && m.Formula == nil {
			m.TeX = text
		}
	}
	c.addMath(m, display, b, st)
}

// texMath converts TeX math found in the text (Markdown's $…$), read as
// f unless f is nil: a formula that cannot be read keeps its source,
// which the layout prints in the code face with a warning.
func (c *htmlConverter) texMath(tex string, display bool, f *formula.Formula, b *blockBuilder, st inlineStyle) {
	tex = strings.TrimSpace(tex)
	if tex == "" {
		return
	}
	m := &article.Math{TeX: tex}
	if f == nil {
		f, _ = formula.ParseTeX(tex, display)
	}
	if f != nil {
		m.Formula, m.Tag = f, f.Tag
	}
	c.addMath(m, display, b, st)
}

// addMath adds formula m to b: a math block when it is displayed, else a
// run whose text is its linear form.
func (c *htmlConverter) addMath(m *article.Math, display bool, b *blockBuilder, st inlineStyle) {
	linear := strings.TrimSpace(m.Linear())
	c.prose += len(linear)
	if display {
		b.add(article.Block{Kind: article.KindMath, Math: m, Text: article.Plain(linear)})
		return
	}
	if b.space && len(b.runs) > 0 {
		b.tail.WriteByte(' ')
		b.space = false
	}
	b.addRun(article.Inline{Text: linear, Math: m, Bold: st.bold, Italic: st.italic, Link: st.link})
}

// onlyMath reports blocks that are all display formulas.
func onlyMath(blocks []article.Block) bool {
	for _, bl := range blocks {
		if bl.Kind != article.KindMath {
			return false
		}
	}
	return len(blocks) > 0
}

// readFormulas reads the trees of the formulas of an article decoded from
// JSON, which carries only their sources, and gives an inline formula
// without text its linear form. A formula that cannot be read keeps its
// source alone.
func readFormulas(blocks []article.Block) {
	for i := range blocks {
		b := &blocks[i]
		if b.Math != nil {
			readFormula(b.Math, true)
			if len(b.Text) == 0 {
				b.Text = article.Plain(b.Math.Linear())
			}
		}
		for j := range b.Text {
			if in := &b.Text[j]; in.Math != nil {
				readFormula(in.Math, false)
				if in.Text == "" {
					in.Text = in.Math.Linear()
				}
			}
		}
		readFormulas(b.Blocks)
		for _, it := range b.Items {
			readFormulas(it.Blocks)
		}
	}
}

// readFormula reads m's tree from its TeX, else its MathML.
func readFormula(m *article.Math, display bool) {
	if m.Formula != nil {
		return
	}
	var f *formula.Formula
	var err error
	switch {
	case m.TeX != "":
		f, err = formula.ParseTeX(m.TeX, display)
	case m.MathML != "":
		n := parseMathFragment(m.MathML)
		if n == nil {
			return
		}
		f, err = readMathML(n)
	default:
		return
	}
	if err != nil {
		return
	}
	f.Display = display
	if m.Tag == "" {
		m.Tag = f.Tag
	}
	m.Formula = f
}

// mathLike reports TeX between delimiters that can be a formula: it has a
// letter, a digit or a command. "\[', '\]" in a configuration file's
// list of delimiters has none.
func mathLike(tex string) bool {
	for _, r := range tex {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\\' {
			return true
		}
	}
	return false
}
