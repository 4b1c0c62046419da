package galley

import (
	"context"
	"fmt"
	"image"
	"math"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/preview"
)

// DefaultPreviewDPI is the resolution of previews that give none: a page
// of A4 is 497×702 pixels.
const DefaultPreviewDPI = 60

// PreviewOptions control Preview. The zero value draws every page at
// DefaultPreviewDPI.
type PreviewOptions struct {
	// DPI is the resolution in dots per inch, from 10 to 600; 0 is
	// DefaultPreviewDPI.
	DPI float64
	// Pages chooses the pages to draw by number, counting from 1 (sheets,
	// when Options.Impose is set); nil draws them all.
	Pages func(n int) bool
}

// Preview typesets a as Export does, with the same options, and draws its
// pages as images instead of writing a PDF: the same display list, so a
// page looks as the PDF's does when a viewer renders it at that
// resolution. It calls page for each page chosen, in order, with the
// page's number (from 1) and its image, which is the caller's to keep;
// pages are drawn one at a time, so memory does not grow with the
// article's length. An error from page stops the work and is returned.
// ctx is looked at as Export looks at it, and between pages drawn: when
// it is done Preview returns promptly an error wrapping ctx.Err(). A
// resolution outside 10–600 dpi fails with ErrInvalidOptions.
func Preview(ctx context.Context, a *article.Article, opts Options, popts PreviewOptions, page func(n int, img *image.RGBA) error) (Result, error) {
	dpi := popts.DPI
	if dpi == 0 {
		dpi = DefaultPreviewDPI
	}
	if math.IsNaN(dpi) || dpi < preview.MinDPI || dpi > preview.MaxDPI {
		return Result{}, fmt.Errorf("%w: preview resolution %g dpi is not between %d and %d", ErrInvalidOptions, dpi, preview.MinDPI, preview.MaxDPI)
	}
	doc, res, err := typeset(ctx, a, opts)
	if err != nil {
		return Result{}, err
	}
	r, err := preview.NewRenderer(doc, dpi)
	if err != nil {
		return Result{}, err
	}
	for i := range doc.Pages {
		if popts.Pages != nil && !popts.Pages(i+1) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		img, err := r.Page(i)
		if err != nil {
			return Result{}, err
		}
		if err := page(i+1, img); err != nil {
			return Result{}, err
		}
	}
	return res, nil
}
