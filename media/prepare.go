package media

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"math"

	"github.com/galleyprint/galley/page"
)

// Defaults of Spec's zero fields.
const (
	DefaultDPI       = 200
	DefaultMaxPixels = 50_000_000
)

// Spec says how an image will be printed.
type Spec struct {
	// MaxWidthPt is the widest the image can be placed, in points: the
	// column width. 0 sets no limit.
	MaxWidthPt float64
	// MaxHeightPt is the tallest the image can be placed, in points (the
	// layout gives a figure at most 60% of the text block's height).
	// 0 sets no limit.
	MaxHeightPt float64
	// DPI is the resolution to keep at the largest placement; 0 is
	// DefaultDPI.
	DPI float64
	// Grayscale converts the image to shades of grey.
	Grayscale bool
	// MaxPixels refuses images with more pixels (width × height) before
	// decoding them; 0 is DefaultMaxPixels.
	MaxPixels int
}

// maxPixels returns the pixel limit.
func (s Spec) maxPixels() int64 {
	if s.MaxPixels > 0 {
		return int64(s.MaxPixels)
	}
	return DefaultMaxPixels
}

// passTolerance is how far over the target resolution an image may be and
// still pass unscaled.
const passTolerance = 1.25

// fit returns the size to print an image of w × h pixels at: no larger
// than MaxWidthPt × MaxHeightPt at DPI, aspect kept, never enlarged.
func (s Spec) fit(w, h int) (int, int) {
	dpi := s.DPI
	if dpi <= 0 || math.IsNaN(dpi) || math.IsInf(dpi, 0) {
		dpi = DefaultDPI
	}
	scale := 1.0
	if s.MaxWidthPt > 0 {
		if mw := max(1, math.Floor(s.MaxWidthPt/72*dpi)); mw < float64(w) {
			scale = mw / float64(w)
		}
	}
	if s.MaxHeightPt > 0 {
		if mh := max(1, math.Floor(s.MaxHeightPt/72*dpi)); mh < float64(h)*scale {
			scale = mh / float64(h)
		}
	}
	// an image up to a quarter over the target resolution is kept as it
	// is: resampling it would cost sharpness and time for little size
	if scale >= 1/passTolerance {
		return w, h
	}
	tw := max(1, int(math.Round(float64(w)*scale)))
	th := max(1, int(math.Round(float64(h)*scale)))
	return min(tw, w), min(th, h)
}

// Prepare turns image bytes into an image the PDF writer can embed: a
// JPEG, or a non-interlaced 8-bit PNG.
//
// The header is read first, and an image of more than Spec.MaxPixels
// pixels is refused with ErrDecompressionBomb before it is decoded. JPEG,
// PNG (any bit depth, interlaced or not, with palette or alpha), GIF (the
// first frame), WebP and BMP are read; SVG, AVIF and TIFF are refused with
// ErrUnsupportedImage. An EXIF orientation is applied. An image wider
// (or taller) than its placement needs at Spec.DPI, by more than a quarter,
// is scaled down by area averaging, aspect kept.
//
// Transparent areas are flattened onto white, the paper they print on,
// so that the PDF needs no soft masks.
//
// A JPEG that needs no change (no scaling, turning, grey conversion, and
// not CMYK) passes through byte for byte once it has been decoded in full
// to check it. Other images are encoded anew: pictures from JPEGs as JPEG
// quality 85; other images as PNG when they have at most 16 colours or the source looks drawn (at least 40 % of
// its pixels repeat a neighbour: line art, charts, screenshots), else as
// JPEG. A PNG that needs no change passes through when it is complete,
// 8-bit, not interlaced and without transparency; other PNGs are encoded
// anew, as the PDF library refuses interlaced PNGs and mishandles 16-bit
// ones with alpha.
//
// The key is the image's key; "" derives it from the prepared bytes, so
// that identical images share one embedding. Width and Height are the
// prepared pixels, SourceWidth and SourceHeight the original's as
// displayed: the layout sizes the figure from those, and Reduce fits the
// pixels to the printed size once it is known. Prepare never panics.
func Prepare(data []byte, key string, spec Spec) (*page.Image, error) {
	return prepare(context.Background(), data, key, spec)
}

