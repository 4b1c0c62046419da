// Package pdf writes a page.Document as PDF with codeberg.org/go-pdf/fpdf
// (the fork in internal/fpdf). It is the only package that imports fpdf,
// and it decides nothing about where things go: it draws the display list
// as given. Write writes one document; a Writer takes pages one by one and
// can stream them, so that a book of many documents is one PDF with each
// face and picture once, written in bounded memory.
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
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/galleyprint/galley/internal/fpdf"

	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/page"
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
func Write(ctx context.Context, w io.Writer, doc *page.Document) error {
	// a Writer that does not stream makes the whole PDF in memory and
	// writes it to w only when it is complete: no buffer of its own here
	return writeDocument(ctx, w, doc, false)
}

// WriteStreaming writes doc as PDF to w as its pages are made: each
// page's content as it is added, the fonts, the cross-reference table and
// the rest at the end. It checks ctx between pages. When it fails, what
// it wrote to w is not a PDF.
func WriteStreaming(ctx context.Context, w io.Writer, doc *page.Document) error {
	return writeDocument(ctx, w, doc, true)
}

func writeDocument(ctx context.Context, w io.Writer, doc *page.Document, stream bool) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: the PDF library failed: %v", ErrWrite, r)
		}
	}()
	if len(doc.Pages) == 0 {
		return fmt.Errorf("%w: the document has no pages", ErrWrite)
	}
	out := &sinkWriter{w: w}
	wr := NewWriter(out, doc.Info, doc.Pages[0].Size, stream)
	if stream && wr.p != nil {
		wr.p.SetStreamFast() // a reader is waiting
	}
	if err := wr.registerFonts(doc); err != nil {
		return err
	}
	wr.BeginStructure(doc.Structure, "")
	marks := doc.Outline
	for i := range doc.Pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		var here []page.Bookmark
		for len(marks) > 0 && marks[0].Page == i {
			here = append(here, marks[0])
			marks = marks[1:]
		}
		if _, err := wr.AddPage(doc.Pages[i], doc.Images, here...); err != nil {
			return err
		}
	}
	if err := wr.Close(); err != nil {
		if out.err != nil {
			return out.err // w's own error, as w gave it
		}
		return err
	}
	return nil
}

// sinkWriter writes to w and keeps the error w returned.
type sinkWriter struct {
	w   io.Writer
	err error
}

func (s *sinkWriter) Write(p []byte) (int, error) {
	n, err := s.w.Write(p)
	if err != nil && s.err == nil {
		s.err = err
	}
	return n, err
}

func (w *Writer) setFont(f *fonts.Face, size page.Unit) {
	if f != w.font || size != w.size {
		family, ok := w.registered[f]
		if !ok {
			family = f.Name()
		}
		w.p.SetFont(family, "", size.Points())
		w.font, w.size = f, size
	}
}

