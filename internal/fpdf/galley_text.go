package fpdf

// Galley patch 13 (see PATCHES.md): consecutive pieces of text share one
// text object.

import (
	"strconv"
	"strings"
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
func (f *Fpdf) showText(x, y float64, text string) {
	X, Y := toHundredths(x), toHundredths(y)
	page := f.pages[f.page]
	if f.text.open {
		page.WriteString(hundredths(X - f.text.x))
		page.WriteByte(' ')
		page.WriteString(hundredths(Y - f.text.y))
	} else {
		page.WriteString("BT ")
		page.WriteString(hundredths(X))
		page.WriteByte(' ')
		page.WriteString(hundredths(Y))
	}
	page.WriteString(" Td ")
	page.WriteString(text)
	page.WriteByte('\n')
	f.text = textState{open: true, x: X, y: Y}
}

// closeText ends the open text object, before anything else is written
// on the page.
func (f *Fpdf) closeText() {
	if !f.text.open {
		return
	}
	f.text.open = false
	if f.page < len(f.pages) && f.pages[f.page] != nil {
		f.pages[f.page].WriteString("ET\n")
	}
}

// hundredths formats v/100 with at most two decimals and no trailing
// zeros: 12345 is "123.45", 1230 "12.3", -5 "-0.05", 1200 "12".
func hundredths(v int) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := strconv.Itoa(v / 100)
	if frac := v % 100; frac != 0 {
		d := strconv.Itoa(frac + 100)[1:] // two digits
		if d[1] == '0' {
			d = d[:1]
		}
		s += "." + d
	}
	if neg {
		s = "-" + s
	}
	return s
}

// toHundredths is v in hundredths, rounded as fpdf's %.2f rounds it, so
// that every piece lands where fpdf put it.
func toHundredths(v float64) int {
	n, err := strconv.Atoi(strings.Replace(strconv.FormatFloat(v, 'f', 2, 64), ".", "", 1))
	if err != nil { // NaN or ±Inf: fpdf wrote them as such; nothing is shown
		return 0
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
