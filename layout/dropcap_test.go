package layout_test

import (
	"context"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/page"
)

func TestDropCap(t *testing.T) {
	para := strings.Repeat("Harbour lights were lit again along the quay on Thursday evening. ", 6)
	a := &article.Article{Title: "Lights", Body: []article.Block{
		{Kind: article.KindParagraph, Text: article.Plain("“" + para)},
		{Kind: article.KindParagraph, Text: article.Plain(para)},
	}}
	doc, err := layout.Layout(context.Background(), a, layout.Options{DropCap: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Verify(); err != nil {
		t.Fatalf("layout invariants: %v", err)
	}
	var cap *page.Item
	var body []page.Item
	for _, it := range doc.Pages[0].Items {
		if it.Kind == page.ItemText && it.Role == page.RoleBody {
			if it.Size > page.Pt(25) {
				cap = &it
			} else {
				body = append(body, it)
			}
		}
	}
	if cap == nil || cap.Text != "“H" {
		t.Fatalf("drop cap %+v, want the opening quote and H set large", cap)
	}
	// the first two lines start right of the cap, the third at the margin
	var lines []page.Unit // x of each line's first word, by baseline
	lastY := page.Unit(-1)
	for _, it := range body {
		if it.Y != lastY {
			lines = append(lines, it.X)
			lastY = it.Y
		}
	}
	for i, x := range lines[:4] {
		beside := x > cap.X+cap.W
		if beside != (i < 2) {
			t.Errorf("line %d starts at %s; the cap ends at %s", i, x, cap.X+cap.W)
		}
	}
	if !strings.HasPrefix(body[0].Text, "arbour") {
		t.Errorf("the text goes on after the cap with %q", body[0].Text)
	}
}
