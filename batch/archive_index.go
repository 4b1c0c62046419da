package batch

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// A web archive's index: where each captured URL's records are, built
// once per archive as its records are scanned, so that a page's images,
// srcset candidates and the redirects between them are read from the
// archive itself.

// warcFile is a WARC file, or a WARC inside a WACZ file.
type warcFile struct {
	path  string // the WARC file, or the WACZ holding it
	entry string // the WARC's name inside the WACZ; "" for a WARC file
}

// reader reads the WARC from offset (a record's start).
func (f warcFile) reader(offset int64, opts []gowarc.WarcRecordOption) (*gowarc.WarcFileReader, io.Closer, error) {
	if f.entry == "" {
		r, err := gowarc.NewWarcFileReader(f.path, offset, opts...)
		return r, r, err
	}
	file, err := os.Open(f.path)
	if err != nil {
		return nil, nil, err
	}
	st, err := file.Stat()
	if err != nil {
		file.Close()
		return nil, nil, err
	}
	zr, err := zip.NewReader(file, st.Size())
	if err != nil {
		file.Close()
		return nil, nil, err
	}
	var ze *zip.File
	for _, z := range zr.File {
		if z.Name == f.entry {
			ze = z
			break
		}
	}
	if ze == nil {
		file.Close()
		return nil, nil, fmt.Errorf("%s: no %s in the WACZ", f.path, f.entry)
	}
	var src io.Reader
	if ze.Method == zip.Store { // as WACZ files store their WARCs: read from the offset
		start, err := ze.DataOffset()
		if err != nil {
			file.Close()
			return nil, nil, err
		}
		src = io.NewSectionReader(file, start, int64(ze.UncompressedSize64)) // the reader seeks to offset
	} else {
		rc, err := ze.Open()
		if err != nil {
			file.Close()
			return nil, nil, err
		}
		if _, err := io.CopyN(io.Discard, rc, offset); err != nil {
			rc.Close()
			file.Close()
			return nil, nil, err
		}
		src = rc
	}
	r, err := gowarc.NewWarcFileReaderFromStream(src, offset, opts...)
	if err != nil {
		file.Close()
		return nil, nil, err
	}
	return r, closers{r, file}, nil
}

type closers []io.Closer

func (c closers) Close() error {
	var err error
	for _, x := range c {
		err = errors.Join(err, x.Close())
	}
	return err
}

// capture is one record of a URL in an archive.
type capture struct {
	file     warcFile
	uri      string // the URL captured
	offset   int64
	id       string // WARC-Record-ID
	date     time.Time
	revisit  bool
	status   int
	html     bool   // an HTML page
	location string // a redirect's target, resolved
	digest   string // the payload digest
	refURI   string // a revisit's original URL and date
	refDate  time.Time
}

// archiveIndex maps an archive's URLs to their captures. It is built by
// the scan (add) and complete once done is called; lookups wait for it.
type archiveIndex struct {
	mu       sync.Mutex
	byURI    map[string][]capture
	byDigest map[string]capture // response records by payload digest, for revisits
	ready    chan struct{}
	once     sync.Once
}

func newArchiveIndex() *archiveIndex {
	return &archiveIndex{byURI: map[string][]capture{}, byDigest: map[string]capture{}, ready: make(chan struct{})}
}

// done marks the index complete.
func (x *archiveIndex) done() { x.once.Do(func() { close(x.ready) }) }

