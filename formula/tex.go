package formula

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxSourceBytes is the longest source a reader reads.
const MaxSourceBytes = 64 << 10

// ParseTeX reads TeX math (the body of $…$ or \[…\], without the
// delimiters): the common subset of LaTeX and amsmath that pages and
// posts use. A \tag{…} becomes the Formula's Tag; display is whether it
// is shown on its own line.
func ParseTeX(src string, display bool) (*Formula, error) {
	if len(src) > MaxSourceBytes {
		return nil, fmt.Errorf("%w: %d bytes of TeX", ErrTooLarge, len(src))
	}
	p := &texParser{src: src, display: display}
	root, err := p.row(stopEOF)
	if err != nil {
		return nil, err
	}
	return &Formula{Root: root, Display: display, Tag: p.tag}, nil
}

// texParser reads TeX math by recursive descent, counting nodes and depth.
type texParser struct {
	src     string
	pos     int
	nodes   int
	depth   int
	tag     string
	display bool
}

// what ends a row
type stop uint8

const (
	stopEOF     stop = iota
	stopBrace        // }
	stopBracket      // ] of an optional argument
	stopRight        // \right (and \middle)
	stopCell         // & or \\ or \end
)

func (p *texParser) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: %s at byte %d", ErrSyntax, fmt.Sprintf(format, args...), p.pos)
}

func (p *texParser) node(n Node) (*Node, error) {
	p.nodes++
	if p.nodes > MaxNodes {
		return nil, fmt.Errorf("%w: more than %d nodes", ErrTooLarge, MaxNodes)
	}
	return &n, nil
}

func (p *texParser) skipSpace() {
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.pos++
		case c == '%':
			for p.pos < len(p.src) && p.src[p.pos] != '\n' {
				p.pos++
			}
		default:
			return
		}
	}
}

// peekCommand returns the command at pos (without its backslash) or "".
func (p *texParser) peekCommand() string {
	if p.pos >= len(p.src) || p.src[p.pos] != '\\' {
		return ""
	}
	i := p.pos + 1
	for i < len(p.src) && isASCIILetter(p.src[i]) {
		i++
	}
	if i == p.pos+1 && i < len(p.src) {
		_, size := utf8.DecodeRuneInString(p.src[i:])
		i += size
	}
	return p.src[p.pos+1 : i]
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// row reads atoms until what stops it.
func (p *texParser) row(until stop) (*Node, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > MaxDepth {
		return nil, fmt.Errorf("%w: nested more than %d deep", ErrTooLarge, MaxDepth)
	}
	row, err := p.node(Node{Kind: Row})
	if err != nil {
		return nil, err
	}
	for {
		p.skipSpace()
		if p.pos >= len(p.src) {
			if until != stopEOF && until != stopCell {
				return nil, p.errorf("unclosed group")
			}
			return row, nil
		}
		c := p.src[p.pos]
		switch {
		case c == '}':
			if until == stopBrace {
				p.pos++
				return row, nil
			}
			if until == stopCell {
				return row, nil // an environment inside braces ends at them
			}
			return nil, p.errorf("unbalanced }")
		case c == ']' && until == stopBracket:
			p.pos++
			return row, nil
		case c == '&' && until == stopCell:
			return row, nil
		case c == '&':
			p.pos++ // an alignment point outside an environment: ignored
			continue
		}
		if c == '\\' {
			switch cmd := p.peekCommand(); cmd {
			case "right", "middle":
				if until == stopRight {
					return row, nil
				}
				return nil, p.errorf("\\%s without \\left", cmd)
			case "\\", "cr", "end":
				if until == stopCell {
					return row, nil
				}
				if cmd == "end" {
					return nil, p.errorf("\\end without \\begin")
				}
				p.pos += 1 + len(cmd) // a line break outside an environment: ignored
				continue
			case "over", "atop", "choose":
				// {a \over b}: what came before is the numerator
				p.pos += 1 + len(cmd)
				den, err := p.row(until)
				if err != nil {
					return nil, err
				}
				num := &Node{Kind: Row, Kids: row.Kids}
				f, err := p.node(Node{Kind: Frac, Kids: []*Node{num, den}, NoRule: cmd != "over"})
				if err != nil {
					return nil, err
				}
				if cmd == "choose" {
					f = &Node{Kind: Fenced, Open: "(", Close: ")", Kids: []*Node{f}}
				}
				return &Node{Kind: Row, Kids: []*Node{f}}, nil
			}
		}
		atom, err := p.atom()
		if err != nil {
			return nil, err
		}
		if atom == nil {
			continue
		}
		atom, err = p.scripts(atom)
		if err != nil {
			return nil, err
		}
		row.Kids = append(row.Kids, atom)
	}
}

// scripts reads the sub- and superscripts and primes after base.
func (p *texParser) scripts(base *Node) (*Node, error) {
	var sub, sup *Node
	primes := 0
	for {
		p.skipSpace()
		if p.pos >= len(p.src) {
			break
		}
		c := p.src[p.pos]
		if c == '\'' {
			p.pos++
			primes++
			continue
		}
		if c == '\\' {
			switch p.peekCommand() {
			case "limits":
				p.pos += len("\\limits")
				base.Limits = true
				continue
			case "nolimits":
				p.pos += len("\\nolimits")
				base.Limits = false
				continue
			}
		}
		if c != '^' && c != '_' {
			break
		}
		p.pos++
		arg, err := p.argument()
		if err != nil {
			return nil, err
		}
		if c == '^' {
			if sup != nil {
				return nil, p.errorf("double superscript")
			}
			sup = arg
		} else {
			if sub != nil {
				return nil, p.errorf("double subscript")
			}
			sub = arg
		}
	}
	if primes > 0 {
		pr := &Node{Kind: Operator, Text: strings.Repeat("′", primes), Class: Ord}
		if sup == nil {
			sup = pr
		} else {
			sup = &Node{Kind: Row, Kids: []*Node{pr, sup}}
		}
	}
	if sub == nil && sup == nil {
		return base, nil
	}
	kind := Scripts
	if base.Kind == Operator && base.Limits {
		kind = UnderOver
	}
	return p.node(Node{Kind: kind, Kids: []*Node{base, sub, sup}})
}

// argument reads one argument: a group in braces or a single token.
func (p *texParser) argument() (*Node, error) {
	p.skipSpace()
	if p.pos >= len(p.src) {
		return nil, p.errorf("missing argument")
	}
	if p.src[p.pos] == '{' {
		p.pos++
		return p.row(stopBrace)
	}
	if c := p.src[p.pos]; c >= '0' && c <= '9' {
		p.pos++ // an argument is one token: \frac12 is ½
		return p.node(Node{Kind: Number, Text: string(c)})
	}
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > MaxDepth {
		return nil, fmt.Errorf("%w: nested more than %d deep", ErrTooLarge, MaxDepth)
	}
	a, err := p.atom()
	if err != nil {
		return nil, err
	}
	if a == nil {
		return p.node(Node{Kind: Row})
	}
	return a, nil
}

// rawArgument reads a braced argument as text (\text, \begin's name).
func (p *texParser) rawArgument() (string, error) {
	p.skipSpace()
	if p.pos >= len(p.src) || p.src[p.pos] != '{' {
		if p.pos < len(p.src) {
			_, size := utf8.DecodeRuneInString(p.src[p.pos:])
			s := p.src[p.pos : p.pos+size]
			p.pos += size
			return s, nil
		}
		return "", p.errorf("missing argument")
	}
	depth := 0
	start := p.pos + 1
	for i := p.pos; i < len(p.src); i++ {
		switch p.src[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				p.pos = i + 1
				return p.src[start:i], nil
			}
		}
	}
	return "", p.errorf("unclosed argument")
}

