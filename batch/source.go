// Package batch prints many articles at once. This file and the other
// source*.go files are its input side: turning SRC arguments (files,
// folders, globs, @lists, JSON Lines, feeds, WARC archives and URLs) into a
// stream of Items, one per article to print.
package batch

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/parse"
)

// Item is one article to print from an archive.
type Item struct {
	// ID is the item's stable identity, unique within the run, which
	// names its PDF and its manifest line: a URL, or for a local file its
	// path below the folder it was found from, led by that folder's own
	// name ("blog/posts/a.md" for blog/posts/a.md whether the source was
	// blog, ./blog/, /home/me/blog or, run inside it, "."; "blog/a.md" for
	// the file blog/a.md given alone or matched by blog/*.md), the same
	// however the source is spelled and wherever galley runs; then
	// "blog/file.jsonl#L12", "blog/feed.xml#<guid>" (#entry-3 when the
	// entry has neither GUID nor link) or "arch.warc.gz#<WARC-Record-ID>".
	// Two files of one run that would get the same ID (blog/a.md of two
	// folders named blog) keep their absolute paths instead.
	ID string
	// Entry is the end of ID that tells the article within its file or
	// feed: "#L12", "#<guid>", "#<WARC-Record-ID>"; "" for a whole file
	// or page. A program that names its sources as it was given them
	// names an item by its source and Entry.
	Entry string
	// Name is for format detection and messages: the file name, or the URL
	// of web content; the ID for JSON Lines lines.
	Name string
	// BaseDir is the folder relative images of a local input are read
	// from; "" for web content (fetched pages, feed entries, WARC
	// records), which must not read local files.
	BaseDir string
	// BaseURL is the page's address for web content.
	BaseURL string
	// Format is the input format when known, else "" to detect (for
	// fetched pages: from the returned content type, then the content).
	Format parse.Format
	// Open returns the item's bytes (and the HTTP content type of fetched
	// and archived pages). It is called by a worker, maybe more than once
	// and concurrently with other items' Opens: it reads the file, the
	// line or the archive record again each time, and fetches pages.
	Open func(ctx context.Context) (data []byte, contentType string, err error)
	// Article, when set, is an already-built article (a feed entry with
	// its full content); Open is then nil.
	Article *article.Article
	// Extract changes what is taken from an HTML page (--remove, --keep,
	// site rules): Enumerate sets it from SourceOptions.Extract.
	Extract galley.Extraction
	// Found is the folder a file was found in, by a folder walk or a glob
	// (the glob's fixed part); "" for a file named as a source, which
	// always prints. A run skips the files found in a folder that are no
	// posts (a README, a draft, a redirect stub, an index page…).
	Found string
	// Resources, for a page of a web archive, serves the page's images
	// from the archive, given the page's bytes (for the candidates of its
	// srcset attributes) and the fetcher to fall back on for what the
	// archive lacks (nil: none, as without --live). Nil for other items.
	Resources func(page []byte, live galley.ImageFetcher) galley.ImageFetcher
}

// SourceOptions control enumerating sources.
type SourceOptions struct {
	// Offline: nothing is fetched. Link-only feed entries and URL sources
	// become items whose Open fails with an error wrapping galley.ErrFetch
	// that names the link and --offline; feed URLs fail as sources.
	Offline bool
	// Client fetches feeds and lists given as URLs, URL probes and
	// link-only entries; nil uses clients with timeouts.
	Client *http.Client
	// Logger receives notes on skipped files and records; nil discards.
	Logger *slog.Logger
	// Exclude lists files and folders that folder walks and globs skip,
	// e.g. the output folder when it lies inside a source folder.
	Exclude []string
	// MaxInput is the largest file, JSON Lines line or feed read, in
	// bytes; 0 is DefaultMaxInput. A larger one fails with an error
	// wrapping galley.ErrTooLarge that names the limit and galley's
	// --max-input flag, before it is read.
	MaxInput int64
	// Extract is given to every item (Item.Extract), for parsing.
	Extract galley.Extraction
}

