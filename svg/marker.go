package svg

import (
	"math"
	"strings"
)

// vertex is a point of a path where a marker may stand, with the
// directions the path comes in and goes out (radians).
type vertex struct {
	x, y    float64
	in, out float64
	hasIn   bool
	hasOut  bool
}

// vertices lists the points of p that take markers: each segment's end,
// after the first subpath's start.
func vertices(p *fpath) []vertex {
	var out []vertex
	k := 0
	var cur, start [2]float64
	startIdx := 0
	for _, v := range p.verbs {
		switch verbPoints(v) {
		case 1:
			q := p.pts[k]
			if v == 0 { // MoveTo
				out = append(out, vertex{x: q[0], y: q[1]})
				start, startIdx = q, len(out)-1
			} else {
				a := math.Atan2(q[1]-cur[1], q[0]-cur[0])
				out[len(out)-1].out, out[len(out)-1].hasOut = a, true
				out = append(out, vertex{x: q[0], y: q[1], in: a, hasIn: true})
			}
			cur = q
			k++
		case 3:
			c1, c2, q := p.pts[k], p.pts[k+1], p.pts[k+2]
			first := c1
			if first == cur {
				first = c2
			}
			last := c2
			if last == q {
				last = c1
			}
			out[len(out)-1].out, out[len(out)-1].hasOut = math.Atan2(first[1]-cur[1], first[0]-cur[0]), true
			out = append(out, vertex{x: q[0], y: q[1], in: math.Atan2(q[1]-last[1], q[0]-last[0]), hasIn: true})
			cur = q
			k += 3
		default: // Close: back to the start
			if len(out) > 0 {
				a := math.Atan2(start[1]-cur[1], start[0]-cur[0])
				out[len(out)-1].out, out[len(out)-1].hasOut = a, true
				out = append(out, vertex{x: start[0], y: start[1], in: a, hasIn: true})
				if startIdx < len(out) {
					out[len(out)-1].out, out[len(out)-1].hasOut = out[startIdx].out, out[startIdx].hasOut
				}
				cur = start
			}
		}
		if len(out) > 1<<16 {
			break
		}
	}
	return out
}

// angle is the direction a marker at v points: the bisector of the
// directions in and out, or the one it has.
func (v vertex) angle() float64 {
	switch {
	case v.hasIn && v.hasOut:
		d := v.out - v.in
		for d > math.Pi {
			d -= 2 * math.Pi
		}
		for d < -math.Pi {
			d += 2 * math.Pi
		}
		return v.in + d/2
	case v.hasIn:
		return v.in
	}
	return v.out
}

// markers draws the markers a path's marker-start, marker-mid and
// marker-end properties name at its vertices; strokeWidth is the path's,
// in user units.
func (r *renderer) markers(p *fpath, st state, strokeWidth float64) {
	props := st.props
	if m := props["marker"]; m != "" {
		// the shorthand, in a copy: computed maps are shared
		props = make(map[string]string, len(st.props)+3)
		for k, v := range st.props {
			props[k] = v
		}
		for _, k := range []string{"marker-start", "marker-mid", "marker-end"} {
			if props[k] == "" {
				props[k] = m
			}
		}
	}
	var vs []vertex
	for _, which := range []string{"marker-start", "marker-mid", "marker-end"} {
		v := props[which]
		if v == "" || v == "none" {
			continue
		}
		mk := r.ref(v)
		if mk == nil || mk.name != "marker" || r.using[mk] {
			continue
		}
		if vs == nil {
			vs = vertices(p)
		}
		if len(vs) == 0 {
			return
		}
		var at []vertex
		switch which {
		case "marker-start":
			at = vs[:1]
		case "marker-end":
			at = vs[len(vs)-1:]
		default:
			if len(vs) > 2 {
				at = vs[1 : len(vs)-1]
			}
		}
		r.using[mk] = true
		for _, v := range at {
			if r.err != nil {
				break
			}
			r.marker(mk, v, which == "marker-start", st, strokeWidth)
		}
		delete(r.using, mk)
	}
}

// marker draws marker mk at vertex v.
func (r *renderer) marker(mk *element, v vertex, start bool, st state, strokeWidth float64) {
	a := mk.attrs
	mw, ok := length(orDefault(a["markerWidth"], "3"), st.vw, 16)
	if !ok || mw <= 0 {
		return
	}
	mh, ok := length(orDefault(a["markerHeight"], "3"), st.vh, 16)
	if !ok || mh <= 0 {
		return
	}
	angle := 0.0
	switch o := strings.TrimSpace(a["orient"]); o {
	case "auto":
		angle = v.angle()
	case "auto-start-reverse":
		angle = v.angle()
		if start {
			angle += math.Pi
		}
	default:
		if f, ok := length(strings.TrimSuffix(o, "deg"), 0, 0); ok {
			angle = f * math.Pi / 180
		}
	}
	var vb [4]float64
	if n := numbers(a["viewBox"]); len(n) == 4 && n[2] > 0 && n[3] > 0 {
		copy(vb[:], n)
	}
	view := viewBoxTransform(vb, a["preserveAspectRatio"], mw, mh)
	refX, _ := length(a["refX"], 0, 16)
	refY, _ := length(a["refY"], 0, 16)
	rx, ry := view.apply(refX, refY)
	scale := 1.0
	if a["markerUnits"] != "userSpaceOnUse" {
		scale = strokeWidth
	}
	sin, cos := math.Sincos(angle)
	m := st.ctm.then(matrix{1, 0, 0, 1, v.x, v.y}).then(matrix{cos, sin, -sin, cos, 0, 0}).
		then(matrix{scale, 0, 0, scale, 0, 0}).then(matrix{1, 0, 0, 1, -rx, -ry}).then(view)
	inner := state{ctm: m, props: r.style(mk, map[string]string{}), opacity: st.opacity, clips: st.clips, vw: st.vw, vh: st.vh}
	if vb[2] > 0 {
		inner.vw, inner.vh = vb[2], vb[3]
	}
	r.children(mk, inner)
}
