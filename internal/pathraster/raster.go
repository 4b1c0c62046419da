// Package pathraster rasterises page.Paths with golang.org/x/image/vector:
// the PNG preview draws a page's paths with it, and the SVG reader draws
// with it what it cannot print as vectors (masks, filters, patterns).
package pathraster

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"

	"github.com/galleyprint/galley/page"
)

// Rasterizer draws paths. Its zero value is ready; it is not safe for
// concurrent use.
type Rasterizer struct {
	rast vector.Rasterizer
}

// Transform places a path's points on an image: a point (x, y), in
// Units from the path's origin, lands on pixel (OX + x·Scale, OY +
// y·Scale), x and y in points.
type Transform struct {
	OX, OY, Scale float64
}

// Snap rounds the span from a to b to whole pixels, at least one, as
// poppler's stroke adjustment does.
func Snap(a, b float64) (int, int) {
	i0, i1 := int(math.Floor(a+0.5)), int(math.Floor(b+0.5))
	if i1 <= i0 {
		i1 = i0 + 1
	}
	return i0, i1
}

// Path draws p onto dst, its points placed by t: its fill, then its stroke, each an
// anti-aliased coverage mask (within the path's clips) through which its
// paint is laid over the page. Fills use the non-zero rule (an even-odd
// fill of a self-overlapping outline fills the overlap too); strokes are
// outlined as one quadrilateral per flattened segment with round joins.
func (r *Rasterizer) Path(dst *image.RGBA, p *page.Path, t Transform) {
	if p == nil || len(p.Verbs) == 0 || !p.Valid() {
		return
	}
	tr := func(q page.PathPoint) (float64, float64) {
		return t.OX + q.X.Points()*t.Scale, t.OY + q.Y.Points()*t.Scale
	}
	clip := image.Rectangle{}
	var clipMask *image.Alpha
	if len(p.Clips) > 0 {
		clip, clipMask = r.clipMask(dst.Bounds(), p.Clips, tr)
		if clip.Empty() {
			return
		}
	}
	if p.Fill.On && p.Fill.Alpha > 0 {
		polys := flatten(&p.Outline, tr)
		r.fillPolys(dst, polys, p.Fill, t, clip, clipMask)
	}
	if p.Stroke.On && p.Stroke.Alpha > 0 && p.Width > 0 {
		half := math.Max(p.Width.Points()*t.Scale/2, 0.35)
		lines := flatten(&p.Outline, tr)
		if len(p.Dash) > 0 {
			lines = dashed(lines, p, t.Scale)
		}
		r.fillPolys(dst, strokeOutline(lines, half, p.Cap), p.Stroke, t, clip, clipMask)
	}
}

// polyline is a flattened subpath in pixels; closed ones end where they
// began.
type polyline struct {
	pts    [][2]float64
	closed bool
}

// flatten turns an outline into polylines, curves in steps of a few
// pixels.
func flatten(o *page.Outline, tr func(page.PathPoint) (float64, float64)) []polyline {
	var out []polyline
	var cur polyline
	end := func() {
		if len(cur.pts) > 0 {
			out = append(out, cur)
		}
		cur = polyline{}
	}
	o.Each(func(v page.Verb, pts []page.PathPoint) {
		switch v {
		case page.MoveTo:
			end()
			x, y := tr(pts[0])
			cur.pts = append(cur.pts, [2]float64{x, y})
		case page.LineTo:
			x, y := tr(pts[0])
			cur.pts = append(cur.pts, [2]float64{x, y})
		case page.CubicTo:
			if len(cur.pts) == 0 {
				return
			}
			p0 := cur.pts[len(cur.pts)-1]
			x1, y1 := tr(pts[0])
			x2, y2 := tr(pts[1])
			x3, y3 := tr(pts[2])
			l := math.Hypot(x1-p0[0], y1-p0[1]) + math.Hypot(x2-x1, y2-y1) + math.Hypot(x3-x2, y3-y2)
			n := max(1, min(int(l/3), 64))
			for i := 1; i <= n; i++ {
				t := float64(i) / float64(n)
				u := 1 - t
				a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
				cur.pts = append(cur.pts, [2]float64{a*p0[0] + b*x1 + c*x2 + d*x3, a*p0[1] + b*y1 + c*y2 + d*y3})
			}
		case page.Close:
			if len(cur.pts) > 0 {
				cur.closed = true
				first := cur.pts[0]
				cur.pts = append(cur.pts, first)
				end()
				cur.pts = append(cur.pts, first) // a path goes on from its start
			}
		}
	})
	end()
	return out
}

