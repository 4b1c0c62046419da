package fpdf

// Galley patch 32 (see PATCHES.md): marked content, fonts and fill
// colours inside text objects.

import "strconv"

// BeginText opens a text object, if none is open, for the text shown
// next: marked content begun after it (BeginMarkedContent) then lies
// inside it, and the text of several marked-content sequences (a table
// row's cells, a line's words in two elements) shares one text object,
// as it does with no marked content at all.
func (f *Fpdf) BeginText() {
	if f.state != 2 || f.text.open {
		return
	}
	f.pages[f.page].WriteString("BT\n")
	f.text = textState{open: true}
}

// EndText closes the open text object, if any. Marked content begun
// inside it must have ended (EndMarkedContent) before.
func (f *Fpdf) EndText() {
	if f.state == 2 {
		f.closeText()
	}
}

// BeginMarkedContent begins a marked-content sequence with op, a BMC or
// BDC operation ("/P <</MCID 3>> BDC"): inside the open text object if
// there is one, else outside any. A sequence begun inside a text object
// ends inside it (PDF 32000-1 14.6), so nothing may close that text
// object before its EndMarkedContent but text, fonts, fill colours and
// marked content: anything else written first is an error of the
// document.
func (f *Fpdf) BeginMarkedContent(op string) {
	if f.state != 2 {
		return
	}
	inText := f.text.open
	if inText {
		f.inText(op)
	} else {
		f.out(op)
	}
	f.marks = append(f.marks, inText)
}

// BeginMarkedContentID is BeginMarkedContent of "/tag <</MCID mcid>> BDC",
// the content of a structure element, made in the buffer reused for
// text (galley patch 62: a tagged page begins one for nearly every piece
// of text, and its operator was a string made for each).
func (f *Fpdf) BeginMarkedContentID(tag string, mcid int) {
	if f.state != 2 {
		return
	}
	b := append(f.textScratch[:0], '/')
	b = append(b, tag...)
	b = append(b, " <</MCID "...)
	b = strconv.AppendInt(b, int64(mcid), 10)
	b = append(b, ">> BDC\n"...)
	// the open text object, if any, stays open: it holds the sequence
	f.pages[f.page].Write(b)
	f.textScratch = b
	f.marks = append(f.marks, f.text.open)
}

// EndMarkedContent ends the marked-content sequence begun last: inside
// the text object it was begun in, or, for one begun outside text
// objects, after closing the open one.
func (f *Fpdf) EndMarkedContent() {
	if f.state != 2 {
		return
	}
	n := len(f.marks)
	if n == 0 {
		f.SetErrorf("fpdf: EMC with no marked content open")
		return
	}
	inText := f.marks[n-1]
	f.marks = f.marks[:n-1]
	if inText {
		f.inText("EMC")
	} else {
		f.out("EMC")
	}
}

// inText writes op as a line inside the open text object.
func (f *Fpdf) inText(op string) {
	page := f.pages[f.page]
	page.WriteString(op)
	page.WriteByte('\n')
}

// MarkedInText reports whether marked content begun inside the open
// text object is still open: what may be written before it ends is
// text, fonts, fill colours and marked content only.
func (f *Fpdf) MarkedInText() bool {
	n := len(f.marks)
	return n > 0 && f.marks[n-1]
}

// setTextFont writes the current font and size: inside the open text
// object (Tf is a text state operator), or in a text object of its own
// (galley patch 14).
func (f *Fpdf) setTextFont() {
	if f.state == 2 && f.text.open {
		// made in the buffer of showText's Td (galley patch 49: a font is
		// set inside text at most changes of face, and this made four
		// strings each time)
		id := f.currentFont.i
		b := append(f.textScratch[:0], "/F"...)
		b = append(b, id[:min(len(id), 10)]...) // fontResName
		b = append(b, ' ')
		b = appendHundredths(b, toHundredths(f.fontSizePt))
		b = append(b, " Tf\n"...)
		f.pages[f.page].Write(b)
		f.textScratch = b
		return
	}
	// galley patch 68: appended, %.2f by appendFixed2, not formatted by
	// Fprintf
	id := f.currentFont.i
	b := append(f.textScratch[:0], "BT /F"...)
	b = append(b, id[:min(len(id), 10)]...) // fontResName
	b = append(b, ' ')
	b = appendFixed2(b, f.fontSizePt)
	f.outBytes(append(b, " Tf ET"...))
	f.textScratch = b[:0]
}
