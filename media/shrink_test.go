package media

import (
	"context"
	"image"
	"image/color"
	"testing"
)

// shrinkNow is shrink without a deadline.
func shrinkNow(m image.Image, w, h int) *image.RGBA {
	d, err := shrink(context.Background(), m, w, h)
	if err != nil {
		panic(err)
	}
	return d
}

func TestSpansWeighEveryPixelOnce(t *testing.T) {
	for _, tc := range []struct{ src, n int }{{10, 5}, {7, 3}, {1000, 333}, {3, 2}, {5, 5}, {4064, 1252}} {
		total := make([]uint64, tc.src) // each source pixel's weight over all outputs
		for _, s := range spans(tc.src, tc.n) {
			sum := uint32(0)
			for k, w := range s.weights {
				sum += w
				total[s.first+k] += uint64(w)
			}
			if sum != 1<<weightBits {
				t.Errorf("%d→%d: weights sum to %d, want %d", tc.src, tc.n, sum, 1<<weightBits)
			}
		}
		// every source pixel counts n/src of one output, within rounding
		want := float64(tc.n) / float64(tc.src) * (1 << weightBits)
		for i, w := range total {
			if d := float64(w) - want; d > 4 || d < -4 {
				t.Errorf("%d→%d: source pixel %d weighs %d, want %.0f", tc.src, tc.n, i, w, want)
				break
			}
		}
	}
}

func TestShrink(t *testing.T) {
	// a checkerboard of black and white pixels halves to mid grey
	board := image.NewGray(image.Rect(0, 0, 8, 6))
	for y := range 6 {
		for x := range 8 {
			if (x+y)%2 == 0 {
				board.SetGray(x, y, color.Gray{255})
			}
		}
	}
	m := shrinkNow(board, 4, 3)
	for y := range 3 {
		for x := range 4 {
			if c := m.RGBAAt(x, y); c.R < 126 || c.R > 129 || c.A != 255 {
				t.Fatalf("checkerboard pixel %d,%d = %v, want grey 127/128", x, y, c)
			}
		}
	}
	// a flat colour stays that colour at any ratio and from every type
	flat := color.NRGBA{200, 100, 50, 255}
	sources := map[string]image.Image{}
	n := image.NewNRGBA(image.Rect(3, 5, 103, 55)) // bounds not at the origin
	p := image.NewPaletted(image.Rect(0, 0, 100, 50), color.Palette{flat})
	y := image.NewYCbCr(image.Rect(0, 0, 100, 50), image.YCbCrSubsampleRatio420)
	yy, cb, cr := color.RGBToYCbCr(flat.R, flat.G, flat.B)
	for i := range y.Y {
		y.Y[i] = yy
	}
	for i := range y.Cb {
		y.Cb[i], y.Cr[i] = cb, cr
	}
	for i := 0; i < len(n.Pix); i += 4 {
		copy(n.Pix[i:], []uint8{flat.R, flat.G, flat.B, flat.A})
	}
	sources["nrgba"], sources["paletted"], sources["ycbcr"] = n, p, y
	sources["rgba64 (generic path)"] = image.NewRGBA64(image.Rect(0, 0, 100, 50))
	for name, src := range sources {
		m := shrinkNow(src, 37, 19)
		if m.Rect.Dx() != 37 || m.Rect.Dy() != 19 {
			t.Fatalf("%s: size %v", name, m.Rect)
		}
		want := m.RGBAAt(0, 0)
		for y := range 19 {
			for x := range 37 {
				if c := m.RGBAAt(x, y); c != want {
					t.Fatalf("%s: pixel %d,%d = %v, want %v everywhere", name, x, y, c, want)
				}
			}
		}
		if name != "rgba64 (generic path)" {
			if d := int(want.R) - int(flat.R); want.A != 255 || d < -2 || d > 2 {
				t.Errorf("%s: flat colour became %v, want %v", name, want, flat)
			}
		}
	}
	// transparency is averaged premultiplied: half transparent red over
	// half opaque red is red, never darkened
	half := image.NewNRGBA(image.Rect(0, 0, 2, 1))
	half.SetNRGBA(0, 0, color.NRGBA{255, 0, 0, 255})
	half.SetNRGBA(1, 0, color.NRGBA{0, 0, 0, 0})
	if c := shrinkNow(half, 1, 1).RGBAAt(0, 0); c.R != 128 || c.A != 128 {
		t.Errorf("red beside transparent = %v, want premultiplied {128 0 0 128}", c)
	}
}

func TestTransparencyPrintsWhite(t *testing.T) {
	pal := image.NewPaletted(image.Rect(0, 0, 30, 20), color.Palette{color.Transparent, color.Black})
	for _, data := range [][]byte{pngBytes(t, pal), pngBytes(t, withAlpha(30, 20))} {
		img, err := Prepare(data, "", Spec{})
		if err != nil {
			t.Fatal(err)
		}
		r, g, b, a := checkPrepared(t, img).At(0, 0).RGBA() // transparent in both
		if a != 0xffff || r < 0xf000 || g < 0xf000 || b < 0xf000 {
			t.Errorf("%s: a transparent pixel printed as %x %x %x %x, want white", img.Format, r>>8, g>>8, b>>8, a>>8)
		}
	}
}
