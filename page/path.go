package page

import (
	"fmt"
	"image"
	"math"
	"strings"
)

// Verb is one step of a path's outline.
type Verb uint8

// The verbs of an outline, each taking the next points of Outline.Points:
// MoveTo and LineTo one, CubicTo three (two control points and the end),
// Close none.
const (
	MoveTo Verb = iota
	LineTo
	CubicTo
	Close
)

// points returns how many points the verb takes.
func (v Verb) points() int {
	switch v {
	case MoveTo, LineTo:
		return 1
	case CubicTo:
		return 3
	}
	return 0
}

// PathPoint is a point of a path, in Units from its item's origin, y growing
// down.
type PathPoint struct{ X, Y Unit }

// Outline is the geometry of a path: subpaths of straight lines and cubic
// Bézier curves, each starting with MoveTo.
type Outline struct {
	Verbs  []Verb
	Points []PathPoint
	// EvenOdd fills (or clips) by the even-odd rule; false: non-zero.
	EvenOdd bool
}

// Bounds returns the box around the outline's points (control points
// included); all zero for an empty outline.
func (o *Outline) Bounds() (x0, y0, x1, y1 Unit) {
	for i, p := range o.Points {
		if i == 0 {
			x0, y0, x1, y1 = p.X, p.Y, p.X, p.Y
			continue
		}
		x0, y0, x1, y1 = min(x0, p.X), min(y0, p.Y), max(x1, p.X), max(y1, p.Y)
	}
	return x0, y0, x1, y1
}

// Valid reports whether each verb has its points, and every subpath starts
// with MoveTo.
func (o *Outline) Valid() bool {
	n := 0
	for i, v := range o.Verbs {
		if v > Close || i == 0 && v != MoveTo || i > 0 && o.Verbs[i-1] == Close && v != MoveTo {
			return false
		}
		n += v.points()
	}
	return n == len(o.Points)
}

// Each calls fn for every verb with its points.
func (o *Outline) Each(fn func(v Verb, pts []PathPoint)) {
	k := 0
	for _, v := range o.Verbs {
		n := v.points()
		if k+n > len(o.Points) {
			return
		}
		fn(v, o.Points[k:k+n])
		k += n
	}
}

// Paint is how an outline is filled or stroked. The zero Paint paints
// nothing.
type Paint struct {
	On    bool
	Color Color
	// Alpha is the opacity, 255 opaque.
	Alpha uint8
	// Gradient, when set, paints instead of Color.
	Gradient *Gradient
}

// GradientKind says how a gradient's colours spread.
type GradientKind uint8

// The gradient kinds.
const (
	// Linear gradients blend along the line from (X1, Y1) to (X2, Y2).
	Linear GradientKind = iota
	// Radial gradients blend from the focal point (X1, Y1) to the circle
	// of radius R around (X2, Y2).
	Radial
)

// Gradient is a blend of colours, in the path's coordinates. Beyond its
// ends the end colours extend.
type Gradient struct {
	Kind           GradientKind
	X1, Y1, X2, Y2 Unit
	R              Unit
	Stops          []Stop // by offset, at least one
}

// Stop is a colour of a gradient at an offset from 0 to 1.
type Stop struct {
	Offset float64
	Color  Color
	Alpha  uint8
}

// LineCap is how an open subpath's stroke ends.
type LineCap uint8

// The caps.
const (
	ButtCap LineCap = iota
	RoundCap
	SquareCap
)

// LineJoin is how a stroke turns a corner.
type LineJoin uint8

// The joins.
const (
	MiterJoin LineJoin = iota
	RoundJoin
	BevelJoin
)

// Path is a vector shape an ItemPath draws: its outline filled, then
// stroked, within its clips.
type Path struct {
	Outline
	Fill   Paint
	Stroke Paint
	Width  Unit // the stroke's
	Cap    LineCap
	Join   LineJoin
	// Miter is the miter limit, as a ratio to the width; 0: 4, SVG's
	// default.
	Miter float64
	// Dash alternates the lengths of dashes and gaps from DashOffset;
	// empty: solid.
	Dash       []Unit
	DashOffset Unit
	// Clips, when any, confine the painting to where all of them overlap.
	Clips []*Outline
}

// Scaled returns the path with every length multiplied by sx across and
// sy down; strokes, dashes and radii by their geometric mean.
func (p *Path) Scaled(sx, sy float64) *Path {
	q := *p
	q.Outline = p.Outline.scaled(sx, sy)
	sm := sqrtMean(sx, sy)
	q.Width = scaleUnit(p.Width, sm)
	if len(p.Dash) > 0 {
		q.Dash = make([]Unit, len(p.Dash))
		for i, d := range p.Dash {
			q.Dash[i] = scaleUnit(d, sm)
		}
	}
	q.DashOffset = scaleUnit(p.DashOffset, sm)
	q.Fill.Gradient = p.Fill.Gradient.scaled(sx, sy, sm)
	q.Stroke.Gradient = p.Stroke.Gradient.scaled(sx, sy, sm)
	if len(p.Clips) > 0 {
		q.Clips = make([]*Outline, len(p.Clips))
		for i, c := range p.Clips {
			sc := c.scaled(sx, sy)
			q.Clips[i] = &sc
		}
	}
	return &q
}

