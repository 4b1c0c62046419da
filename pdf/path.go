package pdf

import (
	"math"
	"strconv"

	"github.com/galleyprint/galley/page"
)

// path draws an ItemPath as PDF path operators: its fill, then its
// stroke, each in a saved graphics state that holds its clips, opacity
// and colour, so that the writer's own record of the state stays true.
func (w *Writer) path(it *page.Item) {
	p := it.Path()
	if p == nil || len(p.Verbs) == 0 || !p.Valid() {
		return
	}
	for _, c := range p.Clips {
		if len(c.Verbs) == 0 {
			return // clipped away
		}
	}
	_, h := w.p.GetPageSize()
	pw := pathWriter{ox: it.X.Points(), oy: it.Y.Points(), h: h}
	if p.Fill.On {
		w.paint(&pw, p, false)
	}
	if p.Stroke.On && p.Width > 0 {
		w.paint(&pw, p, true)
	}
}

// paint fills or strokes p.
func (w *Writer) paint(pw *pathWriter, p *page.Path, stroke bool) {
	paint := p.Fill
	if stroke {
		paint = p.Stroke
	}
	if paint.Alpha == 0 {
		return
	}
	b := pw.b[:0]
	b = append(b, "q\n"...)
	for _, c := range p.Clips {
		b = pw.outline(b, c)
		b = append(b, clipOp(c.EvenOdd)...)
	}
	pw.b = b
	w.p.RawWriteStr(string(b))
	if paint.Alpha < 255 {
		w.p.SetAlpha(float64(paint.Alpha)/255, "Normal")
	}
	b = pw.b[:0]
	switch {
	case paint.Gradient != nil && !stroke:
		b = pw.outline(b, &p.Outline)
		b = append(b, clipOp(p.EvenOdd)...)
		w.p.RawWriteStr(string(b))
		w.gradient(pw, paint.Gradient, &p.Outline)
		b = b[:0]
	case stroke:
		c := paint.Color
		if g := paint.Gradient; g != nil && len(g.Stops) > 0 {
			c = g.Stops[len(g.Stops)/2].Color // a stroke's gradient: its middle colour
		}
		b = appendColor(b, c, "RG")
		b = pw.num(b, p.Width.Points())
		b = append(b, " w "...)
		b = strconv.AppendInt(b, int64(p.Cap), 10)
		b = append(b, " J "...)
		b = strconv.AppendInt(b, int64(p.Join), 10)
		b = append(b, " j "...)
		miter := p.Miter
		if miter < 1 {
			miter = 4
		}
		b = pw.num(b, miter)
		b = append(b, " M\n"...)
		if len(p.Dash) > 0 {
			b = append(b, '[')
			for i, d := range p.Dash {
				if i > 0 {
					b = append(b, ' ')
				}
				b = pw.num(b, d.Points())
			}
			b = append(b, "] "...)
			b = pw.num(b, p.DashOffset.Points())
			b = append(b, " d\n"...)
		}
		b = pw.outline(b, &p.Outline)
		b = append(b, "S\n"...)
	default:
		b = appendColor(b, paint.Color, "rg")
		b = pw.outline(b, &p.Outline)
		if p.EvenOdd {
			b = append(b, "f*\n"...)
		} else {
			b = append(b, "f\n"...)
		}
	}
	b = append(b, "Q\n"...)
	pw.b = b
	w.p.RawWriteStr(string(b))
}

