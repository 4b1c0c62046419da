package svg

import (
	"math"
	"strconv"
	"strings"

	"github.com/galleyprint/galley/page"
)

// span is a run of a text element's characters in one style.
type span struct {
	props  map[string]string
	ctm    matrix
	text   string
	x, y   *float64 // an absolute position, when the run starts one
	dx, dy float64
	hidden bool
	// preserve keeps the run's spaces (xml:space="preserve", or CSS
	// white-space pre, pre-wrap or break-spaces)
	preserve bool
}

// text draws a text element: one DrawingText for each run of its
// characters in one style, the runs after the first of a line following
// it.
func (r *renderer) text(el *element, st state) {
	var spans []span
	r.collectSpans(el, st, &spans, true, 0)
	collapseSpaces(spans)
	// the current text position, and whether the next run starts a
	// chunk there (after x or y) or follows the run before, moved by
	// the dx and dy since
	var cx, cy, mx, my float64
	chunk, skipping := true, false
	for i := range spans {
		sp := &spans[i]
		if sp.x != nil {
			cx, chunk = *sp.x, true
		}
		if sp.y != nil {
			cy, chunk = *sp.y, true
		}
		if chunk {
			cx, cy = cx+sp.dx, cy+sp.dy
		} else {
			mx, my = mx+sp.dx, my+sp.dy
		}
		if sp.text == "" || sp.hidden {
			continue
		}
		t := r.textPart(sp, st)
		if t == nil {
			continue
		}
		if chunk {
			x, y := sp.ctm.apply(cx, cy)
			t.X, t.Y = toUnit(x+t.X.Points()), toUnit(y+t.Y.Points())
			skipping = t.X < 0 || t.Y < 0 || t.X > r.d.W || t.Y > r.d.H
			if skipping {
				// the outer svg clips what lies beyond it: a line that
				// starts outside shows little, if anything
				chunk, mx, my = false, 0, 0
				continue
			}
		} else if skipping {
			continue
		} else {
			// moved from the end of the run before, along its direction
			m := sp.ctm
			x, y := m[0]*mx+m[2]*my, m[1]*mx+m[3]*my
			t.X, t.Y = toUnit(x+t.X.Points()), toUnit(y+t.Y.Points())
			t.Follows = true
		}
		chunk, mx, my = false, 0, 0
		if !r.count(1) {
			return
		}
		r.d.Parts = append(r.d.Parts, page.Part{Text: t})
	}
}

// collectSpans lists the runs of el, a text, tspan, a or textPath
// element, in document order.
func (r *renderer) collectSpans(el *element, st state, out *[]span, first bool, depth int) {
	if depth > 32 || len(*out) > 1<<16 {
		return
	}
	props := st.props
	if !first {
		props = r.style(el, st.props)
		if props["display"] == "none" {
			return
		}
	}
	if el.name == "textPath" {
		r.warn("text on a path (set on a straight line)")
	}
	em := fontSize(props, st)
	pos := func(name string, ref float64) *float64 {
		f := strings.Fields(strings.ReplaceAll(el.attrs[name], ",", " "))
		if len(f) == 0 {
			return nil
		}
		if v, ok := length(f[0], ref, em); ok {
			return &v
		}
		return nil
	}
	head := span{props: props, ctm: st.ctm, x: pos("x", st.vw), y: pos("y", st.vh)}
	if d := pos("dx", st.vw); d != nil {
		head.dx = *d
	}
	if d := pos("dy", st.vh); d != nil {
		head.dy = *d
	}
	v := props["visibility"]
	hidden := v == "hidden" || v == "collapse"
	head.hidden = hidden
	preserve := preservesSpaces(el, props)
	head.preserve = preserve
	started := false
	emit := func(text string) {
		s := head
		if started {
			s = span{props: props, ctm: st.ctm, hidden: hidden, preserve: preserve}
		}
		started = true
		s.text = text
		*out = append(*out, s)
	}
	k := 0
	for i := 0; i <= len(el.children); i++ {
		for ; k < len(el.text) && el.text[k].at == i; k++ {
			emit(el.text[k].text)
		}
		if i == len(el.children) {
			break
		}
		c := el.children[i]
		switch c.name {
		case "tspan", "a", "textPath":
			if !started {
				emit("") // the element's own position comes first
			}
			r.collectSpans(c, state{ctm: st.ctm, props: props, opacity: st.opacity, clips: st.clips, vw: st.vw, vh: st.vh}, out, false, depth+1)
		}
	}
	if !started {
		emit("")
	}
}

// preservesSpaces reports whether el's text keeps its spaces: CSS
// white-space pre, pre-wrap or break-spaces, else xml:space="preserve" on
// it or the nearest element that says.
func preservesSpaces(el *element, props map[string]string) bool {
	switch strings.TrimSpace(props["white-space"]) {
	case "pre", "pre-wrap", "break-spaces":
		return true
	case "normal", "nowrap", "pre-line":
		return false
	}
	for e, depth := el, 0; e != nil && depth < 64; e, depth = e.parent, depth+1 {
		if v, ok := e.attrs["space"]; ok {
			return v == "preserve"
		}
	}
	return false
}

