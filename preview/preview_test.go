package preview

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"math"
	"testing"

	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/page"
)

func serif(t *testing.T) *fonts.Face {
	t.Helper()
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	return set.Face(fonts.Serif, fonts.Regular)
}

// onePage is a 4×3 inch page holding items.
func onePage(items ...page.Item) *page.Document {
	return &page.Document{Pages: []*page.Page{{Size: page.Size{W: 288 * page.Point, H: 216 * page.Point}, Items: items}}}
}

func TestSize(t *testing.T) {
	a4 := page.Size{W: page.Pt(595.28), H: page.Pt(841.89)}
	for _, c := range []struct {
		dpi  float64
		want image.Point
	}{{60, image.Pt(497, 702)}, {72, image.Pt(596, 842)}, {100, image.Pt(827, 1170)}, {150, image.Pt(1241, 1754)}} {
		if got := Size(a4, c.dpi); got != c.want {
			t.Errorf("A4 at %g dpi: %v, want %v (pdftoppm's size)", c.dpi, got, c.want)
		}
	}
}

func TestBadResolutionAndPage(t *testing.T) {
	doc := onePage()
	for _, dpi := range []float64{0, 9, 601, math.NaN()} {
		if _, err := NewRenderer(doc, dpi); !errors.Is(err, ErrRender) {
			t.Errorf("%g dpi: err %v, want ErrRender", dpi, err)
		}
	}
	if _, err := Page(doc, 1, 72); !errors.Is(err, ErrRender) {
		t.Errorf("page 2 of 1: err %v, want ErrRender", err)
	}
	if _, err := Page(nil, 0, 72); !errors.Is(err, ErrRender) {
		t.Errorf("no document: err %v, want ErrRender", err)
	}
}

// TestRectAndLine: at 72 dpi a point is a pixel, so shapes land on known
// pixels; a rule thinner than a pixel is still one pixel.
func TestRectAndLine(t *testing.T) {
	red := page.Color{R: 0xff}
	doc := onePage(
		page.Item{Kind: page.ItemRect, X: 10 * page.Point, Y: 20 * page.Point, W: 30 * page.Point, H: 5 * page.Point, Color: red},
		page.Item{Kind: page.ItemLine, X: 50 * page.Point, Y: page.Pt(100.9), W: 40 * page.Point, Stroke: page.Pt(0.3), Color: page.Black},
	)
	img, err := Page(doc, 0, 72)
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds() != image.Rect(0, 0, 288, 216) {
		t.Fatalf("bounds %v", img.Bounds())
	}
	want := func(x, y int, c color.RGBA) {
		t.Helper()
		if got := img.RGBAAt(x, y); got != c {
			t.Errorf("pixel %d,%d is %v, want %v", x, y, got, c)
		}
	}
	white, black, r := color.RGBA{255, 255, 255, 255}, color.RGBA{0, 0, 0, 255}, color.RGBA{255, 0, 0, 255}
	want(10, 20, r)
	want(39, 24, r)
	want(9, 20, white)
	want(40, 24, white)
	want(10, 25, white)
	want(50, 100, white)
	want(50, 101, black) // 100.75–101.05 pt: both edges round to 101, one row
	want(89, 101, black)
	want(90, 101, white)
	want(50, 102, white)
}

