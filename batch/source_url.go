package batch

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"

	"github.com/galleyprint/galley"
)

func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// urlExt is the lower-case extension of a URL's path.
func urlExt(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(path.Ext(u.Path))
}

// needsProbe reports whether a URL's kind (page or feed) is known only by
// asking the server: its path has no extension of an article format.
func needsProbe(raw string) bool {
	k := extKinds[urlExt(raw)]
	return k != kindArticle && k != kindJSONL
}

// url enumerates a URL source: a feed when its extension, content type or
// first bytes say so, else a page fetched by its item's Open.
func (e *enumerator) url(raw, from string) {
	if !e.firstTime(raw) {
		return
	}
	if e.opts.Offline {
		if extKinds[urlExt(raw)] == kindXML {
			e.fail(raw, from, fmt.Errorf("%w: a feed URL, and --offline forbids fetching it", galley.ErrFetch))
			return
		}
		e.emit(pageItem(raw, raw, nil, true))
		return
	}
	if needsProbe(raw) {
		res := e.probes.get(raw)
		switch {
		case res.err != nil && extKinds[urlExt(raw)] == kindXML:
			e.fail(raw, from, res.err)
			return
		case res.err != nil:
			// a page's own fetch in its worker reports the failure
			e.log.Debug("probing the URL failed; treating it as a page", "url", raw, "err", res.err)
		case res.feed != nil:
			e.feedData(res.feed, raw, raw, from)
			return
		}
	}
	e.emit(pageItem(raw, raw, e.opts.Client, false))
}

// pageItem is a web page fetched by its Open with galley.FetchPage, or
// refused offline. id and link differ for feed entries.
func pageItem(id, link string, client *http.Client, offline bool) Item {
	return Item{ID: id, Name: link, BaseURL: link, Open: func(ctx context.Context) ([]byte, string, error) {
		if offline {
			return nil, "", fmt.Errorf("%s: %w: --offline forbids fetching it", link, galley.ErrFetch)
		}
		p, err := galley.FetchPage(ctx, client, link, galley.FetchLimits{})
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", link, err)
		}
		return p.Data, p.ContentType, nil
	}}
}

// probeResult is what a URL turned out to be: a feed (its bytes), a page
// (feed nil) or unreachable (err).
type probeResult struct {
	feed []byte
	err  error
}

// prober fetches URLs ahead of their turn, a few at a time, so that long
// lists of URLs are not probed one after the other.
type prober struct {
	ctx     context.Context
	client  *http.Client
	mu      sync.Mutex
	pending map[string]chan probeResult
	sem     chan struct{}
}

func newProber(ctx context.Context, client *http.Client) *prober {
	return &prober{ctx: ctx, client: client, pending: map[string]chan probeResult{},
		sem: make(chan struct{}, probeAhead)}
}

func (p *prober) start(u string) chan probeResult {
	p.mu.Lock()
	defer p.mu.Unlock()
	if ch, ok := p.pending[u]; ok {
		return ch
	}
	ch := make(chan probeResult, 1)
	p.pending[u] = ch
	go func() {
		select {
		case p.sem <- struct{}{}:
		case <-p.ctx.Done():
			ch <- probeResult{err: p.ctx.Err()}
			return
		}
		defer func() { <-p.sem }()
		ch <- probe(p.ctx, p.client, u)
	}()
	return ch
}

func (p *prober) get(u string) probeResult {
	res := <-p.start(u)
	p.mu.Lock()
	delete(p.pending, u)
	p.mu.Unlock()
	return res
}

// probe GETs u: when the content type or the first bytes say it is a feed,
// the whole feed is read; else the connection is dropped after the first
// kilobyte and the page is fetched again by its item's Open.
func probe(ctx context.Context, client *http.Client, u string) probeResult {
	resp, err := get(ctx, client, u)
	if err != nil {
		return probeResult{err: err}
	}
	defer resp.Body.Close()
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(resp.Body, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return probeResult{err: fmt.Errorf("%w: %v", galley.ErrFetch, err)}
	}
	head = head[:n]
	feedType := isFeedType(resp.Header.Get("Content-Type"))
	if !feedType && !isFeed(head) {
		if extKinds[urlExt(u)] == kindXML {
			return probeResult{err: fmt.Errorf("%w: XML that is not an RSS, Atom or JSON feed", galley.ErrUnsupportedFormat)}
		}
		return probeResult{}
	}
	data, err := readAllMax(io.MultiReader(bytes.NewReader(head), resp.Body), DefaultMaxInput)
	if err != nil {
		return probeResult{err: fmt.Errorf("%w: %v", galley.ErrFetch, err)}
	}
	return probeResult{feed: data}
}

// get sends a GET accepting feeds and pages; only 200 answers are taken.
func get(ctx context.Context, client *http.Client, u string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", galley.ErrFetch, err)
	}
	req.Header.Set("User-Agent", "galley (article printer)")
	req.Header.Set("Accept", "application/rss+xml,application/atom+xml,application/feed+json,"+
		"text/html,application/xhtml+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5")
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", galley.ErrFetch, err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("%w: %s answered %s", galley.ErrFetch, req.URL.Host, resp.Status)
	}
	return resp, nil
}

func readAllMax(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(0, limit)
	}
	return data, nil
}

// isFeedType reports whether a Content-Type names a feed for sure.
func isFeedType(ct string) bool {
	mt, _, _ := mime.ParseMediaType(ct)
	switch mt {
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json":
		return true
	}
	return false
}

// isFeed reports whether the first bytes of a document are those of a
// feed: its first element is rss, feed or rdf:RDF (any namespace prefix),
// or it is JSON naming jsonfeed.org's version.
func isFeed(head []byte) bool {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if len(h) > 0 && h[0] == '{' {
		return bytes.Contains(h, []byte("jsonfeed.org/version"))
	}
	for len(h) > 0 && h[0] == '<' {
		var end []byte
		switch {
		case bytes.HasPrefix(h, []byte("<?")):
			end = []byte("?>")
		case bytes.HasPrefix(h, []byte("<!--")):
			end = []byte("-->")
		case bytes.HasPrefix(h, []byte("<!")):
			end = []byte(">")
		default:
			name := h[1:]
			if i := bytes.IndexAny(name, " \t\r\n/>"); i >= 0 {
				name = name[:i]
			}
			if i := bytes.LastIndexByte(name, ':'); i >= 0 {
				name = name[i+1:]
			}
			s := string(name)
			return s == "rss" || s == "feed" || s == "RDF"
		}
		i := bytes.Index(h, end)
		if i < 0 {
			return false
		}
		h = bytes.TrimLeft(h[i+len(end):], " \t\r\n")
	}
	return false
}

// isWARCHead reports whether a file starts like an uncompressed WARC.
func isWARCHead(head []byte) bool { return bytes.HasPrefix(head, []byte("WARC/")) }