// wait returns once the index is complete, or ctx ends.
func (x *archiveIndex) wait(ctx context.Context) error {
	select {
	case <-x.ready:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// add indexes a scanned record: responses, resources and revisits.
func (x *archiveIndex) add(f warcFile, rec gowarc.Record) {
	wr := rec.WarcRecord
	if wr == nil {
		return
	}
	h := wr.WarcHeader()
	c := capture{file: f, offset: rec.Offset, id: wr.RecordId(), digest: h.Get(gowarc.WarcPayloadDigest)}
	switch wr.Type() {
	case gowarc.Response, gowarc.Resource:
	case gowarc.Revisit:
		c.revisit = true
		c.refURI = normalURI(h.Get(gowarc.WarcRefersToTargetURI))
		c.refDate, _ = time.Parse(time.RFC3339, h.Get(gowarc.WarcRefersToDate))
	default:
		return
	}
	target := normalURI(h.Get(gowarc.WarcTargetURI))
	if target == "" {
		return
	}
	c.uri = target
	c.date, _ = time.Parse(time.RFC3339, h.Get(gowarc.WarcDate))
	c.status = http.StatusOK
	if hb, ok := wr.Block().(gowarc.HttpResponseBlock); ok {
		c.status = hb.HttpStatusCode()
		if hh := hb.HttpHeader(); hh != nil {
			if loc := hh.Get("Location"); loc != "" && c.status >= 300 && c.status < 400 {
				if base, err := url.Parse(target); err == nil {
					if u, err := base.Parse(strings.TrimSpace(loc)); err == nil {
						c.location = normalURI(u.String())
					}
				}
			}
			mt, _, _ := mime.ParseMediaType(hh.Get("Content-Type"))
			c.html = mt == "text/html" || mt == "application/xhtml+xml"
		}
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	x.byURI[target] = append(x.byURI[target], c)
	if !c.revisit && c.digest != "" && c.status == http.StatusOK {
		if _, ok := x.byDigest[c.digest]; !ok {
			x.byDigest[c.digest] = c
		}
	}
}

// normalURI is a URL as the index keys it: no fragment, the scheme and
// host in lower case, no default port, the <> some WARCs wrap it in gone.
func normalURI(s string) string {
	s = strings.Trim(strings.TrimSpace(s), "<>")
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return s
	}
	u.Fragment, u.RawFragment = "", ""
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	if p := u.Port(); p == "80" && u.Scheme == "http" || p == "443" && u.Scheme == "https" {
		u.Host = u.Hostname()
	}
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String()
}

// otherScheme is the URL with http and https swapped: a page captured
// over one may name its images over the other.
func otherScheme(u string) string {
	switch {
	case strings.HasPrefix(u, "https://"):
		return "http://" + u[len("https://"):]
	case strings.HasPrefix(u, "http://"):
		return "https://" + u[len("http://"):]
	}
	return ""
}

// nearest is the capture of uri nearest in time to at; false when the
// archive has none. Only HTML pages when html is set.
func (x *archiveIndex) nearest(uri string, at time.Time, html bool) (capture, bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	var best capture
	found := false
	for _, u := range []string{uri, otherScheme(uri)} {
		for _, c := range x.byURI[u] {
			if html && !c.html && c.location == "" && !c.revisit {
				continue
			}
			if !found || absDur(c.date.Sub(at)) < absDur(best.date.Sub(at)) {
				best, found = c, true
			}
		}
		if found {
			return best, true
		}
	}
	return best, false
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// maxHops bounds the redirects and revisits followed for one URL.
const maxHops = 8

// resolve follows a capture of uri to the response record whose payload
// is uri's content: a revisit to the capture it repeats (by its original
// URL and date, else by payload digest), a redirect to its target's
// nearest capture.
func (x *archiveIndex) resolve(uri string, at time.Time, html bool) (capture, error) {
	c, ok := x.nearest(uri, at, html)
	if !ok {
		return capture{}, fmt.Errorf("%s is not in the archive", uri)
	}
	for hop := 0; hop < maxHops; hop++ {
		switch {
		case c.revisit:
			orig, ok := capture{}, false
			if c.refURI != "" {
				ref := c.refDate
				if ref.IsZero() {
					ref = c.date
				}
				orig, ok = x.nearestResponse(c.refURI, ref, c.digest)
			}
			if !ok && c.digest != "" {
				x.mu.Lock()
				orig, ok = x.byDigest[c.digest]
				x.mu.Unlock()
			}
			if !ok {
				return capture{}, fmt.Errorf("%s: the archive's revisit record leads to no capture it holds", uri)
			}
			c = orig
		case c.location != "":
			next, ok := x.nearest(c.location, at, false)
			if !ok {
				return capture{}, fmt.Errorf("%s redirects to %s, which is not in the archive", uri, c.location)
			}
			c = next
		case c.status != http.StatusOK:
			return capture{}, fmt.Errorf("%s was captured with status %d", uri, c.status)
		default:
			return c, nil
		}
	}
	return capture{}, fmt.Errorf("%s: more than %d redirects and revisits in the archive", uri, maxHops)
}

// nearestResponse is the response record of uri nearest to at, one with
// the payload digest when given.
func (x *archiveIndex) nearestResponse(uri string, at time.Time, digest string) (capture, bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	var best capture
	found := false
	for _, c := range x.byURI[uri] {
		if c.revisit || digest != "" && c.digest != "" && c.digest != digest {
			continue
		}
		if !found || absDur(c.date.Sub(at)) < absDur(best.date.Sub(at)) {
			best, found = c, true
		}
	}
	return best, found
}
