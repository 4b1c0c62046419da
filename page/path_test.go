package page

import (
	"strings"
	"testing"
)

// square is a closed 10 pt square at (x, y).
func square(x, y Unit) Outline {
	return Outline{Verbs: []Verb{MoveTo, LineTo, LineTo, LineTo, Close},
		Points: []PathPoint{{x, y}, {x + Pt(10), y}, {x + Pt(10), y + Pt(10)}, {x, y + Pt(10)}}}
}

func TestOutlineValid(t *testing.T) {
	for _, c := range []struct {
		name string
		o    Outline
		want bool
	}{
		{"square", square(0, 0), true},
		{"empty", Outline{}, true},
		{"no move first", Outline{Verbs: []Verb{LineTo}, Points: []PathPoint{{}}}, false},
		{"points missing", Outline{Verbs: []Verb{MoveTo, CubicTo}, Points: []PathPoint{{}, {}}}, false},
		{"line after close", Outline{Verbs: []Verb{MoveTo, Close, LineTo}, Points: []PathPoint{{}, {}}}, false},
		{"unknown verb", Outline{Verbs: []Verb{MoveTo, 9}, Points: []PathPoint{{}}}, false},
	} {
		if got := c.o.Valid(); got != c.want {
			t.Errorf("%s: Valid = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestVerifyPaths checks that Verify finds a path item without a path, a
// malformed outline, and paint outside the item's box, unless a clip
// keeps it inside.
func TestVerifyPaths(t *testing.T) {
	in := &Path{Outline: square(0, 0), Fill: Paint{On: true, Alpha: 255}}
	out := &Path{Outline: square(Pt(30), 0), Fill: Paint{On: true, Alpha: 255}}
	clip := square(0, 0)
	clipped := &Path{Outline: square(Pt(5), 0), Fill: Paint{On: true, Alpha: 255}, Clips: []*Outline{&clip}}
	bad := &Path{Outline: Outline{Verbs: []Verb{LineTo}, Points: []PathPoint{{}}}}
	stroked := &Path{Outline: square(0, 0), Stroke: Paint{On: true, Alpha: 255}, Width: Pt(4), Join: RoundJoin}
	for _, c := range []struct {
		name string
		p    *Path
		want string
	}{
		{"inside", in, ""},
		{"outside", out, "outside its box"},
		{"clipped inside", clipped, ""},
		{"malformed", bad, "malformed outline"},
		{"no path", nil, "no path"},
		{"stroke beyond the box", stroked, "outside its box"},
	} {
		doc := &Document{Pages: []*Page{{Size: Size{W: Pt(200), H: Pt(200)},
			Items: []Item{{Kind: ItemPath, X: Pt(50), Y: Pt(50), W: Pt(10), H: Pt(10), More: &ItemMore{Path: c.p}, Role: RoleFigure}}}}}
		errs := doc.Verify()
		got := ""
		if len(errs) > 0 {
			got = errs[0].Error()
		}
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%s: Verify = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestVerifyDrawingText checks that the texts of a drawing may overlap
// (its labels), while body text may not.
func TestVerifyDrawingText(t *testing.T) {
	for _, c := range []struct {
		role Role
		want int
	}{{RoleFigure, 0}, {RoleBody, 1}} {
		doc := &Document{Pages: []*Page{{Size: Size{W: Pt(200), H: Pt(200)}, Items: []Item{
			{Kind: ItemText, X: Pt(50), Y: Pt(50), W: Pt(30), Size: Pt(10), Text: "a", Role: c.role},
			{Kind: ItemText, X: Pt(52), Y: Pt(51), W: Pt(30), Size: Pt(10), Text: "b", Role: c.role},
		}}}}
		if got := len(doc.Verify()); got != c.want {
			t.Errorf("%s texts overlapping: %d errors, want %d", c.role, got, c.want)
		}
	}
}

func TestRotatedTextBounds(t *testing.T) {
	it := Item{Kind: ItemText, X: Pt(100), Y: Pt(100), W: Pt(50), Size: Pt(10), Rotate: -90}
	x0, y0, x1, y1 := it.bounds()
	// turned a quarter anticlockwise: the text runs up from its origin
	if y0 != Pt(50) || y1 != Pt(100) || x0 != Pt(92) || x1 != Pt(102) {
		t.Errorf("bounds %s,%s-%s,%s, want 92,50-102,100", x0, y0, x1, y1)
	}
}

func TestPathDumpAndScale(t *testing.T) {
	p := &Path{Outline: square(0, 0), Fill: Paint{On: true, Color: Color{255, 0, 0}, Alpha: 128},
		Stroke: Paint{On: true, Alpha: 255}, Width: Pt(1), Dash: []Unit{Pt(2), Pt(1)}}
	doc := &Document{Pages: []*Page{{Size: Size{W: Pt(100), H: Pt(100)},
		Items: []Item{{Kind: ItemPath, X: Pt(5), Y: Pt(5), W: Pt(10), H: Pt(10), More: &ItemMore{Path: p}}}}}}
	var b strings.Builder
	if err := doc.Dump(&b); err != nil {
		t.Fatal(err)
	}
	want := "path 5.00,5.00 10.00x10.00 fill=#ff0000@128 stroke=#000000 w=1.00 dash verbs=5 box=0.00,0.00-10.00,10.00"
	if !strings.Contains(b.String(), want) {
		t.Errorf("dump:\n%s\nwant a line with %q", b.String(), want)
	}
	q := p.Scaled(2, 0.5)
	if _, _, x1, y1 := q.Bounds(); x1 != Pt(20) || y1 != Pt(5) {
		t.Errorf("scaled bounds to %s,%s, want 20,5", x1, y1)
	}
	if q.Width != Pt(1) || q.Dash[0] != Pt(2) {
		t.Errorf("scaled width %s dash %s, want 1 and 2 (the mean scale is 1)", q.Width, q.Dash[0])
	}
	if _, _, x1, _ := p.Bounds(); x1 != Pt(10) {
		t.Error("Scaled changed the original")
	}
}
