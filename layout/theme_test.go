package layout_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/parse"
	"github.com/galleyprint/galley/theme"
)

// textStyles returns a theme's styles by role name.
func textStyles(th *theme.Theme) map[string]theme.TextStyle {
	out := map[string]theme.TextStyle{}
	v := reflect.ValueOf(th.Styles)
	for i := range v.NumField() {
		out[v.Type().Field(i).Tag.Get("json")] = v.Field(i).Interface().(theme.TextStyle)
	}
	return out
}

// TestLargePrint: large-print sets the body at 16 pt or more, captions at
// 12 pt or more, one column, and no text below a 7:1 contrast on white.
func TestLargePrint(t *testing.T) {
	th, err := theme.Builtin("large-print")
	if err != nil {
		t.Fatal(err)
	}
	if th.Styles.Body.Size < 16 {
		t.Errorf("body %g pt, want at least 16", th.Styles.Body.Size)
	}
	if r := th.Styles.Body.Leading / th.Styles.Body.Size; r < 1.4 {
		t.Errorf("body leading %.2f× the size, want at least 1.4", r)
	}
	for _, role := range []string{"caption", "credit", "header", "footer", "byline", "dateline", "table", "code"} {
		if s := textStyles(th)[role]; s.Size < 12 {
			t.Errorf("%s %g pt, want at least 12", role, s.Size)
		}
	}
	if th.Columns != 1 {
		t.Errorf("%d columns, want 1", th.Columns)
	}
	// flush left and unhyphenated: no line ends in a hyphen the text does
	// not have, and the lines of a paragraph end at different places
	if !th.Ragged || !th.NoHyphenation {
		t.Errorf("ragged %v, no hyphenation %v; want both", th.Ragged, th.NoHyphenation)
	}
	a := &article.Article{Title: "Large", Body: []article.Block{{Kind: article.KindParagraph,
		Text: article.Plain(strings.Repeat("Extraordinarily comprehensive understanding characterises international correspondence. ", 30))}}}
	doc, err := layout.Layout(context.Background(), a, layout.Options{Theme: th})
	if err != nil {
		t.Fatal(err)
	}
	last := map[page.Unit]page.Item{}
	for _, it := range doc.Pages[0].Items {
		if it.Kind == page.ItemText && it.Role == page.RoleBody {
			if strings.HasSuffix(it.Text, "-") {
				t.Errorf("hyphenated line end %q in large print", it.Text)
			}
			if prev, ok := last[it.Y]; !ok || it.X > prev.X {
				last[it.Y] = it
			}
		}
	}
	var right page.Unit
	for _, it := range last {
		right = max(right, it.X+it.W)
	}
	flush := 0
	for _, it := range last {
		if right-(it.X+it.W) < page.Pt(0.5) {
			flush++
		}
	}
	if flush > len(last)/2 {
		t.Errorf("%d of %d lines end flush right: justified, want ragged", flush, len(last))
	}
	for role, s := range textStyles(th) {
		c, err := theme.ParseColor(s.Color)
		if err != nil {
			t.Fatal(err)
		}
		if r := theme.Contrast(c, page.White); r < 7 {
			t.Errorf("%s text %s has a contrast of %.1f:1 on white, want at least 7:1", role, s.Color, r)
		}
	}
}

func testArticles(t *testing.T) []*article.Article {
	t.Helper()
	inputs, _ := filepath.Glob("../testdata/articles/*/input.*")
	var arts []*article.Article
	for _, in := range inputs {
		data, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		a, err := parse.Parse(data, parse.Options{Name: filepath.Base(in)})
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a[0])
	}
	if len(arts) == 0 {
		t.Fatal("no test articles")
	}
	return arts
}

