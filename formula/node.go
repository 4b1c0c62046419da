// Package formula is galley's model of a mathematical formula: a tree of
// rows, identifiers, numbers, operators, fractions, scripts, under and
// over scripts, radicals, fenced groups, tables, accents, spaces and text,
// close to presentation MathML, with readers for TeX math (ParseTeX) and
// a plain linear form for text output and fallbacks (Linear).
//
// The readers bound their work: a formula of more than MaxNodes nodes or
// nested deeper than MaxDepth is refused with ErrTooLarge. The package
// depends on the standard library only.
package formula

import (
	"errors"
	"strings"
)

// Limits on what a reader builds: beyond them it returns ErrTooLarge.
const (
	MaxNodes = 20000
	MaxDepth = 64
)

// ErrTooLarge is wrapped by the error a reader returns for a formula with
// more than MaxNodes nodes or nested more than MaxDepth deep.
var ErrTooLarge = errors.New("formula too large")

// ErrSyntax is wrapped by the errors for math a reader cannot read.
var ErrSyntax = errors.New("math syntax")

// Kind says what a Node is and which of its fields apply.
type Kind uint8

// The node kinds. Kids holds a node's parts at fixed places:
//
//	Row        Kids: the row's atoms in order
//	Ident      Text (already in its mathematical alphabet: 𝑥, ℝ, 𝐯)
//	Number     Text
//	Operator   Text, Class, Stretchy, Large, Limits
//	TextRun    Text (upright prose, \text{…}, <mtext>)
//	Space      Width in mu (1/18 em)
//	Frac       Kids[0] numerator, Kids[1] denominator; NoRule for \binom
//	Sqrt       Kids[0] radicand, Kids[1] degree or nil
//	Scripts    Kids[0] base, Kids[1] subscript or nil, Kids[2] superscript or nil
//	UnderOver  Kids[0] base, Kids[1] under or nil, Kids[2] over or nil; Accent: an accent over (or under) the base
//	Fenced     Open, Close (either may be ""), Kids: the body, one row; stretchy delimiters
//	Table      Rows of cells (each a Row), Align per column ('l', 'c', 'r')
//	Phantom    Kids[0], taking its room but not drawn
const (
	Row Kind = iota
	Ident
	Number
	Operator
	TextRun
	Space
	Frac
	Sqrt
	Scripts
	UnderOver
	Fenced
	Table
	Phantom
)

// Class is an atom's class in TeX's sense, which decides the space
// around it.
type Class uint8

// The atom classes.
const (
	Ord Class = iota
	Op
	Bin
	Rel
	Open
	Close
	Punct
	Inner
)

// Node is one node of a formula tree.
type Node struct {
	Kind  Kind
	Text  string
	Class Class
	Kids  []*Node
	Rows  [][]*Node
	Align string
	Open  string
	Close string
	Width int // Space: mu
	// Stretchy operators grow to their content (delimiters, arrows);
	// Large operators are set larger in display style (∑, ∫), and
	// Limits ones take their scripts above and below there.
	Stretchy, Large, Limits bool
	// NoRule is a fraction without a bar (\binom, \atop).
	NoRule bool
	// Accent marks an UnderOver whose over (or under) is an accent.
	Accent bool
	// Display sets a fraction or table in display style (\dfrac,
	// displaystyle="true"); Script in script style (\tfrac does Text).
	Style Style
}

// Style is a forced math style; StyleAuto keeps the surrounding one.
type Style uint8

// The math styles a node may force.
const (
	StyleAuto Style = iota
	StyleDisplay
	StyleText
	StyleScript
	StyleScriptScript
)

// Formula is a read formula: its tree, its source and how it is shown.
type Formula struct {
	Root *Node
	// Display is set for a formula shown on its own line.
	Display bool
	// Tag is its equation number (\tag, <mlabeledtr>), printed at the
	// right margin, without parentheses.
	Tag string
}

// Linear returns the formula as plain linear text, as a reader would
// write it in a line of prose: x = (−b ± √(b² − 4ac))/(2a). It is the
// formula's text for extraction and the form a formula is printed in when
// it cannot be typeset.
func Linear(n *Node) string {
	var b strings.Builder
	linear(&b, n, 0)
	return strings.TrimSpace(b.String())
}

