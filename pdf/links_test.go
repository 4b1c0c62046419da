package pdf

import (
	"testing"

	"github.com/galleyprint/galley/page"
)

func TestLinkRuns(t *testing.T) {
	link := func(x, y, w float64, url string) page.Item {
		return page.Item{Kind: page.ItemLink, X: page.Pt(x), Y: page.Pt(y), W: page.Pt(w), H: page.Pt(11), More: &page.ItemMore{URL: url}}
	}
	text := page.Item{Kind: page.ItemText, Text: "word"}
	type rect struct{ x, w float64 }
	cases := []struct {
		name  string
		items []page.Item
		want  map[int]rect // item index → rectangle written there
	}{
		{"one word", []page.Item{link(72, 100, 30, "u")}, map[int]rect{0: {72, 30}}},
		{"words of one link on a line, text between", []page.Item{text, link(72, 100, 30, "u"), text, link(105, 100, 20, "u"), text, link(128, 100, 10, "u")},
			map[int]rect{1: {72, 66}}},
		{"the next line", []page.Item{link(72, 100, 30, "u"), link(72, 114, 30, "u")}, map[int]rect{0: {72, 30}, 1: {72, 30}}},
		{"another address", []page.Item{link(72, 100, 30, "u"), link(105, 100, 30, "v")}, map[int]rect{0: {72, 30}, 1: {105, 30}}},
		{"further than a line height", []page.Item{link(72, 100, 30, "u"), link(114, 100, 30, "u")}, map[int]rect{0: {72, 30}, 1: {114, 30}}},
		{"right to left", []page.Item{link(200, 100, 30, "u"), link(165, 100, 30, "u")}, map[int]rect{0: {165, 65}}},
		{"a run broken by another link", []page.Item{link(72, 100, 30, "u"), link(105, 100, 30, "v"), link(138, 100, 30, "u")},
			map[int]rect{0: {72, 30}, 1: {105, 30}, 2: {138, 30}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			runs := map[int]page.Item{}
			last := -1
			for _, r := range linkRuns(c.items, nil) {
				if r.at <= last || c.items[r.at].Kind != page.ItemLink {
					t.Errorf("a run at item %d, after one at %d, or at no link", r.at, last)
				}
				runs[r.at], last = r.item, r.at
			}
			for k, it := range c.items {
				r, isRun := runs[k]
				want, wantRun := c.want[k]
				switch {
				case it.Kind != page.ItemLink:
				case wantRun != isRun:
					t.Errorf("item %d: starts a run %v; want a run %v", k, isRun, wantRun)
				case isRun && (!near(r.X.Points(), want.x) || !near(r.W.Points(), want.w)):
					t.Errorf("item %d: rectangle at %.2f, %.2f wide; want %.2f, %.2f", k, r.X.Points(), r.W.Points(), want.x, want.w)
				}
			}
		})
	}
}
