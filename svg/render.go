package svg

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/galleyprint/galley/page"
)

// pxPoints is a CSS pixel, SVG's user unit, in points.
const pxPoints = 0.75

// matrix is an affine transform: x' = a·x + c·y + e, y' = b·x + d·y + f.
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// then returns the transform that applies n, then m: m·n.
func (m matrix) then(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[2]*n[1], m[1]*n[0] + m[3]*n[1],
		m[0]*n[2] + m[2]*n[3], m[1]*n[2] + m[3]*n[3],
		m[0]*n[4] + m[2]*n[5] + m[4], m[1]*n[4] + m[3]*n[5] + m[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// scale is the transform's mean scale: the square root of its area's.
func (m matrix) scale() float64 { return math.Sqrt(math.Abs(m[0]*m[3] - m[1]*m[2])) }

// parseTransform reads a transform list; ok is false for a malformed one
// (which SVG ignores).
func parseTransform(s string) (matrix, bool) {
	m := identity
	s = strings.TrimSpace(s)
	for s != "" {
		open := strings.IndexByte(s, '(')
		end := strings.IndexByte(s, ')')
		if open < 0 || end < open {
			return identity, false
		}
		name := strings.TrimSpace(strings.Trim(s[:open], " ,\t\n\r"))
		args := numbers(s[open+1 : end])
		s = strings.TrimLeft(s[end+1:], " ,\t\n\r")
		var t matrix
		switch {
		case name == "matrix" && len(args) == 6:
			t = matrix(args)
		case name == "translate" && len(args) == 1:
			t = matrix{1, 0, 0, 1, args[0], 0}
		case name == "translate" && len(args) == 2:
			t = matrix{1, 0, 0, 1, args[0], args[1]}
		case name == "scale" && len(args) == 1:
			t = matrix{args[0], 0, 0, args[0], 0, 0}
		case name == "scale" && len(args) == 2:
			t = matrix{args[0], 0, 0, args[1], 0, 0}
		case name == "rotate" && (len(args) == 1 || len(args) == 3):
			sin, cos := math.Sincos(args[0] * math.Pi / 180)
			t = matrix{cos, sin, -sin, cos, 0, 0}
			if len(args) == 3 {
				cx, cy := args[1], args[2]
				t = matrix{1, 0, 0, 1, cx, cy}.then(t).then(matrix{1, 0, 0, 1, -cx, -cy})
			}
		case name == "skewX" && len(args) == 1:
			t = matrix{1, 0, math.Tan(args[0] * math.Pi / 180), 1, 0, 0}
		case name == "skewY" && len(args) == 1:
			t = matrix{1, math.Tan(args[0] * math.Pi / 180), 0, 1, 0, 0}
		default:
			return identity, false
		}
		m = m.then(t)
	}
	for _, v := range m {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return identity, false
		}
	}
	return m, true
}

// numbers reads a list of numbers separated by spaces or commas.
func numbers(s string) []float64 {
	sc := &pathScanner{s: s}
	var out []float64
	for sc.more() && len(out) < 1<<16 {
		v := sc.num()
		if sc.err {
			break
		}
		out = append(out, v)
	}
	return out
}

// renderer walks the tree into a drawing.
type renderer struct {
	lim      Limits
	ids      map[string]*element
	rules    []cssRule
	d        *page.Drawing
	segments int
	elements int
	warned   map[string]bool
	err      error
	using    map[*element]bool // the <use> targets being drawn
	embedded int               // bytes of embedded raster images
	rootBox  [4]float64        // the drawing's box in points
	// imagePlace maps an embedded image's unit square to the drawing,
	// for drawing it into a raster
	imagePlace map[*page.DrawingImage]matrix
}

// state is what an element inherits.
type state struct {
	ctm     matrix
	props   map[string]string
	opacity float64
	clips   []*page.Outline
	vw, vh  float64 // the viewport, in user units, for percentages
}

// inherited lists the properties that are not inherited.
var notInherited = map[string]bool{"opacity": true, "clip-path": true, "transform": true, "filter": true,
	"mask": true, "stop-color": true, "stop-opacity": true, "display": true}

func (r *renderer) warn(feature string) {
	if !r.warned[feature] {
		r.warned[feature] = true
		r.d.Warnings = append(r.d.Warnings, feature)
	}
}

// render draws the tree under root.
func render(root *element, lim Limits) (*page.Drawing, error) {
	r := &renderer{lim: lim, ids: map[string]*element{}, warned: map[string]bool{}, using: map[*element]bool{},
		d: &page.Drawing{}, imagePlace: map[*page.DrawingImage]matrix{}}
	order := 0
	var index func(el *element)
	index = func(el *element) {
		if id := el.attrs["id"]; id != "" {
			if _, dup := r.ids[id]; !dup {
				r.ids[id] = el
			}
		}
		if el.name == "style" {
			var css strings.Builder
			for _, t := range el.text {
				css.WriteString(t.text)
			}
			r.rules = append(r.rules, parseCSS(css.String(), &order, r.warn)...)
		}
		for _, c := range el.children {
			index(c)
		}
	}
	index(root)
	sortRules(r.rules)

	w, h, vb := rootSize(root)
	r.d.W, r.d.H = page.Pt(w*pxPoints), page.Pt(h*pxPoints)
	if r.d.W <= 0 || r.d.H <= 0 {
		return nil, fmt.Errorf("%w: the drawing has no size", ErrNotSVG)
	}
	ctm := matrix{pxPoints, 0, 0, pxPoints, 0, 0}.then(viewBoxTransform(vb, root.attrs["preserveAspectRatio"], w, h))
	r.rootBox = [4]float64{0, 0, w * pxPoints, h * pxPoints}
	// the outer svg's own presentation attributes and style hold for all
	st := state{ctm: ctm, props: map[string]string{}, opacity: 1, vw: w, vh: h}
	for k, v := range r.style(root, map[string]string{}) {
		if !notInherited[k] {
			st.props[k] = v
		}
	}
	if o, ok := root.attrs["opacity"]; ok {
		st.opacity = parseOpacity(o)
	}
	if vb[2] > 0 && vb[3] > 0 {
		st.vw, st.vh = vb[2], vb[3]
	}
	r.children(root, st)
	if r.err != nil {
		return nil, r.err
	}
	return r.d, nil
}

// rootSize returns the outer svg's size in CSS pixels and its viewBox
// (zero when it has none): width and height, or the viewBox's, or
// 300 × 150, CSS's default for a replaced element.
func rootSize(root *element) (w, h float64, vb [4]float64) {
	if v := numbers(root.attrs["viewBox"]); len(v) == 4 && v[2] > 0 && v[3] > 0 {
		copy(vb[:], v)
	}
	w, wok := absLength(root.attrs["width"])
	h, hok := absLength(root.attrs["height"])
	switch {
	case wok && hok:
	case wok && vb[2] > 0:
		h = w * vb[3] / vb[2]
	case hok && vb[3] > 0:
		w = h * vb[2] / vb[3]
	case vb[2] > 0:
		w, h = vb[2], vb[3]
	default:
		if !wok {
			w = 300
		}
		if !hok {
			h = 150
		}
	}
	// a drawing larger than a broadsheet is a mistake or an attack
	const most = 1e5
	return min(w, most), min(h, most), vb
}

// absLength reads an absolute length in CSS pixels; percentages and
// "auto" are not absolute.
func absLength(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, "%") {
		return 0, false
	}
	v, ok := length(s, 0, 16)
	return v, ok && v > 0
}

