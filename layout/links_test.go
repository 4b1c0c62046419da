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
	for _, c := range []struct {
		mode LinkStyle
		want string
	}{
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

// TestShownURL: addresses print without their scheme; a very long one
// keeps its start and end around an ellipsis, 100 characters in all.
func TestShownURL(t *testing.T) {
	if got := shownURL("https://example.org/a/"); got != "example.org/a" {
		t.Errorf("short address %q", got)
	}
	if got := shownURL("mailto:desk@example.org"); got != "desk@example.org" {
		t.Errorf("mail address %q", got)
	}
	long := "https://example.org/" + strings.Repeat("segment/", 60) + "end"
	got := shownURL(long)
	if n := len([]rune(got)); n != maxPrintedURL || !strings.HasPrefix(got, "example.org/segment") || !strings.HasSuffix(got, "/end") || !strings.Contains(got, "…") {
		t.Errorf("long address shown as %q (%d characters)", got, n)
	}
}
