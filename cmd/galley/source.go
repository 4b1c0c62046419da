package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/batch"
)

// source is one input of export, preview or inspect: its articles, read
// at once (a file, a page, standard input), or the entries of a feed or
// the records of a web archive, which batch's readers enumerate and which
// are read one at a time, so an archive of any size prints in bounded
// memory.
type source struct {
	name    string
	arts    []*article.Article
	baseDir string // folder of a local input; "" for a fetched page
	items   []batch.Item
}

// count is the number of articles or entries.
func (s *source) count() int { return len(s.arts) + len(s.items) }

// piece is one article of a source, or why an entry could not be read.
type piece struct {
	name    string // for messages: the input, or the entry's or record's ID
	art     *article.Article
	baseDir string // "" for web content, which may not read local files
	// images, for a page of a web archive, reads its images from the
	// archive; nil: from baseDir and the web, as the flags allow
	images galley.ImageFetcher
	err    error
}

// each calls fn with every article in order, reading a feed's entries and
// an archive's records one at a time; an entry that cannot be read is
// passed with its error. It stops when fn returns an error or ctx ends.
func (s *source) each(ctx context.Context, fn func(piece) error) error {
	for _, a := range s.arts {
		if err := fn(piece{name: s.name, art: a, baseDir: s.baseDir}); err != nil {
			return err
		}
	}
	for _, it := range s.items {
		if err := ctx.Err(); err != nil {
			return err
		}
		arts, images, err := it.ArchiveArticles(ctx, nil)
		if err != nil {
			if err := fn(piece{name: s.name + it.Entry, err: err}); err != nil {
				return err
			}
			continue
		}
		for _, a := range arts {
			if err := fn(piece{name: s.name + it.Entry, art: a, baseDir: it.BaseDir, images: images}); err != nil {
				return err
			}
		}
	}
	return nil
}

// readSource reads one input. A feed or web archive (a file or URL) is
// handed to batch's readers, which make one article of each entry or
// record; one on standard input is refused, naming galley batch.
func readSource(ctx context.Context, e *env, name string, rd reading) (*source, error) {
	offline, quiet := rd.offline, rd.quiet
	var in input
	err := galley.ErrCollection
	if !isArchiveFile(name, rd.maxInput) { // an archive may be far larger than an input read whole
		in, err = parseInput(ctx, e, name, rd, newLogger(e.stderr, displayName(name), quiet))
	}
	switch {
	case err == nil:
		return &source{name: name, arts: in.arts, baseDir: in.baseDir}, nil
	case !errors.Is(err, galley.ErrCollection):
		return nil, err
	case name == "-":
		return nil, fmt.Errorf("%w: save it to a file to print its articles, or print it with galley batch", err)
	}
	s := &source{name: name}
	// batch's notes on each entry are for its manifest: warnings only
	logger := slog.New(&lineHandler{w: e.stderr, input: displayName(name), min: slog.LevelWarn})
	if quiet {
		logger = slog.New(slog.DiscardHandler)
	}
	errs := batch.Enumerate(ctx, []string{name}, batch.SourceOptions{Offline: offline, Logger: logger, MaxInput: rd.maxInput, Client: rd.client, Extract: rd.extract}, func(it batch.Item) bool {
		s.items = append(s.items, it)
		return true
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, errs[0] // one source fails as a whole once
	}
	if len(s.items) == 0 {
		return nil, fmt.Errorf("%s: %w: the feed or archive holds no article", name, galley.ErrNoContent)
	}
	return s, nil
}

// isArchiveFile reports a local file that is a web archive by its name
// (.warc, .warc.gz, .wacz) or, when it is larger than limit, too large to be read
// whole, by its first bytes.
func isArchiveFile(name string, limit int64) bool {
	if name == "-" || isURL(name) {
		return false
	}
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".wacz") {
		return true
	}
	for _, f := range galley.Formats() {
		if f.Format != "warc" {
			continue
		}
		for _, ext := range f.Extensions {
			if strings.HasSuffix(lower, ext) {
				return true
			}
		}
	}
	st, err := os.Stat(name)
	if err != nil || !st.Mode().IsRegular() || st.Size() <= limit {
		return false
	}
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 5)
	_, err = io.ReadFull(f, head)
	return err == nil && string(head) == "WARC/"
}
