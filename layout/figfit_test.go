package layout_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/theme"
)

// TestFigureStaysInItsColumn: a figure never leaves its frame. A tall
// picture (800 × 2400 px) is scaled to the height left in its column, or
// to the column's height when it starts one, in one, two and three
// columns: under a landscape lead that spans the columns (in three columns
// it ended 207 pt below the page, its caption on the next page), as the
// lead itself, first in the body, under a heading, two in a row, at the
// end, with a long caption. Every layout keeps the invariants (Verify:
// nothing outside the page body), each image is centred in its column with
// its caption directly under it on the same page, and an image is scaled
// below three quarters of its natural size only at the top of a column:
// with less room left, it moves on.
func TestFigureStaysInItsColumn(t *testing.T) {
	images := map[string]*page.Image{
		"tall.png": {Key: "tall", Format: "png", Data: []byte("x"), Width: 800, Height: 2400},
		"land.png": {Key: "land", Format: "png", Data: []byte("x"), Width: 1600, Height: 1200},
		"wide.png": {Key: "wide", Format: "png", Data: []byte("x"), Width: 2400, Height: 800},
	}
	lorem := "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. "
	para := func(n int) []article.Block {
		var bs []article.Block
		for range n {
			bs = append(bs, article.Block{Kind: article.KindParagraph, Text: article.Plain(strings.Repeat(lorem, 4))})
		}
		return bs
	}
	fig := func(src, caption string) *article.Figure {
		return &article.Figure{Src: src, Caption: article.Plain(caption)}
	}
	figure := func(src, caption string) []article.Block {
		return []article.Block{{Kind: article.KindFigure, Figure: fig(src, caption)}}
	}
	heading := []article.Block{{Kind: article.KindHeading, Level: 2, Text: article.Plain("Over the figure")}}
	join := func(parts ...[]article.Block) []article.Block {
		var out []article.Block
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		lead *article.Figure
		body []article.Block
	}{
		{"tall under a landscape lead", fig("land.png", "The lead."), join(para(1), figure("tall.png", "A tall figure, 800 by 2400 pixels."), para(8))},
		{"tall lead", fig("tall.png", "A tall lead."), para(8)},
		{"tall first", nil, join(figure("tall.png", "First."), para(8))},
		{"tall under a heading", nil, join(para(2), heading, figure("tall.png", "Under a heading."), para(8))},
		{"two tall in a row", nil, join(para(2), figure("tall.png", "One."), figure("tall.png", "Two."), para(8))},
		{"tall at the end", nil, join(para(7), figure("tall.png", "At the end."), para(1))},
		{"wide then tall", nil, join(para(5), figure("wide.png", "Wide."), figure("tall.png", "Tall."), para(8))},
		{"long caption", nil, join(para(2), figure("tall.png", strings.Repeat(lorem, 8)), para(8))},
		{"long caption under a lead", fig("land.png", "The lead."), join(para(1), figure("tall.png", strings.Repeat(lorem, 5)), para(8))},
	} {
		for _, cols := range []int{1, 2, 3} {
			name := fmt.Sprintf("%s in %d columns", tc.name, cols)
			a := &article.Article{Title: "A tall figure", Lead: tc.lead, Body: tc.body}
			doc, err := layout.Layout(context.Background(), a, layout.Options{Columns: cols,
				Images: func(f *article.Figure) *page.Image { return images[f.Src] }})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if errs := doc.Verify(); len(errs) > 0 {
				t.Errorf("%s: layout invariants: %v", name, errs)
				continue
			}
			lead := ""
			if tc.lead != nil {
				lead = images[tc.lead.Src].Key
			}
			checkFigures(t, name, doc, cols, images, lead)
		}
	}
}

