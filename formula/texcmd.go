package formula

import (
	"strings"
)

// texSymbols maps TeX's symbol commands to their characters.
var texSymbols = map[string]string{
	// Greek
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ", "eta": "η",
	"theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
	"omicron": "ο", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ",
	"upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
	"Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ",
	"Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
	// letter-like
	"infty": "∞", "partial": "∂", "nabla": "∇", "hbar": "ℏ", "ell": "ℓ", "wp": "℘", "Re": "ℜ", "Im": "ℑ",
	"aleph": "ℵ", "emptyset": "∅", "varnothing": "∅", "forall": "∀", "exists": "∃", "nexists": "∄", "neg": "¬", "lnot": "¬",
	"top": "⊤", "bot": "⊥", "angle": "∠", "triangle": "△", "prime": "′", "imath": "ı", "jmath": "ȷ", "dagger": "†",
	"ldots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱", "dots": "…", "dotsc": "…", "dotsb": "⋯", "dotsm": "⋯", "dotsi": "⋯",
	"surd": "√", "checkmark": "✓", "degree": "°", "circ": "∘", "star": "⋆", "clubsuit": "♣", "diamondsuit": "♢",
	"heartsuit": "♡", "spadesuit": "♠", "flat": "♭", "natural": "♮", "sharp": "♯", "square": "□", "Box": "□",
	"blacksquare": "■", "S": "§", "P": "¶", "colon": ":", "vert": "|", "Vert": "‖", "lvert": "|", "rvert": "|",
	"lVert": "‖", "rVert": "‖", "backslash": "∖", "mid": "∣", "nmid": "∤", "parallel": "∥", "nparallel": "∦",
	// binary operators
	"pm": "±", "mp": "∓", "times": "×", "div": "÷", "cdot": "⋅", "ast": "∗", "bullet": "∙", "cup": "∪", "cap": "∩",
	"wedge": "∧", "land": "∧", "vee": "∨", "lor": "∨", "oplus": "⊕", "ominus": "⊖", "otimes": "⊗", "oslash": "⊘", "odot": "⊙",
	"setminus": "∖", "uplus": "⊎", "sqcup": "⊔", "sqcap": "⊓", "diamond": "⋄", "bigtriangleup": "△", "bigtriangledown": "▽",
	"triangleleft": "◃", "triangleright": "▹", "wr": "≀", "amalg": "⨿", "ddagger": "‡", "ltimes": "⋉", "rtimes": "⋊",
	// relations
	"leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "equiv": "≡", "sim": "∼",
	"simeq": "≃", "cong": "≅", "propto": "∝", "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "supset": "⊃",
	"subseteq": "⊆", "supseteq": "⊇", "subsetneq": "⊊", "supsetneq": "⊋", "to": "→", "rightarrow": "→", "leftarrow": "←",
	"gets": "←", "leftrightarrow": "↔", "Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔", "implies": "⟹",
	"impliedby": "⟸", "iff": "⟺", "mapsto": "↦", "longmapsto": "⟼", "longrightarrow": "⟶", "longleftarrow": "⟵",
	"longleftrightarrow": "⟷", "Longrightarrow": "⟹", "Longleftarrow": "⟸", "Longleftrightarrow": "⟺",
	"uparrow": "↑", "downarrow": "↓", "updownarrow": "↕", "Uparrow": "⇑", "Downarrow": "⇓", "Updownarrow": "⇕",
	"nearrow": "↗", "searrow": "↘", "swarrow": "↙", "nwarrow": "↖", "hookrightarrow": "↪", "hookleftarrow": "↩",
	"rightleftharpoons": "⇌", "leftrightharpoons": "⇋", "rightharpoonup": "⇀", "rightharpoondown": "⇁",
	"leftharpoonup": "↼", "leftharpoondown": "↽",
	"perp": "⊥", "ll": "≪", "gg": "≫", "prec": "≺", "succ": "≻", "preceq": "⪯", "succeq": "⪰", "vdash": "⊢",
	"dashv": "⊣", "models": "⊨", "asymp": "≍", "doteq": "≐", "triangleq": "≜", "coloneqq": "≔", "eqqcolon": "≕",
	"sqsubset": "⊏", "sqsupset": "⊐", "sqsubseteq": "⊑", "sqsupseteq": "⊒", "bowtie": "⋈", "lesssim": "≲", "gtrsim": "≳",
	"leqslant": "⩽", "geqslant": "⩾", "approxeq": "≊", "lhd": "⊲", "rhd": "⊳", "unlhd": "⊴", "unrhd": "⊵",
	"nleq": "≰", "ngeq": "≱", "nsim": "≁", "ncong": "≇", "nsubseteq": "⊈", "nsupseteq": "⊉", "lt": "<", "gt": ">",
	// delimiters
	"langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "lbrace": "{", "rbrace": "}",
	"lbrack": "[", "rbrack": "]", "{": "{", "}": "}", "|": "‖", "lgroup": "⟮", "rgroup": "⟯", "llbracket": "⟦", "rrbracket": "⟧",
	// large operators
	"sum": "∑", "prod": "∏", "coprod": "∐", "int": "∫", "iint": "∬", "iiint": "∭", "oint": "∮", "oiint": "∯",
	"bigcup": "⋃", "bigcap": "⋂", "bigvee": "⋁", "bigwedge": "⋀", "bigoplus": "⨁", "bigotimes": "⨂", "bigodot": "⨀",
	"biguplus": "⨄", "bigsqcup": "⨆",
	// escaped characters
	"#": "#", "$": "$", "%": "%", "&": "&", "_": "_",
}

