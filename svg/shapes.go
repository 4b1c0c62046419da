package svg

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	"github.com/galleyprint/galley/page"
)

// unitLimit bounds coordinates, in points, far beyond any page.
const unitLimit = 1e7

// toUnit converts points to Units, bounded.
func toUnit(v float64) page.Unit {
	return page.Pt(clamp(v, -unitLimit, unitLimit))
}

// geometry returns a shape element's outline in user units; ok is false
// for a shape SVG does not draw (a rect of no width, a circle of no
// radius).
func (r *renderer) geometry(el *element, st state) (p fpath, ok bool) {
	a := el.attrs
	num := func(name string, ref float64) float64 {
		v, _ := length(a[name], ref, 16)
		return v
	}
	diag := math.Hypot(st.vw, st.vh) / math.Sqrt2
	// one over what is left, so that a path past the limit fails it
	budget := r.lim.MaxSegments - r.segments + 1
	switch el.name {
	case "path":
		d := a["d"]
		// about a segment per four bytes of path data
		p.verbs = make([]page.Verb, 0, min(len(d)/4+2, budget+1))
		p.pts = make([][2]float64, 0, min(len(d)/3+2, 3*budget+3))
		parsePathData(d, &p, budget)
	case "rect":
		x, y, w, h := num("x", st.vw), num("y", st.vh), num("width", st.vw), num("height", st.vh)
		if w <= 0 || h <= 0 {
			return p, false
		}
		rx, rxok := length(a["rx"], st.vw, 16)
		ry, ryok := length(a["ry"], st.vh, 16)
		switch {
		case rxok && !ryok:
			ry = rx
		case ryok && !rxok:
			rx = ry
		}
		rx, ry = clamp(rx, 0, w/2), clamp(ry, 0, h/2)
		if rx == 0 || ry == 0 {
			p.moveTo(x, y)
			p.lineTo(x+w, y)
			p.lineTo(x+w, y+h)
			p.lineTo(x, y+h)
			p.close()
			break
		}
		const k = 0.5522847498307936
		p.moveTo(x+rx, y)
		p.lineTo(x+w-rx, y)
		p.cubicTo(x+w-rx+k*rx, y, x+w, y+ry-k*ry, x+w, y+ry)
		p.lineTo(x+w, y+h-ry)
		p.cubicTo(x+w, y+h-ry+k*ry, x+w-rx+k*rx, y+h, x+w-rx, y+h)
		p.lineTo(x+rx, y+h)
		p.cubicTo(x+rx-k*rx, y+h, x, y+h-ry+k*ry, x, y+h-ry)
		p.lineTo(x, y+ry)
		p.cubicTo(x, y+ry-k*ry, x+rx-k*rx, y, x+rx, y)
		p.close()
	case "circle":
		rad := num("r", diag)
		if rad <= 0 {
			return p, false
		}
		p.ellipse(num("cx", st.vw), num("cy", st.vh), rad, rad)
	case "ellipse":
		rx, ry := num("rx", st.vw), num("ry", st.vh)
		if a["rx"] == "" || a["rx"] == "auto" {
			rx = ry
		}
		if a["ry"] == "" || a["ry"] == "auto" {
			ry = rx
		}
		if rx <= 0 || ry <= 0 {
			return p, false
		}
		p.ellipse(num("cx", st.vw), num("cy", st.vh), rx, ry)
	case "line":
		p.moveTo(num("x1", st.vw), num("y1", st.vh))
		p.lineTo(num("x2", st.vw), num("y2", st.vh))
	case "polyline", "polygon":
		v := numbers(a["points"])
		for i := 0; i+1 < len(v) && i/2 < budget; i += 2 {
			if i == 0 {
				p.moveTo(v[0], v[1])
			} else {
				p.lineTo(v[i], v[i+1])
			}
		}
		if el.name == "polygon" && len(v) >= 4 {
			p.close()
		}
	}
	return p, len(p.verbs) > 0
}

// outline transforms p into an outline in Units of the drawing.
func (r *renderer) outline(p *fpath, m matrix, evenOdd bool) *page.Outline {
	o := &page.Outline{Verbs: p.verbs, Points: make([]page.PathPoint, len(p.pts)), EvenOdd: evenOdd}
	for i, q := range p.pts {
		x, y := m.apply(q[0], q[1])
		o.Points[i] = page.PathPoint{X: toUnit(x), Y: toUnit(y)}
	}
	return o
}