// optional reads an optional argument in brackets, or returns nil.
func (p *texParser) optional() (*Node, error) {
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == '[' {
		p.pos++
		return p.row(stopBracket)
	}
	return nil, nil
}

// atom reads one atom: a character, a group or a command with its
// arguments. It returns nil for what prints nothing (\displaystyle).
func (p *texParser) atom() (*Node, error) {
	c := p.src[p.pos]
	switch {
	case c == '{':
		p.pos++
		return p.row(stopBrace)
	case c == '\\':
		return p.command()
	case c == '^' || c == '_':
		// a script with no base: on an empty one
		base, err := p.node(Node{Kind: Row})
		if err != nil {
			return nil, err
		}
		return base, nil
	case c == '~':
		p.pos++
		return p.node(Node{Kind: Space, Width: 6})
	case c >= '0' && c <= '9' || c == '.' && p.pos+1 < len(p.src) && p.src[p.pos+1] >= '0' && p.src[p.pos+1] <= '9':
		start := p.pos
		for p.pos < len(p.src) && (p.src[p.pos] >= '0' && p.src[p.pos] <= '9' ||
			p.src[p.pos] == '.' && p.pos+1 < len(p.src) && p.src[p.pos+1] >= '0' && p.src[p.pos+1] <= '9') {
			p.pos++
		}
		return p.node(Node{Kind: Number, Text: p.src[start:p.pos]})
	}
	r, size := utf8.DecodeRuneInString(p.src[p.pos:])
	p.pos += size
	if r == utf8.RuneError {
		return nil, p.errorf("invalid UTF-8")
	}
	return p.char(r)
}

// char makes the node of a character typed as itself.
func (p *texParser) char(r rune) (*Node, error) {
	switch {
	case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
		return p.node(Node{Kind: Ident, Text: string(Styled(r, Italic))})
	case r >= 0x3B1 && r <= 0x3C9:
		return p.node(Node{Kind: Ident, Text: string(Styled(r, Italic))})
	case unicode.IsLetter(r):
		return p.node(Node{Kind: Ident, Text: string(r)})
	case unicode.IsDigit(r):
		return p.node(Node{Kind: Number, Text: string(r)})
	case r == '-':
		r = '−'
	case r == '*':
		r = '∗'
	case r == '\'':
		r = '′'
	}
	n := NewOperator(string(r))
	n.Stretchy = false // TeX stretches only \left and \right
	p.nodes++
	if p.nodes > MaxNodes {
		return nil, fmt.Errorf("%w: more than %d nodes", ErrTooLarge, MaxNodes)
	}
	return n, nil
}
