package layout_test

import (
	"context"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/page"
)

// TestStandfirstPrintsAsDek: a body that opens with a paragraph marked as
// the standfirst, in an article without a subtitle, prints it once,
// between the headline and the byline, in the dek's style (the style a
// subtitle prints in), not as the body's first paragraph; with a subtitle,
// the subtitle is the dek and the standfirst stays a paragraph of the body.
func TestStandfirstPrintsAsDek(t *testing.T) {
	const lead, body, sub = "Leadword", "Bodyword", "Subword"
	mk := func(subtitle string) *article.Article {
		return &article.Article{Title: "Harbour lights return", Subtitle: subtitle, Authors: []string{"Ada Writer"},
			Body: []article.Block{
				{Kind: article.KindParagraph, Text: article.Plain(lead + " opens the story in a sentence."), Standfirst: true},
				{Kind: article.KindParagraph, Text: article.Plain(body + " carries the story on.")},
			}}
	}
	// find returns the first item on page 1 whose text is w
	find := func(doc *page.Document, w string) (page.Item, int) {
		n, first := 0, page.Item{}
		for _, it := range doc.Pages[0].Items {
			if it.Kind == page.ItemText && it.Text == w {
				if n == 0 {
					first = it
				}
				n++
			}
		}
		return first, n
	}
	lay := func(a *article.Article) *page.Document {
		doc, err := layout.Layout(context.Background(), a, layout.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}

	doc := lay(mk(""))
	l, n := find(doc, lead)
	by, _ := find(doc, "By")
	b, _ := find(doc, body)
	if n != 1 {
		t.Fatalf("the standfirst prints %d times, want once", n)
	}
	if !(l.Y < by.Y && by.Y < b.Y) {
		t.Errorf("standfirst at y=%v, byline %v, body %v: want the standfirst above the byline, the body below", l.Y, by.Y, b.Y)
	}
	subDoc := lay(&article.Article{Title: "Harbour lights return", Subtitle: lead + " opens the story in a sentence.",
		Body: []article.Block{{Kind: article.KindParagraph, Text: article.Plain(body + " carries the story on.")}}})
	dek, _ := find(subDoc, lead)
	if l.Face != dek.Face || l.Size != dek.Size {
		t.Errorf("the standfirst is set in %v at %v, a subtitle in %v at %v: want the dek's style", l.Face.Name(), l.Size, dek.Face.Name(), dek.Size)
	}
	if l.Face == b.Face && l.Size == b.Size {
		t.Errorf("the standfirst is set in the body's style")
	}

	doc = lay(mk(sub + " is the dek."))
	s, _ := find(doc, sub)
	l, n = find(doc, lead)
	by, _ = find(doc, "By")
	if n != 1 || !(s.Y < by.Y && by.Y < l.Y) {
		t.Errorf("with a subtitle: standfirst printed %d times at y=%v, subtitle %v, byline %v; want the subtitle as the dek and the standfirst in the body", n, l.Y, s.Y, by.Y)
	}
}
