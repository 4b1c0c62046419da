package parse

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
)

// TestHTMLLinkTeasers: the teasers among an article's paragraphs
// (testdata/furniture/teasers.html: a labelled link "Lea: …", a paragraph
// that is only a link, a labelled link in a quote) do not print; the
// article's paragraphs, one holding a link, and a cited address do.
func TestHTMLLinkTeasers(t *testing.T) {
	a := testdataHTML(t, filepath.Join("furniture", "teasers.html"), "https://noticias.example/2022/deuda.html")
	text := a.PlainText()
	for _, gone := range []string{"Consejo Permanente", "Las remesas familiares", "PUEDES VER", "¿Qué es el FMI"} {
		if strings.Contains(text, gone) {
			t.Errorf("teaser %q printed", gone)
		}
	}
	for _, kept := range []string{"Nicaragua cerró 2021", "informe del Banco Central", "La deuda pública representa",
		"https://www.bcn.example/deuda-2021.pdf", "Los analistas esperan"} {
		if !strings.Contains(text, kept) {
			t.Errorf("article text %q dropped", kept)
		}
	}
	for _, b := range a.Body {
		if b.Kind == article.KindQuote {
			t.Errorf("a quote of only a teaser printed (%d blocks)", len(b.Blocks))
		}
	}
}

// TestIsLinkTeaser: which blocks are teasers.
func TestIsLinkTeaser(t *testing.T) {
	para := func(runs ...article.Inline) article.Block {
		return article.Block{Kind: article.KindParagraph, Text: runs}
	}
	plain := func(s string) article.Inline { return article.Inline{Text: s} }
	link := func(s string) article.Inline { return article.Inline{Text: s, Link: "https://news.example/x"} }
	tests := []struct {
		name string
		b    article.Block
		want bool
	}{
		{"whole link", para(link("Luftwaffe hat mit dem Training auf den H145 begonnen")), true},
		{"marked link", para(plain(">> "), link("Wegen Corona: Lokal auf Mallorca schließt"), plain(" <<")), true},
		{"labelled link", para(plain("Czytaj też: "), link("Wyścig zbrojeń ruszył z kopyta")), true},
		{"heading link", article.Block{Kind: article.KindHeading, Level: 3, Text: article.Text{link("“Rez Infinite” ($30)")}}, false},
		{"bare address", para(link("https://www.example.org/report-2021.pdf")), false},
		{"sentence with a link", para(plain("The council said in "), link("its report"), plain(" that the bridge will reopen in May.")), false},
		{"long label", para(plain("The full text of the agreement the ministers signed: "), link("agreement")), false},
		{"no link", para(plain("Lea: el informe completo del banco")), false},
		{"list", article.Block{Kind: article.KindList, Items: []article.ListItem{{Blocks: []article.Block{para(link("Weitere Artikel zum Thema"))}}}}, false},
		{"too long", para(link(strings.Repeat("ein langer verlinkter Absatz ", 10))), false},
	}
	for _, tt := range tests {
		if got := isLinkTeaser(tt.b); got != tt.want {
			t.Errorf("%s: isLinkTeaser = %v, want %v", tt.name, got, tt.want)
		}
	}
	links := []article.Block{para(link("Erste Meldung des Tages")), para(link("Zweite Meldung des Tages"))}
	if got := dropLinkTeasers(links); len(got) != 2 {
		t.Errorf("a page of links was cut to %d blocks", len(got))
	}
}
