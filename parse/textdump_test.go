package parse

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/galleyprint/galley/article"
)

// TestTextDumpHeader reads the print-view dumps of testdata/dumps: the
// headline is the line the dump marks as one (not a credits line, the
// document title's repeat without the site), and its byline and date
// lines, in their many shapes, become metadata and never body text.
func TestTextDumpHeader(t *testing.T) {
	tests := []struct {
		file    string
		title   string
		authors []string
		date    string // RFC 3339, "" for none
		notBody []string
	}{
		{"credits-line-first", "New Zealand", []string{"Contributors to Wikimedia projects"}, "",
			[]string{"by Contributors to Wikimedia projects", "New Zealand"}},
		{"document-title", "New Zealand", []string{"Contributors to Wikimedia projects"}, "",
			[]string{"by Contributors to Wikimedia projects", "New Zealand", "New Zealand - Wikipedia"}},
		{"updated-slash-date", "City council approves new budget", []string{"Scott Cunningham"}, "",
			[]string{"Updated: 12/07/2022 09:41", "By / by By / Scott Cunningham"}},
		{"byline-label-lines", "City council approves new budget", []string{"Scott Cunningham"}, "2019-02-21T00:00:00Z",
			[]string{"By", "by By", "Scott Cunningham", "Published: Feb. 21, 2019"}},
		{"avatar-alt", "City council approves new budget", []string{"Scott Cunningham"}, "2023-11-01T23:20:00Z",
			[]string{"'s Photo", "by Scott Cunningham", "print-icon"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "dumps", tt.file+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			a, err := Text(data, nil)
			if err != nil {
				t.Fatal(err)
			}
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
			if tt.date != "" && got != tt.date {
				t.Errorf("published %q, want %q", got, tt.date)
			}
			for _, b := range a.Body {
				if b.Kind == article.KindParagraph && slices.Contains(tt.notBody, strings.TrimSpace(b.Text.Plain())) {
					t.Errorf("header line printed as body text: %q", b.Text.Plain())
				}
			}
		})
	}
	// "Updated: 12/07/2022 09:41" is read month first
	data, _ := os.ReadFile(filepath.Join("testdata", "dumps", "updated-slash-date.txt"))
	a, err := Text(data, nil)
	if err != nil || a.Updated == nil || a.Updated.Format(time.RFC3339) != "2022-12-07T09:41:00Z" {
		t.Errorf("updated-slash-date: updated %v (%v), want 2022-12-07T09:41:00Z", a.Updated, err)
	}
}