// length reads a length in user units; ref is what 100% is, em the font
// size.
func length(s string, ref, em float64) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	unit := strings.TrimLeft(s, "+-.0123456789eE")
	// an exponent's e is part of the number only before digits
	num := s[:len(s)-len(unit)]
	if i := strings.LastIndexAny(num, "eE"); i >= 0 && i == len(num)-1 {
		num, unit = num[:i], s[i:]
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	switch strings.ToLower(strings.TrimSpace(unit)) {
	case "", "px":
	case "pt":
		v *= 4.0 / 3
	case "pc":
		v *= 16
	case "mm":
		v *= 96 / 25.4
	case "cm":
		v *= 96 / 2.54
	case "in":
		v *= 96
	case "em":
		v *= em
	case "ex":
		v *= em / 2
	case "%":
		v *= ref / 100
	default:
		return 0, false
	}
	return v, true
}

// viewBoxTransform maps a viewBox onto a viewport of w × h, as
// preserveAspectRatio says.
func viewBoxTransform(vb [4]float64, par string, w, h float64) matrix {
	if vb[2] <= 0 || vb[3] <= 0 {
		return identity
	}
	sx, sy := w/vb[2], h/vb[3]
	f := strings.Fields(par)
	align, slice := "xMidYMid", false
	if len(f) > 0 {
		align = f[0]
	}
	if len(f) > 1 && f[1] == "slice" {
		slice = true
	}
	if align == "none" {
		return matrix{sx, 0, 0, sy, -vb[0] * sx, -vb[1] * sy}
	}
	s := min(sx, sy)
	if slice {
		s = max(sx, sy)
	}
	tx, ty := -vb[0]*s, -vb[1]*s
	switch {
	case strings.Contains(align, "xMid"):
		tx += (w - vb[2]*s) / 2
	case strings.Contains(align, "xMax"):
		tx += w - vb[2]*s
	}
	switch {
	case strings.Contains(align, "YMid"):
		ty += (h - vb[3]*s) / 2
	case strings.Contains(align, "YMax"):
		ty += h - vb[3]*s
	}
	return matrix{s, 0, 0, s, tx, ty}
}

