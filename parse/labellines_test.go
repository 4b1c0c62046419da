package parse

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
)

// TestHTMLLabelLines: box labels ("Weitere Informationen:", "Kontakt:") and a byline set as a paragraph
// (testdata/furniture/labels.html) do not print among the article's paragraphs.
func TestHTMLLabelLines(t *testing.T) {
	a := testdataHTML(t, filepath.Join("furniture", "labels.html"), "https://klima.example/system.html")
	text := a.PlainText()
	for _, gone := range []string{"von Tilman Weber", "Weitere Informationen:", "Kontakt:"} {
		if strings.Contains(text, gone) {
			t.Errorf("label %q printed", gone)
		}
	}
	if n := len(a.Body); n != 4 {
		t.Errorf("%d blocks, want the article's 4 paragraphs:\n%s", n, text)
	}
}

// TestIsLabelOnly: box labels and byline lines, in several languages, and what is neither.
func TestIsLabelOnly(t *testing.T) {
	para := func(s string) article.Block {
		return article.Block{Kind: article.KindParagraph, Text: article.Text{{Text: s}}}
	}
	tests := []struct {
		text string
		want bool
	}{
		{"Pressekontakt:", true},
		{"Release Date:", true},
		{"Más información", true},
		{"Ansprechpartnerin zum Thema:", true},
		{"Von: Götz Warnke", true},
		{"von Michael Rädel, Redaktion", true},
		{"By Jane Doe", true},
		{"Interview SVEN MICHAELSEN", true},
		{"Kontakt zu den Behörden hatte er nie.", false},
		{"von der Feuerwehr gerettet", false},
		{"By the end of the year", false},
		{"Weitere Informationen finden Sie auf der Seite des Ministeriums.", false},
	}
	for _, tt := range tests {
		if got := isLabelOnly(para(tt.text)); got != tt.want {
			t.Errorf("isLabelOnly(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
