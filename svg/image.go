package svg

import (
	"encoding/base64"
	"net/url"
	"strings"

	"github.com/galleyprint/galley/page"
)

// maxEmbedded bounds the bytes of the raster images a drawing embeds.
const maxEmbedded = 32 << 20

// image draws an <image> that embeds a raster picture as a data: URI into
// the box its x, y, width and height make in the drawing (a turned or
// skewed image into the box around it). An image of another file or
// address is not fetched; an embedded SVG is not read again.
func (r *renderer) image(el *element, st state) {
	src := strings.TrimSpace(href(el))
	if !strings.HasPrefix(src, "data:") {
		if src != "" {
			r.warn("external reference (not fetched)")
		}
		return
	}
	data, mediaType, ok := decodeDataURI(src)
	if !ok || strings.Contains(mediaType, "svg") {
		r.warn("embedded image (not readable, not drawn)")
		return
	}
	r.embedded += len(data)
	if r.embedded > maxEmbedded {
		r.warn("embedded images beyond 32 MB (not drawn)")
		return
	}
	x, _ := length(el.attrs["x"], st.vw, 16)
	y, _ := length(el.attrs["y"], st.vh, 16)
	w, wok := length(el.attrs["width"], st.vw, 16)
	h, hok := length(el.attrs["height"], st.vh, 16)
	if !wok || !hok || w <= 0 || h <= 0 {
		r.warn("embedded image without a size (not drawn)")
		return
	}
	x0, y0, x1, y1 := 1e300, 1e300, -1e300, -1e300
	for _, c := range [4][2]float64{{x, y}, {x + w, y}, {x, y + h}, {x + w, y + h}} {
		px, py := st.ctm.apply(c[0], c[1])
		x0, y0, x1, y1 = min(x0, px), min(y0, py), max(x1, px), max(y1, py)
	}
	r.warn("embedded raster image (drawn as raster)")
	pi := &page.DrawingImage{X: toUnit(x0), Y: toUnit(y0), W: toUnit(x1 - x0), H: toUnit(y1 - y0), Data: data}
	r.imagePlace[pi] = st.ctm.then(matrix{w, 0, 0, h, x, y})
	r.d.Parts = append(r.d.Parts, page.Part{Image: pi})
}

// decodeDataURI returns the bytes and media type of a data: URI.
func decodeDataURI(s string) ([]byte, string, bool) {
	head, body, ok := strings.Cut(strings.TrimPrefix(s, "data:"), ",")
	if !ok {
		return nil, "", false
	}
	mediaType, _, _ := strings.Cut(head, ";")
	if strings.HasSuffix(head, ";base64") {
		body = strings.Map(func(r rune) rune {
			if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
				return -1
			}
			return r
		}, body)
		data, err := base64.StdEncoding.DecodeString(body)
		if err != nil {
			data, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(body, "="))
		}
		return data, strings.ToLower(mediaType), err == nil
	}
	text, err := url.PathUnescape(body)
	return []byte(text), strings.ToLower(mediaType), err == nil
}
