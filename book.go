package galley

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/pdf"
)

// BookSource gives the articles of a book by index. ExportBook asks for
// each article once, from several goroutines, a few at a time in index
// order.
type BookSource interface {
	Len() int
	// Article returns article i and the options to print it with (its
	// image loader, reading its input's folder, say); the book's page,
	// margins and fonts override them.
	Article(ctx context.Context, i int) (*article.Article, Options, error)
}

// BookOptions control a bound book.
type BookOptions struct {
	Options         // page size, margins, date, images, logger
	Title    string // the collection's title, on the cover and as the PDF title
	Subtitle string
	Sort     string // "input" (default), "date" (oldest first) or "title"
	Recto    bool   // start every article on a right-hand (odd) page
	Jobs     int    // articles laid out at once; 0 is the number of CPUs
}

// BookFailure is an article left out of a book.
type BookFailure struct {
	Index int
	Err   error
}

// BookResult describes a printed book.
type BookResult struct {
	Pages    int
	Articles int
	Failed   []BookFailure
}

// bookEntry is what the book keeps of a printed article once its pages
// are written: what the contents, the cover, the outline and its page
// numbers need. Its strings are copies (binder.write), which keep
// nothing of the article's memory.
type bookEntry struct {
	title   string
	detail  string
	date    time.Time
	lang    string             // the language of the article (page.Info.Language)
	running layout.RunningText // what its running heads and footers say of it
	first   int                // the PDF's index of its first page, as written
	pages   int
	markY   page.Unit // its headline, for its outline entry
	start   int       // printed number of its first page
	blank   bool      // whether a blank page comes before it (Recto)
	blankAt int       // the PDF's index of that page
}

// printedArticle is an article laid out, or why it could not be.
type printedArticle struct {
	entry *bookEntry
	doc   *page.Document
	err   error
}

// ExportBook binds the articles of src into one PDF written to w: a cover
// (title, date range, article and page count), a table of contents with
// page numbers and links, every article from a new page (a right-hand one
// with Recto), page numbers running through the book, and an outline
// entry per article. Articles that fail are left out and reported.
//
// Each article is read, laid out and has its images prepared once, and
// its pages are written as soon as it is laid out, in input order; what
// depends on the whole book (the page numbers and count, the cover, the
// contents, the order of the articles and the blank pages before right-
// hand starts) is written at the end, and the PDF's page tree puts the
// pages in the book's order. So memory does not grow with the book's
// length beyond a few numbers and titles per article, and the bytes are
// the same for any Jobs.
func ExportBook(ctx context.Context, w io.Writer, src BookSource, bo BookOptions) (BookResult, error) {
	lo, err := layoutOptions(&article.Article{}, bo.Options)
	if err != nil {
		return BookResult{}, err
	}
	folios, err := layout.NewFolioSetter(lo)
	if err != nil {
		return BookResult{}, err
	}
	jobs := bo.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	b := &binder{w: w, bo: bo, lo: lo, used: newFontsUsed(lo.Fonts)}
	err = orderedParallel(ctx, src.Len(), jobs, func(ctx context.Context, i int) (printedArticle, error) {
		return printArticle(ctx, src, i, bo, lo), nil // an article's error is its own: the others go on
	}, b.write)
	if err != nil {
		return b.res, err
	}
	if len(b.list) == 0 {
		return b.res, fmt.Errorf("%w: no article of the book could be printed", ErrNoContent)
	}
	if err := b.finish(ctx, folios); err != nil {
		return b.res, err
	}
	b.res.Pages, b.res.Articles = b.pw.Pages(), len(b.list)
	return b.res, nil
}

// printArticle reads article i of src and lays it out, with its images,
// for a book whose page numbers are not yet known.
func printArticle(ctx context.Context, src BookSource, i int, bo BookOptions, lo layout.Options) printedArticle {
	a, o, err := src.Article(ctx, i)
	if err != nil {
		return printedArticle{err: err}
	}
	doc, err := layoutArticle(ctx, a, bo.merge(o), lo, layout.Folio{Late: true})
	if err == nil && len(doc.Pages) == 0 {
		err = ErrNoContent
	}
	if err != nil {
		return printedArticle{err: err}
	}
	e := &bookEntry{title: a.Title, detail: entryDetail(a), date: a.Date(), lang: doc.Info.Language,
		running: layout.RunningTextOf(a), pages: len(doc.Pages)}
	if len(doc.Outline) > 0 && doc.Outline[0].Level == 0 {
		e.markY = doc.Outline[0].Y
	}
	// the book's language is known at the end: the article's text says
	// its own
	doc.SetLanguage("")
	return printedArticle{entry: e, doc: doc}
}

// binder writes a book: the articles' pages as they come, then the rest.
type binder struct {
	w    io.Writer
	bo   BookOptions
	lo   layout.Options
	pw   *pdf.Writer // begun with the first article printed
	used *fontsUsed  // the font files the book uses, for its Keywords
	list []*bookEntry
	res  BookResult
	seen map[string]string // the strings kept, by value
}

