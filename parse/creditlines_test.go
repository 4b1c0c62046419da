package parse

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
)

// TestHTMLCreditLines: credit, source and filing lines set as paragraphs (testdata/furniture/creditlines.html) do not
// print as the article's text; the source line under the table becomes its note.
func TestHTMLCreditLines(t *testing.T) {
	a := testdataHTML(t, filepath.Join("furniture", "creditlines.html"), "https://finanzen.example/rente.html")
	var paras []string
	var table *article.Table
	for _, b := range a.Body {
		switch b.Kind {
		case article.KindParagraph:
			paras = append(paras, b.Text.Plain())
		case article.KindTable:
			table = b.Table
		}
	}
	text := strings.Join(paras, "\n")
	for _, gone := range []string{"Titelbild", "PantherMedia", "dpa-AFX", "Dieser Eintrag", "Deutsche Rentenversicherung"} {
		if strings.Contains(text, gone) {
			t.Errorf("line %q printed as a paragraph", gone)
		}
	}
	if len(paras) != 3 {
		t.Errorf("%d paragraphs, want the article's 3:\n%s", len(paras), text)
	}
	if table == nil {
		t.Fatal("the table is lost")
	}
	if len(table.Notes) != 1 || !strings.Contains(table.Notes[0].Plain(), "Quelle: Deutsche Rentenversicherung") {
		t.Errorf("table notes %v, want the source line", table.Notes)
	}
}

// TestCreditLineKind: which paragraphs are credit, source or filing lines, in several languages.
func TestCreditLineKind(t *testing.T) {
	tests := []struct{ text, want string }{
		{"(Credit: Clayton Aldern / Grist)", "credit"},
		{"Photograph by Ed Marshall", "credit"},
		{"Beitragsbild: Titelseite der FAZ vom 2.4.2019, Ausriss.", "credit"},
		{"Crédits photos : Bestimage", "credit"},
		{"Fotos: Berliner Feuerwehr", "credit"},
		{"Źródło: ISBnews", "source"},
		{"Source: CDC, Chicago Department of Public Health", "source"},
		{"This entry was posted in Allgemein. Bookmark the permalink.", "filing"},
		{"Der Beitrag wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr veröffentlicht und wurde unter Allgemein abgelegt.", "filing"},
		{"Der Beitrag wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr veröffentlicht und wurde unter Allgemein, Region Halle - Leipzig, Tastings & Events, Whisky, Whisky-Messen, Whiskyverkostung abgelegt. Du kannst die Kommentare zu diesen Eintrag durch den RSS-Feed verfolgen. Du kannst einen Kommentar schreiben, oder einen Trackback auf deiner Seite einrichten.", "filing"},
		{"Erstellt am Dienstag 6. Mai 2014 um 23:30 und abgelegt unter Linux, Tutorials.", "filing"},
		{"Die Quelle: ein Brunnen am Hang, den die Gemeinde 1910 fassen ließ.", ""},
		{"Photographs by amateurs were shown alongside the work of professionals in the exhibition, which opened on Friday.", ""},
		{"Foto: ein Bild, das der Fotograf im Jahr 1968 aufgenommen hat und das seitdem in vielen Schulbüchern abgedruckt wurde, zeigt die Mauer.", ""},
	}
	for _, tt := range tests {
		b := article.Block{Kind: article.KindParagraph, Text: article.Text{{Text: tt.text}}}
		if got := creditLineKind(b); got != tt.want {
			t.Errorf("creditLineKind(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	one := []article.Block{{Kind: article.KindParagraph, Text: article.Text{{Text: "Quelle: dpa"}}}}
	if got := dropCreditLines(one); len(got) != 1 {
		t.Errorf("an article of one source line was cleared to %d blocks", len(got))
	}
}
