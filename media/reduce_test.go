package media

import (
	"context"
	"testing"
)

// TestReduce: a prepared image is reduced to the pixels its printed size
// needs at the resolution asked for, keeping its key, its source size and
// its kind (a photograph stays JPEG, line art PNG); one within a quarter
// of them passes unchanged.
func TestReduce(t *testing.T) {
	for _, tc := range []struct {
		name       string
		data       []byte
		wPt, hPt   float64
		dpi        float64
		w, h       int
		format     string
		sameObject bool
	}{
		{"photo to a column", jpegBytes(t, photo(1200, 800)), 216, 144, 100, 300, 200, "jpg", false},
		{"photo, height limits", jpegBytes(t, photo(1200, 800)), 432, 72, 200, 300, 200, "jpg", false},
		{"line art", pngBytes(t, lineArt(900, 600)), 144, 100, 200, 400, 267, "png", false},
		{"default resolution", jpegBytes(t, photo(1200, 800)), 216, 144, 0, 600, 400, "jpg", false},
		{"within a quarter", jpegBytes(t, photo(1200, 800)), 480, 320, 150, 1200, 800, "jpg", true},
		{"never enlarged", jpegBytes(t, photo(300, 200)), 432, 288, 300, 300, 200, "jpg", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img, err := Prepare(tc.data, "k", Spec{})
			if err != nil {
				t.Fatal(err)
			}
			sw, sh := img.SourceWidth, img.SourceHeight
			out, err := Reduce(context.Background(), img, tc.wPt, tc.hPt, tc.dpi)
			if err != nil {
				t.Fatal(err)
			}
			checkPrepared(t, out)
			if out.Width != tc.w || out.Height != tc.h || out.Format != tc.format {
				t.Errorf("%s of %dx%d px, want %s of %dx%d", out.Format, out.Width, out.Height, tc.format, tc.w, tc.h)
			}
			if out.Key != "k" || out.SourceWidth != sw || out.SourceHeight != sh {
				t.Errorf("key %q, source %dx%d; want k, %dx%d", out.Key, out.SourceWidth, out.SourceHeight, sw, sh)
			}
			if (out == img) != tc.sameObject {
				t.Errorf("returned the same image: %v, want %v", out == img, tc.sameObject)
			}
		})
	}
}

// TestPrepareSourceSize: Prepare records the original's pixels as
// displayed, however far it downsamples.
func TestPrepareSourceSize(t *testing.T) {
	img, err := Prepare(jpegBytes(t, photo(1200, 800)), "", Spec{MaxWidthPt: 72, DPI: 100})
	if err != nil {
		t.Fatal(err)
	}
	if img.Width != 100 || img.SourceWidth != 1200 || img.SourceHeight != 800 {
		t.Errorf("%dx%d px from a source of %dx%d; want 100 px wide from 1200x800", img.Width, img.Height, img.SourceWidth, img.SourceHeight)
	}
	turned, err := Prepare(withOrientation(jpegBytes(t, photo(120, 80)), 6, "MM"), "", Spec{})
	if err != nil {
		t.Fatal(err)
	}
	if turned.SourceWidth != 80 || turned.SourceHeight != 120 {
		t.Errorf("a turned photograph's source is %dx%d, want 80x120 as displayed", turned.SourceWidth, turned.SourceHeight)
	}
}