// texFunctions are the operator names set upright: those that take
// limits under them in display style (lim) and those that do not (sin).
var texFunctions = map[string]bool{
	"lim": true, "liminf": true, "limsup": true, "max": true, "min": true, "sup": true, "inf": true, "det": true,
	"gcd": true, "Pr": true, "argmax": true, "argmin": true,
	"sin": false, "cos": false, "tan": false, "cot": false, "sec": false, "csc": false, "arcsin": false, "arccos": false,
	"arctan": false, "sinh": false, "cosh": false, "tanh": false, "coth": false, "log": false, "ln": false, "lg": false,
	"exp": false, "deg": false, "dim": false, "ker": false, "hom": false, "arg": false, "sgn": false, "sign": false,
	"tr": false, "Tr": false, "rank": false, "erf": false, "mod": false, "Re": false, "Im": false,
}

// texAccents maps accent commands to the accent character and whether it
// stretches over its base.
var texAccents = map[string]struct {
	char    string
	stretch bool
	under   bool
}{
	"hat": {"^", false, false}, "widehat": {"^", true, false}, "check": {"ˇ", false, false}, "tilde": {"~", false, false},
	"widetilde": {"~", true, false}, "acute": {"´", false, false}, "grave": {"`", false, false}, "dot": {"˙", false, false},
	"ddot": {"¨", false, false}, "dddot": {"⃛", false, false}, "breve": {"˘", false, false}, "bar": {"¯", false, false},
	"vec": {"→", false, false}, "overline": {"‾", true, false}, "underline": {"_", true, true},
	"overrightarrow": {"→", true, false}, "overleftarrow": {"←", true, false},
	"overbrace": {"⏞", true, false}, "underbrace": {"⏟", true, true}, "mathring": {"˚", false, false},
}

// texFonts maps alphabet commands to their alphabets.
var texFonts = map[string]Variant{
	"mathbb": DoubleStruck, "mathbf": Bold, "mathcal": Script, "mathscr": Script, "mathfrak": Fraktur,
	"mathrm": Normal, "mathit": Italic, "mathsf": SansSerif, "mathtt": Monospace, "boldsymbol": BoldItalic,
	"bm": BoldItalic, "pmb": Bold, "mathnormal": Italic, "Bbb": DoubleStruck, "bold": Bold, "operatorname": Normal,
	"mathop": Normal,
}

