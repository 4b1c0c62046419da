package media

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"slices"

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

// scale resamples m to w × h with a Catmull-Rom filter.
func scale(m image.Image, w, h int) *image.RGBA {
	// x/image/draw has fast paths for *image.RGBA, *image.NRGBA,
	// *image.YCbCr and *image.Gray sources; others (paletted, 16-bit)
	// go through a generic path many times slower
	switch m.(type) {
	case *image.RGBA, *image.NRGBA, *image.YCbCr, *image.Gray:
	default:
		b := m.Bounds()
		rgba := image.NewRGBA(b)
		draw.Draw(rgba, b, m, b.Min, draw.Src)
		m = rgba
	}
	d := image.NewRGBA(image.Rect(0, 0, w, h))
	// Catmull-Rom is sharpest; for real reductions its wide kernel costs
	// much and a bilinear (triangle) filter over the same footprint looks
	// the same at print size
	k := draw.CatmullRom
	if m.Bounds().Dx() > w*5/4 {
		k = draw.BiLinear
	}
	k.Scale(d, d.Rect, m, m.Bounds(), draw.Src, nil)
	return d
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

// encode encodes a prepared picture: grey when gray is set, JPEG when it
// came from a JPEG, PNG when it has transparency, and otherwise whichever
// of PNG and JPEG suits it (see choose).
func encode(m *image.RGBA, fromJPEG, gray, drawn bool) ([]byte, string, error) {
	if gray {
		g := toGray(m)
		if fromJPEG {
			return encodeJPEG(g)
		}
		return choose(g, grayLevels(g, 16) != nil || drawn, nil)
	}
	if !m.Opaque() {
		return encodePNG(m)
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
	b := m.Bounds()
	step := max(1, b.Dy()/64)
	same, total := 0, 0
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
	return total > 0 && same*10 >= total*4
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
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, m); err != nil {
		return nil, "", err
	}
	return b.Bytes(), "png", nil
}

// colours returns the distinct colours of the opaque image m, sorted, or
// nil when it has more than limit.
func colours(m *image.RGBA, limit int) []uint32 {
	seen := make(map[uint32]struct{}, limit+1)
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
			if _, ok := seen[c]; ok {
				continue
			}
			if seen[c] = struct{}{}; len(seen) > limit {
				return nil
			}
		}
	}
	out := make([]uint32, 0, len(seen))
	for c := range seen {
		out = append(out, c)
	}
	slices.Sort(out) // a fixed palette order: the same image, the same bytes
	return out
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
	index := make(map[uint32]uint8, len(cols))
	for i, c := range cols {
		pal[i] = color.RGBA{uint8(c >> 16), uint8(c >> 8), uint8(c), 0xff}
		index[c] = uint8(i)
	}
	w, h := m.Rect.Dx(), m.Rect.Dy()
	p := image.NewPaletted(image.Rect(0, 0, w, h), pal)
	for y := 0; y < h; y++ {
		row := m.Pix[y*m.Stride : y*m.Stride+4*w]
		out := p.Pix[y*p.Stride : y*p.Stride+w]
		for x := range out {
			out[x] = index[uint32(row[4*x])<<16|uint32(row[4*x+1])<<8|uint32(row[4*x+2])]
		}
	}
	return p
}
