package formula

import "strings"

// OperatorClass returns the class an operator's text has when its source
// says nothing else: relations, binary operators, fences, punctuation and
// large operators by their character (as MathML's operator dictionary
// and TeX's \mathcode do); words (sin, lim) are Op; the rest Ord.
func OperatorClass(text string) Class {
	r := []rune(text)
	if len(r) != 1 {
		if len(r) > 1 && isLetters(text) {
			return Op
		}
		switch text {
		case ":=", "≔", "==", "!=", "<=", ">=", "->", "=>", "<-", "<->", "::":
			return Rel
		}
		return Ord
	}
	c := r[0]
	switch {
	case strings.ContainsRune("+-−±∓×÷·∗∘∙∪∩∧∨⊕⊖⊗⊘⊙⋅⋆∖⊎⊓⊔△▽◃▹⋄†‡≀⨿⊞⊠⋉⋊⋋⋌⊼⊻", c):
		return Bin
	case strings.ContainsRune("=<>≤≥≠≈≡∼≃≅≆≇∝∈∉∋∌⊂⊃⊆⊇⊊⊋⊄⊅→←↔⇒⇐⇔⟶⟵⟷⟹⟸⟺↦⟼↪↩↑↓↕⇑⇓⇕↗↘↙↖⇀⇁↽↼⇌⇋∣∥⊥≪≫≺≻⪯⪰≼≽⊢⊣⊨⊩≍≐≑≒≓≖≗≜≝≞≟≔≕∷∶⊏⊐⊑⊒⋈≲≳≶≷⊲⊳⊴⊵∽⋍≊⋐⋑⋘⋙⟂⊸≬⪅⪆⩽⩾⇢⇠⇝⇜↠↞↣↢⇄⇆↻↺⇉⇇≎⩵⩶", c):
		return Rel
	case c == ':':
		return Rel
	case strings.ContainsRune("([{⟨⌊⌈⟦⟪⦃⦇⦉〈", c):
		return Open
	case strings.ContainsRune(")]}⟩⌋⌉⟧⟫⦄⦈⦊〉!", c):
		return Close
	case c == ',' || c == ';':
		return Punct
	case strings.ContainsRune("∑∏∐∫∬∭∮∯∰∱∲∳⨌⋀⋁⋂⋃⨀⨁⨂⨄⨆", c):
		return Op
	}
	return Ord
}

// LargeOperator reports operators set larger in display style.
func LargeOperator(text string) bool {
	return text != "" && strings.ContainsRune("∑∏∐∫∬∭∮∯∰∱∲∳⨌⋀⋁⋂⋃⨀⨁⨂⨄⨆", []rune(text)[0]) && len([]rune(text)) == 1
}

// Integral reports the integral signs, which take their limits at the
// side even in display style.
func Integral(text string) bool {
	return text != "" && strings.ContainsRune("∫∬∭∮∯∰∱∲∳⨌", []rune(text)[0])
}

// Fence reports the characters that stretch as delimiters.
func Fence(text string) bool {
	return len([]rune(text)) == 1 && strings.ContainsRune("()[]{}⟨⟩⌊⌋⌈⌉|‖∥⟦⟧/\\↑↓↕⇑⇓⇕", []rune(text)[0])
}

func isLetters(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return s != ""
}

// NewOperator returns an operator node with the class and flags its text implies.
func NewOperator(text string) *Node {
	cl := OperatorClass(text)
	return &Node{Kind: Operator, Text: text, Class: cl, Large: LargeOperator(text),
		Limits: LargeOperator(text) && !Integral(text), Stretchy: Fence(text)}
}

// AtomClass returns the class of n as an atom of a row: an operator's
// own, a script's or limit's base's, Inner for fractions and fenced
// groups, Ord for the rest.
func AtomClass(n *Node) Class {
	for d := 0; n != nil && d < MaxDepth; d++ {
		switch n.Kind {
		case Operator:
			return n.Class
		case Scripts, UnderOver:
			if n.Accent {
				return Ord
			}
			n = kid(n, 0)
			continue
		case Frac, Fenced:
			return Inner
		case Row:
			if len(n.Kids) == 1 {
				n = n.Kids[0]
				continue
			}
		}
		return Ord
	}
	return Ord
}

// Classes returns the classes of a row's atoms by TeX's rules: a binary
// operator with nothing to its left to operate on (at the start, after
// another operator, a relation, an opening fence or punctuation), or
// before a relation, a closing fence or punctuation, is an ordinary
// atom (the unary minus in −b). Spaces get class Ord and are skipped
// when judging their neighbours.
func Classes(kids []*Node) []Class {
	out := make([]Class, len(kids))
	prev := -1
	for i, k := range kids {
		c := AtomClass(k)
		out[i] = c
		if k != nil && k.Kind == Space {
			continue
		}
		if c == Bin && (prev < 0 || out[prev] == Bin || out[prev] == Op || out[prev] == Rel || out[prev] == Open || out[prev] == Punct) {
			out[i] = Ord
		}
		if prev >= 0 && out[prev] == Bin && (c == Rel || c == Close || c == Punct) {
			out[prev] = Ord
		}
		prev = i
	}
	if prev >= 0 && out[prev] == Bin {
		out[prev] = Ord
	}
	return out
}
