// Package layout typesets an article into a Document: pages of positioned
// text, rules, images and links that any writer can draw without making a
// decision of its own.
//
// It breaks paragraphs into lines, builds a vertical flow of unbreakable
// boxes (lines, figures, table rows) with rules about which must stay
// together, distributes the flow over pages, and adds the page furniture:
// the running head from page 2 and the folio ("n / N") on every page.
// Lengths are integer Units (1/64 pt), so layouts are identical everywhere.
package layout

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/hyphen"
	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/theme"
)

// Options control the layout. The zero value is A4 with the default
// margins and fonts.
type Options struct {
	Page    page.Size
	Margins page.Margins // zero: DefaultMargins
	Fonts   *fonts.Set   // nil: fonts.Default()
	// Encode returns text as the writer that will draw the document
	// encodes it (pdf.Encode for a PDF), so that the layout measures and
	// places what is drawn. Nil sets text as it is.
	Encode func(string) string
	// Images returns the prepared image of a figure, or nil to print the
	// figure's caption alone. Nil prints every figure without its image.
	Images func(*article.Figure) *page.Image
	Logger *slog.Logger // warnings; nil discards them
	// Created is the document's creation time, recorded in Info.
	Created time.Time
	// Folio numbers the pages of a document that is part of a book:
	// FirstPage is the number of its first page and TotalPages the N of
	// the folio "n / N". Zero values number the document on its own.
	Folio Folio
	// Language overrides the article's language (a BCP 47 tag), which
	// chooses the hyphenation patterns.
	Language string
	// Theme is the page's look: type, spaces, colours, masthead, running
	// head and footer, and the margins and columns used when Margins and
	// Columns are zero. Nil is the classic theme.
	Theme *theme.Theme
	// FontSize is the body text's size (0: the theme's, 11 pt in classic);
	// every other size of the page scales with it.
	FontSize page.Unit
	// LineHeight is the body's leading as a multiple of its size (0: the
	// theme's, about 1.4).
	LineHeight float64
	// NoHeader and NoFooter leave out the running head (by default title
	// and site, from page 2) and the footer (the folio, "n / N").
	NoHeader, NoFooter bool
	// Links says how link addresses are printed: LinksOff (the default),
	// LinksInline, LinksFootnotes or LinksEndnotes.
	Links LinkStyle
	// QR prints a QR code of the article's URL in the top right corner
	// of page 1, in the margin above the masthead; Logger is warned when
	// it cannot be printed (no URL, no room, a URL too long to encode).
	QR bool
	// DropCap sets the first letter of the first body paragraph as a
	// two-line drop cap.
	DropCap bool
	// SmartQuotes sets typographic quotation marks of the text's language,
	// apostrophes and dashes where the text has typewriter forms.
	SmartQuotes bool
	// Columns sets the body in this many columns (0 or 1: one), with the
	// title block and wide figures spanning them all.
	Columns int
	// NoColumnRules leaves out the hairlines between columns.
	NoColumnRules bool
	// Mirror swaps the left and right margins on even (left-hand) pages,
	// so Margins.Left is the inside margin, for printing on both sides;
	// Gutter adds to the inside margin, for the binding.
	Mirror bool
	Gutter page.Unit
	// MaxPages, when above zero, stops the layout with ErrTooManyPages as
	// soon as the text is sure to need more pages.
	MaxPages int
}

// Folio places a document's pages in a larger page sequence.
type Folio struct {
	FirstPage, TotalPages int
	// Late leaves out the parts of the running head and footer that show
	// a page number or the page count (the theme's {page} and {pages}),
	// for a book that sets them with a FolioSetter once the numbers are
	// known; FirstPage and TotalPages are then not read.
	Late bool
}

// number returns the printed number of page i of n and the total.
func (f Folio) number(i, n int) (int, int) {
	if f.FirstPage <= 0 {
		return i + 1, n
	}
	total := f.TotalPages
	if total <= 0 {
		total = f.FirstPage + n - 1
	}
	return f.FirstPage + i, total
}

// ErrTooManyPages is returned when a document needs more than
// Options.MaxPages pages.
var ErrTooManyPages = errors.New("too many pages")

// ErrBadGrid is returned for columns too many or too narrow for the page,
// or a negative gutter.
var ErrBadGrid = errors.New("bad column grid")

