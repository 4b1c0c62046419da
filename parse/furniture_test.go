package parse_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleyprint/galley/parse"
)

// TestHTMLFurniture: visually hidden text never prints, and the furniture
// inside an article (share bars and counts, "Read more" lines, newsletter
// prompts, related-article lists, Save/Print/Share buttons, comment
// counts, cookie notices) is removed, by structure and by wording in
// several languages; the article's own text stays. Each page is in
// testdata/furniture.
func TestHTMLFurniture(t *testing.T) {
	// every page carries the same story around its case
	story := []string{
		"The council of the small harbour town voted on Tuesday evening",
		"The wall was built in 1868 from granite",
		"Work is expected to begin in the spring",
	}
	tests := []struct {
		page       string
		keep, drop []string
	}{
		{"hidden-classes.html",
			[]string{"The mayor thanked the engineers.", "Costs", "// wall.c", "Funding comes from the state."},
			[]string{"opens in a new window", "Section:", "Media caption"}},
		{"hidden-attributes.html",
			[]string{"The mayor thanked the engineers.", "Funding comes from the state.", "Shown on wide screens."},
			[]string{"Share this", "Hidden teaser", "Invisible paragraph", "Secret note"}},
		{"furniture-en.html", nil,
			[]string{"Facebook", "128 shares", "Read more", "Storm damages pier", "Save", "Print", "Share",
				"NEWSLETTER", "Related articles", "Ferry timetable", "cookies", "12 Comments", "Advertisement", "Comments are closed"}},
		{"furniture-de.html", nil,
			[]string{"Lesen Sie auch", "Sturm beschädigt", "Newsletter", "interessieren", "Neuer Fahrplan",
				"Teilen", "Drucken", "Merken", "Cookies", "Anzeige", "bewerten"}},
		{"furniture-fr.html", nil,
			[]string{"À lire aussi", "La tempête", "newsletter", "Sur le même sujet", "Nouveaux horaires", "Partager", "Imprimer"}},
		{"furniture-es.html", nil,
			[]string{"Lea también", "La tormenta", "boletín", "Noticias relacionadas", "Nuevo horario",
				"Compartir", "Imprimir", "Guardar", "cookies"}},
		{"furniture-it.html", nil,
			[]string{"Leggi anche", "La tempesta", "newsletter", "Articoli correlati", "Nuovi orari", "Condividi", "Stampa", "commenti"}},
		{"furniture-pt.html", nil,
			[]string{"Leia também", "Tempestade", "newsletter", "Matérias relacionadas", "Novo horário", "Compartilhar", "Salvar"}},
		{"furniture-nl.html", nil,
			[]string{"Lees ook", "Storm beschadigt", "nieuwsbrief", "Meest gelezen", "Nieuwe dienstregeling",
				"Delen", "Afdrukken", "Opslaan", "cookies"}},
		{"helpful.html", []string{"Residents found this helpful."},
			[]string{"Found This Helpful", "people found", "Was this article", "hilfreich", "utile ?", "útil este", "stato utile", "foi útil", "nuttig"}},
		{"furniture-classes.html", nil,
			[]string{"Related", "Ferry timetable", "thoughts on this", "Great news", "in your inbox",
				"Advertisement", "Tide times"}},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "furniture", tt.page))
			if err != nil {
				t.Fatal(err)
			}
			a, err := parse.HTML(data, "https://ledger.example/news/story.html", "")
			if err != nil {
				t.Fatal(err)
			}
			text := allText(a)
			for _, s := range append(story, tt.keep...) {
				if !strings.Contains(text, s) {
					t.Errorf("article text lost %q:\n%s", s, text)
				}
			}
			for _, s := range tt.drop {
				if strings.Contains(text, s) {
					t.Errorf("printed %q:\n%s", s, text)
				}
			}
		})
	}
}

// TestHTMLPreciseCandidate: when Readability takes a short summary full
// of commas for the article, whose paragraphs sit deep in wrappers, the
// page's own content container (itemprop=articleBody) gives the article.
// In precise-disjoint.html the summary holds almost as much text as the
// article: the container is still chosen, as Readability's choice holds
// none of its text.
func TestHTMLPreciseCandidate(t *testing.T) {
	for _, page := range []string{"precise-container.html", "precise-disjoint.html"} {
		t.Run(page, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "furniture", page))
			if err != nil {
				t.Fatal(err)
			}
			a, err := parse.HTML(data, "https://ledger.example/news/story.html", "")
			if err != nil {
				t.Fatal(err)
			}
			text := allText(a)
			for _, s := range []string{"The ferry to the island will run twice a day", "Tickets go on sale", "The old quay"} {
				if !strings.Contains(text, s) {
					t.Errorf("article text lost %q:\n%s", s, text)
				}
			}
			if strings.Contains(text, "In short") {
				t.Errorf("printed the summary instead of the article:\n%s", text)
			}
		})
	}
}
