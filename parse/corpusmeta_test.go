package parse

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// corpusDir is the shared corpus of real pages (GALLEY_CORPUS, else the
// folder beside the repository's).
func corpusDir(t *testing.T) string {
	dir := os.Getenv("GALLEY_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "corpus")
	}
	if _, err := os.Stat(filepath.Join(dir, "web")); err != nil {
		t.Skipf("no corpus at %s (set GALLEY_CORPUS): %v", dir, err)
	}
	return dir
}

// wrongBylines are the reference bylines (Readability.js's) that the page
// itself contradicts, with the page's evidence; the byline galley must
// print instead is the first field.
var wrongBylines = map[string][2]string{
	"yahoo-3":      {"GILLIAN MOHNEY", "the reference holds the date line under the byline (\"March 11, 2015 3:46 PM\")"},
	"salon-1":      {"Richard (R.J.) Eskow", "Joanna Rothkopf signs a related story's teaser; the article's byline is <a rel=author>Richard (R.J.) Eskow</a> under its headline"},
	"liberation-1": {"AFP", "\"Par Sébastien Farcis\" signs a related report (\"A Katmandou, exode sous pression\"); the article's itemprop=author under its <h1> is AFP"},
	"ietf-1":       {"Kooman, F., Jong, Michiel de", "the page declares two DC.Creator meta elements; the reference keeps the last only"},
}

// declaredDates are the publication dates pages declare (JSON-LD,
// article:published_time, itemprop=datePublished, <time datetime>) where
// the reference has none.
var declaredDates = map[string]string{
	"ars-1":     "2015-04-16T20:02:01Z",      // <time datetime> in the byline
	"msn":       "2016-11-15T07:00:00Z",      // <time datetime> beside the author
	"nytimes-4": "2018-09-25T21:28:31Z",      // <meta itemprop=datePublished>
	"telegraph": "2017-11-16T14:15:00Z",      // itemprop=datePublished (JSON-LD has only dateCreated, a day later)
	"v8-blog":   "2019-11-21T00:00:00Z",      // <time itemprop=datePublished>
	"yahoo-1":   "2016-10-13T17:00:03Z",      // <time datetime> beside the author
	"yahoo-2":   "2016-12-01T23:29:49Z",      // <time datetime> beside the author
	"yahoo-3":   "2015-03-11T19:46:14Z",      // itemprop=datePublished of the schema.org/Article
	"ehow-1":    "2007-05-29T09:49:00Z",      // <meta name=date>
	"heise":     "2015-04-08T12:46:00Z",      // <meta name=date>
	"ietf-1":    "2014-12-15T00:00:00Z",      // <meta name=DC.Date.Issued>
	"gmw":       "2017-03-10T00:00:00Z",      // <meta name=publishdate>
	"youth":     "2017-03-10T00:00:00Z",      // <meta name=publishdate>
	"medium-3":  "2015-10-15T02:19:15.607Z",  // JSON-LD datePublished, in <![CDATA[ ]]>
	"wikia":     "2017-02-23T17:18:13-08:00", // article:published_time
}

var (
	bylineDigit    = regexp.MustCompile(`[0-9]`)
	bylineDateWord = regexp.MustCompile(`(?i)\b(updated|published|posted|monday|tuesday|wednesday|thursday|friday|saturday|sunday|(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+\d|\d+\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|am|pm)\b`)
	referenceLead  = regexp.MustCompile(`(?i)^\s*(written by|by|par)\s+`)
	referenceRole  = regexp.MustCompile(`(?i)\s+edited by\s+`)
)

// TestCorpusMetadata reads the 37 pages of the shared corpus: each byline
// holds no digit and no date word and equals the reference's (or the
// corrected one of wrongBylines), and each page that declares a date in
// a machine-readable form gets it.
func TestCorpusMetadata(t *testing.T) {
	dir := corpusDir(t)
	pages, err := filepath.Glob(filepath.Join(dir, "web", "*", "source.html"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages in %s: %v", dir, err)
	}
	// the edge cases of Readability's tests, where present, are held to
	// the same rules
	edge, _ := filepath.Glob(filepath.Join(dir, "web-edge", "*", "source.html"))
	pages = append(pages, edge...)
	for _, src := range pages {
		name := filepath.Base(filepath.Dir(src))
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		var ref struct {
			Byline    *string `json:"byline"`
			Published *string `json:"publishedTime"`
		}
		if b, err := os.ReadFile(filepath.Join(filepath.Dir(src), "expected-metadata.json")); err != nil || json.Unmarshal(b, &ref) != nil {
			t.Fatalf("%s: reading the reference: %v", name, err)
		}
		a, err := HTML(data, "", "")
		if err != nil {
			if !strings.Contains(src, "web-edge") { // some edge cases are no articles
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		byline := strings.Join(a.Authors, ", ")
		if bylineDigit.MatchString(byline) || bylineDateWord.MatchString(byline) {
			t.Errorf("%s: byline %q holds a digit or a date word", name, byline)
		}
		want := ""
		if ref.Byline != nil {
			want = referenceRole.ReplaceAllString(referenceLead.ReplaceAllString(squash(*ref.Byline), ""), ", ")
		}
		if w, ok := wrongBylines[name]; ok {
			want = w[0]
		}
		if want != "" && byline != want {
			t.Errorf("%s: byline %q, want %q", name, byline, want)
		}
		wantDate := ""
		if ref.Published != nil {
			wantDate = *ref.Published
		}
		if d, ok := declaredDates[name]; ok {
			wantDate = d
		}
		if wantDate == "" {
			continue
		}
		wt, ok := ParseDate(strings.Replace(wantDate, ".000000", "", 1))
		switch {
		case !ok:
			t.Errorf("%s: reference date %q does not parse", name, wantDate)
		case a.Published == nil:
			t.Errorf("%s: no date, want %s", name, wantDate)
		case !a.Published.Equal(wt):
			t.Errorf("%s: date %s, want %s", name, a.Published.Format(time.RFC3339Nano), wantDate)
		}
	}
}

// TestCorpusSeedMetadata reads the seed print-view dump: its headline,
// byline and date are the reference's.
func TestCorpusSeedMetadata(t *testing.T) {
	dir := filepath.Join(corpusDir(t), "seed")
	dumps, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var ref struct{ Title, Byline, Published string }
	b, err := os.ReadFile(filepath.Join(dir, "expected-metadata.json"))
	if err != nil || json.Unmarshal(b, &ref) != nil {
		t.Fatalf("reading the seed's reference: %v", err)
	}
	n := 0
	for _, d := range dumps {
		if strings.HasPrefix(filepath.Base(d), "expected") {
			continue
		}
		n++
		data, err := os.ReadFile(d)
		if err != nil {
			t.Fatal(err)
		}
		a, err := Text(data, nil)
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != ref.Title {
			t.Errorf("title %q, want %q", a.Title, ref.Title)
		}
		if got := strings.Join(a.Authors, ", "); got != ref.Byline {
			t.Errorf("byline %q, want %q", got, ref.Byline)
		}
		want, _ := ParseDate(ref.Published)
		if a.Published == nil || !a.Published.Equal(want) {
			t.Errorf("published %v, want %s", a.Published, ref.Published)
		}
	}
	if n == 0 {
		t.Fatalf("no dump in %s", dir)
	}
}