func (w *Writer) item(it *page.Item) error {
	p := w.p
	switch it.Kind {
	case page.ItemText:
		if it.Face == nil || it.Text == "" {
			return nil
		}
		lang := ""
		// most items have no language of their own: "" is no tag
		if l := it.Lang(); l != "" && l != w.info.Language && isLanguageTag(l) {
			lang = l
		}
		w.setLang(lang)
		w.setFont(it.Face, it.Size)
		if w.text == nil || *w.text != it.Color {
			c := it.Color
			p.SetTextColor(int(c.R), int(c.G), int(c.B))
			w.text = &c
		}
		// text is painted in the fill colour: with the two equal, fpdf
		// sets each word without saving the graphics state around it
		if w.fill == nil || *w.fill != it.Color {
			c := it.Color
			p.SetFillColor(int(c.R), int(c.G), int(c.B))
			w.fill = &c
		}
		text := Encode(it.Text)
		switch {
		case w.span.open:
			// an item of the actual text span open
			if w.span.left--; w.span.left <= 0 {
				defer w.endSpan()
			}
		case w.tags != nil && it.Tag.Replaced:
			w.p.BeginMarkedContent("/Span <</ActualText " + w.p.TextString(Encode(it.ActualText())) + ">> BDC")
			if it.ActualSpan() > 0 {
				w.span = actualSpan{open: true, left: it.ActualSpan(), elem: it.Tag.Elem, lang: it.Lang()}
			} else {
				defer w.p.EndMarkedContent()
			}
		}
		if len(it.Kerns) > 0 && text == it.Text {
			at, adjust := w.kernAt[:0], w.kernAdjust[:0]
			for _, k := range it.Kerns {
				at, adjust = append(at, k.At), append(adjust, k.Adjust)
			}
			w.kernAt, w.kernAdjust = at, adjust
			p.TextKerned(it.X.Points(), it.Y.Points(), text, at, adjust)
		} else if it.Rotate != 0 {
			// the colours and font are set outside the saved state
			p.TransformBegin()
			p.TransformRotate(-float64(it.Rotate), it.X.Points(), it.Y.Points())
			p.Text(it.X.Points(), it.Y.Points(), text)
			p.TransformEnd()
		} else {
			p.Text(it.X.Points(), it.Y.Points(), text)
		}
	case page.ItemLine:
		w.setDraw(it.Color, it.Stroke)
		p.Line(it.X.Points(), it.Y.Points(), (it.X + it.W).Points(), (it.Y + it.H).Points())
	case page.ItemRect:
		if w.fill == nil || *w.fill != it.Color {
			c := it.Color
			p.SetFillColor(int(c.R), int(c.G), int(c.B))
			w.fill = &c
		}
		p.Rect(it.X.Points(), it.Y.Points(), it.W.Points(), it.H.Points(), "F")
	case page.ItemLink:
		if isSafeLink(it.URL()) {
			w.tagLink(it)
			p.LinkDescribed(it.X.Points(), it.Y.Points(), it.W.Points(), it.H.Points(), it.URL(), it.URL())
		}
	case page.ItemImage:
		return w.image(it)
	case page.ItemPath:
		w.path(it)
	}
	return nil
}

// marked is the marked content open on a page: none, an artifact, or
// content of a structure element.
type marked struct {
	kind markKind
	node int32 // of content
}

type markKind uint8

const (
	markNone markKind = iota
	markContent
	markArtifact
	markPagination // a pagination artifact: running head, folio
)

// actualSpan is an actual text span open over several items
// (page.Item.ActualSpan): how many more it covers, and their element
// and language.
type actualSpan struct {
	open bool
	left int32
	elem int32
	lang string
}

// holds reports whether it may be drawn in the span: a text item of the
// span's element and language.
func (s actualSpan) holds(it *page.Item) bool {
	return it.Kind == page.ItemText && it.Face != nil && it.Text != "" && !it.Tag.Artifact &&
		it.Tag.Elem == s.elem && it.Lang() == s.lang
}

// endSpan closes the actual text span open over several items, if any.
func (w *Writer) endSpan() {
	if w.span.open {
		w.p.EndMarkedContent()
	}
	w.span = actualSpan{}
}

// markFor opens the marked content item belongs to in a tagged PDF,
// closing what is open when it is other: a structure element's content
// (with a new MCID), or an artifact. Lines and rectangles are artifacts
// (rules, bands, backgrounds), and so are images of no element
// (decoration); text of no element is a paragraph of its own, or, in the
// page's furniture, a pagination artifact. Link annotations are no
// content.
func (w *Writer) markFor(it *page.Item) {
	if it.Kind == page.ItemLink {
		return
	}
	inText := it.Kind == page.ItemText && it.Rotate == 0
	t := w.tags
	if t == nil {
		if !inText {
			w.setLang("") // a passage's span, begun in a text object
		}
		return
	}
	want := marked{kind: markArtifact}
	switch n := t.elem(it.Tag.Elem); {
	case it.Tag.Artifact && it.Tag.Pagination:
		want.kind = markPagination
	case it.Tag.Artifact || it.Kind == page.ItemLine || it.Kind == page.ItemRect:
	case n >= 0:
		want = marked{markContent, n}
	case it.Kind == page.ItemImage:
	case it.Role == page.RoleFurniture:
		want.kind = markPagination
	default: // text the layout gave no element
		if w.mc.kind != markContent || w.mc.node != w.fallback {
			w.fallback = t.add("P", t.top) // else the paragraph of the text before
		}
		want = marked{markContent, w.fallback}
	}
	if want == w.mc && (inText || !w.p.MarkedInText()) {
		return
	}
	// (what is not text, in the element of the text before it, ends that
	// text's marked content and begins its own, with another MCID)
	w.endMarked()
	// text begins its marked content inside a text object, which the
	// text after it in other marked content may share, as it does in an
	// untagged PDF; anything else begins it outside text objects
	if inText {
		w.p.BeginText()
	} else {
		w.p.EndText()
	}
	switch want.kind {
	case markContent:
		mcid := t.mark(w.drawing, want.node)
		w.p.BeginMarkedContentID(t.nodes[want.node].typ, int(mcid))
	case markArtifact:
		w.p.BeginMarkedContent("/Artifact BMC")
	case markPagination:
		w.p.BeginMarkedContent("/Artifact <</Type /Pagination>> BDC")
	}
	w.mc = want
}

