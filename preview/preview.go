// Package preview rasterises the pages of a page.Document as images,
// drawing the same display list the pdf package writes, so that a page
// shown from a preview has the layout of the printed PDF.
//
// Text is drawn glyph by glyph with golang.org/x/image/font/opentype
// (anti-aliased, unhinted) at the positions a PDF viewer gives it: each
// glyph advances by its width in thousandths of an em, as the layout
// measured it and the PDF records it, and the layout's kerning moves the
// pen where the PDF's TJ operator does. Rules and filled rectangles are
// snapped to whole pixels, at least one pixel thick, as PDF viewers'
// stroke adjustment does; images are decoded, scaled with
// golang.org/x/image/draw and cover the pixels their box touches, as in
// poppler.
//
// A page of W×H points at d dots per inch is ceil(W·d/72)×ceil(H·d/72)
// pixels, the size pdftoppm renders it at, with the same origin.
package preview

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	_ "image/jpeg" // images of the display list
	_ "image/png"
	"math"
	"strings"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/internal/pathraster"
	"github.com/galleyprint/galley/page"
)

// Resolutions a page can be rendered at, in dots per inch.
const (
	MinDPI = 10
	MaxDPI = 600
)

// ErrRender is wrapped by errors about a document that cannot be drawn:
// a face that does not parse, an image that is missing or does not decode.
var ErrRender = errors.New("rendering preview")

// Renderer draws the pages of one document at one resolution. It keeps
// the faces it has parsed and the images it has decoded between pages. A
// Renderer is not safe for concurrent use; use one per goroutine.
type Renderer struct {
	doc    *page.Document
	dpi    float64
	scale  float64 // pixels per point
	fonts  map[*fonts.Face]*sfnt.Font
	faces  map[faceKey]*face
	images map[string]image.Image
	rast   vector.Rasterizer
	paths  pathraster.Rasterizer
}

type faceKey struct {
	face *fonts.Face
	size page.Unit
}

// face is one face at one size: glyph outlines and the advances of runes
// the face lacks (which PDF viewers draw as the face's .notdef glyph).
type face struct {
	glyphs  font.Face
	missing float64 // advance of a missing rune in points
	quarter bool    // glyph origins on quarter pixels across, not whole ones
}

// originX places a glyph whose origin falls at x pixels as poppler does:
// on the whole pixel at or left of x, or for a face whose bounding box is
// at most 47 pixels tall on the quarter pixel at or left of x. (Glyph
// origins are always on whole pixels down.) Other viewers place glyphs
// at exact positions, less than a pixel away.
func (f *face) originX(x float64) fixed.Int26_6 {
	ix := math.Floor(x)
	if f.quarter {
		ix += math.Floor((x-ix)*4) / 4
	}
	return fixed.Int26_6(ix * 64)
}

// NewRenderer returns a renderer of doc's pages at dpi dots per inch,
// which must lie between MinDPI and MaxDPI.
func NewRenderer(doc *page.Document, dpi float64) (*Renderer, error) {
	if doc == nil {
		return nil, fmt.Errorf("%w: no document", ErrRender)
	}
	if math.IsNaN(dpi) || dpi < MinDPI || dpi > MaxDPI {
		return nil, fmt.Errorf("%w: resolution %g dpi is not between %d and %d", ErrRender, dpi, MinDPI, MaxDPI)
	}
	return &Renderer{doc: doc, dpi: dpi, scale: dpi / 72,
		fonts: map[*fonts.Face]*sfnt.Font{}, faces: map[faceKey]*face{}, images: map[string]image.Image{}}, nil
}

// Page renders page i (0-based) of doc at dpi dots per inch. To render
// several pages of one document, a Renderer parses its faces once.
func Page(doc *page.Document, i int, dpi float64) (*image.RGBA, error) {
	r, err := NewRenderer(doc, dpi)
	if err != nil {
		return nil, err
	}
	return r.Page(i)
}

// Size returns the size in pixels of a page of size s at dpi dots per
// inch: the page's sides in points, as the PDF's MediaBox records them,
// scaled and rounded up, as pdftoppm does.
func Size(s page.Size, dpi float64) image.Point {
	return image.Pt(int(math.Ceil(pdfPoints(s.W)*dpi/72)), int(math.Ceil(pdfPoints(s.H)*dpi/72)))
}

// pdfPoints is u in points as the PDF writes it, with two decimals.
func pdfPoints(u page.Unit) float64 { return math.Round(u.Points()*100) / 100 }