// intern returns a copy of s shared with the equal strings kept before.
func (b *binder) intern(s string) string {
	if t, ok := b.seen[s]; ok {
		return t
	}
	if b.seen == nil {
		b.seen = map[string]string{}
	}
	s = strings.Clone(s)
	b.seen[s] = s
	return s
}

// write writes the pages of article k, or records its failure.
func (b *binder) write(k int, p printedArticle) error {
	if p.err != nil {
		b.res.Failed = append(b.res.Failed, BookFailure{Index: k, Err: p.err})
		return nil
	}
	if b.pw == nil {
		// the book is one PDF, written as it is made: each face and
		// picture once, each page as soon as it is laid out; its date and
		// language are known at the end
		b.pw = pdf.NewWriter(b.w, page.Info{Title: bookTitle(b.bo), Subject: b.bo.Subtitle, Profile: string(b.bo.PDFProfile)}, b.lo.Page, true)
	}
	e := p.entry
	// a book keeps a few strings of each article: copies, and one of
	// those many share (site, author, date, language)
	e.title, e.detail, e.lang = strings.Clone(e.title), strings.Clone(e.detail), b.intern(e.lang)
	rt := &e.running
	rt.Title, rt.Site, rt.Author, rt.Date = e.title, b.intern(rt.Site), b.intern(rt.Author), b.intern(rt.Date)
	b.pw.BeginStructure(p.doc.Structure, "Part")
	for i, pg := range p.doc.Pages {
		b.used.add(pg)
		at, err := b.pw.AddPage(pg, p.doc.Images)
		if err != nil {
			return err
		}
		if i == 0 {
			e.first = at
		}
	}
	b.list = append(b.list, e)
	return nil
}

