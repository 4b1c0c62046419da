package layout

import (
	"fmt"
	"strings"
	"testing"

	"github.com/galleyprint/galley/page"
)

func TestImpose(t *testing.T) {
	newPage := func(n int) *page.Page {
		// a size that is half of no standard sheet
		return &page.Page{Size: page.Size{W: page.Pt(400), H: page.Pt(600)}, Items: []page.Item{{Kind: page.ItemText, X: page.Pt(50), Y: page.Pt(100), Text: fmt.Sprint(n)}}}
	}
	doc := func(n int) *page.Document {
		d := &page.Document{}
		for i := 1; i <= n; i++ {
			d.Pages = append(d.Pages, newPage(i))
		}
		d.Outline = []page.Bookmark{{Title: "last", Page: n - 1}}
		return d
	}
	// sheet sides, left half then right half; "-" for a blank half
	sides := func(d *page.Document) string {
		var out []string
		for _, p := range d.Pages {
			left, right := "-", "-"
			for _, it := range p.Items {
				if it.X < page.Pt(400) {
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
		mode  Imposition
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
		if w := out.Pages[0].Size.W; w != page.Pt(800) {
			t.Errorf("%s: sheet %s wide, want two pages (800)", c.mode, w)
		}
		last := out.Outline[0].Page
		if !strings.Contains(sides(&page.Document{Pages: out.Pages[last : last+1]}), fmt.Sprint(c.pages)) {
			t.Errorf("%s: the outline entry of page %d points at sheet side %d", c.mode, c.pages, last+1)
		}
	}
	if _, err := Impose(doc(2), "four-up"); err == nil {
		t.Error("an unknown imposition was accepted")
	}
}

// TestSheetFor: pages that are half a standard sheet are imposed on
// exactly that sheet (A5 on A4: 841.89 pt, not twice A5's 419.53), centred
// in their halves; other pages on a sheet exactly twice as wide.
func TestSheetFor(t *testing.T) {
	mm := func(v float64) page.Unit { return page.Pt(v * 72 / 25.4) }
	for _, c := range []struct {
		page  string
		sheet page.Size
	}{
		{"A5", page.Size{W: page.Pt(841.89), H: page.Pt(595.28)}},
		{"148x210mm", page.Size{W: page.Pt(841.89), H: page.Pt(595.28)}},
		{"A4", page.Size{W: page.Pt(1190.55), H: page.Pt(841.89)}},
		{"105x148mm", page.Size{W: page.Pt(595.28), H: page.Pt(419.53)}}, // A6 on A5
		{"B5", page.Size{W: page.Pt(1000.63), H: page.Pt(708.66)}},
		{"Letter", page.Size{W: page.Pt(1224), H: page.Pt(792)}},
		{"5.5x8.5in", page.Size{W: page.Pt(792), H: page.Pt(612)}}, // Statement on Letter
		{"Legal", page.Size{W: page.Pt(1224), H: page.Pt(1008)}},
		{"100x200mm", page.Size{W: 2 * mm(100), H: mm(200)}},
		{"145x210mm", page.Size{W: 2 * mm(145), H: mm(210)}}, // 3 mm narrower than A5: not A4
	} {
		size, err := page.ParseSize(c.page)
		if err != nil {
			t.Fatal(err)
		}
		if got := SheetFor(size); got != c.sheet {
			t.Errorf("%s pages (%sx%s): sheet %sx%s, want %sx%s", c.page, size.W, size.H, got.W, got.H, c.sheet.W, c.sheet.H)
		}
		doc := &page.Document{Pages: []*page.Page{
			{Size: size, Items: []page.Item{{Kind: page.ItemRect, W: size.W, H: size.H}}},
			{Size: size, Items: []page.Item{{Kind: page.ItemRect, W: size.W, H: size.H}}},
		}}
		for _, mode := range []Imposition{ImposeTwoUp, ImposeBooklet} {
			out, err := Impose(doc, mode)
			if err != nil {
				t.Fatal(err)
			}
			sheet := out.Pages[0]
			if sheet.Size != c.sheet {
				t.Errorf("%s %s: sheet %sx%s, want %sx%s", c.page, mode, sheet.Size.W, sheet.Size.H, c.sheet.W, c.sheet.H)
			}
			// each page stands centred in its half of the sheet
			for _, it := range sheet.Items {
				half := page.Unit(0)
				if it.X > sheet.Size.W/4 {
					half = sheet.Size.W / 2
				}
				l, r := it.X-half, half+sheet.Size.W/2-it.X-it.W
				top, bottom := it.Y, sheet.Size.H-it.Y-it.H
				if max(l-r, r-l) > 2 || max(top-bottom, bottom-top) > 2 {
					t.Errorf("%s %s: page at %s,%s of %sx%s is not centred in its half of the %sx%s sheet", c.page, mode, it.X, it.Y, it.W, it.H, sheet.Size.W, sheet.Size.H)
				}
			}
		}
	}
}
