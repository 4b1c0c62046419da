package media

import (
	"bytes"
	"image"
	_ "image/png"
	"strings"
	"testing"
)

// TestSVGRastersAtPrintResolution checks that what a drawing rasterises
// (here a filtered shape, 200 CSS pixels = 150 pt wide) is drawn at the
// resolution of its largest placement, keeps its transparency, and turns
// grey with the drawing.
func TestSVGRastersAtPrintResolution(t *testing.T) {
	src := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><filter id="f" x="0" y="0" width="1" height="2">` +
		`<feOffset dx="0"/></filter><rect width="200" height="50" fill="red" filter="url(#f)"/></svg>`)
	for _, c := range []struct {
		name  string
		spec  Spec
		width int // pixels of the raster
		gray  bool
	}{
		{"natural size at 200 dpi", Spec{}, 417, false}, // 150 pt · 200/72
		{"half size at 144 dpi", Spec{MaxWidthPt: 75, DPI: 144}, 150, false},
		{"grey", Spec{Grayscale: true, DPI: 72}, 150, true},
		{"beyond the pixel limit", Spec{MaxPixels: 1000}, 0, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			img, err := Prepare(src, "", c.spec)
			if err != nil {
				t.Fatal(err)
			}
			if img.Drawing == nil || len(img.Drawing.Parts) != 1 || img.Drawing.Parts[0].Image == nil {
				t.Fatalf("drawing %+v", img.Drawing)
			}
			pi := img.Drawing.Parts[0].Image.Image
			if c.width == 0 {
				if w := img.Drawing.Warnings; pi != nil || len(w) != 2 || !strings.Contains(w[1], "pixel limit") {
					t.Errorf("raster %v, warnings %q: want none drawn, and why", pi, w)
				}
				return
			}
			if w := img.Drawing.Warnings; len(w) != 1 || w[0] != "filter rasterised" {
				t.Errorf("warnings %q, want the filter rasterised alone", w)
			}
			if pi == nil || pi.Format != "png" || pi.Width != c.width {
				t.Fatalf("raster %+v, want a PNG %d pixels wide", pi, c.width)
			}
			m, _, err := image.Decode(bytes.NewReader(pi.Data))
			if err != nil {
				t.Fatal(err)
			}
			r, g, _, a := m.At(2, 2).RGBA()
			if a != 0xffff || (r == g) != c.gray {
				t.Errorf("top left pixel %v, %v, alpha %v", r, g, a)
			}
			if _, _, _, a := m.At(2, m.Bounds().Dy()-2).RGBA(); a != 0 {
				t.Errorf("below the shape: alpha %d, want transparent", a)
			}
		})
	}
}
