package pdf

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/internal/fpdf"
	"github.com/galleyprint/galley/page"
)

// A Writer writes a PDF page by page: NewWriter begins it, AddPage adds
// each page, Close finishes it. A streaming Writer writes each page and
// image to its output as it is added and holds only what the end of the
// file needs (the fonts, with the characters used, and a few numbers per
// page), so that a book of any length is written in bounded memory; each
// font face is embedded once, subset to the characters of every page, and
// each picture once, however many pages show it.
//
// A Writer is not safe for concurrent use. After an error it is of no
// further use.
type Writer struct {
	p      *fpdf.Fpdf
	out    io.Writer
	stream bool
	info   page.Info
	// profile is the standard written to (info.Profile, read)
	profile Profile
	// tags is the structure tree of a tagged PDF, nil otherwise; mc is
	// the marked content open on the page being drawn, drawing that
	// page's index (from 0)
	tags *tagTree
	mc   marked
	// span is the actual text span open over several items
	span    actualSpan
	drawing int
	// fallback is the paragraph made for text the layout gave no element
	fallback int32
	pages    int
	err      error

	// registered holds the faces embedded so far, each with the family
	// name fpdf selects it by: the face's name lowercased, as fpdf keys
	// its fonts, so that SetFont does not lowercase (and allocate) it
	// again at every change of font
	registered map[*fonts.Face]string
	images     map[string]bool // registered image names
	pageImages map[string]*page.Image
	firstFace  *fonts.Face // the first face registered, and its size in
	firstSize  page.Unit   // its first use: outline titles are set with it

	// drawing state, set only when it changes
	font       *fonts.Face
	size       page.Unit
	fill, draw *page.Color
	text       *page.Color
	lineWidth  page.Unit
	lang       string // of the open marked-content span; "" for none
	open       []int  // levels of the open outline entries

	kernAt, kernAdjust []int     // reused for each kerned piece of text
	linkRuns           []linkRun // reused for each page's links
}

// NewWriter begins a PDF with the document information info, whose pages
// are mostly of the given size. With stream, the PDF is written to w as
// pages are added; otherwise all of it by Close.
func NewWriter(w io.Writer, info page.Info, size page.Size, stream bool) *Writer {
	wr := &Writer{out: w, stream: stream, info: info, registered: map[*fonts.Face]string{}, images: map[string]bool{}}
	wr.err = wr.guard(func() error {
		profile, err := ParseProfile(info.Profile)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrWrite, err)
		}
		wr.profile = profile
		p := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: size.W.Points(), Ht: size.H.Points()}})
		wr.p = p
		if profile.archival() {
			wr.setArchive()
		}
		if profile.tagged() {
			wr.tags = newTagTree()
		}
		p.SetAutoPageBreak(false, 0)
		p.SetMargins(0, 0, 0)
		p.SetCompression(true)
		p.SetCatalogSort(true)
		// PDF dates carry no zone in fpdf's form: write UTC, and the fixed
		// date for none or one a PDF date cannot hold
		wr.SetCreated(info.Created)
		p.SetProducer(Producer, true)
		p.SetCreator(Producer, true)
		// the document information as the XMP metadata repeats it
		// (none is left out: fpdf writes an empty UTF-16 string)
		setInfo(p.SetTitle, wr.title())
		setInfo(p.SetAuthor, metaText(info.Author))
		setInfo(p.SetSubject, metaText(info.Subject))
		setInfo(p.SetKeywords, metaText(info.Keywords))
		wr.setLanguage()
		p.SetDisplayMode("fullwidth", "OneColumn")
		if stream {
			p.SetStream(w)
		}
		return wr.fpdfErr("")
	})
	return wr
}

// Pages returns the number of pages added.
func (w *Writer) Pages() int { return w.pages }

// AddPage adds pg, whose images are in images (its document's), with
// outline entries at marks (their Page is not read). It returns the
// page's index in the PDF, from 0.
func (w *Writer) AddPage(pg *page.Page, images map[string]*page.Image, marks ...page.Bookmark) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	w.err = w.guard(func() error {
		if err := w.registerPage(pg); err != nil {
			return err
		}
		p := w.p
		p.AddPageFormat("P", fpdf.SizeType{Wd: pg.Size.W.Points(), Ht: pg.Size.H.Points()})
		w.pages++
		w.drawing = w.pages - 1
		w.font, w.size = nil, 0
		w.pageImages = images
		for _, m := range marks {
			w.Bookmark(m)
		}
		if err := w.items(pg.Items); err != nil {
			return err
		}
		return w.fpdfErr(fmt.Sprintf("page %d", w.pages))
	})
	return w.pages - 1, w.err
}

// Bookmark adds an outline entry on the last page added (its Page is not
// read), under the last entry of a lower level.
func (w *Writer) Bookmark(m page.Bookmark) {
	if w.err != nil || w.pages == 0 {
		return
	}
	w.useAnyFont()
	// fpdf nests an entry under the one before when its level is one
	// deeper: give each entry the depth of its open ancestors
	for len(w.open) > 0 && w.open[len(w.open)-1] >= m.Level {
		w.open = w.open[:len(w.open)-1]
	}
	w.p.Bookmark(Encode(m.Title), len(w.open), m.Y.Points())
	w.open = append(w.open, m.Level)
}

