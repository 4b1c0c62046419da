package svg

import (
	"image"
	"math"
	"strings"

	"github.com/galleyprint/galley/internal/pathraster"
	"github.com/galleyprint/galley/page"
)

// maxPatternTiles bounds the tiles a pattern fill draws.
const maxPatternTiles = 4096

// invert returns m's inverse; ok is false when m flattens the plane.
func (m matrix) invert() (matrix, bool) {
	det := m[0]*m[3] - m[1]*m[2]
	if det == 0 || math.IsNaN(det) || math.IsInf(det, 0) {
		return identity, false
	}
	a, b, c, d := m[3]/det, -m[1]/det, -m[2]/det, m[0]/det
	return matrix{a, b, c, d, -(a*m[4] + c*m[5]), -(b*m[4] + d*m[5])}, true
}

// boxThrough returns the box around the corners of (x0, y0)-(x1, y1)
// after m.
func boxThrough(m matrix, x0, y0, x1, y1 float64) (float64, float64, float64, float64) {
	bx0, by0, bx1, by1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, c := range [4][2]float64{{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}} {
		x, y := m.apply(c[0], c[1])
		bx0, by0, bx1, by1 = min(bx0, x), min(by0, y), max(bx1, x), max(by1, y)
	}
	return bx0, by0, bx1, by1
}

// rectOutline is the rectangle (x, y, w, h) of user space, through m.
func (r *renderer) rectOutline(x, y, w, h float64, m matrix) *page.Outline {
	var p fpath
	p.moveTo(x, y)
	p.lineTo(x+w, y)
	p.lineTo(x+w, y+h)
	p.lineTo(x, y+h)
	p.close()
	return r.outline(&p, m, false)
}

// region reads an effect's region (x, y, width and height attributes of
// a mask or filter) in user space: in units of the element's box bbox
// (x, y, w, h) unless units is userSpaceOnUse; absent attributes are
// -10 %, -10 %, 120 %, 120 % of the box.
func region(attrs map[string]string, units string, bbox [4]float64, st state) (x, y, w, h float64) {
	frac := func(name, def string) float64 {
		s := strings.TrimSpace(orDefault(attrs[name], def))
		if strings.HasSuffix(s, "%") {
			return numOr(strings.TrimSuffix(s, "%"), numOr(strings.TrimSuffix(def, "%"), 0)) / 100
		}
		return numOr(s, numOr(strings.TrimSuffix(def, "%"), 0)/100)
	}
	if units == "userSpaceOnUse" {
		num := func(name, def string, ref float64) float64 {
			v, _ := length(orDefault(attrs[name], def), ref, 16)
			return v
		}
		return num("x", "-10%", st.vw), num("y", "-10%", st.vh), num("width", "120%", st.vw), num("height", "120%", st.vh)
	}
	return bbox[0] + frac("x", "-10%")*bbox[2], bbox[1] + frac("y", "-10%")*bbox[3],
		frac("width", "120%") * bbox[2], frac("height", "120%") * bbox[3]
}

// userBox returns the box, in el's user space, of items drawn in the
// drawing's points: the element's bounding box, as effects measure it.
func userBox(items []rasterItem, ctm matrix) ([4]float64, bool) {
	x0, y0, x1, y1, ok := bounds(items, false)
	inv, iok := ctm.invert()
	if !ok || !iok {
		return [4]float64{}, false
	}
	x0, y0, x1, y1 = boxThrough(inv, x0, y0, x1, y1)
	return [4]float64{x0, y0, x1 - x0, y1 - y0}, true
}

