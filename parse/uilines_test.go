package parse

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
)

// TestHTMLUILines: the lines of the page's controls (testdata/furniture/uilines.html: a table of contents' label,
// share and rate prompts, the comment box's state) and a related-stories heading between paragraphs do not print;
// the article's paragraphs and its own subheading do.
func TestHTMLUILines(t *testing.T) {
	a := testdataHTML(t, filepath.Join("furniture", "uilines.html"), "https://garten.example/hummeln.html")
	text := a.PlainText()
	for _, gone := range []string{"Inhaltsverzeichnis", "Related Coverage", "teilen?", "nützlich", "Keine Kommentare", "einloggen"} {
		if strings.Contains(text, gone) {
			t.Errorf("control line %q printed", gone)
		}
	}
	for _, kept := range []string{"Hummeln fliegen", "Im Garten finden", "Ein Nistkasten", "Noch mehr Arbeit für die Gärtner", "Wer Wildstauden"} {
		if !strings.Contains(text, kept) {
			t.Errorf("article text %q dropped", kept)
		}
	}
}

// TestIsUILine: which blocks are a control's line, in several languages.
func TestIsUILine(t *testing.T) {
	para := func(s string) article.Block {
		return article.Block{Kind: article.KindParagraph, Text: article.Text{{Text: s}}}
	}
	tests := []struct {
		text string
		want bool
	}{
		{"War der Artikel nützlich?", true},
		{"Artikel gefallen? Vergiss nicht zu teilen!", true},
		{"(Noch keine Bewertungen)", true},
		{"Sie sind aktuell nicht eingeloggt.", true},
		{"Lade weitere Inhalte ...", true},
		{"Dieses Skript als PDF herunterladen", true},
		{"Quellen ausblenden", true},
		{"drukuj", true},
		{"Was this article helpful?", true},
		{"You must be logged in to post a comment.", true},
		{"Leave a Reply", true},
		{"Lascia un commento", true},
		{"Nach oben", true},
		{"4 Min Read", true},
		{"Lesezeit: 5 Minuten", true},
		{"weiterlesen 5 Minuten", true},
		{"Die Fahrt dauert 4 min. länger als geplant.", false},
		{"Keine Kommentare, keine Fragen: der Minister schwieg.", false},
		{"Der Artikel teilen sich drei Autoren.", false},
		{"Bewerten Sie Ihre Erfahrungen mit dem Hersteller im Forum, schrieb die Stiftung.", false},
		{"Das Inhaltsverzeichnis des Berichts nennt zwölf Kapitel.", false},
	}
	for _, tt := range tests {
		if got := isUILine(para(tt.text)); got != tt.want {
			t.Errorf("isUILine(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	mid := []struct {
		text string
		want bool
	}{
		{"Über den Autor", true},
		{"Lesen Sie auch die folgenden Beiträge:", true},
		{"Noch mehr Stories und Workshops …", true},
		{"Noch mehr Arbeit und Weltklassestadien", false},
		{"NEW AND EXCITING SIMILAR DISHES FOR YOU TO TRY OUT", false},
	}
	for _, tt := range mid {
		if got := isMidTailHeading(para(tt.text)); got != tt.want {
			t.Errorf("isMidTailHeading(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	long := para(strings.Repeat("Die Gemeinde baut die Mauer neu. ", 12))
	if got := dropUILines([]article.Block{long, para("Über den Autor")}); len(got) != 1 {
		t.Errorf("an author-box heading ending the article was kept: %d blocks", len(got))
	}
	if got := dropUILines([]article.Block{para("Über den Autor"), long}); len(got) != 2 {
		t.Errorf("a heading over the article's long paragraph was dropped: %d blocks", len(got))
	}
	if got := dropUILines([]article.Block{para("Nach oben")}); len(got) != 1 {
		t.Errorf("an article of one control line was cleared to %d blocks", len(got))
	}
}
