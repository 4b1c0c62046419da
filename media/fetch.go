package media

import (
	"context"
	"fmt"
	"strings"
)

// Fetcher gets the bytes of an image reference.
//
// contentType is what the source says the bytes are (a MIME type, possibly
// sniffed); it may be empty. Implementations must be safe for concurrent
// use and should honour ctx.
type Fetcher interface {
	Fetch(ctx context.Context, ref string) (data []byte, contentType string, err error)
}

// FetcherFunc adapts a function to the Fetcher interface.
type FetcherFunc func(ctx context.Context, ref string) ([]byte, string, error)

// Fetch calls f.
func (f FetcherFunc) Fetch(ctx context.Context, ref string) ([]byte, string, error) {
	return f(ctx, ref)
}

// Router is a Fetcher that sends each reference to a source by its scheme:
// data: URIs to Data, http: and https: URLs (and scheme-relative "//host/…"
// references, fetched over https) to HTTP, and everything else — relative
// paths, absolute paths, file: URLs — to Local, which refuses what it does
// not understand.
type Router struct {
	// Local reads paths and file: URLs, typically a Local rooted at the
	// input's folder. Nil refuses them (as a service that prints uploaded
	// articles should).
	Local Fetcher
	// Data decodes data: URIs; nil uses DataURI{} with its default limit.
	Data Fetcher
	// HTTP downloads http(s) URLs; nil uses HTTP{} with its defaults.
	HTTP Fetcher
	// Offline refuses network references with ErrOffline without touching
	// the network.
	Offline bool
}

// Fetch gets ref from the source its scheme calls for.
func (r Router) Fetch(ctx context.Context, ref string) ([]byte, string, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return nil, "", fmt.Errorf("%w: empty reference", ErrBadReference)
	}
	switch scheme(ref) {
	case "data":
		if r.Data == nil {
			return DataURI{}.Fetch(ctx, ref)
		}
		return r.Data.Fetch(ctx, ref)
	case "http", "https":
		return r.web(ctx, ref)
	case "":
		if strings.HasPrefix(ref, "//") && !strings.HasPrefix(ref, "///") {
			return r.web(ctx, "https:"+ref)
		}
	}
	if r.Local == nil {
		return nil, "", fmt.Errorf("%w: local files are not allowed here: %s", ErrBadReference, shorten(ref))
	}
	return r.Local.Fetch(ctx, ref)
}

func (r Router) web(ctx context.Context, ref string) ([]byte, string, error) {
	if r.Offline {
		return nil, "", fmt.Errorf("%w: %s", ErrOffline, shorten(ref))
	}
	if r.HTTP == nil {
		return HTTP{}.Fetch(ctx, ref)
	}
	return r.HTTP.Fetch(ctx, ref)
}

// scheme returns the lower-cased URL scheme of ref, or "" when it has none.
// A one-letter scheme is a Windows drive ("C:\…"), reported as such.
func scheme(ref string) string {
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case c == ':' && i > 0:
			return strings.ToLower(ref[:i])
		default:
			return ""
		}
	}
	return ""
}

// shorten cuts a reference for an error message: data: URIs can be
// megabytes long.
func shorten(ref string) string {
	const max = 80
	if len(ref) <= max {
		return ref
	}
	cut := max
	for cut > 0 && ref[cut]&0xC0 == 0x80 { // not inside a UTF-8 sequence
		cut--
	}
	return ref[:cut] + "…"
}
