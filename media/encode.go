package media

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"slices"
	"sync"

	"golang.org/x/image/draw"
)

// JPEGQuality is the quality of the JPEGs Prepare encodes.
const JPEGQuality = 85

// isGray reports whether m is a grey image.
func isGray(m image.Image) bool {
	switch m.(type) {
	case *image.Gray, *image.Gray16:
		return true
	}
	return false
}

// toRGBA converts m to an RGBA image whose bounds start at the origin.
func toRGBA(m image.Image) *image.RGBA {
	b := m.Bounds()
	if r, ok := m.(*image.RGBA); ok && b.Min == (image.Point{}) {
		return r
	}
	d := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(d, d.Rect, m, b.Min, draw.Src)
	return d
}

// flattenOnWhite composes the premultiplied image m onto white, in place.
func flattenOnWhite(m *image.RGBA) {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	for y := 0; y < h; y++ {
		row := m.Pix[y*m.Stride : y*m.Stride+4*w]
		for x := 0; x < len(row); x += 4 {
			if a := row[x+3]; a != 0xff {
				bg := 0xff - a
				row[x] += bg
				row[x+1] += bg
				row[x+2] += bg
				row[x+3] = 0xff
			}
		}
	}
}

// onWhitePalette returns p with its palette composed onto white.
func onWhitePalette(p *image.Paletted) *image.Paletted {
	pal := make(color.Palette, len(p.Palette))
	for i, c := range p.Palette {
		r, g, b, a := c.RGBA()
		bg := 0xffff - a
		pal[i] = color.RGBA{uint8((r + bg) >> 8), uint8((g + bg) >> 8), uint8((b + bg) >> 8), 0xff}
	}
	q := *p
	q.Palette = pal
	return &q
}

// toGray flattens m onto white and converts it to grey with the weights
// of color.GrayModel.
func toGray(m *image.RGBA) *image.Gray {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	g := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		row := m.Pix[y*m.Stride : y*m.Stride+4*w]
		out := g.Pix[y*g.Stride : y*g.Stride+w]
		for x := range out {
			p := row[4*x : 4*x+4]
			bg := 255 - uint32(p[3]) // premultiplied: over white adds 255-a
			r, gg, b := uint32(p[0])+bg, uint32(p[1])+bg, uint32(p[2])+bg
			out[x] = uint8((19595*r + 38470*gg + 7471*b + 1<<15) >> 16)
		}
	}
	return g
}

// encode encodes an opaque prepared picture: grey when gray is set, JPEG
// when it came from a JPEG, and otherwise whichever of PNG and JPEG suits
// it (see choose).
func encode(m *image.RGBA, fromJPEG, gray, drawn bool) ([]byte, string, error) {
	if gray {
		g := toGray(m)
		if fromJPEG {
			return encodeJPEG(g)
		}
		return choose(g, grayLevels(g, 16) != nil || drawn, nil)
	}
	if fromJPEG {
		return encodeJPEG(m)
	}
	if cols := colours(m, 256); cols != nil {
		return choose(m, len(cols) <= 16 || drawn, palettize(m, cols))
	}
	return choose(m, drawn, nil)
}

// choose encodes m once: as PNG (as pal when it is not nil) when png is
// set — few colours, or a source that looks drawn (charts, screenshots,
// text) — else as JPEG, which is several times smaller for photographs.
func choose(m image.Image, png bool, pal *image.Paletted) ([]byte, string, error) {
	if !png {
		return encodeJPEG(m)
	}
	if pal != nil {
		return encodePNG(pal)
	}
	return encodePNG(m)
}

// looksDrawn samples rows of m and reports whether at least 40 % of the
// pixels repeat their left or upper neighbour exactly.
func looksDrawn(m image.Image) bool {
	same, total := repeats(m)
	return total > 0 && same*10 >= total*4
}

// repeats counts the pixels of about 64 sampled rows of m that repeat
// their left or upper neighbour exactly (same), and the pixels looked at
// (total).
func repeats(m image.Image) (same, total int) {
	b := m.Bounds()
	step := max(1, b.Dy()/64)
	if keys := pixelKeys(m); keys != nil {
		cur, up := make([]uint32, b.Dx()), make([]uint32, b.Dx())
		for y := b.Min.Y + 1; y < b.Max.Y; y += step {
			keys(y-1, up)
			keys(y, cur)
			for x := 1; x < len(cur); x++ {
				if c := cur[x]; c == cur[x-1] || c == up[x] {
					same++
				}
			}
			total += max(0, len(cur)-1)
		}
		return same, total
	}
	for y := b.Min.Y + 1; y < b.Max.Y; y += step {
		left := m.At(b.Min.X, y)
		for x := b.Min.X + 1; x < b.Max.X; x++ {
			c := m.At(x, y)
			if c == left || c == m.At(x, y-1) {
				same++
			}
			left = c
			total++
		}
	}
	return same, total
}

