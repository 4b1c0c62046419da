package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"golang.org/x/image/bmp"
)

func TestPrepareFormats(t *testing.T) {
	jp := jpegBytes(t, photo(60, 40))
	pal := image.NewPaletted(image.Rect(0, 0, 30, 20), color.Palette{color.Transparent, color.RGBA{0, 0, 255, 255}})
	for i := range pal.Pix {
		pal.Pix[i] = uint8(i % 3 / 2)
	}
	gray16 := image.NewGray16(image.Rect(0, 0, 30, 20))
	rgba64 := image.NewNRGBA64(image.Rect(0, 0, 30, 20))
	for y := 0; y < 20; y++ {
		for x := 0; x < 30; x++ {
			gray16.SetGray16(x, y, color.Gray16{uint16(x * 2000)})
			rgba64.SetNRGBA64(x, y, color.NRGBA64{uint16(x * 2000), 0x8000, uint16(y * 3000), uint16(0xffff - x*1000)})
		}
	}
	var bm bytes.Buffer
	if err := bmp.Encode(&bm, photo(30, 20)); err != nil {
		t.Fatal(err)
	}
	frame1 := lineArt(30, 20)
	frame2 := image.NewPaletted(frame1.Rect, frame1.Palette) // all white

	tests := []struct {
		name     string
		data     []byte
		format   string // expected output format
		w, h     int
		same     bool // passed through byte for byte
		gray     bool // the output is grey
		paletted bool // the output is a paletted PNG
	}{
		{"jpeg photo", jp, "jpg", 60, 40, true, false, false},
		{"progressive jpeg", fixture(t, "progressive.jpg"), "jpg", 48, 32, true, false, false},
		{"grey jpeg", jpegBytes(t, image.NewGray(image.Rect(0, 0, 20, 10))), "jpg", 20, 10, true, true, false},
		{"cmyk jpeg", fixture(t, "cmyk.jpg"), "jpg", 40, 30, false, false, false},
		// a complete 8-bit PNG without transparency that needs no scaling
		// passes through
		{"png photo", pngBytes(t, photo(60, 40)), "png", 60, 40, true, false, false},
		{"png line art", pngBytes(t, lineArt(60, 40)), "png", 60, 40, false, false, true},
		{"png alpha, flattened: a photo", pngBytes(t, withAlpha(30, 20)), "jpg", 30, 20, false, false, false},
		{"png palette with transparency", pngBytes(t, pal), "png", 30, 20, false, false, true},
		{"png 16-bit alpha", pngBytes(t, rgba64), "jpg", 30, 20, false, false, false},
		{"png 16-bit grey", pngBytes(t, gray16), "png", 30, 20, false, true, false},
		{"png interlaced", fixture(t, "interlaced.png"), "png", 40, 30, false, false, true},
		{"png interlaced 16-bit", fixture(t, "interlaced16.png"), "png", 40, 30, false, false, true},
		{"png grey and alpha", fixture(t, "graya.png"), "png", 40, 30, false, false, true},
		{"gif first frame", gifBytes(t, frame1, frame2), "png", 30, 20, false, false, true},
		{"webp lossy", fixture(t, "lossy.webp"), "png", 40, 30, false, false, true},
		{"webp lossless alpha", fixture(t, "alpha.webp"), "png", 40, 30, false, false, true},
		{"bmp", bm.Bytes(), "", 30, 20, false, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img, err := Prepare(tc.data, "", Spec{MaxWidthPt: 500})
			if err != nil {
				t.Fatal(err)
			}
			m := checkPrepared(t, img)
			if tc.format != "" && img.Format != tc.format {
				t.Errorf("format %s, want %s", img.Format, tc.format)
			}
			if img.Width != tc.w || img.Height != tc.h {
				t.Errorf("size %dx%d, want %dx%d", img.Width, img.Height, tc.w, tc.h)
			}
			if same := bytes.Equal(img.Data, tc.data); same != tc.same {
				t.Errorf("passed through: %v, want %v", same, tc.same)
			}
			if img.Format == "png" && (img.Data[25] == 3) != tc.paletted {
				t.Errorf("paletted: %v, want %v", img.Data[25] == 3, tc.paletted)
			}
			if o, ok := m.(interface{ Opaque() bool }); !ok || !o.Opaque() {
				t.Errorf("%T is not opaque: transparency must be flattened onto white", m)
			}
			if isGray(m) != tc.gray {
				t.Errorf("grey: %v (%T), want %v", isGray(m), m, tc.gray)
			}
			if img.Key != contentKey(img.Data) {
				t.Errorf("key %s is not the content's", img.Key)
			}
		})
	}
}