// fillPolys lays paint through the non-zero coverage of polys.
func (r *Rasterizer) fillPolys(dst *image.RGBA, polys []polyline, paint page.Paint, t Transform, clip image.Rectangle, clipMask *image.Alpha) {
	box := polysBounds(polys).Intersect(dst.Bounds())
	if clipMask != nil {
		box = box.Intersect(clip)
	}
	if box.Empty() {
		return
	}
	mask := r.coverage(polys, box)
	if clipMask != nil {
		for y := box.Min.Y; y < box.Max.Y; y++ {
			for x := box.Min.X; x < box.Max.X; x++ {
				i := mask.PixOffset(x, y)
				mask.Pix[i] = uint8(uint16(mask.Pix[i]) * uint16(clipMask.AlphaAt(x, y).A) / 255)
			}
		}
	}
	var src image.Image = &image.Uniform{color.NRGBA{paint.Color.R, paint.Color.G, paint.Color.B, paint.Alpha}}
	if g := paint.Gradient; g != nil && len(g.Stops) > 0 {
		src = &gradientImage{g: g, alpha: paint.Alpha, ox: t.OX, oy: t.OY, scale: t.Scale}
	}
	draw.DrawMask(dst, box, src, box.Min, mask, box.Min, draw.Over)
}

// coverage rasterises polys into an alpha mask over box.
func (r *Rasterizer) coverage(polys []polyline, box image.Rectangle) *image.Alpha {
	r.rast.Reset(box.Dx(), box.Dy())
	ox, oy := float64(box.Min.X), float64(box.Min.Y)
	for _, pl := range polys {
		if len(pl.pts) < 2 {
			continue
		}
		r.rast.MoveTo(float32(pl.pts[0][0]-ox), float32(pl.pts[0][1]-oy))
		for _, q := range pl.pts[1:] {
			r.rast.LineTo(float32(q[0]-ox), float32(q[1]-oy))
		}
		r.rast.ClosePath()
	}
	mask := image.NewAlpha(box)
	r.rast.Draw(mask, box, image.Opaque, image.Point{})
	return mask
}

// clipMask returns the coverage where all clips overlap, and its bounds.
func (r *Rasterizer) clipMask(bounds image.Rectangle, clips []*page.Outline, tr func(page.PathPoint) (float64, float64)) (image.Rectangle, *image.Alpha) {
	box := bounds
	var polys [][]polyline
	for _, c := range clips {
		pl := flatten(c, tr)
		polys = append(polys, pl)
		box = box.Intersect(polysBounds(pl))
	}
	if box.Empty() {
		return box, nil
	}
	var mask *image.Alpha
	for _, pl := range polys {
		m := r.coverage(pl, box)
		if mask == nil {
			mask = m
			continue
		}
		for i := range mask.Pix {
			mask.Pix[i] = uint8(uint16(mask.Pix[i]) * uint16(m.Pix[i]) / 255)
		}
	}
	return box, mask
}

func polysBounds(polys []polyline) image.Rectangle {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, pl := range polys {
		for _, q := range pl.pts {
			x0, y0, x1, y1 = min(x0, q[0]), min(y0, q[1]), max(x1, q[0]), max(y1, q[1])
		}
	}
	if x0 > x1 {
		return image.Rectangle{}
	}
	const big = 1 << 20
	return image.Rect(int(max(math.Floor(x0), -big)), int(max(math.Floor(y0), -big)),
		int(min(math.Ceil(x1)+1, big)), int(min(math.Ceil(y1)+1, big)))
}

