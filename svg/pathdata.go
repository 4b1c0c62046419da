package svg

import (
	"math"
	"strconv"

	"github.com/galleyprint/galley/page"
)

// fpath is an outline in user units, before its transform.
type fpath struct {
	verbs []page.Verb
	pts   [][2]float64
}

func (p *fpath) moveTo(x, y float64) {
	p.verbs = append(p.verbs, page.MoveTo)
	p.pts = append(p.pts, [2]float64{x, y})
}

func (p *fpath) lineTo(x, y float64) {
	p.verbs = append(p.verbs, page.LineTo)
	p.pts = append(p.pts, [2]float64{x, y})
}

func (p *fpath) cubicTo(x1, y1, x2, y2, x, y float64) {
	p.verbs = append(p.verbs, page.CubicTo)
	p.pts = append(p.pts, [2]float64{x1, y1}, [2]float64{x2, y2}, [2]float64{x, y})
}

func (p *fpath) close() { p.verbs = append(p.verbs, page.Close) }

// bounds returns the box around the points.
func (p *fpath) bounds() (x0, y0, x1, y1 float64) {
	if len(p.pts) == 0 {
		return 0, 0, 0, 0
	}
	x0, y0, x1, y1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, q := range p.pts {
		x0, y0, x1, y1 = min(x0, q[0]), min(y0, q[1]), max(x1, q[0]), max(y1, q[1])
	}
	return x0, y0, x1, y1
}

// ellipse adds an ellipse as four cubics.
func (p *fpath) ellipse(cx, cy, rx, ry float64) {
	const k = 0.5522847498307936
	p.moveTo(cx+rx, cy)
	p.cubicTo(cx+rx, cy+k*ry, cx+k*rx, cy+ry, cx, cy+ry)
	p.cubicTo(cx-k*rx, cy+ry, cx-rx, cy+k*ry, cx-rx, cy)
	p.cubicTo(cx-rx, cy-k*ry, cx-k*rx, cy-ry, cx, cy-ry)
	p.cubicTo(cx+k*rx, cy-ry, cx+rx, cy-k*ry, cx+rx, cy)
	p.close()
}

// pathScanner reads the numbers and flags of path data.
type pathScanner struct {
	s   string
	i   int
	err bool
}

func (sc *pathScanner) skipSep() {
	for sc.i < len(sc.s) {
		switch sc.s[sc.i] {
		case ' ', '\t', '\n', '\r', '\f', ',':
			sc.i++
		default:
			return
		}
	}
}

// more reports whether a number follows.
func (sc *pathScanner) more() bool {
	sc.skipSep()
	if sc.i >= len(sc.s) {
		return false
	}
	c := sc.s[sc.i]
	return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.'
}

// num reads a number: sign, digits, fraction, exponent; "1.5.5" is two.
func (sc *pathScanner) num() float64 {
	sc.skipSep()
	start := sc.i
	if sc.i < len(sc.s) && (sc.s[sc.i] == '-' || sc.s[sc.i] == '+') {
		sc.i++
	}
	digits := false
	for sc.i < len(sc.s) && sc.s[sc.i] >= '0' && sc.s[sc.i] <= '9' {
		sc.i++
		digits = true
	}
	if sc.i < len(sc.s) && sc.s[sc.i] == '.' {
		sc.i++
		for sc.i < len(sc.s) && sc.s[sc.i] >= '0' && sc.s[sc.i] <= '9' {
			sc.i++
			digits = true
		}
	}
	if !digits {
		sc.err = true
		return 0
	}
	if sc.i < len(sc.s) && (sc.s[sc.i] == 'e' || sc.s[sc.i] == 'E') {
		j := sc.i + 1
		if j < len(sc.s) && (sc.s[j] == '-' || sc.s[j] == '+') {
			j++
		}
		if j < len(sc.s) && sc.s[j] >= '0' && sc.s[j] <= '9' {
			for j < len(sc.s) && sc.s[j] >= '0' && sc.s[j] <= '9' {
				j++
			}
			sc.i = j
		}
	}
	v := parseFloat(sc.s[start:sc.i])
	if math.IsNaN(v) || math.IsInf(v, 0) {
		sc.err = true
		return 0
	}
	return v
}

// flag reads an arc flag, a single 0 or 1 that needs no separator.
func (sc *pathScanner) flag() bool {
	sc.skipSep()
	if sc.i < len(sc.s) && (sc.s[sc.i] == '0' || sc.s[sc.i] == '1') {
		sc.i++
		return sc.s[sc.i-1] == '1'
	}
	sc.err = true
	return false
}

