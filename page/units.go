package page

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Unit is a length in 1/64 of a PostScript point. Layout computes in whole
// units so that the same input gives the same layout on every machine.
type Unit int

// Point is one PostScript point (1/72 inch).
const Point Unit = 64

// Pt converts points to units, rounding to the nearest unit.
func Pt(pt float64) Unit { return Unit(math.Round(pt * float64(Point))) }

// Points returns u in points.
func (u Unit) Points() float64 { return float64(u) / float64(Point) }

// String formats u in points with two decimals, as in layout dumps.
func (u Unit) String() string { return strconv.FormatFloat(u.Points(), 'f', 2, 64) }

// MM converts millimetres to units, rounding to the nearest unit.
func MM(mm float64) Unit { return Pt(mm * unitPoints["mm"]) }

// Size is a page size.
type Size struct{ W, H Unit }

// The named page sizes, portrait (Landscape turns them).
var (
	A3      = Size{Pt(841.89), Pt(1190.55)}
	A4      = Size{Pt(595.28), Pt(841.89)}
	A5      = Size{Pt(419.53), Pt(595.28)}
	B5      = Size{Pt(498.9), Pt(708.66)}
	Letter  = Size{Pt(612), Pt(792)}
	Legal   = Size{Pt(612), Pt(1008)}
	Tabloid = Size{Pt(792), Pt(1224)}
)

var namedSizes = map[string]Size{
	"a3": A3, "a4": A4, "a5": A5, "b5": B5, "letter": Letter, "legal": Legal, "tabloid": Tabloid,
}

// Landscape returns s turned so that it is wider than high.
func (s Size) Landscape() Size {
	if s.H > s.W {
		s.W, s.H = s.H, s.W
	}
	return s
}

// String formats s as ParseSize reads it, in points: "595.28x841.89pt".
func (s Size) String() string { return s.W.String() + "x" + s.H.String() + "pt" }

// Limits on custom page sizes: a business card to a broadsheet and a bit.
const (
	minPageSide = 144 * Point  // 2 in
	maxPageSide = 2000 * Point // about 70 cm
)

// ParseSize parses a page size: a name (A3, A4, A5, B5, Letter, Legal,
// Tabloid; case-insensitive, "-landscape" appended turns it) or WxH with a
// unit (mm, cm, in, pt), e.g. "210x297mm", "8.5x11in", "400x600pt".
func ParseSize(s string) (Size, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	if name == "" {
		return namedSizes["a4"], nil
	}
	landscape := false
	if n, ok := strings.CutSuffix(name, "-landscape"); ok {
		name, landscape = n, true
	}
	if sz, ok := namedSizes[name]; ok {
		if landscape {
			sz = sz.Landscape()
		}
		return sz, nil
	}
	w, h, ok := strings.Cut(name, "x")
	if !ok {
		return Size{}, fmt.Errorf("page size %q: want a name (A4, A5, Letter, Legal…) or WxH with a unit, e.g. 210x297mm", s)
	}
	unit := trailingUnit(h)
	if unit == "" {
		return Size{}, fmt.Errorf("page size %q: give a unit (mm, cm, in or pt), e.g. 210x297mm", s)
	}
	if trailingUnit(w) == "" {
		w += unit
	}
	W, err := ParseLength(w)
	if err != nil {
		return Size{}, fmt.Errorf("page size %q: %v", s, err)
	}
	H, err := ParseLength(h)
	if err != nil {
		return Size{}, fmt.Errorf("page size %q: %v", s, err)
	}
	if !(Size{W, H}).inLimits() {
		return Size{}, fmt.Errorf("page size %q: sides must be between %s and %s pt", s, minPageSide, maxPageSide)
	}
	return Size{W, H}, nil
}

// CheckSize reports whether both sides of s are within the limits
// ParseSize keeps a custom size to (2 in to about 70 cm).
func CheckSize(s Size) error {
	if !s.inLimits() {
		return fmt.Errorf("page size %s: sides must be between %s and %s pt", s, minPageSide, maxPageSide)
	}
	return nil
}

func (s Size) inLimits() bool {
	return s.W >= minPageSide && s.W <= maxPageSide && s.H >= minPageSide && s.H <= maxPageSide
}

func trailingUnit(s string) string {
	for _, u := range []string{"mm", "cm", "in", "pt"} {
		if strings.HasSuffix(s, u) {
			return u
		}
	}
	return ""
}

var unitPoints = map[string]float64{"mm": 72 / 25.4, "cm": 720 / 25.4, "in": 72, "pt": 1}

// ParseLength parses a length with a unit: "20mm", "1.5cm", "0.75in", "54pt".
func ParseLength(s string) (Unit, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	u := trailingUnit(s)
	if u == "" {
		return 0, fmt.Errorf("length %q: give a unit (mm, cm, in or pt)", s)
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(s, u)), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0, fmt.Errorf("length %q: not a non-negative number", s)
	}
	return Pt(v * unitPoints[u]), nil
}

// Margins are the distances from the page edges to the text block.
type Margins struct{ Top, Right, Bottom, Left Unit }

// Edges returns the left and right edges of the text block of page i
// (0-based) of a document whose pages are pageW wide: Left plus gutter is
// the inside margin, on the left of odd pages; when mirrored, even pages
// (left-hand: 2, 4…) have it on the right, for printing on both sides.
func (m Margins) Edges(pageW, gutter Unit, mirrored bool, i int) (left, right Unit) {
	inside, outside := m.Left+gutter, m.Right
	if mirrored && i%2 == 1 {
		return outside, pageW - inside
	}
	return inside, pageW - outside
}

// ParseMargins parses CSS-like margins: one length for all sides, two
// (vertical, horizontal), three (top, horizontal, bottom) or four (top,
// right, bottom, left), separated by commas or spaces; a unit given only on
// the last value applies to all, e.g. "20mm", "18,22mm", "1in 0.8in".
func ParseMargins(s string) (Margins, error) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
	if len(fields) == 0 || len(fields) > 4 {
		return Margins{}, fmt.Errorf("margins %q: want 1 to 4 lengths, e.g. 20mm or 18,22mm", s)
	}
	unit := trailingUnit(strings.ToLower(fields[len(fields)-1]))
	v := make([]Unit, len(fields))
	for i, f := range fields {
		if trailingUnit(strings.ToLower(f)) == "" {
			f += unit
		}
		l, err := ParseLength(f)
		if err != nil {
			return Margins{}, fmt.Errorf("margins %q: %v", s, err)
		}
		v[i] = l
	}
	switch len(v) {
	case 1:
		return Margins{v[0], v[0], v[0], v[0]}, nil
	case 2:
		return Margins{v[0], v[1], v[0], v[1]}, nil
	case 3:
		return Margins{v[0], v[1], v[2], v[1]}, nil
	}
	return Margins{v[0], v[1], v[2], v[3]}, nil
}
