package article

import "github.com/galleyprint/galley/formula"

// KindMath is a formula displayed on its own line (a display equation).
// Its Block has Math; inline formulas are Inline runs with Math.
const KindMath BlockKind = "math"

// Math is a formula as its source wrote it, and its tree once read. In
// JSON it is its source: {"tex": "E = mc^2"} or {"mathml": "<math>…</math>"};
// the reader that decodes an article reads the tree from it. A formula
// whose tree is nil could not be read: it prints its source in the code
// face.
type Math struct {
	// TeX is the formula's TeX source, when it has one: the formula as
	// written in TeX, or a MathML formula's TeX annotation or alt text.
	TeX string `json:"tex,omitempty"`
	// MathML is the formula's presentation MathML, when it came as MathML.
	MathML string `json:"mathml,omitempty"`
	// Tag is the equation number of a display formula (\tag, <mlabeledtr>),
	// printed at the right margin in parentheses.
	Tag string `json:"tag,omitempty"`
	// Formula is the formula read from its source, nil when it could not be.
	Formula *formula.Formula `json:"-"`
}

// Source returns the formula's source for alternate text: its TeX, else
// its MathML.
func (m *Math) Source() string {
	if m.TeX != "" {
		return m.TeX
	}
	return m.MathML
}

// Linear returns the formula as linear text (formula.Linear), or its
// source when it has no tree.
func (m *Math) Linear() string {
	if m == nil {
		return ""
	}
	if m.Formula != nil && m.Formula.Root != nil {
		return formula.Linear(m.Formula.Root)
	}
	return m.Source()
}
