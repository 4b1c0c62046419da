package galley

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"

	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/parse"
)

// TestPreviewMatchesPDF renders articles both ways — galley's PDF
// rasterised by poppler's pdftoppm, and Preview — at the same resolution,
// and compares where the ink of every line of text lies: each edge of its
// bounding box must agree within one pixel, on every page.
func TestPreviewMatchesPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skipf("pdftoppm is not installed (apt-get install poppler-utils)")
	}
	cases := []string{"seed/input.txt", "md-post/input.md", "web-sample/input.html", "json-full/input.json"}
	for _, dpi := range []float64{60, 100} {
		worst, boxes := 0, 0
		for _, c := range cases {
			t.Run(fmt.Sprintf("%s@%g", filepath.Dir(c), dpi), func(t *testing.T) {
				d, n := comparePreview(t, filepath.Join("testdata", "articles", c), dpi)
				worst, boxes = max(worst, d), boxes+n
			})
		}
		t.Logf("%g dpi: %d text lines compared, largest edge difference %d px", dpi, boxes, worst)
	}
}

// comparePreview checks one article at dpi and returns the largest edge
// difference found and the number of lines compared.
func comparePreview(t *testing.T, path string, dpi float64) (worst, boxes int) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	arts, err := parse.Parse(data, parse.Options{Name: filepath.Base(path)})
	if err != nil {
		t.Fatal(err)
	}
	a := arts[0]
	opts := Options{Images: NewImageLoader(ImageSources{Local: true, Dir: filepath.Dir(path)})}
	ctx := context.Background()

	doc, _, err := typeset(ctx, a, opts)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var pdfBytes bytes.Buffer
	if _, err := Export(ctx, &pdfBytes, a, opts); err != nil {
		t.Fatal(err)
	}
	pdfPath := filepath.Join(dir, "a.pdf")
	if err := os.WriteFile(pdfPath, pdfBytes.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", fmt.Sprint(dpi), "-png", pdfPath, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	sort.Strings(names) // p-1.png… or p-01.png…: padded alike within a run
	var previews []*image.RGBA
	if _, err := Preview(ctx, a, opts, PreviewOptions{DPI: dpi}, func(n int, img *image.RGBA) error {
		previews = append(previews, img)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(names) != len(doc.Pages) || len(previews) != len(doc.Pages) {
		t.Fatalf("%d pages laid out, pdftoppm rendered %d, Preview drew %d", len(doc.Pages), len(names), len(previews))
	}
	for i, pg := range doc.Pages {
		ref := readPNG(t, names[i])
		got := previews[i]
		if ref.Bounds() != got.Bounds() {
			t.Errorf("page %d: preview is %v, pdftoppm's %v", i+1, got.Bounds().Size(), ref.Bounds().Size())
			continue
		}
		for _, ln := range textLines(pg, dpi) {
			want, okW := inkBox(ref, ln.box, ln.lum)
			have, okH := inkBox(got, ln.box, ln.lum)
			if !okW && !okH {
				continue
			}
			if okW != okH {
				t.Errorf("page %d, %q: ink in pdftoppm's page %v, in the preview %v", i+1, ln.text, okW, okH)
				continue
			}
			boxes++
			d := max(abs(want.Min.X-have.Min.X), abs(want.Min.Y-have.Min.Y), abs(want.Max.X-have.Max.X), abs(want.Max.Y-have.Max.Y))
			worst = max(worst, d)
			if d > 1 {
				t.Errorf("page %d, %q: preview ink %v, pdftoppm's %v: %d px apart", i+1, ln.text, have, want, d)
			}
		}
	}
	t.Logf("%d text lines compared, largest edge difference %d px", boxes, worst)
	return worst, boxes
}

// line is one line of text: items on one baseline with no wide gap.
type line struct {
	text string
	box  image.Rectangle // where its ink must lie, in pixels, with a margin
	lum  uint32          // luminance of its colour (the lightest, if several)
}

// textLines groups a page's text items into lines and gives each the box
// its glyphs must lie in: its advance widened by two pixels, from the
// face's ascent to its descent (no more, so as not to reach the lines
// above and below).
func textLines(pg *page.Page, dpi float64) []line {
	type span struct {
		x0, x1, top, bottom float64
		text                string
		lum                 uint32
	}
	byBaseline := map[page.Unit][]span{}
	for _, it := range pg.Items {
		if it.Kind != page.ItemText || it.Face == nil || it.Text == "" {
			continue
		}
		size := it.Size.Points()
		c := it.Color
		byBaseline[it.Y] = append(byBaseline[it.Y], span{
			x0: it.X.Points(), x1: (it.X + it.W).Points(),
			top:    it.Y.Points() - float64(it.Face.Ascent)/1000*size,
			bottom: it.Y.Points() - float64(it.Face.Descent)/1000*size,
			text:   it.Text,
			lum:    (299*uint32(c.R) + 587*uint32(c.G) + 114*uint32(c.B)) / 1000,
		})
	}
	var lines []line
	px := func(pt float64) float64 { return pt * dpi / 72 }
	for _, spans := range byBaseline {
		sort.Slice(spans, func(i, j int) bool { return spans[i].x0 < spans[j].x0 })
		for i := 0; i < len(spans); {
			l := spans[i]
			j := i + 1
			for ; j < len(spans) && spans[j].x0-l.x1 < 12; j++ { // one line: gaps under 12 pt
				s := spans[j]
				l.x1, l.top, l.bottom = max(l.x1, s.x1), min(l.top, s.top), max(l.bottom, s.bottom)
				l.text += " " + s.text
				l.lum = max(l.lum, s.lum)
			}
			i = j
			box := image.Rect(int(px(l.x0))-2, int(px(l.top)), int(px(l.x1))+3, int(math.Ceil(px(l.bottom))))
			lines = append(lines, line{text: l.text, box: box, lum: l.lum})
		}
	}
	return lines
}

// inkBox returns the bounding box of the ink inside r: the rows and
// columns holding at least half a pixel's worth of a text of luminance
// lum. (Thresholding single pixels instead makes the faint tip of a
// descender decide an edge: a pixel a few levels lighter in one image
// moves it by two rows.)
func inkBox(img image.Image, r image.Rectangle, lum uint32) (image.Rectangle, bool) {
	r = r.Intersect(img.Bounds())
	if r.Empty() || lum >= 255 {
		return image.Rectangle{}, false
	}
	rows, cols := make([]float64, r.Dy()), make([]float64, r.Dx())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			l := (299*(cr>>8) + 587*(cg>>8) + 114*(cb>>8)) / 1000
			if l >= 255 {
				continue
			}
			ink := min(1, float64(255-l)/float64(255-lum))
			rows[y-r.Min.Y] += ink
			cols[x-r.Min.X] += ink
		}
	}
	first, last := func(v []float64) int {
		for i, s := range v {
			if s >= 0.5 {
				return i
			}
		}
		return -1
	}, func(v []float64) int {
		for i := len(v) - 1; i >= 0; i-- {
			if v[i] >= 0.5 {
				return i
			}
		}
		return -1
	}
	y0, x0 := first(rows), first(cols)
	if y0 < 0 || x0 < 0 {
		return image.Rectangle{}, false
	}
	return image.Rect(r.Min.X+x0, r.Min.Y+y0, r.Min.X+last(cols)+1, r.Min.Y+last(rows)+1), true
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func readPNG(t *testing.T, name string) image.Image {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}
