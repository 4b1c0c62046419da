package galley_test

import (
	"os"
	"strings"
	"testing"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
)

// TestActualTextExtracts: the actual texts of hyphenated words and of
// shaped Arabic are in the structure tree, for readers that read it, and
// change nothing the text extractors give, which read the drawn text:
// pdftotext and mutool give the same words from the tagged PDF as from
// the untagged one (no word lost, none doubled).
func TestActualTextExtracts(t *testing.T) {
	pdftotext := requireTool(t, "pdftotext", "poppler-utils")
	mutool := requireTool(t, "mutool", "mupdf-tools")
	requireFont(t, '\uFEFB', "fonts-dejavu-core")
	arabic, err := os.ReadFile("testdata/rtl/arabic.md")
	if err != nil {
		t.Fatal(err)
	}
	arts, err := galley.Parse(arabic, galley.ParseOptions{Name: "arabic.md"})
	if err != nil {
		t.Fatal(err)
	}
	words := &article.Article{Title: "Words", Language: "en", Body: []article.Block{{Kind: article.KindParagraph,
		Text: article.Plain(strings.Repeat("Internationalization considerations notwithstanding, extraordinarily comprehensive documentation accompanies implementations. ", 8))}}}
	for _, c := range []struct {
		name string
		a    *article.Article
		opts galley.Options
		// what the tagged PDF holds: the words' actual texts
		actual []string
	}{
		{"hyphenated", words, galley.Options{Columns: 3}, []string{"considerations", "extraordinarily"}},
		{"arabic", arts[0], galley.Options{Fonts: installedFonts(t)}, []string{"الميناء", "التكلفة", "العبارات،"}},
	} {
		plain, tagged := c.opts, c.opts
		plain.PDFProfile, tagged.PDFProfile = galley.ProfilePlain, galley.ProfileA2A
		before, after := exportFile(t, c.a, plain), exportFile(t, c.a, tagged)
		for _, tool := range [][]string{{pdftotext, "-enc", "UTF-8"}, {mutool, "draw", "-q", "-F", "txt"}} {
			args := func(path string) []string {
				if tool[0] == mutool {
					return append(tool[1:], path)
				}
				return append(tool[1:], path, "-")
			}
			b, a := strings.Fields(run(t, tool[0], args(before)...)), strings.Fields(run(t, tool[0], args(after)...))
			if strings.Join(a, " ") != strings.Join(b, " ") {
				t.Errorf("%s: %s gives other words tagged:\n%q\nuntagged:\n%q", c.name, tool[0], a, b)
			}
		}
		objects := run(t, requireTool(t, "qpdf", "qpdf"), "--json=2", "--json-key=qpdf", after, "-")
		for _, want := range c.actual {
			if !strings.Contains(objects, `"/ActualText": "u:`+want+`"`) {
				t.Errorf("%s: the tagged PDF has no actual text %q", c.name, want)
			}
		}
	}
}
