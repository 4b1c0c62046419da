package page

import (
	"strings"
	"testing"
)

func TestEdges(t *testing.T) {
	m := Margins{Top: Pt(10), Right: Pt(20), Bottom: Pt(10), Left: Pt(40)}
	W := Pt(400)
	for _, c := range []struct {
		name        string
		gutter      Unit
		mirrored    bool
		i           int
		left, right Unit
	}{
		{"first page", 0, false, 0, Pt(40), Pt(380)},
		{"second page, not mirrored", 0, false, 1, Pt(40), Pt(380)},
		{"gutter on the left of page 1", Pt(5), true, 0, Pt(45), Pt(380)},
		{"mirrored page 2: inside on the right", Pt(5), true, 1, Pt(20), Pt(355)},
		{"mirrored page 3", Pt(5), true, 2, Pt(45), Pt(380)},
	} {
		if l, r := m.Edges(W, c.gutter, c.mirrored, c.i); l != c.left || r != c.right {
			t.Errorf("%s: edges %s, %s; want %s, %s", c.name, l, r, c.left, c.right)
		}
		d := &Document{Margins: m, Gutter: c.gutter, Mirrored: c.mirrored}
		for range c.i + 1 {
			d.Pages = append(d.Pages, &Page{Size: Size{W: W, H: Pt(600)}})
		}
		if l, r := d.TextEdges(c.i); l != c.left || r != c.right {
			t.Errorf("%s: TextEdges %s, %s; want %s, %s", c.name, l, r, c.left, c.right)
		}
	}
}

func TestDump(t *testing.T) {
	d := &Document{
		Info:    Info{Title: "T", Author: "A"},
		Outline: []Bookmark{{Title: "T", Page: 0, Y: Pt(72)}},
		Pages: []*Page{{Size: Size{W: Pt(300), H: Pt(400)}, Items: []Item{
			{Kind: ItemText, X: Pt(72), Y: Pt(80), W: Pt(10), Size: Pt(11), Text: "T", Role: RoleTitle},
			{Kind: ItemLine, X: Pt(72), Y: Pt(90), W: Pt(100), Stroke: Pt(0.5), Color: MidGrey, Role: RoleFurniture},
			{Kind: ItemImage, X: Pt(72), Y: Pt(100), W: Pt(50), H: Pt(40), More: &ItemMore{Image: "k"}, Role: RoleFigure},
		}}},
	}
	var b strings.Builder
	if err := d.Dump(&b); err != nil {
		t.Fatal(err)
	}
	want := `document "T" by "A", 1 pages
outline 0 p1 y=72.00 "T"
page 1 300.00x400.00
  title text 72.00,80.00 w=10.00  11.00 #000000 "T"
  furniture line 72.00,90.00 d=100.00,0.00 stroke=0.50 #777777
  figure image 72.00,100.00 50.00x40.00 k
`
	if b.String() != want {
		t.Errorf("dump:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestVerify(t *testing.T) {
	m := Margins{Top: Pt(50), Right: Pt(50), Bottom: Pt(50), Left: Pt(50)}
	size := Size{W: Pt(400), H: Pt(600)}
	text := func(x, y float64, s string, r Role) Item {
		return Item{Kind: ItemText, X: Pt(x), Y: Pt(y), W: Pt(40), Size: Pt(10), Text: s, Role: r}
	}
	for _, c := range []struct {
		name  string
		pages [][]Item
		want  string // in the first error; "" for none
	}{
		{"fine", [][]Item{{text(60, 100, "Title", RoleTitle), text(60, 120, "body", RoleBody)}}, ""},
		{"outside the page", [][]Item{{text(60, 100, "Title", RoleTitle), text(380, 120, "wide", RoleBody)}}, "outside the page"},
		{"in the margin", [][]Item{{text(60, 100, "Title", RoleTitle), text(10, 120, "left", RoleBody)}}, "in the side margin"},
		{"furniture may stand in the margin", [][]Item{{text(60, 100, "Title", RoleTitle), text(60, 580, "folio", RoleFurniture)}}, ""},
		{"overlap", [][]Item{{text(60, 100, "Title", RoleTitle), text(70, 101, "over", RoleBody)}}, "text overlaps"},
		{"heading last", [][]Item{{text(60, 100, "Title", RoleTitle), text(60, 120, "Head", RoleHeading)}, {text(60, 100, "x", RoleBody)}}, "ends with a heading"},
		{"no headline", [][]Item{{text(60, 100, "body", RoleBody)}}, "no headline"},
		{"caption alone", [][]Item{{text(60, 100, "Title", RoleTitle), text(60, 120, "cap", RoleCaption)}}, "without its figure"},
	} {
		d := &Document{Info: Info{Title: "Title"}, Margins: m}
		for _, items := range c.pages {
			d.Pages = append(d.Pages, &Page{Size: size, Items: items})
		}
		errs := d.Verify()
		switch {
		case c.want == "" && len(errs) > 0:
			t.Errorf("%s: %v", c.name, errs)
		case c.want != "" && (len(errs) == 0 || !strings.Contains(errs[0].Error(), c.want)):
			t.Errorf("%s: %v, want %q", c.name, errs, c.want)
		}
	}
}

// TestSetLangLeavesShared: SetLang gives an item its language in an
// ItemMore of its own, keeping its other fields, and never changes one
// other items share; an item without one takes the lone one given.
func TestSetLangLeavesShared(t *testing.T) {
	shared := &ItemMore{ActualText: "x/y", ActualSpan: 2}
	a, b := Item{Kind: ItemText, More: shared}, Item{Kind: ItemText, More: shared}
	a.SetLang("fr", nil)
	if a.Lang() != "fr" || a.ActualText() != "x/y" || a.ActualSpan() != 2 {
		t.Errorf("a: lang %q, actual text %q, span %d", a.Lang(), a.ActualText(), a.ActualSpan())
	}
	if b.Lang() != "" || shared.Lang != "" {
		t.Errorf("the shared ItemMore changed: %q", b.Lang())
	}
	lone := &ItemMore{Lang: "de"}
	var c, d Item
	c.SetLang("de", lone)
	d.SetLang("de", nil)
	if c.More != lone || d.More == nil || d.Lang() != "de" {
		t.Errorf("c: %p (want %p), d: %q", c.More, lone, d.Lang())
	}
	if (Item{}).URL() != "" || (Item{}).Path() != nil || (Item{}).Image() != "" {
		t.Error("an item without ItemMore has its fields")
	}
}
