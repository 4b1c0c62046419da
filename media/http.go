package media

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

// Defaults of HTTP's zero fields.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultMaxRedirects = 5
	DefaultUserAgent    = "galley (article printer)"
)

// More errors callers can test for with errors.Is.
var (
	// ErrHostRefused: HTTP.AllowHost refused the host of a URL or of a
	// redirect.
	ErrHostRefused = errors.New("media: host not allowed")
	// ErrTooManyRedirects: more redirects than HTTP.MaxRedirects.
	ErrTooManyRedirects = errors.New("media: too many redirects")
)

// HTTP downloads images over http and https.
//
// Each request, body included, must finish within Timeout; a body over
// MaxBytes is refused (reading stops at MaxBytes+1); at most MaxRedirects
// redirects are followed, each to http or https and to a host AllowHost
// accepts; the response must be 200 with an image/* content type, or
// application/octet-stream (or none) with bytes that sniff as an image.
//
// To guard which addresses may be reached (a service must not let an
// article make it fetch from its own network), supply a Client whose
// Transport dials through a net.Dialer with a Control function that checks
// each address actually connected to: AllowHost sees names only, and a
// name can resolve anywhere. Client is not modified: its CheckRedirect, if
// any, is called after HTTP's own checks. Mind that a proxy from the
// environment is what such a dialer sees.
type HTTP struct {
	Client       *http.Client           // nil: a client with http.DefaultTransport
	MaxBytes     int64                  // body size limit; 0 is DefaultMaxBytes
	Timeout      time.Duration          // per request; 0 is DefaultTimeout
	MaxRedirects int                    // 0 is DefaultMaxRedirects; negative follows none
	UserAgent    string                 // "" is DefaultUserAgent
	AllowHost    func(host string) bool // optional; host is without port
}

// StatusError is an HTTP response other than 200 OK.
type StatusError struct {
	URL        string
	StatusCode int
	Status     string // e.g. "404 Not Found"
}

// Error gives the URL and the status.
func (e *StatusError) Error() string {
	return fmt.Sprintf("media: GET %s: %s", shorten(e.URL), e.Status)
}

// Fetch downloads ref, an http or https URL.
func (h HTTP) Fetch(ctx context.Context, ref string) ([]byte, string, error) {
	var declared string
	// no AVIF: galley cannot print it, so do not invite it
	resp, err := h.Get(ctx, ref, "image/webp,image/png,image/jpeg,image/svg+xml,image/gif;q=0.9,image/*;q=0.5", func(mediaType string) error {
		declared = mediaType
		generic := mediaType == "" || mediaType == "application/octet-stream" || mediaType == "binary/octet-stream"
		if !generic && !strings.HasPrefix(mediaType, "image/") {
			return fmt.Errorf("%w: %s is %s", ErrNotImage, shorten(ref), mediaType)
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	ct, err := imageType(declared, resp.Data)
	if err != nil {
		return nil, "", fmt.Errorf("%w: %s is %s", err, shorten(ref), ct)
	}
	return resp.Data, ct, nil
}

// Response is what Get got.
type Response struct {
	Data        []byte
	ContentType string // the Content-Type header as sent
	URL         string // the final address, after redirects
}

// Get downloads ref, an http or https URL, within h's limits: the time,
// the redirects (each checked like ref) and the body size. accept is the
// Accept header. checkType, when not nil, sees the response's media type
// (lower case; "" when none, application/octet-stream when unreadable)
// before the body is read, and may refuse it. Fetch is Get for images; a
// page fetcher is Get for documents, so both share one set of limits and
// whatever guard h.Client's dialer applies.
func (h HTTP) Get(ctx context.Context, ref, accept string, checkType func(mediaType string) error) (*Response, error) {
	u, err := url.Parse(ref)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadReference, err)
	}
	if err := h.checkURL(u); err != nil {
		return nil, err
	}
	timeout := h.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	rctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadReference, err)
	}
	ua := h.UserAgent
	if ua == "" {
		ua = DefaultUserAgent
	}
	req.Header.Set("User-Agent", ua)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}

	resp, err := h.client().Do(req)
	if err != nil {
		return nil, h.requestError(ctx, ref, timeout, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusNonAuthoritativeInfo {
		return nil, &StatusError{URL: ref, StatusCode: resp.StatusCode, Status: resp.Status}
	}
	ct := resp.Header.Get("Content-Type")
	if checkType != nil {
		declared := ""
		if ct != "" {
			if declared, _, err = mime.ParseMediaType(ct); err != nil {
				declared = "application/octet-stream" // unreadable: judge by the bytes
			}
			declared = strings.ToLower(declared)
		}
		if err := checkType(declared); err != nil {
			return nil, err
		}
	}
	limit := h.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if resp.ContentLength > limit {
		return nil, fmt.Errorf("%w: %s has %d bytes, the limit is %d", ErrTooLarge, shorten(ref), resp.ContentLength, limit)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, h.requestError(ctx, ref, timeout, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: %s is over %d bytes", ErrTooLarge, shorten(ref), limit)
	}
	return &Response{Data: data, ContentType: ct, URL: resp.Request.URL.String()}, nil
}

// checkURL accepts absolute http(s) URLs with a host AllowHost accepts.
func (h HTTP) checkURL(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%w: only http and https URLs are fetched: %s", ErrBadReference, shorten(u.String()))
	}
	if u.Hostname() == "" {
		return fmt.Errorf("%w: URL without a host: %s", ErrBadReference, shorten(u.String()))
	}
	if h.AllowHost != nil && !h.AllowHost(u.Hostname()) {
		return fmt.Errorf("%w: %s", ErrHostRefused, u.Hostname())
	}
	return nil
}

// client returns a copy of the configured client that enforces the
// redirect rules.
func (h HTTP) client() *http.Client {
	var c http.Client
	if h.Client != nil {
		c = *h.Client
	}
	next := c.CheckRedirect
	limit := h.MaxRedirects
	if limit == 0 {
		limit = DefaultMaxRedirects
	}
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) > limit {
			return fmt.Errorf("%w: stopped after %d", ErrTooManyRedirects, max(limit, 0))
		}
		if err := h.checkURL(req.URL); err != nil {
			return err
		}
		if next != nil {
			return next(req, via)
		}
		return nil
	}
	return &c
}

// requestError explains a failed request: the time limit, the caller's
// cancellation, or what the transport said.
func (h HTTP) requestError(ctx context.Context, ref string, timeout time.Duration, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("media: GET %s: %w", shorten(ref), ctx.Err())
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("media: GET %s: no complete answer within %s: %w", shorten(ref), timeout, context.DeadlineExceeded)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // the URL is in our message already
	}
	return fmt.Errorf("media: GET %s: %w", shorten(ref), err)
}