// Link makes the rectangle x, y, width, height of the last page added a
// link to the top of page to (an index from 0, which may be added later).
func (w *Writer) Link(x, y, width, height page.Unit, to int) {
	if w.err != nil || w.pages == 0 {
		return
	}
	l := w.p.AddLink()
	w.p.SetLink(l, 0, to+1)
	if w.tags != nil {
		w.tags.link(w.tags.top, w.pages, w.p.LinkCount(w.pages))
	}
	// fpdf writes the rectangle from its top left corner down: given its
	// bottom left corner and a height up, it writes it lower left first
	w.p.LinkToDescribed(x.Points(), (y + height).Points(), width.Points(), -height.Points(), l, fmt.Sprintf("Go to page %d", to+1))
}

// AddToPage draws items over page i (an index from 0, as AddPage
// returned), which a later page has ended, in a further content stream
// of it: what only the end of a streamed document knows, such as the
// page numbers of a book whose pages are written before they are put in
// order. The items' images come from images.
func (w *Writer) AddToPage(i int, items []page.Item, images map[string]*page.Image) error {
	if w.err != nil {
		return w.err
	}
	if !w.stream {
		w.err = fmt.Errorf("%w: only a streaming writer's pages take more content", ErrWrite)
		return w.err
	}
	if i < 0 || i >= w.pages {
		w.err = fmt.Errorf("%w: no page %d to add to", ErrWrite, i+1)
		return w.err
	}
	w.err = w.guard(func() error {
		if err := w.registerPage(&page.Page{Items: items}); err != nil {
			return err
		}
		w.p.AppendToPage(i + 1)
		w.drawing = i
		// the page's content left a state this writer no longer knows
		w.font, w.size, w.fill, w.draw, w.text, w.lineWidth = nil, 0, nil, nil, nil, -1
		w.pageImages = images
		if err := w.items(items); err != nil {
			return err
		}
		return w.fpdfErr(fmt.Sprintf("page %d", i+1))
	})
	return w.err
}

// BookmarkPage adds an outline entry on page i (an index from 0, as
// AddPage returned), under the last entry of a lower level: outline
// entries are in the order they are added, whatever their pages.
func (w *Writer) BookmarkPage(i int, m page.Bookmark) {
	if w.err != nil || i < 0 || i >= w.pages {
		return
	}
	w.useAnyFont()
	for len(w.open) > 0 && w.open[len(w.open)-1] >= m.Level {
		w.open = w.open[:len(w.open)-1]
	}
	w.p.BookmarkOnPage(Encode(m.Title), len(w.open), m.Y.Points(), i+1)
	w.open = append(w.open, m.Level)
}

// SetPageOrder gives the order in which a streaming writer's pages are
// read: order lists every page index (from 0, as AddPage returned) once.
// Without it pages are read in the order they were added; links and
// outline entries keep pointing at the pages they were made for.
func (w *Writer) SetPageOrder(order []int) {
	if w.err != nil {
		return
	}
	if !w.stream {
		w.err = fmt.Errorf("%w: only a streaming writer's pages can be reordered", ErrWrite)
		return
	}
	nums := make([]int, len(order))
	for k, i := range order {
		nums[k] = i + 1
	}
	w.p.SetPageOrder(nums)
}

// SetLanguage sets the document's language, replacing its page.Info's,
// for a streaming writer that learns it at the end: text already added
// was marked with its language when that was not the one the writer had
// then, so a writer begun with none marks all text whose language is
// known.
func (w *Writer) SetLanguage(lang string) {
	if w.err != nil {
		return
	}
	w.info.Language = lang
	w.setLanguage()
}

// undetermined is the language of a tagged PDF whose language is not
// known (ISO 639-2's "und"): PDF/UA asks every document to name one.
const undetermined = "und"

// setLanguage writes the document's language in the catalog: its own,
// or, in a tagged PDF, undetermined.
func (w *Writer) setLanguage() {
	switch lang := w.info.Language; {
	case isLanguageTag(lang):
		w.p.SetLang(lang)
	case w.profile.tagged():
		w.p.SetLang(undetermined)
	}
}

// SetCreated sets the document's creation and modification date,
// replacing its page.Info's; the dates are written by Close.
func (w *Writer) SetCreated(t time.Time) {
	if w.err != nil {
		return
	}
	w.info.Created = t
	created := w.created()
	w.p.SetCreationDate(created)
	w.p.SetModificationDate(created)
}

// SetKeywords sets the document's Keywords, replacing those of its
// page.Info; the Keywords are written by Close, so a streaming Writer may
// take them after its last page (the font files its pages used, say).
func (w *Writer) SetKeywords(kw string) {
	if w.err != nil {
		return
	}
	w.info.Keywords = kw
	setInfo(w.p.SetKeywords, metaText(kw))
}