// SourceError is the failure of a whole source (a missing file, an
// unreadable feed, a broken archive): other sources still enumerate.
type SourceError struct {
	Source string // the source as given, or the resolved path of a list line
	From   string // "list.txt:3" for a line of an @list, else ""
	Err    error
}

// Error names the source and what went wrong.
func (e *SourceError) Error() string {
	if e.From != "" {
		return e.From + ": " + e.Source + ": " + e.Err.Error()
	}
	return e.Source + ": " + e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *SourceError) Unwrap() error { return e.Err }

// DefaultMaxInput bounds what one item or feed reads unless
// SourceOptions.MaxInput says otherwise, as galley.ParseReader does.
const DefaultMaxInput = galley.MaxInputBytes

// Enumerate calls yield for every item of every source, in a stable
// order: sources in the order given, folder walks in filepath.WalkDir order
// (by name at each level), entries and lines in document order. JSON Lines
// and WARC files are scanned once, streaming, for offsets; nothing of them
// is kept but the offsets inside the yielded items. Returning false from
// yield stops the enumeration, as does ctx ending (the caller checks
// ctx.Err()). The failures of whole sources are returned as *SourceError
// values; they do not stop the other sources.
//
// A source is: a folder (walked for supported files, skipping hidden ones
// and galley's own output, see IsOutputName); a glob pattern (*, ?, [),
// each match a file or folder; "@list.txt" (one source per line, # comments
// and blank lines skipped, relative paths relative to the list's folder;
// "@-" reads standard input); a JSON Lines file (one item per non-empty
// line); an RSS, Atom or JSON feed (file or URL); a WARC or WARC.gz file
// (one item per HTML response with status 200); an http(s) URL (a page,
// or a feed when its content type or first bytes say so); or a file.
func Enumerate(ctx context.Context, srcs []string, opts SourceOptions, yield func(Item) bool) []error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // ends probes still running
	e := &enumerator{ctx: ctx, opts: opts, yield: yield, seen: map[string]bool{}, keys: map[string]string{},
		log: opts.Logger, client: opts.Client}
	if e.log == nil {
		e.log = slog.New(slog.DiscardHandler)
	}
	if e.client == nil {
		e.client = &http.Client{Timeout: 30 * time.Second}
	}
	for _, x := range opts.Exclude {
		if abs, err := filepath.Abs(x); err == nil {
			e.exclude = append(e.exclude, abs)
		}
	}
	e.probes = newProber(ctx, e.client)
	list := make([]listEntry, len(srcs))
	for i, s := range srcs {
		list[i] = listEntry{src: s}
	}
	e.sources(list, "")
	return e.errs
}

type enumerator struct {
	ctx     context.Context
	opts    SourceOptions
	client  *http.Client
	log     *slog.Logger
	yield   func(Item) bool
	stopped bool
	errs    []error
	seen    map[string]bool   // absolute paths and URLs of whole sources enumerated
	keys    map[string]string // IDs of local files given → their absolute paths
	exclude []string
	probes  *prober
}

// listEntry is one source: an argument or a line of a list.
type listEntry struct {
	src  string
	from string // "list.txt:3", or "" for an argument
}

func (e *enumerator) done() bool { return e.stopped || e.ctx.Err() != nil }

// limit is the most one item may read.
func (e *enumerator) limit() int64 {
	if e.opts.MaxInput > 0 {
		return e.opts.MaxInput
	}
	return DefaultMaxInput
}

// tooLarge is the error for an input of size bytes (0: unknown) over
// limit: what it is, the limit, and the flag that raises it.
func tooLarge(size, limit int64) error {
	what := "over"
	if size > 0 {
		what = megabytes(size) + ", over"
	}
	return fmt.Errorf("%w: %s the %s input limit; --max-input raises it", galley.ErrTooLarge, what, megabytes(limit))
}

