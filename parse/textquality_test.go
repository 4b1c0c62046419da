package parse_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHTMLTextQuality: the article's text reads as its reader reads it.
// Each page is in testdata/text and shows a fault of earlier code.
func TestHTMLTextQuality(t *testing.T) {
	tests := []struct {
		page       string
		keep, drop []string
	}{
		// ruby readings (<rt>, and the <rp> parentheses around them) are
		// annotations: printed inline they garble the words they annotate
		{"ruby.html",
			[]string{"子どもへの虐待をなくすための法律ができて、親が子どもを教育するために"},
			[]string{"ぎゃくたい", "ほうりつ", "おや", "("}},
		// what publishing systems append inside the article's container:
		// a heading over related stories or the author's box and what
		// follows it, prompts, rights notices
		{"tail-related-en.html", []string{"Work is expected"}, []string{"Related Coverage", "Storm damages", "Ferry timetable"}},
		{"tail-related-de.html", []string{"Work is expected"}, []string{"interessieren", "Sturm", "Fahrplan"}},
		{"tail-related-de-more.html", []string{"Work is expected"}, []string{"Reisetipps", "Sturm", "Mehr zum Thema", "Zollstation", "Fahrplan"}},
		{"tail-author-de.html", []string{"Work is expected"}, []string{"Über den Autor", "Jule Radeck"}},
		{"tail-prompts.html", []string{"Work is expected"}, []string{"Subscribe now", "download the Ledger apps", "Follow The Ledger", "Telegram", "Unterstütze"}},
		{"tail-rights.html", []string{"Work is expected"}, []string{"copyrighted property", "All Rights Reserved"}},
		// a long notice opening with the copyright sign and a year, and a
		// licence line; a long sentence naming the licence stays
		{"tail-rights-long.html", []string{"Creative Commons, damit Schulen", "Die Arbeiten sollen"}, []string{"CC-BY", "Nachdruck"}},
		// a heading followed by the article's text, and a sentence that
		// only mentions support and following, stay
		// date lines at the start and end of the article's container
		// (the date is the article's metadata); a sentence with a date
		// stays
		{"datelines.html", []string{"Die Mauer wurde am 5. Mai 1868 aus Granit gebaut.", "Die Arbeiten sollen"},
			[]string{"24.01.2022", "Kategorie", "Publiziert", "Aktualizacja"}},
		// a line stamping the article with a date and a time among other
		// words (a byline, the reading time) at its start; a sentence
		// with a date and a time stays
		{"stamplines.html", []string{"Am 14. Mai 2014 um 15:40 Uhr bebte", "Die Arbeiten sollen"}, []string{"von Anja Schmoll", "przeczytasz"}},
		// advertising, affiliate and opinion notes about the post, in
		// several languages; a sentence about advertising stays
		{"disclosures.html", []string{"Der Text des neuen Gesetzes enthält ein Verbot von Werbung", "Tierärzte raten", "Die Spielzeit sollte"},
			[]string{"Werbung.", "advertisers", "Affiliate", "Meinung der Autorin", "ne reflètent pas", "disclaimer"}},
		{"tail-kept.html", []string{"About the author", "The harbour master", "Residents who want to support", "Work is expected"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "text", tt.page))
			if err != nil {
				t.Fatal(err)
			}
			text := allText(mustHTML(t, string(data), "", ""))
			for _, s := range tt.keep {
				if !strings.Contains(text, s) {
					t.Errorf("%q lost:\n%s", s, text)
				}
			}
			for _, s := range tt.drop {
				if strings.Contains(text, s) {
					t.Errorf("%q printed:\n%s", s, text)
				}
			}
		})
	}
}