// TestTextPlacement: a word's ink lies within its advance, between the
// face's ascent and descent, and a kern moves the glyphs after it.
func TestTextPlacement(t *testing.T) {
	f := serif(t)
	size := 20 * page.Point
	word := page.Item{Kind: page.ItemText, X: 20 * page.Point, Y: 100 * page.Point, Text: "AVAVA", Face: f, Size: size}
	w := 0
	for _, r := range word.Text {
		adv, _ := f.Width(r)
		w += adv
	}
	word.W = page.Unit(w) * size / 1000
	plain := ink(t, onePage(word))
	x0, x1 := 20.0, 20+word.W.Points()
	top, bottom := 100-float64(f.Ascent)/1000*20, 100-float64(f.Descent)/1000*20
	if float64(plain.Min.X) < x0-1 || float64(plain.Max.X) > x1+1 || float64(plain.Min.Y) < top-1 || float64(plain.Max.Y) > bottom+1 {
		t.Errorf("ink %v outside the word's box x %.1f–%.1f, y %.1f–%.1f", plain, x0, x1, top, bottom)
	}
	// -100/1000 em at each of the 4 pairs: 8 points narrower
	kerned := word
	for at := 1; at < 5; at++ {
		kerned.Kerns = append(kerned.Kerns, page.Kern{At: at, Adjust: -100})
	}
	k := ink(t, onePage(kerned))
	if k.Min.X != plain.Min.X {
		t.Errorf("kerned ink starts at %d, unkerned at %d", k.Min.X, plain.Min.X)
	}
	if d := plain.Max.X - k.Max.X; d < 7 || d > 9 {
		t.Errorf("kerning made the word %d px narrower, want 8", d)
	}
}

func ink(t *testing.T, doc *page.Document) image.Rectangle {
	t.Helper()
	img, err := Page(doc, 0, 72)
	if err != nil {
		t.Fatal(err)
	}
	var box image.Rectangle
	for y := 0; y < img.Bounds().Dy(); y++ {
		for x := 0; x < img.Bounds().Dx(); x++ {
			if img.RGBAAt(x, y).R < 128 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if box.Empty() {
		t.Fatal("no ink")
	}
	return box
}

func TestImage(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 4, 2))
	for i := range src.Pix {
		src.Pix[i] = 0xff
		if i%4 == 1 || i%4 == 2 {
			src.Pix[i] = 0 // red
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, src); err != nil {
		t.Fatal(err)
	}
	doc := onePage(page.Item{Kind: page.ItemImage, X: 100 * page.Point, Y: 50 * page.Point, W: 40 * page.Point, H: 20 * page.Point, More: &page.ItemMore{Image: "k"}})
	doc.Images = map[string]*page.Image{"k": {Key: "k", Format: "png", Data: buf.Bytes(), Width: 4, Height: 2}}
	img, err := Page(doc, 0, 72)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []image.Point{{100, 50}, {139, 69}, {120, 60}, {140, 70}} {
		if c := img.RGBAAt(p.X, p.Y); c.R < 200 || c.G > 50 || c.B > 50 {
			t.Errorf("pixel %v is %v, want red", p, c)
		}
	}
	// poppler covers the pixels the box touches, and one more right and
	// below when its edges fall on pixel edges
	for _, p := range []image.Point{{99, 50}, {141, 60}, {120, 71}, {99, 49}} {
		if c := img.RGBAAt(p.X, p.Y); c != (color.RGBA{255, 255, 255, 255}) {
			t.Errorf("pixel %v outside the image is %v, want white", p, c)
		}
	}
	delete(doc.Images, "k")
	if _, err := Page(doc, 0, 72); !errors.Is(err, ErrRender) {
		t.Errorf("missing image: err %v, want ErrRender", err)
	}
	doc.Images["k"] = &page.Image{Key: "k", Format: "png", Data: []byte("not a png")}
	if _, err := Page(doc, 0, 72); !errors.Is(err, ErrRender) {
		t.Errorf("broken image: err %v, want ErrRender", err)
	}
}

func TestPDFKerns(t *testing.T) {
	got := pdfKerns([]page.Kern{{At: 0, Adjust: -5}, {At: 2, Adjust: -10}, {At: 2, Adjust: -20}, {At: 1, Adjust: -30}, {At: 4, Adjust: -40}, {At: 9, Adjust: -50}}, 6)
	want := []page.Kern{{At: 2, Adjust: -10}, {At: 4, Adjust: -40}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("pdfKerns: %v, want %v (the PDF writer's: inside the text, each after the last)", got, want)
	}
}
