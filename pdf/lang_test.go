package pdf

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/galleyprint/galley/page"
)

// pageContent returns the decoded content stream of page n (from 1).
func pageContent(t *testing.T, pdf []byte, n int) string {
	t.Helper()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadContext(bytes.NewReader(pdf), conf)
	if err != nil {
		t.Fatal(err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	d, _, _, err := ctx.PageDict(n, false)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ctx.PageContent(d, n)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestWritePassageLanguage checks that text in another language than the
// document's is drawn in a marked-content span carrying it (/Span
// <</Lang (fr)>> BDC … EMC), consecutive items sharing one, and that text
// in the document's language, or with a malformed tag, has none.
func TestWritePassageLanguage(t *testing.T) {
	sr := serif(t)
	lang := func(it page.Item, l string) page.Item { it.SetLang(l, nil); return it }
	doc := &page.Document{Info: page.Info{Language: "en"}, Pages: []*page.Page{
		onePage(word(sr, 72, 72, "Hello"), lang(word(sr, 72, 90, "Bonjour"), "fr"), lang(word(sr, 120, 90, "monde"), "fr"),
			lang(word(sr, 72, 110, "again"), "en"), lang(word(sr, 72, 130, "Hallo"), "de-CH"), lang(word(sr, 72, 150, "bad"), "x)y")),
		onePage(lang(word(sr, 72, 72, "Salut"), "fr")),
	}}
	out := write(t, doc)
	if d := read(t, out); d.Lang != "en" || d.Pages[0].Text() != "Hello Bonjour monde again Hallo bad" {
		t.Errorf("Lang %q, text %q", d.Lang, d.Pages[0].Text())
	}
	first := pageContent(t, out, 1)
	if n := strings.Count(first, "/Span <</Lang (fr)>> BDC"); n != 1 {
		t.Errorf("page 1 has %d French spans, want 1 for both words", n)
	}
	if n := strings.Count(first, "/Span <</Lang (de-CH)>> BDC"); n != 1 {
		t.Errorf("page 1 has %d Swiss German spans, want 1", n)
	}
	if strings.Count(first, "BDC") != strings.Count(first, "EMC") || strings.Contains(first, "x)y") || strings.Contains(first, "(en)") {
		t.Errorf("page 1 content:\n%s", first)
	}
	// the spans close at the end of the page and open again on the next
	second := pageContent(t, out, 2)
	if strings.Count(second, "/Span <</Lang (fr)>> BDC") != 1 || strings.Count(second, "EMC") != strings.Count(second, "BDC") {
		t.Errorf("page 2 content:\n%s", second)
	}
}

// TestIsLanguageTag checks the tags a PDF may carry: well-formed BCP 47
// tags, known or not, and nothing fpdf could not write unescaped or that
// only looks like a tag.
func TestIsLanguageTag(t *testing.T) {
	for _, tt := range []struct {
		tag  string
		want bool
	}{
		{"en", true}, {"pt-BR", true}, {"zh-Hant-TW", true}, {"de-CH-1996", true}, {"zz-ZZ", true},
		{"en-GB-x-private", true}, {"EN-gb", true},
		{"", false}, {"x)y", false}, {"en GB", false}, {"e", false}, {"en_GB", false},
		{"en-a", false},        // an extension singleton with no subtag
		{"en-GB-x", false},     // a private-use singleton with no subtag
		{"abcdefghi", false},   // a subtag over 8 letters
		{"en-US-u-ca-", false}, // a trailing hyphen
		{"123-GB", false},      // a language of digits
		{"en-(GB)", false},     // a parenthesis
	} {
		if got := isLanguageTag(tt.tag); got != tt.want {
			t.Errorf("isLanguageTag(%q) = %v, want %v", tt.tag, got, tt.want)
		}
	}
}