// columnSize returns the body size that sets about 40 characters (of
// half an em on average) on a column of width w, at most size and at
// least 8.5 pt, a newspaper's smallest body type: the measure of a
// newspaper column. (At 30, two columns on A4 kept 11 pt type, 38
// characters a line, whose spaces opened to 0.73 em at the 95th
// percentile of the corpus, against 0.70 at 10.5 pt.)
func columnSize(w, size page.Unit) page.Unit {
	return max(min(size, w/20), page.Pt(8.5))
}

// minColumn is the narrowest column: about 20 characters of 11 pt text.
const minColumn = 96 * page.Point

// ErrPageTooSmall is returned when the margins leave too little room.
var ErrPageTooSmall = errors.New("page too small for its margins")

// CheckPage reports whether margins leave a usable text block on a page of
// the given size: at least 108 by 144 pt (1.5 by 2 inches).
func CheckPage(size page.Size, m page.Margins) error {
	frameW := size.W - m.Left - m.Right
	frameH := size.H - m.Top - m.Bottom
	if frameW < 108*page.Point || frameH < 144*page.Point {
		return fmt.Errorf("%w: the margins leave a text block of %s x %s pt; it needs at least 108 x 144 pt", ErrPageTooSmall, max(frameW, 0), max(frameH, 0))
	}
	return nil
}

// Layout typesets a into pages. It looks at ctx between blocks, between
// the windows of a long paragraph (see setFrom) and between pages, and
// when ctx is done returns an error wrapping ctx.Err() within
// milliseconds. With Options.MaxPages it stops with ErrTooManyPages as
// soon as the text set so far is sure to need more pages, or the pages
// made so far are more. An article whose blocks nest more than
// article.MaxDepth levels is refused with an error wrapping
// article.ErrTooDeep. Time and memory grow linearly with the article's
// length (and memory with the pages made).
func Layout(ctx context.Context, a *article.Article, opts Options) (*page.Document, error) {
	if err := article.CheckDepth(a.Body); err != nil {
		return nil, err
	}
	f, opts, err := newFlow(opts)
	if err != nil {
		return nil, err
	}
	f.ctx = ctx
	f.s.words = newWordCache()
	f.s.hyphens = newHyphenScratch()
	kept := f.s.takeKept()
	f.lines.stock = slabStocks.Get().(*slabStock)
	boxes := boxArrays.Get().(*boxArray)
	f.boxes = boxes.boxes
	defer func() {
		words, hyphens := f.s.words, f.s.hyphens
		// nothing of this layout's uses them once given back
		f.s.words, f.s.hyphens = nil, nil
		words.release()
		if hyphens != nil {
			hyphens.release()
		}
		f.s.keep(kept)
	}()
	if opts.MaxPages > 0 {
		f.maxPages, f.maxHeight = opts.MaxPages, page.Unit(opts.MaxPages*f.cols)*f.frameH
	}
	lang := cmp.Or(opts.Language, a.Language)
	if lang == "" {
		lang = guessLanguage(a)
	}
	if opts.SmartQuotes {
		a = smartenArticle(a, lang)
	}
	a, f.noteURLs = withLinks(a, opts.Links)
	f.lang = lang
	if f.lang == "" {
		f.lang = scriptLanguage(a)
	}
	f.rtl = articleRTL(a)
	art := f.openElem("Art")
	defer f.closeElem(art)
	body, standfirst := splitStandfirst(a)
	f.titleBlock(a, standfirst) // headlines are never hyphenated
	if f.cols > 1 {
		for i := range f.boxes {
			f.boxes[i].span = true
		}
		f.w = f.colW
	}
	f.wantDropCap = opts.DropCap && !f.rtl // a right-to-left cap would stand on the right: not yet
	if !f.th.noHyphens {
		f.s.hyph = hyphen.For(lang)
	}
	f.blocks(body)
	if f.stopped() {
		return nil, f.err
	}
	logger := opts.Logger
	warnMissing(logger, f.s.missing)
	warnMath(logger, f.s)
	doc, err := f.document(opts, page.Info{
		Title:    a.Title,
		Author:   a.Byline(),
		Subject:  cmp.Or(a.Subtitle, a.Excerpt),
		Keywords: strings.Join(a.Tags, ", "),
		Language: f.lang,
		Created:  opts.Created,
	})
	if err != nil {
		return nil, err
	}
	f.lines.release() // the pages' items are copies of the lines'
	boxes.release(f.boxes)
	f.boxes = nil
	warnBreaks(logger, f.reports)
	doc.Structure = f.tags.s
	furnish(doc, pageTextOf(a), f.s, f.th, opts)
	if opts.QR && len(doc.Pages) > 0 {
		m := opts.Margins
		top := (m.Top - qrSize) / 2
		switch {
		case a.URL == "":
			logger.Warn("no QR code printed: the article has no URL")
		case top < page.Pt(8):
			logger.Warn("no QR code printed: the top margin is too small for it", "top_margin_pt", m.Top.Points())
		default:
			qr := qrItems(a.URL, doc.Pages[0].Size.W-m.Right, top)
			if qr == nil {
				logger.Warn("no QR code printed: the URL is too long to encode", "length", len(a.URL))
			}
			doc.Pages[0].Items = append(doc.Pages[0].Items, qr...)
		}
	}
	tagRest(doc)
	return doc, nil
}

