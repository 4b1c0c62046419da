package batch

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
)

// bookSource serves a run's articles to galley.ExportBook, which asks for
// each once: it reads the article's item when asked, so that nothing is
// held but the articles being printed; each article gets an image loader
// of its own, reading its item's folder.
type bookSource struct {
	items   []Item
	entries [][2]int // item index and article index
	export  galley.Options
	run     Options // the run's options: where images come from
}

func (b *bookSource) Len() int { return len(b.entries) }

func (b *bookSource) Article(ctx context.Context, i int) (*article.Article, galley.Options, error) {
	e := b.entries[i]
	it := b.items[e[0]]
	data, ct, err := openItem(ctx, it)
	if err != nil {
		return nil, galley.Options{}, err
	}
	arts, err := articlesOf(it, data, ct, nil)
	if err != nil {
		return nil, galley.Options{}, err
	}
	if e[1] >= len(arts) {
		return nil, galley.Options{}, fmt.Errorf("%s: article %d is gone", it.ID, e[1]+1)
	}
	o := b.export
	o.Images = itemImages(it, data, b.run)
	return arts[e[1]], o, nil
}

// book binds the run's articles into the book file, written atomically.
// counts holds the articles each item gave in the per-article pass; in a
// book-only run the items are parsed here to count them.
// The records returned are the items a book-only run could not read or
// skipped as no posts.
func (r *runner) book(ctx context.Context, items []Item, counts []int) (galley.BookResult, []Record, error) {
	var unread []Record
	if r.o.BookOnly {
		var mu sync.Mutex
		eachLimited(ctx, len(items), r.o.Jobs, func(i int) {
			n, rec, ok := r.countItem(ctx, items[i])
			mu.Lock()
			defer mu.Unlock()
			if ok {
				counts[i] = n
			} else if ctx.Err() == nil {
				unread = append(unread, rec)
			}
		})
	}
	src := &bookSource{items: items, export: r.o.Export, run: r.o}
	for i, n := range counts {
		for k := 0; k < n; k++ {
			src.entries = append(src.entries, [2]int{i, k})
		}
	}
	if len(src.entries) == 0 {
		return galley.BookResult{}, unread, fmt.Errorf("%w: no article to bind", galley.ErrNoContent)
	}
	dir, name, err := bookPlace(r.o.Book)
	if err != nil {
		return galley.BookResult{}, unread, err
	}
	folder, err := openFolder(ctx, dir, r.o, r.prefix)
	if err != nil {
		return galley.BookResult{}, unread, err
	}
	defer folder.Close()
	bo := galley.BookOptions{Options: r.o.Export, Title: r.o.BookTitle, Sort: r.o.Sort, Recto: r.o.Recto, Jobs: r.o.Jobs}
	var res galley.BookResult
	err = folder.Write(ctx, name, func(w io.Writer) error {
		var err error
		res, err = galley.ExportBook(ctx, w, src, bo)
		return err
	})
	return res, unread, err
}

// countItem parses one item of a book-only run and counts its articles; it
// returns the failure record when the item cannot be read, or the skipped
// record of a file that is no post.
func (r *runner) countItem(ctx context.Context, it Item) (n int, rec Record, ok bool) {
	t0 := time.Now()
	data, ct, err := openItem(ctx, it)
	if err == nil {
		if why := r.notPosts.reason(it, data); why != "" {
			return 0, Record{Input: it.ID, Status: StatusSkipped, Reason: why, Seconds: since(t0)}, false
		}
	}
	var arts []*article.Article
	if err == nil {
		arts, err = articlesOf(it, data, ct, nil)
	}
	if err != nil {
		return 0, Record{Input: it.ID, Status: StatusFailed, Error: oneLine(err), Seconds: since(t0)}, false
	}
	return len(arts), Record{}, true
}
