package parse

import (
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
)

// leftMarkup is static-site markup that must not reach a printed page
// outside code.
var leftMarkup = regexp.MustCompile(`\{\{|\{%|\{#[A-Za-z_]|\{:`)

// blocksOf collects a body's prose, code blocks and figures.
func blocksOf(blocks []article.Block, prose *[]string, code *[]article.Block, figs *[]*article.Figure) {
	for _, b := range blocks {
		switch b.Kind {
		case article.KindCode:
			*code = append(*code, b)
		case article.KindFigure:
			*figs = append(*figs, b.Figure)
			*prose = append(*prose, notCode(b.Figure.Caption))
		default:
			*prose = append(*prose, notCode(b.Text))
		}
		blocksOf(b.Blocks, prose, code, figs)
		for _, it := range b.Items {
			blocksOf(it.Blocks, prose, code, figs)
		}
	}
}

// notCode is t's text but its code spans.
func notCode(t article.Text) string {
	var b strings.Builder
	for _, r := range t {
		if !r.Code {
			b.WriteString(r.Text)
		}
	}
	return b.String()
}

// TestSiteMarkupFixtures reads the post of each fixture site in
// testdata/sites as a batch reads a folder's post: with its folder, so
// that its site is found. None of the markup may print as text; code
// includes, highlights and raw text are code blocks; pictures are
// figures; authors come from by:, ids and the authors data file.
func TestSiteMarkupFixtures(t *testing.T) {
	for _, tc := range []struct {
		post     string
		authors  []string
		code     []string // a code block holds each
		figures  []string // a figure's source ends with each (a data: URI: starts with it)
		prose    []string // the prose holds each
		warnings []string // a warning holds each
	}{
		{
			post:     "hugo/content/posts/bundle/index.md",
			authors:  []string{"Jane Doe"},
			code:     []string{`fmt.Println("hi")`, "edition = 'Winter'", `{{< figure src="elephant.jpg" >}}`},
			figures:  []string{"reading-room.png", "data:image/png;base64,", ""},
			prose:    []string{"The ship", "Winter 2024 edition", "mood is cheerful", "The reading room at noon", "youtube.com/watch?v=dQw4w9WgXcQ", "vimeo.com/55073825", "x.com/gohugoio/status/1315574583329062913", "gist.github.com/spf13/7896402", "More about it", "Mind the gap.", "A heading", "Remember", "Admonitions become quotations.", "https://gohugo.io"},
			warnings: []string{`notice`, `new-in`, `code-toggle`},
		},
		{
			post:     "jekyll/_posts/2020-01-02-every-tag.markdown",
			authors:  []string{"Mona Lisa Octocat"},
			code:     []string{`puts "hi"`, "{{ page.title }}"},
			prose:    []string{"Version 4.2.0 of Fixture Jekyll site is out", "An included note from Fixture Jekyll site.", "Fixed #12 and #34.", "A note.", "Details"},
			warnings: []string{"missing.html"},
		},
		{
			post:     "gotmpl/blog/actions.md",
			authors:  []string{"Rob Pike", "Andrew Gerrand"},
			code:     []string{"func main() {\n\tfmt.Println(\"Hello, 世界\")\n}", "  line one\n    line two"},
			figures:  []string{"gopher.png"},
			prose:    []string{`titled "Go template actions"`, "Video: talk.mp4", "Dev tools"},
			warnings: []string{"mystery"},
		},
	} {
		t.Run(tc.post, func(t *testing.T) {
			p := filepath.Join("..", "testdata", "sites", tc.post)
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			var logged strings.Builder
			arts, err := Parse(data, Options{Name: p, Dir: filepath.Dir(p), Logger: slog.New(slog.NewTextHandler(&logged, nil))})
			if err != nil {
				t.Fatal(err)
			}
			a := arts[0]
			if strings.Join(a.Authors, "|") != strings.Join(tc.authors, "|") {
				t.Errorf("authors %q, want %q", a.Authors, tc.authors)
			}
			var prose []string
			var code []article.Block
			var figs []*article.Figure
			blocksOf(a.Body, &prose, &code, &figs)
			all := strings.Join(prose, "\n")
			if m := leftMarkup.FindAllString(all, -1); m != nil || strings.Contains(all, "OMIT") {
				t.Errorf("markup printed as text %q in:\n%s", m, all)
			}
			for _, want := range tc.prose {
				if !strings.Contains(all, want) {
					t.Errorf("prose lacks %q:\n%s", want, all)
				}
			}
			for _, want := range tc.code {
				found := false
				for _, c := range code {
					found = found || strings.Contains(c.Code, want)
				}
				if !found {
					t.Errorf("no code block holds %q; code blocks: %v", want, code)
				}
			}
			if len(figs) != len(tc.figures) {
				t.Errorf("%d figures, want %d", len(figs), len(tc.figures))
			}
			for i := 0; i < min(len(figs), len(tc.figures)); i++ {
				if want := tc.figures[i]; want != "" && !strings.HasSuffix(figs[i].Src, want) && !(strings.HasPrefix(want, "data:") && strings.HasPrefix(figs[i].Src, want)) {
					t.Errorf("figure %d is %q, want …%s", i, figs[i].Src, want)
				}
			}
			for _, w := range tc.warnings {
				if !strings.Contains(logged.String(), w) {
					t.Errorf("no warning names %s; warnings:\n%s", w, logged.String())
				}
			}
		})
	}
}