// checkFigures checks every image of doc: centred in its column (or the
// frame, for the lead and one spanning the columns), its caption directly
// under it, and scaled below three quarters of its natural size only with
// no body text above it in its column.
func checkFigures(t *testing.T, name string, doc *page.Document, cols int, images map[string]*page.Image, lead string) {
	t.Helper()
	m := doc.Margins
	size, _ := bodyMetrics(doc)
	pageSize := doc.Pages[0].Size
	frameW, frameH := pageSize.W-m.Left-m.Right, pageSize.H-m.Top-m.Bottom
	gap := page.Unit(0)
	if cols > 1 {
		gap = size * 3 / 2
	}
	colW := (frameW - page.Unit(cols-1)*gap) / page.Unit(cols)
	for pi, p := range doc.Pages {
		for i, it := range p.Items {
			if it.Kind != page.ItemImage {
				continue
			}
			left, right := m.Left, m.Left+frameW
			spans := it.W > colW+1 || it.Image() == lead
			if !spans {
				c := (it.X + it.W/2 - m.Left) / (colW + gap)
				left = m.Left + c*(colW+gap)
				right = left + colW
			}
			if d := (it.X - left) - (right - it.X - it.W); d < -page.Point || d > page.Point {
				t.Errorf("%s: page %d: image %s not centred between %s and %s", name, pi+1, it, left, right)
			}
			// the caption's first line stands under the image, by the gap
			// and at most a line
			var capt *page.Item
			for k := i + 1; k < len(p.Items) && capt == nil; k++ {
				if c := &p.Items[k]; c.Role == page.RoleCaption && c.Kind == page.ItemText {
					capt = c
				}
			}
			if capt == nil {
				t.Errorf("%s: page %d: image %s without its caption on the page", name, pi+1, it)
			} else if top := capt.Y - capt.Size*8/10; top < it.Y+it.H || top > it.Y+it.H+page.Pt(12) {
				t.Errorf("%s: page %d: caption %q at %s, not directly under the image ending at %s", name, pi+1, capt.Text, capt.Y, it.Y+it.H)
			}
			if spans {
				continue
			}
			var src *page.Image
			for _, im := range images {
				if im.Key == it.Image() {
					src = im
				}
			}
			natW := min(colW, page.Pt(float64(src.Width)*72/150))
			natH := min(page.Unit(int64(natW)*int64(src.Height)/int64(src.Width)), frameH*6/10)
			if it.H < natH/4 {
				t.Errorf("%s: page %d: image %s under a quarter of its natural height %s", name, pi+1, it, natH)
			}
			if it.H >= natH*3/4-page.Point {
				continue
			}
			for _, o := range p.Items {
				if o.Role == page.RoleBody && o.Kind == page.ItemText && o.Y < it.Y && o.X >= left && o.X < right {
					t.Errorf("%s: page %d: image %s scaled to %d%% under text (%q at %s): it should have moved on",
						name, pi+1, it, 100*it.H/natH, o.Text, o.Y)
					break
				}
			}
		}
	}
}

// TestVerifyPageBody: Verify reports an item that leaves the page body
// (the page within its top and bottom margins and the text block's
// edges), but not the running head and footer in the margins.
func TestVerifyPageBody(t *testing.T) {
	m := theme.DefaultMargins
	size := page.Size{W: page.Pt(595.28), H: page.Pt(841.89)}
	bottom := size.H - m.Bottom
	for _, tc := range []struct {
		name string
		item page.Item
		ok   bool
	}{
		{"image in the body", page.Item{Kind: page.ItemImage, X: m.Left, Y: m.Top, W: page.Pt(100), H: bottom - m.Top, Role: page.RoleFigure}, true},
		{"image into the bottom margin", page.Item{Kind: page.ItemImage, X: m.Left, Y: bottom - page.Pt(100), W: page.Pt(100), H: page.Pt(150), Role: page.RoleFigure}, false},
		{"image into the top margin", page.Item{Kind: page.ItemImage, X: m.Left, Y: m.Top - page.Pt(5), W: page.Pt(100), H: page.Pt(50), Role: page.RoleFigure}, false},
		{"image into the side margin", page.Item{Kind: page.ItemImage, X: m.Left - page.Pt(5), Y: m.Top, W: page.Pt(100), H: page.Pt(50), Role: page.RoleFigure}, false},
		{"rule into the top margin", page.Item{Kind: page.ItemLine, X: m.Left, Y: m.Top - page.Pt(8), H: page.Pt(20), Stroke: page.Pt(1.5)}, false},
		{"rule along the body's top", page.Item{Kind: page.ItemLine, X: m.Left, Y: m.Top + page.Pt(0.5), W: page.Pt(100), Stroke: page.Pt(1)}, true},
		{"caption text in the bottom margin", page.Item{Kind: page.ItemText, X: m.Left, Y: bottom + page.Pt(20), W: page.Pt(30), Size: page.Pt(8), Text: "caption", Role: page.RoleCaption}, false},
		{"footer in the bottom margin", page.Item{Kind: page.ItemText, X: m.Left, Y: bottom + page.Pt(30), W: page.Pt(30), Size: page.Pt(8), Text: "Page", Role: page.RoleFurniture}, true},
		{"running head in the top margin", page.Item{Kind: page.ItemText, X: m.Left, Y: m.Top - page.Pt(20), W: page.Pt(30), Size: page.Pt(8), Text: "Title", Role: page.RoleFurniture}, true},
	} {
		doc := &page.Document{Margins: m, Pages: []*page.Page{{Size: size, Items: []page.Item{tc.item}}}}
		errs := doc.Verify()
		if ok := len(errs) == 0; ok != tc.ok {
			t.Errorf("%s: Verify = %v, want ok %v", tc.name, errs, tc.ok)
		}
	}
}

