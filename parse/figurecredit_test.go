package parse

import (
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
)

// TestFigureCaptionCredit reads the small pages of testdata/figures, each
// a way news sites write a figure's caption and credit: the two come out
// separated, each once, without the labels pages hide or print beside
// them, and the image's alt text stays its description.
func TestFigureCaptionCredit(t *testing.T) {
	const alt = "Workers unloading crates at the plant"
	tests := []struct {
		page, caption, credit, alt string
	}{
		{"credit-hidden-label", "Workers at the plant in Brooklyn.", "Fred R. Conrad", alt},
		{"credit-only-label", "", "Kevin Frayer/Getty Images", alt},
		{"credit-glued-text", "Workers at the plant in Brooklyn.", "Fred R. Conrad", alt},
		{"credit-foto-prefix", "", "Foto: LA NACION", alt},
		{"credit-small", "Le port de Marseille au petit matin.", "AFP", alt},
		{"credit-visible-label", "Robert Mugabe at State House", "HARARE HERALD", alt},
		{"credit-doubled", "Crates at the plant.", "Photo: Jane Roe", alt},
		{"lazy-image-labels", "About 40 bodies were buried on Thursday", "Reuters", "Drone pictures of the island"},
		{"media-caption-label", "Drone footage shows the island", "", alt},
		{"sibling-caption-div", "Crates at the plant on Monday.", "Photo: Jane Roe", alt},
		{"sibling-caption-list", "Crates at the plant on Monday.", "Photo: Jane Roe", alt},
		// a plain paragraph after the image, ending with a credit or
		// starting with the figure's number, is its caption
		{"paragraph-credit-copyright", "Crates at the plant on Monday.", "© AFP / Jane Roe", alt},
		{"paragraph-credit-foto", "Crates at the plant on Monday.", "Foto: Archivo El País", alt},
		{"paragraph-credit-agency", "Crates at the plant on Monday", "REUTERS/Jane Roe", alt},
		{"paragraph-figure-number", "Abbildung 4: Crates at the plant on Monday.", "", alt},
		// the description printed again with a credit is the caption
		{"paragraph-alt-repeated", alt, "Jane Roe", alt},
		// without a credit it may be the article's lead, copied into alt
		{"paragraph-alt-copied", "", "", alt},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			a := testdataHTML(t, filepath.Join("figures", tt.page+".html"), "")
			var figs []*article.Figure
			for _, b := range a.Body {
				switch {
				case b.Kind == article.KindFigure:
					figs = append(figs, b.Figure)
				case b.Kind == article.KindParagraph && figureLabels[furnitureKey(b.Text.Plain())]:
					t.Errorf("label printed as a paragraph: %q", b.Text.Plain())
				case b.Kind == article.KindParagraph && (b.Text.Plain() == tt.credit || b.Text.Plain() == tt.caption):
					t.Errorf("caption or credit printed again as a paragraph: %q", b.Text.Plain())
				case b.Kind == article.KindList:
					for _, it := range b.Items {
						for _, ib := range it.Blocks {
							if ib.Kind == article.KindFigure {
								figs = append(figs, ib.Figure)
							} else if s := ib.Text.Plain(); s != "" && strings.Contains(s, "Crates at the plant") {
								t.Errorf("caption printed again as a list item: %q", s)
							}
						}
					}
				}
			}
			if a.Lead != nil {
				figs = append(figs, a.Lead)
			}
			if len(figs) != 1 {
				t.Fatalf("%d figures, want 1", len(figs))
			}
			f := figs[0]
			if got := f.Caption.Plain(); got != tt.caption {
				t.Errorf("caption %q, want %q", got, tt.caption)
			}
			if f.Credit != tt.credit {
				t.Errorf("credit %q, want %q", f.Credit, tt.credit)
			}
			if f.Alt != tt.alt {
				t.Errorf("alt %q, want %q", f.Alt, tt.alt)
			}
		})
	}
}

// TestFigureWithoutImage: a figure without an image (a video player)
// prints its caption without the label pages put before it.
func TestFigureWithoutImage(t *testing.T) {
	a := testdataHTML(t, filepath.Join("figures", "video-media-caption.html"), "")
	found := false
	for _, b := range a.Body {
		switch s := b.Text.Plain(); {
		case s == "Drone footage shows mass burials in New York":
			found = true
		case strings.Contains(s, "Media caption"):
			t.Errorf("label printed: %q", s)
		}
	}
	if !found {
		t.Errorf("caption not printed as its own paragraph")
	}
}

// TestCreditMarks: captionCredit finds no credit in a text without one
// of the creditMarks, on random texts of its words and punctuation, and
// finds those that have them.
func TestCreditMarks(t *testing.T) {
	for _, s := range []string{"A dam at dawn © AFP / Jane Doe", "A dam at dawn. (Photo: Jane Doe)", "A dam (REUTERS/Jane Doe)",
		"A dam at dawn. Foto: Agencia", "A dam at dawn | Photo credit: Jane Doe"} {
		if !captionCredit.MatchString(s) || !strings.ContainsAny(s, creditMarks) {
			t.Errorf("%q: no credit found", s)
		}
	}
	rnd := rand.New(rand.NewPCG(7, 8))
	pieces := []string{"photo", "Photo", "credit", "foto", "bild", "crédit", "image", "by", "s", " ", "  ", "\t", "|", ".", ",", ";",
		"–", "-", "(", "/", "REUTERS", "Jane", "Doe", "a", "é", "Ö", "&", "'", "©", ")", ":", "：", "﹕"}
	matched := 0
	for range 30000 {
		var b strings.Builder
		for range rnd.IntN(12) {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		s := b.String()
		match := captionCredit.MatchString(s)
		if match && !strings.ContainsAny(s, creditMarks) {
			t.Errorf("%q: a credit without a credit mark", s)
		}
		if match {
			matched++
		}
	}
	if matched < 500 {
		t.Errorf("only %d of the texts hold a credit", matched)
	}
}

// TestCreditClass compares isCreditClass with creditClass on 30,000
// random classes made of pieces of its words in either case, the long s
// and the Kelvin sign (which its (?i) folds), other letters beyond ASCII
// and classes longer than isCreditClass lowers on the stack.
func TestCreditClass(t *testing.T) {
	pieces := []string{"cred", "CRED", "it", "IT", "copy", "Copy", "right", "attri", "bution", "photo", "grapher", "GRAPHER",
		"source", "ſource", "SOURCE", "by", "line", "LINE", " ", "-", "_", "é", "\u212a", "x", strings.Repeat("y", 300)}
	rng := rand.New(rand.NewPCG(33, 3))
	matched := 0
	for range 30000 {
		var class string
		for range 1 + rng.IntN(6) {
			class += pieces[rng.IntN(len(pieces))]
		}
		want := creditClass.MatchString(class)
		if got := isCreditClass(class); got != want {
			t.Fatalf("isCreditClass(%q) = %v, want %v", class, got, want)
		}
		if want {
			matched++
		}
	}
	if matched < 1000 {
		t.Errorf("only %d of the random classes matched: the test tries too few", matched)
	}
}
