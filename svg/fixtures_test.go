package svg_test

import (
	"bytes"
	"context"
	"image"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/pdf"
	"github.com/galleyprint/galley/preview"
	"github.com/galleyprint/galley/svg"
)

// drawingDocument is a page of a drawing's natural size holding it.
func drawingDocument(t testing.TB, data []byte) (*page.Document, *page.Drawing) {
	t.Helper()
	d, err := svg.Parse(data, svg.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	svg.PrepareRasters(d, 150.0/72, 0, false)
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	img := &page.Image{Key: "drawing", Format: "svg", Drawing: d}
	doc := &page.Document{
		Pages:  []*page.Page{{Size: page.Size{W: d.W, H: d.H}, Items: []page.Item{{Kind: page.ItemImage, W: d.W, H: d.H, More: &page.ItemMore{Image: img.Key}, Role: page.RoleFigure}}}},
		Images: map[string]*page.Image{img.Key: img},
	}
	doc.PlaceDrawings(set)
	return doc, d
}

var pathOps = regexp.MustCompile(`(?m) (m|l|c)$`)

// TestFixtures prints each drawing of testdata/svg alone and checks that
// it is drawn as vectors (path operators, no raster image), that its
// text extracts, that it passes Verify, and that the preview of it agrees
// with Chromium's rendering (testdata/svg/ref, made by scripts/svg-compare
// --refs) on at least 0.9 of the pixels either inks, at 50 ppi.
func TestFixtures(t *testing.T) {
	names, _ := filepath.Glob(filepath.Join("..", "testdata", "svg", "*.svg"))
	if len(names) < 20 {
		t.Fatalf("%d fixtures, want 20", len(names))
	}
	tools := map[string]bool{}
	for _, name := range names {
		base := strings.TrimSuffix(filepath.Base(name), ".svg")
		tools[strings.SplitN(base, "-", 2)[0]] = true
		t.Run(base, func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			doc, d := drawingDocument(t, data)
			if len(d.Warnings) > 0 {
				t.Errorf("warnings: %q", d.Warnings)
			}
			if errs := doc.Verify(); len(errs) > 0 {
				t.Errorf("Verify: %v", errs)
			}
			var buf bytes.Buffer
			if err := pdf.Write(context.Background(), &buf, doc); err != nil {
				t.Fatal(err)
			}
			checkPDF(t, buf.Bytes(), doc)
			checkPixels(t, doc, filepath.Join("..", "testdata", "svg", "ref", base+".png"))
		})
	}
	if len(tools) < 4 {
		t.Errorf("fixtures from %d tools, want at least 4", len(tools))
	}
}

// checkPDF checks a drawing's PDF with poppler: no raster images, and the
// texts placed on its page (those of the drawing that no label covers)
// in the text layer.
func checkPDF(t *testing.T, data []byte, doc *page.Document) {
	t.Helper()
	for _, tool := range []string{"pdfimages", "pdftotext", "qpdf"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (apt-get install poppler-utils qpdf)", tool)
		}
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "d.pdf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfimages", "-list", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(strings.TrimSpace(string(out)), "\n"); lines > 1 {
		t.Errorf("raster images in the PDF:\n%s", out)
	}
	qdf := filepath.Join(dir, "q.pdf")
	if err := exec.Command("qpdf", "--qdf", "--object-streams=disable", file, qdf).Run(); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(qdf)
	if n := len(pathOps.FindAll(raw, -1)); n < 10 {
		t.Errorf("%d path operators in the content", n)
	}
	// -raw keeps the characters of turned text in order (45° labels)
	text, err := exec.Command("pdftotext", "-raw", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	got := squash(string(text))
	missing, total := 0, 0
	for _, it := range doc.Pages[0].Items {
		if it.Kind != page.ItemText || len(strings.TrimSpace(it.Text)) < 2 {
			continue
		}
		total++
		if !strings.Contains(got, squash(it.Text)) {
			missing++
			t.Logf("not extracted: %q", it.Text)
		}
	}
	if missing*10 > total {
		t.Errorf("%d of %d texts not in the text layer", missing, total)
	}
}

// checkPixels compares the preview at 50 ppi with Chromium's rendering.
func checkPixels(t *testing.T, doc *page.Document, ref string) {
	t.Helper()
	f, err := os.Open(ref)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	got, err := preview.Page(doc, 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	if a := agreement(got, want); a < 0.9 {
		t.Errorf("preview agrees with Chromium on %.3f of the inked pixels, want 0.9", a)
	} else {
		t.Logf("agreement %.3f", a)
	}
}

// agreement is scripts/svg-compare's measure: of the pixels either image
// inks (a channel below 230), the share where each image has, within a
// pixel, a pixel of the other's colour (channels within 64).
func agreement(a, b image.Image) float64 {
	w := min(a.Bounds().Dx(), b.Bounds().Dx())
	h := min(a.Bounds().Dy(), b.Bounds().Dy())
	rgb := func(m image.Image, x, y int) [3]int {
		if x < 0 || y < 0 || x >= w || y >= h {
			return [3]int{255, 255, 255}
		}
		r, g, b, _ := m.At(m.Bounds().Min.X+x, m.Bounds().Min.Y+y).RGBA()
		return [3]int{int(r >> 8), int(g >> 8), int(b >> 8)}
	}
	near := func(p [3]int, m image.Image, x, y int) bool {
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				q := rgb(m, x+dx, y+dy)
				if abs(p[0]-q[0]) <= 64 && abs(p[1]-q[1]) <= 64 && abs(p[2]-q[2]) <= 64 {
					return true
				}
			}
		}
		return false
	}
	ink, agree := 0, 0
	for y := range h {
		for x := range w {
			p, q := rgb(a, x, y), rgb(b, x, y)
			if min(p[0], p[1], p[2]) >= 230 && min(q[0], q[1], q[2]) >= 230 {
				continue
			}
			ink++
			if near(p, b, x, y) && near(q, a, x, y) {
				agree++
			}
		}
	}
	if ink == 0 {
		return 1
	}
	return float64(agree) / float64(ink)
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// TestDrawioPlaceholderHidden checks the Rust blog's draw.io diagram
// whose placeholder label "Text" lies under the label "used to build": as
// in a browser, the later label's background hides it, so that it is
// neither drawn nor in the text layer.
func TestDrawioPlaceholderHidden(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "svg", "drawio-bootstrap-stage.svg"))
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := drawingDocument(t, data)
	labels, backgrounds := 0, 0
	for _, it := range doc.Pages[0].Items {
		switch {
		case it.Kind == page.ItemText && it.Text == "Text":
			t.Errorf("the placeholder is drawn at %v, %v", it.X, it.Y)
		case it.Kind == page.ItemText && (it.Text == "used" || strings.HasPrefix(it.Text, "used to build")):
			labels++
		case it.Kind == page.ItemRect:
			backgrounds++
		}
	}
	if labels != 3 || backgrounds < 3 {
		t.Errorf("%d labels 'used to build', %d backgrounds", labels, backgrounds)
	}
}