// count adds n segments to the drawing's, failing past the limit.
func (r *renderer) count(n int) bool {
	r.segments += n
	if r.segments > r.lim.MaxSegments {
		r.err = fmt.Errorf("%w: more than %d path segments", ErrTooLarge, r.lim.MaxSegments)
		return false
	}
	return true
}

// shape draws a path or basic shape.
func (r *renderer) shape(el *element, st state) {
	if v := st.props["visibility"]; v == "hidden" || v == "collapse" {
		return
	}
	p, ok := r.geometry(el, st)
	if !ok || !r.count(len(p.verbs)) {
		return
	}
	props := st.props
	path := &page.Path{Outline: *r.outline(&p, st.ctm, props["fill-rule"] == "evenodd")}
	current := r.currentColor(props)
	fillOpacity := parseOpacityOr(props["fill-opacity"]) * st.opacity
	if el.name != "line" { // a line has no inside
		fill := orDefault(props["fill"], "black")
		if pat := r.patternRef(fill); pat == nil || !r.patternFill(pat, &path.Outline, &p, st, fillOpacity) {
			path.Fill = r.paint(fill, fillOpacity, current, &p, st)
		}
	}
	strokeOpacity := parseOpacityOr(props["stroke-opacity"]) * st.opacity
	path.Stroke = r.paint(orDefault(props["stroke"], "none"), strokeOpacity, current, &p, st)
	if path.Stroke.On {
		diag := math.Hypot(st.vw, st.vh) / math.Sqrt2
		w, ok := length(orDefault(props["stroke-width"], "1"), diag, 16)
		if !ok || w < 0 {
			w = 1
		}
		scale := st.ctm.scale()
		if props["vector-effect"] == "non-scaling-stroke" {
			scale = pxPoints
		}
		path.Width = toUnit(w * scale)
		if path.Width <= 0 {
			path.Stroke.On = false
		}
		switch props["stroke-linecap"] {
		case "round":
			path.Cap = page.RoundCap
		case "square":
			path.Cap = page.SquareCap
		}
		switch props["stroke-linejoin"] {
		case "round":
			path.Join = page.RoundJoin
		case "bevel":
			path.Join = page.BevelJoin
		}
		if ml := parseFloat(orDefault(props["stroke-miterlimit"], "4")); ml >= 1 {
			path.Miter = min(ml, 100)
		}
		if da := props["stroke-dasharray"]; da != "" && da != "none" {
			var dash []page.Unit
			sum := 0.0
			for _, f := range strings.FieldsFunc(da, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
				v, ok := length(f, diag, 16)
				if !ok || v < 0 {
					dash = nil
					break
				}
				sum += v
				dash = append(dash, toUnit(v*scale))
			}
			if sum > 0 && len(dash) <= 64 {
				path.Dash = dash
				off, _ := length(props["stroke-dashoffset"], diag, 16)
				path.DashOffset = toUnit(off * scale)
			}
		}
	}
	if path.Fill.On || path.Stroke.On {
		path.Clips = r.clipsFor(path, st)
		r.d.Parts = append(r.d.Parts, page.Part{Path: path})
	}
	if el.name == "path" || el.name == "line" || el.name == "polyline" || el.name == "polygon" {
		sw, ok := length(orDefault(props["stroke-width"], "1"), math.Hypot(st.vw, st.vh)/math.Sqrt2, 16)
		if !ok || sw < 0 {
			sw = 1
		}
		r.markers(&p, st, sw)
	}
}