func (o Outline) scaled(sx, sy float64) Outline {
	pts := make([]PathPoint, len(o.Points))
	for i, p := range o.Points {
		pts[i] = PathPoint{scaleUnit(p.X, sx), scaleUnit(p.Y, sy)}
	}
	o.Points = pts
	return o
}

func (g *Gradient) scaled(sx, sy, sm float64) *Gradient {
	if g == nil {
		return nil
	}
	h := *g
	h.X1, h.X2 = scaleUnit(g.X1, sx), scaleUnit(g.X2, sx)
	h.Y1, h.Y2 = scaleUnit(g.Y1, sy), scaleUnit(g.Y2, sy)
	h.R = scaleUnit(g.R, sm)
	return &h
}

func scaleUnit(u Unit, s float64) Unit {
	v := float64(u) * s
	if v < 0 {
		return Unit(v - 0.5)
	}
	return Unit(v + 0.5)
}

func sqrtMean(a, b float64) float64 {
	if a*b <= 0 {
		return 0
	}
	return math.Sqrt(a * b)
}

// String formats the path on one line for the layout dump: paints, then
// the outline's size in verbs and its bounds.
func (p *Path) String() string {
	if p == nil {
		return "nil"
	}
	var b strings.Builder
	if p.Fill.On {
		fmt.Fprintf(&b, "fill=%s", paintString(p.Fill))
		if p.EvenOdd {
			b.WriteString(" evenodd")
		}
	} else {
		b.WriteString("nofill")
	}
	if p.Stroke.On {
		fmt.Fprintf(&b, " stroke=%s w=%s", paintString(p.Stroke), p.Width)
		if len(p.Dash) > 0 {
			b.WriteString(" dash")
		}
	}
	if len(p.Clips) > 0 {
		fmt.Fprintf(&b, " clips=%d", len(p.Clips))
	}
	x0, y0, x1, y1 := p.Bounds()
	fmt.Fprintf(&b, " verbs=%d box=%s,%s-%s,%s", len(p.Verbs), x0, y0, x1, y1)
	return b.String()
}

func paintString(p Paint) string {
	s := colorString(p.Color)
	if p.Gradient != nil {
		s = fmt.Sprintf("gradient%d(%d stops)", p.Gradient.Kind, len(p.Gradient.Stops))
	}
	if p.Alpha != 255 {
		s += fmt.Sprintf("@%d", p.Alpha)
	}
	return s
}

// Drawing is a vector picture, as an SVG file describes it: its parts in
// painting order, in Units from its top left corner at its natural size
// W × H. An Image with a Drawing is drawn as vectors: each placement of it
// becomes path and text items, scaled to the placement.
type Drawing struct {
	W, H  Unit
	Parts []Part
	// Warnings name what the drawing could not draw as vectors.
	Warnings []string
}

// Part is one path, text or raster image of a Drawing.
type Part struct {
	Path  *Path
	Text  *DrawingText
	Image *DrawingImage
}

// DrawingImage is a raster picture inside a drawing, drawn into the box
// at (X, Y) of W by H: Data as the drawing holds it, until whoever
// prepares images for print sets Image.
type DrawingImage struct {
	X, Y, W, H Unit
	Data       []byte
	Image      *Image
	// Raster, when set (and Data not), draws the part of the drawing
	// that cannot be printed as vectors (a mask, a filter, a pattern) at
	// pixelsPerPoint: an image of its box, transparent where it does not
	// paint, in premultiplied RGBA. Whoever prepares the drawing for print
	// calls it at the print resolution and sets Image.
	Raster func(pixelsPerPoint float64) *image.RGBA
}

// TextAnchor says which point of a text its position is.
type TextAnchor uint8

// The anchors.
const (
	AnchorStart TextAnchor = iota
	AnchorMiddle
	AnchorEnd
)

// DrawingText is a line of text in a drawing, or a run of one: its
// baseline's anchor point at (X, Y), turned Rotate degrees clockwise
// about it.
type DrawingText struct {
	X, Y         Unit
	Text         string
	Size         Unit
	Family       string // "serif", "sans" or "mono": the nearest of the document's families
	Bold, Italic bool
	Anchor       TextAnchor
	Color        Color
	Rotate       int16
	// Follows sets the text on from the end of the one before, moved by
	// X and Y: a run of a line in another style (an SVG tspan without a
	// position of its own). The anchor is that of the line's first text.
	Follows bool
	// Clips, when any, confine the text (writers may ignore them).
	Clips []*Outline
	// Background, when set, fills the box of the text's line behind it
	// (a label's background, as draw.io's HTML labels have); a text
	// drawn before whose box such a background covers is hidden by it.
	Background *Color
}

func sincos(deg float64) (float64, float64) { return math.Sincos(deg * math.Pi / 180) }

func roundHalf(v float64) float64 { return math.Round(v) }