// strokeOutline returns shapes covering a stroke half wide either side of
// lines, all wound the same way, so that their non-zero union is the
// stroke: a quadrilateral per segment, a disc at each joint (and at the
// ends with round caps), square caps as longer end segments.
func strokeOutline(lines []polyline, half float64, cp page.LineCap) []polyline {
	var out []polyline
	for _, pl := range lines {
		pts := pl.pts
		if len(pts) == 1 || len(pts) == 2 && pts[0] == pts[1] {
			if cp != page.ButtCap {
				out = append(out, disc(pts[0], half))
			}
			continue
		}
		for i := 0; i+1 < len(pts); i++ {
			a, b := pts[i], pts[i+1]
			dx, dy := b[0]-a[0], b[1]-a[1]
			n := math.Hypot(dx, dy)
			if n == 0 {
				continue
			}
			ux, uy := dx/n, dy/n
			if cp == page.SquareCap && !pl.closed {
				if i == 0 {
					a = [2]float64{a[0] - ux*half, a[1] - uy*half}
				}
				if i+2 == len(pts) {
					b = [2]float64{b[0] + ux*half, b[1] + uy*half}
				}
			}
			if half < 1.5 && (dx == 0 || dy == 0) {
				// a thin rule along the pixel grid covers whole pixels, at
				// least one, as poppler's stroke adjustment draws it
				out = append(out, adjusted(a, b, half))
				if i > 0 || pl.closed || cp == page.RoundCap {
					out = append(out, disc(a, half))
				}
				continue
			}
			nx, ny := -uy*half, ux*half
			out = append(out, wound(polyline{pts: [][2]float64{{a[0] + nx, a[1] + ny}, {b[0] + nx, b[1] + ny}, {b[0] - nx, b[1] - ny}, {a[0] - nx, a[1] - ny}}}))
			if i > 0 || pl.closed || cp == page.RoundCap {
				out = append(out, disc(a, half))
			}
		}
		if cp == page.RoundCap && !pl.closed {
			out = append(out, disc(pts[len(pts)-1], half))
		}
	}
	return out
}

// disc is a circle of radius r as a polygon, wound as wound makes it.
func disc(c [2]float64, r float64) polyline {
	n := max(8, min(int(r*2), 32))
	pl := polyline{pts: make([][2]float64, n)}
	for i := range n {
		s, co := math.Sincos(2 * math.Pi * float64(i) / float64(n))
		pl.pts[i] = [2]float64{c[0] + r*co, c[1] + r*s}
	}
	return wound(pl)
}

// wound returns pl with a positive signed area.
func wound(pl polyline) polyline {
	a := 0.0
	for i := range pl.pts {
		p, q := pl.pts[i], pl.pts[(i+1)%len(pl.pts)]
		a += p[0]*q[1] - q[0]*p[1]
	}
	if a < 0 {
		for i, j := 0, len(pl.pts)-1; i < j; i, j = i+1, j-1 {
			pl.pts[i], pl.pts[j] = pl.pts[j], pl.pts[i]
		}
	}
	return pl
}

