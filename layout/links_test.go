package layout

import (
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
)

func TestWithLinks(t *testing.T) {
	a := &article.Article{Title: "Links", Body: []article.Block{{Kind: article.KindParagraph, Text: article.Text{
		{Text: "See "}, {Text: "the report", Link: "https://example.org/report/"}, {Text: ", "},
		{Text: "example.org/report", Link: "https://example.org/report/"}, {Text: ", "},
		{Text: "mail", Link: "mailto:desk@example.org"}, {Text: ", "},
		{Text: "above", Link: "#top"}, {Text: " and "},
		{Text: "the ", Link: "https://example.org/report/"}, {Text: "report", Bold: true, Link: "https://example.org/report/"}, {Text: " again."},
	}}}}
	for _, c := range []struct{ mode, want string }{
		{LinksOff, "See the report, example.org/report, mail, above and the report again."},
		{LinksInline, "See the report (example.org/report), example.org/report, mail (desk@example.org), above and the report (example.org/report) again."},
		{LinksEndnotes, "See the report1, example.org/report, mail2, above and the report1 again.|Links|example.org/report|desk@example.org"},
	} {
		out, _ := withLinks(a, c.mode)
		var parts []string
		var walk func([]article.Block)
		walk = func(bs []article.Block) {
			for _, b := range bs {
				if p := b.Text.Plain(); p != "" {
					parts = append(parts, p)
				}
				walk(b.Blocks)
				for _, it := range b.Items {
					walk(it.Blocks)
				}
			}
		}
		walk(out.Body)
		if got := strings.Join(parts, "|"); got != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.mode, got, c.want)
		}
	}
	if a.Body[0].Text[1].Text != "the report" || len(a.Body[0].Text) != 12 {
		t.Error("withLinks changed its input")
	}
}
