package parse

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/galleyprint/galley/formula"
)

// mathMLReader reads presentation MathML into a formula tree, counting
// nodes and depth as formula.ParseTeX does.
type mathMLReader struct {
	nodes int
	tag   string
}

// readMathML reads a <math> element. What it holds beyond presentation
// MathML it reads as best it can: a <semantics> element's first child,
// <maction>'s first, <mmultiscripts>' base and first scripts. When that
// fails and the element carries TeX (an application/x-tex annotation or
// an alttext attribute), the TeX is read instead.
func readMathML(n *html.Node) (*formula.Formula, error) {
	display := strings.EqualFold(attr(n, "display"), "block") || attr(n, "mode") == "display"
	r := &mathMLReader{}
	root, err := r.row(n, 0)
	if err == nil && formula.Count(root, 2) > 1 || err == nil && mathTeX(n) == "" {
		return &formula.Formula{Root: root, Display: display, Tag: r.tag}, nil
	}
	if tex := mathTeX(n); tex != "" {
		return formula.ParseTeX(tex, display)
	}
	return nil, err
}

// mathTeX returns the TeX a <math> element carries: its x-tex annotation,
// else its alttext when that looks like TeX.
func mathTeX(n *html.Node) string {
	var found string
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if found != "" || depth > 2*formula.MaxDepth {
			return
		}
		if n.Type == html.ElementNode && n.Data == "annotation" && strings.Contains(strings.ToLower(attr(n, "encoding")), "tex") {
			found = strings.TrimSpace(textContent(n))
			return
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch, depth+1)
		}
	}
	walk(n, 0)
	if found == "" {
		found = strings.TrimSpace(attr(n, "alttext"))
	}
	return stripDisplayStyle(found)
}

// stripDisplayStyle removes the {\displaystyle …} wrapper Wikipedia puts
// around its formulas' TeX.
func stripDisplayStyle(tex string) string {
	for _, p := range []string{`{\displaystyle`, `{\textstyle`} {
		if strings.HasPrefix(tex, p) && strings.HasSuffix(tex, "}") {
			return strings.TrimSpace(tex[len(p) : len(tex)-1])
		}
	}
	return tex
}

func (r *mathMLReader) node(n formula.Node) (*formula.Node, error) {
	r.nodes++
	if r.nodes > formula.MaxNodes {
		return nil, fmt.Errorf("%w: more than %d nodes", formula.ErrTooLarge, formula.MaxNodes)
	}
	return &n, nil
}

// elements returns the element children of n.
func elements(n *html.Node) []*html.Node {
	var out []*html.Node
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode {
			out = append(out, ch)
		}
	}
	return out
}

// row reads the children of n as one row (an inferred mrow).
func (r *mathMLReader) row(n *html.Node, depth int) (*formula.Node, error) {
	if depth > formula.MaxDepth {
		return nil, fmt.Errorf("%w: nested more than %d deep", formula.ErrTooLarge, formula.MaxDepth)
	}
	row, err := r.node(formula.Node{Kind: formula.Row})
	if err != nil {
		return nil, err
	}
	for _, ch := range elements(n) {
		k, err := r.element(ch, depth+1)
		if err != nil {
			return nil, err
		}
		if k != nil {
			row.Kids = append(row.Kids, k)
		}
	}
	return row, nil
}

// args reads the children of n as the fixed arguments of a schema
// (mfrac's two, msubsup's three), each one node; missing ones are empty.
func (r *mathMLReader) args(n *html.Node, want, depth int) ([]*formula.Node, error) {
	kids := elements(n)
	out := make([]*formula.Node, want)
	for i := range want {
		if i >= len(kids) {
			out[i] = &formula.Node{Kind: formula.Row}
			continue
		}
		k, err := r.element(kids[i], depth+1)
		if err != nil {
			return nil, err
		}
		if k == nil {
			k = &formula.Node{Kind: formula.Row}
		}
		out[i] = k
	}
	return out, nil
}

