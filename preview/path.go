package preview

import (
	"image"
	"math"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/f64"

	"github.com/galleyprint/galley/internal/pathraster"
	"github.com/galleyprint/galley/page"
)

// path rasterises an ItemPath: its fill, then its stroke, each an
// anti-aliased coverage mask (within the path's clips) through which its
// paint is laid over the page (see pathraster.Rasterizer.Path).
func (r *Renderer) path(dst *image.RGBA, pc pageCoords, it *page.Item) {
	if it.Path() == nil {
		return
	}
	r.paths.Path(dst, it.Path(), pathraster.Transform{OX: pc.x(it.X), OY: pc.y(it.Y), Scale: pc.scale})
}

// rotatedText draws a turned text item: set level in an image of its own
// with the text's origin at (0, 0), then turned onto the page about it.
func (r *Renderer) rotatedText(dst *image.RGBA, pc pageCoords, it *page.Item) error {
	size := it.Size.Points() * pc.scale
	w := int(math.Ceil(it.W.Points()*pc.scale + size))
	pad := int(math.Ceil(size))
	tmp := image.NewRGBA(image.Rect(-pad, -pad-pad/2, w+pad, pad))
	flat := *it
	flat.Rotate, flat.X, flat.Y = 0, 0, 0
	if err := r.text(tmp, pageCoords{scale: pc.scale}, &flat); err != nil {
		return err
	}
	s, c := math.Sincos(float64(it.Rotate) * math.Pi / 180)
	m := f64.Aff3{c, -s, pc.x(it.X), s, c, pc.y(it.Y)}
	xdraw.BiLinear.Transform(dst, m, tmp, tmp.Bounds(), xdraw.Over, nil)
	return nil
}
