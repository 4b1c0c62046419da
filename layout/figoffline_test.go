package layout_test

import (
	"context"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/page"
)

// TestFigureWithoutImage: a figure whose picture is not loaded (offline,
// or gone) prints its caption and credit; with a credit but no caption,
// its description (alt text) says what the credit is for, where it used
// to print a bare name.
func TestFigureWithoutImage(t *testing.T) {
	tests := []struct {
		name       string
		fig        article.Figure
		want, drop []string
	}{
		{"caption and credit", article.Figure{Src: "a.png", Alt: "A pier", Caption: article.Plain("The pier at dawn."), Credit: "Ellen Surrey"},
			[]string{"The pier at dawn.", "Ellen Surrey"}, []string{"A pier"}},
		{"credit and alt", article.Figure{Src: "a.png", Alt: "Xi Jinping at the opening", Credit: "Ellen Surrey"},
			[]string{"Xi Jinping at the opening", "Ellen Surrey"}, nil},
		{"alt alone", article.Figure{Src: "a.png", Alt: "Xi Jinping at the opening"},
			[]string{"Xi Jinping at the opening"}, nil},
		{"a text dump's credit line", article.Figure{Credit: "Image: KCNA"},
			[]string{"Image: KCNA"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fig := tt.fig
			a := &article.Article{Title: "Figures", Body: []article.Block{
				{Kind: article.KindParagraph, Text: article.Plain("Before the figure.")},
				{Kind: article.KindFigure, Figure: &fig},
				{Kind: article.KindParagraph, Text: article.Plain("After the figure.")},
			}}
			opts := layout.Options{Images: func(*article.Figure) *page.Image { return nil }}
			doc, err := layout.Layout(context.Background(), a, opts)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, p := range doc.Pages {
				for _, it := range p.Items {
					if it.Kind == page.ItemText {
						b.WriteString(it.Text + " ")
					}
				}
			}
			text := strings.Join(strings.Fields(b.String()), " ")
			for _, s := range tt.want {
				if !strings.Contains(text, s) {
					t.Errorf("%q not printed: %s", s, text)
				}
			}
			for _, s := range tt.drop {
				if strings.Contains(text, s) {
					t.Errorf("%q printed: %s", s, text)
				}
			}
		})
	}
}