// texSpaces maps spacing commands to widths in mu.
var texSpaces = map[string]int{
	",": 3, "thinspace": 3, ":": 4, ">": 4, "medspace": 4, ";": 5, "thickspace": 5, " ": 6, "quad": 18, "qquad": 36,
	"!": -3, "negthinspace": -3, "enspace": 9,
}

// texIgnored are commands that print nothing and take no argument.
var texIgnored = map[string]bool{
	"displaystyle": true, "textstyle": true, "scriptstyle": true, "scriptscriptstyle": true, "nonumber": true,
	"notag": true, "left.": true, "limits": true, "nolimits": true, "big": true, "Big": true, "bigg": true, "Bigg": true,
	"bigl": true, "bigr": true, "Bigl": true, "Bigr": true, "biggl": true, "biggr": true, "Biggl": true, "Biggr": true,
	"bigm": true, "Bigm": true, "strut": true, "allowbreak": true, "nobreak": true, "relax": true, "mathstrut": true,
	"centering": true, "normalsize": true, "small": true, "large": true, "Large": true,
}

// command reads a command and its arguments.
func (p *texParser) command() (*Node, error) {
	name := p.peekCommand()
	p.pos += 1 + len(name)
	if name == "" {
		return nil, p.errorf("lone backslash")
	}
	if s, ok := texSymbols[name]; ok {
		r := []rune(s)
		if len(r) == 1 && (r[0] >= 0x3B1 && r[0] <= 0x3C9 || r[0] == 'ϵ' || r[0] == 'ϑ' || r[0] == 'ϕ' || r[0] == 'ϱ' || r[0] == 'ϖ') {
			return p.node(Node{Kind: Ident, Text: greekItalic(r[0])})
		}
		if len(r) == 1 && r[0] >= 0x391 && r[0] <= 0x3A9 || strings.ContainsRune("∞∂∇ℏℓ℘ℵ∅∀∃∄¬⊤△∠ıȷ…⋯⋮⋱°", r[0]) {
			kind := Ident
			if strings.ContainsRune("…⋯⋮⋱", r[0]) {
				kind = Operator
			}
			return p.node(Node{Kind: kind, Text: s, Class: Ord})
		}
		n := NewOperator(s)
		n.Stretchy = false
		if name == "|" || name == "Vert" || name == "vert" {
			n.Class = Ord
		}
		if name == "mid" {
			n.Class = Rel
		}
		p.nodes++
		return n, nil
	}
	if lim, ok := texFunctions[name]; ok {
		return p.node(Node{Kind: Operator, Text: name, Class: Op, Limits: lim})
	}
	if w, ok := texSpaces[name]; ok {
		return p.node(Node{Kind: Space, Width: w})
	}
	if texIgnored[name] {
		return nil, nil
	}
	if v, ok := texFonts[name]; ok {
		return p.font(name, v)
	}
	if a, ok := texAccents[name]; ok {
		base, err := p.argument()
		if err != nil {
			return nil, err
		}
		acc := &Node{Kind: Operator, Text: a.char, Stretchy: a.stretch}
		kids := []*Node{base, nil, acc}
		if a.under {
			kids = []*Node{base, acc, nil}
		}
		return p.node(Node{Kind: UnderOver, Accent: true, Kids: kids})
	}
	switch name {
	case "frac", "dfrac", "tfrac", "cfrac", "binom", "dbinom", "tbinom":
		num, err := p.argument()
		if err != nil {
			return nil, err
		}
		den, err := p.argument()
		if err != nil {
			return nil, err
		}
		f, err := p.node(Node{Kind: Frac, Kids: []*Node{num, den}, NoRule: strings.HasSuffix(name, "binom")})
		if err != nil {
			return nil, err
		}
		switch name[0] {
		case 'd', 'c':
			f.Style = StyleDisplay
		case 't':
			f.Style = StyleText
		}
		if f.NoRule {
			return p.node(Node{Kind: Fenced, Open: "(", Close: ")", Kids: []*Node{f}})
		}
		return f, nil
	case "sqrt":
		deg, err := p.optional()
		if err != nil {
			return nil, err
		}
		body, err := p.argument()
		if err != nil {
			return nil, err
		}
		return p.node(Node{Kind: Sqrt, Kids: []*Node{body, deg}})
	case "left":
		return p.leftRight()
	case "text", "textrm", "textnormal", "mbox", "hbox", "textup", "textit", "textbf", "textsf", "texttt", "mathtext":
		s, err := p.rawArgument()
		if err != nil {
			return nil, err
		}
		return p.node(Node{Kind: TextRun, Text: textArg(s)})
	case "begin":
		return p.environment()
	case "tag", "tag*":
		s, err := p.rawArgument()
		if err != nil {
			return nil, err
		}
		p.tag = textArg(s)
		return nil, nil
	case "label", "color", "hspace", "vspace", "textcolor", "href", "class", "cssId", "style":
		if _, err := p.rawArgument(); err != nil {
			return nil, err
		}
		if name == "textcolor" || name == "href" || name == "class" || name == "cssId" || name == "style" {
			return p.argument() // the second argument prints
		}
		return nil, nil
	case "overset", "underset", "stackrel":
		over, err := p.argument()
		if err != nil {
			return nil, err
		}
		base, err := p.argument()
		if err != nil {
			return nil, err
		}
		if base.Kind == Operator && base.Class == Ord {
			base.Class = Rel
		}
		if name == "underset" {
			return p.node(Node{Kind: UnderOver, Kids: []*Node{base, over, nil}})
		}
		return p.node(Node{Kind: UnderOver, Kids: []*Node{base, nil, over}})
	case "not":
		arg, err := p.argument()
		if err != nil {
			return nil, err
		}
		if arg.Kind == Operator {
			arg.Text += "\u0338"
			return arg, nil
		}
		return arg, nil
	case "phantom", "hphantom", "vphantom":
		arg, err := p.argument()
		if err != nil {
			return nil, err
		}
		return p.node(Node{Kind: Phantom, Kids: []*Node{arg}})
	case "pmod":
		arg, err := p.argument()
		if err != nil {
			return nil, err
		}
		mod := &Node{Kind: Operator, Text: "mod", Class: Op}
		sp := &Node{Kind: Space, Width: 6}
		return p.node(Node{Kind: Row, Kids: []*Node{{Kind: Space, Width: 18}, {Kind: Fenced, Open: "(", Close: ")",
			Kids: []*Node{{Kind: Row, Kids: []*Node{mod, sp, arg}}}}}})
	case "bmod":
		return p.node(Node{Kind: Operator, Text: "mod", Class: Bin})
	case "substack":
		return p.substack()
	case "bigl", "bigr", "Bigl", "Bigr":
		return nil, nil
	}
	return nil, p.errorf("unknown command \\%s", name)
}

