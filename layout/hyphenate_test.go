package layout

import (
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/hyphen"
)

// hyphenated returns the words of text as the paragraph builder cuts them
// at hyphenation points: "hy-phen-ation".
func hyphenated(t *testing.T, lang, text string, rs runStyle) string {
	t.Helper()
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := &shaper{fonts: set, missing: map[rune]int{}, hyph: hyphen.For(lang)}
	var b strings.Builder
	elems := s.paragraph(article.Plain(text), rs)
	if s.hyph != nil {
		elems = withHyphenationPoints(elems, s.hyph)
	}
	for _, e := range elems {
		switch {
		case e.kind == box:
			for _, f := range e.frags {
				b.WriteString(f.text)
			}
		case e.kind == glue:
			b.WriteString(" ")
		case e.kind == penalty && e.auto:
			b.WriteString("-")
		}
	}
	return b.String()
}

func TestHyphenationPoints(t *testing.T) {
	body := runStyle{fam: fonts.Serif, size: Pt(11)}
	for _, c := range []struct{ lang, in, want string }{
		{"en", "hyphenation", "hy-phen-ation"},
		{"en", "“Hyphenation,” he said.", "“Hy-phen-ation,” he said."},
		{"en", "NATO UNESCO", "NATO UNESCO"}, // acronyms
		{"en", "1234567 3.14159", "1234567 3.14159"},
		{"en", "https://example.com/hyphenation", "https://example.com/hyphenation"},
		{"en", "doi:10.1080/10331867.2004", "doi:10.1080/10331867.2004"},
		{"en", "well-known", "well-known"}, // its own hyphen is the break
		{"de", "Silbentrennung", "Sil-ben-tren-nung"},
		{"xx", "hyphenation", "hyphenation"},
	} {
		if got := hyphenated(t, c.lang, c.in, body); got != c.want {
			t.Errorf("%s %q: %q, want %q", c.lang, c.in, got, c.want)
		}
	}
	// a word across two runs (roman and italic) is one word
	set, _ := fonts.Default()
	s := &shaper{fonts: set, missing: map[rune]int{}, hyph: hyphen.For("en")}
	var parts []string
	for _, e := range withHyphenationPoints(s.paragraph(article.Text{{Text: "hyphen"}, {Text: "ation", Italic: true}}, body), s.hyph) {
		if e.kind == box {
			var w strings.Builder
			for _, f := range e.frags {
				w.WriteString(f.text)
			}
			parts = append(parts, w.String())
		}
	}
	if got := strings.Join(parts, "-"); got != "hy-phen-ation" {
		t.Errorf("a word across runs: %q, want hy-phen-ation", got)
	}
	code := runStyle{fam: fonts.Mono, size: Pt(9)}
	if got := hyphenated(t, "en", "hyphenation", code); got != "hyphenation" {
		t.Errorf("code is hyphenated: %q", got)
	}
}

func TestGuessLanguage(t *testing.T) {
	para := func(s string) *article.Article {
		return &article.Article{Body: []article.Block{{Kind: article.KindParagraph, Text: article.Plain(s)}}}
	}
	for _, c := range []struct{ text, want string }{
		{"The harbour master said that the cost of the lamps was shared by the town and the ferry company, and that this was the way it had always been done for the people of the quay.", "en"},
		{"Der Hafenmeister sagte, dass die Kosten für die Lampen von der Stadt und der Fährgesellschaft geteilt werden und dass das auch nicht anders sein wird, wie es sich gehört.", "de"},
		{"Le capitaine du port a dit que les frais des lampes sont partagés par la ville et la compagnie des ferries, et que ce n'est pas une surprise pour les habitants du quai.", "fr"},
		{"短い文章です。", ""},
		{"word word word word word word word word word word word word word word word word word word word word word", ""},
	} {
		if got := guessLanguage(para(c.text)); got != c.want {
			t.Errorf("%.30q: %q, want %q", c.text, got, c.want)
		}
	}
}

func TestCJKBreaks(t *testing.T) {
	// UAX #14: between ideographs, not before 。or 」, not after 「
	text := "「東京」は日本。"
	var got []string
	from := 0
	for i := range text {
		if cjkBreaks(text)[i] {
			got = append(got, text[from:i])
			from = i
		}
	}
	got = append(got, text[from:])
	if s := strings.Join(got, "|"); s != "「東|京」|は|日|本。" {
		t.Errorf("breaks %q", s)
	}
	if cjkBreaks("plain latin text") != nil {
		t.Error("Latin text got CJK break opportunities")
	}
}
