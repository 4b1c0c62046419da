package media

import (
	"context"
	"encoding/base64"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// DataURI decodes data: URIs (RFC 2397), base64 or percent-encoded.
// The media type must be an image type, or absent or
// application/octet-stream with bytes that look like an image.
type DataURI struct {
	MaxBytes int64 // limit of the decoded size; 0 is DefaultMaxBytes
}

// Fetch decodes the data: URI ref.
func (d DataURI) Fetch(ctx context.Context, ref string) ([]byte, string, error) {
	if err := ctx.Err(); err != nil {
		return nil, "", err
	}
	limit := d.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if len(ref) < 5 || !strings.EqualFold(ref[:5], "data:") {
		return nil, "", fmt.Errorf("%w: not a data: URI: %s", ErrBadReference, shorten(ref))
	}
	header, payload, ok := strings.Cut(ref[5:], ",")
	if !ok {
		return nil, "", fmt.Errorf("%w: data: URI without a comma: %s", ErrBadReference, shorten(ref))
	}
	// percent-encoding at most triples the size and base64 adds a third:
	// anything longer than this cannot decode to limit bytes or less
	if (int64(len(payload))-1024)/3 > limit {
		return nil, "", fmt.Errorf("%w: data: URI of %d bytes, the limit is %d", ErrTooLarge, len(payload), limit)
	}
	params := strings.Split(header, ";")
	isBase64 := len(params) > 1 && strings.EqualFold(strings.TrimSpace(params[len(params)-1]), "base64")
	if isBase64 {
		params = params[:len(params)-1]
	}
	if strings.Contains(payload, "%") {
		un, err := url.PathUnescape(payload)
		if err != nil {
			return nil, "", fmt.Errorf("%w: data: URI: %v", ErrBadReference, err)
		}
		payload = un
	}
	var data []byte
	if isBase64 {
		var err error
		if data, err = decodeBase64(payload); err != nil {
			return nil, "", fmt.Errorf("%w: data: URI: bad base64: %v", ErrBadReference, err)
		}
	} else {
		data = []byte(payload)
	}
	if int64(len(data)) > limit {
		return nil, "", fmt.Errorf("%w: data: URI holds %d bytes, the limit is %d", ErrTooLarge, len(data), limit)
	}
	mt := ""
	if t := strings.TrimSpace(strings.Join(params, ";")); t != "" {
		parsed, _, err := mime.ParseMediaType(t)
		if err != nil {
			return nil, "", fmt.Errorf("%w: data: URI media type %q: %v", ErrBadReference, t, err)
		}
		mt = parsed
	}
	ct, err := imageType(mt, data)
	if err != nil {
		return nil, "", fmt.Errorf("%w: data: URI of type %s", err, ct)
	}
	return data, ct, nil
}

// decodeBase64 decodes standard or URL-safe base64, with or without
// padding, ignoring ASCII white space.
func decodeBase64(s string) ([]byte, error) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '\f':
			return -1
		}
		return r
	}, s)
	s = strings.TrimRight(s, "=")
	enc := base64.RawStdEncoding
	if strings.ContainsAny(s, "-_") {
		enc = base64.RawURLEncoding
	}
	return enc.DecodeString(s)
}

// imageType checks a declared media type against the bytes: image types
// pass, a missing or generic type passes when the bytes sniff as an image,
// anything else is ErrNotImage. It returns the type to report.
func imageType(declared string, data []byte) (string, error) {
	declared = strings.ToLower(declared)
	if strings.HasPrefix(declared, "image/") {
		return declared, nil
	}
	if declared == "" || declared == "application/octet-stream" || declared == "binary/octet-stream" {
		sniffed := http.DetectContentType(data)
		if strings.HasPrefix(sniffed, "image/") {
			return sniffed, nil
		}
		if isSVG(data) {
			return "image/svg+xml", nil
		}
		return sniffed, ErrNotImage
	}
	return declared, ErrNotImage
}
