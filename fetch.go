package galley

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/galleyprint/galley/internal/netguard"
	"github.com/galleyprint/galley/media"
)

// ErrFetch is wrapped by errors getting an input from the network.
var ErrFetch = errors.New("fetching the page failed")

// ErrBlocked is wrapped, with ErrFetch, by a fetch refused for where it
// would go: a redirect to a scheme other than http and https (file:,
// gopher:, ftp:…) or to a host not allowed, and, through a client with
// an address guard (the service's), any non-public address.
var ErrBlocked = netguard.ErrBlocked

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
// and content that is not a document galley reads. It shares its limits
// and checks with the image fetcher (media.HTTP), so a client whose
// dialer guards addresses guards pages and images alike.
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
	h := media.HTTP{Client: client, MaxBytes: lim.MaxBytes, Timeout: lim.Timeout, MaxRedirects: lim.MaxRedirects, UserAgent: lim.UserAgent}
	resp, err := h.Get(ctx, rawURL, "text/html,application/xhtml+xml,text/markdown,text/plain;q=0.9,application/json;q=0.8",
		func(mediaType string) error {
			if mediaType != "" && !readableType(mediaType) {
				return fmt.Errorf("%s is %s, not a page galley can read", rawURL, mediaType)
			}
			return nil
		})
	var status *media.StatusError
	switch {
	case err == nil:
		return &Page{Data: resp.Data, ContentType: resp.ContentType, URL: resp.URL}, nil
	case errors.As(err, &status):
		return nil, fmt.Errorf("%w: %s answered %s", ErrFetch, u.Host, status.Status)
	case errors.Is(err, media.ErrBadReference), errors.Is(err, media.ErrHostRefused):
		// rawURL was checked above: what the fetcher refused is where a
		// redirect led
		why := err.Error()
		if i := strings.LastIndex(why, media.ErrBadReference.Error()+": "); i >= 0 {
			why = why[i+len(media.ErrBadReference.Error())+2:] // not an image's reference here
		}
		return nil, fmt.Errorf("%w: %w: a redirect from %s was refused: %s", ErrFetch, ErrBlocked, rawURL, why)
	case errors.Is(err, media.ErrTooLarge):
		return nil, fmt.Errorf("%w: the page is larger than the %s limit", ErrFetch, byteSize(lim.MaxBytes))
	case errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil:
		return nil, fmt.Errorf("%w: Timeout: %w", ErrFetch, err)
	}
	return nil, fmt.Errorf("%w: %w", ErrFetch, err)
}

// readableType reports the media types FetchPage takes. XML (feeds,
// sitemaps…) is taken so that Parse can say what it is: a feed is
// refused with ErrCollection, other XML as not an article.
func readableType(mt string) bool {
	switch mt {
	case "text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-markdown",
		"application/json", "application/x-ndjson", "application/jsonl", "application/xml", "text/xml":
		return true
	}
	return strings.HasSuffix(mt, "+json") || strings.HasSuffix(mt, "+xml")
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