// dashed cuts lines into p's dashes.
func dashed(lines []polyline, p *page.Path, scale float64) []polyline {
	var dash []float64
	total := 0.0
	for _, d := range p.Dash {
		v := math.Max(d.Points()*scale, 0)
		dash = append(dash, v)
		total += v
	}
	if len(dash)%2 == 1 {
		dash = append(dash, dash...)
		total *= 2
	}
	if total <= 0.5 {
		return lines
	}
	var out []polyline
	for _, pl := range lines {
		pos := math.Mod(p.DashOffset.Points()*scale, total)
		if pos < 0 {
			pos += total
		}
		k := 0
		for pos >= dash[k] {
			pos -= dash[k]
			k = (k + 1) % len(dash)
		}
		left := dash[k] - pos
		var cur polyline
		on := k%2 == 0
		if on {
			cur.pts = append(cur.pts, pl.pts[0])
		}
		for i := 0; i+1 < len(pl.pts); i++ {
			a, b := pl.pts[i], pl.pts[i+1]
			n := math.Hypot(b[0]-a[0], b[1]-a[1])
			t := 0.0
			for n-t > left {
				t += left
				q := [2]float64{a[0] + (b[0]-a[0])*t/n, a[1] + (b[1]-a[1])*t/n}
				if on {
					cur.pts = append(cur.pts, q)
					out = append(out, cur)
					cur = polyline{}
				} else {
					cur.pts = append(cur.pts, q)
				}
				on = !on
				k = (k + 1) % len(dash)
				left = dash[k]
				if len(out) > 1<<20 {
					return out
				}
			}
			left -= n - t
			if on {
				cur.pts = append(cur.pts, b)
			}
		}
		if on && len(cur.pts) > 1 {
			out = append(out, cur)
		}
	}
	return out
}

// gradientImage is a gradient's colours over the page, in pixels.
type gradientImage struct {
	g      *page.Gradient
	alpha  uint8
	ox, oy float64
	scale  float64
}

func (gi *gradientImage) ColorModel() color.Model { return color.NRGBAModel }
func (gi *gradientImage) Bounds() image.Rectangle {
	return image.Rect(-1<<20, -1<<20, 1<<20, 1<<20)
}

func (gi *gradientImage) At(x, y int) color.Color {
	g := gi.g
	px := (float64(x) + 0.5 - gi.ox) / gi.scale * float64(page.Point) // in Units
	py := (float64(y) + 0.5 - gi.oy) / gi.scale * float64(page.Point)
	var t float64
	x1, y1, x2, y2 := float64(g.X1), float64(g.Y1), float64(g.X2), float64(g.Y2)
	if g.Kind == page.Radial {
		if g.R > 0 {
			t = math.Hypot(px-x2, py-y2) / float64(g.R)
		}
	} else if d := (x2-x1)*(x2-x1) + (y2-y1)*(y2-y1); d > 0 {
		t = ((px-x1)*(x2-x1) + (py-y1)*(y2-y1)) / d
	}
	return gi.colorAt(t)
}

func (gi *gradientImage) colorAt(t float64) color.NRGBA {
	stops := gi.g.Stops
	c := stops[len(stops)-1].Color
	switch {
	case t <= stops[0].Offset:
		c = stops[0].Color
	case t < stops[len(stops)-1].Offset:
		for i := 0; i+1 < len(stops); i++ {
			a, b := stops[i], stops[i+1]
			if t >= a.Offset && t <= b.Offset {
				f := 0.0
				if b.Offset > a.Offset {
					f = (t - a.Offset) / (b.Offset - a.Offset)
				}
				mix := func(p, q uint8) uint8 { return uint8(math.Round(float64(p) + (float64(q)-float64(p))*f)) }
				c = page.Color{R: mix(a.Color.R, b.Color.R), G: mix(a.Color.G, b.Color.G), B: mix(a.Color.B, b.Color.B)}
				break
			}
		}
	}
	return color.NRGBA{c.R, c.G, c.B, gi.alpha}
}

// adjusted is the box of a thin horizontal or vertical stroke from a to
// b, its sides across the stroke on whole pixels (see snap).
func adjusted(a, b [2]float64, half float64) polyline {
	x0, x1 := min(a[0], b[0]), max(a[0], b[0])
	y0, y1 := min(a[1], b[1]), max(a[1], b[1])
	if y0 == y1 {
		i0, i1 := Snap(y0-half, y0+half)
		y0, y1 = float64(i0), float64(i1)
	} else {
		i0, i1 := Snap(x0-half, x0+half)
		x0, x1 = float64(i0), float64(i1)
	}
	return wound(polyline{pts: [][2]float64{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}})
}
