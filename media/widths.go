package media

import (
	"errors"
	"fmt"
	"math"

	"github.com/galleyprint/galley/layout"
)

// DistinctWidths makes the pixel widths of a document's images unique, so
// that the PDF is the same bytes every time.
//
// Why: the PDF library (fpdf) writes image objects in the order of a
// stable sort by pixel width over its map of images, which Go iterates in
// random order; two different images of the same width come out in either
// order from run to run, and so do every object number after them. With
// unique widths the order is fixed.
//
// Images are taken in order; an image whose width an earlier, different
// image already has is replaced by a copy rescaled (Catmull-Rom, aspect
// kept) to the widest width still free below it — usually 1 pixel
// narrower, which nobody sees in print — or, for the narrowest, the
// nearest free width above. The copy is keyed by its new content. Images
// with the same key are one embedding and count once; nil entries are
// skipped. The images are replaced in the slice, never modified, so they
// may be shared (the Loader's cache shares them). Apply it to all the
// images of one PDF at once; images of the same Key replaced once are
// replaced alike everywhere in the slice.
func DistinctWidths(images []*layout.Image) error {
	var errs []error
	for i, err := range distinctWidths(images) {
		if err != nil {
			errs = append(errs, fmt.Errorf("making the width of image %s unique: %w", images[i].Key, err))
		}
	}
	return errors.Join(errs...)
}

// distinctWidths does DistinctWidths' work and returns an error for each
// image it could not resize (left as it was), nil for the others.
func distinctWidths(images []*layout.Image) []error {
	errs := make([]error, len(images))
	byWidth := map[int]string{}            // width → key of the image that has it
	replaced := map[string]*layout.Image{} // key → the image to use instead
	for i, im := range images {
		if im == nil {
			continue
		}
		if r, ok := replaced[im.Key]; ok {
			images[i] = r
			continue
		}
		if k, ok := byWidth[im.Width]; !ok || k == im.Key {
			byWidth[im.Width] = im.Key
			replaced[im.Key] = im
			continue
		}
		r, err := Resize(im, freeWidth(byWidth, im.Width))
		if err != nil {
			errs[i] = err
			continue
		}
		byWidth[r.Width] = r.Key
		replaced[im.Key] = r
		images[i] = r
	}
	return errs
}

// freeWidth returns the widest width below w that no image has, or the
// narrowest above it when there is none.
func freeWidth(used map[int]string, w int) int {
	for n := w - 1; n >= 1; n-- {
		if _, ok := used[n]; !ok {
			return n
		}
	}
	n := w + 1
	for {
		if _, ok := used[n]; !ok {
			return n
		}
		n++
	}
}

// Resize returns a copy of a prepared image rescaled to width w pixels,
// aspect kept, in the same format and colour kind (grey stays grey,
// transparency is kept), keyed by its content.
func Resize(im *layout.Image, w int) (_ *layout.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: resizing failed: %v", ErrCorruptImage, r)
		}
	}()
	if w < 1 || im.Width < 1 || im.Height < 1 {
		return nil, fmt.Errorf("%w: cannot resize %dx%d to width %d", ErrCorruptImage, im.Width, im.Height, w)
	}
	var f format
	switch im.Format {
	case "jpg", "jpeg":
		f = fmtJPEG
	case "png":
		f = fmtPNG
	default:
		return nil, fmt.Errorf("%w: format %q", ErrUnsupportedImage, im.Format)
	}
	src, err := decode(f, im.Data)
	if err != nil {
		return nil, err
	}
	b := src.Bounds()
	h := max(1, int(math.Round(float64(b.Dy())*float64(w)/float64(b.Dx()))))
	if int64(w)*int64(h) > DefaultMaxPixels {
		return nil, fmt.Errorf("%w: %dx%d", ErrDecompressionBomb, w, h)
	}
	m := scale(src, w, h)
	var out []byte
	var ext string
	switch {
	case isGray(src) && f == fmtJPEG:
		out, ext, err = encodeJPEG(toGray(m))
	case isGray(src):
		out, ext, err = encodePNG(toGray(m))
	case f == fmtJPEG:
		out, ext, err = encodeJPEG(m)
	default:
		out, ext, err = encodePNG(m)
	}
	if err != nil {
		return nil, err
	}
	return finish(out, ext, w, h, ""), nil
}
