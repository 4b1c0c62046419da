package parse_test

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/galleyprint/galley/parse"
)

// bodyTexts returns the texts of an article's blocks in reading order,
// each run's text joined per block.
func bodyTexts(t *testing.T, body any) []string {
	t.Helper()
	raw, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			if runs, ok := x["text"].([]any); ok {
				var b strings.Builder
				for _, r := range runs {
					if m, ok := r.(map[string]any); ok {
						s, _ := m["text"].(string)
						b.WriteString(s)
					}
				}
				out = append(out, b.String())
			}
			for k, e := range x {
				if k != "text" {
					walk(e)
				}
			}
		}
	}
	walk(v)
	return out
}

// indexOf is the index of the first text holding s, or -1.
func indexOf(texts []string, s string) int {
	for i, t := range texts {
		if strings.Contains(t, s) {
			return i
		}
	}
	return -1
}

func countOf(texts []string, s string) int {
	n := 0
	for _, t := range texts {
		n += strings.Count(t, s)
	}
	return n
}

// TestSelectors: --remove takes elements out before extraction, --keep
// puts elements extraction drops back where they stand in the page,
// once, and site rules add theirs for the page's host (its URL, else its
// canonical URL).
func TestSelectors(t *testing.T) {
	page, err := os.ReadFile("testdata/selectors.html")
	if err != nil {
		t.Fatal(err)
	}
	const (
		promo    = "Our weekly harbour letter"
		facts    = "The wall in numbers"
		length   = "Length: 640 metres"
		last     = "Work is expected"
		first    = "The council of the small harbour town"
		correct  = "Correction: an earlier version"
		mostRead = "Most read"
	)
	sites := []parse.SiteRule{
		{Name: "ledger.toml", Hosts: []string{"example.org"}, Remove: []string{".promo-box"}, Keep: []string{".factbox"}},
		{Name: "other.toml", Hosts: []string{"example.com"}, Keep: []string{".most-read"}},
	}
	for _, tc := range []struct {
		name    string
		opts    parse.Options
		present []string // in this order
		absent  []string
	}{
		{name: "none", present: []string{first, promo, last}, absent: []string{facts, correct}},
		{name: "remove", opts: parse.Options{Remove: []string{"div.promo-box"}}, present: []string{first, last}, absent: []string{promo}},
		{name: "keep a sidebar box", opts: parse.Options{Keep: []string{".factbox"}},
			present: []string{first, promo, last, facts, length}, absent: []string{mostRead, correct}},
		{name: "keep two, in page order", opts: parse.Options{Keep: []string{"footer .correction", ".factbox"}},
			present: []string{last, facts, length, correct}},
		{name: "keep what extraction kept", opts: parse.Options{Keep: []string{"article p:first-of-type"}},
			present: []string{first, last}},
		{name: "keep around the article", opts: parse.Options{Keep: []string{"main"}},
			present: []string{first, promo, last}},
		{name: "remove wins", opts: parse.Options{Keep: []string{".factbox"}, Remove: []string{".factbox", ".promo-box"}},
			present: []string{first, last}, absent: []string{facts, promo}},
		{name: "site rule by canonical URL", opts: parse.Options{Sites: sites},
			present: []string{first, last, facts}, absent: []string{promo, mostRead}},
		{name: "site rule by page URL", opts: parse.Options{Sites: sites, BaseURL: "https://www.example.com/story"},
			present: []string{first, promo, last, mostRead}, absent: []string{facts}},
		{name: "no rule for the host", opts: parse.Options{Sites: sites, BaseURL: "https://example.net/story"},
			present: []string{first, promo, last}, absent: []string{facts, mostRead}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := tc.opts
			opts.Format = parse.FormatHTML
			arts, err := parse.Parse(page, opts)
			if err != nil {
				t.Fatal(err)
			}
			texts := bodyTexts(t, arts[0].Body)
			prev := -1
			for _, s := range tc.present {
				i := indexOf(texts, s)
				switch {
				case i < 0:
					t.Errorf("%q missing from %q", s, texts)
				case i < prev:
					t.Errorf("%q out of page order in %q", s, texts)
				case countOf(texts, s) != 1:
					t.Errorf("%q printed %d times", s, countOf(texts, s))
				}
				prev = max(prev, i)
			}
			for _, s := range tc.absent {
				if indexOf(texts, s) >= 0 {
					t.Errorf("%q printed: %q", s, texts)
				}
			}
		})
	}
}

