// Package batch prints archives: many inputs to one PDF each and/or one
// bound book, in parallel, resumable after any interruption, and
// shardable across machines.
package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/parse"
)

// Options control a batch run.
type Options struct {
	// OutDir is the output folder, or a bucket prefix named by a storage
	// URL (s3://bucket/prefix/, gs://, azblob://, file://; see Storage).
	OutDir   string
	Jobs     int // articles printed at once; 0 is the number of CPUs
	Shard    int // with Shards: print the Shard-th (1-based) of Shards shares
	Shards   int
	Force    bool // redo articles a previous run printed
	FailFast bool // stop at the first failure
	Export   galley.Options
	// Images says where articles' images may come from; each article's
	// folder is its input's (none for an input from the web). The zero
	// value takes data: URIs alone. Export.Images, when set, is used as it
	// is instead.
	Images  galley.ImageSources
	Sources SourceOptions
	// Live lets the pages of web archives take the images their archive
	// lacks from Images (the network); without it they print from the
	// archive alone.
	Live bool
	// Drafts prints the drafts found in folders (front matter draft: true
	// or published: false, Jekyll's _drafts), which are otherwise skipped.
	Drafts bool
	// Storage opens the storage URLs given as OutDir, Book and sources;
	// nil: they fail with ErrNoStorage. Sources named by storage URLs are
	// copied into a temporary folder first and read from there.
	Storage Storage

	Book      string // write a bound book to this path or storage URL
	BookOnly  bool   // no PDF per article
	BookTitle string
	Sort      string // book order: "input", "date" or "title"
	Recto     bool

	Progress Progress // nil reports nothing
}

// Summary is what a run did.
type Summary struct {
	Total, Printed, Skipped, Failed int
	// NotPosts counts the files found in folders that were skipped as no
	// posts (each with its manifest line and reason), not in Skipped.
	NotPosts     int
	Pages        int
	Bytes        int64
	Elapsed      time.Duration
	Book         *galley.BookResult
	SourceErrors []error
}

// Progress hears about a run as it goes.
type Progress interface {
	Start(total int)
	Step(r Record)
	Finish(s Summary)
}

// ErrFailed is returned when some articles failed; the others printed.
var ErrFailed = errors.New("some articles failed")

// Run prints the articles of srcs. It returns ErrFailed (wrapped) when an
// article or source failed, after printing all the others (unless
// FailFast).
func Run(ctx context.Context, srcs []string, o Options) (Summary, error) {
	start := time.Now()
	if o.Jobs <= 0 {
		o.Jobs = runtime.NumCPU()
	}
	if o.Progress == nil {
		o.Progress = nopProgress{}
	}
	prefix := tempPrefix(o)
	out, err := openFolder(ctx, o.OutDir, o, prefix)
	if err != nil {
		return Summary{}, err
	}
	defer out.Close()
	srcs, fetchErrs, cleanup := fetchSources(ctx, srcs, o)
	defer cleanup()
	// the output folder and the book may sit inside a source folder
	if !IsStorageURL(o.OutDir) {
		o.Sources.Exclude = append(o.Sources.Exclude, o.OutDir)
	}
	if o.Book != "" && !IsStorageURL(o.Book) {
		o.Sources.Exclude = append(o.Sources.Exclude, o.Book)
	}
	var items []Item
	srcErrs := Enumerate(ctx, srcs, o.Sources, func(it Item) bool {
		if o.Shards <= 1 || Shard(it.ID, o.Shard, o.Shards) {
			items = append(items, it)
		}
		return ctx.Err() == nil
	})
	srcErrs = append(fetchErrs, srcErrs...)
	r := &runner{o: o, optHash: optionsHash(o.Export, o.Images, o.Sources.Extract), prefix: prefix, out: out,
		notPosts: &notPosts{drafts: o.Drafts, families: dominantFamilies(items)}}
	if o.Book != "" && !IsStorageURL(o.Book) {
		removeStale(filepath.Dir(o.Book), r.prefix)
	}
	sum := Summary{Total: len(items), SourceErrors: srcErrs}
	if err := r.openManifest(ctx); err != nil {
		return sum, err
	}
	defer r.manifest.Close()

	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	counts := make([]int, len(items)) // articles per item, for the book
	o.Progress.Start(len(items))
	if !o.BookOnly {
		r.printEach(ctx, cancel, items, &sum, counts)
	}
	if o.Book != "" && ctx.Err() == nil {
		res, unread, err := r.book(ctx, items, counts)
		sum.Book = &res
		for _, rec := range unread {
			r.manifest.write(rec)
			sum.add(rec)
			o.Progress.Step(rec)
		}
		if err != nil {
			r.manifest.Close()
			sum.Elapsed = time.Since(start)
			o.Progress.Finish(sum)
			return sum, fmt.Errorf("book: %w", err)
		}
		if o.BookOnly {
			// the book is the only output: its failures are the run's
			sum.Printed = res.Articles
			sum.Failed += len(res.Failed)
		}
	}
	// the manifest of an object store is stored now, also when cancelled
	merr := r.manifest.Close()
	sum.Elapsed = time.Since(start)
	sum.Failed += len(srcErrs)
	o.Progress.Finish(sum)
	if err := parent.Err(); err != nil {
		return sum, err
	}
	if merr != nil {
		return sum, fmt.Errorf("manifest: %w", merr)
	}
	if sum.Failed > 0 {
		return sum, fmt.Errorf("%w: %d of %d", ErrFailed, sum.Failed, sum.Total+len(srcErrs))
	}
	return sum, nil
}

