package media

import (
	"image"
	"os"
	"path/filepath"
	"testing"
)

func FuzzPrepare(f *testing.F) {
	f.Add(pngBytes(f, lineArt(12, 7)))
	f.Add(pngBytes(f, withAlpha(5, 9)))
	f.Add(pngBytes(f, image.NewGray16(image.Rect(0, 0, 3, 3))))
	f.Add(jpegBytes(f, photo(16, 9)))
	f.Add(withOrientation(jpegBytes(f, photo(8, 8)), 6, "II"))
	f.Add(gifBytes(f, lineArt(6, 4)))
	f.Add(pngHeader(100000, 100000))
	f.Add([]byte("<svg/>"))
	names, _ := filepath.Glob(filepath.Join("..", "testdata", "images", "*.*"))
	for _, n := range names {
		if data, err := os.ReadFile(n); err == nil && filepath.Ext(n) != ".md" {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// a small pixel limit keeps each run fast; the limit is the same
		// code path for any value
		img, err := Prepare(data, "", Spec{MaxWidthPt: 36, DPI: 100, MaxPixels: 1 << 16})
		if err != nil {
			return
		}
		checkPrepared(t, img)
		// a drawing has no pixels to limit: its size is its natural one
		if img.Drawing == nil && img.Width > 50 {
			t.Errorf("width %d over the limit", img.Width)
		}
	})
}