// parsePathData reads SVG path data into p, up to the first error (as
// SVG renders what precedes it), adding at most budget segments; it
// returns the segments added.
func parsePathData(d string, p *fpath, budget int) int {
	sc := &pathScanner{s: d}
	var cx, cy, sx, sy float64 // current and subpath start points
	var lcx, lcy float64       // last control point
	var last byte              // last command
	start := len(p.verbs)
	for !sc.err && len(p.verbs)-start < budget {
		sc.skipSep()
		if sc.i >= len(sc.s) {
			break
		}
		cmd := sc.s[sc.i]
		if isCommand(cmd) {
			sc.i++
		} else if last != 0 && last != 'z' && last != 'Z' {
			// repeated arguments repeat the command; after a moveto, a lineto
			cmd = last
			if cmd == 'M' {
				cmd = 'L'
			} else if cmd == 'm' {
				cmd = 'l'
			}
		} else {
			break
		}
		if len(p.verbs) == start && cmd != 'M' && cmd != 'm' {
			break // path data must begin with a moveto
		}
		rel := cmd >= 'a'
		ox, oy := 0.0, 0.0
		if rel {
			ox, oy = cx, cy
		}
		switch cmd {
		case 'M', 'm':
			x, y := sc.num()+ox, sc.num()+oy
			if sc.err {
				break
			}
			p.moveTo(x, y)
			cx, cy, sx, sy = x, y, x, y
		case 'L', 'l':
			x, y := sc.num()+ox, sc.num()+oy
			if sc.err {
				break
			}
			p.lineTo(x, y)
			cx, cy = x, y
		case 'H', 'h':
			x := sc.num() + ox
			if sc.err {
				break
			}
			p.lineTo(x, cy)
			cx = x
		case 'V', 'v':
			y := sc.num() + oy
			if sc.err {
				break
			}
			p.lineTo(cx, y)
			cy = y
		case 'C', 'c':
			x1, y1, x2, y2 := sc.num()+ox, sc.num()+oy, sc.num()+ox, sc.num()+oy
			x, y := sc.num()+ox, sc.num()+oy
			if sc.err {
				break
			}
			p.cubicTo(x1, y1, x2, y2, x, y)
			lcx, lcy, cx, cy = x2, y2, x, y
		case 'S', 's':
			x1, y1 := cx, cy
			if last == 'C' || last == 'c' || last == 'S' || last == 's' {
				x1, y1 = 2*cx-lcx, 2*cy-lcy
			}
			x2, y2, x, y := sc.num()+ox, sc.num()+oy, sc.num()+ox, sc.num()+oy
			if sc.err {
				break
			}
			p.cubicTo(x1, y1, x2, y2, x, y)
			lcx, lcy, cx, cy = x2, y2, x, y
		case 'Q', 'q':
			qx, qy, x, y := sc.num()+ox, sc.num()+oy, sc.num()+ox, sc.num()+oy
			if sc.err {
				break
			}
			quad(p, cx, cy, qx, qy, x, y)
			lcx, lcy, cx, cy = qx, qy, x, y
		case 'T', 't':
			qx, qy := cx, cy
			if last == 'Q' || last == 'q' || last == 'T' || last == 't' {
				qx, qy = 2*cx-lcx, 2*cy-lcy
			}
			x, y := sc.num()+ox, sc.num()+oy
			if sc.err {
				break
			}
			quad(p, cx, cy, qx, qy, x, y)
			lcx, lcy, cx, cy = qx, qy, x, y
		case 'A', 'a':
			rx, ry, rot := sc.num(), sc.num(), sc.num()
			large, sweep := sc.flag(), sc.flag()
			x, y := sc.num()+ox, sc.num()+oy
			if sc.err {
				break
			}
			arc(p, cx, cy, rx, ry, rot, large, sweep, x, y)
			cx, cy = x, y
		case 'Z', 'z':
			// the current point returns to the subpath's start
			p.close()
			cx, cy = sx, sy
		}
		last = cmd
	}
	// a subpath after a close starts where the closed one did
	fixAfterClose(p, start)
	return len(p.verbs) - start
}

// fixAfterClose inserts a moveto after each close that another drawing
// command follows, as SVG's current point returns to the subpath's start.
func fixAfterClose(p *fpath, start int) {
	need := false
	for i := start; i+1 < len(p.verbs); i++ {
		if p.verbs[i] == page.Close && p.verbs[i+1] != page.MoveTo {
			need = true
			break
		}
	}
	if !need {
		return
	}
	var q fpath
	q.verbs, q.pts = append(q.verbs, p.verbs[:start]...), append(q.pts, p.pts[:ptIndex(p, start)]...)
	k := ptIndex(p, start)
	var sx, sy float64
	for i := start; i < len(p.verbs); i++ {
		v := p.verbs[i]
		if i > start && p.verbs[i-1] == page.Close && v != page.MoveTo {
			q.moveTo(sx, sy)
		}
		n := verbPoints(v)
		if v == page.MoveTo {
			sx, sy = p.pts[k][0], p.pts[k][1]
		}
		q.verbs = append(q.verbs, v)
		q.pts = append(q.pts, p.pts[k:k+n]...)
		k += n
	}
	*p = q
}

