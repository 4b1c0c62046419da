package parse

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
)

// TestHTMLPipeLines: the lines a page strings together with vertical bars
// (testdata/furniture/pipelines.html: a date and a section, a picture's
// credit, a post's meta line, a file's size, a row of links) do not
// print; the article's paragraphs, one with a bar inside a sentence, do.
func TestHTMLPipeLines(t *testing.T) {
	a := testdataHTML(t, filepath.Join("furniture", "pipelines.html"), "https://diario.example/economia/gremios.html")
	text := a.PlainText()
	for _, gone := range []string{"Economía", "Agencia UNO", "Visitas", "38 KB", "Aviso legal"} {
		if strings.Contains(text, gone) {
			t.Errorf("bar-separated line %q printed:\n%s", gone, text)
		}
	}
	for _, kept := range []string{"Los gremios de la pequeña empresa", "que |x| sea menor", "Las conversaciones seguirán"} {
		if !strings.Contains(text, kept) {
			t.Errorf("article text %q lost:\n%s", kept, text)
		}
	}
}

// TestIsPipeLine: pieces of a sentence between bars, or a long piece, are
// no furniture line.
func TestIsPipeLine(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"© Bundesrat | Frank Bräuer", true},
		{"Kommentarfeed | Kommentare geschlossen | Trackback-URL", true},
		{"Die Formel verlangt |x| < 1 für jede Region des Landes.", false},
		{"Wer kommt mit? | Wir fahren am Sonntag", false},
		{"Eine Zeile ohne Trennstrich", false},
		{"Kurz | " + strings.Repeat("ein sehr langes Stück Text ", 4), false},
	} {
		b := article.Block{Kind: article.KindParagraph, Text: article.Plain(tt.text)}
		if got := isPipeLine(b); got != tt.want {
			t.Errorf("isPipeLine(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