// finish writes what depends on the whole book: the articles' page
// numbers, the blank pages before right-hand starts, the cover and the
// contents, the outline and the order of the pages; then it closes the
// PDF.
func (b *binder) finish(ctx context.Context, folios *layout.FolioSetter) error {
	list, lo, pw := b.list, b.lo, b.pw
	sortEntries(list, b.bo.Sort)
	lang := bookLanguage(list)
	pw.SetLanguage(lang)

	// the contents' length does not depend on the page numbers
	contents := make([]layout.ContentsEntry, len(list))
	for i, e := range list {
		contents[i] = layout.ContentsEntry{Title: e.title, Detail: e.detail}
	}
	tocPages := 0
	if err := layout.ContentsParts("Contents", contents, lo, func(part *page.Document, _ int, _ []layout.ContentsLink) error {
		tocPages += len(part.Pages)
		return ctx.Err()
	}); err != nil {
		return err
	}
	next := 2 + tocPages
	for _, e := range list {
		if b.bo.Recto && next%2 == 0 {
			e.blank = true
			next++
		}
		e.start = next
		next += e.pages
	}
	total := next - 1
	for i, e := range list {
		contents[i].Page = e.start
	}

	// the articles' page numbers
	for _, e := range list {
		lone := &page.ItemMore{Lang: e.lang}
		for i := range e.pages {
			items := folios.Items(e.running, lo.Page, i, e.start+i, total)
			if len(items) == 0 {
				continue
			}
			for k := range items {
				if items[k].Kind == page.ItemText {
					items[k].SetLang(e.lang, lone)
				}
			}
			b.used.add(&page.Page{Items: items})
			if err := pw.AddToPage(e.first+i, items, nil); err != nil {
				return err
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	for _, e := range list {
		if e.blank {
			at, err := pw.AddPage(&page.Page{Size: lo.Page}, nil)
			if err != nil {
				return err
			}
			e.blankAt = at
		}
	}

	// the front matter: the cover, then the contents, numbered from
	// page 2
	first, last := bookDates(list)
	cover, err := layout.CoverPage(layout.Cover{Title: bookTitle(b.bo), Subtitle: b.bo.Subtitle, From: first, To: last,
		Articles: len(list), Pages: total}, lo)
	if err != nil {
		return err
	}
	order := make([]int, 0, total)
	// addFront writes a page of the front matter, read first
	addFront := func(pg *page.Page, images map[string]*page.Image) error {
		b.used.add(pg)
		at, err := pw.AddPage(pg, images)
		order = append(order, at)
		return err
	}
	pw.BeginFrontStructure(cover.Structure, "Sect")
	for _, pg := range cover.Pages {
		if err := addFront(pg, cover.Images); err != nil {
			return err
		}
	}
	flo := lo
	flo.Folio = layout.Folio{FirstPage: 2, TotalPages: total}
	err = layout.ContentsParts("Contents", contents, flo, func(part *page.Document, first int, links []layout.ContentsLink) error {
		plo := flo
		plo.Folio.FirstPage += first
		if err := layout.FurnishBook(part, bookTitle(b.bo), plo); err != nil {
			return err
		}
		pw.BeginFrontStructure(part.Structure, "Sect")
		for i, pg := range part.Pages {
			if err := addFront(pg, part.Images); err != nil {
				return err
			}
			for _, l := range links {
				if l.Page == i {
					pw.Link(l.X, l.Y, l.W, l.H, list[l.Entry].first)
				}
			}
		}
		return ctx.Err()
	})
	if err != nil {
		return err
	}

	// the articles in the book's order, an outline entry at each headline
	for _, e := range list {
		if e.blank {
			order = append(order, e.blankAt)
		}
		for i := range e.pages {
			order = append(order, e.first+i)
		}
		pw.BookmarkPage(e.first, page.Bookmark{Title: e.title, Y: e.markY})
	}
	if len(order) != total || pw.Pages() != total {
		return fmt.Errorf("%w: the book has %d pages, %d in order, and numbers %d", pdf.ErrWrite, pw.Pages(), len(order), total)
	}
	pw.SetPageOrder(order)
	created := lo.Created
	if created.IsZero() {
		created = last
	}
	pw.SetCreated(created)
	if kw := b.used.keywords(""); kw != "" {
		pw.SetKeywords(kw)
	}
	return pw.Close()
}

// bookLanguage is the language of most of the book's articles (of the
// first, among equals), or "" when none says.
func bookLanguage(list []*bookEntry) string {
	count := map[string]int{}
	best := ""
	for _, e := range list {
		if e.lang == "" {
			continue
		}
		count[e.lang]++
		if best == "" || count[e.lang] > count[best] {
			best = e.lang
		}
	}
	return best
}

// merge gives an article's own options the book's layout settings; its
// images come through its own loader (its input's folder), when it has one.
func (bo BookOptions) merge(o Options) Options {
	b := bo.Options
	if o.Images != nil {
		b.Images = o.Images
	}
	return b
}

// layoutArticle lays out one article of a book, with its images,
// numbered by folio.
func layoutArticle(ctx context.Context, a *article.Article, o Options, lo layout.Options, folio layout.Folio) (*page.Document, error) {
	if a == nil || (strings.TrimSpace(a.Title) == "" && len(a.Body) == 0) {
		return nil, ErrNoContent
	}
	lo.Folio = folio
	lo.Logger = o.Logger
	lo.Images = loadImages(ctx, a, o, lo)
	doc, err := layout.Layout(ctx, a, lo)
	if err != nil {
		return nil, err
	}
	doc.PlaceDrawings(lo.Fonts)
	reduceImages(ctx, doc, o.ImageDPI, lo.Logger)
	return doc, ctx.Err()
}

func entryDetail(a *article.Article) string {
	var parts []string
	if d := a.Date(); !d.IsZero() {
		parts = append(parts, d.Format("2 January 2006"))
	}
	if by := a.Byline(); by != "" {
		parts = append(parts, by)
	}
	return strings.Join(parts, " · ")
}

func sortEntries(list []*bookEntry, by string) {
	switch by {
	case "date":
		slices.SortStableFunc(list, func(a, b *bookEntry) int { return a.date.Compare(b.date) })
	case "title":
		slices.SortStableFunc(list, func(a, b *bookEntry) int {
			return strings.Compare(strings.ToLower(a.title), strings.ToLower(b.title))
		})
	}
}

func bookDates(list []*bookEntry) (first, last time.Time) {
	for _, e := range list {
		if e.date.IsZero() {
			continue
		}
		if first.IsZero() || e.date.Before(first) {
			first = e.date
		}
		if e.date.After(last) {
			last = e.date
		}
	}
	return first, last
}

func bookTitle(bo BookOptions) string {
	return cmp.Or(bo.Title, "Collected articles")
}

// orderedParallel makes results of work(ctx, 0..n-1) on jobs goroutines
// and hands them to consume in index order, holding at most 2×jobs
// results. It returns once every goroutine it started has: on an error
// (the first), or when ctx is done, it cancels the context work was given
// and waits for the work under way to stop.
func orderedParallel[T any](ctx context.Context, n, jobs int, work func(context.Context, int) (T, error), consume func(int, T) error) error {
	jobs = max(jobs, 1)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(jobs + 1) // the consumer and jobs workers
	slots := make([]chan T, n)
	for i := range slots {
		slots[i] = make(chan T, 1)
	}
	window := make(chan struct{}, 2*jobs) // results made and not yet consumed
	g.Go(func() error {
		for i := range n {
			select {
			case v := <-slots[i]:
				<-window
				if err := consume(i, v); err != nil {
					return err
				}
			case <-gctx.Done():
				return gctx.Err()
			}
		}
		return nil
	})
feed:
	for i := range n {
		select {
		case window <- struct{}{}:
		case <-gctx.Done():
			break feed
		}
		g.Go(func() error {
			v, err := work(gctx, i)
			if err != nil {
				return err
			}
			slots[i] <- v
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

// Articles is a BookSource of articles in memory, each printed with the
// book's options.
type Articles []*article.Article

// Len returns the number of articles.
func (s Articles) Len() int { return len(s) }

// Article returns article i.
func (s Articles) Article(_ context.Context, i int) (*article.Article, Options, error) {
	return s[i], Options{}, nil
}