func TestPrepareGIFFirstFrame(t *testing.T) {
	first := lineArt(30, 20)
	second := image.NewPaletted(first.Rect, first.Palette)
	img, err := Prepare(gifBytes(t, first, second), "", Spec{})
	if err != nil {
		t.Fatal(err)
	}
	m := checkPrepared(t, img)
	if r, _, _, _ := m.At(1, 1).RGBA(); r != 0 {
		t.Errorf("pixel (1,1) is not the first frame's black")
	}
}

func TestPrepareCMYK(t *testing.T) {
	img, err := Prepare(fixture(t, "cmyk.jpg"), "", Spec{})
	if err != nil {
		t.Fatal(err)
	}
	m := checkPrepared(t, img)
	if _, ok := m.(*image.YCbCr); !ok {
		t.Errorf("CMYK JPEG prepared as %T, want an RGB (YCbCr) JPEG", m)
	}
}

func TestPrepareDownsample(t *testing.T) {
	tests := []struct {
		name   string
		data   []byte
		spec   Spec
		w, h   int
		format string
	}{
		// 400 pt at 200 dpi is 1111.1 px
		{"jpeg to the DPI target", jpegBytes(t, photo(4000, 300)), Spec{MaxWidthPt: 400, DPI: 200}, 1111, 83, "jpg"},
		{"default DPI is 200", jpegBytes(t, photo(4000, 300)), Spec{MaxWidthPt: 400}, 1111, 83, "jpg"},
		{"png line art", pngBytes(t, lineArt(2000, 1000)), Spec{MaxWidthPt: 144, DPI: 300}, 600, 300, "png"},
		{"png alpha", pngBytes(t, withAlpha(1000, 500)), Spec{MaxWidthPt: 72, DPI: 100}, 100, 50, "png"},
		{"height limit", jpegBytes(t, photo(300, 1200)), Spec{MaxWidthPt: 400, MaxHeightPt: 216, DPI: 200}, 150, 600, "jpg"},
		{"no limit", pngBytes(t, lineArt(900, 10)), Spec{}, 900, 10, "png"},
		{"never enlarged", pngBytes(t, lineArt(90, 10)), Spec{MaxWidthPt: 400}, 90, 10, "png"},
		{"tiny placement", pngBytes(t, lineArt(300, 30)), Spec{MaxWidthPt: 0.1}, 1, 1, "png"},
		{"at least a pixel", pngBytes(t, lineArt(3000, 2)), Spec{MaxWidthPt: 72, DPI: 100}, 100, 1, "png"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img, err := Prepare(tc.data, "", tc.spec)
			if err != nil {
				t.Fatal(err)
			}
			checkPrepared(t, img)
			if img.Width != tc.w || img.Height != tc.h || img.Format != tc.format {
				t.Errorf("got %s %dx%d, want %s %dx%d", img.Format, img.Width, img.Height, tc.format, tc.w, tc.h)
			}
		})
	}
}

func TestPreparePassThrough(t *testing.T) {
	data := jpegBytes(t, photo(1111, 50))
	for _, spec := range []Spec{{}, {MaxWidthPt: 400}, {MaxWidthPt: 400, DPI: 200}} {
		img, err := Prepare(data, "given", spec)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(img.Data, data) || img.Format != "jpg" || img.Key != "given" || img.Width != 1111 || img.Height != 50 {
			t.Errorf("%+v: not passed through: %s %dx%d key %s", spec, img.Format, img.Width, img.Height, img.Key)
		}
	}
	// up to a quarter over the target it passes; beyond, it is scaled
	img, err := Prepare(data, "", Spec{MaxWidthPt: 399.9})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(img.Data, data) {
		t.Errorf("a JPEG one pixel over the target was not passed through")
	}
	img, err = Prepare(data, "", Spec{MaxWidthPt: 300})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(img.Data, data) || img.Width != 833 {
		t.Errorf("a JPEG a third too wide was passed through at %d px", img.Width)
	}
}

func TestPrepareGrayscale(t *testing.T) {
	grey := jpegBytes(t, image.NewGray(image.Rect(0, 0, 20, 10)))
	tests := []struct {
		name   string
		data   []byte
		format string
		same   bool
	}{
		{"colour jpeg", jpegBytes(t, photo(60, 40)), "jpg", false},
		{"grey jpeg passes", grey, "jpg", true},
		{"line art", pngBytes(t, lineArt(60, 40)), "png", false},
		{"photo png", pngBytes(t, photo(60, 40)), "", false},
		{"alpha is flattened on white", pngBytes(t, withAlpha(30, 20)), "", false},
		{"webp", fixture(t, "lossy.webp"), "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img, err := Prepare(tc.data, "", Spec{Grayscale: true})
			if err != nil {
				t.Fatal(err)
			}
			m := checkPrepared(t, img)
			if _, ok := m.(*image.Gray); !ok {
				t.Errorf("decoded as %T, want *image.Gray", m)
			}
			if tc.format != "" && img.Format != tc.format {
				t.Errorf("format %s, want %s", img.Format, tc.format)
			}
			if bytes.Equal(img.Data, tc.data) != tc.same {
				t.Errorf("passed through: %v, want %v", !tc.same, tc.same)
			}
		})
	}
	img, err := Prepare(pngBytes(t, withAlpha(30, 20)), "", Spec{Grayscale: true})
	if err != nil {
		t.Fatal(err)
	}
	if g := checkPrepared(t, img).(*image.Gray); g.GrayAt(0, 0).Y < 250 {
		t.Errorf("a transparent pixel became %d, want white", g.GrayAt(0, 0).Y)
	}
}

