package media

import (
	"context"
	"fmt"

	"github.com/galleyprint/galley/page"
)

// Reduce returns img, an image Prepare made, downsampled to the pixels it
// needs printed at most wPt × hPt points at dpi (0: DefaultDPI). Prepare
// works before the page is laid out, to the largest size an image can be
// printed at; the layout alone decides the printed size (from the
// original's pixels and the page), and Reduce then fits the resolution
// to it, so that the resolution asked for never changes the page. An
// image no more than a quarter over the pixels it needs is returned as it
// is, as Prepare keeps it; a reduced one keeps img's key and source size
// and is encoded as Prepare encodes (JPEG stays JPEG; PNG stays PNG when
// drawn or of few colours). Reduce never panics; it waits for a share of
// the process's preparing capacity, as Loader does, or for ctx to end.
func Reduce(ctx context.Context, img *page.Image, wPt, hPt, dpi float64) (out *page.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("%w: reducing the image failed: %v", ErrCorruptImage, r)
		}
	}()
	if img.Drawing != nil {
		return img, nil // vectors have no pixels to reduce
	}
	spec := Spec{MaxWidthPt: max(wPt, 1), MaxHeightPt: max(hPt, 1), DPI: dpi}
	tw, th := spec.fit(img.Width, img.Height)
	if tw == img.Width && th == img.Height {
		return img, nil
	}
	f := fmtPNG
	if img.Format == "jpg" {
		f = fmtJPEG
	}
	cost := min(decodedSize(img.Data), decodeBudgetBytes)
	if err := prepareSlots.Acquire(ctx, 1); err != nil {
		return nil, err
	}
	defer prepareSlots.Release(1)
	if err := decodeBudget.Acquire(ctx, cost); err != nil {
		return nil, err
	}
	defer decodeBudget.Release(cost)
	src, err := decode(ctx, f, img.Data)
	if err != nil {
		return nil, err
	}
	drawn := f != fmtJPEG && looksDrawn(src)
	m, err := shrink(ctx, src, tw, th)
	if err != nil {
		return nil, err
	}
	flattenOnWhite(m)
	data, ext, err := encode(m, f == fmtJPEG, isGray(src), drawn)
	if err != nil {
		return nil, err
	}
	sw, sh := img.SourceWidth, img.SourceHeight
	if sw <= 0 || sh <= 0 {
		sw, sh = img.Width, img.Height
	}
	return &page.Image{Key: img.Key, Format: ext, Data: data, Width: tw, Height: th, SourceWidth: sw, SourceHeight: sh}, nil
}
