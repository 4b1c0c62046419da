package media

import (
	"bytes"
	"image"
	"testing"

	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/pdf"
)

func prepared(t *testing.T, data []byte, spec Spec) *layout.Image {
	t.Helper()
	img, err := Prepare(data, "", spec)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func TestDistinctWidths(t *testing.T) {
	grey := image.NewGray(image.Rect(0, 0, 100, 40))
	for i := range grey.Pix {
		grey.Pix[i] = uint8(i)
	}
	a := prepared(t, jpegBytes(t, photo(100, 50)), Spec{})
	b := prepared(t, pngBytes(t, lineArt(100, 80)), Spec{})
	c := prepared(t, pngBytes(t, withAlpha(100, 30)), Spec{})
	d := prepared(t, pngBytes(t, grey), Spec{})
	e := prepared(t, jpegBytes(t, photo(99, 10)), Spec{})
	one := prepared(t, pngBytes(t, lineArt(1, 5)), Spec{})
	oneMore := prepared(t, pngBytes(t, withAlpha(1, 7)), Spec{})
	images := []*layout.Image{a, b, nil, a, c, d, e, b, one, oneMore}
	orig := append([]*layout.Image(nil), images...)
	if err := DistinctWidths(images); err != nil {
		t.Fatal(err)
	}
	widths := map[int]string{}
	for i, im := range images {
		if im == nil {
			if orig[i] != nil {
				t.Errorf("image %d dropped", i)
			}
			continue
		}
		m := checkPrepared(t, im)
		if k, ok := widths[im.Width]; ok && k != im.Key {
			t.Errorf("width %d twice: %s and %s", im.Width, k, im.Key)
		}
		widths[im.Width] = im.Key
		if im.Format != orig[i].Format {
			t.Errorf("image %d: format %s became %s", i, orig[i].Format, im.Format)
		}
		if isGray(m) != (orig[i] == d) {
			t.Errorf("image %d: grey is %v", i, isGray(m))
		}
		if o := m.(interface{ Opaque() bool }); !o.Opaque() != (orig[i] == c || orig[i] == oneMore) {
			t.Errorf("image %d: transparency is %v", i, !o.Opaque())
		}
	}
	if images[0] != a || images[3] != a || images[8] != one {
		t.Error("the first image of a width was replaced")
	}
	if images[1] == b || images[1] != images[7] {
		t.Error("the same image was not replaced alike")
	}
	// widest free width below: b 99, c 98, d 97; e (99) → 96
	for i, want := range map[int]int{1: 99, 4: 98, 5: 97, 6: 96, 9: 2} {
		if images[i].Width != want {
			t.Errorf("image %d is %d wide, want %d", i, images[i].Width, want)
		}
	}
	if h := images[4].Height; h != 29 { // 30 * 98/100 = 29.4
		t.Errorf("aspect: height %d, want 29", h)
	}
	if a.Width != 100 || b.Width != 100 || c.Width != 100 {
		t.Error("DistinctWidths modified an image")
	}
}

// TestPDFAcceptsPrepared writes every kind of prepared image with the
// PDF writer: fpdf must accept them all, and with distinct widths the PDF
// must be the same bytes every time.
func TestPDFAcceptsPrepared(t *testing.T) {
	inputs := [][]byte{
		jpegBytes(t, photo(120, 80)),
		fixture(t, "progressive.jpg"),
		fixture(t, "cmyk.jpg"),
		fixture(t, "interlaced.png"),
		fixture(t, "interlaced16.png"),
		fixture(t, "graya.png"),
		fixture(t, "alpha.webp"),
		fixture(t, "lossy.webp"),
		pngBytes(t, photo(120, 80)),
		pngBytes(t, lineArt(120, 80)),
		pngBytes(t, withAlpha(120, 80)),
		gifBytes(t, lineArt(120, 80)),
	}
	var images []*layout.Image
	for _, gray := range []bool{false, true} {
		for _, data := range inputs {
			images = append(images, prepared(t, data, Spec{Grayscale: gray, MaxWidthPt: 40, DPI: 200}))
		}
	}
	if err := DistinctWidths(images); err != nil {
		t.Fatal(err)
	}
	doc := &layout.Document{Images: map[string]*layout.Image{}}
	page := &layout.Page{Size: layout.Size{W: layout.Pt(400), H: layout.Pt(600)}}
	for i, im := range images {
		doc.Images[im.Key] = im
		page.Items = append(page.Items, layout.Item{Kind: layout.ItemImage,
			X: layout.Pt(float64(10 + i%4*90)), Y: layout.Pt(float64(10 + i/4*90)),
			W: layout.Pt(80), H: layout.Pt(80 * float64(im.Height) / float64(im.Width)), Image: im.Key})
	}
	doc.Pages = []*layout.Page{page}
	var first []byte
	for run := 0; run < 5; run++ {
		var out bytes.Buffer
		if err := pdf.Write(&out, doc); err != nil {
			t.Fatal(err)
		}
		if run == 0 {
			first = out.Bytes()
		} else if !bytes.Equal(first, out.Bytes()) {
			t.Fatal("the same document gave different PDFs")
		}
	}
}
