package server

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"net/url"
	"strconv"

	"github.com/galleyprint/galley"
)

// maxPreviewDPI bounds a preview's resolution in the service: an A4 page
// at 150 dpi is 1240×1754 pixels, 8.7 MB while it is drawn.
const maxPreviewDPI = 150

// previewPage reads the preview's page number and resolution from the
// query: preview_page (default 1) and preview_dpi (default 60).
func previewPage(q url.Values) (int, float64, error) {
	n, dpi := 1, float64(galley.DefaultPreviewDPI)
	if v := q.Get("preview_page"); v != "" {
		i, err := strconv.Atoi(v)
		if err != nil || i < 1 {
			return 0, 0, badRequest("invalid_options", "preview_page=%q is not a page number from 1", v)
		}
		n = i
	}
	if v := q.Get("preview_dpi"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || !(f >= 10 && f <= maxPreviewDPI) {
			return 0, 0, badRequest("invalid_options", "preview_dpi=%q is not a resolution from 10 to %d", v, maxPreviewDPI)
		}
		dpi = f
	}
	return n, dpi, nil
}

// preview answers one page of the printed article as a PNG image, drawn
// from the same layout as the PDF: a thumbnail for a web page without a
// PDF viewer. X-Galley-Pages gives the article's page count.
func (s *Server) preview(w http.ResponseWriter, r *http.Request) (*answer, error) {
	want, dpi, err := previewPage(r.URL.Query())
	if err != nil {
		return nil, err
	}
	var query printOptions
	if err := query.fromQuery(r.URL.Query()); err != nil {
		return nil, err
	}
	return s.admitted(w, r, query, func(ctx context.Context, g *grant, body []byte) (*answer, error) {
		a, opts, err := s.printJob(ctx, g, r, query, body)
		if err != nil {
			return nil, err
		}
		var img *image.RGBA // only the page asked for is drawn
		res, err := galley.Preview(ctx, a, opts, galley.PreviewOptions{DPI: dpi, Pages: func(n int) bool { return n == want }},
			func(n int, page *image.RGBA) error {
				img = page
				return nil
			})
		if err != nil {
			return nil, err
		}
		if img == nil {
			return nil, badRequest("invalid_options", "preview_page=%d: the article has %d pages", want, res.Sheets)
		}
		var out bytes.Buffer
		if err := png.Encode(&out, img); err != nil {
			return nil, fmt.Errorf("drawing the preview: %w", err)
		}
		return &answer{status: http.StatusOK, body: out.Bytes(), header: http.Header{
			"X-Galley-Pages":         {strconv.Itoa(res.Sheets)},
			"Content-Type":           {"image/png"},
			"X-Content-Type-Options": {"nosniff"},
		}}, nil
	}, nil)
}