func ptIndex(p *fpath, verbs int) int {
	n := 0
	for _, v := range p.verbs[:verbs] {
		n += verbPoints(v)
	}
	return n
}

func verbPoints(v page.Verb) int {
	switch v {
	case page.MoveTo, page.LineTo:
		return 1
	case page.CubicTo:
		return 3
	}
	return 0
}

// parseFloat reads a number; NaN for what is not one.
func parseFloat(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

func isCommand(c byte) bool {
	switch c {
	case 'M', 'm', 'L', 'l', 'H', 'h', 'V', 'v', 'C', 'c', 'S', 's', 'Q', 'q', 'T', 't', 'A', 'a', 'Z', 'z':
		return true
	}
	return false
}

// quad adds a quadratic Bézier as the cubic that draws it.
func quad(p *fpath, x0, y0, qx, qy, x, y float64) {
	p.cubicTo(x0+2.0/3*(qx-x0), y0+2.0/3*(qy-y0), x+2.0/3*(qx-x), y+2.0/3*(qy-y), x, y)
}

// arc adds an elliptical arc (SVG's endpoint form) as cubics, one per
// quarter turn at most (SVG 1.1 appendix F.6).
func arc(p *fpath, x1, y1, rx, ry, rotDeg float64, large, sweep bool, x2, y2 float64) {
	if x1 == x2 && y1 == y2 {
		return
	}
	rx, ry = math.Abs(rx), math.Abs(ry)
	if rx == 0 || ry == 0 {
		p.lineTo(x2, y2)
		return
	}
	sinPhi, cosPhi := math.Sincos(rotDeg * math.Pi / 180)
	dx, dy := (x1-x2)/2, (y1-y2)/2
	x1p := cosPhi*dx + sinPhi*dy
	y1p := -sinPhi*dx + cosPhi*dy
	if l := x1p*x1p/(rx*rx) + y1p*y1p/(ry*ry); l > 1 {
		s := math.Sqrt(l)
		rx, ry = rx*s, ry*s
	}
	num := rx*rx*ry*ry - rx*rx*y1p*y1p - ry*ry*x1p*x1p
	den := rx*rx*y1p*y1p + ry*ry*x1p*x1p
	co := 0.0
	if den > 0 {
		co = math.Sqrt(math.Max(0, num/den))
	}
	if large == sweep {
		co = -co
	}
	cxp, cyp := co*rx*y1p/ry, -co*ry*x1p/rx
	cx := cosPhi*cxp - sinPhi*cyp + (x1+x2)/2
	cy := sinPhi*cxp + cosPhi*cyp + (y1+y2)/2
	angle := func(ux, uy, vx, vy float64) float64 {
		return math.Atan2(ux*vy-uy*vx, ux*vx+uy*vy)
	}
	t1 := angle(1, 0, (x1p-cxp)/rx, (y1p-cyp)/ry)
	dt := angle((x1p-cxp)/rx, (y1p-cyp)/ry, (-x1p-cxp)/rx, (-y1p-cyp)/ry)
	if !sweep && dt > 0 {
		dt -= 2 * math.Pi
	} else if sweep && dt < 0 {
		dt += 2 * math.Pi
	}
	n := int(math.Ceil(math.Abs(dt) / (math.Pi / 2)))
	n = max(1, min(n, 4))
	step := dt / float64(n)
	k := 4.0 / 3 * math.Tan(step/4)
	pt := func(t float64) (float64, float64, float64, float64) {
		s, c := math.Sincos(t)
		// the point and its derivative on the ellipse
		x := cx + rx*c*cosPhi - ry*s*sinPhi
		y := cy + rx*c*sinPhi + ry*s*cosPhi
		dxt := -rx*s*cosPhi - ry*c*sinPhi
		dyt := -rx*s*sinPhi + ry*c*cosPhi
		return x, y, dxt, dyt
	}
	t := t1
	ax, ay, adx, ady := pt(t)
	for i := range n {
		t += step
		bx, by, bdx, bdy := pt(t)
		if i == n-1 {
			bx, by = x2, y2
		}
		p.cubicTo(ax+k*adx, ay+k*ady, bx-k*bdx, by-k*bdy, bx, by)
		ax, ay, adx, ady = bx, by, bdx, bdy
	}
}
