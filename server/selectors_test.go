package server

import (
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/galleyprint/galley"
)

// TestSelectorOptions: remove and keep, from the query (repeated) or the
// JSON options (a string or an array), change what is taken from an HTML
// body; a bad selector is a 400 naming the option.
func TestSelectorOptions(t *testing.T) {
	page, err := os.ReadFile("../parse/testdata/selectors.html")
	if err != nil {
		t.Fatal(err)
	}
	_, ts := newTest(t, Config{})
	const promo, facts, correction = "Our weekly harbour letter", "The wall in numbers", "Correction: an earlier"
	q := url.Values{"remove": {".promo-box"}, "keep": {".factbox", "footer .correction"}}
	resp, data := post(t, ts, "/v1/inspect?"+q.Encode(), "text/html", string(page))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("query options: %d %s", resp.StatusCode, data)
	}
	got := string(data)
	if strings.Contains(got, promo) || !strings.Contains(got, facts) || !strings.Contains(got, correction) {
		t.Errorf("query options: removed %v, kept %v and %v; want the promotion removed, both kept:\n%s",
			!strings.Contains(got, promo), strings.Contains(got, facts), strings.Contains(got, correction), got)
	}
	without, _ := post(t, ts, "/v1/inspect", "text/html", string(page))
	if without.StatusCode != http.StatusOK {
		t.Fatal(without.Status)
	}
	resp, data = post(t, ts, "/v1/render?keep=.factbox", "text/html", string(page))
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(string(data), "%PDF") {
		t.Errorf("render with keep: %d %.100s", resp.StatusCode, data)
	}
	for _, tc := range []struct{ query, body, want string }{
		{"remove=div%5B", "", `invalid CSS selector: remove \"div[\"`},
		{"keep=p::before", "", `invalid CSS selector: keep \"p::before\"`},
		{"", `{"options": {"remove": 3}, "article": {"title": "T", "body": "Text."}}`, "remove must be a string or an array of strings"},
		{"", `{"options": {"keep": ["a", "b ~"]}, "article": {"title": "T", "body": "Text."}}`, `keep \"b ~\"`},
	} {
		ct, body := "text/html", string(page)
		if tc.body != "" {
			ct, body = "application/json", tc.body
		}
		resp, data := post(t, ts, "/v1/inspect?"+tc.query, ct, body)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(data), "invalid_options") || !strings.Contains(string(data), tc.want) {
			t.Errorf("%s %s: %d %s, want 400 invalid_options saying %s", tc.query, tc.body, resp.StatusCode, data, tc.want)
		}
	}
}

// TestOperatorSiteRules: the operator's site rules (Config.Sites) apply
// to a page of their host, here by the page's canonical URL.
func TestOperatorSiteRules(t *testing.T) {
	page, err := os.ReadFile("../parse/testdata/selectors.html")
	if err != nil {
		t.Fatal(err)
	}
	rules, err := galley.LoadSiteRules("../testdata/sites")
	if err != nil {
		t.Fatal(err)
	}
	_, ts := newTest(t, Config{Sites: rules})
	resp, data := post(t, ts, "/v1/inspect", "text/html", string(page))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", resp.StatusCode, data)
	}
	if got := string(data); strings.Contains(got, "Our weekly harbour letter") || !strings.Contains(got, "The wall in numbers") {
		t.Errorf("the operator's rule for news.example.org did not apply:\n%s", got)
	}
}
