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

// BookSource gives the articles of a book by index. ExportBook reads it
// twice, first to count pages and then to print, so it must give the same
// article for the same index; it is called from several goroutines.
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

// bookEntry is what the first pass learns of an article.
type bookEntry struct {
	index  int
	title  string
	detail string
	date   time.Time
	pages  int
	lang   string // the language of the article (page.Info.Language)
	start  int    // printed number of its first page
	blank  bool
}

// ExportBook binds the articles of src into one PDF written to w: a cover
// (title, date range, article count), a table of contents with page
// numbers and links, every article from a new page (a right-hand one with
// Recto), page numbers running through the book, and an outline entry per
// article. Articles that fail are left out and reported;
// the book is written page by page, so memory does not grow with its
// length.
func ExportBook(ctx context.Context, w io.Writer, src BookSource, bo BookOptions) (BookResult, error) {
	lo, err := layoutOptions(&article.Article{}, bo.Options)
	if err != nil {
		return BookResult{}, err
	}
	jobs := bo.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	n := src.Len()
	res := BookResult{}

	// pass 1: lay every article out once to learn its pages
	entries := make([]*bookEntry, n)
	errs := make([]error, n)
	var g errgroup.Group
	g.SetLimit(jobs)
	for i := 0; i < n && ctx.Err() == nil; i++ {
		g.Go(func() error {
			if ctx.Err() != nil {
				return nil
			}
			a, o, err := src.Article(ctx, i)
			if err == nil {
				var doc *page.Document
				doc, err = layoutArticle(ctx, a, bo.merge(o), lo, layout.Folio{}, true)
				if err == nil {
					entries[i] = &bookEntry{index: i, title: a.Title, detail: entryDetail(a), date: a.Date(), pages: len(doc.Pages), lang: doc.Info.Language}
				}
			}
			errs[i] = err
			return nil // an article's error is its own: the others go on
		})
	}
	g.Wait()
	if err := ctx.Err(); err != nil {
		return res, err
	}
	var list []*bookEntry
	for i, e := range entries {
		if e == nil {
			res.Failed = append(res.Failed, BookFailure{Index: i, Err: errs[i]})
			continue
		}
		list = append(list, e)
	}
	if len(list) == 0 {
		return res, fmt.Errorf("%w: no article of the book could be printed", ErrNoContent)
	}
	sortEntries(list, bo.Sort)
	lang := bookLanguage(list)

	// front matter: the cover, then the contents, whose length does not
	// depend on the page numbers
	contents := make([]layout.ContentsEntry, len(list))
	for i, e := range list {
		contents[i] = layout.ContentsEntry{Title: e.title, Detail: e.detail}
	}
	tocPages := 0
	if err := layout.ContentsParts("Contents", contents, lo, func(part *page.Document, _ int, _ []layout.ContentsLink) error {
		tocPages += len(part.Pages)
		return ctx.Err()
	}); err != nil {
		return res, err
	}
	next := 2 + tocPages
	for _, e := range list {
		if bo.Recto && next%2 == 0 {
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

	first, last := bookDates(list)
	cover, err := layout.CoverPage(layout.Cover{Title: bookTitle(bo), Subtitle: bo.Subtitle, From: first, To: last,
		Articles: len(list), Pages: total}, lo)
	if err != nil {
		return res, err
	}
	created := lo.Created
	if created.IsZero() {
		created = last
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}

	// the book is one PDF, written as it is made: each face and picture
	// once, each page as soon as it is laid out
	pw := pdf.NewWriter(w, page.Info{Title: bookTitle(bo), Subject: bo.Subtitle, Created: created, Language: lang}, lo.Page, true)
	used := newFontsUsed(lo.Fonts) // the font files the book uses, for its Keywords
	for _, pg := range cover.Pages {
		used.add(pg)
	}
	if err := addPages(pw, cover, nil); err != nil {
		return res, err
	}
	// the contents, a few pages at a time, numbered from page 2
	flo := lo
	flo.Folio = layout.Folio{FirstPage: 2, TotalPages: total}
	err = layout.ContentsParts("Contents", contents, flo, func(part *page.Document, first int, links []layout.ContentsLink) error {
		plo := flo
		plo.Folio.FirstPage += first
		if err := layout.FurnishBook(part, bookTitle(bo), plo); err != nil {
			return err
		}
		for _, pg := range part.Pages {
			used.add(pg)
		}
		return addPages(pw, part, func(i int) {
			for _, l := range links {
				if l.Page == i {
					pw.Link(l.X, l.Y, l.W, l.H, list[l.Entry].start-1)
				}
			}
		})
	})
	if err != nil {
		return res, err
	}

	// pass 2: print the articles in book order, a few at a time
	err = orderedParallel(ctx, len(list), jobs, func(ctx context.Context, k int) (*page.Document, error) {
		e := list[k]
		a, o, err := src.Article(ctx, e.index)
		if err != nil {
			return nil, err
		}
		olo := lo
		olo.Folio = layout.Folio{FirstPage: e.start, TotalPages: total}
		doc, err := layoutArticle(ctx, a, bo.merge(o), olo, olo.Folio, false)
		if err != nil {
			return nil, err
		}
		if len(doc.Pages) != e.pages {
			return nil, fmt.Errorf("article %q laid out in %d pages, then %d", e.title, e.pages, len(doc.Pages))
		}
		doc.SetLanguage(lang) // an article in another language is a passage in it
		return doc, nil
	}, func(k int, doc *page.Document) error {
		e := list[k]
		if e.blank {
			if _, err := pw.AddPage(&page.Page{Size: lo.Page}, nil); err != nil {
				return err
			}
		}
		// one outline entry per article, at its headline
		mark := page.Bookmark{Title: e.title}
		if len(doc.Outline) > 0 && doc.Outline[0].Level == 0 {
			mark.Y = doc.Outline[0].Y
		}
		for i, pg := range doc.Pages {
			var marks []page.Bookmark
			if i == 0 {
				marks = append(marks, mark)
			}
			used.add(pg)
			if _, err := pw.AddPage(pg, doc.Images, marks...); err != nil {
				return err
			}
		}
		return ctx.Err()
	})
	if err != nil {
		return res, err
	}
	if kw := used.keywords(""); kw != "" {
		pw.SetKeywords(kw)
	}
	if err := pw.Close(); err != nil {
		return res, err
	}
	res.Pages, res.Articles = pw.Pages(), len(list)
	return res, nil
}

// addPages adds the pages of doc to pw, calling after(i), when not nil,
// after page i.
func addPages(pw *pdf.Writer, doc *page.Document, after func(int)) error {
	for i, pg := range doc.Pages {
		if _, err := pw.AddPage(pg, doc.Images); err != nil {
			return err
		}
		if after != nil {
			after(i)
		}
	}
	return nil
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

// layoutArticle lays out one article of a book with its images; counting
// skips loading images in the first pass only when images are off.
func layoutArticle(ctx context.Context, a *article.Article, o Options, lo layout.Options, folio layout.Folio, counting bool) (*page.Document, error) {
	if a == nil || (strings.TrimSpace(a.Title) == "" && len(a.Body) == 0) {
		return nil, ErrNoContent
	}
	lo.Folio = folio
	lo.Logger = o.Logger
	if counting {
		// warnings are given once, when the article is printed
		lo.Logger = nil
		o.Logger = nil
	}
	lo.Images = loadImages(ctx, a, o, lo)
	doc, err := layout.Layout(ctx, a, lo)
	if err != nil || counting {
		return doc, err
	}
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