// mathVariants maps mathvariant values to alphabets.
var mathVariants = map[string]formula.Variant{
	"normal": formula.Normal, "italic": formula.Italic, "bold": formula.Bold, "bold-italic": formula.BoldItalic,
	"double-struck": formula.DoubleStruck, "script": formula.Script, "fraktur": formula.Fraktur,
	"sans-serif": formula.SansSerif, "monospace": formula.Monospace, "bold-script": formula.Script,
	"bold-fraktur": formula.Fraktur, "sans-serif-bold-italic": formula.SansSerif, "bold-sans-serif": formula.SansSerif,
}

// element reads one MathML element; nil for what prints nothing.
func (r *mathMLReader) element(n *html.Node, depth int) (*formula.Node, error) {
	if depth > formula.MaxDepth {
		return nil, fmt.Errorf("%w: nested more than %d deep", formula.ErrTooLarge, formula.MaxDepth)
	}
	text := func() string { return strings.TrimSpace(textContent(n)) }
	switch n.Data {
	case "math", "mrow", "mstyle", "mpadded", "merror", "menclose", "mscarries", "mstack", "mlongdiv":
		row, err := r.row(n, depth)
		if err != nil {
			return nil, err
		}
		if n.Data == "mstyle" && attr(n, "displaystyle") == "true" {
			row.Style = formula.StyleDisplay
		}
		if n.Data == "mstyle" && attr(n, "displaystyle") == "false" {
			row.Style = formula.StyleText
		}
		return row, nil
	case "semantics", "maction":
		kids := elements(n)
		if len(kids) == 0 || kids[0].Data == "annotation" || kids[0].Data == "annotation-xml" {
			return nil, nil
		}
		return r.element(kids[0], depth+1)
	case "annotation", "annotation-xml", "none", "mprescripts", "malignmark", "maligngroup":
		return nil, nil
	case "mi":
		s := text()
		v, ok := mathVariants[attr(n, "mathvariant")]
		if !ok {
			v = formula.Normal
			if len([]rune(s)) == 1 {
				v = formula.Italic
			}
		}
		if len([]rune(s)) > 1 && formula.OperatorClass(s) == formula.Op && attr(n, "mathvariant") == "" && (knownFunction(s) || appliedFunction(n)) {
			return r.node(formula.Node{Kind: formula.Operator, Text: s, Class: formula.Op})
		}
		return r.node(formula.Node{Kind: formula.Ident, Text: formula.StyledString(s, v)})
	case "mn":
		s := text()
		if v, ok := mathVariants[attr(n, "mathvariant")]; ok {
			s = formula.StyledString(s, v)
		}
		return r.node(formula.Node{Kind: formula.Number, Text: s})
	case "mo":
		return r.operator(n, text())
	case "mtext", "ms":
		s := strings.Join(strings.Fields(" "+textContent(n)+" "), " ")
		if raw := textOf(n); raw != "" && isHTMLSpace(rune(raw[0])) {
			s = " " + s
		}
		if raw := textOf(n); raw != "" && isHTMLSpace(rune(raw[len(raw)-1])) && s != " " {
			s += " "
		}
		if n.Data == "ms" {
			s = "\"" + s + "\""
		}
		return r.node(formula.Node{Kind: formula.TextRun, Text: s})
	case "mspace":
		return r.node(formula.Node{Kind: formula.Space, Width: mathLength(attr(n, "width"))})
	case "mphantom":
		body, err := r.row(n, depth)
		if err != nil {
			return nil, err
		}
		return r.node(formula.Node{Kind: formula.Phantom, Kids: []*formula.Node{body}})
	case "mfrac":
		a, err := r.args(n, 2, depth)
		if err != nil {
			return nil, err
		}
		lt := strings.TrimSpace(attr(n, "linethickness"))
		return r.node(formula.Node{Kind: formula.Frac, Kids: a, NoRule: lt == "0" || lt == "0px" || lt == "0em" || lt == "0pt"})
	case "msqrt":
		body, err := r.row(n, depth)
		if err != nil {
			return nil, err
		}
		return r.node(formula.Node{Kind: formula.Sqrt, Kids: []*formula.Node{body, nil}})
	case "mroot":
		a, err := r.args(n, 2, depth)
		if err != nil {
			return nil, err
		}
		return r.node(formula.Node{Kind: formula.Sqrt, Kids: a})
	case "msub", "msup", "msubsup", "munder", "mover", "munderover":
		return r.scripts(n, depth)
	case "mmultiscripts":
		a, err := r.args(n, 3, depth)
		if err != nil {
			return nil, err
		}
		return r.node(formula.Node{Kind: formula.Scripts, Kids: a})
	case "mfenced":
		return r.fenced(n, depth)
	case "mtable":
		return r.table(n, depth)
	}
	// an element MathML does not have (HTML inside <math>, or a typo):
	// its content as a row
	return r.row(n, depth)
}

