package galley

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/par"
	"github.com/galleyprint/galley/internal/pdfjoin"
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
	index   int
	title   string
	detail  string
	date    time.Time
	pages   int
	lang    string // the language of the article (page.Info.Language)
	start   int    // printed number of its first page
	blank   bool
	outline []page.Bookmark // of the printed article, set in pass 2
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
	par.Each(ctx, n, jobs, func(i int) {
		a, o, err := src.Article(ctx, i)
		if err == nil {
			var doc *page.Document
			doc, err = layoutArticle(ctx, a, bo.merge(o), lo, layout.Folio{}, true)
			if err == nil {
				entries[i] = &bookEntry{index: i, title: a.Title, detail: entryDetail(a), date: a.Date(), pages: len(doc.Pages), lang: doc.Info.Language}
			}
		}
		errs[i] = err
	})
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
	toc, _, err := layout.Contents("Contents", contents, lo)
	if err != nil {
		return res, err
	}
	next := 2 + len(toc.Pages)
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

	j := pdfjoin.New(w)
	first, last := bookDates(list)
	cover, err := layout.CoverPage(layout.Cover{Title: bookTitle(bo), Subtitle: bo.Subtitle, From: first, To: last,
		Articles: len(list), Pages: total}, lo)
	if err != nil {
		return res, err
	}
	if err := addDoc(ctx, j, cover); err != nil {
		return res, err
	}
	flo := lo
	flo.Folio = layout.Folio{FirstPage: 2, TotalPages: total}
	toc, links, err := layout.Contents("Contents", contents, flo)
	if err != nil {
		return res, err
	}
	if err := layout.FurnishBook(toc, bookTitle(bo), flo); err != nil {
		return res, err
	}
	if err := addDoc(ctx, j, toc); err != nil {
		return res, err
	}
	for _, l := range links {
		e := list[l.Entry]
		j.Link(1+l.Page, l.X.Points(), l.Y.Points(), l.W.Points(), l.H.Points(), e.start-1)
	}

	// pass 2: print the articles in book order, a few at a time
	err = orderedParallel(ctx, len(list), jobs, func(ctx context.Context, k int) ([]byte, error) {
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
		e.outline = doc.Outline
		doc.SetLanguage(lang) // an article in another language is a passage in it
		var buf bytes.Buffer
		err = pdf.Write(ctx, &buf, doc)
		return buf.Bytes(), err
	}, func(k int, part []byte) error {
		e := list[k]
		if e.blank {
			if _, err := j.AddBlank(lo.Page.W.Points(), lo.Page.H.Points()); err != nil {
				return err
			}
		}
		firstPage, err := j.Add(part)
		if err != nil {
			return err
		}
		// one outline entry per article, at its headline
		y := 0.0
		if len(e.outline) > 0 && e.outline[0].Level == 0 {
			y = e.outline[0].Y.Points()
		}
		j.Bookmark(e.title, 0, firstPage, y)
		return nil
	})
	if err != nil {
		return res, err
	}
	created := lo.Created
	if created.IsZero() {
		created = last
	}
	if err := j.Close(pdfjoin.Info{Title: bookTitle(bo), Subject: bo.Subtitle, Created: created, Language: lang}); err != nil {
		return res, err
	}
	res.Pages, res.Articles = j.Pages(), len(list)
	return res, nil
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

func addDoc(ctx context.Context, j *pdfjoin.Joiner, doc *page.Document) error {
	var buf bytes.Buffer
	if err := pdf.Write(ctx, &buf, doc); err != nil {
		return err
	}
	_, err := j.Add(buf.Bytes())
	return err
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
// results. It returns once every goroutine it started has: on an error,
// or when ctx is done, it cancels the context work was given and waits
// for the work under way to stop.
func orderedParallel(ctx context.Context, n, jobs int, work func(context.Context, int) ([]byte, error), consume func(int, []byte) error) error {
	type result struct {
		data []byte
		err  error
	}
	window := 2 * jobs
	slots := make([]chan result, n)
	for i := range slots {
		slots[i] = make(chan result, 1)
	}
	ctx, cancel := context.WithCancel(ctx)
	sem := make(chan struct{}, window)   // results made and not yet consumed
	running := make(chan struct{}, jobs) // work under way
	done := make(chan struct{})          // closed when every goroutine has returned
	defer func() {
		cancel()
		<-done
	}()
	go func() {
		defer close(done)
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				wg.Wait()
				return
			}
			wg.Go(func() {
				running <- struct{}{}
				d, err := work(ctx, i)
				<-running
				slots[i] <- result{d, err}
			})
		}
		wg.Wait()
	}()
	for i := 0; i < n; i++ {
		var r result
		select {
		case r = <-slots[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		<-sem
		if r.err != nil {
			return r.err
		}
		if err := consume(i, r.data); err != nil {
			return err
		}
	}
	return nil
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
