package svg

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/draw"
	_ "image/gif" // embedded images drawn into rasters
	_ "image/jpeg"
	"image/png"
	"math"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/f64"

	"github.com/galleyprint/galley/internal/pathraster"
	"github.com/galleyprint/galley/page"
)

// maxRasterPixels bounds the pixels of one rasterised part (drawn
// coarser when it would be larger), and of an embedded image decoded
// into one: 4 million, a full page at 200 dpi.
const maxRasterPixels = 4_000_000

// defaultRasterBudget bounds the pixels of all a drawing's rasterised
// parts when the caller sets no bound.
const defaultRasterBudget = 50_000_000

// rasterJob is a part of the drawing that is drawn as pixels: its box in
// points of the drawing, what it paints (paths and embedded images, in
// the drawing's coordinates) and the effect applied to those pixels.
type rasterJob struct {
	x0, y0, x1, y1 float64
	content        []rasterItem
	// effect changes the painted pixels: masks them, filters them.
	effect func(dst *image.RGBA, t pathraster.Transform)
}

// rasterItem is a path, or an embedded image with the transform from its
// unit square to the drawing's points.
type rasterItem struct {
	path  *page.Path
	data  []byte
	place matrix
}

// capture draws what fn draws into a list of its own: the parts fn
// appends to the drawing are taken out and returned.
func (r *renderer) capture(fn func()) []page.Part {
	start := len(r.d.Parts)
	fn()
	parts := append([]page.Part(nil), r.d.Parts[start:]...)
	clear(r.d.Parts[start:])
	r.d.Parts = r.d.Parts[:start]
	return parts
}

// rasterItems returns the paths and embedded images of parts; what else
// they hold (texts) is returned apart.
func (r *renderer) rasterItems(parts []page.Part) (items []rasterItem, rest []page.Part) {
	for _, p := range parts {
		switch {
		case p.Path != nil:
			items = append(items, rasterItem{path: p.Path})
		case p.Image != nil && p.Image.Data != nil:
			if m, ok := r.imagePlace[p.Image]; ok {
				items = append(items, rasterItem{data: p.Image.Data, place: m})
				continue
			}
			rest = append(rest, p)
		default:
			rest = append(rest, p)
		}
	}
	return items, rest
}

// itemsBounds returns the box, in points of the drawing, around items,
// strokes included; ok is false when they paint nothing.
func itemsBounds(items []rasterItem) (x0, y0, x1, y1 float64, ok bool) {
	return bounds(items, true)
}

// bounds returns the box around items, their strokes' width included or
// not (SVG's bounding box leaves strokes out).
func bounds(items []rasterItem, strokes bool) (x0, y0, x1, y1 float64, ok bool) {
	x0, y0, x1, y1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	add := func(x, y, pad float64) {
		x0, y0, x1, y1 = min(x0, x-pad), min(y0, y-pad), max(x1, x+pad), max(y1, y+pad)
	}
	for _, it := range items {
		if p := it.path; p != nil {
			if len(p.Points) == 0 {
				continue
			}
			a, b, c, d := p.Bounds()
			pad := 0.0
			if p.Stroke.On && strokes {
				pad = p.Width.Points() * max(p.Miter, 4) / 2
			}
			add(a.Points(), b.Points(), pad)
			add(c.Points(), d.Points(), pad)
			continue
		}
		for _, q := range [4][2]float64{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
			x, y := it.place.apply(q[0], q[1])
			add(x, y, 0)
		}
	}
	return x0, y0, x1, y1, x0 <= x1 && y0 <= y1
}

// addRaster appends job to the drawing as a raster part, its box cut to
// the drawing's, with a warning naming the feature.
func (r *renderer) addRaster(job *rasterJob, feature string) {
	job.x0, job.y0 = max(job.x0, 0), max(job.y0, 0)
	job.x1, job.y1 = min(job.x1, r.d.W.Points()), min(job.y1, r.d.H.Points())
	if job.x1-job.x0 < 0.01 || job.y1-job.y0 < 0.01 {
		return
	}
	// whole points, so that the pixels fill the box at any resolution
	job.x0, job.y0 = math.Floor(job.x0), math.Floor(job.y0)
	job.x1, job.y1 = math.Ceil(job.x1), math.Ceil(job.y1)
	r.warn(feature + " rasterised")
	r.d.Parts = append(r.d.Parts, page.Part{Image: &page.DrawingImage{
		X: toUnit(job.x0), Y: toUnit(job.y0), W: toUnit(job.x1 - job.x0), H: toUnit(job.y1 - job.y0),
		Raster: job.draw}})
}