// knownFunction reports the names MathML writes as <mi> that are set as
// operators (sin, log, lim).
func knownFunction(s string) bool {
	switch s {
	case "sin", "cos", "tan", "cot", "sec", "csc", "log", "ln", "exp", "lim", "max", "min", "sup", "inf", "det",
		"sinh", "cosh", "tanh", "arcsin", "arccos", "arctan", "gcd", "deg", "dim", "ker", "arg", "Pr", "lg":
		return true
	}
	return false
}

// operator reads an <mo>.
func (r *mathMLReader) operator(n *html.Node, s string) (*formula.Node, error) {
	switch s {
	case "-":
		s = "−"
	case "\u2061", "\u2062", "\u2063", "\u2064": // function application, invisible times, separator, plus
		return nil, nil
	}
	o := formula.NewOperator(s)
	r.nodes++
	if r.nodes > formula.MaxNodes {
		return nil, fmt.Errorf("%w: more than %d nodes", formula.ErrTooLarge, formula.MaxNodes)
	}
	if knownFunction(s) {
		o.Class, o.Limits = formula.Op, s == "lim" || s == "max" || s == "min" || s == "sup" || s == "inf" || s == "det"
	}
	switch attr(n, "stretchy") {
	case "true":
		o.Stretchy = true
	case "false":
		o.Stretchy = false
	}
	switch attr(n, "largeop") {
	case "true":
		o.Large = true
	case "false":
		o.Large = false
	}
	switch attr(n, "movablelimits") {
	case "false":
		o.Limits = false
	case "true":
		o.Limits = true
	}
	if attr(n, "fence") == "true" && o.Class == formula.Ord {
		switch attr(n, "form") {
		case "prefix":
			o.Class = formula.Open
		case "postfix":
			o.Class = formula.Close
		}
	}
	if attr(n, "separator") == "true" {
		o.Class = formula.Punct
	}
	return o, nil
}

// scripts reads msub, msup, msubsup, munder, mover and munderover.
func (r *mathMLReader) scripts(n *html.Node, depth int) (*formula.Node, error) {
	count := map[string]int{"msub": 2, "msup": 2, "msubsup": 3, "munder": 2, "mover": 2, "munderover": 3}[n.Data]
	a, err := r.args(n, count, depth)
	if err != nil {
		return nil, err
	}
	var sub, sup *formula.Node
	switch n.Data {
	case "msub", "munder":
		sub = a[1]
	case "msup", "mover":
		sup = a[1]
	default:
		sub, sup = a[1], a[2]
	}
	kind := formula.Scripts
	accent := false
	if strings.HasPrefix(n.Data, "mu") || n.Data == "mover" {
		kind = formula.UnderOver
		accent = attr(n, "accent") == "true" || attr(n, "accentunder") == "true"
		if !accent && n.Data == "mover" && sup.Kind == formula.Operator && isAccentChar(sup.Text) {
			accent = true
		}
		if accent {
			for _, s := range []*formula.Node{sub, sup} {
				if s != nil && s.Kind == formula.Operator {
					s.Stretchy = s.Stretchy || len([]rune(s.Text)) == 1 && strings.ContainsRune("‾¯_⏞⏟→←", []rune(s.Text)[0])
				}
			}
		}
		// an under/over on a large operator that is not a limits
		// operator (∫ in MathML written with munderover) stays under/over
	}
	return r.node(formula.Node{Kind: kind, Kids: []*formula.Node{a[0], sub, sup}, Accent: accent})
}