// clipsFor returns st's clips, and the drawing's box as one more when
// the path reaches beyond it (the outer svg's viewport clips).
func (r *renderer) clipsFor(path *page.Path, st state) []*page.Outline {
	x0, y0, x1, y1 := path.Bounds()
	pad := path.Width
	if path.Stroke.On && path.Join == page.MiterJoin {
		pad = page.Unit(float64(path.Width) * max(path.Miter, 4) / 2)
	}
	if x0-pad >= 0 && y0-pad >= 0 && x1+pad <= r.d.W && y1+pad <= r.d.H {
		return st.clips
	}
	box := &page.Outline{Verbs: []page.Verb{page.MoveTo, page.LineTo, page.LineTo, page.LineTo, page.Close},
		Points: []page.PathPoint{{X: 0, Y: 0}, {X: r.d.W, Y: 0}, {X: r.d.W, Y: r.d.H}, {X: 0, Y: r.d.H}}}
	return append(st.clips[:len(st.clips):len(st.clips)], box)
}

func parseOpacityOr(s string) float64 {
	if s == "" {
		return 1
	}
	return parseOpacity(s)
}

func (r *renderer) currentColor(props map[string]string) rgba {
	if c, ok := parseColor(props["color"], rgba{a: 1}); ok {
		return c
	}
	return rgba{a: 1}
}

// paint resolves a fill or stroke value: none, a colour, or a gradient
// (a pattern paints its fallback colour, or grey).
func (r *renderer) paint(v string, opacity float64, current rgba, p *fpath, st state) page.Paint {
	v = strings.TrimSpace(v)
	if v == "none" || v == "" {
		return page.Paint{}
	}
	if strings.HasPrefix(v, "url(") {
		end := strings.IndexByte(v, ')')
		fallback := ""
		if end >= 0 {
			fallback = strings.TrimSpace(v[end+1:])
		}
		if el := r.ref(v); el != nil {
			switch el.name {
			case "linearGradient", "radialGradient":
				if g := r.gradient(el, p, st); g != nil {
					if len(g.Stops) == 1 {
						return page.Paint{On: true, Color: g.Stops[0].Color, Alpha: alpha(opacity * float64(g.Stops[0].Alpha) / 255)}
					}
					return page.Paint{On: true, Color: g.Stops[0].Color, Alpha: alpha(opacity), Gradient: g}
				}
				return page.Paint{}
			case "pattern":
				r.warn("pattern (painted in one colour)")
				if fallback == "" {
					fallback = "#808080"
				}
			}
		}
		if fallback == "" || fallback == "none" {
			return page.Paint{}
		}
		v = fallback
	}
	c, ok := parseColor(v, current)
	if !ok {
		return page.Paint{}
	}
	a := alpha(opacity * c.a)
	return page.Paint{On: a > 0, Color: c.c, Alpha: a}
}

func alpha(f float64) uint8 { return uint8(math.Round(clamp(f, 0, 1) * 255)) }

