package parse

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/galleyprint/galley/article"
)

// TestPageMetadata reads the small pages of testdata/meta, each showing
// one way pages state (or misstate) their headline, byline and date.
func TestPageMetadata(t *testing.T) {
	tests := []struct {
		page    string
		title   string
		authors []string
		date    string // RFC 3339, "" for none
	}{
		{"byline-date-comma", "Council weighs budget", []string{"Nathan Willis"}, ""},
		{"byline-only-dates", "Council weighs budget", nil, ""},
		{"byline-credential", "Council weighs budget", []string{"Brenda Goodman, MA"}, ""},
		{"byline-counts", "Council weighs budget", []string{"Lucas Nolan"}, ""},
		{"byline-jsonld", "Council weighs budget", []string{"Jane Doe", "John Roe"}, "2019-02-21T08:30:00-05:00"},
		{"byline-meta-author", "Council weighs budget", []string{"Ana Lima"}, ""},
		{"date-itemprop", "Council weighs budget", nil, "2015-03-11T19:46:14Z"},
		{"date-time-element", "Council weighs budget", nil, "2015-04-16T20:02:01Z"},
		{"date-line-bullet", "Council weighs budget", nil, "2019-02-21T00:00:00Z"},
		{"date-jsonld-cdata", "Council weighs budget", []string{"John C. Welch"}, "2015-10-15T02:19:15Z"},
		{"title-pipe-site", "How to Build a Terrarium", nil, ""},
		{"title-dash-site", "Council weighs budget", nil, ""},
		{"title-bracket-host", "Council weighs budget", nil, ""},
		{"title-cjk-sections", "议会讨论明年的预算", nil, ""},
		{"title-colon-kept", "Daring Fireball: Colophon", nil, ""},
		{"title-site-h1-kept", "Evolve: Shared Mutable History", nil, ""},
		{"title-h1-is-site", "Council weighs budget", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			a := testdataHTML(t, filepath.Join("meta", tt.page+".html"), "")
			if a.Title != tt.title {
				t.Errorf("title %q, want %q", a.Title, tt.title)
			}
			if !slices.Equal(a.Authors, tt.authors) {
				t.Errorf("authors %q, want %q", a.Authors, tt.authors)
			}
			got := ""
			if a.Published != nil {
				got = a.Published.Format(time.RFC3339)
			}
			if got != tt.date {
				t.Errorf("published %q, want %q", got, tt.date)
			}
			// what became metadata is not printed again as body text
			for _, b := range a.Body {
				if s := plainBlockText(b); strings.Contains(s, "Feb. 21") || strings.HasPrefix(s, "By ") {
					t.Errorf("header line left in the body: %q", s)
				}
			}
		})
	}
}

func plainBlockText(b article.Block) string {
	s := b.Text.Plain()
	for _, it := range b.Items {
		for _, ib := range it.Blocks {
			s += " " + plainBlockText(ib)
		}
	}
	return strings.TrimSpace(s)
}

// TestBylineNames is the byline cleaner on the shapes real pages write.
func TestBylineNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"By Jane Doe and John Roe", []string{"Jane Doe", "John Roe"}},
		{"By April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm", nil},
		{"By Last Updated: January 7, 2025", nil},
		{"By Nathan Willis March 25, 2015", []string{"Nathan Willis"}},
		{"By Brenda Goodman, MA WebMD Health News", []string{"Brenda Goodman, MA"}},
		{"By Lucas Nolan22 Dec 2016651", []string{"Lucas Nolan"}},
		{"By GILLIAN MOHNEY March 11, 2015 3:46 PM", []string{"GILLIAN MOHNEY"}},
		{"Written by Rob Ewaschuk Edited by Betsy Beyer", []string{"Rob Ewaschuk", "Betsy Beyer"}},
		{"Par Sébastien Farcis", []string{"Sébastien Farcis"}},
		{"Von Anna Schmidt und Jonas Weber", []string{"Anna Schmidt", "Jonas Weber"}},
		{"Jong, Michiel de", []string{"Jong, Michiel de"}},
		{"Kooman, F.", []string{"Kooman, F."}},
		{"Mac & i", []string{"Mac & i"}},
		{"Contributors to Wikimedia projects", []string{"Contributors to Wikimedia projects"}},
		{"April Glaser", []string{"April Glaser"}},
		{"By Jane Doe, PhD, and John Roe, MD", []string{"Jane Doe, PhD", "John Roe, MD"}},
		{"By Our Foreign Staff", nil},
		{"CC7567", nil},
		{"Jane Doe on Monday", []string{"Jane Doe"}},
		{"史蒂文的家_藍天 (stevenhgm)", []string{"史蒂文的家_藍天 (stevenhgm)"}},
		{"Michiel de Jong", []string{"Michiel de Jong"}},
		{"Da Silva", []string{"Da Silva"}},
		{"Von Miller", []string{"Von Miller"}},
	}
	for _, tt := range tests {
		if got := bylineNames(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("bylineNames(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