// style returns el's computed properties, given its parent's.
func (r *renderer) style(el *element, parent map[string]string) map[string]string {
	// an element that declares nothing inherits its parent's properties
	// as they are: the map is shared (computed maps are never changed)
	plain := el.attrs["style"] == ""
	for k := range el.attrs {
		if plain && presentation[k] && k != "transform" {
			plain = false
		}
	}
	for i := 0; plain && i < len(r.rules); i++ {
		plain = !r.rules[i].matches(el)
	}
	for k := range notInherited {
		if _, ok := parent[k]; ok {
			plain = false
		}
	}
	if plain {
		return parent
	}
	props := make(map[string]string, len(parent)+8)
	for k, v := range parent {
		if !notInherited[k] {
			props[k] = v
		}
	}
	for k, v := range el.attrs {
		if presentation[k] && k != "transform" {
			props[k] = strings.TrimSpace(v)
		}
	}
	for i := range r.rules {
		if r.rules[i].matches(el) {
			for _, d := range r.rules[i].decls {
				setProp(props, d)
			}
		}
	}
	if s := el.attrs["style"]; s != "" {
		for _, d := range parseDecls(s) {
			setProp(props, d)
		}
	}
	if fs, ok := props["font-size"]; ok && fs != parent["font-size"] && strings.ContainsAny(fs, "e%") {
		// em, ex and % sizes are the parent's size times as much
		props["font-size"] = strconv.FormatFloat(sizeOf(fs, sizeOf(parent["font-size"], 16)), 'g', -1, 64)
	}
	for k, v := range props {
		if v == "inherit" {
			if pv, ok := parent[k]; ok {
				props[k] = pv
			} else {
				delete(props, k)
			}
		}
	}
	return props
}

// setProp sets a declared property, the font shorthand as its parts.
func setProp(props map[string]string, d decl) {
	if d.prop == "font" {
		fontShorthand(props, d.value)
		return
	}
	if presentation[d.prop] {
		props[d.prop] = d.value
	}
}

// fontShorthand reads "[style] [weight] size[/line-height] family".
func fontShorthand(props map[string]string, v string) {
	f := strings.Fields(v)
	for i, w := range f {
		switch {
		case w == "italic" || w == "oblique":
			props["font-style"] = w
		case w == "bold" || w == "bolder" || len(w) == 3 && w[1:] == "00":
			props["font-weight"] = w
		case w == "normal" || w == "small-caps":
		case w != "" && (w[0] >= '0' && w[0] <= '9' || w[0] == '.'):
			size, _, _ := strings.Cut(w, "/")
			props["font-size"] = size
			if i+1 < len(f) {
				props["font-family"] = strings.Join(f[i+1:], " ")
			}
			return
		}
	}
}