// pngHeader is a PNG signature and IHDR chunk for a w × h RGBA image, and
// nothing else.
func pngHeader(w, h uint32) []byte {
	ihdr := make([]byte, 17)
	copy(ihdr, "IHDR")
	binary.BigEndian.PutUint32(ihdr[4:], w)
	binary.BigEndian.PutUint32(ihdr[8:], h)
	ihdr[12], ihdr[13] = 8, 6 // 8-bit RGBA
	b := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0d")
	b = append(b, ihdr...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(ihdr))
}

// jpegClaiming rewrites the frame size of a JPEG.
func jpegClaiming(t *testing.T, w, h uint16) []byte {
	data := jpegBytes(t, photo(16, 16))
	i := bytes.Index(data, []byte{0xff, 0xc0})
	if i < 0 {
		t.Fatal("no SOF0")
	}
	binary.BigEndian.PutUint16(data[i+5:], h)
	binary.BigEndian.PutUint16(data[i+7:], w)
	return data
}

func TestPrepareDecompressionBomb(t *testing.T) {
	if _, err := png.DecodeConfig(bytes.NewReader(pngHeader(100000, 100000))); err != nil {
		t.Fatalf("the crafted header is not a PNG header: %v", err)
	}
	tests := []struct {
		name string
		data []byte
		spec Spec
	}{
		{"png 100000x100000", pngHeader(100000, 100000), Spec{}},
		{"png over the default", pngHeader(10000, 5001), Spec{}},
		{"jpeg 65000x65000", jpegClaiming(t, 65000, 65000), Spec{}},
		{"own limit", pngBytes(t, lineArt(100, 100)), Spec{MaxPixels: 9999}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Prepare(tc.data, "", tc.spec)
			if !errors.Is(err, ErrDecompressionBomb) {
				t.Fatalf("got %v, want ErrDecompressionBomb", err)
			}
		})
	}
	if _, err := Prepare(pngBytes(t, lineArt(100, 100)), "", Spec{MaxPixels: 10000}); err != nil {
		t.Errorf("exactly at the limit: %v", err)
	}
}

func TestPrepareDamaged(t *testing.T) {
	inputs := map[string][]byte{
		"png":  pngBytes(t, photo(40, 30)),
		"jpeg": jpegBytes(t, photo(40, 30)),
		"gif":  gifBytes(t, lineArt(40, 30)),
		"webp": fixture(t, "lossy.webp"),
	}
	for name, data := range inputs {
		cuts := []int{3, 8, 20, 33, len(data) / 2, len(data) - 10}
		if name != "gif" { // a GIF's first frame is whole without the trailer
			cuts = append(cuts, len(data)-1)
		}
		for _, n := range cuts {
			if _, err := Prepare(data[:n], "", Spec{}); err == nil {
				t.Errorf("%s cut to %d bytes: no error", name, n)
			}
		}
	}
	// a header that says zero pixels
	if _, err := Prepare(pngHeader(0, 10), "", Spec{}); err == nil {
		t.Error("a PNG of 0x10: no error")
	}
}

func TestPrepareRefused(t *testing.T) {
	tests := []struct {
		name string
		data string
		want error
		msg  string
	}{
		{"svg declaring entities", `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">&a;</svg>`, ErrDecompressionBomb, "entities"},
		{"broken svg", "\ufeff\n  <svg viewBox='0 0 1 1'><g></svg>", ErrCorruptImage, "svg"},
		{"avif", "\x00\x00\x00\x1cftypavif\x00\x00\x00\x00", ErrUnsupportedImage, "avif"},
		{"tiff", "II*\x00\x08\x00\x00\x00", ErrUnsupportedImage, "TIFF"},
		{"html", "<!DOCTYPE html><html><body>Not found</body></html>", ErrNotImage, "text"},
		{"empty", "", ErrNotImage, ""},
		{"unknown", "\x00\x01\x02\x03\x04garbage", ErrUnsupportedImage, "unknown"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Prepare([]byte(tc.data), "", Spec{})
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("got %v, want %v mentioning %q", err, tc.want, tc.msg)
			}
		})
	}
}

