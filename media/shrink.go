package media

import (
	"context"
	"encoding/binary"
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

// Two channels share a uint64 in 32-bit lanes (red with blue, green with
// alpha), so that one multiplication weighs both: a lane never carries
// into the next, as a channel's sum over a footprint is at most
// 255 << weightBits rows high and 255 << 2*weightBits after the columns,
// both under 1 << 32. The sums are exact integers, so the order (rows
// first, then columns, two channels at once) gives the same pixels as
// one channel at a time.
const laneMask = 0x000000ff_000000ff

// shrink reduces m to w × h pixels (no larger than m) by area averaging,
// in premultiplied RGBA. It looks at ctx every few rows, and returns its
// error when it is done.
func shrink(ctx context.Context, m image.Image, w, h int) (*image.RGBA, error) {
	b := m.Bounds()
	sw := b.Dx()
	xs, ys := spans(sw, w), spans(b.Dy(), h)
	read := rowReader(m)
	row := make([]uint8, 4*sw)
	acc := make([]uint64, 2*sw) // per source column: red|blue, green|alpha
	d := image.NewRGBA(image.Rect(0, 0, w, h))
	for y, sy := range ys {
		if y%16 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		clear(acc)
		for k, wy := range sy.weights {
			accumulate(acc, read(b.Min.Y+sy.first+k, row), uint64(wy))
		}
		spread(d.Pix[y*d.Stride:y*d.Stride+4*w], acc, xs)
	}
	return d, nil
}

// accumulate adds the premultiplied RGBA row, weighed by wy, to acc.
func accumulate(acc []uint64, row []uint8, wy uint64) {
	acc = acc[:len(row)/2]
	for i := 0; i+1 < len(acc); i += 2 {
		p := uint64(binary.LittleEndian.Uint32(row[2*i:]))
		acc[i] += (p | p<<16) & laneMask * wy
		acc[i+1] += (p>>8 | p<<8) & laneMask * wy
	}
}

// spread weighs the columns of acc by each output pixel's footprint xs
// and writes the pixels, rounded, to out.
func spread(out []uint8, acc []uint64, xs []span) {
	const half = 1 << (2*weightBits - 1)
	for x, sx := range xs {
		var rb, ga uint64
		p := acc[2*sx.first:]
		for k, wx := range sx.weights {
			rb += p[2*k] * uint64(wx)
			ga += p[2*k+1] * uint64(wx)
		}
		o := out[4*x : 4*x+4 : 4*x+4]
		o[0] = uint8((rb&0xffffffff + half) >> (2 * weightBits))
		o[1] = uint8((ga&0xffffffff + half) >> (2 * weightBits))
		o[2] = uint8((rb>>32 + half) >> (2 * weightBits))
		o[3] = uint8((ga>>32 + half) >> (2 * weightBits))
	}
}

// rowReader returns a function that gives source row y of m as
// premultiplied 8-bit RGBA, fast for the types the decoders return: row
// filled, or the source's own pixels when they are that already.
func rowReader(m image.Image) func(y int, row []uint8) []uint8 {
	b := m.Bounds()
	switch s := m.(type) {
	case *image.RGBA:
		return func(y int, row []uint8) []uint8 {
			i := s.PixOffset(b.Min.X, y)
			return s.Pix[i : i+len(row)]
		}
	case *image.NRGBA:
		return func(y int, row []uint8) []uint8 {
			src := s.Pix[s.PixOffset(b.Min.X, y):]
			src = src[:len(row)]
			for i := 0; i+3 < len(row); i += 4 {
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
			return row
		}
	case *image.Gray:
		return func(y int, row []uint8) []uint8 {
			src := s.Pix[s.PixOffset(b.Min.X, y):]
			src = src[:len(row)/4]
			for x, v := range src {
				binary.LittleEndian.PutUint32(row[4*x:], uint32(v)*0x010101|0xff000000)
			}
			return row
		}
	case *image.YCbCr:
		if read := ycbcrRowReader(s); read != nil {
			return read
		}
		return func(y int, row []uint8) []uint8 {
			for x := 0; x < len(row)/4; x++ {
				yi, ci := s.YOffset(b.Min.X+x, y), s.COffset(b.Min.X+x, y)
				r, g, bl := color.YCbCrToRGB(s.Y[yi], s.Cb[ci], s.Cr[ci])
				row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = r, g, bl, 0xff
			}
			return row
		}
	case *image.Paletted:
		var pal [256]uint32
		for i, c := range s.Palette {
			r, g, bl, a := c.RGBA()
			pal[i] = r>>8 | g>>8<<8 | bl>>8<<16 | a>>8<<24
		}
		return func(y int, row []uint8) []uint8 {
			src := s.Pix[s.PixOffset(b.Min.X, y):]
			src = src[:len(row)/4]
			for x, v := range src {
				binary.LittleEndian.PutUint32(row[4*x:], pal[v])
			}
			return row
		}
	}
	return func(y int, row []uint8) []uint8 {
		for x := 0; x < len(row)/4; x++ {
			r, g, bl, a := m.At(b.Min.X+x, y).RGBA()
			row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = uint8(r>>8), uint8(g>>8), uint8(bl>>8), uint8(a>>8)
		}
		return row
	}
}

// ycbcrRowReader is rowReader for a YCbCr image whose bounds lie at or
// beyond the origin (where COffset's division is a shift), with its
// chroma rows found once a row; nil for another.
func ycbcrRowReader(s *image.YCbCr) func(y int, row []uint8) []uint8 {
	b := s.Rect
	if b.Min.X < 0 || b.Min.Y < 0 {
		return nil
	}
	shift := 0 // of a column to its chroma column
	switch s.SubsampleRatio {
	case image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio440:
	case image.YCbCrSubsampleRatio422, image.YCbCrSubsampleRatio420:
		shift = 1
	case image.YCbCrSubsampleRatio411, image.YCbCrSubsampleRatio410:
		shift = 2
	default:
		return nil
	}
	return func(y int, row []uint8) []uint8 {
		yi, ci := s.YOffset(b.Min.X, y), s.COffset(b.Min.X, y)
		n := len(row) / 4
		ys := s.Y[yi : yi+n]
		c0 := b.Min.X >> shift // chroma column of the row's first pixel
		cn := (b.Min.X+n-1)>>shift - c0 + 1
		cbs, crs := s.Cb[ci:ci+cn], s.Cr[ci:ci+cn]
		for x, yy := range ys {
			c := (b.Min.X+x)>>shift - c0
			r, g, bl := color.YCbCrToRGB(yy, cbs[c], crs[c])
			binary.LittleEndian.PutUint32(row[4*x:], uint32(r)|uint32(g)<<8|uint32(bl)<<16|0xff000000)
		}
		return row
	}
}