// megabytes writes n bytes in MB, with a decimal when it is not whole.
func megabytes(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

func (e *enumerator) emit(it Item) bool {
	if e.done() {
		return false
	}
	it.Extract = e.opts.Extract
	if !e.yield(it) {
		e.stopped = true
	}
	return !e.stopped
}

func (e *enumerator) fail(src, from string, err error) {
	var pe *os.PathError
	if errors.As(err, &pe) && (pe.Path == src || filepath.Clean(pe.Path) == filepath.Clean(src)) {
		err = pe.Err // the path is already named
	}
	e.errs = append(e.errs, &SourceError{Source: src, From: from, Err: err})
}

// firstTime reports whether the source key (a path or URL) has not been
// enumerated yet in this run, and marks it.
func (e *enumerator) firstTime(key string) bool {
	if abs, err := filepath.Abs(key); err == nil && !isURL(key) {
		key = abs
	}
	if e.seen[key] {
		e.log.Debug("source given twice; enumerated once", "source", key)
		return false
	}
	e.seen[key] = true
	return true
}

// probeAhead is how many upcoming URL sources are probed while the
// current one enumerates.
const probeAhead = 4

// sources enumerates srcs in order; relative paths resolve against dir.
func (e *enumerator) sources(srcs []listEntry, dir string) {
	for i, s := range srcs {
		if e.done() {
			return
		}
		for j := i + 1; j < len(srcs) && j <= i+probeAhead; j++ {
			if u := strings.TrimSpace(srcs[j].src); isURL(u) && !e.opts.Offline && needsProbe(u) {
				e.probes.start(u)
			}
		}
		e.source(s, dir)
	}
}

func (e *enumerator) source(s listEntry, dir string) {
	src := s.src
	switch {
	case src == "":
		e.fail(`""`, s.from, errors.New("empty source"))
	case isURL(src):
		e.url(src, s.from)
	case strings.HasPrefix(src, "@") && s.from == "":
		e.list(src[1:], s.from)
	case src == "-":
		e.fail(src, s.from, errors.New("standard input is not a batch source; use @- to read a list of sources from it"))
	default:
		p := src
		if dir != "" && !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		p = filepath.Clean(p)
		if _, err := os.Lstat(p); err != nil && isGlob(src) {
			e.glob(p, src, s.from)
			return
		}
		e.path(p, src, s.from, "")
	}
}

// path enumerates a file or folder given as src (p is its cleaned path),
// found from the folder root: a glob's fixed part; "" for the folder
// itself, or a file's own folder.
func (e *enumerator) path(p, src, from, root string) {
	info, err := os.Stat(p)
	if err != nil && root != "" && isBrokenLink(p) {
		// a glob's match that is a broken link: a failed item, as in a walk
		if fileKind(p) != kindUnknown && e.firstTime(p) {
			e.emit(fileItem(p, e.itemKey(p, root), e.limit()))
		}
		return
	}
	if err != nil {
		e.fail(src, from, linkError(p, err))
		return
	}
	if info.IsDir() {
		e.walk(p, src, from, cmp.Or(root, p))
		return
	}
	if !e.firstTime(p) {
		return
	}
	e.file(p, e.itemKey(p, cmp.Or(root, filepath.Dir(p))), src, from, false, root)
}

// itemKey is the ID of the local file p found from the folder root: the
// folder's own name and p's path below it, with slashes. Whatever way root
// is spelled, it is the same; when another file of the run already has it,
// p's absolute path.
func (e *enumerator) itemKey(p, root string) string {
	absP, err := filepath.Abs(p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	key := filepath.ToSlash(absP)
	if absRoot, err := filepath.Abs(root); err == nil {
		if rel, err := filepath.Rel(absRoot, absP); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			key = filepath.ToSlash(rel)
			if name := filepath.Base(absRoot); name != string(filepath.Separator) && name != "." {
				key = name + "/" + key
			}
		}
	}
	if other, ok := e.keys[key]; ok && other != absP {
		e.log.Debug("two files with one ID: the second is named by its absolute path", "id", key, "file", absP)
		key = filepath.ToSlash(absP)
	}
	e.keys[key] = absP
	return key
}

// file enumerates one file p by its kind, its items' IDs made from key;
// inWalk skips XML files that are not feeds (a folder's sitemap or config)
// instead of treating them as articles. found is the folder p was found
// in by a walk or glob, "" when it was named.
func (e *enumerator) file(p, key, src, from string, inWalk bool, found string) {
	switch kind := fileKind(p); kind {
	case kindJSONL:
		e.jsonl(p, key, src, from)
	case kindWARC:
		e.warc(p, key, src, from)
	case kindWACZ:
		e.wacz(p, key, src, from)
	case kindArticle:
		if strings.EqualFold(filepath.Ext(p), ".json") { // a JSON Feed is named .json too
			if head, err := readHead(p, sniffLen); err == nil && isFeed(head) {
				e.feedFile(p, key, src, from)
				return
			}
		}
		it := fileItem(p, key, e.limit())
		it.Found = found
		e.emit(it)
	default: // XML or unknown extension: a feed, a WARC or an article
		head, err := readHead(p, sniffLen)
		if err != nil {
			e.fail(src, from, err)
			return
		}
		switch {
		case isFeed(head):
			e.feedFile(p, key, src, from)
		case kind == kindUnknown && isWARCHead(head):
			e.warc(p, key, src, from)
		case kind == kindXML && inWalk:
			e.log.Debug("skipping XML file that is not a feed", "file", p)
		default:
			e.emit(fileItem(p, key, e.limit()))
		}
	}
}

// fileItem is the file p, read whole by its Open (at most limit bytes),
// with ID key.
func fileItem(p, key string, limit int64) Item {
	return Item{ID: key, Name: p, BaseDir: filepath.Dir(p), Open: func(ctx context.Context) ([]byte, string, error) {
		if err := ctx.Err(); err != nil {
			return nil, "", err
		}
		data, err := readFileMax(p, limit)
		return data, "", err
	}}
}

// isBrokenLink reports whether p is a symbolic link that leads nowhere:
// to nothing, or round a loop.
func isBrokenLink(p string) bool {
	info, err := os.Lstat(p)
	if err != nil || info.Mode()&fs.ModeSymlink == 0 {
		return false
	}
	_, err = os.Stat(p)
	return err != nil
}

// linkError explains err, the failure to open or stat p, when p is a
// symbolic link that leads nowhere ("dangling symbolic link to
// ../gone.md", "symbolic link loop: a.md → b.md"); else it returns err
// without the path, which its caller names.
func linkError(p string, err error) error {
	if isBrokenLink(p) {
		target, _ := os.Readlink(p)
		if errors.Is(err, syscall.ELOOP) {
			return fmt.Errorf("symbolic link loop: %s → %s → …", filepath.Base(p), target)
		}
		return fmt.Errorf("dangling symbolic link to %s", target)
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readFileMax reads the file p, of at most limit bytes: its size is
// checked before it is read, into a buffer of that size.
func readFileMax(p string, limit int64) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		if isBrokenLink(p) {
			return nil, fmt.Errorf("%s: %w", p, linkError(p, err))
		}
		return nil, err
	}
	defer f.Close()
	size := int64(0)
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		if size = st.Size(); size > limit {
			return nil, fmt.Errorf("%s: %w", p, tooLarge(size, limit))
		}
	}
	// read into a buffer of the file's size (+1: the end is seen without
	// growing), grown only by a file that grows meanwhile: not
	// bytes.Buffer.ReadFrom, which wants room for 512 bytes more before
	// each read and so copies every file once into a buffer twice its size
	buf := make([]byte, 0, size+1)
	r := io.LimitReader(f, limit+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(len(buf)) > limit {
		return nil, fmt.Errorf("%s: %w", p, tooLarge(0, limit))
	}
	return buf, nil
}
