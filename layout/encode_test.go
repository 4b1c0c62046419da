package layout_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/pdf"
)

// TestEncodeAskedOfTheWriter: the layout sets text as the writer that
// draws it encodes it (Options.Encode), so that what it measures is what
// is drawn: laying out text through the writer's encoding gives the same
// document as laying out the text the writer would draw.
func TestEncodeAskedOfTheWriter(t *testing.T) {
	noAccents := strings.NewReplacer("é", "e", "è", "e").Replace
	for _, c := range []struct {
		name   string
		text   string
		encode func(string) string
	}{
		{"PDF: a run of invalid bytes is one U+FFFD", "Caf\xff\xfe\xfd society met in the crèche\xc3 at noon.", pdf.Encode},
		{"PDF: astral characters stay", "Tea 😀 and 𠀀 at noon \xed\xa0\x80 sharp.", pdf.Encode},
		{"a writer without accents", "Café society met in the crèche at noon.", noAccents},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := func(text string, encode func(string) string) (*page.Document, string) {
				a := &article.Article{Title: "Notes", Body: []article.Block{{Kind: article.KindParagraph, Text: article.Plain(text)}}}
				d, err := layout.Layout(context.Background(), a, layout.Options{Encode: encode})
				if err != nil {
					t.Fatal(err)
				}
				var b strings.Builder
				if err := d.Dump(&b); err != nil {
					t.Fatal(err)
				}
				return d, b.String()
			}
			got, gotDump := doc(c.text, c.encode)
			_, wantDump := doc(c.encode(c.text), nil)
			if gotDump != wantDump {
				t.Errorf("layout through the writer's encoding:\n%s\nwant the layout of the encoded text:\n%s", gotDump, wantDump)
			}
			for _, it := range got.Pages[0].Items {
				if it.Kind == page.ItemText && (!utf8.ValidString(it.Text) || it.Text != c.encode(it.Text)) {
					t.Errorf("item %q is not as the writer encodes it", it.Text)
				}
			}
		})
	}
}
