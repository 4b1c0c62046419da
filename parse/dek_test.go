package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
)

// TestHTMLDek: the standfirst set under the headline in the article's header (testdata/lead/dek.html) prints as the
// article's first paragraph, once; the site's tagline under its name does not.
func TestHTMLDek(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "lead", "dek.html"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := HTML(data, "https://diario.example/2022/muratov.html", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Body) == 0 || !strings.HasPrefix(a.Body[0].Text.Plain(), "El periodista sostuvo") {
		t.Fatalf("first block is not the standfirst: %q", a.Body[0].Text.Plain())
	}
	text := a.PlainText()
	if n := strings.Count(text, "El periodista sostuvo"); n != 1 {
		t.Errorf("standfirst printed %d times", n)
	}
	if strings.Contains(text, "Noticias de la región") {
		t.Error("the site's tagline printed")
	}
	if !strings.Contains(text, "El premio Nobel de la Paz") {
		t.Error("the article's first paragraph is lost")
	}
}

// TestWithDek: a standfirst the body or the title already holds is not added again.
func TestWithDek(t *testing.T) {
	body := []article.Block{{Kind: article.KindParagraph, Text: article.Text{{Text: "An inquest into the death has been adjourned until July. The coroner said more evidence was needed."}}}}
	if got := withDek(body, "An inquest into the death has been adjourned until July.", "Student dies"); len(got) != 1 {
		t.Errorf("a standfirst the body holds was added: %d blocks", len(got))
	}
	if got := withDek(body, "Student dies after taking diet pills bought online", "Student dies after taking diet pills bought online"); len(got) != 1 {
		t.Errorf("a standfirst repeating the title was added: %d blocks", len(got))
	}
	if got := withDek(body, "The family warns others about pills sold online as slimming aids.", "Student dies"); len(got) != 2 {
		t.Errorf("a new standfirst was not added: %d blocks", len(got))
	}
	for _, tt := range []struct {
		v    string
		want bool
	}{{"article-subheadline", true}, {"c-article-head__subtitle", true}, {"ts-intro", true}, {"site-description", false}, {"blog-description", false}, {"leader", false}, {"", false}} {
		if got := namesDek(tt.v); got != tt.want {
			t.Errorf("namesDek(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
}
