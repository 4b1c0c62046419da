package galley

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// ErrFetch is wrapped by errors getting an input from the network.
var ErrFetch = errors.New("fetching the page failed")

// Page is an input fetched from the web.
type Page struct {
	Data        []byte
	ContentType string
	URL         string // the final address, after redirects
}

// FetchLimits bound fetching a page. The zero value uses the defaults.
type FetchLimits struct {
	MaxBytes     int64         // default 20 MB
	Timeout      time.Duration // default 30 s
	MaxRedirects int           // default 10
	UserAgent    string
}

// FetchPage gets an article page over http or https with client (nil for
// a default client), refusing other schemes, bodies over the size limit
// and content that is not a document galley reads.
func FetchPage(ctx context.Context, client *http.Client, rawURL string, lim FetchLimits) (*Page, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%w: %q is not an http or https URL", ErrFetch, rawURL)
	}
	if lim.MaxBytes <= 0 {
		lim.MaxBytes = 20 << 20
	}
	if lim.Timeout <= 0 {
		lim.Timeout = 30 * time.Second
	}
	if lim.MaxRedirects <= 0 {
		lim.MaxRedirects = 10
	}
	if lim.UserAgent == "" {
		lim.UserAgent = "galley (article printer)"
	}
	c := http.Client{Timeout: lim.Timeout}
	if client != nil {
		c = *client
		if c.Timeout == 0 {
			c.Timeout = lim.Timeout
		}
	}
	inner := c.CheckRedirect
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= lim.MaxRedirects {
			return fmt.Errorf("more than %d redirects", lim.MaxRedirects)
		}
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return fmt.Errorf("redirect to %s: not http or https", req.URL.Scheme)
		}
		if inner != nil {
			return inner(req, via)
		}
		return nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFetch, err)
	}
	req.Header.Set("User-Agent", lim.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/markdown,text/plain;q=0.9,application/json;q=0.8")
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFetch, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%w: %s answered %s", ErrFetch, u.Host, resp.Status)
	}
	ct := resp.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); ct != "" && (err != nil || !readableType(mt)) {
		return nil, fmt.Errorf("%w: %s is %s, not a page galley can read", ErrFetch, rawURL, ct)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, lim.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFetch, err)
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, fmt.Errorf("%w: the page is larger than the %s limit", ErrFetch, byteSize(lim.MaxBytes))
	}
	return &Page{Data: data, ContentType: ct, URL: resp.Request.URL.String()}, nil
}

func readableType(mt string) bool {
	switch mt {
	case "text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-markdown",
		"application/json", "application/x-ndjson", "application/jsonl":
		return true
	}
	return strings.HasSuffix(mt, "+json")
}

// FormatOf names the format of a fetched page from its content type; the
// zero Format (detect) when the type says nothing useful.
func FormatOf(contentType string) Format {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch mt {
	case "text/html", "application/xhtml+xml":
		return "html"
	case "text/markdown", "text/x-markdown":
		return "markdown"
	case "application/json":
		return "json"
	case "application/x-ndjson", "application/jsonl":
		return "jsonl"
	}
	return ""
}

// byteSize formats a byte count for messages: 1000 bytes, 20 MB.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
