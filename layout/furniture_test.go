package layout_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/theme"
)

// itemKeys describes items as sortable strings, everything that is drawn.
func itemKeys(items []page.Item) []string {
	var keys []string
	for _, it := range items {
		keys = append(keys, fmt.Sprintf("%d %q %v %v %v %v %v %v %v %d", it.Kind, it.Text, it.X, it.Y, it.W, it.H, it.Size, it.Color, it.Stroke, it.Role))
	}
	slices.Sort(keys)
	return keys
}

// TestLateFolio: an article laid out with Folio.Late, whose pages then
// take FolioSetter's items, has on each page exactly the items it has
// when laid out knowing its page numbers, whatever the theme, templates,
// mirrored margins and columns; the pages laid out late show no number.
func TestLateFolio(t *testing.T) {
	pub := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	a := &article.Article{Title: "Harbour lights", SiteName: "The Gazette", Published: &pub, Authors: []string{"Rita Byline"}, Body: longBody(40)}
	theme0 := func(name string) *theme.Theme {
		th, err := theme.Builtin(name)
		if err != nil {
			t.Fatal(err)
		}
		return th
	}
	numberedHead := theme0("classic")
	numberedHead.Header = theme.Furniture{Left: "{title}", Right: "{page}/{pages}"}
	numberedHead.Footer = theme.Furniture{Left: "{author}", Right: "{date}"}
	cases := []struct {
		name string
		opts layout.Options
	}{
		{"classic", layout.Options{}},
		{"modern", layout.Options{Theme: theme0("modern")}},
		{"ink-saver", layout.Options{Theme: theme0("ink-saver")}},
		{"mirrored, two columns", layout.Options{Mirror: true, Columns: 2, Gutter: page.Pt(20)}},
		{"number in the head", layout.Options{Theme: numberedHead}},
		{"no footer", layout.Options{NoFooter: true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			const first, total = 98, 1204
			known := c.opts
			known.Folio = layout.Folio{FirstPage: first, TotalPages: total}
			want, err := layout.Layout(context.Background(), a, known)
			if err != nil {
				t.Fatal(err)
			}
			late := c.opts
			late.Folio = layout.Folio{Late: true}
			got, err := layout.Layout(context.Background(), a, late)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Pages) != len(want.Pages) || len(want.Pages) < 3 {
				t.Fatalf("%d pages late, %d knowing the numbers (the test wants 3 or more)", len(got.Pages), len(want.Pages))
			}
			fs, err := layout.NewFolioSetter(late)
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range got.Pages {
				for _, it := range p.Items {
					if strings.Contains(it.Text, "1204") {
						t.Errorf("page %d laid out late shows %q", i+1, it.Text)
					}
				}
				items := append(slices.Clone(p.Items), fs.Items(layout.RunningTextOf(a), p.Size, i, first+i, total)...)
				if g, w := itemKeys(items), itemKeys(want.Pages[i].Items); !slices.Equal(g, w) {
					t.Errorf("page %d: %d items late and set after, %d knowing the numbers", i+1, len(g), len(w))
				}
			}
		})
	}
}