func linear(b *strings.Builder, n *Node, depth int) {
	if n == nil || depth > MaxDepth+8 {
		return
	}
	d := depth + 1
	switch n.Kind {
	case Row:
		classes := Classes(n.Kids)
		for i, k := range n.Kids {
			if k != nil && k.Kind == Operator && classes[i] != k.Class {
				b.WriteString(k.Text) // a unary operator: no spaces
				continue
			}
			linear(b, k, d)
		}
	case Ident, Number:
		b.WriteString(n.Text)
	case Operator:
		switch n.Class {
		case Bin, Rel:
			b.WriteString(" " + n.Text + " ")
		case Punct:
			b.WriteString(n.Text + " ")
		case Op:
			b.WriteString(n.Text)
			if n.Large && !strings.HasPrefix(n.Text, "∫") && len([]rune(n.Text)) == 1 {
				break
			}
			if len([]rune(n.Text)) > 1 {
				b.WriteString(" ")
			}
		default:
			b.WriteString(n.Text)
		}
	case TextRun:
		b.WriteString(n.Text)
	case Space:
		if n.Width >= 3 {
			b.WriteString(" ")
		}
	case Frac:
		group(b, kid(n, 0), d)
		if n.NoRule {
			b.WriteString(" over ")
		} else {
			b.WriteString("/")
		}
		group(b, kid(n, 1), d)
	case Sqrt:
		if deg := kid(n, 1); deg != nil {
			linear(b, deg, d)
			b.WriteString("√")
		} else {
			b.WriteString("√")
		}
		group(b, kid(n, 0), d)
	case Scripts:
		linear(b, kid(n, 0), d)
		script(b, kid(n, 1), false, d)
		script(b, kid(n, 2), true, d)
	case UnderOver:
		base := kid(n, 0)
		if n.Accent {
			linear(b, base, d)
			if o := kid(n, 2); o != nil && o.Kind == Operator {
				b.WriteString(combining(o.Text))
			}
			return
		}
		linear(b, base, d)
		script(b, kid(n, 1), false, d)
		script(b, kid(n, 2), true, d)
	case Fenced:
		b.WriteString(n.Open)
		for _, k := range n.Kids {
			linear(b, k, d)
		}
		b.WriteString(n.Close)
	case Table:
		for i, row := range n.Rows {
			if i > 0 {
				b.WriteString("; ")
			}
			for j, c := range row {
				if j > 0 {
					b.WriteString(", ")
				}
				linear(b, c, d)
			}
		}
	}
}

func kid(n *Node, i int) *Node {
	if i < len(n.Kids) {
		return n.Kids[i]
	}
	return nil
}

// group writes n, in parentheses when it is more than one atom.
func group(b *strings.Builder, n *Node, depth int) {
	s := Linear(n)
	if depth > MaxDepth+8 {
		return
	}
	if simple(n) {
		b.WriteString(s)
		return
	}
	b.WriteString("(" + s + ")")
}

// simple reports a node printed linearly without parentheses: one
// identifier, number or fenced group.
func simple(n *Node) bool {
	for n != nil && n.Kind == Row && len(n.Kids) == 1 {
		n = n.Kids[0]
	}
	if n == nil {
		return true
	}
	switch n.Kind {
	case Ident, Number, Fenced, TextRun, Sqrt:
		return true
	case Scripts:
		return simple(kid(n, 0))
	case Row:
		return len(n.Kids) == 0
	}
	return false
}

var superscripts = map[rune]rune{'0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
	'+': '⁺', '-': '⁻', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', 'n': 'ⁿ', 'i': 'ⁱ'}
var subscripts = map[rune]rune{'0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉',
	'+': '₊', '-': '₋', '−': '₋', '=': '₌', '(': '₍', ')': '₎'}

// script writes a sub- or superscript: in Unicode's script digits when
// it has only such characters, else after ^ or _.
func script(b *strings.Builder, n *Node, sup bool, depth int) {
	if n == nil {
		return
	}
	s := Linear(n)
	if s == "′" || s == "″" || s == "‴" || strings.Trim(s, "′") == "" {
		b.WriteString(s)
		return
	}
	table := subscripts
	if sup {
		table = superscripts
	}
	out := make([]rune, 0, len(s))
	for _, r := range s {
		m, ok := table[plainLetter(r)]
		if !ok {
			out = nil
			break
		}
		out = append(out, m)
	}
	if out != nil {
		b.WriteString(string(out))
		return
	}
	if sup {
		b.WriteString("^")
	} else {
		b.WriteString("_")
	}
	group(b, n, depth)
}

// combining returns the combining mark of an accent character.
func combining(accent string) string {
	switch accent {
	case "^", "ˆ", "\u0302":
		return "\u0302"
	case "~", "˜", "\u0303":
		return "\u0303"
	case "¯", "‾", "\u0304", "\u0305", "―", "_":
		return "\u0305"
	case "˙", "\u0307":
		return "\u0307"
	case "¨", "\u0308":
		return "\u0308"
	case "→", "\u20D7":
		return "\u20D7"
	case "´", "\u0301":
		return "\u0301"
	case "`", "\u0300":
		return "\u0300"
	case "˘", "\u0306":
		return "\u0306"
	case "ˇ", "\u030C":
		return "\u030C"
	}
	return ""
}

// Count returns the number of nodes of n, stopping at limit.
func Count(n *Node, limit int) int {
	c := 0
	var walk func(*Node)
	walk = func(n *Node) {
		if n == nil || c >= limit {
			return
		}
		c++
		for _, k := range n.Kids {
			walk(k)
		}
		for _, r := range n.Rows {
			for _, k := range r {
				walk(k)
			}
		}
	}
	walk(n)
	return c
}
