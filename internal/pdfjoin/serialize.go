package pdfjoin

import (
	"bytes"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// appendObject appends the PDF syntax of o (a direct object whose indirect
// references are already book references) to b. Dictionary keys are
// written sorted, so that output does not depend on map order; names,
// strings and references are written with pdfcpu's serialisation, numbers
// in their shortest exact form.
func appendObject(b *bytes.Buffer, o types.Object) error {
	switch v := o.(type) {
	case nil:
		b.WriteString("null")
	case types.Dict:
		b.WriteString("<<")
		for _, k := range slices.Sorted(maps.Keys(v)) {
			b.WriteString(types.Name(k).PDFString())
			b.WriteByte(' ')
			if err := appendObject(b, v[k]); err != nil {
				return fmt.Errorf("/%s: %w", k, err)
			}
		}
		b.WriteString(">>")
	case types.Array:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(' ')
			}
			if err := appendObject(b, e); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case types.Float:
		f := float64(v)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Errorf("number %v cannot be written", f)
		}
		b.WriteString(formatNumber(f))
	case types.Integer, types.Boolean, types.Name, types.StringLiteral, types.HexLiteral, types.IndirectRef:
		b.WriteString(v.PDFString())
	default:
		return fmt.Errorf("unexpected %T object", o)
	}
	return nil
}

// formatNumber writes f in its shortest exact form, without an exponent.
func formatNumber(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

// num is a computed coordinate, rounded to 1/10000 point.
func num(f float64) types.Float { return types.Float(math.Round(f*1e4) / 1e4) }

func ref(n int) types.IndirectRef { return *types.NewIndirectRef(n, 0) }

// rectArray is a rectangle as written: llx lly urx ury.
func rectArray(r [4]float64) types.Array {
	return types.Array{num(r[0]), num(r[1]), num(r[2]), num(r[3])}
}

// textString encodes s as a PDF text string: a literal when it is
// printable ASCII, UTF-16BE with a byte order mark in hex otherwise.
func textString(s string) types.Object {
	s = strings.ToValidUTF8(s, "\uFFFD")
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
		return types.StringLiteral(r.Replace(s))
	}
	units := utf16.Encode([]rune(s))
	buf := make([]byte, 2, 2+2*len(units))
	buf[0], buf[1] = 0xfe, 0xff
	for _, u := range units {
		buf = append(buf, byte(u>>8), byte(u))
	}
	return types.NewHexLiteral(buf)
}

// fixedDate is the date of books that give none, so that output never
// depends on the clock (as package pdf does).
var fixedDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// pdfDate formats t in UTC as a PDF date.
func pdfDate(t time.Time) types.StringLiteral {
	t = t.UTC()
	if t.IsZero() || t.Year() < 1 || t.Year() > 9999 {
		t = fixedDate
	}
	return types.StringLiteral(t.Format("D:20060102150405Z00'00'"))
}

// isLanguageTag accepts BCP 47-shaped tags ("en", "pt-BR", "zh-Hant-TW").
func isLanguageTag(s string) bool {
	if s == "" || len(s) > 35 {
		return false
	}
	for i, part := range strings.Split(s, "-") {
		if part == "" || len(part) > 8 || (i == 0 && len(part) < 2) {
			return false
		}
		for _, r := range part {
			letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
			if !(letter || i > 0 && r >= '0' && r <= '9') {
				return false
			}
		}
	}
	return true
}