// Close finishes the PDF: it writes the fonts, page objects, links,
// outline and trailer, and, unless it streams, the whole PDF to the
// writer. It fails when no page was added or a link points past the
// last page.
func (w *Writer) Close() error {
	if w.err != nil {
		return w.err
	}
	if w.pages == 0 {
		return fmt.Errorf("%w: the document has no pages", ErrWrite)
	}
	w.err = w.guard(func() error {
		if err := w.p.Output(w.out); err != nil {
			return fmt.Errorf("%w: %v", ErrWrite, err)
		}
		return nil
	})
	if w.err == nil {
		w.err = fmt.Errorf("%w: the writer is closed", ErrWrite)
		return nil
	}
	return w.err
}

// guard runs f, turning a panic inside fpdf into an error.
func (w *Writer) guard(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: the PDF library failed: %v", ErrWrite, r)
		}
	}()
	return f()
}

// fpdfErr returns fpdf's error, if any, wrapped with ErrWrite and where.
func (w *Writer) fpdfErr(where string) error {
	if !w.p.Err() {
		return nil
	}
	if where == "" {
		return fmt.Errorf("%w: %v", ErrWrite, w.p.Error())
	}
	return fmt.Errorf("%w: %s: %v", ErrWrite, where, w.p.Error())
}

// registerFonts embeds the faces doc uses, in order of first use, before
// its first page.
func (w *Writer) registerFonts(doc *page.Document) error {
	if w.err != nil {
		return w.err
	}
	return w.guard(func() error {
		for i := range doc.Pages {
			if err := w.registerPage(doc.Pages[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// registerPage embeds the faces pg uses that are not yet embedded.
func (w *Writer) registerPage(pg *page.Page) error {
	var last *fonts.Face // the face of the last text item, registered
	for i := range pg.Items {
		it := &pg.Items[i]
		if it.Kind != page.ItemText || it.Face == nil || it.Face == last || it.Text == "" {
			continue
		}
		if _, ok := w.registered[it.Face]; ok {
			last = it.Face
			continue
		}
		font, err := embeddable(it.Face)
		if err != nil {
			return err
		}
		w.p.AddParsedUTF8Font(it.Face.Name(), "", font)
		if w.p.Err() {
			return fmt.Errorf("%w: font %s: %v", ErrWrite, it.Face.Name(), w.p.Error())
		}
		if w.p.GetFontDesc(it.Face.Name(), "").Ascent == 0 {
			return fmt.Errorf("%w: font %s could not be embedded", ErrWrite, it.Face.Name())
		}
		w.registered[it.Face] = strings.ToLower(it.Face.Name())
		last = it.Face
		if w.firstFace == nil {
			w.firstFace, w.firstSize = it.Face, it.Size
		}
	}
	return nil
}

// useAnyFont selects some registered font: fpdf encodes outline titles as
// UTF-16 only while a UTF-8 font is current.
func (w *Writer) useAnyFont() {
	if w.font == nil && w.firstFace != nil {
		w.setFont(w.firstFace, w.firstSize)
	}
}

// items draws a page's items, a link's runs of text as one, and ends in
// the page's own language.
func (w *Writer) items(items []page.Item) error {
	w.linkRuns = linkRuns(items, w.linkRuns)
	runs := w.linkRuns
	for k := range items {
		it := &items[k]
		// a link item begins the next run, or continues the one before
		if it.Kind == page.ItemLink {
			if len(runs) == 0 || runs[0].at != k {
				continue
			}
			it, runs = &runs[0].item, runs[1:]
		}
		if w.span.open && !w.span.holds(it) {
			w.endSpan()
		}
		w.markFor(it)
		if err := w.item(it); err != nil {
			return err
		}
	}
	w.endSpan()
	w.setLang("")
	w.endMarked()
	return nil
}

// setInfo sets an entry of the document information with set: to s, or
// to nothing when s is empty.
func setInfo(set func(string, bool), s string) {
	set(s, s != "")
}

// BeginStructure makes the items of the pages added next refer to the
// elements of s (page.Item.Tag): the structure of the document they come
// from, whose elements a tagged PDF's structure tree takes, under a new
// element of type group ("Part", for an article of a book) unless group
// is "". An untagged PDF ignores it.
func (w *Writer) BeginStructure(s page.Structure, group string) {
	if w.err != nil || w.tags == nil {
		return
	}
	w.tags.begin(s, group, false)
	w.mc = marked{}
}

// BeginFrontStructure is BeginStructure for front matter, written after
// the pages it comes before (a book's cover and contents): its group
// (not "") is read before the groups of BeginStructure, after those of
// earlier calls of BeginFrontStructure.
func (w *Writer) BeginFrontStructure(s page.Structure, group string) {
	if w.err != nil || w.tags == nil {
		return
	}
	w.tags.begin(s, group, true)
	w.mc = marked{}
}
