package galley

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/page"
)

// TestImageDPIKeepsPrintedSize: the resolution images are prepared at
// decides their pixels, never their printed size. The same article at
// 100, 200 and 300 dpi, in one and three columns, has its images at the
// same places and sizes; each is printed at the resolution asked for (to
// a quarter over it, which Prepare lets pass), or at all its source has
// when that is less. With --image-dpi 100 a 2400-pixel photograph used to
// print at 290 pt instead of the column's 435.
func TestImageDPIKeepsPrintedSize(t *testing.T) {
	sources := map[string][]byte{
		"photo.jpg": encodeTestImage(t, 2400, 1600, true),
		"tall.png":  encodeTestImage(t, 800, 2400, false),
		"small.png": encodeTestImage(t, 300, 200, false),
	}
	a := &article.Article{Title: "Resolution"}
	lorem := strings.Repeat("The boats lay against the quay with their nets drying in the sun. ", 12)
	for _, src := range []string{"photo.jpg", "tall.png", "small.png"} {
		a.Body = append(a.Body,
			article.Block{Kind: article.KindParagraph, Text: article.Plain(lorem)},
			article.Block{Kind: article.KindFigure, Figure: &article.Figure{Src: src, Caption: article.Plain("A picture: " + src)}})
	}
	fetch := ImageFetcherFunc(func(_ context.Context, ref string) ([]byte, string, error) {
		if b, ok := sources[ref]; ok {
			return b, "", nil
		}
		return nil, "", os.ErrNotExist
	})
	type placement struct {
		page       int
		x, y, w, h page.Unit
	}
	for _, cols := range []int{1, 3} {
		var first []placement
		for _, dpi := range []float64{100, 200, 300} {
			opts := Options{Images: fetch, ImageDPI: dpi, Columns: cols}
			doc, _, err := typeset(context.Background(), a, opts)
			if err != nil {
				t.Fatal(err)
			}
			var got []placement
			for pi, p := range doc.Pages {
				for _, it := range p.Items {
					if it.Kind != page.ItemImage {
						continue
					}
					got = append(got, placement{pi, it.X, it.Y, it.W, it.H})
					img := doc.Images[it.Image()]
					ppi := float64(img.Width) / it.W.Points() * 72
					// the source's own resolution at this size
					own := float64(img.SourceWidth) / it.W.Points() * 72
					if want := min(dpi, own); ppi < want*0.98 || ppi > want*1.25+1 {
						t.Errorf("%d columns, %g dpi: %dx%d px printed %s pt wide: %.0f ppi, want %.0f to %.0f",
							cols, dpi, img.Width, img.Height, it.W, ppi, want, want*1.25)
					}
				}
			}
			if len(got) != len(sources) {
				t.Fatalf("%d columns, %g dpi: %d images placed, want %d", cols, dpi, len(got), len(sources))
			}
			if first == nil {
				first = got
			} else if fmt.Sprint(got) != fmt.Sprint(first) {
				t.Errorf("%d columns: images at %g dpi placed at %v, at 100 dpi at %v", cols, dpi, got, first)
			}
			t.Run(fmt.Sprintf("pdfimages %d columns %g dpi", cols, dpi), func(t *testing.T) {
				checkPDFImagesPPI(t, a, opts, dpi)
			})
		}
	}
}

// checkPDFImagesPPI exports a and checks with poppler's pdfimages that
// every image is printed at no more than a quarter over dpi, and that the
// large photograph is printed at dpi.
func checkPDFImagesPPI(t *testing.T, a *article.Article, opts Options, dpi float64) {
	if _, err := exec.LookPath("pdfimages"); err != nil {
		t.Skip("pdfimages is not installed (apt-get install poppler-utils)")
	}
	var buf bytes.Buffer
	if _, err := Export(context.Background(), &buf, a, opts); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "a.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfimages", "-list", path).Output()
	if err != nil {
		t.Fatalf("pdfimages -list: %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	widest, widestPPI := 0, 0.0
	for n := 0; sc.Scan(); n++ {
		f := strings.Fields(sc.Text())
		if n < 2 || len(f) < 14 {
			continue // the heading
		}
		w, _ := strconv.Atoi(f[3])
		ppi, err := strconv.ParseFloat(f[12], 64)
		if err != nil {
			t.Fatalf("pdfimages: x-ppi %q in %q", f[12], sc.Text())
		}
		if ppi > dpi*1.25+1 {
			t.Errorf("pdfimages: %s: %.0f ppi, more than a quarter over %g", sc.Text(), ppi, dpi)
		}
		if w > widest {
			widest, widestPPI = w, ppi
		}
	}
	if widestPPI < dpi-1 || widestPPI > dpi+1 {
		t.Errorf("pdfimages: the photograph is printed at %.0f ppi, want %g:\n%s", widestPPI, dpi, out)
	}
}

// encodeTestImage returns a w × h picture, as JPEG or PNG: a smooth
// gradient with noise, so that it reads as a photograph.
func encodeTestImage(t *testing.T, w, h int, asJPEG bool) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			n := uint8((x*7 + y*13) % 17)
			img.Set(x, y, color.RGBA{uint8(255*x/w) ^ n, uint8(255*y/h) ^ n, 120 + n, 255})
		}
	}
	var b bytes.Buffer
	var err error
	if asJPEG {
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: 90})
	} else {
		err = png.Encode(&b, img)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
