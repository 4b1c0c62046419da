package parse

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
)

// TestHTMLAuthorBio: the author's box set as the article's last paragraph (testdata/tail/authorbio.html) does not
// print; the byline still names the author, and the article's paragraphs print.
func TestHTMLAuthorBio(t *testing.T) {
	a := testdataHTML(t, filepath.Join("tail", "authorbio.html"), "https://swim.example/freiwasser.html")
	if len(a.Authors) != 1 || a.Authors[0] != "Jule Radeck" {
		t.Fatalf("authors %q, want Jule Radeck", a.Authors)
	}
	text := a.PlainText()
	if strings.Contains(text, "studierte Sportwissenschaften") {
		t.Error("the author's box printed")
	}
	if !strings.Contains(text, "Ein Neoprenanzug hält") {
		t.Error("the article's last paragraph is lost")
	}
}

// TestDropAuthorBio: only paragraphs opening with a full author name, among the last blocks and never the first.
func TestDropAuthorBio(t *testing.T) {
	para := func(s string) article.Block {
		return article.Block{Kind: article.KindParagraph, Text: article.Text{{Text: s}}}
	}
	body := func() []article.Block {
		return []article.Block{
			para("Alice Wu said on Monday that the council would vote again."),
			para("The vote is due in March."),
			para("Alice Wu fell down the rabbit hole of politics aged 12."),
		}
	}
	if got := dropAuthorBio(body(), []string{"Alice Wu"}); len(got) != 2 {
		t.Errorf("bio kept: %d blocks", len(got))
	}
	if got := dropAuthorBio(body(), []string{"Alice"}); len(got) != 3 {
		t.Errorf("a single-word name dropped a paragraph: %d blocks", len(got))
	}
	if got := dropAuthorBio(body(), nil); len(got) != 3 {
		t.Errorf("no author, yet %d blocks", len(got))
	}
	if got := dropAuthorBio(body()[:1], []string{"Alice Wu"}); len(got) != 1 {
		t.Errorf("an article's only paragraph was dropped")
	}
}