func dump(t *testing.T, a *article.Article, opts layout.Options) string {
	t.Helper()
	doc, err := layout.Layout(context.Background(), a, opts)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := doc.Dump(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestClassicIsTheDefault: naming the classic theme lays out exactly what
// no theme does (whose dumps are the golden files), and the other themes
// lay out something else.
func TestClassicIsTheDefault(t *testing.T) {
	for _, a := range testArticles(t) {
		plain := dump(t, a, layout.Options{})
		for _, th := range theme.All() {
			got := dump(t, a, layout.Options{Theme: th})
			if (got == plain) != (th.Name == "classic") {
				t.Errorf("%s in %s: same layout as the default %v", a.Title, th.Name, got == plain)
			}
		}
	}
}

func writeTheme(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "mine.json")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestThemeFileExtends: a file gives only what differs from its base.
func TestThemeFileExtends(t *testing.T) {
	p := writeTheme(t, `{"extends": "large-print", "description": "bigger still",
		"styles": {"body": {"size": 18, "leading": 26}},
		"footer": {"left": "{author}", "right": "{page}/{pages}"}}`)
	th, err := theme.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	base, _ := theme.Builtin("large-print")
	if th.Name != "mine" || th.Description != "bigger still" {
		t.Errorf("name %q, description %q", th.Name, th.Description)
	}
	if b := th.Styles.Body; b.Size != 18 || b.Leading != 26 || b.Font != "serif" || b.Color != "#000000" {
		t.Errorf("body %+v: the size and leading changed, the rest large-print's", b)
	}
	if th.Styles.Headline != base.Styles.Headline || th.Margins != base.Margins || th.Header != base.Header {
		t.Error("fields the file leaves out are not the base's")
	}
	a := &article.Article{Title: "Tides", Authors: []string{"Ann Lee"}, Body: longBody(40)}
	out := dump(t, a, layout.Options{Theme: th})
	if !strings.Contains(out, `"Ann Lee"`) || !strings.Contains(out, `"1/`) {
		t.Errorf("the footer does not print the author and 1/N:\n%.2000s", out)
	}
	// without extends a file starts from classic
	th, err = theme.Parse([]byte(`{"masthead": "none"}`), "bare")
	if err != nil {
		t.Fatal(err)
	}
	if classic, _ := theme.Builtin("classic"); th.Styles != classic.Styles || th.Name != "bare" {
		t.Errorf("a file without extends does not start from classic: %+v", th)
	}
}

func longBody(n int) []article.Block {
	var body []article.Block
	for range n {
		body = append(body, article.Block{Kind: article.KindParagraph, Text: article.Plain(strings.Repeat("The tide came in over the flats and the gulls went up. ", 6))})
	}
	return body
}

// TestInkSaver: ink-saver leaves out figures with neither caption nor
// credit, and fills nothing behind code.
func TestInkSaver(t *testing.T) {
	img := &page.Image{Key: "i", Format: "png", Data: []byte("x"), Width: 800, Height: 400}
	a := &article.Article{Title: "Figures", Body: []article.Block{
		{Kind: article.KindFigure, Figure: &article.Figure{Src: "a.png", Alt: "decorative swirl"}},
		{Kind: article.KindParagraph, Text: article.Plain("Between the figures.")},
		{Kind: article.KindFigure, Figure: &article.Figure{Src: "b.png", Caption: article.Plain("The pier at dawn.")}},
		{Kind: article.KindFigure, Figure: &article.Figure{Src: "c.png", Credit: "Photo: A. Lee"}},
		{Kind: article.KindCode, Code: "go test ./..."},
	}}
	count := func(th *theme.Theme) (images, rects int, text string) {
		opts := layout.Options{Theme: th, Images: func(*article.Figure) *page.Image { return img }}
		doc, err := layout.Layout(context.Background(), a, opts)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, p := range doc.Pages {
			for _, it := range p.Items {
				switch it.Kind {
				case page.ItemImage:
					images++
				case page.ItemRect:
					rects++
				case page.ItemText:
					b.WriteString(it.Text + " ")
				}
			}
		}
		return images, rects, b.String()
	}
	classic, _ := theme.Builtin("classic")
	if n, r, _ := count(classic); n != 3 || r != 1 {
		t.Fatalf("classic: %d images and %d fills, want 3 and 1", n, r)
	}
	ink, _ := theme.Builtin("ink-saver")
	if !ink.Grayscale || ink.Images != theme.ImagesCaptioned {
		t.Errorf("ink-saver: grayscale %v, images %q", ink.Grayscale, ink.Images)
	}
	n, r, text := count(ink)
	if n != 2 || r != 0 {
		t.Errorf("ink-saver: %d images and %d fills, want 2 (the captioned and the credited) and 0", n, r)
	}
	if strings.Contains(text, "swirl") || !strings.Contains(text, "dawn.") {
		t.Errorf("ink-saver: the uncaptioned figure printed, or the captioned did not: %s", text)
	}
	none, _ := theme.Builtin("classic")
	none.Images = theme.ImagesNone
	if n, _, text := count(none); n != 0 || !strings.Contains(text, "swirl") {
		t.Errorf("images none: %d images; want none, and alt text standing in: %s", n, text)
	}
}

// TestMastheadStyles: each style draws its own head of page 1.
func TestMastheadStyles(t *testing.T) {
	pub := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	a := &article.Article{Title: "Harbour lights", SiteName: "The Gazette", Published: &pub, Body: longBody(3)}
	for _, tc := range []struct {
		style         string
		lines, rects  int
		mastheadShown bool
	}{
		{theme.MastheadDoubleRule, 3, 0, true}, // two rules and the hairline under the title block
		{theme.MastheadSingleRule, 2, 0, true},
		{theme.MastheadBand, 1, 1, true},
		{theme.MastheadNone, 1, 0, false},
	} {
		t.Run(tc.style, func(t *testing.T) {
			th, _ := theme.Builtin("classic")
			th.Masthead = tc.style
			th.Styles.Masthead.Color = "#ffffff"
			th.Colors.CodeBackground = "#ffffff"
			if tc.style != theme.MastheadBand {
				th.Styles.Masthead.Color = "#000000"
			}
			doc, err := layout.Layout(context.Background(), a, layout.Options{Theme: th})
			if err != nil {
				t.Fatal(err)
			}
			lines, rects, shown := 0, 0, false
			for _, it := range doc.Pages[0].Items {
				switch {
				case it.Kind == page.ItemLine:
					lines++
				case it.Kind == page.ItemRect:
					rects++
					if it.Color != page.Black {
						t.Errorf("band %v, want the theme's black", it.Color)
					}
				case it.Kind == page.ItemText && strings.Contains(it.Text, "GAZETTE"):
					shown = true
				}
			}
			if lines != tc.lines || rects != tc.rects || shown != tc.mastheadShown {
				t.Errorf("%d rules, %d bands, masthead shown %v; want %d, %d, %v", lines, rects, shown, tc.lines, tc.rects, tc.mastheadShown)
			}
		})
	}
}

// TestFurnitureTemplates: the running head and footer print the theme's
// templates; an empty template prints nothing.
func TestFurnitureTemplates(t *testing.T) {
	pub := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	a := &article.Article{Title: "Harbour lights", SiteName: "The Gazette", Published: &pub, Body: longBody(40)}
	th, _ := theme.Builtin("classic")
	th.Header = theme.Furniture{Left: "{site} · {date}", Right: ""}
	th.Footer = theme.Furniture{Left: "", Right: "— {page} —"}
	doc, err := layout.Layout(context.Background(), a, layout.Options{Theme: th})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) < 2 {
		t.Fatal("want at least two pages")
	}
	furniture := func(p *page.Page) string {
		var b strings.Builder
		for _, it := range p.Items {
			if it.Role == page.RoleFurniture && it.Kind == page.ItemText {
				b.WriteString(it.Text)
			}
		}
		return b.String()
	}
	if got := furniture(doc.Pages[0]); got != "—1—" {
		t.Errorf("page 1 furniture %q, want the footer alone", got)
	}
	if got := furniture(doc.Pages[1]); !strings.Contains(got, "Gazette·1March2024") || !strings.Contains(got, "—2—") || strings.Contains(got, "Harbour") {
		t.Errorf("page 2 furniture %q", got)
	}
}

// TestInvalidTheme: Layout refuses a theme that does not validate.
func TestInvalidTheme(t *testing.T) {
	bad, _ := theme.Builtin("classic")
	bad.Styles.Body.Color = "black"
	if _, err := layout.Layout(context.Background(), &article.Article{Title: "T"}, layout.Options{Theme: bad}); err == nil {
		t.Error("Layout took an invalid theme")
	}
}