// greekItalic returns a small Greek letter in math italic.
func greekItalic(r rune) string {
	switch r {
	case 'ϵ':
		return "𝜖"
	case 'ϑ':
		return "𝜗"
	case 'ϕ':
		return "𝜙"
	case 'ϱ':
		return "𝜚"
	case 'ϖ':
		return "𝜛"
	}
	return string(Styled(r, Italic))
}

// textArg returns the text of a \text argument: its escaped characters
// unescaped, its inline math $…$ kept as written without the dollars.
func textArg(s string) string {
	r := strings.NewReplacer(`\ `, " ", `\,`, " ", `\{`, "{", `\}`, "}", `\%`, "%", `\$`, "$", `\&`, "&", `\_`, "_", "~", " ", "$", "")
	return r.Replace(s)
}

// font reads the argument of an alphabet command in alphabet v.
func (p *texParser) font(name string, v Variant) (*Node, error) {
	arg, err := p.argument()
	if err != nil {
		return nil, err
	}
	if name == "operatorname" || name == "mathop" {
		return p.node(Node{Kind: Operator, Text: PlainString(Linear(arg)), Class: Op, Limits: name == "mathop"})
	}
	restyle(arg, v, 0)
	return arg, nil
}

// restyle sets the letters and digits of n's identifiers and numbers in
// alphabet v.
func restyle(n *Node, v Variant, depth int) {
	if n == nil || depth > MaxDepth {
		return
	}
	switch n.Kind {
	case Ident, Number:
		s := PlainString(n.Text)
		if v == Normal && n.Kind == Ident {
			n.Text = s
			if len([]rune(s)) > 1 {
				n.Kind = Ident
			}
			return
		}
		n.Text = StyledString(s, v)
	}
	for _, k := range n.Kids {
		restyle(k, v, depth+1)
	}
	for _, r := range n.Rows {
		for _, k := range r {
			restyle(k, v, depth+1)
		}
	}
}

