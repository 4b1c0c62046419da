package media

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/galleyprint/galley/page"
)

// photo makes a w × h picture with smooth colour and grain: many colours,
// nothing a PNG compresses well.
func photo(w, h int) *image.RGBA {
	r := rand.New(rand.NewPCG(uint64(w), uint64(h)))
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			fx, fy := float64(x)/float64(w), float64(y)/float64(h)
			n := r.IntN(24) - 12
			c := func(v float64) uint8 { return uint8(max(0, min(255, int(v)+n))) }
			m.Set(x, y, color.RGBA{
				c(128 + 100*math.Sin(6*fx+2*fy)),
				c(128 + 100*math.Cos(5*fy-3*fx)),
				c(128 + 90*math.Sin(9*fx*fy)),
				255})
		}
	}
	return m
}

// lineArt makes a w × h drawing: black strokes on white, two colours.
func lineArt(w, h int) *image.Paletted {
	m := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.White, color.Black})
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if x%10 == 0 || y%7 == 0 || x == y {
				m.SetColorIndex(x, y, 1)
			}
		}
	}
	return m
}

// withAlpha makes a w × h image fading from opaque red to transparent.
func withAlpha(w, h int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.SetNRGBA(x, y, color.NRGBA{200, uint8(y * 255 / h), 30, uint8(x * 255 / w)})
		}
	}
	return m
}

func pngBytes(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegBytes(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gifBytes(t testing.TB, frames ...*image.Paletted) []byte {
	t.Helper()
	var b bytes.Buffer
	g := &gif.GIF{Image: frames, Delay: make([]int, len(frames))}
	if err := gif.EncodeAll(&b, g); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "images", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// checkPrepared checks what the PDF writer relies on: the bytes decode as
// the format and size the image claims, and a PNG is 8-bit (or a palette),
// non-interlaced, and not grey with alpha.
func checkPrepared(t testing.TB, img *page.Image) image.Image {
	t.Helper()
	if img == nil {
		t.Fatal("no image")
	}
	var m image.Image
	var err error
	switch img.Format {
	case "svg":
		if img.Drawing == nil || img.Width <= 0 || img.Height <= 0 {
			t.Errorf("vector image without a drawing or a size: %+v", img)
		}
		return nil
	case "jpg":
		m, err = jpeg.Decode(bytes.NewReader(img.Data))
	case "png":
		d := img.Data
		if len(d) < 33 || string(d[12:16]) != "IHDR" {
			t.Fatalf("PNG without IHDR first")
		}
		depth, ctype, interlace := d[24], d[25], d[28]
		if interlace != 0 {
			t.Errorf("PNG is interlaced")
		}
		if depth > 8 {
			t.Errorf("PNG of %d bits", depth)
		}
		if depth < 8 && ctype != 3 {
			t.Errorf("PNG of %d bits, colour type %d", depth, ctype)
		}
		if ctype == 4 {
			t.Errorf("grey and alpha PNG")
		}
		m, err = png.Decode(bytes.NewReader(img.Data))
	default:
		t.Fatalf("format %q", img.Format)
	}
	if err != nil {
		t.Fatalf("prepared %s does not decode: %v", img.Format, err)
	}
	if b := m.Bounds(); b.Dx() != img.Width || b.Dy() != img.Height {
		t.Errorf("bytes are %dx%d, the image says %dx%d", b.Dx(), b.Dy(), img.Width, img.Height)
	}
	if img.Key == "" {
		t.Errorf("no key")
	}
	return m
}
