package fpdf

// Galley patch 13 (see PATCHES.md): consecutive pieces of text share one
// text object.

import (
	"math"
	"strconv"
)

// textState is the text object open on the page, if any, and the start
// of its current line, in hundredths of a point.
type textState struct {
	open bool
	x, y int
}

// showText shows text (a "(…) Tj" or "[…] TJ" operation) with its origin
// at x, y points in PDF coordinates. Text shown one piece after another,
// with nothing else between, is one text object, each piece moved from
// the one before with a relative Td: fpdf opened and closed a text object
// and gave absolute coordinates for every piece, and a page of words set
// one by one was a third larger for it, deflated.
func (f *Fpdf) showText(x, y float64, op []byte) {
	b := f.appendMove(f.textScratch[:0], x, y)
	b = append(b, op...)
	f.endPiece(b)
}

// appendMove appends to b the move of a piece of text to x, y points in
// PDF coordinates, which opens a text object unless one is open, and
// makes it the text's position: the beginning of a piece that endPiece
// writes (galley patch 61: a piece is made in one buffer and written to
// the page at once, not as its move, its operator and its line's end).
func (f *Fpdf) appendMove(b []byte, x, y float64) []byte {
	X, Y := toHundredths(x), toHundredths(y)
	if f.text.open {
		b = appendHundredths(b, X-f.text.x)
		b = append(b, ' ')
		b = appendHundredths(b, Y-f.text.y)
	} else {
		b = append(b, "BT "...)
		b = appendHundredths(b, X)
		b = append(b, ' ')
		b = appendHundredths(b, Y)
	}
	f.text = textState{open: true, x: X, y: Y}
	return append(b, " Td "...)
}

// endPiece ends the line of the piece of text b, begun by appendMove in
// textScratch, writes it to the page and keeps the buffer for the next.
func (f *Fpdf) endPiece(b []byte) {
	b = append(b, '\n')
	f.pages[f.page].Write(b)
	f.textScratch = b
}

// closeText ends the open text object, before anything else is written
// on the page.
func (f *Fpdf) closeText() {
	if !f.text.open {
		return
	}
	if f.MarkedInText() { // galley patch 32
		f.SetErrorf("fpdf: a text object closed inside the marked content begun in it")
	}
	f.text.open = false
	if f.page < len(f.pages) && f.pages[f.page] != nil {
		f.pages[f.page].WriteString("ET\n")
	}
}

// appendHundredths appends v/100 with at most two decimals and no
// trailing zeros: 12345 is "123.45", 1230 "12.3", -5 "-0.05", 1200 "12"
// (galley patch 16: no string per number).
func appendHundredths(b []byte, v int) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	b = appendWhole(b, v/100)
	if frac := v % 100; frac != 0 {
		b = append(b, '.', byte('0'+frac/10))
		if frac%10 != 0 {
			b = append(b, byte('0'+frac%10))
		}
	}
	return b
}

// appendWhole appends n ≥ 0 in decimal. The whole points of a page's
// coordinates and moves have at most three digits; they are written
// without strconv's general loop (galley patch 54: it was a third of
// showText's instructions).
func appendWhole(b []byte, n int) []byte {
	switch {
	case n < 10:
		return append(b, byte('0'+n))
	case n < 100:
		return append(b, byte('0'+n/10), byte('0'+n%10))
	case n < 1000:
		return append(b, byte('0'+n/100), byte('0'+n/10%10), byte('0'+n%10))
	}
	return strconv.AppendInt(b, int64(n), 10)
}

// appendFixed2 appends v as strconv.AppendFloat(b, v, 'f', 2, 64) does,
// from v·100 rounded as toHundredths reads it, unless that is near a tie
// or the result is a negative zero ("-0.00"), which strconv writes
// (galley patch 56: fpdf's paths and rules give every coordinate so, and
// strconv's fixed-point formatting was most of their cost).
func appendFixed2(b []byte, v float64) []byte {
	if x := v * 100; x > -1e12 && x < 1e12 {
		r := math.RoundToEven(x) // as toHundredths (galley patch 65)
		if d := math.Abs(x - r); d < 0.5-1e-6 && (r != 0 || !math.Signbit(v)) {
			n := int(r)
			if n < 0 {
				b = append(b, '-')
				n = -n
			}
			b = appendWhole(b, n/100)
			return append(b, '.', byte('0'+n%100/10), byte('0'+n%10))
		}
	}
	return strconv.AppendFloat(b, v, 'f', 2, 64)
}

// toHundredths is v in hundredths, rounded as fpdf's %.2f rounds it, so
// that every piece lands where fpdf put it: the digits of %.2f without
// its point (galley patch 16: read from a buffer on the stack, not
// through strings).
func toHundredths(v float64) int {
	// v·100 is within 2⁻⁵² of its size of the exact value: unless that is
	// near a tie, it rounds as %.2f rounds v (and galley's coordinates,
	// multiples of 1/64 point, are exact), and math.RoundToEven rounds it
	// as math.Round does, in one instruction on most machines where
	// math.Round takes thirty (galley patch 65); near a tie, v is read
	// from %.2f's digits
	if x := v * 100; x > -1e12 && x < 1e12 {
		r := math.RoundToEven(x)
		if d := math.Abs(x - r); d < 0.5-1e-6 {
			return int(r)
		}
	}
	var buf [40]byte
	s := strconv.AppendFloat(buf[:0], v, 'f', 2, 64)
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	n, digits := 0, 0
	for _, c := range s {
		switch {
		case c == '.':
		case c >= '0' && c <= '9' && digits < 18:
			n = n*10 + int(c-'0')
			digits++
		default: // NaN, ±Inf or out of range: fpdf wrote them as such; nothing is shown
			return 0
		}
	}
	if neg {
		n = -n
	}
	return n
}

// fontResName is the resource name of the font with identifier id (galley
// patch 14): F and the first 10 digits of the identifier. fpdf wrote F and
// all of it, 40 hexadecimal digits for a UTF-8 font, in every Tf of every
// page. The name depends on the identifier alone, so that a template,
// whose content another Fpdf writes, names its fonts as its document does.
func fontResName(id string) string {
	if len(id) > 10 {
		id = id[:10]
	}
	return "F" + id
}