// prepare is Prepare under ctx, looked at as the image is decoded, every
// few rows as it is scaled, and before it is encoded: when ctx is done it
// returns ctx's error.
func prepare(ctx context.Context, data []byte, key string, spec Spec) (img *page.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("%w: preparing the image failed: %v", ErrCorruptImage, r)
		}
	}()
	if isSVG(data) {
		return prepareSVG(ctx, data, key, spec)
	}
	f, err := sniff(data)
	if err != nil {
		return nil, err
	}
	cfg, err := decodeConfig(f, data)
	if err != nil {
		return nil, err
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("%w: %s of %dx%d pixels", ErrCorruptImage, f, cfg.Width, cfg.Height)
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > spec.maxPixels() {
		return nil, fmt.Errorf("%w: %dx%d is %d pixels, the limit is %d", ErrDecompressionBomb, cfg.Width, cfg.Height, px, spec.maxPixels())
	}
	o := 1
	if f == fmtJPEG {
		o = jpegOrientation(data)
	}
	src, err := decode(ctx, f, data)
	if err != nil {
		return nil, err
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if int64(w)*int64(h) > spec.maxPixels() { // cannot be, but decoders vary
		return nil, fmt.Errorf("%w: %dx%d", ErrDecompressionBomb, w, h)
	}
	dw, dh := w, h // as displayed
	if o >= 5 {
		dw, dh = h, w
	}
	tw, th := spec.fit(dw, dh)
	gray := spec.Grayscale || isGray(src)
	if f == fmtPNG && o == 1 && tw == dw && th == dh && !spec.Grayscale && pngPassable(data) {
		return finish(data, "png", w, h, dw, dh, key), nil
	}
	if f == fmtJPEG && o == 1 && tw == dw && th == dh &&
		(cfg.ColorModel == color.YCbCrModel || cfg.ColorModel == color.GrayModel) &&
		(!spec.Grayscale || cfg.ColorModel == color.GrayModel) {
		return finish(data, "jpg", w, h, dw, dh, key), nil
	}
	if p, ok := src.(*image.Paletted); ok && o == 1 && tw == dw && th == dh && !spec.Grayscale {
		// GIFs and palette PNGs with transparency: only the palette
		// needs flattening onto the paper
		out, ext, err := encodePNG(onWhitePalette(p))
		if err != nil {
			return nil, err
		}
		return finish(out, ext, w, h, dw, dh, key), nil
	}
	// judged on the source: scaling blends the flat areas of a drawing
	drawn := f != fmtJPEG && looksDrawn(src)
	var m *image.RGBA
	if tw != dw || th != dh {
		if o >= 5 {
			tw, th = th, tw
		}
		if m, err = shrink(ctx, src, tw, th); err != nil {
			return nil, err
		}
	} else {
		m = toRGBA(src)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m = orient(m, o)
	flattenOnWhite(m)
	out, ext, err := encode(m, f == fmtJPEG, gray, drawn)
	if err != nil {
		return nil, err
	}
	return finish(out, ext, m.Rect.Dx(), m.Rect.Dy(), dw, dh, key), nil
}

// finish makes the page.Image of w × h pixels from an original of
// sw × sh (as displayed), keyed by content when key is empty.
func finish(data []byte, ext string, w, h, sw, sh int, key string) *page.Image {
	if key == "" {
		key = contentKey(data)
	}
	return &page.Image{Key: key, Format: ext, Data: data, Width: w, Height: h, SourceWidth: sw, SourceHeight: sh}
}

// contentKey is "img-" and the first 16 hex digits of the SHA-256 of data.
func contentKey(data []byte) string {
	sum := sha256.Sum256(data)
	return "img-" + hex.EncodeToString(sum[:8])
}

// pngPassable reports a PNG the PDF writer embeds well as it is: 8 bits
// per sample, grey, RGB or palette without transparency, not interlaced,
// and complete (its chunks well formed up to IEND). It has been decoded in
// full before this is asked.
func pngPassable(data []byte) bool {
	if len(data) < 33 || data[24] != 8 || data[28] != 0 {
		return false
	}
	switch data[25] { // colour type
	case 0, 2, 3:
	default:
		return false
	}
	for p := 8; p+8 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[p:]))
		typ := string(data[p+4 : p+8])
		if n < 0 || p+12+n > len(data) {
			return false
		}
		switch typ {
		case "tRNS":
			return false
		case "IEND":
			return true
		}
		p += 12 + n
	}
	return false
}