// draw paints the job at scale pixels per point: an image of its box.
func (job *rasterJob) draw(scale float64) *image.RGBA {
	if !(scale > 0) {
		scale = 1
	}
	w, h := job.x1-job.x0, job.y1-job.y0
	if px := w * h * scale * scale; px > maxRasterPixels {
		scale *= math.Sqrt(maxRasterPixels / px)
	}
	dst := image.NewRGBA(image.Rect(0, 0, max(1, int(math.Round(w*scale))), max(1, int(math.Round(h*scale)))))
	t := pathraster.Transform{OX: -job.x0 * scale, OY: -job.y0 * scale, Scale: scale}
	drawItems(dst, job.content, t)
	if job.effect != nil {
		job.effect(dst, t)
	}
	return dst
}

// drawItems paints items onto dst.
func drawItems(dst *image.RGBA, items []rasterItem, t pathraster.Transform) {
	var rz pathraster.Rasterizer
	for _, it := range items {
		if it.path != nil {
			rz.Path(dst, it.path, t)
			continue
		}
		src := decodeEmbedded(it.data)
		if src == nil {
			continue
		}
		b := src.Bounds()
		sw, sh := float64(b.Dx()), float64(b.Dy())
		m, s := it.place, t.Scale
		aff := f64.Aff3{s * m[0] / sw, s * m[2] / sh, s*m[4] + t.OX, s * m[1] / sw, s * m[3] / sh, s*m[5] + t.OY}
		// the transform maps the source's pixels from its origin
		aff[2] -= aff[0]*float64(b.Min.X) + aff[1]*float64(b.Min.Y)
		aff[5] -= aff[3]*float64(b.Min.X) + aff[4]*float64(b.Min.Y)
		xdraw.BiLinear.Transform(dst, aff, src, b, xdraw.Over, nil)
	}
}

// decodeEmbedded decodes an embedded raster image of at most
// maxRasterPixels; nil when it does not decode.
func decodeEmbedded(data []byte) (img image.Image) {
	defer func() {
		if recover() != nil {
			img = nil
		}
	}()
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > maxRasterPixels {
		return nil
	}
	img, _, err = image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	return img
}

// PrepareRasters draws the parts of d that are rasterised (masks,
// filters, patterns) at pixelsPerPoint, each as a PNG with its
// transparency, and sets their Image; gray turns them grey. maxPixels
// bounds the pixels of them all (0: 50 million): those beyond it are
// not drawn, with a warning.
func PrepareRasters(d *page.Drawing, pixelsPerPoint float64, maxPixels int, gray bool) {
	if maxPixels <= 0 {
		maxPixels = defaultRasterBudget
	}
	if !(pixelsPerPoint > 0) || math.IsInf(pixelsPerPoint, 0) {
		pixelsPerPoint = 1
	}
	total := 0.0
	for _, part := range d.Parts {
		pi := part.Image
		if pi == nil || pi.Raster == nil || pi.Image != nil {
			continue
		}
		px := min(pi.W.Points()*pi.H.Points()*pixelsPerPoint*pixelsPerPoint, maxRasterPixels)
		if total+px > float64(maxPixels) {
			d.Warnings = append(d.Warnings, "rasterised parts beyond the pixel limit (not drawn)")
			break
		}
		total += px
		m := pi.Raster(pixelsPerPoint)
		if gray {
			grayPixels(m)
		}
		var buf bytes.Buffer
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		if err := enc.Encode(&buf, m); err != nil {
			continue
		}
		sum := sha256.Sum256(buf.Bytes())
		w, h := m.Rect.Dx(), m.Rect.Dy()
		pi.Image = &page.Image{Key: "svgraster-" + hex.EncodeToString(sum[:8]), Format: "png", Data: buf.Bytes(),
			Width: w, Height: h, SourceWidth: w, SourceHeight: h}
	}
}

// grayPixels turns m's colours into their luminance, in place.
func grayPixels(m *image.RGBA) {
	for i := 0; i+3 < len(m.Pix); i += 4 {
		y := uint8((299*uint32(m.Pix[i]) + 587*uint32(m.Pix[i+1]) + 114*uint32(m.Pix[i+2]) + 500) / 1000)
		m.Pix[i], m.Pix[i+1], m.Pix[i+2] = y, y, y
	}
}

// emptyLike returns a transparent image of m's bounds.
func emptyLike(m *image.RGBA) *image.RGBA { return image.NewRGBA(m.Rect) }

// copyOf returns a copy of m.
func copyOf(m *image.RGBA) *image.RGBA {
	c := emptyLike(m)
	draw.Draw(c, c.Rect, m, m.Rect.Min, draw.Src)
	return c
}