// printEach prints items, Jobs at a time (with several jobs, an item
// waiting for the disk lends its turn: see slots.go), started in order,
// adding each record to sum and the manifest and counting each item's
// printed articles in counts. Once ctx is done the items not yet started
// are skipped; it returns when every started item is done.
func (r *runner) printEach(ctx context.Context, cancel func(), items []Item, sum *Summary, counts []int) {
	var mu sync.Mutex
	eachInTurn(ctx, len(items), r.o.Jobs, func(ctx context.Context, i int) {
		recs := r.process(ctx, items[i])
		mu.Lock()
		defer mu.Unlock()
		for _, rec := range recs {
			if rec.Status == StatusFailed && ctx.Err() != nil {
				continue // cut short by a cancel, not failed: the next run does it
			}
			if err := r.manifest.write(rec); err != nil && ctx.Err() == nil {
				rec.Status, rec.Error = StatusFailed, "manifest: "+err.Error()
			}
			sum.add(rec)
			r.o.Progress.Step(rec)
			if rec.Status == StatusFailed && r.o.FailFast {
				cancel()
			}
			if rec.Status != StatusFailed && rec.Reason == "" {
				counts[i]++
			}
		}
	})
}

// eachLimited calls fn for 0..n-1 on at most jobs goroutines, started in
// order. Once ctx is done the calls not yet started are skipped; it
// returns when every started call is done.
func eachLimited(ctx context.Context, n, jobs int, fn func(i int)) {
	var g errgroup.Group
	g.SetLimit(jobs)
	for i := 0; i < n && ctx.Err() == nil; i++ {
		g.Go(func() error {
			if ctx.Err() == nil { // not cancelled while waiting for a free slot
				fn(i)
			}
			return nil
		})
	}
	g.Wait()
}

func (s *Summary) add(r Record) {
	switch r.Status {
	case StatusOK:
		s.Printed++
	case StatusSkipped:
		if r.Reason != "" {
			s.NotPosts++
			break
		}
		s.Skipped++
	default:
		s.Failed++
	}
	s.Pages += r.Pages
	s.Bytes += r.Bytes
}

// runner holds what the workers share.
type runner struct {
	o        Options
	optHash  string
	prefix   string // temporary files of this shard
	out      Folder // where the PDFs and the manifest go
	prev     map[string]Record
	manifest recordWriter
	notPosts *notPosts
}

// openManifest reads the shard's manifest of earlier runs and opens it
// for this run's records: a local file appended to, or an object
// rewritten whole.
func (r *runner) openManifest(ctx context.Context) error {
	name := manifestName(r.o.Shard, r.o.Shards)
	if d, ok := r.out.(*diskFolder); ok {
		var err error
		if r.prev, err = loadManifest(filepath.Join(d.dir, name)); err != nil {
			return err
		}
		r.manifest, err = openManifest(filepath.Join(d.dir, name))
		return err
	}
	prev, m, err := loadObjectManifest(ctx, r.out, name)
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	r.prev, r.manifest = prev, m
	return nil
}