// withOrientation inserts an EXIF APP1 segment with orientation o after a
// JPEG's SOI.
func withOrientation(data []byte, o uint16, order string) []byte {
	var bo binary.AppendByteOrder = binary.BigEndian
	if order == "II" {
		bo = binary.LittleEndian
	}
	tiff := []byte(order)
	tiff = bo.AppendUint16(tiff, 42)
	tiff = bo.AppendUint32(tiff, 8)
	tiff = bo.AppendUint16(tiff, 2)      // two entries
	tiff = bo.AppendUint16(tiff, 0x010f) // Make, ASCII, pointing nowhere useful
	tiff = bo.AppendUint16(tiff, 2)
	tiff = bo.AppendUint32(tiff, 1)
	tiff = bo.AppendUint32(tiff, 0)
	tiff = bo.AppendUint16(tiff, 0x0112)
	tiff = bo.AppendUint16(tiff, 3)
	tiff = bo.AppendUint32(tiff, 1)
	tiff = bo.AppendUint16(tiff, o)
	tiff = bo.AppendUint16(tiff, 0)
	tiff = bo.AppendUint32(tiff, 0)
	seg := append([]byte("Exif\x00\x00"), tiff...)
	out := []byte{0xff, 0xd8, 0xff, 0xe1}
	out = binary.BigEndian.AppendUint16(out, uint16(len(seg)+2))
	out = append(out, seg...)
	return append(out, data[2:]...)
}

func TestPrepareOrientation(t *testing.T) {
	// left half red, right half blue
	src := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for y := 0; y < 20; y++ {
		for x := 0; x < 40; x++ {
			c := color.RGBA{255, 0, 0, 255}
			if x >= 20 {
				c = color.RGBA{0, 0, 255, 255}
			}
			src.SetRGBA(x, y, c)
		}
	}
	plain := jpegBytes(t, src)
	red := func(c color.Color) bool { r, _, b, _ := c.RGBA(); return r > 0xc000 && b < 0x4000 }
	tests := []struct {
		o        uint16
		w, h     int
		redPoint image.Point // a point that must be red
	}{
		{1, 40, 20, image.Pt(5, 10)},
		{2, 40, 20, image.Pt(35, 10)},
		{3, 40, 20, image.Pt(35, 10)},
		{4, 40, 20, image.Pt(5, 10)},
		{5, 20, 40, image.Pt(10, 5)},
		{6, 20, 40, image.Pt(10, 5)},
		{7, 20, 40, image.Pt(10, 35)},
		{8, 20, 40, image.Pt(10, 35)},
	}
	for _, order := range []string{"MM", "II"} {
		for _, tc := range tests {
			data := withOrientation(plain, tc.o, order)
			if got := jpegOrientation(data); got != int(tc.o) {
				t.Fatalf("%s orientation read as %d, want %d", order, got, tc.o)
			}
			img, err := Prepare(data, "", Spec{})
			if err != nil {
				t.Fatal(err)
			}
			m := checkPrepared(t, img)
			if img.Width != tc.w || img.Height != tc.h {
				t.Errorf("orientation %d: %dx%d, want %dx%d", tc.o, img.Width, img.Height, tc.w, tc.h)
			}
			if !red(m.At(tc.redPoint.X, tc.redPoint.Y)) {
				t.Errorf("orientation %d: %v is not red", tc.o, tc.redPoint)
			}
			if same := bytes.Equal(img.Data, data); same != (tc.o == 1) {
				t.Errorf("orientation %d: passed through %v", tc.o, same)
			}
		}
	}
	// turned and scaled: the width limit applies to the turned picture
	img, err := Prepare(withOrientation(jpegBytes(t, photo(400, 100)), 6, "MM"), "", Spec{MaxWidthPt: 36, DPI: 100})
	if err != nil {
		t.Fatal(err)
	}
	if img.Width != 50 || img.Height != 200 {
		t.Errorf("turned and scaled to %dx%d, want 50x200", img.Width, img.Height)
	}
	for _, junk := range [][]byte{{0xff, 0xd8}, {0xff, 0xd8, 0xff, 0xe1, 0, 1}, {0xff, 0xd8, 0xff, 0xe1, 0, 10, 'E', 'x', 'i', 'f', 0, 0, 'M', 'M'}} {
		if o := jpegOrientation(junk); o != 1 {
			t.Errorf("%q: orientation %d", junk, o)
		}
	}
}

func TestPrepareDeterministic(t *testing.T) {
	for _, data := range [][]byte{pngBytes(t, photo(300, 200)), pngBytes(t, lineArt(300, 200)), jpegBytes(t, photo(900, 100))} {
		a, err := Prepare(data, "", Spec{MaxWidthPt: 72})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := Prepare(data, "", Spec{MaxWidthPt: 72})
		if a.Key != b.Key || !bytes.Equal(a.Data, b.Data) {
			t.Errorf("two runs differ")
		}
	}
}
