package layout_test

import (
	"context"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/page"
)

// TestFigureWidth: a large image fills the column; a small one is printed
// no larger than 150 pixels an inch, centred.
func TestFigureWidth(t *testing.T) {
	for _, tc := range []struct {
		name  string
		w, h  int
		width float64 // points; 0 is the column width
	}{
		{"large", 2000, 1000, 0},
		{"avatar", 250, 250, 120}, // 250 px at 150 ppi
		{"icon", 30, 30, 14.4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img := &page.Image{Key: "i", Format: "png", Data: []byte("x"), Width: tc.w, Height: tc.h}
			a := &article.Article{Title: "T", Body: []article.Block{
				{Kind: article.KindFigure, Figure: &article.Figure{Src: "i.png", Caption: article.Plain("A caption.")}},
			}}
			opts := layout.Options{Images: func(*article.Figure) *page.Image { return img }}
			doc, err := layout.Layout(context.Background(), a, opts)
			if err != nil {
				t.Fatal(err)
			}
			var got *page.Item
			for _, p := range doc.Pages {
				for i := range p.Items {
					if p.Items[i].Kind == page.ItemImage {
						got = &p.Items[i]
					}
				}
			}
			if got == nil {
				t.Fatal("no image placed")
			}
			column := doc.Pages[0].Size.W - doc.Margins.Left - doc.Margins.Right
			want := page.Pt(tc.width)
			if tc.width == 0 {
				want = column
			}
			if d := got.W - want; d < -2 || d > 2 {
				t.Errorf("image %s pt wide, want %s", got.W, want)
			}
			if left, right := got.X-doc.Margins.Left, doc.Margins.Left+column-got.X-got.W; left-right > 2 || right-left > 2 {
				t.Errorf("not centred: %s left, %s right", left, right)
			}
		})
	}
}

// TestFigureFloats: a figure that does not fit in what is left of a page
// moves to the top of the next, and the text after it fills the page.
func TestFigureFloats(t *testing.T) {
	para := func(s string) article.Block {
		return article.Block{Kind: article.KindParagraph, Text: article.Plain(strings.Repeat(s+" ", 60))}
	}
	img := &page.Image{Key: "i", Format: "png", Data: []byte("x"), Width: 2000, Height: 1600}
	a := &article.Article{Title: "Floats", Body: []article.Block{
		para("before"), para("before"), para("before"), para("before"), para("before"),
		{Kind: article.KindFigure, Figure: &article.Figure{Src: "i.png", Caption: article.Plain("The figure.")}},
		para("after"), para("after"), para("after"), para("after"),
	}}
	doc, err := layout.Layout(context.Background(), a, layout.Options{Images: func(*article.Figure) *page.Image { return img }})
	if err != nil {
		t.Fatal(err)
	}
	if errs := doc.Verify(); len(errs) > 0 {
		t.Fatalf("layout invariants: %v", errs)
	}
	pageOf := map[string]int{}
	for pi, p := range doc.Pages {
		for _, it := range p.Items {
			w := it.Text
			if it.Kind == page.ItemImage {
				w = "IMAGE"
			}
			if _, ok := pageOf[w]; !ok && w != "" {
				pageOf[w] = pi
			}
		}
	}
	if pageOf["IMAGE"] != 1 {
		t.Fatalf("the figure is on page %d, want 2 (it does not fit on page 1)", pageOf["IMAGE"]+1)
	}
	if pageOf["after"] != 0 {
		t.Errorf("text after the figure starts on page %d, want 1: it should flow past the figure", pageOf["after"]+1)
	}
	// the figure is the first thing on its page
	for _, it := range doc.Pages[1].Items {
		if it.Role == page.RoleBody && it.Kind == page.ItemText {
			t.Errorf("body text %q above the figure on page 2", it.Text)
			break
		}
		if it.Kind == page.ItemImage {
			break
		}
	}
}

func TestPrintOptions(t *testing.T) {
	a := &article.Article{Title: "Options", Body: []article.Block{{Kind: article.KindParagraph,
		Text: article.Plain(strings.Repeat("Harbour lights were lit again along the quay. ", 80))}}}
	doc, err := layout.Layout(context.Background(), a, layout.Options{FontSize: page.Pt(16), LineHeight: 1.5, NoHeader: true, NoFooter: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) < 2 {
		t.Fatalf("%d pages, want a second page to look for a running head on", len(doc.Pages))
	}
	var lastY page.Unit
	for pi, p := range doc.Pages {
		for _, it := range p.Items {
			switch {
			case it.Role == page.RoleFurniture && it.Kind == page.ItemText:
				t.Errorf("page %d: furniture %q with no header and no footer", pi+1, it.Text)
			case pi == 0 && it.Role == page.RoleBody && it.Kind == page.ItemText:
				if it.Size != page.Pt(16) {
					t.Fatalf("body text at %s pt, want 16", it.Size)
				}
				if lastY > 0 && it.Y != lastY && it.Y-lastY != page.Pt(24) {
					t.Fatalf("leading %s, want 24 (16 × 1.5)", it.Y-lastY)
				}
				lastY = it.Y
			}
		}
	}
}
