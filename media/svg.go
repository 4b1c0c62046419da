package media

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"

	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/svg"
)

// vectorPPI is the resolution a drawing's size is given at: the layout
// prints an image no larger than its pixels at 150 per inch, so a
// drawing of w CSS pixels (96 per inch) is given as w·150/96 pixels,
// and prints at its CSS size, or smaller to fit its column.
const vectorPPI = 150

// prepareSVG reads an SVG drawing into a vector image: no pixels, a
// Drawing that each placement draws as paths and texts. Grey printing
// turns its colours grey.
func prepareSVG(ctx context.Context, data []byte, key string, spec Spec) (*page.Image, error) {
	d, err := svg.Parse(data, svg.Limits{})
	switch {
	case errors.Is(err, svg.ErrTooLarge), errors.Is(err, svg.ErrTooDeep), errors.Is(err, svg.ErrUnsafe):
		return nil, fmt.Errorf("%w: %v", ErrDecompressionBomb, err)
	case err != nil:
		return nil, fmt.Errorf("%w: %v", ErrCorruptImage, err)
	}
	// raster pictures inside the drawing are prepared as any picture,
	// for the drawing's largest placement; one that fails is left out
	for _, part := range d.Parts {
		if pi := part.Image; pi != nil && pi.Raster == nil {
			sub := spec
			sub.MaxWidthPt, sub.MaxHeightPt = 0, 0
			if spec.MaxWidthPt > 0 && d.W > 0 {
				sub.MaxWidthPt = pi.W.Points() * spec.MaxWidthPt / d.W.Points()
			}
			if isSVG(pi.Data) {
				d.Warnings = append(d.Warnings, "an SVG drawing embedded as an image (not drawn)")
			} else if img, err := prepare(ctx, pi.Data, "", sub); err == nil && img.Drawing == nil {
				pi.Image = img
			} else {
				d.Warnings = append(d.Warnings, "an embedded image that could not be read (not drawn)")
			}
			pi.Data = nil
		}
	}
	// what the drawing rasterises is drawn at the print resolution of
	// its largest placement: its natural size, or smaller to fit
	dpi := spec.DPI
	if !(dpi > 0) || math.IsInf(dpi, 0) {
		dpi = DefaultDPI
	}
	fit := 1.0
	if spec.MaxWidthPt > 0 {
		fit = min(fit, spec.MaxWidthPt/d.W.Points())
	}
	if spec.MaxHeightPt > 0 {
		fit = min(fit, spec.MaxHeightPt/d.H.Points())
	}
	svg.PrepareRasters(d, fit*dpi/72, int(min(spec.maxPixels(), math.MaxInt32)), spec.Grayscale)
	if spec.Grayscale {
		grayDrawing(d)
	}
	if key == "" {
		h := sha256.Sum256(data)
		key = "svg-" + hex.EncodeToString(h[:12])
	}
	px := func(u page.Unit) int {
		return max(1, int(math.Round(u.Points()/72*vectorPPI)))
	}
	w, h := px(d.W), px(d.H)
	return &page.Image{Key: key, Format: "svg", Width: w, Height: h, SourceWidth: w, SourceHeight: h, Drawing: d}, nil
}

// grayDrawing turns a drawing's colours into their luminance.
func grayDrawing(d *page.Drawing) {
	gray := func(c page.Color) page.Color {
		y := uint8(math.Round(0.299*float64(c.R) + 0.587*float64(c.G) + 0.114*float64(c.B)))
		return page.Color{R: y, G: y, B: y}
	}
	paint := func(p *page.Paint) {
		p.Color = gray(p.Color)
		if g := p.Gradient; g != nil {
			stops := make([]page.Stop, len(g.Stops))
			for i, s := range g.Stops {
				s.Color = gray(s.Color)
				stops[i] = s
			}
			ng := *g
			ng.Stops = stops
			p.Gradient = &ng
		}
	}
	for _, part := range d.Parts {
		if part.Path != nil {
			paint(&part.Path.Fill)
			paint(&part.Path.Stroke)
		}
		if part.Text != nil {
			part.Text.Color = gray(part.Text.Color)
		}
	}
}
