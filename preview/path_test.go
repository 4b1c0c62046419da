package preview

import (
	"image"
	"image/color"
	"testing"

	"github.com/galleyprint/galley/page"
)

func box(x0, y0, x1, y1 float64) page.Outline {
	return page.Outline{Verbs: []page.Verb{page.MoveTo, page.LineTo, page.LineTo, page.LineTo, page.Close},
		Points: []page.PathPoint{{X: page.Pt(x0), Y: page.Pt(y0)}, {X: page.Pt(x1), Y: page.Pt(y0)}, {X: page.Pt(x1), Y: page.Pt(y1)}, {X: page.Pt(x0), Y: page.Pt(y1)}}}
}

// TestRenderPaths checks the pixels of paths drawn at 72 dpi (a pixel a
// point): fills, clips, strokes, opacity and gradients.
func TestRenderPaths(t *testing.T) {
	red := page.Paint{On: true, Color: page.Color{R: 255}, Alpha: 255}
	clip := box(0, 0, 20, 20)
	grad := page.Paint{On: true, Alpha: 255, Gradient: &page.Gradient{X2: page.Pt(100),
		Stops: []page.Stop{{Color: page.Color{R: 255}}, {Offset: 1, Color: page.Color{B: 255}}}}}
	type probe struct {
		x, y int
		want color.RGBA
	}
	white, redC := color.RGBA{255, 255, 255, 255}, color.RGBA{255, 0, 0, 255}
	for _, c := range []struct {
		name   string
		p      *page.Path
		probes []probe
	}{
		{"fill", &page.Path{Outline: box(0, 0, 40, 40), Fill: red}, []probe{{120, 120, redC}, {150, 150, white}}},
		{"clip", &page.Path{Outline: box(0, 0, 40, 40), Fill: red, Clips: []*page.Outline{&clip}}, []probe{{110, 110, redC}, {130, 130, white}}},
		{"stroke", &page.Path{Outline: box(0, 0, 40, 40), Stroke: red, Width: page.Pt(4)}, []probe{{100, 120, redC}, {120, 120, white}}},
		{"half opaque", &page.Path{Outline: box(0, 0, 40, 40), Fill: page.Paint{On: true, Alpha: 128}}, []probe{{120, 120, color.RGBA{127, 127, 127, 255}}}},
		{"gradient", &page.Path{Outline: box(0, 0, 100, 10), Fill: grad}, []probe{{100, 105, redC}, {199, 105, color.RGBA{3, 0, 252, 255}}}},
	} {
		doc := onePage(page.Item{Kind: page.ItemPath, X: page.Pt(100), Y: page.Pt(100), W: page.Pt(100), H: page.Pt(100), More: &page.ItemMore{Path: c.p}})
		img, err := Page(doc, 0, 72)
		if err != nil {
			t.Fatal(err)
		}
		for _, pr := range c.probes {
			if got := img.RGBAAt(pr.x, pr.y); !near8(got, pr.want) {
				t.Errorf("%s: pixel %d,%d is %v, want %v", c.name, pr.x, pr.y, got, pr.want)
			}
		}
	}
}

func near8(a, b color.RGBA) bool {
	d := func(p, q uint8) bool { return int(p)-int(q) <= 4 && int(q)-int(p) <= 4 }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B)
}

// TestRenderRotatedText checks that text turned a quarter anticlockwise
// runs up the page from its origin.
func TestRenderRotatedText(t *testing.T) {
	it := page.Item{Kind: page.ItemText, X: page.Pt(100), Y: page.Pt(150), W: page.Pt(60), Size: page.Pt(12),
		Face: serif(t), Text: "MMMMM", Rotate: -90}
	img, err := Page(onePage(it), 0, 72)
	if err != nil {
		t.Fatal(err)
	}
	ink := func(r image.Rectangle) int {
		n := 0
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				if img.RGBAAt(x, y).R < 128 {
					n++
				}
			}
		}
		return n
	}
	if up, right := ink(image.Rect(88, 95, 101, 150)), ink(image.Rect(100, 138, 160, 151)); up < 100 || right > 20 {
		t.Errorf("ink above the origin %d, to its right %d: the text is not turned up", up, right)
	}
}
