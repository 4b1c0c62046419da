package media

import (
	"context"
	"image"
	"image/color"
	"math"
)

// Area-averaging reduction. Every output pixel is the mean of the source
// pixels it covers, those covered in part weighted by how much: the box
// filter at the output's footprint (OpenCV's INTER_AREA), the standard
// for shrinking, free of aliasing at any ratio.
//
// golang.org/x/image/draw's kernel scalers do the same job with a float64
// buffer of 32 bytes for every pixel of an image as wide as the output
// and as tall as the source: 96 MB for a 12-megapixel photograph, and
// most of a batch run's time. This works a row at a time in fixed point:
// two rows of accumulators beside the source and the output.

// weightBits is the fixed-point precision of a footprint's weights, which
// sum to 1 << weightBits.
const weightBits = 12

// span is the source pixels one output pixel covers: first and weights.
type span struct {
	first   int
	weights []uint32
}

// spans returns the footprints of n output pixels over src source pixels.
func spans(src, n int) []span {
	out := make([]span, n)
	ratio := float64(src) / float64(n)
	for i := range out {
		lo, hi := float64(i)*ratio, float64(i+1)*ratio
		first := int(math.Floor(lo))
		last := min(src-1, int(math.Ceil(hi))-1)
		ws := make([]uint32, 0, last-first+1)
		total, big := uint32(0), 0
		for j := first; j <= last; j++ {
			cover := math.Min(float64(j+1), hi) - math.Max(float64(j), lo)
			w := uint32(math.Round(cover / ratio * (1 << weightBits)))
			if ws = append(ws, w); w > ws[big] {
				big = len(ws) - 1
			}
			total += w
		}
		ws[big] += 1<<weightBits - total // rounding errors to the largest
		out[i] = span{first, ws}
	}
	return out
}

// shrink reduces m to w × h pixels (no larger than m) by area averaging,
// in premultiplied RGBA. It looks at ctx every few rows, and returns its
// error when it is done.
func shrink(ctx context.Context, m image.Image, w, h int) (*image.RGBA, error) {
	b := m.Bounds()
	sw, sh := b.Dx(), b.Dy()
	xs, ys := spans(sw, w), spans(sh, h)
	read := rowReader(m)
	row := make([]uint8, 4*sw)
	acc := make([]uint32, 4*sw)
	d := image.NewRGBA(image.Rect(0, 0, w, h))
	for y, sy := range ys {
		if y%16 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
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
	return d, nil
}

// rowReader returns a function that fills row with source row y of m as
// premultiplied 8-bit RGBA, fast for the types the decoders return.
func rowReader(m image.Image) func(y int, row []uint8) {
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