// gradient resolves a gradient element, with the attributes and stops it
// takes from the gradients its href names, for a shape of outline p.
func (r *renderer) gradient(el *element, p *fpath, st state) *page.Gradient {
	attr := map[string]string{}
	var stops []*element
	for g, depth := el, 0; g != nil && depth < 16; depth++ {
		for k, v := range g.attrs {
			if _, ok := attr[k]; !ok {
				attr[k] = v
			}
		}
		if stops == nil {
			for _, c := range g.children {
				if c.name == "stop" {
					stops = append(stops, c)
				}
			}
		}
		h := href(g)
		if h == "" {
			break
		}
		next := r.ref(h)
		if next == nil || next.name != "linearGradient" && next.name != "radialGradient" {
			break
		}
		g = next
	}
	if len(stops) == 0 {
		return nil
	}
	g := &page.Gradient{}
	last := 0.0
	for _, s := range stops {
		props := r.style(s, map[string]string{})
		off := parseOpacity(orDefault(s.attrs["offset"], "0"))
		off = max(off, last)
		last = off
		c, ok := parseColor(orDefault(props["stop-color"], "black"), r.currentColor(props))
		if !ok {
			c = rgba{a: 1}
		}
		g.Stops = append(g.Stops, page.Stop{Offset: off, Color: c.c, Alpha: alpha(c.a * parseOpacityOr(props["stop-opacity"]))})
	}
	m := st.ctm
	bbox := attr["gradientUnits"] != "userSpaceOnUse"
	ref := func(v string, def string, full float64) float64 {
		v = orDefault(v, def)
		if bbox {
			if strings.HasSuffix(strings.TrimSpace(v), "%") {
				return parseFloat(strings.TrimSuffix(strings.TrimSpace(v), "%")) / 100
			}
			return parseFloat(v)
		}
		f, _ := length(v, full, 16)
		return f
	}
	if bbox {
		x0, y0, x1, y1 := p.bounds()
		if x1 <= x0 || y1 <= y0 {
			return nil
		}
		m = m.then(matrix{x1 - x0, 0, 0, y1 - y0, x0, y0})
	}
	if t, ok := parseTransform(attr["gradientTransform"]); ok {
		m = m.then(t)
	}
	pt := func(x, y float64) (page.Unit, page.Unit) {
		if math.IsNaN(x) || math.IsNaN(y) {
			x, y = 0, 0
		}
		px, py := m.apply(x, y)
		return toUnit(px), toUnit(py)
	}
	if el.name == "radialGradient" {
		g.Kind = page.Radial
		cx, cy := ref(attr["cx"], "50%", st.vw), ref(attr["cy"], "50%", st.vh)
		rad := ref(attr["r"], "50%", math.Hypot(st.vw, st.vh)/math.Sqrt2)
		fx, fy := ref(attr["fx"], attr["cx"], st.vw), ref(attr["fy"], attr["cy"], st.vh)
		if attr["fx"] == "" && attr["cx"] == "" {
			fx = cx
		}
		if attr["fy"] == "" && attr["cy"] == "" {
			fy = cy
		}
		g.X1, g.Y1 = pt(fx, fy)
		g.X2, g.Y2 = pt(cx, cy)
		g.R = toUnit(math.Abs(rad) * m.scale())
		return g
	}
	g.X1, g.Y1 = pt(ref(attr["x1"], "0%", st.vw), ref(attr["y1"], "0%", st.vh))
	g.X2, g.Y2 = pt(ref(attr["x2"], "100%", st.vw), ref(attr["y2"], "0%", st.vh))
	return g
}

// clipPath returns the outline of the clipPath a clip-path property
// names, for element el drawn in state st: its shapes in el's user space
// (or its box's, with clipPathUnits objectBoundingBox).
func (r *renderer) clipPath(v string, el *element, st state) *page.Outline {
	cp := r.ref(v)
	if cp == nil || cp.name != "clipPath" {
		if !strings.HasPrefix(strings.TrimSpace(v), "url(") {
			r.warn("clip-path shape functions (not clipped)")
		}
		return nil
	}
	m := st.ctm
	if t, ok := parseTransform(cp.attrs["transform"]); ok {
		m = m.then(t)
	}
	if cp.attrs["clipPathUnits"] == "objectBoundingBox" {
		// the box of what el draws, from its own geometry
		g, ok := r.geometry(el, st)
		if !ok {
			return nil
		}
		x0, y0, x1, y1 := g.bounds()
		m = m.then(matrix{x1 - x0, 0, 0, y1 - y0, x0, y0})
	}
	var all fpath
	evenOdd := false
	var add func(c *element, m matrix, depth int)
	add = func(c *element, m matrix, depth int) {
		if depth > 8 {
			return
		}
		if t, ok := parseTransform(c.attrs["transform"]); ok {
			m = m.then(t)
		}
		switch c.name {
		case "use":
			if t := r.ref(href(c)); t != nil && t != cp {
				x, _ := length(c.attrs["x"], st.vw, 16)
				y, _ := length(c.attrs["y"], st.vh, 16)
				add(t, m.then(matrix{1, 0, 0, 1, x, y}), depth+1)
			}
			return
		case "path", "rect", "circle", "ellipse", "line", "polyline", "polygon":
		default:
			return
		}
		g, ok := r.geometry(c, st)
		if !ok || !r.count(len(g.verbs)) {
			return
		}
		props := r.style(c, st.props)
		if props["clip-rule"] == "evenodd" {
			evenOdd = true
		}
		for i, q := range g.pts {
			x, y := m.apply(q[0], q[1])
			g.pts[i] = [2]float64{x, y}
		}
		all.verbs = append(all.verbs, g.verbs...)
		all.pts = append(all.pts, g.pts...)
	}
	for _, c := range cp.children {
		add(c, m, 0)
	}
	o := r.outline(&all, identity, evenOdd)
	return o
}
