package pdftext

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
)

// Unescape resolves the escape sequences of the bytes between the outer
// parentheses of a PDF literal string (ISO 32000-1, 7.3.4.2): \n \r \t \b
// \f \( \) \\, octal \d, \dd and \ddd (high-order overflow ignored), a
// backslash before an end of line (a line continuation, dropped), and an
// unescaped end of line (CR, LF or CR LF), which reads as one LF. A
// backslash before any other byte is ignored.
func Unescape(raw []byte) []byte {
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '\r':
			out = append(out, '\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
			continue
		case c != '\\':
			out = append(out, c)
			continue
		}
		i++
		if i == len(raw) {
			break // a lone trailing backslash
		}
		c = raw[i]
		switch c {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case '\r':
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
		case '\n':
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := int(c - '0')
			for k := 0; k < 2 && i+1 < len(raw) && raw[i+1] >= '0' && raw[i+1] <= '7'; k++ {
				i++
				v = v*8 + int(raw[i]-'0')
			}
			out = append(out, byte(v))
		default: // \( \) \\ and unknown escapes: the byte itself
			out = append(out, c)
		}
	}
	return out
}

// ErrOddLength is returned by UTF16BE for input of odd length.
var ErrOddLength = errors.New("UTF-16BE text of odd length")

// UTF16BE decodes big-endian UTF-16 (without a byte order mark) to a Go
// string. Surrogate pairs are combined; unpaired surrogates become U+FFFD.
func UTF16BE(b []byte) (string, error) {
	if len(b)%2 != 0 {
		return "", fmt.Errorf("%w: %d bytes", ErrOddLength, len(b))
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u)), nil
}

// cmap is a parsed ToUnicode CMap: code space ranges, single mappings
// (bfchar) and range mappings (bfrange).
type cmap struct {
	spaces []codeSpace
	chars  map[string]string
	ranges []bfRange
}

type codeSpace struct{ lo, hi []byte }

type bfRange struct {
	lo, hi uint32
	n      int      // code length in bytes
	dst    []uint16 // destination of lo as UTF-16 code units; the last one counts up
	arr    []string // or one destination per code
}

// parseCMap parses the parts of a ToUnicode CMap that map codes to text.
func parseCMap(data []byte) (*cmap, error) {
	cm := &cmap{chars: map[string]string{}}
	lx := &lexer{buf: data}
	var ops []token
	for {
		t, err := lx.next()
		if err != nil {
			return nil, fmt.Errorf("ToUnicode CMap: %w", err)
		}
		if t.kind == tokEOF {
			break
		}
		if t.kind != tokOp {
			ops = append(ops, t)
			continue
		}
		switch t.s {
		case "endcodespacerange":
			for i := 0; i+1 < len(ops); i += 2 {
				if ops[i].kind == tokString && ops[i+1].kind == tokString && len(ops[i].b) == len(ops[i+1].b) && len(ops[i].b) > 0 {
					cm.spaces = append(cm.spaces, codeSpace{ops[i].b, ops[i+1].b})
				}
			}
		case "endbfchar":
			for i := 0; i+1 < len(ops); i += 2 {
				if ops[i].kind == tokString && ops[i+1].kind == tokString {
					s, err := UTF16BE(ops[i+1].b)
					if err != nil {
						return nil, fmt.Errorf("ToUnicode CMap bfchar: %w", err)
					}
					cm.chars[string(ops[i].b)] = s
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(ops); i += 3 {
				lo, hi, dst := ops[i], ops[i+1], ops[i+2]
				if lo.kind != tokString || hi.kind != tokString || len(lo.b) != len(hi.b) || len(lo.b) == 0 || len(lo.b) > 4 {
					return nil, fmt.Errorf("ToUnicode CMap: malformed bfrange")
				}
				r := bfRange{lo: be(lo.b), hi: be(hi.b), n: len(lo.b)}
				switch dst.kind {
				case tokString:
					if len(dst.b) == 0 || len(dst.b)%2 != 0 {
						return nil, fmt.Errorf("ToUnicode CMap: bfrange destination of %d bytes", len(dst.b))
					}
					for k := 0; k < len(dst.b); k += 2 {
						r.dst = append(r.dst, uint16(dst.b[k])<<8|uint16(dst.b[k+1]))
					}
				case tokArray:
					for _, e := range dst.arr {
						s, err := UTF16BE(e.b)
						if err != nil {
							return nil, fmt.Errorf("ToUnicode CMap bfrange: %w", err)
						}
						r.arr = append(r.arr, s)
					}
				default:
					return nil, fmt.Errorf("ToUnicode CMap: malformed bfrange destination")
				}
				cm.ranges = append(cm.ranges, r)
			}
		}
		ops = ops[:0]
	}
	return cm, nil
}

func be(b []byte) uint32 {
	var v uint32
	for _, c := range b {
		v = v<<8 | uint32(c)
	}
	return v
}

// codeLen returns the length of the code at the start of b: the shortest
// code space range that matches, else the shortest range's length.
func (cm *cmap) codeLen(b []byte) int {
	best, shortest := 0, 0
	for _, sp := range cm.spaces {
		n := len(sp.lo)
		if shortest == 0 || n < shortest {
			shortest = n
		}
		if n > len(b) || (best != 0 && n >= best) {
			continue
		}
		ok := true
		for k := 0; k < n; k++ {
			if b[k] < sp.lo[k] || b[k] > sp.hi[k] {
				ok = false
				break
			}
		}
		if ok {
			best = n
		}
	}
	switch {
	case best > 0:
		return best
	case shortest > 0:
		return min(shortest, len(b))
	}
	return 1
}

// decode maps the bytes of a shown string to text; unmapped codes become
// U+FFFD.
func (cm *cmap) decode(b []byte) string {
	var sb strings.Builder
	for len(b) > 0 {
		n := cm.codeLen(b)
		code := b[:n]
		b = b[n:]
		if s, ok := cm.chars[string(code)]; ok {
			sb.WriteString(s)
			continue
		}
		sb.WriteString(cm.lookupRange(code))
	}
	return sb.String()
}

func (cm *cmap) lookupRange(code []byte) string {
	v := be(code)
	for _, r := range cm.ranges {
		if r.n != len(code) || v < r.lo || v > r.hi {
			continue
		}
		off := v - r.lo
		if r.arr != nil {
			if int(off) < len(r.arr) {
				return r.arr[off]
			}
			break
		}
		u := append([]uint16(nil), r.dst...)
		last := uint32(u[len(u)-1]) + off
		if last > 0xFFFF {
			break
		}
		u[len(u)-1] = uint16(last)
		return string(utf16.Decode(u))
	}
	return "\uFFFD"
}

// identityH decodes 2-byte codes as UTF-16BE code units: the encoding of a
// Type0 font without a ToUnicode CMap whose CIDs are Unicode, as fpdf's
// UTF-8 fonts are.
type identityH struct{}

func (identityH) decode(b []byte) string {
	if len(b)%2 != 0 {
		b = append(b[:len(b):len(b)], 0)
	}
	s, _ := UTF16BE(b)
	return s
}

// latin1 decodes one byte per character, an approximation of the simple
// fonts' standard encodings that is exact for ASCII.
type latin1 struct{}

func (latin1) decode(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}