// process prints one item: one record per article, or one failure.
func (r *runner) process(ctx context.Context, it Item) []Record {
	t0 := time.Now()
	fail := func(err error) []Record {
		return []Record{{Input: it.ID, Status: StatusFailed, Error: oneLine(err), Seconds: since(t0)}}
	}
	data, ct, err := openItem(ctx, it)
	if err != nil {
		return fail(err)
	}
	inHash := hashHex(data)
	if why := r.notPosts.reason(it, data); why != "" {
		return []Record{{Input: it.ID, Status: StatusSkipped, Reason: why, Seconds: since(t0)}}
	}
	if recs, ok := r.unchanged(ctx, it.ID, inHash); ok {
		for i := range recs {
			recs[i].Status, recs[i].Seconds, recs[i].Warnings = StatusSkipped, since(t0), nil
		}
		return recs
	}
	var parseWarns warnings
	arts, err := articlesOf(it, data, ct, slog.New(&parseWarns))
	if err != nil {
		return fail(err)
	}
	images := itemImages(it, data, r.o)
	var out []Record
	for k, a := range arts {
		t1 := time.Now()
		id := it.ID
		if len(arts) > 1 {
			id += "#" + strconv.Itoa(k+1)
		}
		rec := Record{Input: id, InputHash: inHash, OptionsHash: r.optHash}
		var warns warnings
		opts := r.o.Export
		opts.Images = images
		opts.Logger = slog.New(&warns)
		name := outputName(a.Title, id)
		n, size, err := r.write(ctx, name, a, opts)
		rec.Warnings, rec.Seconds = append(parseWarns.list(), warns.list()...), since(t1)
		if err != nil {
			rec.Status, rec.Error = StatusFailed, oneLine(err)
		} else {
			rec.Status, rec.Output, rec.Pages, rec.Bytes = StatusOK, name, n, size
		}
		out = append(out, rec)
	}
	return out
}

// unchanged returns the records of an item a previous run printed from the
// same input with the same options, when all their PDFs are still there.
func (r *runner) unchanged(ctx context.Context, id, inHash string) ([]Record, bool) {
	if r.o.Force {
		return nil, false
	}
	var recs []Record
	if rec, ok := r.prev[id]; ok {
		recs = append(recs, rec)
	} else {
		for k := 1; ; k++ {
			rec, ok := r.prev[id+"#"+strconv.Itoa(k)]
			if !ok {
				break
			}
			recs = append(recs, rec)
		}
	}
	if len(recs) == 0 {
		return nil, false
	}
	for _, rec := range recs {
		if rec.Status == StatusFailed || rec.InputHash != inHash || rec.OptionsHash != r.optHash || rec.Output == "" {
			return nil, false
		}
		if ok, err := r.out.Exists(ctx, rec.Output); !ok || err != nil {
			return nil, false
		}
	}
	return recs, true
}

// write prints a into the output's file name atomically and returns its
// pages and size.
func (r *runner) write(ctx context.Context, name string, a *article.Article, opts galley.Options) (int, int64, error) {
	var res galley.Result
	var size int64
	err := r.out.Write(ctx, name, func(w io.Writer) error {
		cw := &countingWriter{w: w}
		var err error
		res, err = galley.Export(ctx, cw, a, opts)
		size = cw.n
		return err
	})
	if err != nil {
		return 0, 0, err
	}
	return res.Pages, size, nil
}

// countingWriter counts what passes through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// openItem returns an item's bytes; an article given whole is hashed in
// its JSON form.
func openItem(ctx context.Context, it Item) ([]byte, string, error) {
	if it.Article != nil {
		data, err := json.Marshal(it.Article)
		return data, "application/json", err
	}
	if it.Open == nil {
		return nil, "", fmt.Errorf("%s: nothing to read", it.ID)
	}
	return it.Open(ctx)
}

// Articles reads and parses the item, as a batch run does: its built
// article, or the articles of the bytes its Open returns. Programs that
// print some other way (galley export of a feed or archive) use it with
// Enumerate.
func (it Item) Articles(ctx context.Context) ([]*article.Article, error) {
	if it.Article != nil {
		return []*article.Article{it.Article}, nil
	}
	data, ct, err := openItem(ctx, it)
	if err != nil {
		return nil, err
	}
	return articlesOf(it, data, ct, nil)
}

// ArchiveArticles is Articles for a page of a web archive, with the
// fetcher of the page's images from the archive (falling back on live
// for what it lacks; nil: nothing else is fetched); nil for an item of
// another kind, whose images come from where the caller says.
func (it Item) ArchiveArticles(ctx context.Context, live galley.ImageFetcher) ([]*article.Article, galley.ImageFetcher, error) {
	if it.Resources == nil || it.Open == nil {
		arts, err := it.Articles(ctx)
		return arts, nil, err
	}
	data, ct, err := it.Open(ctx)
	if err != nil {
		return nil, nil, err
	}
	arts, err := articlesOf(it, data, ct, nil)
	return arts, it.Resources(data, live), err
}