// withEffects draws el with its mask and filter, when it has either that
// names an element of the document: what it paints is drawn, then
// rasterised and masked or filtered; its texts stay vectors, drawn over
// the raster. It reports whether it drew el.
func (r *renderer) withEffects(el *element, st state) bool {
	var maskEl, filterEl *element
	if m := st.props["mask"]; m != "" && m != "none" {
		if maskEl = r.ref(m); maskEl != nil && maskEl.name != "mask" {
			maskEl = nil
		}
		if maskEl == nil {
			r.warn("mask that is not a <mask> element (not applied)")
		}
	}
	if f := st.props["filter"]; f != "" && f != "none" {
		if filterEl = r.ref(f); filterEl != nil && filterEl.name != "filter" {
			filterEl = nil
		}
		if filterEl == nil {
			r.warn("filter that is not a <filter> element (drawn without it)")
		}
	}
	if maskEl == nil && filterEl == nil || r.using[maskEl] || r.using[filterEl] {
		return false
	}
	inner := st
	inner.props = withoutEffects(st.props)
	parts := r.capture(func() { r.draw(el, inner) })
	items, rest := r.rasterItems(parts)
	bbox, ok := userBox(items, st.ctm)
	if ok {
		job := &rasterJob{content: items}
		job.x0, job.y0, job.x1, job.y1, _ = itemsBounds(items)
		if filterEl != nil {
			r.filter(job, filterEl, bbox, st)
		}
		if maskEl != nil {
			r.mask(job, maskEl, bbox, st)
		}
		feature := "mask"
		if filterEl != nil {
			feature = "filter"
		}
		if len(job.content) > 0 { // an empty region draws nothing
			r.addRaster(job, feature)
		}
	}
	r.d.Parts = append(r.d.Parts, rest...)
	return true
}

// withoutEffects returns props without mask and filter.
func withoutEffects(props map[string]string) map[string]string {
	c := make(map[string]string, len(props))
	for k, v := range props {
		if k != "mask" && k != "filter" {
			c[k] = v
		}
	}
	return c
}

// mask makes job's pixels masked by maskEl: the luminance of what the
// mask draws (or its alpha, with mask-type alpha), within its region, is
// multiplied into theirs.
func (r *renderer) mask(job *rasterJob, maskEl *element, bbox [4]float64, st state) {
	x, y, w, h := region(maskEl.attrs, orDefault(maskEl.attrs["maskUnits"], "objectBoundingBox"), bbox, st)
	if w <= 0 || h <= 0 {
		job.content = nil // an empty region masks everything
		return
	}
	ms := state{ctm: st.ctm, props: map[string]string{}, opacity: 1, vw: st.vw, vh: st.vh}
	ms.props = r.style(maskEl, ms.props)
	ms.clips = []*page.Outline{r.rectOutline(x, y, w, h, st.ctm)}
	if maskEl.attrs["maskContentUnits"] == "objectBoundingBox" {
		ms.ctm = ms.ctm.then(matrix{bbox[2], 0, 0, bbox[3], bbox[0], bbox[1]})
	}
	r.using[maskEl] = true
	parts := r.capture(func() { r.children(maskEl, ms) })
	delete(r.using, maskEl)
	items, _ := r.rasterItems(parts)
	byAlpha := strings.TrimSpace(r.style(maskEl, map[string]string{})["mask-type"]) == "alpha"
	rx0, ry0, rx1, ry1 := boxThrough(st.ctm, x, y, x+w, y+h)
	job.x0, job.y0 = max(job.x0, rx0), max(job.y0, ry0)
	job.x1, job.y1 = min(job.x1, rx1), min(job.y1, ry1)
	prev := job.effect
	job.effect = func(dst *image.RGBA, t pathraster.Transform) {
		if prev != nil {
			prev(dst, t)
		}
		m := emptyLike(dst)
		drawItems(m, items, t)
		for i := 0; i+3 < len(dst.Pix); i += 4 {
			var k uint32
			if byAlpha {
				k = uint32(m.Pix[i+3])
			} else {
				// the luminance of the premultiplied colour: of the
				// colour, times its alpha (sRGB coefficients, as browsers)
				k = (2125*uint32(m.Pix[i]) + 7154*uint32(m.Pix[i+1]) + 721*uint32(m.Pix[i+2]) + 5000) / 10000
			}
			for c := 0; c < 4; c++ {
				dst.Pix[i+c] = uint8((uint32(dst.Pix[i+c])*k + 127) / 255)
			}
		}
	}
}