// children draws el's children in order.
func (r *renderer) children(el *element, st state) {
	for _, c := range el.children {
		if r.err != nil {
			return
		}
		r.element(c, st)
	}
}

// element draws el and what it holds.
func (r *renderer) element(el *element, parent state) {
	switch el.name {
	case "defs", "symbol", "clipPath", "linearGradient", "radialGradient", "style", "title", "desc",
		"metadata", "script", "marker", "pattern", "mask", "filter", "font", "font-face", "cursor", "view":
		return
	}
	r.elements++
	if r.elements > r.lim.MaxElements {
		r.err = fmt.Errorf("%w: more than %d elements drawn", ErrTooLarge, r.lim.MaxElements)
		return
	}
	props := r.style(el, parent.props)
	if props["display"] == "none" {
		return
	}
	st := parent
	st.props = props
	if t, ok := el.attrs["transform"]; ok {
		if m, ok := parseTransform(t); ok {
			st.ctm = st.ctm.then(m)
		}
	}
	if o, ok := props["opacity"]; ok {
		st.opacity *= parseOpacity(o)
	}
	if cp := props["clip-path"]; cp != "" && cp != "none" {
		if clip := r.clipPath(cp, el, st); clip != nil {
			st.clips = append(st.clips[:len(st.clips):len(st.clips)], clip)
		}
	}
	if r.withEffects(el, st) {
		return
	}
	r.draw(el, st)
}

// draw draws el, its style, transform, clip and effects resolved in st.
func (r *renderer) draw(el *element, st state) {
	switch el.name {
	case "svg":
		r.nestedSVG(el, st)
	case "g", "a":
		r.children(el, st)
	case "switch":
		// the first child that can be drawn: not a foreignObject, which
		// holds HTML (draw.io sets its labels so, with a <text> fallback)
		var html string
		var background *page.Color
		for _, c := range el.children {
			if c.name == "foreignObject" {
				html = plainText(c)
				background = labelBackground(c)
				continue
			}
			if c.name == "text" && html != "" && isTruncated(c) {
				// draw.io shortens the fallback of a label it sets in
				// HTML: the whole label reads better than its stub
				c = withText(c, html)
			}
			start := len(r.d.Parts)
			r.element(c, st)
			if c.name == "text" && background != nil {
				// the HTML label's background, behind its fallback
				for _, p := range r.d.Parts[start:] {
					if p.Text != nil {
						p.Text.Background = background
					}
				}
			}
			break
		}
	case "use":
		r.use(el, st)
	case "path", "rect", "circle", "ellipse", "line", "polyline", "polygon":
		r.shape(el, st)
	case "text":
		r.text(el, st)
	case "image":
		r.image(el, st)
	case "foreignObject":
		r.warn("foreignObject (HTML inside SVG is not drawn)")
	}
}

// nestedSVG draws an inner svg element: a new viewport, clipped.
func (r *renderer) nestedSVG(el *element, st state) {
	x, _ := length(el.attrs["x"], st.vw, 16)
	y, _ := length(el.attrs["y"], st.vh, 16)
	w, wok := length(orDefault(el.attrs["width"], "100%"), st.vw, 16)
	h, hok := length(orDefault(el.attrs["height"], "100%"), st.vh, 16)
	if !wok || !hok || w <= 0 || h <= 0 {
		return
	}
	var vb [4]float64
	if v := numbers(el.attrs["viewBox"]); len(v) == 4 && v[2] > 0 && v[3] > 0 {
		copy(vb[:], v)
	}
	st.clips = append(st.clips[:len(st.clips):len(st.clips)], r.rectOutline(x, y, w, h, st.ctm))
	st.ctm = st.ctm.then(matrix{1, 0, 0, 1, x, y}).then(viewBoxTransform(vb, el.attrs["preserveAspectRatio"], w, h))
	if vb[2] > 0 {
		st.vw, st.vh = vb[2], vb[3]
	} else {
		st.vw, st.vh = w, h
	}
	r.children(el, st)
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// ref returns the element a local reference ("#id", "url(#id)") names;
// nil, with a warning, for a reference to another file or address.
func (r *renderer) ref(s string) *element {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "url(") {
		end := strings.IndexByte(s, ')')
		if end < 0 {
			return nil
		}
		s = strings.Trim(strings.TrimSpace(s[4:end]), `"'`)
	}
	if !strings.HasPrefix(s, "#") {
		if s != "" {
			r.warn("external reference (not fetched)")
		}
		return nil
	}
	return r.ids[s[1:]]
}