// collapseSpaces turns newlines and tabs into spaces, runs of spaces
// into one, and drops the spaces at the ends of the text; in runs that
// preserve spaces, newlines and tabs become spaces and every space stays.
func collapseSpaces(spans []span) {
	prevSpace := true
	lastText := -1
	for i := range spans {
		var b strings.Builder
		for _, r := range spans[i].text {
			if r == '\n' || r == '\r' || r == '\t' || r == ' ' {
				if prevSpace && !spans[i].preserve {
					continue
				}
				prevSpace = true
				b.WriteByte(' ')
				continue
			}
			prevSpace = false
			b.WriteRune(r)
		}
		spans[i].text = b.String()
		if spans[i].text != "" {
			lastText = i
		}
	}
	if lastText >= 0 && !spans[lastText].preserve {
		spans[lastText].text = strings.TrimRight(spans[lastText].text, " ")
	}
}

// fontSize returns the font size in user units (style makes relative
// sizes absolute).
func fontSize(props map[string]string, st state) float64 {
	return sizeOf(props["font-size"], 16)
}

// sizeOf reads a font size relative to parent, the parent's size.
func sizeOf(v string, parent float64) float64 {
	v = strings.TrimSpace(v)
	switch v {
	case "", "medium":
		return 16
	case "small":
		return 13
	case "x-small":
		return 10
	case "large":
		return 18
	case "x-large":
		return 24
	}
	f, ok := length(v, parent, parent)
	if !ok || f <= 0 {
		return parent
	}
	return min(f, 1e4)
}

// textPart makes the DrawingText of a run, its X and Y the baseline's
// shift from the run's position in points.
func (r *renderer) textPart(sp *span, st state) *page.DrawingText {
	props := sp.props
	c, ok := parseColor(orDefault(props["fill"], "black"), r.currentColor(props))
	if !ok || props["fill"] == "none" {
		return nil
	}
	a := c.a * parseOpacityOr(props["fill-opacity"]) * st.opacity
	if a <= 0 {
		return nil
	}
	// text a little transparent prints as its colour on white paper
	mix := func(v uint8) uint8 { return uint8(math.Round(float64(v)*a + 255*(1-a))) }
	size := fontSize(props, st)
	t := &page.DrawingText{
		Text:  sp.text,
		Size:  toUnit(size * sp.ctm.scale()),
		Color: page.Color{R: mix(c.c.R), G: mix(c.c.G), B: mix(c.c.B)},
	}
	if t.Size <= 0 {
		return nil
	}
	t.Family = family(props["font-family"])
	w := strings.TrimSpace(props["font-weight"])
	if n, err := strconv.Atoi(w); err == nil && n >= 600 || w == "bold" || w == "bolder" {
		t.Bold = true
	}
	if s := props["font-style"]; s == "italic" || s == "oblique" {
		t.Italic = true
	}
	switch props["text-anchor"] {
	case "middle":
		t.Anchor = page.AnchorMiddle
	case "end":
		t.Anchor = page.AnchorEnd
	}
	angle := math.Atan2(sp.ctm[1], sp.ctm[0]) * 180 / math.Pi
	t.Rotate = int16(math.Round(angle))
	// the baseline's shift for the baseline asked for, along the run's
	// vertical
	shift := 0.0
	switch orDefault(props["dominant-baseline"], props["alignment-baseline"]) {
	case "middle", "central":
		shift = 0.35 * size
	case "hanging", "text-before-edge", "before-edge":
		shift = 0.8 * size
	case "text-after-edge", "after-edge", "ideographic":
		shift = -0.2 * size
	}
	switch bs := props["baseline-shift"]; bs {
	case "", "baseline":
	case "super":
		shift -= 0.4 * size
	case "sub":
		shift += 0.2 * size
	default:
		if v, ok := length(bs, size, size); ok {
			shift -= v
		}
	}
	if shift != 0 {
		m := sp.ctm
		t.X, t.Y = toUnit(m[2]*shift), toUnit(m[3]*shift)
	}
	return t
}

// family maps a CSS font-family list to the document's nearest family.
func family(list string) string {
	for _, f := range strings.Split(strings.ToLower(list), ",") {
		f = strings.Trim(strings.TrimSpace(f), `"'`)
		switch {
		case f == "":
		case strings.Contains(f, "mono") || strings.Contains(f, "courier") || strings.Contains(f, "consol") ||
			strings.Contains(f, "menlo") || f == "monospace":
			return "mono"
		case strings.Contains(f, "sans") || strings.Contains(f, "arial") || strings.Contains(f, "helvetica") ||
			strings.Contains(f, "verdana") || strings.Contains(f, "roboto") || strings.Contains(f, "inter") ||
			strings.Contains(f, "segoe") || strings.Contains(f, "system-ui") || strings.Contains(f, "tahoma"):
			return "sans"
		case strings.Contains(f, "serif") || strings.Contains(f, "times") || strings.Contains(f, "georgia") ||
			strings.Contains(f, "garamond") || strings.Contains(f, "cambria"):
			return "serif"
		}
	}
	if strings.TrimSpace(list) == "" {
		return "serif" // a browser's default
	}
	return "sans" // most charts name a sans the machine may lack
}
