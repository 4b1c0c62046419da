package layout

import (
	"fmt"
	"strings"
	"testing"
)

func TestImpose(t *testing.T) {
	page := func(n int) *Page {
		return &Page{Size: Size{W: Pt(420), H: Pt(595)}, Items: []Item{{Kind: ItemText, X: Pt(50), Y: Pt(100), Text: fmt.Sprint(n)}}}
	}
	doc := func(n int) *Document {
		d := &Document{}
		for i := 1; i <= n; i++ {
			d.Pages = append(d.Pages, page(i))
		}
		d.Outline = []Bookmark{{Title: "last", Page: n - 1}}
		return d
	}
	// sheet sides, left half then right half; "-" for a blank half
	sides := func(d *Document) string {
		var out []string
		for _, p := range d.Pages {
			left, right := "-", "-"
			for _, it := range p.Items {
				if it.X < Pt(420) {
					left = it.Text
				} else {
					right = it.Text
				}
			}
			out = append(out, left+"|"+right)
		}
		return strings.Join(out, " ")
	}
	for _, c := range []struct {
		mode  string
		pages int
		want  string
	}{
		{ImposeBooklet, 12, "12|1 2|11 10|3 4|9 8|5 6|7"}, // 3 sheets, front and back
		{ImposeBooklet, 6, "-|1 2|- 6|3 4|5"},             // padded to 8 pages with blanks
		{ImposeTwoUp, 5, "1|2 3|4 5|-"},
	} {
		out, err := Impose(doc(c.pages), c.mode)
		if err != nil {
			t.Fatal(err)
		}
		if got := sides(out); got != c.want {
			t.Errorf("%s of %d pages: %s, want %s", c.mode, c.pages, got, c.want)
		}
		if w := out.Pages[0].Size.W; w != Pt(840) {
			t.Errorf("%s: sheet %s wide, want two pages (840)", c.mode, w)
		}
		last := out.Outline[0].Page
		if !strings.Contains(sides(&Document{Pages: out.Pages[last : last+1]}), fmt.Sprint(c.pages)) {
			t.Errorf("%s: the outline entry of page %d points at sheet side %d", c.mode, c.pages, last+1)
		}
	}
	if _, err := Impose(doc(2), "four-up"); err == nil {
		t.Error("an unknown imposition was accepted")
	}
}
