package parse

import (
	"bytes"
	"html"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/galleyprint/galley/formula"
)

// mathNode is TeX math in a Markdown post: $…$ or \(…\) inline, $$…$$ or
// \[…\] displayed.
type mathNode struct {
	ast.BaseInline
	tex     string
	display bool
	f       *formula.Formula // read, or nil when it does not read
}

// kindMath is mathNode's kind.
var kindMath = ast.NewNodeKind("Math")

func (n *mathNode) Kind() ast.NodeKind { return kindMath }

func (n *mathNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"TeX": n.tex}, nil)
}

// mathParser reads TeX math in Markdown text. Code spans and code blocks
// are never looked into (goldmark reads them first). A single dollar is
// math only as Pandoc has it: an opening $ with a non-space after it, a
// closing $ with a non-space before it and no digit after it, on the
// same line; and besides, neither dollar touching a letter or digit
// outside ("^CI$', '^USER$" is a list of patterns) and TeX that reads
// ("$5 and $10" is money).
type mathParser struct{}

func (mathParser) Trigger() []byte { return []byte{'$', '\\'} }

func (mathParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, _ := block.PeekLine()
	var open, closer string
	display := true
	switch {
	case bytes.HasPrefix(line, []byte("$$")):
		open, closer = "$$", "$$"
	case bytes.HasPrefix(line, []byte(`\[`)):
		open, closer = `\[`, `\]`
	case bytes.HasPrefix(line, []byte(`\(`)):
		open, closer, display = `\(`, `\)`, false
	case bytes.HasPrefix(line, []byte("$")):
		open, closer, display = "$", "$", false
	default:
		return nil
	}
	if open == "$" && (len(line) < 2 || line[1] == ' ' || line[1] == '\t' || line[1] == '\n' || wordChar(block.PrecendingCharacter())) {
		return nil // "$ x" and "CI$" open no formula
	}
	tex, ok := readUntil(block, len(open), closer, open == "$")
	if !ok || !mathLike(tex) {
		return nil
	}
	f, err := formula.ParseTeX(strings.TrimSpace(tex), display)
	if err != nil {
		if open == "$" {
			return nil // a single dollar is math only when it reads
		}
		f = nil
	}
	return &mathNode{tex: tex, display: display, f: f}
}

// readUntil reads from skip bytes into the current line to closer, over
// the lines of the paragraph, and advances past it. single asks for
// Pandoc's rules for a closing single dollar; a $ escaped with a
// backslash never closes.
func readUntil(block text.Reader, skip int, closer string, single bool) (string, bool) {
	var buf []byte
	first := true
	for lines := 0; lines < 200; lines++ {
		line, _ := block.PeekLine()
		if line == nil {
			return "", false
		}
		from := 0
		if first {
			from = skip
		}
		for i := from; i+len(closer) <= len(line); i++ {
			if line[i] == '\\' && closer == "$" {
				i++ // \$ is a dollar sign
				continue
			}
			if !bytes.HasPrefix(line[i:], []byte(closer)) {
				continue
			}
			if single {
				if i == from || line[i-1] == ' ' || line[i-1] == '\t' || i+1 < len(line) && wordChar(rune(line[i+1])) {
					continue
				}
				if i+1 < len(line) && line[i+1] == '$' {
					return "", false
				}
			}
			buf = append(buf, line[from:i]...)
			block.Advance(i + len(closer))
			return string(buf), true
		}
		if single {
			return "", false // $…$ stays on one line
		}
		buf = append(buf, line[from:]...)
		block.AdvanceLine()
		first = false
	}
	return "", false
}

// mathRenderer renders mathNode as the <math> element markMath makes, for
// posts whose paragraphs go through the HTML converter (raw HTML in them).
type mathRenderer struct{}

func (mathRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindMath, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		m := n.(*mathNode)
		disp := ""
		if m.display {
			disp = ` display="block"`
		}
		_, _ = w.WriteString(`<math` + disp + `><semantics><annotation encoding="application/x-tex">` +
			html.EscapeString(m.tex) + `</annotation></semantics></math>`)
		return ast.WalkSkipChildren, nil
	})
}

// mathBlock reads a ```math fence as a display formula.
func (m *mdConverter) mathBlock(n ast.Node, b *blockBuilder) {
	var s bytes.Buffer
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		s.Write(seg.Value(m.src))
	}
	m.c.texMath(s.String(), true, nil, b, inlineStyle{})
}

// wordChar reports letters and digits.
func wordChar(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
