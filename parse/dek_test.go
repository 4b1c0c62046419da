package parse

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
)

// TestHTMLDek: the standfirst set under the headline in the article's header (testdata/lead/dek.html) prints as the
// article's first paragraph, once; the site's tagline under its name does not.
func TestHTMLDek(t *testing.T) {
	a := testdataHTML(t, filepath.Join("lead", "dek.html"), "https://diario.example/2022/muratov.html")
	if len(a.Body) == 0 || !strings.HasPrefix(a.Body[0].Text.Plain(), "El periodista sostuvo") {
		t.Fatalf("first block is not the standfirst: %q", a.Body[0].Text.Plain())
	}
	if !a.Body[0].Standfirst || a.Body[1].Standfirst {
		t.Errorf("standfirst marks %v, %v; want the first block's alone", a.Body[0].Standfirst, a.Body[1].Standfirst)
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

// TestWithDek: a standfirst the body or the title already holds is not
// added again; one added is marked as the standfirst, and so is the
// body's first paragraph when it is the standfirst word for word, not
// when it holds more.
func TestWithDek(t *testing.T) {
	body := []article.Block{{Kind: article.KindParagraph, Text: article.Text{{Text: "An inquest into the death has been adjourned until July. The coroner said more evidence was needed."}}}}
	if got := withDek(body, "An inquest into the death has been adjourned until July.", "Student dies"); len(got) != 1 || got[0].Standfirst {
		t.Errorf("a standfirst the body holds was added (%d blocks), or the paragraph holding more than it marked (%v)", len(got), got[0].Standfirst)
	}
	opening := []article.Block{{Kind: article.KindParagraph, Text: article.Plain("An inquest into the death has been  adjourned until July.")}, body[0]}
	if got := withDek(opening, "An inquest into the death has been adjourned until July.", "Student dies"); len(got) != 2 || !got[0].Standfirst || got[1].Standfirst {
		t.Errorf("the opening paragraph that is the standfirst: %d blocks, marks %v %v; want 2, true false", len(got), got[0].Standfirst, got[1].Standfirst)
	}
	if got := withDek(body, "Student dies after taking diet pills bought online", "Student dies after taking diet pills bought online"); len(got) != 1 {
		t.Errorf("a standfirst repeating the title was added: %d blocks", len(got))
	}
	if got := withDek(body, "The family warns others about pills sold online as slimming aids.", "Student dies"); len(got) != 2 || !got[0].Standfirst || got[1].Standfirst {
		t.Errorf("a new standfirst was not added first and marked: %d blocks", len(got))
	}
	long := strings.Repeat("The family warns others about pills sold online as slimming aids. ", 5)
	if got := withDek(body, long, "Student dies"); len(got) != 2 || got[0].Standfirst {
		t.Errorf("a standfirst of %d characters, a paragraph more than a dek, was marked (or not added: %d blocks)", len(long), len(got))
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

// TestHTMLDescribedLead: the page's description (<meta name=description>,
// og:description), shown word for word as a block of its own above the
// article under class names no rule knows (testdata/lead/described*.html),
// prints as the article's first paragraph, once, also when the
// description is cut short with an ellipsis; a description the page does
// not show, or shows only as a link, prints nothing.
func TestHTMLDescribedLead(t *testing.T) {
	const lead = "Die Heizungsbranche hat in neun Monaten mehr Wärmepumpen verkauft als im ganzen Vorjahr. Viele Haushalte zögern dennoch, zeigt eine Umfrage."
	for _, tt := range []struct {
		page  string
		shown bool
	}{{"described.html", true}, {"described-cut.html", true}, {"described-link.html", false}, {"described-unshown.html", false}} {
		t.Run(tt.page, func(t *testing.T) {
			a := testdataHTML(t, filepath.Join("lead", tt.page), "https://energie.example/2022/waermepumpen.html")
			text := a.PlainText()
			if !strings.Contains(text, "Trotz angespannter Lieferketten") {
				t.Errorf("the article's first paragraph is lost:\n%s", text)
			}
			got := strings.Count(text, lead)
			switch {
			case tt.shown && (got != 1 || !strings.HasPrefix(a.Body[0].Text.Plain(), lead)):
				t.Errorf("the lead is printed %d times, first block %q", got, a.Body[0].Text.Plain())
			case !tt.shown && got != 0:
				t.Errorf("a description the page does not show as a block printed:\n%s", text)
			}
		})
	}
}

// TestWithDekOpeningRepeated: a standfirst whose first sentence the
// article's first paragraph repeats, and whose second it does not, is
// added: the body holds only a part of it.
func TestWithDekOpeningRepeated(t *testing.T) {
	body := []article.Block{{Kind: article.KindParagraph, Text: article.Plain("Die Jugendverbände der Landwirtschaft fordern eine Prämie. So sollen junge Landwirte bei der ersten Niederlassung gefördert werden.")}}
	dek := "Die Jugendverbände der Landwirtschaft fordern eine Prämie. In einem ersten Gespräch zeigte sich die Ministerin offen dafür."
	if got := withDek(body, dek, "Prämie für Junglandwirte"); len(got) != 2 || got[0].Text.Plain() != dek {
		t.Errorf("a standfirst the body holds only in part was not added: %d blocks", len(got))
	}
}