// gradient paints g over the bounds of o, inside the clip already set:
// with fpdf's two-colour shadings, one per pair of stops, each within the
// band between its stops; the end colours extend beyond the ends.
func (w *Writer) gradient(pw *pathWriter, g *page.Gradient, o *page.Outline) {
	if len(g.Stops) == 0 {
		return
	}
	x0, y0, x1, y1 := o.Bounds()
	bx, by := pw.ox+x0.Points(), pw.oy+y0.Points()
	bw, bh := (x1 - x0).Points(), (y1 - y0).Points()
	if bw <= 0 || bh <= 0 {
		return
	}
	gx1, gy1 := pw.ox+g.X1.Points(), pw.oy+g.Y1.Points()
	gx2, gy2 := pw.ox+g.X2.Points(), pw.oy+g.Y2.Points()
	// fpdf's shading coordinates run from the box's lower left corner
	nx := func(x float64) float64 { return (x - bx) / bw }
	ny := func(y float64) float64 { return 1 - (y-by)/bh }
	first, last := g.Stops[0], g.Stops[len(g.Stops)-1]
	if g.Kind == page.Radial {
		r := g.R.Points()
		// fpdf's radius is a fraction of the box's width and its circles
		// scale with the box: a square box around the circle keeps them round
		reach := r
		for _, c := range [4][2]float64{{bx, by}, {bx + bw, by}, {bx, by + bh}, {bx + bw, by + bh}} {
			reach = max(reach, math.Hypot(c[0]-gx2, c[1]-gy2))
		}
		s := 2 * reach
		sx, sy := gx2-s/2, gy2-s/2
		w.p.RadialGradient(sx, sy, s, s, int(first.Color.R), int(first.Color.G), int(first.Color.B),
			int(last.Color.R), int(last.Color.G), int(last.Color.B),
			(gx1-sx)/s, 1-(gy1-sy)/s, 0.5, 0.5, r/s)
		return
	}
	if len(g.Stops) == 1 || gx1 == gx2 && gy1 == gy2 {
		c := last.Color
		w.p.RawWriteStr(string(appendColor(nil, c, "rg")) + pw.rect(bx, by, bw, bh) + "f\n")
		return
	}
	dx, dy := gx2-gx1, gy2-gy1
	at := func(t float64) (float64, float64) { return gx1 + dx*t, gy1 + dy*t }
	// each pair of stops in its band: the box's stretch between the
	// perpendiculars at its offsets, the first and last bands reaching
	// far beyond the box
	far := (bw + bh) * 4 / math.Hypot(dx, dy)
	for i := 0; i+1 < len(g.Stops); i++ {
		a, c := g.Stops[i], g.Stops[i+1]
		t0, t1 := a.Offset, c.Offset
		if i == 0 {
			t0 = min(t0, 0) - far
		}
		if i+2 == len(g.Stops) {
			t1 = max(t1, 1) + far
		}
		if t1 <= t0 {
			continue
		}
		px, py := -dy*far, dx*far // across the gradient, far
		ax, ay := at(t0)
		cx, cy := at(t1)
		band := []float64{ax + px, ay + py, cx + px, cy + py, cx - px, cy - py, ax - px, ay - py}
		b := append([]byte(nil), "q\n"...)
		for k := 0; k < len(band); k += 2 {
			b = pw.abs(b, band[k], band[k+1])
			if k == 0 {
				b = append(b, " m\n"...)
			} else {
				b = append(b, " l\n"...)
			}
		}
		b = append(b, "h W n\n"...)
		w.p.RawWriteStr(string(b))
		// the shading runs from stop to stop; fpdf extends its end colours
		sx0, sy0 := at(a.Offset)
		sx1, sy1 := at(c.Offset)
		if a.Offset == c.Offset {
			sx1, sy1 = at(c.Offset + 1e-6)
		}
		w.p.LinearGradient(bx, by, bw, bh, int(a.Color.R), int(a.Color.G), int(a.Color.B),
			int(c.Color.R), int(c.Color.G), int(c.Color.B), nx(sx0), ny(sy0), nx(sx1), ny(sy1))
		w.p.RawWriteStr("Q\n")
	}
}

func clipOp(evenOdd bool) string {
	if evenOdd {
		return "W* n\n"
	}
	return "W n\n"
}

// appendColor appends a colour operator (rg for fills, RG for strokes).
func appendColor(b []byte, c page.Color, op string) []byte {
	for _, v := range [3]uint8{c.R, c.G, c.B} {
		b = strconv.AppendFloat(b, math.Round(float64(v)/255*1000)/1000, 'f', -1, 64)
		b = append(b, ' ')
	}
	b = append(b, op...)
	return append(b, '\n')
}

// pathWriter writes outlines in PDF space: x from the item's origin, y
// turned up from the page's height h.
type pathWriter struct {
	ox, oy, h float64
	b         []byte
}

// num appends v rounded to 1/1000, without trailing zeros: 12, 12.5,
// -0.125. (Integer formatting is several times faster than
// strconv.AppendFloat, and a drawing writes many numbers.)
func (pw *pathWriter) num(b []byte, v float64) []byte {
	n := int64(math.Round(v * 1000))
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/1000, 10)
	frac := n % 1000
	if frac == 0 {
		return b
	}
	digits := [3]byte{byte('0' + frac/100), byte('0' + frac/10%10), byte('0' + frac%10)}
	end := 3
	for digits[end-1] == '0' {
		end--
	}
	b = append(b, '.')
	return append(b, digits[:end]...)
}

// abs appends the point (x, y) of the page, in points from its top left.
func (pw *pathWriter) abs(b []byte, x, y float64) []byte {
	b = pw.num(b, x)
	b = append(b, ' ')
	return pw.num(b, pw.h-y)
}

func (pw *pathWriter) pt(b []byte, p page.PathPoint) []byte {
	return pw.abs(b, pw.ox+p.X.Points(), pw.oy+p.Y.Points())
}

func (pw *pathWriter) rect(x, y, w, h float64) string {
	b := pw.abs(nil, x, y+h)
	b = append(b, ' ')
	b = pw.num(b, w)
	b = append(b, ' ')
	b = pw.num(b, h)
	return string(b) + " re\n"
}

// outline appends o's construction operators.
func (pw *pathWriter) outline(b []byte, o *page.Outline) []byte {
	o.Each(func(v page.Verb, pts []page.PathPoint) {
		switch v {
		case page.MoveTo:
			b = pw.pt(b, pts[0])
			b = append(b, " m\n"...)
		case page.LineTo:
			b = pw.pt(b, pts[0])
			b = append(b, " l\n"...)
		case page.CubicTo:
			for i, p := range pts {
				if i > 0 {
					b = append(b, ' ')
				}
				b = pw.pt(b, p)
			}
			b = append(b, " c\n"...)
		case page.Close:
			b = append(b, "h\n"...)
		}
	})
	return b
}
