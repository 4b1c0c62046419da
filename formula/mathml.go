package formula

import (
	"fmt"
	"html"
	"strings"
)

// MathML writes a formula as presentation MathML: a <math> element,
// display="block" for a displayed one. Letters in the mathematical italic
// alphabet are written as the plain letters MathML sets in italic; other
// alphabets as their characters.
func MathML(f *Formula) string {
	var b strings.Builder
	b.WriteString(`<math xmlns="http://www.w3.org/1998/Math/MathML"`)
	if f.Display {
		b.WriteString(` display="block"`)
	}
	b.WriteString(">")
	writeMathML(&b, f.Root, 0)
	b.WriteString("</math>")
	return b.String()
}

func writeMathML(b *strings.Builder, n *Node, depth int) {
	if n == nil || depth > MaxDepth+8 {
		b.WriteString("<mrow></mrow>")
		return
	}
	d := depth + 1
	esc := html.EscapeString
	elem := func(name string, kids ...*Node) {
		b.WriteString("<" + name + ">")
		for _, k := range kids {
			writeMathML(b, k, d)
		}
		b.WriteString("</" + name + ">")
	}
	if n.Style == StyleDisplay && n.Kind != Table {
		b.WriteString(`<mstyle displaystyle="true">`)
		m := *n
		m.Style = StyleAuto
		writeMathML(b, &m, d)
		b.WriteString("</mstyle>")
		return
	}
	switch n.Kind {
	case Row:
		elem("mrow", n.Kids...)
	case Ident:
		r := []rune(n.Text)
		switch {
		case len(r) == 1 && plainLetter(r[0]) != r[0] && Styled(plainLetter(r[0]), Italic) == r[0]:
			b.WriteString("<mi>" + esc(string(plainLetter(r[0]))) + "</mi>")
		case len(r) == 1 && r[0] >= 0x1D6E2 && r[0] <= 0x1D71B:
			b.WriteString("<mi>" + esc(string(greekPlain(r[0]))) + "</mi>")
		case len(r) == 1:
			b.WriteString(`<mi mathvariant="normal">` + esc(n.Text) + "</mi>")
		default:
			b.WriteString("<mi>" + esc(n.Text) + "</mi>")
		}
	case Number:
		b.WriteString("<mn>" + esc(n.Text) + "</mn>")
	case Operator:
		if n.Class == Op && isLetters(n.Text) {
			b.WriteString("<mi>" + esc(n.Text) + "</mi><mo>\u2061</mo>")
			return
		}
		attrs := ""
		if Fence(n.Text) && !n.Stretchy {
			attrs += ` stretchy="false"`
		}
		b.WriteString("<mo" + attrs + ">" + esc(n.Text) + "</mo>")
	case TextRun:
		b.WriteString("<mtext>" + esc(n.Text) + "</mtext>")
	case Space:
		fmt.Fprintf(b, `<mspace width="%.3fem"></mspace>`, float64(n.Width)/18)
	case Frac:
		if n.NoRule {
			b.WriteString(`<mfrac linethickness="0">`)
		} else {
			b.WriteString("<mfrac>")
		}
		writeMathML(b, kid(n, 0), d)
		writeMathML(b, kid(n, 1), d)
		b.WriteString("</mfrac>")
	case Sqrt:
		if deg := kid(n, 1); deg != nil {
			elem("mroot", kid(n, 0), deg)
		} else {
			elem("msqrt", kid(n, 0))
		}
	case Scripts, UnderOver:
		base, sub, sup := kid(n, 0), kid(n, 1), kid(n, 2)
		names := [3]string{"msub", "msup", "msubsup"}
		if n.Kind == UnderOver {
			names = [3]string{"munder", "mover", "munderover"}
		}
		name := names[2]
		switch {
		case sup == nil:
			name = names[0]
		case sub == nil:
			name = names[1]
		}
		open := "<" + name
		if n.Accent && sup != nil {
			open += ` accent="true"`
		}
		if n.Accent && sub != nil {
			open += ` accentunder="true"`
		}
		b.WriteString(open + ">")
		if base != nil && base.Kind == Operator && base.Class == Op && isLetters(base.Text) {
			b.WriteString("<mi>" + esc(base.Text) + "</mi>") // a function's name as a base
		} else {
			writeMathML(b, base, d)
		}
		if sub != nil {
			writeMathML(b, sub, d)
		}
		if sup != nil {
			writeMathML(b, sup, d)
		}
		b.WriteString("</" + name + ">")
	case Fenced:
		b.WriteString("<mrow>")
		if n.Open != "" {
			b.WriteString(`<mo fence="true" form="prefix">` + esc(n.Open) + "</mo>")
		}
		for _, k := range n.Kids {
			writeMathML(b, k, d)
		}
		if n.Close != "" {
			b.WriteString(`<mo fence="true" form="postfix">` + esc(n.Close) + "</mo>")
		}
		b.WriteString("</mrow>")
	case Table:
		var aligns []string
		for _, c := range n.Align {
			aligns = append(aligns, map[rune]string{'l': "left", 'c': "center", 'r': "right"}[c])
		}
		open := "<mtable"
		if len(aligns) > 0 {
			open += ` columnalign="` + strings.Join(aligns, " ") + `"`
		}
		if n.Style == StyleDisplay {
			open += ` displaystyle="true"`
		}
		b.WriteString(open + ">")
		for _, row := range n.Rows {
			b.WriteString("<mtr>")
			for _, c := range row {
				elem("mtd", c)
			}
			b.WriteString("</mtr>")
		}
		b.WriteString("</mtable>")
	case Phantom:
		elem("mphantom", kid(n, 0))
	}
}

// greekPlain returns the Greek letter a mathematical italic Greek letter
// is a style of.
func greekPlain(r rune) rune {
	switch {
	case r >= 0x1D6E2 && r <= 0x1D6FA:
		return 0x391 + r - 0x1D6E2
	case r >= 0x1D6FC && r <= 0x1D714:
		return 0x3B1 + r - 0x1D6FC
	}
	return r
}
