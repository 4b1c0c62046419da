package svg

import (
	"image"
	"math"
	"strings"

	"github.com/galleyprint/galley/internal/pathraster"
)

// maxPrimitives bounds the primitives of a filter that are run (each
// result is an image of the filter's region, kept for those after it).
const maxPrimitives = 16

// primitive is a filter primitive: its element and its presentation
// properties (flood-color and flood-opacity).
type primitive struct {
	el    *element
	props map[string]string
}

// filter makes job's pixels filtered by fel's primitives, over the
// filter's region: feGaussianBlur, feOffset, feFlood, feMerge,
// feColorMatrix, feComposite, feBlend (normal) and feDropShadow. Any other
// primitive passes its input on, with a warning. Colours are filtered in
// sRGB (browsers filter in linearRGB by default: soft edges of coloured
// blurs differ a little).
func (r *renderer) filter(job *rasterJob, fel *element, bbox [4]float64, st state) {
	x, y, w, h := region(fel.attrs, orDefault(fel.attrs["filterUnits"], "objectBoundingBox"), bbox, st)
	if w <= 0 || h <= 0 {
		job.content = nil // an empty region draws nothing
		return
	}
	job.x0, job.y0, job.x1, job.y1 = boxThrough(st.ctm, x, y, x+w, y+h)
	var prims []primitive
	for _, c := range fel.children {
		switch c.name {
		case "feGaussianBlur", "feOffset", "feFlood", "feMerge", "feColorMatrix", "feComposite", "feBlend", "feDropShadow":
			if c.name == "feBlend" && orDefault(c.attrs["mode"], "normal") != "normal" {
				r.warn("filter blend mode " + c.attrs["mode"] + " (blended as normal)")
			}
		default:
			if strings.HasPrefix(c.name, "fe") {
				r.warn("filter primitive " + c.name + " (passed through)")
			}
		}
		if strings.HasPrefix(c.name, "fe") && len(prims) < maxPrimitives {
			prims = append(prims, primitive{el: c, props: r.style(c, map[string]string{})})
		}
	}
	// lengths of the primitives in user units (or the box's), in points
	ux, uy := st.ctm.scale(), st.ctm.scale()
	if fel.attrs["primitiveUnits"] == "objectBoundingBox" {
		ux, uy = ux*bbox[2], uy*bbox[3]
	}
	ctm := st.ctm
	prev := job.effect
	job.effect = func(dst *image.RGBA, t pathraster.Transform) {
		if prev != nil {
			prev(dst, t)
		}
		out := applyFilter(dst, prims, ctm, ux*t.Scale, uy*t.Scale, t.Scale)
		copy(dst.Pix, out.Pix)
	}
}

// applyFilter runs prims over src; sx and sy are pixels per primitive
// unit across and down.
func applyFilter(src *image.RGBA, prims []primitive, ctm matrix, sx, sy, scale float64) *image.RGBA {
	results := map[string]*image.RGBA{}
	last := src
	var sourceAlpha *image.RGBA
	input := func(name string) *image.RGBA {
		switch strings.TrimSpace(name) {
		case "SourceGraphic":
			return src
		case "SourceAlpha":
			if sourceAlpha == nil {
				sourceAlpha = alphaOnly(src)
			}
			return sourceAlpha
		case "":
			return last
		}
		if im, ok := results[strings.TrimSpace(name)]; ok {
			return im
		}
		if strings.HasPrefix(name, "Background") || strings.HasPrefix(name, "Fill") || strings.HasPrefix(name, "Stroke") {
			return emptyLike(src)
		}
		return last
	}
	for _, p := range prims {
		a := p.el.attrs
		in := input(a["in"])
		var out *image.RGBA
		switch p.el.name {
		case "feGaussianBlur":
			dx, dy := stdDeviation(a["stdDeviation"])
			out = blur(in, dx*sx, dy*sy)
		case "feOffset":
			out = offset(in, ctm, numOr(a["dx"], 0)*sx/scale/ctm.scale(), numOr(a["dy"], 0)*sy/scale/ctm.scale(), scale)
		case "feFlood":
			out = flood(src, p.props)
		case "feMerge":
			out = emptyLike(src)
			for _, n := range p.el.children {
				if n.name == "feMergeNode" {
					out = composite(input(n.attrs["in"]), out, "over", nil)
				}
			}
		case "feColorMatrix":
			out = colorMatrix(in, a["type"], a["values"])
		case "feComposite":
			out = composite(in, input(a["in2"]), orDefault(a["operator"], "over"),
				[]float64{numOr(a["k1"], 0), numOr(a["k2"], 0), numOr(a["k3"], 0), numOr(a["k4"], 0)})
		case "feBlend":
			out = composite(in, input(a["in2"]), "over", nil)
		case "feDropShadow":
			dx, dy := stdDeviation(orDefault(a["stdDeviation"], "2"))
			props := map[string]string{"flood-color": orDefault(p.props["flood-color"], "black"),
				"flood-opacity": orDefault(p.props["flood-opacity"], "1")}
			shadow := composite(flood(src, props), alphaOnly(in), "in", nil)
			shadow = blur(shadow, dx*sx, dy*sy)
			shadow = offset(shadow, ctm, numOr(a["dx"], 2)*sx/scale/ctm.scale(),
				numOr(a["dy"], 2)*sy/scale/ctm.scale(), scale)
			out = composite(in, shadow, "over", nil)
		default:
			out = in
		}
		if res := strings.TrimSpace(a["result"]); res != "" {
			results[res] = out
		}
		last = out
	}
	return last
}