// TestSelectorErrors: a selector galley cannot use fails with an error
// that names the option or rule it came from.
func TestSelectorErrors(t *testing.T) {
	page, err := os.ReadFile("testdata/selectors.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		opts parse.Options
		want string
	}{
		{parse.Options{Remove: []string{"div["}}, `remove "div["`},
		{parse.Options{Keep: []string{"p::before"}}, `keep "p::before"`},
		{parse.Options{Keep: []string{"  "}}, "keep: an empty selector"},
		{parse.Options{Remove: []string{strings.Repeat("p ", 300)}}, "at most 512"},
		{parse.Options{Remove: make([]string, parse.MaxSelectors+1)}, "remove: an empty selector"},
		{parse.Options{Sites: []parse.SiteRule{{Name: "a.toml", Hosts: []string{"example.org"}, Keep: []string{"a)"}}}}, `a.toml: keep "a)"`},
		{parse.Options{Keep: []string{"div:has(p:has(a))"}}, `keep "div:has(p:has(a))": a :has() inside another`},
	} {
		opts := tc.opts
		opts.Format = parse.FormatHTML
		_, err := parse.Parse(page, opts)
		if !errors.Is(err, parse.ErrBadSelector) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: got %v, want ErrBadSelector naming %s", tc.opts, err, tc.want)
		}
	}
	many := parse.Options{Format: parse.FormatHTML, Remove: strings.Split(strings.Repeat("p.x,", parse.MaxSelectors+1), ",")[:parse.MaxSelectors+1]}
	if _, err := parse.Parse(page, many); !errors.Is(err, parse.ErrBadSelector) || !strings.Contains(err.Error(), "more than 64") {
		t.Errorf("%d selectors: got %v", len(many.Remove), err)
	}
}

func TestSiteRuleMatches(t *testing.T) {
	r := parse.SiteRule{Hosts: []string{"Example.org", "*.news.example.net"}}
	for host, want := range map[string]bool{
		"example.org": true, "www.example.org": true, "EXAMPLE.ORG.": true, "badexample.org": false,
		"news.example.net": false, "a.news.example.net": true, "example.net": false, "": false,
	} {
		if got := r.Matches(host); got != want {
			t.Errorf("Matches(%q) = %v, want %v", host, got, want)
		}
	}
}

// TestDeepSelectorsBounded: selectors that search inside every element
// (:has(), :contains()) are refused on a page where their work would
// pass the bound, and taken on an ordinary one.
func TestDeepSelectorsBounded(t *testing.T) {
	page, err := os.ReadFile("testdata/selectors.html")
	if err != nil {
		t.Fatal(err)
	}
	arts, err := parse.Parse(page, parse.Options{Format: parse.FormatHTML, Remove: []string{"article > div:has(p:contains('harbour letter'))"}})
	if err != nil {
		t.Fatal(err)
	}
	if indexOf(bodyTexts(t, arts[0].Body), "Our weekly harbour letter") >= 0 {
		t.Error(":has() with :contains() did not remove the promotion")
	}
	// a page 400 elements deep holding 40,000 words: a few hundred
	// million units of work a search
	var b strings.Builder
	b.WriteString("<html><body>" + strings.Repeat("<div>", 400) + "<p>")
	b.WriteString(strings.Repeat("words of text to search ", 40000))
	b.WriteString("</p>" + strings.Repeat("</div>", 400) + "</body></html>")
	_, err = parse.Parse([]byte(b.String()), parse.Options{Format: parse.FormatHTML, Keep: []string{"div:has(.x)"}, Remove: []string{"p:contains(nothing)"}})
	if !errors.Is(err, parse.ErrBadSelector) || !strings.Contains(err.Error(), "cost too much") {
		t.Errorf("deep searches on a deep page: %v, want ErrBadSelector saying they cost too much", err)
	}
}