func href(el *element) string {
	if h, ok := el.attrs["href"]; ok {
		return h
	}
	return ""
}

// use draws the element a <use> names, moved by x and y; a symbol or svg
// as a viewport of width × height.
func (r *renderer) use(el *element, st state) {
	target := r.ref(href(el))
	if target == nil {
		return
	}
	if r.using[target] {
		r.warn("a <use> that refers to itself (drawn once)")
		return
	}
	x, _ := length(el.attrs["x"], st.vw, 16)
	y, _ := length(el.attrs["y"], st.vh, 16)
	st.ctm = st.ctm.then(matrix{1, 0, 0, 1, x, y})
	r.using[target] = true
	defer delete(r.using, target)
	if target.name == "symbol" || target.name == "svg" {
		w, wok := length(orDefault(el.attrs["width"], orDefault(target.attrs["width"], "100%")), st.vw, 16)
		h, hok := length(orDefault(el.attrs["height"], orDefault(target.attrs["height"], "100%")), st.vh, 16)
		if !wok || !hok || w <= 0 || h <= 0 {
			return
		}
		var vb [4]float64
		if v := numbers(target.attrs["viewBox"]); len(v) == 4 && v[2] > 0 && v[3] > 0 {
			copy(vb[:], v)
		}
		props := r.style(target, st.props)
		inner := st
		inner.props = props
		inner.ctm = st.ctm.then(viewBoxTransform(vb, target.attrs["preserveAspectRatio"], w, h))
		if vb[2] > 0 {
			inner.vw, inner.vh = vb[2], vb[3]
		}
		r.children(target, inner)
		return
	}
	r.element(target, st)
}

// plainText is the text of an element and its descendants, spaces
// collapsed.
func plainText(el *element) string {
	var b strings.Builder
	var walk func(e *element, depth int)
	walk = func(e *element, depth int) {
		if depth > 64 || b.Len() > 4096 {
			return
		}
		k := 0
		for i := 0; i <= len(e.children); i++ {
			for ; k < len(e.text) && e.text[k].at == i; k++ {
				b.WriteString(e.text[k].text)
			}
			if i < len(e.children) {
				if n := e.children[i].name; n == "br" || n == "div" || n == "p" {
					b.WriteByte(' ')
				}
				walk(e.children[i], depth+1)
			}
		}
	}
	walk(el, 0)
	return strings.Join(strings.Fields(b.String()), " ")
}

// isTruncated reports whether a text element's text ends in an ellipsis.
func isTruncated(el *element) bool {
	t := strings.TrimSpace(plainText(el))
	return strings.HasSuffix(t, "...") || strings.HasSuffix(t, "…")
}

// withText returns a copy of a text element holding text alone.
func withText(el *element, text string) *element {
	c := *el
	c.children = nil
	c.text = []textChunk{{text: text}}
	return &c
}

// labelBackground returns the opaque background colour of the HTML a
// foreignObject holds (draw.io sets a label's background colour on the
// block around its text): the innermost element's that declares one; nil
// when none does.
func labelBackground(fo *element) *page.Color {
	var found *page.Color
	var walk func(e *element, depth int)
	walk = func(e *element, depth int) {
		if depth > 16 {
			return
		}
		for _, d := range parseDecls(e.attrs["style"]) {
			if d.prop != "background-color" && d.prop != "background" {
				continue
			}
			if c, ok := parseColor(d.value, rgba{a: 1}); ok && c.a >= 1 {
				found = &c.c
			}
		}
		for _, c := range e.children {
			walk(c, depth+1)
		}
	}
	walk(fo, 0)
	return found
}
