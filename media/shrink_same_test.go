package media

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"math/rand/v2"
	"testing"
)

// shrinkReference is shrink as first written: a source row at a time
// read into premultiplied RGBA bytes, accumulated one channel at a time.
// The fast shrink must give its bytes exactly, from every source type.
func shrinkReference(m image.Image, w, h int) *image.RGBA {
	b := m.Bounds()
	sw, sh := b.Dx(), b.Dy()
	xs, ys := spans(sw, w), spans(sh, h)
	read := rowReaderReference(m)
	row := make([]uint8, 4*sw)
	acc := make([]uint32, 4*sw)
	d := image.NewRGBA(image.Rect(0, 0, w, h))
	for y, sy := range ys {
		clear(acc)
		for k, wy := range sy.weights {
			read(b.Min.Y+sy.first+k, row)
			for i, v := range row {
				acc[i] += uint32(v) * wy
			}
		}
		out := d.Pix[y*d.Stride : y*d.Stride+4*w]
		for x, sx := range xs {
			var r, g, bl, a uint64
			p := 4 * sx.first
			for _, wx := range sx.weights {
				r += uint64(acc[p]) * uint64(wx)
				g += uint64(acc[p+1]) * uint64(wx)
				bl += uint64(acc[p+2]) * uint64(wx)
				a += uint64(acc[p+3]) * uint64(wx)
				p += 4
			}
			const half = 1 << (2*weightBits - 1)
			o := out[4*x : 4*x+4]
			o[0] = uint8((r + half) >> (2 * weightBits))
			o[1] = uint8((g + half) >> (2 * weightBits))
			o[2] = uint8((bl + half) >> (2 * weightBits))
			o[3] = uint8((a + half) >> (2 * weightBits))
		}
	}
	return d
}

// noisy returns a source image of each type the decoders return (and one
// for the generic path) of w × h pixels at a corner off the origin,
// filled with random pixels, transparent ones among them.
func noisy(r *rand.Rand, w, h int) map[string]image.Image {
	rect := image.Rect(3, 2, 3+w, 2+h)
	fill := func(pix []uint8) {
		for i := range pix {
			pix[i] = uint8(r.IntN(256))
		}
	}
	rgba := image.NewRGBA(rect)
	for i := 0; i < len(rgba.Pix); i += 4 { // premultiplied: no channel over alpha
		a := uint8(r.IntN(256))
		if r.IntN(2) == 0 {
			a = 0xff
		}
		rgba.Pix[i+3] = a
		for c := range 3 {
			rgba.Pix[i+c] = uint8(r.IntN(int(a) + 1))
		}
	}
	nrgba := image.NewNRGBA(rect)
	fill(nrgba.Pix)
	for i := 3; i < len(nrgba.Pix); i += 8 {
		nrgba.Pix[i] = 0xff // half opaque, half anything
	}
	gray := image.NewGray(rect)
	fill(gray.Pix)
	pal := make(color.Palette, 256)
	for i := range pal {
		pal[i] = color.NRGBA{uint8(r.IntN(256)), uint8(r.IntN(256)), uint8(r.IntN(256)), uint8(r.IntN(256))}
	}
	paletted := image.NewPaletted(rect, pal)
	fill(paletted.Pix)
	rgba64 := image.NewRGBA64(rect)
	for i := 0; i < len(rgba64.Pix); i += 8 {
		a := uint16(r.IntN(1 << 16))
		for c := range 3 {
			v := uint16(r.IntN(int(a) + 1))
			rgba64.Pix[i+2*c], rgba64.Pix[i+2*c+1] = uint8(v>>8), uint8(v)
		}
		rgba64.Pix[i+6], rgba64.Pix[i+7] = uint8(a>>8), uint8(a)
	}
	out := map[string]image.Image{"rgba": rgba, "nrgba": nrgba, "gray": gray, "paletted": paletted, "rgba64": rgba64}
	for _, ratio := range []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422,
		image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio411, image.YCbCrSubsampleRatio410} {
		y := image.NewYCbCr(rect, ratio)
		fill(y.Y)
		fill(y.Cb)
		fill(y.Cr)
		out[fmt.Sprint("ycbcr ", ratio)] = y
	}
	return out
}

func TestShrinkSameAsReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, size := range [][4]int{{1, 1, 1, 1}, {2, 1, 1, 1}, {7, 5, 3, 2}, {64, 48, 63, 47}, {101, 37, 40, 11}, {333, 250, 100, 75}, {50, 300, 49, 17}} {
		for name, m := range noisy(r, size[0], size[1]) {
			got := shrinkNow(m, size[2], size[3])
			want := shrinkReference(m, size[2], size[3])
			if got.Rect != want.Rect || string(got.Pix) != string(want.Pix) {
				t.Errorf("%s %dx%d → %dx%d: pixels differ from the reference", name, size[0], size[1], size[2], size[3])
			}
		}
	}
}

func BenchmarkShrink(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	srcs := noisy(r, 2400, 1600)
	for _, name := range []string{"rgba", "nrgba", "gray", "paletted", "ycbcr YCbCrSubsampleRatio420"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := shrink(context.Background(), srcs[name], 1000, 666); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// rowReaderReference is rowReader as first written: a function that fills
// row with source row y of m as
// premultiplied 8-bit RGBA, fast for the types the decoders return.
func rowReaderReference(m image.Image) func(y int, row []uint8) {
	b := m.Bounds()
	switch s := m.(type) {
	case *image.RGBA:
		return func(y int, row []uint8) { copy(row, s.Pix[s.PixOffset(b.Min.X, y):]) }
	case *image.NRGBA:
		return func(y int, row []uint8) {
			src := s.Pix[s.PixOffset(b.Min.X, y):]
			for i := 0; i < len(row); i += 4 {
				a := uint32(src[i+3])
				if a == 0xff {
					copy(row[i:i+4], src[i:i+4])
					continue
				}
				row[i] = uint8((uint32(src[i])*a + 127) / 255)
				row[i+1] = uint8((uint32(src[i+1])*a + 127) / 255)
				row[i+2] = uint8((uint32(src[i+2])*a + 127) / 255)
				row[i+3] = uint8(a)
			}
		}
	case *image.Gray:
		return func(y int, row []uint8) {
			src := s.Pix[s.PixOffset(b.Min.X, y):]
			for x := 0; x < len(row)/4; x++ {
				v := src[x]
				row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = v, v, v, 0xff
			}
		}
	case *image.YCbCr:
		return func(y int, row []uint8) {
			for x := 0; x < len(row)/4; x++ {
				yi, ci := s.YOffset(b.Min.X+x, y), s.COffset(b.Min.X+x, y)
				r, g, bl := color.YCbCrToRGB(s.Y[yi], s.Cb[ci], s.Cr[ci])
				row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = r, g, bl, 0xff
			}
		}
	case *image.Paletted:
		var pal [256][4]uint8
		for i, c := range s.Palette {
			r, g, bl, a := c.RGBA()
			pal[i] = [4]uint8{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}
		}
		return func(y int, row []uint8) {
			src := s.Pix[s.PixOffset(b.Min.X, y):]
			for x := 0; x < len(row)/4; x++ {
				copy(row[4*x:4*x+4], pal[src[x]][:])
			}
		}
	}
	return func(y int, row []uint8) {
		for x := 0; x < len(row)/4; x++ {
			r, g, bl, a := m.At(b.Min.X+x, y).RGBA()
			row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = uint8(r>>8), uint8(g>>8), uint8(bl>>8), uint8(a>>8)
		}
	}
}