// Page renders page i (0-based) on a white background.
func (r *Renderer) Page(i int) (*image.RGBA, error) {
	if i < 0 || i >= len(r.doc.Pages) {
		return nil, fmt.Errorf("%w: page %d of %d", ErrRender, i+1, len(r.doc.Pages))
	}
	pg := r.doc.Pages[i]
	sz := Size(pg.Size, r.dpi)
	dst := image.NewRGBA(image.Rectangle{Max: sz})
	draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
	// the PDF writer turns y into PDF space with the page's height and
	// rounds it there; the viewer turns it back with the MediaBox's
	pc := pageCoords{h: pg.Size.H.Points(), mediaH: pdfPoints(pg.Size.H), scale: r.scale}
	for k := range pg.Items {
		if err := r.item(dst, pc, &pg.Items[k]); err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
	}
	return dst, nil
}

// pageCoords turns layout coordinates into pixels as a PDF viewer places
// what the PDF writer wrote: x and PDF-space y rounded to 0.01 pt.
type pageCoords struct {
	h, mediaH, scale float64
}

func (pc pageCoords) x(u page.Unit) float64 { return round2(u.Points()) * pc.scale }

func (pc pageCoords) y(u page.Unit) float64 {
	return (pc.mediaH - round2(pc.h-u.Points())) * pc.scale
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func (r *Renderer) item(dst *image.RGBA, pc pageCoords, it *page.Item) error {
	switch it.Kind {
	case page.ItemText:
		if it.Rotate != 0 {
			return r.rotatedText(dst, pc, it)
		}
		return r.text(dst, pc, it)
	case page.ItemPath:
		r.path(dst, pc, it)
	case page.ItemLine:
		r.line(dst, pc, it)
	case page.ItemRect:
		x0, y0 := pc.x(it.X), pc.y(it.Y)
		x1, y1 := pc.x(it.X+it.W), pc.y(it.Y+it.H)
		fillBox(dst, x0, y0, x1, y1, rgba(it.Color))
	case page.ItemImage:
		return r.image(dst, pc, it)
	}
	return nil
}

func rgba(c page.Color) color.RGBA { return color.RGBA{c.R, c.G, c.B, 0xff} }

// fillBox fills the box between two corners, its edges rounded to whole
// pixels and at least one pixel wide and high, as PDF viewers' stroke
// adjustment draws rules and rectangles.
func fillBox(dst *image.RGBA, x0, y0, x1, y1 float64, c color.RGBA) {
	if x0 > x1 {
		x0, x1 = x1, x0
	}
	if y0 > y1 {
		y0, y1 = y1, y0
	}
	ix0, ix1 := snap(x0, x1)
	iy0, iy1 := snap(y0, y1)
	draw.Draw(dst, image.Rect(ix0, iy0, ix1, iy1), &image.Uniform{c}, image.Point{}, draw.Over)
}

// snap rounds the span from a to b to whole pixels (pathraster.Snap).
func snap(a, b float64) (int, int) { return pathraster.Snap(a, b) }

// line strokes a line with butt caps, the PDF writer's default.
func (r *Renderer) line(dst *image.RGBA, pc pageCoords, it *page.Item) {
	x0, y0 := pc.x(it.X), pc.y(it.Y)
	x1, y1 := pc.x(it.X+it.W), pc.y(it.Y+it.H)
	half := round2(it.Stroke.Points()) * pc.scale / 2
	switch {
	case it.H == 0: // a horizontal rule
		fillBox(dst, x0, y0-half, x1, y0+half, rgba(it.Color))
		return
	case it.W == 0:
		fillBox(dst, x0-half, y0, x0+half, y1, rgba(it.Color))
		return
	}
	dx, dy := x1-x0, y1-y0
	n := math.Hypot(dx, dy)
	if n == 0 {
		return
	}
	// the stroke's outline: the line moved half the width either side
	ox, oy := -dy/n*math.Max(half, 0.5), dx/n*math.Max(half, 0.5)
	b := dst.Bounds()
	r.rast.Reset(b.Dx(), b.Dy())
	r.rast.MoveTo(float32(x0+ox), float32(y0+oy))
	r.rast.LineTo(float32(x1+ox), float32(y1+oy))
	r.rast.LineTo(float32(x1-ox), float32(y1-oy))
	r.rast.LineTo(float32(x0-ox), float32(y0-oy))
	r.rast.ClosePath()
	r.rast.Draw(dst, b, &image.Uniform{rgba(it.Color)}, image.Point{})
}

// text draws a text item glyph by glyph: the pen starts at the item's
// origin and moves by each rune's width and by the item's kerns, in
// points, as a PDF viewer moves it through the writer's TJ operator.
func (r *Renderer) text(dst *image.RGBA, pc pageCoords, it *page.Item) error {
	if it.Face == nil || it.Text == "" {
		return nil
	}
	f, err := r.face(it.Face, it.Size)
	if err != nil {
		return err
	}
	// the preview draws valid UTF-8, a run of invalid bytes as one U+FFFD,
	// as the PDF writer does (pdf.Encode)
	text := strings.ToValidUTF8(it.Text, "\uFFFD")
	var kerns []page.Kern
	if text == it.Text { // the writer drops kerns from text it had to change
		kerns = pdfKerns(it.Kerns, len(text))
	}
	size := it.Size.Points()
	// the writer places the origin with Td, in points rounded to 0.01
	pen := round2(it.X.Points())
	y := pc.y(it.Y)
	src := &image.Uniform{rgba(it.Color)}
	k := 0
	for at, ru := range text {
		for k < len(kerns) && kerns[k].At <= at {
			if kerns[k].At == at {
				// TJ's number is -Adjust: the pen moves on by Adjust/1000 em
				pen += float64(kerns[k].Adjust) / 1000 * size
			}
			k++
		}
		dot := fixed.Point26_6{X: f.originX(pen * pc.scale), Y: fixed.I(int(math.Floor(y)))}
		if dr, mask, mp, _, ok := f.glyphs.Glyph(dot, ru); ok && !dr.Empty() {
			draw.DrawMask(dst, dr, src, image.Point{}, mask, mp, draw.Over)
		}
		if w, ok := it.Face.Width(ru); ok {
			pen += float64(w) / 1000 * size
		} else {
			pen += f.missing * size
		}
	}
	return nil
}

// pdfKerns returns the kerns the PDF writer writes into a TJ operator
// for a text of n bytes: those inside the text, each after the one before.
func pdfKerns(kerns []page.Kern, n int) []page.Kern {
	var out []page.Kern
	prev := 0
	for _, k := range kerns {
		if k.At <= prev || k.At >= n {
			continue
		}
		out = append(out, k)
		prev = k.At
	}
	return out
}

// face returns f at size, parsing f's bytes the first time it is used.
func (r *Renderer) face(f *fonts.Face, size page.Unit) (*face, error) {
	key := faceKey{f, size}
	if fc := r.faces[key]; fc != nil {
		return fc, nil
	}
	sf := r.fonts[f]
	if sf == nil {
		var err error
		if sf, err = sfnt.Parse(f.Data()); err != nil {
			return nil, fmt.Errorf("%w: font %s: %v", ErrRender, f.Name(), err)
		}
		r.fonts[f] = sf
	}
	glyphs, err := opentype.NewFace(sf, &opentype.FaceOptions{Size: size.Points(), DPI: r.dpi, Hinting: font.HintingNone})
	if err != nil {
		return nil, fmt.Errorf("%w: font %s: %v", ErrRender, f.Name(), err)
	}
	fc := &face{glyphs: glyphs}
	// a rune the face lacks is drawn as glyph 0, with its width
	var buf sfnt.Buffer
	upem := int(sf.UnitsPerEm())
	if adv, err := sf.GlyphAdvance(&buf, 0, fixed.I(upem), font.HintingNone); err == nil && upem > 0 {
		fc.missing = math.Round(float64(adv)/64*1000/float64(upem)) / 1000
	}
	// poppler's glyph cache holds a face's glyphs at quarter pixel
	// offsets while its bounding box, in pixels truncated, plus 3 is at
	// most 50 pixels tall
	if b, err := sf.Bounds(&buf, fixed.I(upem), font.HintingNone); err == nil && upem > 0 {
		ppem := size.Points() * r.dpi / 72
		fu := func(v fixed.Int26_6) int { return int(float64(v) / 64 * ppem / float64(upem)) }
		fc.quarter = fu(-b.Min.Y)-fu(-b.Max.Y)+3 <= 50
	}
	r.faces[key] = fc
	return fc, nil
}

// image draws an image into its box, scaled, over what is below (PNG
// transparency included).
func (r *Renderer) image(dst *image.RGBA, pc pageCoords, it *page.Item) error {
	src, err := r.decoded(it.Image())
	if err != nil {
		return err
	}
	x0, y0 := pc.x(it.X), pc.y(it.Y)
	x1, y1 := pc.x(it.X+it.W), pc.y(it.Y+it.H)
	// poppler covers the pixels the box touches: from the one holding its
	// top left corner to the one holding its bottom right corner
	ix0, ix1 := int(math.Floor(x0)), int(math.Floor(x1))+1
	iy0, iy1 := int(math.Floor(y0)), int(math.Floor(y1))+1
	xdraw.CatmullRom.Scale(dst, image.Rect(ix0, iy0, ix1, iy1), src, src.Bounds(), xdraw.Over, nil)
	return nil
}

// decoded returns the document's image by key, decoding it once.
func (r *Renderer) decoded(key string) (image.Image, error) {
	if img, ok := r.images[key]; ok {
		return img, nil
	}
	im := r.doc.Images[key]
	if im == nil {
		return nil, fmt.Errorf("%w: image %q is not in the document", ErrRender, key)
	}
	img, _, err := image.Decode(bytes.NewReader(im.Data))
	if err != nil {
		return nil, fmt.Errorf("%w: image %s: %v", ErrRender, key, err)
	}
	r.images[key] = img
	return img, nil
}
