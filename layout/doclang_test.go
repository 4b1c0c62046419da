package layout

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/parse"
)

// TestDocumentLanguage checks Info.Language, which becomes the PDF's
// /Lang: the option, else the article's, else guessed from its stopwords
// or, for scripts one language dominates, from its script. Right-to-left
// articles that did not say their language had none: only the article's
// own was used, and stopwords know Latin-script languages only.
func TestDocumentLanguage(t *testing.T) {
	read := func(name string) *article.Article {
		data, err := os.ReadFile("../testdata/rtl/" + name)
		if err != nil {
			t.Fatal(err)
		}
		arts, err := parse.Parse(data, parse.Options{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		return arts[0]
	}
	para := func(title, text string) *article.Article {
		return &article.Article{Title: title, Body: []article.Block{{Kind: article.KindParagraph, Text: article.Plain(text)}}}
	}
	english := para("Harbour lights", "The lamps along the quay were lit again on Thursday, after a dark winter, and the harbour master said that the cost was shared with the ferry company, which is the way it was done before.")
	tests := []struct {
		name string
		a    *article.Article
		opt  string
		want string
	}{
		{"Arabic without a language", read("arabic.md"), "", "ar"},
		{"Hebrew without a language", read("hebrew.md"), "", "he"},
		{"the option wins", read("arabic.md"), "ar-EG", "ar-EG"},
		{"the article's own", &article.Article{Title: "x", Language: "pt-BR", Body: english.Body}, "", "pt-BR"},
		{"guessed from stopwords", english, "", "en"},
		{"Persian", para("چراغ‌های بندر", "چراغ‌های اسکله پس از یک زمستان تاریک دوباره روشن شدند و مدیر بندر گفت که هزینه را شهرداری پرداخت کرد."), "", "fa"},
		{"Japanese", para("港の灯り", "木曜日に岸壁の灯りが再びともされた。暗い冬のあとのことである。"), "", "ja"},
		{"Greek", para("Τα φώτα του λιμανιού", "Οι λάμπες κατά μήκος της προκυμαίας άναψαν ξανά την Πέμπτη."), "", "el"},
		{"Russian is not guessed", para("Огни гавани", "Фонари вдоль набережной снова зажглись в четверг после тёмной зимы."), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Layout(context.Background(), tt.a, Options{Language: tt.opt})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Info.Language != tt.want {
				t.Errorf("Info.Language %q, want %q", doc.Info.Language, tt.want)
			}
		})
	}
}

// TestPassageLanguage checks that the text of a block in another language
// than the article's (article.Block.Lang) carries it, nested blocks
// included, and that the rest carries none (the document's).
func TestPassageLanguage(t *testing.T) {
	a := &article.Article{Title: "Harbour", Language: "en", Body: []article.Block{
		{Kind: article.KindParagraph, Text: article.Plain("English before.")},
		{Kind: article.KindQuote, Lang: "fr", Blocks: []article.Block{
			{Kind: article.KindParagraph, Text: article.Plain("Les lampes du quai.")},
			{Kind: article.KindParagraph, Lang: "de", Text: article.Plain("Die Lampen am Kai.")},
			{Kind: article.KindParagraph, Lang: "en", Text: article.Plain("Back in English.")},
		}},
		{Kind: article.KindParagraph, Lang: "en", Text: article.Plain("English after.")},
	}}
	doc, err := Layout(context.Background(), a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"English": "", "before.": "", "Les": "fr", "quai.": "fr", "Die": "de", "Kai.": "de",
		"Back": "", "after.": "", "Harbour": ""}
	seen := 0
	for _, it := range doc.Pages[0].Items {
		if lang, ok := want[it.Text]; ok && it.Kind == page.ItemText {
			seen++
			got := it.Lang()
			if got == doc.Info.Language {
				got = ""
			}
			if got != lang {
				t.Errorf("%q has language %q, want %q", it.Text, it.Lang(), lang)
			}
		}
	}
	if seen < len(want) {
		t.Errorf("found %d of the %d words", seen, len(want))
	}
}

// TestScriptRangeOf checks scriptRangeOf against the scripts' own
// tables, for every code point; the ranges are apart, so that each
// holds the code points of one script (or of none) only.
func TestScriptRangeOf(t *testing.T) {
	rs := scriptRanges()
	for i := 1; i < len(rs); i++ {
		if rs[i].lo <= rs[i-1].hi {
			t.Fatalf("scriptRanges %+v and %+v overlap or are out of order", rs[i-1], rs[i])
		}
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := -1
		for i, sl := range scriptLanguages {
			if unicode.Is(sl.script, r) {
				want = i
				break
			}
		}
		if sr := scriptRangeOf(r); sr.lang != want || r < sr.lo || r > sr.hi {
			t.Fatalf("scriptRangeOf(%U) = %+v, want script %d", r, sr, want)
		}
	}
}

// TestReadLowerWords checks that readLowerWords reads the words
// strings.ToLower's copy of a text has: runs of letters, lowered as it
// lowers them (invalid bytes, characters whose lower case is longer or
// shorter in UTF-8, and every code point among them), and nil for those
// of more than the longest characters.
func TestReadLowerWords(t *testing.T) {
	texts := []string{
		"", "The Quick brown FOX", "  leading, trailing.  ", "İstanbul ĞÜŞ and Ⅻ Ⓐbc",
		"Straße ΣΊΣΥΦΟΣ Ǆemal ǅ", "ab\xffcd\xe2\x80ef", "ȺȾ ⱥⱦ K Å", "日本語のテキスト، عربي",
		"don't stop-here 42nd", "\xf0\x9f\x98\x80emoji😀x", "wordswordswords and ȺȾȺȾȺȾȺ ȺȾȺȾȺȾȺȾ",
	}
	// and every code point, 256 in a text
	for r := rune(0); r <= unicode.MaxRune; r += 256 {
		var b strings.Builder
		for c := r; c < r+256; c++ {
			b.WriteRune(c)
		}
		texts = append(texts, b.String())
	}
	for _, longest := range []int{longestStopword(), 1 << 30} {
		for _, text := range texts {
			var want []string
			word := func(w string) {
				if utf8.RuneCountInString(w) > longest {
					w = "(long)"
				}
				want = append(want, w)
			}
			lower := strings.ToLower(text)
			start := -1
			for i, r := range lower {
				switch letter := unicode.IsLetter(r); {
				case letter && start < 0:
					start = i
				case !letter && start >= 0:
					word(lower[start:i])
					start = -1
				}
			}
			if start >= 0 {
				word(lower[start:])
			}
			var got []string
			readLowerWords(text, nil, longest, func(w []byte) {
				if w == nil {
					got = append(got, "(long)")
					return
				}
				got = append(got, string(w))
			})
			if !slices.Equal(got, want) {
				t.Errorf("readLowerWords(%q, %d) read %q, want %q", text, longest, got, want)
			}
		}
	}
}