// newFlow checks the options, fills in their defaults and starts an empty
// flow on the page's text block.
func newFlow(opts Options) (*flow, Options, error) {
	if opts.Page == (page.Size{}) {
		opts.Page = page.A4
	}
	t, err := themeOf(opts)
	if err != nil {
		return nil, opts, err
	}
	if opts.Margins == (page.Margins{}) {
		opts.Margins = t.PageMargins()
	}
	if opts.Columns == 0 {
		opts.Columns = t.Columns
	}
	opts.NoColumnRules = opts.NoColumnRules || !t.ColumnRules
	if opts.Fonts == nil {
		set, err := fonts.Default()
		if err != nil {
			return nil, opts, err
		}
		opts.Fonts = set
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	m := opts.Margins
	if opts.Gutter < 0 || opts.Columns < 0 || opts.Columns > theme.MaxColumns {
		return nil, opts, fmt.Errorf("%w: %d columns, gutter %s pt", ErrBadGrid, opts.Columns, opts.Gutter)
	}
	frameW := opts.Page.W - m.Left - m.Right - opts.Gutter
	frameH := opts.Page.H - m.Top - m.Bottom
	if err := CheckPage(page.Size{W: opts.Page.W - opts.Gutter, H: opts.Page.H}, m); err != nil {
		return nil, opts, err
	}
	th := themeFor(t, opts)
	cols := max(opts.Columns, 1)
	gap := th.body.size * 3 / 2
	colW := (frameW - page.Unit(cols-1)*gap) / page.Unit(cols)
	if size := columnSize(colW, th.body.size); size < th.body.size && opts.FontSize == 0 {
		// narrow columns take smaller type, as newspapers set them
		th = th.scaled(size, th.body.size)
		gap = th.body.size * 3 / 2
		colW = (frameW - page.Unit(cols-1)*gap) / page.Unit(cols)
	}
	if colW < minColumn {
		return nil, opts, fmt.Errorf("%w: %d columns of %s pt; a column needs at least %s pt", ErrBadGrid, cols, colW, minColumn)
	}
	return &flow{
		s:      &shaper{fonts: opts.Fonts, missing: map[rune]int{}, encode: opts.Encode},
		th:     th,
		w:      frameW,
		frameW: frameW,
		frameH: frameH,
		cols:   cols,
		colW:   colW,
		gap:    gap,
		body:   th.body,
		images: opts.Images,
		used:   map[string]*page.Image{},
		tags:   &tagger{},
		lines:  &lineSlab{},
	}, opts, nil
}

// furnitureRoom is the room a page's items are made with beyond its
// boxes' items: for the running head and footer, a word an item, and the
// rules furnish and the notes add, so that they seldom make the page's
// items grow (a copy of all of them).
const furnitureRoom = 32

// document paginates the flow into a Document, without page furniture.
// It stops with ErrTooManyPages as soon as the pages passed
// Options.MaxPages, and with the context's error when it is done (both
// looked at every page).
func (f *flow) document(opts Options, info page.Info) (*page.Document, error) {
	m := opts.Margins
	doc := &page.Document{Images: f.used, Margins: m, Info: info, Mirrored: opts.Mirror, Gutter: opts.Gutter}
	fills, err := paginateGrid(f.boxes, f.grid(), f.noteHeights(), func(pages int) error {
		if opts.MaxPages > 0 && pages > opts.MaxPages {
			return fmt.Errorf("%w: more than %d", ErrTooManyPages, opts.MaxPages)
		}
		if f.stopped() {
			return f.err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for pi, fill := range fills {
		n := 0
		for _, pl := range fill.boxes {
			if pl.head {
				n += len(f.boxes[pl.box].head.items)
				continue
			}
			n += len(f.boxes[pl.box].items)
		}
		p := &page.Page{Size: opts.Page, Items: make([]page.Item, 0, n+furnitureRoom)}
		left, _ := pageEdges(opts, pi)
		colTop, colBottom := make([]page.Unit, f.cols), make([]page.Unit, f.cols)
		place := func(b *vbox, items []page.Item, x, top page.Unit) {
			for _, r := range b.reports {
				r.page = pi + 1
			}
			// copied at once, then moved and tagged in place: an item is
			// 192 bytes, and copying each twice was a tenth of layout's time
			from := len(p.Items)
			p.Items = append(p.Items, items...)
			for k := from; k < len(p.Items); k++ {
				it := &p.Items[k]
				it.X += x
				it.Y += top
				if b.fig == nil || it.Role == page.RoleBody {
					it.Role = b.kind // a figure's own items have theirs
				}
				if untagged(it) { // a figure's items, made as it is placed
					elem := b.elem
					if it.Role == page.RoleCaption && b.capElem != 0 {
						elem = b.capElem
					}
					tagItem(it, elem)
				}
			}
		}
		for _, pl := range fill.boxes {
			b := &f.boxes[pl.box]
			if pl.head {
				b = b.head // a table's head repeated: its items are kept for the next page
			}
			top := m.Top + pl.y
			x := left
			first := pl.y == 0 // the space above the box was dropped
			if pl.col >= 0 {
				x += f.columnX(pl.col)
				c := pl.col
				if colBottom[c] == 0 {
					colTop[c], first = top, true
				}
				colBottom[c] = top + pl.h
			}
			items := b.items
			if b.fig != nil {
				items = b.fig.scaled(b, pl.img)
			}
			if first {
				items = clipAbove(items)
			}
			place(b, items, x, top)
			// the page has copies: a long article's items are not kept
			// twice over while its pages are made
			if !pl.head {
				b.items = nil
			}
			if b.mark != nil {
				bm := *b.mark
				bm.Page, bm.Y = pi, top
				doc.Outline = append(doc.Outline, bm)
			}
		}
		for _, cn := range fill.notes {
			x := left + f.columnX(cn.col)
			y := m.Top + cn.y + noteGap/2
			p.Items = append(p.Items, page.Item{Kind: page.ItemLine, X: x, Y: y, W: min(page.Pt(60), f.colW/3), Stroke: f.th.rule, Color: f.th.hairline, Role: page.RoleFurniture})
			y += noteGap / 2
			for _, n := range cn.notes {
				for k := range f.notes[n] {
					b := &f.notes[n][k]
					place(b, b.items, x, y+b.before)
					y += b.before + b.h
				}
			}
		}
		// hairlines between columns that both hold text
		for c := 1; c < f.cols && !opts.NoColumnRules; c++ {
			if colBottom[c-1] == 0 || colBottom[c] == 0 {
				continue
			}
			y0, y1 := min(colTop[c-1], colTop[c]), max(colBottom[c-1], colBottom[c])
			x := left + page.Unit(c)*(f.colW+f.gap) - f.gap/2
			p.Items = append(p.Items, page.Item{Kind: page.ItemLine, X: x, Y: y0, H: y1 - y0, Stroke: f.th.rule / 2, Color: f.th.hairline, Role: page.RoleFurniture})
		}
		doc.Pages = append(doc.Pages, p)
	}
	return doc, nil
}

// clipAbove returns items with the lines that reach above their box (a
// quote's rule drawn through the space above it) cut at the box's top: at
// the top of a column, where that space is dropped.
func clipAbove(items []page.Item) []page.Item {
	var out []page.Item
	for i, it := range items {
		if it.Kind != page.ItemLine || it.W != 0 || min(it.Y, it.Y+it.H) >= 0 {
			continue
		}
		if out == nil {
			out = slices.Clone(items)
		}
		out[i].Y, out[i].H = 0, max(it.Y, it.Y+it.H, 0)
	}
	if out == nil {
		return items
	}
	return out
}

// columnX returns the offset of column c from the text block's left edge:
// columns run from the right in a right-to-left article.
func (f *flow) columnX(c int) page.Unit {
	if f.rtl {
		c = f.cols - 1 - c
	}
	return page.Unit(c) * (f.colW + f.gap)
}

// grid returns the page's grid: columns of body text on a baseline grid.
func (f *flow) grid() grid {
	g := grid{n: f.cols, H: f.frameH}
	if f.cols > 1 {
		g.line = f.body.leading
	}
	return g
}

// pageEdges returns the left and right edges of page i's text block: with
// Options.Mirror, even pages (left-hand, 2, 4…) have the inside margin and
// gutter on the right.
func pageEdges(opts Options, i int) (left, right page.Unit) {
	return opts.Margins.Edges(opts.Page.W, opts.Gutter, opts.Mirror, i)
}

// textItems sets a short single line of text; x is the left edge for
// alignLeft and the right edge for alignRight. Right-to-left text in it is
// put in visual order, at the direction of its first letter.
func textItems(s *shaper, text string, rs runStyle, x, baseline page.Unit, align alignment) []page.Item {
	elems := s.plain(text, rs)
	if len(elems) == 0 {
		return nil
	}
	rtl := firstStrongRTL(elems)
	elems = withLevels(elems, rtl)
	var w page.Unit
	for _, e := range elems {
		w += e.w
	}
	if align == alignRight {
		x -= w
	}
	items, _ := setLineDir(elems, line{start: 0, brk: len(elems), forced: true}, x, baseline, w, alignLeft, rtl)
	for i := range items {
		items[i].Role = page.RoleFurniture
	}
	tagArtifacts(items)
	return items
}

// fitText shortens text with an ellipsis to fit width max. A running
// head fits the same title to the same width on every page, shaping it a
// word shorter at a time: the answer is kept (s.fitted) rather than
// found again on each page.
func fitText(s *shaper, text string, rs runStyle, max page.Unit) string {
	k := fitKey{text, rs, max}
	if t, ok := s.fitted[k]; ok {
		return t
	}
	t := fitTextNow(s, text, rs, max)
	if s.fitted == nil || len(s.fitted) >= maxFitted {
		s.fitted = map[fitKey]string{} // a book's many titles: never more than maxFitted kept
	}
	s.fitted[k] = t
	return t
}

// fitKey is what fitText's answer depends on.
type fitKey struct {
	text string
	rs   runStyle
	max  page.Unit
}

// maxFitted is the most answers of fitText a shaper keeps.
const maxFitted = 64

// fitTextNow is fitText without the kept answers.
func fitTextNow(s *shaper, text string, rs runStyle, max page.Unit) string {
	width := func(t string) page.Unit {
		var w page.Unit
		for _, e := range s.plain(t, rs) {
			w += e.w
		}
		return w
	}
	if width(text) <= max {
		return text
	}
	words := strings.Fields(text)
	for len(words) > 1 {
		words = words[:len(words)-1]
		t := strings.TrimRight(strings.Join(words, " "), ",;:.–—-") + "…"
		if width(t) <= max {
			return t
		}
	}
	r := []rune(text)
	for len(r) > 1 {
		r = r[:len(r)*3/4]
		if t := string(r) + "…"; width(t) <= max {
			return t
		}
	}
	return ""
}

// warnMissing gives one warning per script whose characters no font has,
// naming the script and where to get a font for it.
func warnMissing(logger *slog.Logger, missing map[rune]int) {
	if len(missing) == 0 {
		return
	}
	type script struct {
		name  string
		count int
		runes []rune
	}
	byName := map[string]*script{}
	var names []string
	for r, n := range missing {
		name := fonts.ScriptOf(r)
		sc := byName[name]
		if sc == nil {
			sc = &script{name: name}
			byName[name] = sc
			names = append(names, name)
		}
		sc.count += n
		sc.runes = append(sc.runes, r)
	}
	slices.Sort(names)
	for _, name := range names {
		sc := byName[name]
		slices.Sort(sc.runes)
		var sample []string
		for _, r := range sc.runes[:min(len(sc.runes), 6)] {
			sample = append(sample, fmt.Sprintf("%c U+%04X", r, r))
		}
		what := name + " script"
		if name == "" {
			what = "symbols and emoji"
		}
		logger.Warn(fmt.Sprintf("%d characters (%s) have no glyph in the embedded or installed fonts and print as \uFFFD; to print them, %s",
			sc.count, what, fonts.InstallHint(name, sc.runes)), "examples", strings.Join(sample, ", "))
	}
}