// patternFill fills the outline o of shape geometry p with the tiles of
// the pattern pat, rasterised, at opacity; ok is false when the pattern
// draws nothing it can tile (the shape then takes the fallback paint).
func (r *renderer) patternFill(pat *element, o *page.Outline, p *fpath, st state, opacity float64) bool {
	// the pattern's attributes and content, from it or the patterns its
	// href names
	attr := map[string]string{}
	var content *element
	for g, depth := pat, 0; g != nil && g.name == "pattern" && depth < 16; depth++ {
		for k, v := range g.attrs {
			if _, ok := attr[k]; !ok {
				attr[k] = v
			}
		}
		if content == nil && len(g.children) > 0 {
			content = g
		}
		g = r.ref(href(g))
	}
	if content == nil || r.using[content] {
		return false
	}
	bx0, by0, bx1, by1 := p.bounds()
	bbox := [4]float64{bx0, by0, bx1 - bx0, by1 - by0}
	var x, y, w, h float64
	if attr["patternUnits"] == "userSpaceOnUse" {
		x, _ = length(attr["x"], st.vw, 16)
		y, _ = length(attr["y"], st.vh, 16)
		w, _ = length(attr["width"], st.vw, 16)
		h, _ = length(attr["height"], st.vh, 16)
	} else {
		x, y, w, h = region(map[string]string{"x": orDefault(attr["x"], "0"), "y": orDefault(attr["y"], "0"),
			"width": orDefault(attr["width"], "0"), "height": orDefault(attr["height"], "0")}, "objectBoundingBox", bbox, st)
	}
	if !(w > 0 && h > 0) {
		return false
	}
	base := st.ctm
	if t, ok := parseTransform(attr["patternTransform"]); ok {
		base = base.then(t)
	}
	inv, ok := base.invert()
	if !ok {
		return false
	}
	// the tiles that cover the shape, in the pattern's space
	dx0, dy0, dx1, dy1 := boxThrough(st.ctm, bx0, by0, bx1, by1)
	px0, py0, px1, py1 := boxThrough(inv, dx0, dy0, dx1, dy1)
	i0, i1 := math.Floor((px0-x)/w), math.Ceil((px1-x)/w)
	j0, j1 := math.Floor((py0-y)/h), math.Ceil((py1-y)/h)
	if (i1-i0)*(j1-j0) > maxPatternTiles {
		r.warn("pattern of too many tiles (painted in one colour)")
		return false
	}
	var tileContent matrix
	if v := numbers(attr["viewBox"]); len(v) == 4 && v[2] > 0 && v[3] > 0 {
		tileContent = viewBoxTransform([4]float64(v), attr["preserveAspectRatio"], w, h)
	} else if attr["patternContentUnits"] == "objectBoundingBox" {
		tileContent = matrix{bbox[2], 0, 0, bbox[3], 0, 0}
	} else {
		tileContent = identity
	}
	shapeClip := *o
	clips := append(st.clips[:len(st.clips):len(st.clips)], &shapeClip)
	props := r.style(content, map[string]string{})
	r.using[content] = true
	var items []rasterItem
	for j := j0; j < j1 && r.err == nil; j++ {
		for i := i0; i < i1 && r.err == nil; i++ {
			tx, ty := x+i*w, y+j*h
			ts := state{ctm: base.then(matrix{1, 0, 0, 1, tx, ty}).then(tileContent), props: props, opacity: 1,
				vw: st.vw, vh: st.vh}
			ts.clips = append(clips[:len(clips):len(clips)], r.rectOutline(tx, ty, w, h, base))
			parts := r.capture(func() { r.children(content, ts) })
			tile, _ := r.rasterItems(parts)
			items = append(items, tile...)
		}
	}
	delete(r.using, content)
	job := &rasterJob{content: items, x0: dx0, y0: dy0, x1: dx1, y1: dy1}
	if opacity < 1 {
		k := uint32(alpha(opacity))
		job.effect = func(dst *image.RGBA, _ pathraster.Transform) {
			for i := range dst.Pix {
				dst.Pix[i] = uint8((uint32(dst.Pix[i])*k + 127) / 255)
			}
		}
	}
	r.addRaster(job, "pattern")
	return true
}

// patternRef returns the pattern a fill value names, or nil.
func (r *renderer) patternRef(v string) *element {
	v = strings.TrimSpace(v)
	if !strings.HasPrefix(v, "url(") {
		return nil
	}
	if el := r.ref(v); el != nil && el.name == "pattern" {
		return el
	}
	return nil
}
