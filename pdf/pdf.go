// Package pdf writes a layout.Document as PDF with codeberg.org/go-pdf/fpdf.
// It is the only package that imports fpdf, and it decides nothing about
// where things go: it draws the display list as given.
//
// The writer embeds only the faces the document uses, sets the document
// metadata, links and outline, and gives byte-identical output for the same
// document. fpdf's hazards are handled here or in its patches (see
// internal/fpdf/PATCHES.md): invalid UTF-8 is replaced before it
// reaches fpdf, which numbers each font's characters with its own CIDs (so
// characters beyond U+FFFF print too), images are checked before fpdf
// decodes them, and a panic inside fpdf comes back as an error.
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/galleyprint/galley/internal/fpdf"

	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/layout"
)

// ErrWrite is wrapped by errors from inside the PDF library.
var ErrWrite = errors.New("writing PDF")

// Producer is recorded as the PDF's producer and creator.
const Producer = "galley"

// fixedDate is the creation date of documents that give none, so that
// output never depends on the clock.
var fixedDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Write writes doc as PDF to w. It checks ctx between pages, and writes
// nothing to w unless the whole PDF is made.
func Write(ctx context.Context, w io.Writer, doc *layout.Document) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: the PDF library failed: %v", ErrWrite, r)
		}
	}()
	if len(doc.Pages) == 0 {
		return fmt.Errorf("%w: the document has no pages", ErrWrite)
	}
	first := doc.Pages[0].Size
	p := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: first.W.Points(), Ht: first.H.Points()}})
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(0, 0, 0)
	p.SetCompression(true)
	p.SetCatalogSort(true)
	// PDF dates carry no zone in fpdf's form: write UTC, and the fixed date
	// for none or one a PDF date cannot hold
	created := doc.Info.Created.UTC()
	if created.IsZero() || created.Year() < 1 || created.Year() > 9999 {
		created = fixedDate
	}
	p.SetCreationDate(created)
	p.SetModificationDate(created)
	p.SetProducer(Producer, true)
	p.SetCreator(Producer, true)
	p.SetTitle(layout.EncodableText(doc.Info.Title), true)
	p.SetAuthor(layout.EncodableText(doc.Info.Author), true)
	p.SetSubject(layout.EncodableText(doc.Info.Subject), true)
	p.SetKeywords(layout.EncodableText(doc.Info.Keywords), true)
	if isLanguageTag(doc.Info.Language) {
		p.SetLang(doc.Info.Language)
	}
	p.SetDisplayMode("fullwidth", "OneColumn")

	wr := &writer{p: p, doc: doc, registered: map[*fonts.Face]bool{}, images: map[string]bool{}}
	if err := wr.registerFonts(); err != nil {
		return err
	}
	marks := doc.Outline
	var open []int // levels of the open outline ancestors
	lastH := doc.Pages[len(doc.Pages)-1].Size.H
	for i, pg := range doc.Pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		p.AddPageFormat("P", fpdf.SizeType{Wd: pg.Size.W.Points(), Ht: pg.Size.H.Points()})
		wr.font, wr.size = nil, 0
		for len(marks) > 0 && marks[0].Page == i {
			wr.useAnyFont()
			// fpdf nests an entry under the one before when its level is
			// one deeper: give each entry the depth of its open ancestors
			m := marks[0]
			for len(open) > 0 && open[len(open)-1] >= m.Level {
				open = open[:len(open)-1]
			}
			// fpdf turns y into PDF coordinates with the last page's height
			y := m.Y + lastH - pg.Size.H
			p.Bookmark(layout.EncodableText(m.Title), len(open), y.Points())
			open = append(open, m.Level)
			marks = marks[1:]
		}
		for k := range pg.Items {
			if err := wr.item(&pg.Items[k]); err != nil {
				return err
			}
		}
		wr.setLang("")
		if p.Err() {
			return fmt.Errorf("%w: page %d: %v", ErrWrite, i+1, p.Error())
		}
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return fmt.Errorf("%w: %v", ErrWrite, err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// writer draws items, setting fpdf's state only when it changes.
type writer struct {
	p          *fpdf.Fpdf
	doc        *layout.Document
	registered map[*fonts.Face]bool
	images     map[string]bool
	font       *fonts.Face
	size       layout.Unit
	fill, draw *layout.Color
	text       *layout.Color
	lineWidth  layout.Unit
	lang       string // of the open marked-content span; "" for none
}

// registerFonts embeds the faces the document uses, in order of first use.
func (w *writer) registerFonts() error {
	for _, pg := range w.doc.Pages {
		for _, it := range pg.Items {
			if it.Kind != layout.ItemText || it.Face == nil || it.Text == "" || w.registered[it.Face] {
				continue
			}
			w.p.AddUTF8FontFromBytes(it.Face.Name(), "", it.Face.Data())
			if w.p.Err() {
				return fmt.Errorf("%w: font %s: %v", ErrWrite, it.Face.Name(), w.p.Error())
			}
			if w.p.GetFontDesc(it.Face.Name(), "").Ascent == 0 {
				return fmt.Errorf("%w: font %s could not be embedded", ErrWrite, it.Face.Name())
			}
			w.registered[it.Face] = true
		}
	}
	return nil
}

// useAnyFont selects some registered font: fpdf encodes outline titles as
// UTF-16 only while a UTF-8 font is current.
func (w *writer) useAnyFont() {
	if w.font != nil {
		return
	}
	for _, pg := range w.doc.Pages {
		for _, it := range pg.Items {
			if it.Kind == layout.ItemText && it.Face != nil && it.Text != "" {
				w.setFont(it.Face, it.Size)
				return
			}
		}
	}
}

func (w *writer) setFont(f *fonts.Face, size layout.Unit) {
	if f != w.font || size != w.size {
		w.p.SetFont(f.Name(), "", size.Points())
		w.font, w.size = f, size
	}
}

func (w *writer) item(it *layout.Item) error {
	p := w.p
	switch it.Kind {
	case layout.ItemText:
		if it.Face == nil || it.Text == "" {
			return nil
		}
		lang := ""
		if it.Lang != w.doc.Info.Language && isLanguageTag(it.Lang) {
			lang = it.Lang
		}
		w.setLang(lang)
		w.setFont(it.Face, it.Size)
		if w.text == nil || *w.text != it.Color {
			c := it.Color
			p.SetTextColor(int(c.R), int(c.G), int(c.B))
			w.text = &c
		}
		text := layout.EncodableText(it.Text)
		if len(it.Kerns) > 0 && text == it.Text {
			at, adjust := make([]int, len(it.Kerns)), make([]int, len(it.Kerns))
			for i, k := range it.Kerns {
				at[i], adjust[i] = k.At, k.Adjust
			}
			p.TextKerned(it.X.Points(), it.Y.Points(), text, at, adjust)
		} else {
			p.Text(it.X.Points(), it.Y.Points(), text)
		}
	case layout.ItemLine:
		w.setDraw(it.Color, it.Stroke)
		p.Line(it.X.Points(), it.Y.Points(), (it.X + it.W).Points(), (it.Y + it.H).Points())
	case layout.ItemRect:
		if w.fill == nil || *w.fill != it.Color {
			c := it.Color
			p.SetFillColor(int(c.R), int(c.G), int(c.B))
			w.fill = &c
		}
		p.Rect(it.X.Points(), it.Y.Points(), it.W.Points(), it.H.Points(), "F")
	case layout.ItemLink:
		if isSafeLink(it.URL) {
			p.LinkString(it.X.Points(), it.Y.Points(), it.W.Points(), it.H.Points(), it.URL)
		}
	case layout.ItemImage:
		return w.image(it)
	}
	return nil
}

// setLang puts the text that follows in a marked-content span carrying
// its language, when it is not the document's: a passage in another
// language, as PDF/UA asks screen readers to be told (PDF 32000 14.9.2.2).
// Consecutive items in one language share a span; "" closes it.
func (w *writer) setLang(lang string) {
	if lang == w.lang {
		return
	}
	if w.lang != "" {
		w.p.RawWriteStr("EMC")
	}
	if lang != "" {
		w.p.RawWriteStr("/Span <</Lang (" + lang + ")>> BDC")
	}
	w.lang = lang
}

func (w *writer) setDraw(c layout.Color, width layout.Unit) {
	if w.draw == nil || *w.draw != c {
		w.p.SetDrawColor(int(c.R), int(c.G), int(c.B))
		w.draw = &c
	}
	if width != w.lineWidth {
		w.p.SetLineWidth(width.Points())
		w.lineWidth = width
	}
}

func (w *writer) image(it *layout.Item) error {
	img := w.doc.Images[it.Image]
	if img == nil {
		return fmt.Errorf("%w: image %q is not in the document", ErrWrite, it.Image)
	}
	opts := fpdf.ImageOptions{ImageType: img.Format}
	if !w.images[img.Key] {
		w.p.RegisterImageOptionsReader(img.Key, opts, bytes.NewReader(img.Data))
		if w.p.Err() {
			return fmt.Errorf("%w: image %s: %v", ErrWrite, img.Key, w.p.Error())
		}
		w.images[img.Key] = true
	}
	w.p.ImageOptions(img.Key, it.X.Points(), it.Y.Points(), it.W.Points(), it.H.Points(), false, opts, 0, "")
	return nil
}

// isSafeLink allows links a reader can follow without surprises.
func isSafeLink(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "mailto:")
}

// isLanguageTag accepts BCP 47-shaped tags ("en", "pt-BR", "zh-Hant-TW");
// fpdf writes the tag into the catalog unescaped, so nothing else may pass.
func isLanguageTag(s string) bool {
	if s == "" || len(s) > 35 {
		return false
	}
	for i, part := range strings.Split(s, "-") {
		if part == "" || len(part) > 8 || (i == 0 && len(part) < 2) {
			return false
		}
		for _, r := range part {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return false
			}
		}
	}
	return true
}