// articlesOf parses an item, its warnings told to logger (nil: none).
func articlesOf(it Item, data []byte, contentType string, logger *slog.Logger) ([]*article.Article, error) {
	if it.Article != nil {
		return []*article.Article{it.Article}, nil
	}
	f := it.Format
	if f == "" && contentType != "" {
		f = galley.FormatOf(contentType)
	}
	po := parse.Options{Format: f, Name: it.Name, BaseURL: it.BaseURL, ContentType: contentType, Dir: it.BaseDir, Logger: logger}
	it.Extract.Apply(&po)
	return galley.Parse(data, po)
}

// outputName is a safe, stable and unique file name: the title's slug and
// a short hash of the article's identity. Nothing in a title can make it
// leave the output folder.
func outputName(title, id string) string {
	s := galley.Slug(title)
	if s == "" {
		s = "article"
	}
	return s + "-" + hashHex([]byte(id))[:10] + ".pdf"
}

// optionsHash identifies the options that change a PDF's bytes: every
// print option (its JSON form), where images may come from, a theme read
// from a file as it read (its JSON form, not its path), and the fonts by
// their absolute paths and as they are now: not how the paths were
// spelled, so that a rerun from another folder skips what is done. The
// logger, the image fetcher and the per-input folder are not options of
// the print. What is taken from HTML pages (--remove, --keep, site rules)
// counts when it is set.
func optionsHash(o galley.Options, images galley.ImageSources, extract galley.Extraction) string {
	o.Logger, o.Images = nil, nil
	o.Date = o.Date.UTC()
	theme, fonts := o.CustomTheme, o.Fonts
	o.CustomTheme, o.Fonts = nil, nil
	b, err := json.Marshal(o)
	if err != nil { // Options holds plain values; cannot happen
		b = []byte(fmt.Sprintf("%v", err))
	}
	key := "v5|" + string(b)
	images.Dir, images.Client = "", nil
	b, _ = json.Marshal(images)
	key += "|images=" + string(b)
	if theme != nil {
		b, _ := theme.JSON()
		key += "|theme=" + string(b)
	}
	if fonts.Installed() {
		key += "|installed fonts"
	}
	if len(extract.Remove)+len(extract.Keep)+len(extract.Sites) > 0 {
		b, _ := json.Marshal(extract)
		key += "|extract=" + string(b)
	}
	// the fonts as they are now: a replaced font file reprints
	for _, f := range fonts.Paths() {
		key += "|font=" + f
		if st, err := os.Stat(f); err == nil {
			key += fmt.Sprintf(":%d:%d", st.Size(), st.ModTime().UnixNano())
		}
	}
	return hashHex([]byte(key))
}

func hashHex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// tempPrefix names a shard's temporary files, so that a run removes only
// the leftovers of its own earlier, killed runs.
func tempPrefix(o Options) string {
	if o.Shards > 1 {
		return fmt.Sprintf(".galley-tmp-%d-of-%d-", o.Shard, o.Shards)
	}
	return ".galley-tmp-"
}

// removeStale deletes temporary files a killed run left in dir.
func removeStale(dir, prefix string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if n := e.Name(); strings.HasPrefix(n, prefix) && strings.HasSuffix(n, ".tmp") {
			if prefix == ".galley-tmp-" && strings.Contains(n, "-of-") {
				continue // another shard's
			}
			os.Remove(filepath.Join(dir, n))
		}
	}
}

func since(t time.Time) float64 {
	return float64(time.Since(t).Milliseconds()) / 1000
}

func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// warnings collects an article's warnings for the manifest.
type warnings struct {
	mu   sync.Mutex
	msgs []string
}

func (w *warnings) Enabled(context.Context, slog.Level) bool { return true }

func (w *warnings) Handle(_ context.Context, r slog.Record) error {
	msg := r.Message
	r.Attrs(func(a slog.Attr) bool {
		if a.Key != "input" {
			msg += " " + a.Key + "=" + a.Value.String()
		}
		return true
	})
	w.mu.Lock()
	w.msgs = append(w.msgs, msg)
	w.mu.Unlock()
	return nil
}

func (w *warnings) WithAttrs([]slog.Attr) slog.Handler { return w }
func (w *warnings) WithGroup(string) slog.Handler      { return w }

func (w *warnings) list() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.msgs...)
}

type nopProgress struct{}

func (nopProgress) Start(int)      {}
func (nopProgress) Step(Record)    {}
func (nopProgress) Finish(Summary) {}