// stdDeviation reads "s" or "sx sy".
func stdDeviation(s string) (float64, float64) {
	v := numbers(s)
	switch {
	case len(v) == 1:
		return max(v[0], 0), max(v[0], 0)
	case len(v) >= 2:
		return max(v[0], 0), max(v[1], 0)
	}
	return 0, 0
}

// alphaOnly is m's alpha in black.
func alphaOnly(m *image.RGBA) *image.RGBA {
	out := emptyLike(m)
	for i := 3; i < len(m.Pix); i += 4 {
		out.Pix[i] = m.Pix[i]
	}
	return out
}

// flood is m's area in the flood colour.
func flood(m *image.RGBA, props map[string]string) *image.RGBA {
	c, ok := parseColor(orDefault(props["flood-color"], "black"), rgba{a: 1})
	if !ok {
		c = rgba{a: 1}
	}
	a := clamp(c.a*parseOpacityOr(props["flood-opacity"]), 0, 1)
	px := [4]uint8{uint8(math.Round(float64(c.c.R) * a)), uint8(math.Round(float64(c.c.G) * a)),
		uint8(math.Round(float64(c.c.B) * a)), uint8(math.Round(255 * a))}
	out := emptyLike(m)
	for i := 0; i+3 < len(out.Pix); i += 4 {
		copy(out.Pix[i:i+4], px[:])
	}
	return out
}

// offset moves m by (dx, dy) user units through ctm's linear part, at
// scale pixels per point, in whole pixels.
func offset(m *image.RGBA, ctm matrix, dx, dy, scale float64) *image.RGBA {
	px := (ctm[0]*dx + ctm[2]*dy) * scale
	py := (ctm[1]*dx + ctm[3]*dy) * scale
	ox, oy := int(math.Round(px)), int(math.Round(py))
	out := emptyLike(m)
	w, h := m.Rect.Dx(), m.Rect.Dy()
	for y := 0; y < h; y++ {
		sy := y - oy
		if sy < 0 || sy >= h {
			continue
		}
		x0, x1 := max(0, ox), min(w, w+ox)
		if x0 >= x1 {
			continue
		}
		copy(out.Pix[y*out.Stride+4*x0:y*out.Stride+4*x1], m.Pix[sy*m.Stride+4*(x0-ox):sy*m.Stride+4*(x1-ox)])
	}
	return out
}

// blur is m blurred by a Gaussian of deviations sx and sy pixels, as
// three box blurs each way (the approximation SVG describes).
func blur(m *image.RGBA, sx, sy float64) *image.RGBA {
	out := copyOf(m)
	w, h := m.Rect.Dx(), m.Rect.Dy()
	buf := make([]uint8, 4*max(w, h))
	if d := boxSize(sx); d > 1 {
		for y := 0; y < h; y++ {
			row := out.Pix[y*out.Stride : y*out.Stride+4*w]
			boxes(row, 4, w, d, buf)
		}
	}
	if d := boxSize(sy); d > 1 {
		col := make([]uint8, 4*h)
		for x := 0; x < w; x++ {
			for y := 0; y < h; y++ {
				copy(col[4*y:4*y+4], out.Pix[y*out.Stride+4*x:y*out.Stride+4*x+4])
			}
			boxes(col, 4, h, d, buf)
			for y := 0; y < h; y++ {
				copy(out.Pix[y*out.Stride+4*x:y*out.Stride+4*x+4], col[4*y:4*y+4])
			}
		}
	}
	return out
}

// boxSize is the box width for a Gaussian of deviation s pixels.
func boxSize(s float64) int {
	if !(s > 0) {
		return 0
	}
	return int(math.Min(math.Floor(s*3*math.Sqrt(2*math.Pi)/4+0.5), 4096))
}

// boxes blurs the n pixels of line (stride bytes apart) by three box
// blurs of width d: centred when d is odd, when even the first two a half
// pixel left and right and the third d+1 wide.
func boxes(line []uint8, stride, n, d int, buf []uint8) {
	if d%2 == 1 {
		for range 3 {
			box(line, stride, n, d/2, d/2, buf)
		}
		return
	}
	box(line, stride, n, d/2, d/2-1, buf)
	box(line, stride, n, d/2-1, d/2, buf)
	box(line, stride, n, d/2, d/2, buf)
}

