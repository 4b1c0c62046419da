package galley_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/pdftext"
	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/page"
)

// articles returns the test articles: testdata/articles/<case>/input.*.
func articles(t testing.TB) map[string]*article.Article {
	t.Helper()
	inputs, err := filepath.Glob("testdata/articles/*/input.*")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no test articles: %v", err)
	}
	out := map[string]*article.Article{}
	for _, in := range inputs {
		data, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		arts, err := galley.Parse(data, galley.ParseOptions{Name: in})
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		out[filepath.Base(filepath.Dir(in))] = arts[0]
	}
	return out
}

func export(t testing.TB, a *article.Article, opts galley.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := galley.Export(context.Background(), &buf, a, opts); err != nil {
		t.Fatalf("export %q: %v", a.Title, err)
	}
	return buf.Bytes()
}

// TestTextLayerMatchesArticle decodes each PDF's text layer and compares it
// word by word with the article's text.
func TestTextLayerMatchesArticle(t *testing.T) {
	for name, a := range articles(t) {
		t.Run(name, func(t *testing.T) {
			data := export(t, a, galley.Options{})
			if err := pdftext.Validate(data); err != nil {
				t.Fatalf("pdfcpu validation: %v", err)
			}
			pages, err := pdftext.Pages(data)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range pages {
				for _, w := range p.Words {
					got = append(got, strings.Fields(w.Text)...)
				}
			}
			want := strings.Fields(a.PlainText())
			missing := missingWords(want, got)
			if len(missing) > 0 {
				t.Errorf("%d of %d article words not in the PDF text layer in order, first: %q", len(missing), len(want), missing[:min(len(missing), 10)])
			}
		})
	}
}

// missingWords returns the words of want not found, in order, in got.
// The PDF words are searched joined together, so a word the layout broke
// across lines still counts; hyphens are left out on both sides, as a
// hyphenated word is printed with one at the line end; a character no font
// has is printed as U+FFFD.
func missingWords(want, got []string) []string {
	noHyphens := strings.NewReplacer("-", "", "\u2010", "")
	joined := noHyphens.Replace(strings.Join(got, ""))
	var missing []string
	pos := 0
	for _, w := range want {
		w = strings.Map(func(r rune) rune {
			if r > 0xFFFF {
				return '\uFFFD'
			}
			return r
		}, w)
		w = noHyphens.Replace(w)
		if i := strings.Index(joined[pos:], w); i >= 0 {
			pos += i + len(w)
			continue
		}
		missing = append(missing, w)
	}
	return missing
}

func TestSameInputSameBytes(t *testing.T) {
	for name, a := range articles(t) {
		one := export(t, a, galley.Options{})
		two := export(t, a, galley.Options{})
		if !bytes.Equal(one, two) {
			t.Errorf("%s: two exports differ", name)
		}
	}
}

func TestCreationDate(t *testing.T) {
	a := articles(t)["seed"]
	d := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	data := export(t, a, galley.Options{Date: d})
	if !bytes.Contains(data, []byte("D:20240301120000")) {
		t.Error("the PDF does not carry the --date creation date")
	}
	data = export(t, a, galley.Options{})
	if !bytes.Contains(data, []byte("D:20231101232000")) {
		t.Error("without a date, the PDF does not carry the article's date")
	}
}

func TestBadOptions(t *testing.T) {
	a := articles(t)["seed"]
	for _, o := range []galley.Options{
		{Page: page.Size{W: page.Pt(100), H: page.Pt(100)}}, {Page: page.Size{W: page.A4.W}},
		{Margins: page.Margins{Top: -page.Point}}, {Gutter: -page.Point},
		{Page: page.A5, Margins: page.Margins{Top: page.MM(200), Right: page.MM(200), Bottom: page.MM(200), Left: page.MM(200)}},
		{Links: "sidenotes"}, {Impose: "four-up"}, {Theme: "baroque"},
	} {
		var buf bytes.Buffer
		_, err := galley.Export(context.Background(), &buf, a, o)
		if err == nil {
			t.Errorf("%+v: no error", o)
		}
		if buf.Len() > 0 {
			t.Errorf("%+v: wrote %d bytes despite the error", o, buf.Len())
		}
	}
	if _, err := galley.Export(context.Background(), &bytes.Buffer{}, &article.Article{}, galley.Options{}); !errors.Is(err, galley.ErrNoContent) {
		t.Errorf("empty article: %v, want ErrNoContent", err)
	}
}

func TestCancelled(t *testing.T) {
	a := articles(t)["seed"]
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := galley.Export(ctx, &bytes.Buffer{}, a, galley.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled export: %v", err)
	}
}

// TestLayoutInvariants checks every test article on several page sizes.
func TestLayoutInvariants(t *testing.T) {
	for name, a := range articles(t) {
		for _, size0 := range []string{"A4", "A5", "Letter", "120x180mm"} {
			size, _ := page.ParseSize(size0)
			doc, err := layout.Layout(context.Background(), a, layout.Options{Page: size})
			if err != nil {
				t.Fatalf("%s on %s: %v", name, size0, err)
			}
			for _, e := range doc.Verify() {
				t.Errorf("%s on %s: %v", name, size0, e)
			}
			if by := a.Byline(); by != "" && !strings.Contains(doc.Pages[0].Text(), by) {
				t.Errorf("%s on %s: byline %q not on page 1", name, size0, by)
			}
		}
	}
}