// isAccentChar reports the characters MathML's dictionary makes accents.
func isAccentChar(s string) bool {
	switch s {
	case "^", "ˆ", "~", "˜", "¯", "‾", "˙", "¨", "→", "⃗", "´", "`", "˘", "ˇ", "˚", "⏞", "⏟", "\u0302", "\u0303", "\u0304", "\u0307", "\u0308":
		return true
	}
	return false
}

// fenced reads the deprecated <mfenced>: open, close and separators.
func (r *mathMLReader) fenced(n *html.Node, depth int) (*formula.Node, error) {
	open, close := "(", ")"
	for _, a := range n.Attr {
		switch a.Key {
		case "open":
			open = a.Val
		case "close":
			close = a.Val
		}
	}
	seps := []rune(",")
	for _, a := range n.Attr {
		if a.Key == "separators" {
			seps = []rune(strings.ReplaceAll(a.Val, " ", ""))
		}
	}
	body := &formula.Node{Kind: formula.Row}
	for i, ch := range elements(n) {
		if i > 0 && len(seps) > 0 {
			body.Kids = append(body.Kids, formula.NewOperator(string(seps[min(i-1, len(seps)-1)])))
		}
		k, err := r.element(ch, depth+1)
		if err != nil {
			return nil, err
		}
		if k != nil {
			body.Kids = append(body.Kids, k)
		}
	}
	return r.node(formula.Node{Kind: formula.Fenced, Open: open, Close: close, Kids: []*formula.Node{body}})
}

// table reads an <mtable>; a <mlabeledtr>'s label becomes the formula's
// tag.
func (r *mathMLReader) table(n *html.Node, depth int) (*formula.Node, error) {
	t, err := r.node(formula.Node{Kind: formula.Table})
	if err != nil {
		return nil, err
	}
	align := ""
	for _, a := range strings.Fields(attr(n, "columnalign")) {
		switch a {
		case "left":
			align += "l"
		case "right":
			align += "r"
		default:
			align += "c"
		}
	}
	if align == "" {
		align = "c"
	}
	t.Align = align
	for _, tr := range elements(n) {
		if tr.Data != "mtr" && tr.Data != "mlabeledtr" {
			continue
		}
		var row []*formula.Node
		for i, td := range elements(tr) {
			cell, err := r.row(td, depth+1)
			if err != nil {
				return nil, err
			}
			if i == 0 && tr.Data == "mlabeledtr" {
				if r.tag == "" {
					r.tag = strings.Trim(formula.PlainString(formula.Linear(cell)), "() ")
				}
				continue
			}
			row = append(row, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// mathLength reads a MathML length (an mspace width) in mu, 1/18 em.
func mathLength(s string) int {
	s = strings.TrimSpace(s)
	named := map[string]int{"veryverythinmathspace": 1, "verythinmathspace": 2, "thinmathspace": 3, "mediummathspace": 4,
		"thickmathspace": 5, "verythickmathspace": 6, "veryverythickmathspace": 7}
	if v, ok := named[s]; ok {
		return v
	}
	num := strings.TrimRightFunc(s, func(r rune) bool { return r >= 'a' && r <= 'z' || r == '%' })
	unit := s[len(num):]
	f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil {
		return 0
	}
	switch unit {
	case "em":
		f *= 18
	case "ex":
		f *= 8
	case "px":
		f = f * 18 / 16
	case "pt":
		f = f * 18 / 12
	case "mu":
	default:
		f *= 18
	}
	return max(-36, min(int(f+0.5), 180))
}

// appliedFunction reports an <mi> followed by the invisible function
// application operator (U+2061): a function's name, set as an operator.
func appliedFunction(n *html.Node) bool {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode {
			return s.Data == "mo" && strings.TrimSpace(textContent(s)) == "\u2061"
		}
	}
	return false
}