// pixelKeys returns a function that fills keys with row y of m as numbers
// equal where the row's colours are equal (as m.At's values compare), for
// the types the decoders return; nil for another type, whose colours are
// compared through At.
func pixelKeys(m image.Image) func(y int, keys []uint32) {
	b := m.Bounds()
	switch s := m.(type) {
	case *image.NRGBA:
		return func(y int, keys []uint32) {
			row := s.Pix[s.PixOffset(b.Min.X, y):]
			for x := range keys {
				keys[x] = binary.LittleEndian.Uint32(row[4*x:])
			}
		}
	case *image.RGBA:
		return func(y int, keys []uint32) {
			row := s.Pix[s.PixOffset(b.Min.X, y):]
			for x := range keys {
				keys[x] = binary.LittleEndian.Uint32(row[4*x:])
			}
		}
	case *image.Gray:
		return func(y int, keys []uint32) {
			row := s.Pix[s.PixOffset(b.Min.X, y):]
			for x := range keys {
				keys[x] = uint32(row[x])
			}
		}
	case *image.Paletted:
		// an index's key is the first index of an equal colour; an index
		// past the palette (which the decoders refuse) is its own
		var canon [256]uint32
		for i := range canon {
			canon[i] = uint32(i)
			if i < len(s.Palette) {
				for j := range i {
					if s.Palette[j] == s.Palette[i] {
						canon[i] = uint32(j)
						break
					}
				}
			}
		}
		return func(y int, keys []uint32) {
			row := s.Pix[s.PixOffset(b.Min.X, y):]
			for x := range keys {
				keys[x] = canon[row[x]]
			}
		}
	}
	return nil
}

func encodeJPEG(m image.Image) ([]byte, string, error) {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: JPEGQuality}); err != nil {
		return nil, "", err
	}
	return b.Bytes(), "jpg", nil
}

// encodePNG encodes m, which must be an 8-bit type (Gray, RGBA, NRGBA or
// Paletted), as a non-interlaced PNG: all the PDF library reads well.
func encodePNG(m image.Image) ([]byte, string, error) {
	var b bytes.Buffer
	// the PDF writer deflates nothing again: speed over the last few
	// percent of size
	enc := png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: &pngBuffers}
	if err := enc.Encode(&b, m); err != nil {
		return nil, "", err
	}
	return b.Bytes(), "png", nil
}

// pngBuffers keeps the PNG encoder's state between images: its deflater
// (reset, which writes the same bytes as a new one) and its row buffers,
// some hundred kilobytes each image would otherwise allocate and clear.
var pngBuffers pngBufferPool

// pngBufferPool is a png.EncoderBufferPool over a sync.Pool.
type pngBufferPool struct{ pool sync.Pool }

func (p *pngBufferPool) Get() *png.EncoderBuffer {
	b, _ := p.pool.Get().(*png.EncoderBuffer)
	return b
}

func (p *pngBufferPool) Put(b *png.EncoderBuffer) { p.pool.Put(b) }

// colours returns the distinct colours of the opaque image m, sorted, or
// nil when it has more than limit (at most 256).
func colours(m *image.RGBA, limit int) []uint32 {
	var seen colourSet
	last, have := uint32(0), false
	w, h := m.Rect.Dx(), m.Rect.Dy()
	for y := 0; y < h; y++ {
		row := m.Pix[y*m.Stride : y*m.Stride+4*w]
		for x := 0; x < len(row); x += 4 {
			c := uint32(row[x])<<16 | uint32(row[x+1])<<8 | uint32(row[x+2])
			if have && c == last {
				continue
			}
			last, have = c, true
			if seen.add(c, 0); seen.n > limit {
				return nil
			}
		}
	}
	out := make([]uint32, 0, seen.n)
	for _, k := range seen.keys {
		if k != 0 {
			out = append(out, k&0xffffff)
		}
	}
	slices.Sort(out) // a fixed palette order: the same image, the same bytes
	return out
}

// colourSet is an open-addressing hash set of at most 256 24-bit colours,
// each with a palette index: several times faster than a map per pixel.
type colourSet struct {
	keys  [1024]uint32 // colour | 1<<24; 0 is empty
	index [1024]uint8
	n     int
}

// slot returns where c is, or where it goes.
func (s *colourSet) slot(c uint32) int {
	k := c | 1<<24
	i := int((c * 0x9E3779B1) >> 22) // 10 bits of a Fibonacci hash
	for s.keys[i] != 0 && s.keys[i] != k {
		i = (i + 1) & 1023
	}
	return i
}

// add adds c with index i, unless it is there already.
func (s *colourSet) add(c uint32, i uint8) {
	if j := s.slot(c); s.keys[j] == 0 && s.n < 1000 {
		s.keys[j], s.index[j] = c|1<<24, i
		s.n++
	}
}

// grayLevels returns the distinct levels of g, or nil when it has more
// than limit.
func grayLevels(g *image.Gray, limit int) []uint8 {
	var seen [256]bool
	var out []uint8
	for y := 0; y < g.Rect.Dy(); y++ {
		for _, v := range g.Pix[y*g.Stride : y*g.Stride+g.Rect.Dx()] {
			if seen[v] {
				continue
			}
			seen[v] = true
			if out = append(out, v); len(out) > limit {
				return nil
			}
		}
	}
	return out
}

// palettize turns the opaque image m into a paletted image of cols.
func palettize(m *image.RGBA, cols []uint32) *image.Paletted {
	pal := make(color.Palette, len(cols))
	var index colourSet
	for i, c := range cols {
		pal[i] = color.RGBA{uint8(c >> 16), uint8(c >> 8), uint8(c), 0xff}
		index.add(c, uint8(i))
	}
	w, h := m.Rect.Dx(), m.Rect.Dy()
	p := image.NewPaletted(image.Rect(0, 0, w, h), pal)
	for y := 0; y < h; y++ {
		row := m.Pix[y*m.Stride : y*m.Stride+4*w]
		out := p.Pix[y*p.Stride : y*p.Stride+w]
		for x := range out {
			c := uint32(row[4*x])<<16 | uint32(row[4*x+1])<<8 | uint32(row[4*x+2])
			out[x] = index.index[index.slot(c)]
		}
	}
	return p
}
