package pdftext

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
)

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokNumber
	tokString // literal or hexadecimal, decoded to bytes
	tokName
	tokOp
	tokArray // [ … ], elements in arr
	tokDict  // << … >>, skipped
)

type token struct {
	kind tokKind
	num  float64
	b    []byte  // tokString
	s    string  // tokName (without slash), tokOp
	arr  []token // tokArray
}

// lexer splits content streams and CMaps into tokens (ISO 32000-1, 7.2).
type lexer struct {
	buf []byte
	pos int
}

func isSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

func (lx *lexer) skipSpace() {
	for lx.pos < len(lx.buf) {
		c := lx.buf[lx.pos]
		if c == '%' {
			for lx.pos < len(lx.buf) && lx.buf[lx.pos] != '\n' && lx.buf[lx.pos] != '\r' {
				lx.pos++
			}
			continue
		}
		if !isSpace(c) {
			return
		}
		lx.pos++
	}
}

func (lx *lexer) regular() string {
	start := lx.pos
	for lx.pos < len(lx.buf) && !isSpace(lx.buf[lx.pos]) && !isDelim(lx.buf[lx.pos]) {
		lx.pos++
	}
	return string(lx.buf[start:lx.pos])
}

var errClose = errors.New("unbalanced closing delimiter")

// next returns the next token; arrays come whole.
func (lx *lexer) next() (token, error) {
	lx.skipSpace()
	if lx.pos >= len(lx.buf) {
		return token{kind: tokEOF}, nil
	}
	c := lx.buf[lx.pos]
	switch c {
	case '(':
		return lx.literal()
	case '<':
		if lx.pos+1 < len(lx.buf) && lx.buf[lx.pos+1] == '<' {
			lx.pos += 2
			return lx.dict()
		}
		return lx.hexString()
	case '[':
		lx.pos++
		var arr []token
		for {
			t, err := lx.next()
			if errors.Is(err, errClose) && lx.buf[lx.pos-1] == ']' {
				return token{kind: tokArray, arr: arr}, nil
			}
			if err != nil {
				return t, err
			}
			if t.kind == tokEOF {
				return t, fmt.Errorf("unterminated array")
			}
			arr = append(arr, t)
		}
	case ']', '>', ')', '}':
		lx.pos++
		if c == '>' && lx.pos < len(lx.buf) && lx.buf[lx.pos] == '>' {
			lx.pos++
		}
		return token{}, fmt.Errorf("%w %q at byte %d", errClose, c, lx.pos-1)
	case '{':
		lx.pos++
		return token{kind: tokOp, s: "{"}, nil
	case '/':
		lx.pos++
		return token{kind: tokName, s: unhashName(lx.regular())}, nil
	}
	word := lx.regular()
	if word == "" { // a delimiter we do not handle
		lx.pos++
		return token{kind: tokOp, s: string(c)}, nil
	}
	if c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9') {
		if v, err := strconv.ParseFloat(word, 64); err == nil {
			return token{kind: tokNumber, num: v}, nil
		}
	}
	return token{kind: tokOp, s: word}, nil
}

func (lx *lexer) literal() (token, error) {
	start := lx.pos + 1
	depth := 0
	for i := start - 1; i < len(lx.buf); i++ {
		switch lx.buf[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				lx.pos = i + 1
				return token{kind: tokString, b: Unescape(lx.buf[start:i])}, nil
			}
		}
	}
	return token{}, fmt.Errorf("unterminated string at byte %d", start-1)
}

func (lx *lexer) hexString() (token, error) {
	end := bytes.IndexByte(lx.buf[lx.pos:], '>')
	if end < 0 {
		return token{}, fmt.Errorf("unterminated hex string at byte %d", lx.pos)
	}
	digits := make([]byte, 0, end)
	for _, c := range lx.buf[lx.pos+1 : lx.pos+end] {
		if !isSpace(c) {
			digits = append(digits, c)
		}
	}
	lx.pos += end + 1
	if len(digits)%2 != 0 {
		digits = append(digits, '0')
	}
	b := make([]byte, len(digits)/2)
	if _, err := hex.Decode(b, digits); err != nil {
		return token{}, fmt.Errorf("hex string: %w", err)
	}
	return token{kind: tokString, b: b}, nil
}

func (lx *lexer) dict() (token, error) {
	for {
		t, err := lx.next()
		if errors.Is(err, errClose) && bytes.HasSuffix(lx.buf[:lx.pos], []byte(">>")) {
			return token{kind: tokDict}, nil
		}
		if err != nil {
			return t, err
		}
		if t.kind == tokEOF {
			return t, fmt.Errorf("unterminated dictionary")
		}
	}
}