// delimiter reads the delimiter after \left, \middle, \right or \big.
func (p *texParser) delimiter() (string, error) {
	p.skipSpace()
	if p.pos >= len(p.src) {
		return "", p.errorf("missing delimiter")
	}
	if p.src[p.pos] == '\\' {
		name := p.peekCommand()
		p.pos += 1 + len(name)
		if s, ok := texSymbols[name]; ok {
			return s, nil
		}
		return "", p.errorf("unknown delimiter \\%s", name)
	}
	if p.src[p.pos] == '.' {
		p.pos++
		return "", nil
	}
	r := []rune(p.src[p.pos:min(len(p.src), p.pos+4)])[0]
	p.pos += len(string(r))
	return string(r), nil
}

// leftRight reads \left( … \middle| … \right).
func (p *texParser) leftRight() (*Node, error) {
	open, err := p.delimiter()
	if err != nil {
		return nil, err
	}
	f, err := p.node(Node{Kind: Fenced, Open: open})
	if err != nil {
		return nil, err
	}
	body := &Node{Kind: Row}
	for {
		part, err := p.row(stopRight)
		if err != nil {
			return nil, err
		}
		body.Kids = append(body.Kids, part.Kids...)
		cmd := p.peekCommand()
		p.pos += 1 + len(cmd)
		d, err := p.delimiter()
		if err != nil {
			return nil, err
		}
		if cmd == "right" {
			f.Close = d
			break
		}
		m := NewOperator(d)
		m.Stretchy, m.Class = true, Rel
		body.Kids = append(body.Kids, m)
	}
	f.Kids = []*Node{body}
	return f, nil
}

// environments: their fences and column alignment.
var texEnvironments = map[string]struct{ open, close, align string }{
	"matrix": {"", "", "c"}, "pmatrix": {"(", ")", "c"}, "bmatrix": {"[", "]", "c"}, "Bmatrix": {"{", "}", "c"},
	"vmatrix": {"|", "|", "c"}, "Vmatrix": {"‖", "‖", "c"}, "smallmatrix": {"", "", "c"}, "cases": {"{", "", "l"},
	"dcases": {"{", "", "l"}, "rcases": {"", "}", "l"}, "aligned": {"", "", "rl"}, "align": {"", "", "rl"},
	"align*": {"", "", "rl"}, "alignat": {"", "", "rl"}, "alignat*": {"", "", "rl"}, "alignedat": {"", "", "rl"},
	"gathered": {"", "", "c"}, "gather": {"", "", "c"}, "gather*": {"", "", "c"}, "split": {"", "", "rl"},
	"array": {"", "", "c"}, "eqnarray": {"", "", "rcl"}, "eqnarray*": {"", "", "rcl"}, "multline": {"", "", "c"},
	"multline*": {"", "", "c"}, "subarray": {"", "", "c"},
}