// TestFigureWaitsUnderTallTitle: when the title block and its lead leave
// the columns of page 1 too short for the body's first figure even at its
// smallest, the figure waits for the next page while the text fills
// page 1's columns, rather than leaving them empty.
func TestFigureWaitsUnderTallTitle(t *testing.T) {
	tall := &page.Image{Key: "tall", Format: "png", Data: []byte("x"), Width: 800, Height: 2400}
	lorem := strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. ", 6)
	a := &article.Article{
		Title: "A headline long enough to take three lines across the page, as some of them do",
		Lead:  &article.Figure{Src: "lead", Caption: article.Plain(strings.Repeat("A lead with a long caption. ", 26))},
		Body:  []article.Block{{Kind: article.KindFigure, Figure: &article.Figure{Src: "body", Caption: article.Plain("The body's first figure.")}}},
	}
	for range 12 {
		a.Body = append(a.Body, article.Block{Kind: article.KindParagraph, Text: article.Plain(lorem)})
	}
	doc, err := layout.Layout(context.Background(), a, layout.Options{Columns: 3,
		Images: func(*article.Figure) *page.Image { return tall }})
	if err != nil {
		t.Fatal(err)
	}
	if errs := doc.Verify(); len(errs) > 0 {
		t.Fatalf("layout invariants: %v", errs)
	}
	images, body := 0, 0
	for _, it := range doc.Pages[0].Items {
		switch {
		case it.Kind == page.ItemImage:
			images++
		case it.Kind == page.ItemText && it.Role == page.RoleBody:
			body++
		}
	}
	if images != 1 || body == 0 {
		t.Errorf("page 1 has %d images and %d words of body text; want the lead alone, and text in the columns under it", images, body)
	}
}

// TestWaitingFigureClosesUp: a figure that waits for the next column
// takes its space with it: the text around its place in the flow closes
// up to one line apart, and the paragraph after it is indented as a new
// paragraph. Before, the figure's space stayed behind as a blank line and
// the paragraph after it started flush, so that the two read as one.
func TestWaitingFigureClosesUp(t *testing.T) {
	tall := &page.Image{Key: "tall", Format: "png", Data: []byte("x"), Width: 800, Height: 2400}
	lorem := "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. "
	a := &article.Article{Title: "Tides"}
	for i := range 12 {
		a.Body = append(a.Body, article.Block{Kind: article.KindParagraph, Text: article.Plain(strings.Repeat(lorem, 3) + "Ends here.")})
		if i == 2 {
			a.Body = append(a.Body, article.Block{Kind: article.KindFigure, Figure: &article.Figure{Src: "tall.png", Caption: article.Plain("The tides.")}})
		}
	}
	doc, err := layout.Layout(context.Background(), a, layout.Options{Columns: 3,
		Images: func(*article.Figure) *page.Image { return tall }})
	if err != nil {
		t.Fatal(err)
	}
	_, leading := bodyMetrics(doc)
	colW := (doc.Pages[0].Size.W - doc.Margins.Left - doc.Margins.Right) / 3
	lines := bodyLines(doc, colW)
	// the third paragraph's last line, and the line after it in the text
	ends := 0
	for i, l := range lines[:len(lines)-1] {
		if !strings.HasSuffix(l.text(), "Ends here.") {
			continue
		}
		if ends++; ends != 3 {
			continue
		}
		next := lines[i+1]
		var img *page.Item
		for pi, p := range doc.Pages {
			for k, it := range p.Items {
				if it.Kind == page.ItemImage && pi+1 == l.page {
					img = &p.Items[k]
				}
			}
		}
		if img != nil && img.X < l.x+colW/2 && img.X+img.W > l.x && img.Y > l.y && img.Y < next.y {
			t.Fatalf("the figure did not wait: it stands between the paragraphs; the test no longer sets what it means to")
		}
		if next.page != l.page || next.x/colW != l.x/colW {
			t.Fatalf("the paragraph after the figure's place starts another column; the test no longer sets what it means to")
		}
		if d := next.y - l.y; d != leading {
			t.Errorf("the lines around the waiting figure's place are %s apart, want one line (%s)", d, leading)
		}
		if next.x <= l.x {
			t.Errorf("the paragraph after the figure's place is not indented (%s, the line before at %s)", next.x, l.x)
		}
		return
	}
	t.Fatalf("no third paragraph end found in %d lines", len(lines))
}