// skipInlineImage skips the data of an inline image after its ID operator,
// up to and including EI.
func (lx *lexer) skipInlineImage() error {
	lx.pos++ // the single white-space character after ID
	for i := lx.pos; i+2 <= len(lx.buf); i++ {
		if lx.buf[i] == 'E' && lx.buf[i+1] == 'I' && i > 0 && isSpace(lx.buf[i-1]) &&
			(i+2 == len(lx.buf) || isSpace(lx.buf[i+2])) {
			lx.pos = i + 2
			return nil
		}
	}
	return fmt.Errorf("inline image without EI")
}

func unhashName(s string) string {
	if !bytes.ContainsRune([]byte(s), '#') {
		return s
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b = append(b, byte(v))
				i += 2
				continue
			}
		}
		b = append(b, s[i])
	}
	return string(b)
}

// matrix is a PDF transformation matrix [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m, then n).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

// decoder maps the bytes of a shown string to text.
type decoder interface{ decode([]byte) string }

// interpret runs a content stream and returns its text-showing operations
// and the names of the XObjects it paints. fontFor resolves a font resource
// name; it is called once per name.
func interpret(content []byte, fontFor func(name string) (decoder, string, error)) (words []Word, xobjects []string, err error) {
	type gstate struct {
		ctm  matrix
		font string
		size float64
		tl   float64
		rise float64
	}
	var (
		gs     = gstate{ctm: identity}
		stack  []gstate
		tm     = identity
		tlm    = identity
		ops    []token
		lx     = &lexer{buf: content}
		fonts  = map[string]decoder{}
		bases  = map[string]string{}
		inText bool
	)
	num := func(i int) float64 {
		if i < len(ops) && ops[i].kind == tokNumber {
			return ops[i].num
		}
		return 0
	}
	nums := func(n int) (matrix, bool) {
		var m matrix
		if len(ops) < n {
			return m, false
		}
		for i := range n {
			m[i] = num(len(ops) - n + i)
		}
		return m, true
	}
	show := func(b []byte) error {
		if !inText {
			return fmt.Errorf("text shown outside BT/ET")
		}
		dec, ok := fonts[gs.font]
		if !ok {
			d, base, err := fontFor(gs.font)
			if err != nil {
				return err
			}
			fonts[gs.font], bases[gs.font], dec = d, base, d
		}
		x, y := tm.mul(gs.ctm).apply(0, gs.rise)
		words = append(words, Word{Text: dec.decode(b), X: x, Y: y, Font: bases[gs.font], Size: gs.size})
		return nil
	}
	moveLine := func(tx, ty float64) {
		tlm = matrix{1, 0, 0, 1, tx, ty}.mul(tlm)
		tm = tlm
	}
	for {
		t, err := lx.next()
		if err != nil {
			return nil, nil, err
		}
		if t.kind == tokEOF {
			return words, xobjects, nil
		}
		if t.kind != tokOp {
			ops = append(ops, t)
			continue
		}
		switch t.s {
		case "q":
			stack = append(stack, gs)
		case "Q":
			if len(stack) > 0 {
				gs, stack = stack[len(stack)-1], stack[:len(stack)-1]
			}
		case "cm":
			if m, ok := nums(6); ok {
				gs.ctm = m.mul(gs.ctm)
			}
		case "BT":
			inText, tm, tlm = true, identity, identity
		case "ET":
			inText = false
		case "Tf":
			if len(ops) >= 2 && ops[len(ops)-2].kind == tokName {
				gs.font, gs.size = ops[len(ops)-2].s, num(len(ops)-1)
			}
		case "TL":
			gs.tl = num(len(ops) - 1)
		case "Ts":
			gs.rise = num(len(ops) - 1)
		case "Td", "TD":
			if m, ok := nums(2); ok {
				moveLine(m[0], m[1])
				if t.s == "TD" {
					gs.tl = -m[1]
				}
			}
		case "Tm":
			if m, ok := nums(6); ok {
				tm, tlm = m, m
			}
		case "T*":
			moveLine(0, -gs.tl)
		case "Tj", "'", `"`:
			if t.s != "Tj" {
				moveLine(0, -gs.tl)
			}
			if len(ops) > 0 && ops[len(ops)-1].kind == tokString {
				if err := show(ops[len(ops)-1].b); err != nil {
					return nil, nil, err
				}
			}
		case "TJ":
			if len(ops) > 0 && ops[len(ops)-1].kind == tokArray {
				var b []byte
				for _, e := range ops[len(ops)-1].arr {
					if e.kind == tokString {
						b = append(b, e.b...)
					}
				}
				if err := show(b); err != nil {
					return nil, nil, err
				}
			}
		case "ID":
			if err := lx.skipInlineImage(); err != nil {
				return nil, nil, err
			}
		case "Do":
			if len(ops) > 0 && ops[len(ops)-1].kind == tokName {
				xobjects = append(xobjects, ops[len(ops)-1].s)
			}
		}
		ops = ops[:0]
	}
}