// box averages each pixel of line over the left pixels before it and the
// right after it, beyond the ends transparent.
func box(line []uint8, stride, n, left, right int, buf []uint8) {
	width := uint32(left + right + 1)
	copy(buf[:stride*n], line[:stride*n])
	for c := 0; c < 4; c++ {
		var sum uint32
		for i := 0; i <= right && i < n; i++ {
			sum += uint32(buf[stride*i+c])
		}
		for i := 0; i < n; i++ {
			line[stride*i+c] = uint8((sum + width/2) / width)
			if j := i + right + 1; j < n {
				sum += uint32(buf[stride*j+c])
			}
			if j := i - left; j >= 0 {
				sum -= uint32(buf[stride*j+c])
			}
		}
	}
}

// composite lays a over b by operator (premultiplied colours); k holds
// the arithmetic operator's k1 to k4.
func composite(a, b *image.RGBA, op string, k []float64) *image.RGBA {
	out := emptyLike(a)
	for i := 0; i+3 < len(out.Pix); i += 4 {
		aa, ab := float64(a.Pix[i+3])/255, float64(b.Pix[i+3])/255
		var fa, fb float64
		switch op {
		case "in":
			fa, fb = ab, 0
		case "out":
			fa, fb = 1-ab, 0
		case "atop":
			fa, fb = ab, 1-aa
		case "xor":
			fa, fb = 1-ab, 1-aa
		case "arithmetic":
			var v [4]float64
			for c := 0; c < 4; c++ {
				ca, cb := float64(a.Pix[i+c])/255, float64(b.Pix[i+c])/255
				v[c] = clamp(k[0]*ca*cb+k[1]*ca+k[2]*cb+k[3], 0, 1)
			}
			for c := 0; c < 4; c++ {
				out.Pix[i+c] = uint8(math.Round(min(v[c], v[3]) * 255))
			}
			continue
		default: // over
			fa, fb = 1, 1-aa
		}
		for c := 0; c < 4; c++ {
			out.Pix[i+c] = uint8(math.Round(clamp(float64(a.Pix[i+c])*fa+float64(b.Pix[i+c])*fb, 0, 255)))
		}
	}
	return out
}

// colorMatrix applies an feColorMatrix of type kind (matrix, saturate,
// hueRotate, luminanceToAlpha) to m's colours.
func colorMatrix(m *image.RGBA, kind, values string) *image.RGBA {
	v := numbers(values)
	var mx [20]float64
	switch kind {
	case "saturate":
		s := 1.0
		if len(v) > 0 {
			s = clamp(v[0], 0, 1e3)
		}
		mx = [20]float64{0.213 + 0.787*s, 0.715 - 0.715*s, 0.072 - 0.072*s, 0, 0,
			0.213 - 0.213*s, 0.715 + 0.285*s, 0.072 - 0.072*s, 0, 0,
			0.213 - 0.213*s, 0.715 - 0.715*s, 0.072 + 0.928*s, 0, 0,
			0, 0, 0, 1, 0}
	case "hueRotate":
		deg := 0.0
		if len(v) > 0 {
			deg = v[0]
		}
		sn, cs := math.Sincos(deg * math.Pi / 180)
		mx = [20]float64{0.213 + cs*0.787 - sn*0.213, 0.715 - cs*0.715 - sn*0.715, 0.072 - cs*0.072 + sn*0.928, 0, 0,
			0.213 - cs*0.213 + sn*0.143, 0.715 + cs*0.285 + sn*0.140, 0.072 - cs*0.072 - sn*0.283, 0, 0,
			0.213 - cs*0.213 - sn*0.787, 0.715 - cs*0.715 + sn*0.715, 0.072 + cs*0.928 + sn*0.072, 0, 0,
			0, 0, 0, 1, 0}
	case "luminanceToAlpha":
		mx = [20]float64{15: 0.2125, 16: 0.7154, 17: 0.0721}
	default:
		if len(v) != 20 {
			return m
		}
		copy(mx[:], v)
	}
	out := emptyLike(m)
	for i := 0; i+3 < len(m.Pix); i += 4 {
		a := float64(m.Pix[i+3]) / 255
		var c [4]float64
		if a > 0 {
			for k := 0; k < 3; k++ {
				c[k] = float64(m.Pix[i+k]) / 255 / a
			}
		}
		c[3] = a
		var o [4]float64
		for row := 0; row < 4; row++ {
			o[row] = clamp(mx[5*row]*c[0]+mx[5*row+1]*c[1]+mx[5*row+2]*c[2]+mx[5*row+3]*c[3]+mx[5*row+4], 0, 1)
		}
		for k := 0; k < 3; k++ {
			out.Pix[i+k] = uint8(math.Round(o[k] * o[3] * 255))
		}
		out.Pix[i+3] = uint8(math.Round(o[3] * 255))
	}
	return out
}

// numOr reads a number, or returns def for a missing or malformed one.
func numOr(s string, def float64) float64 {
	v := parseFloat(strings.TrimSpace(s))
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return def
	}
	return v
}