// endMarked closes the marked content open, and the passage in another
// language inside it.
func (w *Writer) endMarked() {
	if w.mc.kind == markNone {
		return
	}
	w.setLang("")
	w.p.EndMarkedContent()
	w.mc = marked{}
}

// tagLink puts the link annotation about to be made for it in the
// structure tree: a Link element in the element of its text.
func (w *Writer) tagLink(it *page.Item) {
	t := w.tags
	if t == nil {
		return
	}
	parent := t.elem(it.Tag.Elem)
	if parent < 0 {
		parent = t.top
	}
	t.link(parent, w.drawing+1, w.p.LinkCount(w.drawing+1))
}

// setLang puts the text that follows in a marked-content span carrying
// its language, when it is not the document's: a passage in another
// language, as PDF/UA asks screen readers to be told (PDF 32000 14.9.2.2).
// Consecutive items in one language share a span; "" closes it.
func (w *Writer) setLang(lang string) {
	if lang == w.lang {
		return
	}
	if w.lang != "" {
		w.p.EndMarkedContent()
	}
	if lang != "" {
		w.p.BeginMarkedContent("/Span <</Lang (" + lang + ")>> BDC")
	}
	w.lang = lang
}

func (w *Writer) setDraw(c page.Color, width page.Unit) {
	if w.draw == nil || *w.draw != c {
		w.p.SetDrawColor(int(c.R), int(c.G), int(c.B))
		w.draw = &c
	}
	if width != w.lineWidth {
		w.p.SetLineWidth(width.Points())
		w.lineWidth = width
	}
}

func (w *Writer) image(it *page.Item) error {
	img := w.pageImages[it.Image()]
	if img == nil {
		return fmt.Errorf("%w: image %q is not in the document", ErrWrite, it.Image())
	}
	opts := fpdf.ImageOptions{ImageType: img.Format}
	name := w.imageName(img)
	if !w.images[name] {
		w.p.RegisterImageOptionsReader(name, opts, bytes.NewReader(img.Data))
		if w.p.Err() {
			return fmt.Errorf("%w: image %s: %v", ErrWrite, img.Key, w.p.Error())
		}
		w.images[name] = true
	}
	w.p.ImageOptions(name, it.X.Points(), it.Y.Points(), it.W.Points(), it.H.Points(), false, opts, 0, "")
	return nil
}

// imageName is the name an image is registered under: its key in a
// document of its own; in a stream, whose pages come from many documents
// with keys of their own, a hash of its bytes, so that one picture in two
// articles is one image of the book.
func (w *Writer) imageName(img *page.Image) string {
	if !w.stream {
		return img.Key
	}
	h := sha256.Sum256(img.Data)
	return img.Format + "-" + hex.EncodeToString(h[:16])
}

// isSafeLink allows links a reader can follow without surprises.
func isSafeLink(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "mailto:")
}

// isLanguageTag accepts well-formed BCP 47 tags ("en", "pt-BR",
// "zh-Hant-TW"), known to golang.org/x/text/language or well-formed with
// subtags it does not know ("zz-ZZ"); fpdf writes the tag into the
// catalog unescaped, so nothing else may pass.
func isLanguageTag(s string) bool {
	if s == "" || strings.Contains(s, "_") { // Parse reads "_" as "-"
		return false
	}
	_, err := language.Parse(s)
	var unknown language.ValueError
	return err == nil || errors.As(err, &unknown)
}
