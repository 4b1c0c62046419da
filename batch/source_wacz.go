package batch

import (
	"archive/zip"
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/galleyprint/galley/parse"
)

// Reading WACZ files, the zipped web archives Webrecorder and Browsertrix
// write: WARCs under archive/ and the list of the archive's pages in
// pages/pages.jsonl. The WARCs are scanned once into an index; each page
// listed is an item, read from its capture nearest the time the list
// gives (following recorded redirects and revisits), its images from the
// same index.

// waczPage is a line of pages.jsonl.
type waczPage struct {
	ID    string `json:"id"`
	URL   string `json:"url"`
	TS    string `json:"ts"`
	Title string `json:"title"`
}

// maxWACZPages bounds the pages read from one pages.jsonl.
const maxWACZPages = 1_000_000

// wacz enumerates the pages of the WACZ file p, in the order its
// pages.jsonl lists them.
func (e *enumerator) wacz(p, key, src, from string) {
	zr, err := zip.OpenReader(p)
	if err != nil {
		e.fail(src, from, fmt.Errorf("not a WACZ (zip) file: %w", err))
		return
	}
	var warcs []string
	var pagesFile *zip.File
	for _, f := range zr.File {
		lower := strings.ToLower(f.Name)
		switch {
		case lower == "pages/pages.jsonl":
			pagesFile = f
		case strings.HasPrefix(lower, "archive/") && (strings.HasSuffix(lower, ".warc") || strings.HasSuffix(lower, ".warc.gz")):
			warcs = append(warcs, f.Name)
		}
	}
	var pages []waczPage
	if pagesFile != nil {
		pages, err = readWACZPages(pagesFile)
	}
	zr.Close()
	switch {
	case pagesFile == nil:
		e.fail(src, from, errors.New("the WACZ has no pages/pages.jsonl"))
		return
	case err != nil:
		e.fail(src, from, fmt.Errorf("pages/pages.jsonl: %w", err))
		return
	}
	sort.Strings(warcs)
	idx := newArchiveIndex()
	for _, name := range warcs {
		if e.done() {
			break
		}
		if err := scanWARC(warcFile{path: p, entry: name}, idx); err != nil {
			e.fail(src, from, fmt.Errorf("%s: %w", name, err))
		}
	}
	idx.done()
	for i, pg := range pages {
		entry := "#" + pg.URL
		if pg.ID != "" {
			entry = "#" + pg.ID
		}
		it := Item{ID: key + entry, Entry: entry, Name: pg.URL, BaseURL: pg.URL, Format: parse.FormatHTML}
		at, _ := time.Parse(time.RFC3339Nano, pg.TS)
		c, err := idx.resolve(normalURI(pg.URL), at, true)
		if err != nil {
			err := fmt.Errorf("%s: page %d of pages.jsonl: %w", it.ID, i+1, err)
			it.Open = func(context.Context) ([]byte, string, error) { return nil, "", err }
		} else {
			it.BaseURL = c.uri
			it = archiveItem(it, c.file, c.offset, c.id, c.date, e.limit(), idx)
		}
		if !e.emit(it) {
			return
		}
	}
}

// readWACZPages reads the pages a pages.jsonl lists: each line with a url
// (the first line, the format's header, has none).
func readWACZPages(f *zip.File) ([]waczPage, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var pages []waczPage
	sc := bufio.NewScanner(rc)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var pg waczPage
		if err := json.Unmarshal([]byte(line), &pg); err != nil {
			return nil, err
		}
		if pg.URL == "" {
			continue
		}
		if len(pages) == maxWACZPages {
			return nil, fmt.Errorf("more than %d pages", maxWACZPages)
		}
		pages = append(pages, pg)
	}
	return pages, sc.Err()
}

// scanWARC indexes every record of the WARC f.
func scanWARC(f warcFile, idx *archiveIndex) error {
	r, closer, err := f.reader(0, warcScanOptions)
	if err != nil {
		return err
	}
	defer closer.Close()
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			rec.Close()
			return fmt.Errorf("WARC record at byte %d: %w", rec.Offset, err)
		}
		idx.add(f, rec)
		rec.Close()
	}
}