// environment reads \begin{name} … \end{name}.
func (p *texParser) environment() (*Node, error) {
	name, err := p.rawArgument()
	if err != nil {
		return nil, err
	}
	if name == "equation" || name == "equation*" || name == "displaymath" || name == "math" {
		body, err := p.row(stopCell)
		if err != nil {
			return nil, err
		}
		if err := p.end(name); err != nil {
			return nil, err
		}
		return body, nil
	}
	env, ok := texEnvironments[name]
	if !ok {
		return nil, p.errorf("unknown environment %s", name)
	}
	align := env.align
	if name == "array" || name == "subarray" || strings.HasPrefix(name, "alignat") {
		spec, err := p.rawArgument()
		if err != nil {
			return nil, err
		}
		if name == "array" || name == "subarray" {
			align = strings.Map(func(r rune) rune {
				if r == 'l' || r == 'c' || r == 'r' {
					return r
				}
				return -1
			}, spec)
		}
	}
	t, err := p.node(Node{Kind: Table, Align: align})
	if err != nil {
		return nil, err
	}
	if name == "smallmatrix" || name == "subarray" {
		t.Style = StyleScript
	}
	if name == "dcases" {
		t.Style = StyleDisplay
	}
	var row []*Node
	for {
		cell, err := p.row(stopCell)
		if err != nil {
			return nil, err
		}
		row = append(row, cell)
		if p.pos >= len(p.src) {
			return nil, p.errorf("\\begin{%s} without \\end", name)
		}
		if p.src[p.pos] == '&' {
			p.pos++
			continue
		}
		if p.src[p.pos] == '}' {
			return nil, p.errorf("unbalanced } in %s", name)
		}
		cmd := p.peekCommand()
		p.pos += 1 + len(cmd)
		if cmd == "end" {
			if len(row) > 1 || len(row[0].Kids) > 0 {
				t.Rows = append(t.Rows, row)
			}
			if err := p.endName(name); err != nil {
				return nil, err
			}
			break
		}
		// \\ ends the row; an optional [2pt] after it is skipped
		t.Rows = append(t.Rows, row)
		row = nil
		p.skipSpace()
		if p.pos < len(p.src) && p.src[p.pos] == '[' {
			if _, err := p.optional(); err != nil {
				return nil, err
			}
		}
	}
	if env.open == "" && env.close == "" {
		return t, nil
	}
	return p.node(Node{Kind: Fenced, Open: env.open, Close: env.close, Kids: []*Node{t}})
}

// end reads \end{name} after a body read up to it.
func (p *texParser) end(name string) error {
	if p.peekCommand() != "end" {
		return p.errorf("\\begin{%s} without \\end", name)
	}
	p.pos += len("\\end")
	return p.endName(name)
}

func (p *texParser) endName(name string) error {
	got, err := p.rawArgument()
	if err != nil {
		return err
	}
	if got != name {
		return p.errorf("\\begin{%s} ended by \\end{%s}", name, got)
	}
	return nil
}

// substack reads \substack{a \\ b}: lines stacked in script style.
func (p *texParser) substack() (*Node, error) {
	p.skipSpace()
	if p.pos >= len(p.src) || p.src[p.pos] != '{' {
		return nil, p.errorf("\\substack without a group")
	}
	p.pos++
	t, err := p.node(Node{Kind: Table, Align: "c"})
	if err != nil {
		return nil, err
	}
	for {
		cell, err := p.row(stopCell)
		if err != nil {
			return nil, err
		}
		t.Rows = append(t.Rows, []*Node{cell})
		if p.pos >= len(p.src) {
			return nil, p.errorf("unclosed \\substack")
		}
		if p.src[p.pos] == '}' {
			p.pos++
			return t, nil
		}
		if p.src[p.pos] == '&' {
			p.pos++
			continue
		}
		cmd := p.peekCommand()
		p.pos += 1 + len(cmd)
		if cmd == "end" {
			return nil, p.errorf("\\end in \\substack")
		}
	}
}
