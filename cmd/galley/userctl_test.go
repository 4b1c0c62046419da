package main

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// The acceptance tests of the user's controls over what is printed and
// how pages are fetched: --remove, --keep, site rules, --base-url,
// --header, --cookie, --cookie-jar and --user-agent, each against
// loopback servers that record what they were sent.

// The texts of userPage that the tests look for.
const (
	promoText = "Our weekly harbour letter"
	factsText = "The wall in numbers"
	storyText = "Work is expected to begin in the spring"
)

// userPage is a news story with a promotion inside the article, a fact
// box in the sidebar that extraction drops, a picture beside it (relative)
// and one from another host (cdn, an absolute URL).
func userPage(cdn string) string {
	return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Harbour Town Votes to Rebuild Its Old Sea Wall</title></head>
<body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<div class="layout"><main><article>
<h1>Harbour Town Votes to Rebuild Its Old Sea Wall</h1>
<p>The council of the small harbour town voted on Tuesday evening to rebuild the sea wall that has protected the fishing quarter since the nineteenth century, after three winters in which the sea came over it more often than anyone alive can remember.</p>
<figure><img src="img/wall.png" alt="The wall"><figcaption>The sea wall at high tide.</figcaption></figure>
<p>The decision, taken after a four-hour meeting in the old customs house, commits the town to a project that engineers estimate will take two years and cost more than the council spends on everything else in a typical year.</p>
<div class="promo-box"><p>Enjoying this story? ` + promoText + ` brings you every vote, every storm and every boat, straight to your inbox, each Friday morning, for free.</p></div>
<p>The wall was built in 1868 from granite quarried a few miles inland, and for most of its life it needed little more than repointing. Engineers who surveyed it last autumn found that the foundations had been undermined along much of its length.</p>
<figure><img src="` + cdn + `/cdn/harbour.png" alt="The harbour"><figcaption>The harbour from the lifeboat station.</figcaption></figure>
<p>` + storyText + `, once the fishing season allows the harbour to be partly closed, and the council has promised to keep the footpath along the top of the wall open for as long as it safely can.</p>
</article></main>
<aside class="sidebar"><div class="factbox"><h3>` + factsText + `</h3><ul><li>Built: 1868</li><li>Length: 640 metres</li></ul></div></aside>
</div>
<footer><p>© The Coastal Ledger</p></footer>
</body></html>
`
}

// request is what a fixture server was sent.
type request struct {
	host, path string
	header     http.Header
}

// recorder is a loopback server that serves userPage under /premium/ and
// PNG images, and records every request.
type recorder struct {
	*httptest.Server
	mu   sync.Mutex
	seen []request
}

func newRecorder(t *testing.T, page func() string) *recorder {
	t.Helper()
	png := urlTestPNG(t)
	r := &recorder{}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.seen = append(r.seen, request{host: req.Host, path: req.URL.Path, header: req.Header.Clone()})
		r.mu.Unlock()
		switch {
		case req.URL.Path == "/redirect":
			http.Redirect(w, req, req.URL.Query().Get("to"), http.StatusFound)
		case strings.HasSuffix(req.URL.Path, ".png"):
			w.Header().Set("Content-Type", "image/png")
			w.Write(png)
		case strings.HasSuffix(req.URL.Path, ".html") && page != nil:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(page()))
		default:
			http.NotFound(w, req)
		}
	}))
	t.Cleanup(r.Close)
	return r
}

// requests returns what the server was sent for path.
func (r *recorder) requests(path string) []request {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []request
	for _, q := range r.seen {
		if q.path == path {
			out = append(out, q)
		}
	}
	return out
}

// sites are a page's server (127.0.0.1) and a CDN for its pictures on
// another host name (localhost).
func sites(t *testing.T) (site, cdn *recorder) {
	cdn = newRecorder(t, nil)
	cdnURL := strings.Replace(cdn.URL, "127.0.0.1", "localhost", 1)
	site = newRecorder(t, func() string { return userPage(cdnURL) })
	return site, cdn
}

// exportText exports args to out.pdf and returns the PDF's words and
// the number of images it paints.
func exportText(t *testing.T, stdin []byte, args ...string) (string, int) {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "out.pdf")
	code, _, stderr := galleyRun(t, stdin, append([]string{"export", "-o", out}, args...)...)
	if code != 0 {
		t.Fatalf("galley export %v: exit %d: %s", args, code, stderr)
	}
	return pdfTextAndImages(t, readPDF(t, out))
}

// TestExportRemoveKeep: --remove takes the promotion out, --keep puts
// the sidebar's fact box into the article after the story it follows
// in the page; without them the promotion prints and the box does not.
func TestExportRemoveKeep(t *testing.T) {
	inTemp(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // no user's site rules
	site, _ := sites(t)
	page := site.URL + "/premium/story.html"
	text, _ := exportText(t, nil, page)
	if !strings.Contains(text, promoText) || strings.Contains(text, factsText) {
		t.Fatalf("without flags: promotion printed %v, fact box printed %v; want true, false", strings.Contains(text, promoText), strings.Contains(text, factsText))
	}
	text, _ = exportText(t, nil, page, "--remove", ".promo-box", "--keep", "aside .factbox")
	if strings.Contains(text, promoText) {
		t.Error("--remove .promo-box: the promotion still prints")
	}
	story, facts := strings.Index(text, storyText), strings.Index(text, factsText)
	if story < 0 || facts < story || !strings.Contains(text, "Length: 640 metres") {
		t.Errorf("--keep .factbox: want the fact box whole after the story; story at %d, box at %d:\n%s", story, facts, text)
	}
}

// TestExportSiteRules: a site rule file applies to the pages of its
// host, from --sites or the user's configuration folder; a rule for
// another host does not.
func TestExportSiteRules(t *testing.T) {
	inTemp(t)
	site, _ := sites(t)
	page := site.URL + "/premium/story.html"
	rules := t.TempDir()
	write(t, filepath.Join(rules, "ledger.toml"), []byte("# the Ledger's pages\nhosts = [\"127.0.0.1\"]\nremove = [\".promo-box\"]\nkeep = [\".factbox\"]\n"))
	write(t, filepath.Join(rules, "other.toml"), []byte("hosts = [\"example.com\"]\nremove = [\"article\"]\n"))
	write(t, filepath.Join(rules, "README.md"), []byte("not a rule"))
	config := t.TempDir()
	write(t, filepath.Join(config, "galley", "sites", "ledger.toml"), []byte("hosts = [\"127.0.0.1\"]\nremove = [\".promo-box\"]\n"))
	t.Setenv("XDG_CONFIG_HOME", config)
	for _, tc := range []struct {
		name         string
		args         []string
		promo, facts bool
	}{
		{"--sites", []string{"--sites", rules}, false, true},
		{"the configuration folder", nil, false, false},
		{"no rule for the host", []string{"--sites", t.TempDir()}, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, _ := exportText(t, nil, append([]string{page}, tc.args...)...)
			if strings.Contains(text, promoText) != tc.promo || strings.Contains(text, factsText) != tc.facts || !strings.Contains(text, storyText) {
				t.Errorf("promotion printed %v, fact box %v, story %v; want %v, %v, true",
					strings.Contains(text, promoText), strings.Contains(text, factsText), strings.Contains(text, storyText), tc.promo, tc.facts)
			}
		})
	}
	bad := t.TempDir()
	write(t, filepath.Join(bad, "broken.toml"), []byte("hosts = [\"example.com\"]\nkeep = [\"p[\"]\n"))
	code, _, stderr := galleyRun(t, nil, "export", page, "--sites", bad)
	if code != 2 || !strings.Contains(stderr, "broken.toml: keep \"p[\"") {
		t.Errorf("a rule with a bad selector: exit %d, %q; want 2 naming the file and its key", code, stderr)
	}
	write(t, filepath.Join(bad, "broken.toml"), []byte("hosts = [\"example.com\"]\nkeeps = [\"p\"]\n"))
	code, _, stderr = galleyRun(t, nil, "export", page, "--sites", bad)
	if code != 2 || !strings.Contains(stderr, "unknown key") {
		t.Errorf("a rule with an unknown key: exit %d, %q; want 2 saying so", code, stderr)
	}
}

// TestExportBaseURL: a page read from standard input with --base-url
// takes its pictures from the web beside that address, not the current
// folder, and its site rules by the address's host.
func TestExportBaseURL(t *testing.T) {
	inTemp(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	site, cdn := sites(t)
	cdnURL := strings.Replace(cdn.URL, "127.0.0.1", "localhost", 1)
	page := []byte(userPage(cdnURL))
	rules := t.TempDir()
	write(t, filepath.Join(rules, "ledger.toml"), []byte("hosts = [\"127.0.0.1\"]\nremove = [\".promo-box\"]\n"))

	_, images := exportText(t, page, "-")
	if images != 1 || len(site.requests("/premium/img/wall.png")) != 0 {
		t.Fatalf("without --base-url: %d images, want the CDN's alone (img/wall.png is looked for in the current folder)", images)
	}
	text, images := exportText(t, page, "-", "--base-url", site.URL+"/premium/story.html", "--sites", rules)
	if n := len(site.requests("/premium/img/wall.png")); n != 1 || images != 2 {
		t.Errorf("--base-url: img/wall.png fetched %d times from beside the address, %d images painted; want 1, 2", n, images)
	}
	if strings.Contains(text, promoText) {
		t.Error("--base-url: the site rule of its host did not apply")
	}
	for _, bad := range []string{"ftp://example.com/x", "story.html", "https://"} {
		code, _, stderr := galleyRun(t, page, "export", "-", "-o", "x.pdf", "--base-url", bad)
		if code != 2 || !strings.Contains(stderr, "--base-url") {
			t.Errorf("--base-url %q: exit %d, %q; want 2 naming --base-url", bad, code, stderr)
		}
	}
}

// TestExportHeaders: --header goes to the page's host, page and
// pictures, and never to the CDN's; --user-agent goes everywhere.
func TestExportHeaders(t *testing.T) {
	inTemp(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	site, cdn := sites(t)
	_, images := exportText(t, nil, site.URL+"/premium/story.html", "--header", "Authorization: Bearer s3cret", "--header", "X-Reader: 42", "--user-agent", "Reader/1.0")
	if images != 2 {
		t.Errorf("%d images painted, want 2", images)
	}
	for _, tc := range []struct {
		what     string
		got      []request
		withAuth bool
	}{
		{"the page", site.requests("/premium/story.html"), true},
		{"its picture", site.requests("/premium/img/wall.png"), true},
		{"the CDN's picture", cdn.requests("/cdn/harbour.png"), false},
	} {
		if len(tc.got) != 1 {
			t.Errorf("%s: %d requests, want 1", tc.what, len(tc.got))
			continue
		}
		h := tc.got[0].header
		if auth := h.Get("Authorization") == "Bearer s3cret" && h.Get("X-Reader") == "42"; auth != tc.withAuth {
			t.Errorf("%s: sent Authorization %q, X-Reader %q; want the headers: %v", tc.what, h.Get("Authorization"), h.Get("X-Reader"), tc.withAuth)
		}
		if ua := h.Get("User-Agent"); ua != "Reader/1.0" {
			t.Errorf("%s: User-Agent %q, want Reader/1.0", tc.what, ua)
		}
	}
	for _, bad := range [][]string{{"--header", "no colon"}, {"--header", "Bad Name: x"}, {"--header", "Host: example.com"}} {
		code, _, stderr := galleyRun(t, nil, append([]string{"export", site.URL + "/premium/story.html", "-o", "x.pdf"}, bad...)...)
		if code != 2 || !strings.Contains(stderr, "--header") {
			t.Errorf("%v: exit %d, %q; want 2 naming --header", bad, code, stderr)
		}
	}
	// a redirect to another host takes the headers no further
	cdnURL := strings.Replace(cdn.URL, "127.0.0.1", "localhost", 1)
	galleyRun(t, nil, "export", site.URL+"/redirect?to="+url.QueryEscape(cdnURL+"/elsewhere.html"), "-o", "x.pdf",
		"--header", "Authorization: Bearer s3cret", "--header", "X-Reader: 42", "--cookie", "extra=1")
	if got := cdn.requests("/elsewhere.html"); len(got) != 1 || got[0].header.Get("X-Reader") != "" || got[0].header.Get("Authorization") != "" || got[0].header.Get("Cookie") != "" {
		t.Errorf("after a redirect to another host: %d requests, headers %v; want one without the reader's headers and cookie", len(got), got)
	}
	code, _, stderr := galleyRun(t, []byte(userPage("")), "export", "-", "-o", "x.pdf", "--header", "X-Reader: 42")
	if code != 2 || !strings.Contains(stderr, "--base-url") {
		t.Errorf("--header without a URL: exit %d, %q; want 2 pointing to --base-url", code, stderr)
	}
}

// TestExportCookieJar: the cookies of a cookies.txt go where their
// domain, path, secure flag and expiry allow, --cookie to the page's
// host alone; the CDN gets none. (The secure flag is cookiefile's
// TestJar's: Go's jar, as browsers, counts loopback as a secure origin.)
func TestExportCookieJar(t *testing.T) {
	dir := inTemp(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	site, cdn := sites(t)
	jar := filepath.Join(dir, "cookies.txt")
	write(t, jar, []byte("# Netscape HTTP Cookie File\n"+
		"127.0.0.1\tFALSE\t/premium\tFALSE\t4102444800\tsubscriber\tyes\n"+
		"#HttpOnly_127.0.0.1\tFALSE\t/\tFALSE\t0\tsession\tabc\n"+
		"127.0.0.1\tFALSE\t/\tFALSE\t946684800\texpired\tx\n"+
		"127.0.0.1\tFALSE\t/account\tFALSE\t4102444800\telsewhere\tx\n"+
		"localhost\tFALSE\t/private\tFALSE\t4102444800\tcdn\tx\n"+
		"example.com\tTRUE\t/\tFALSE\t4102444800\tother\tx\n"))
	exportText(t, nil, site.URL+"/premium/story.html", "--cookie-jar", jar, "--cookie", "extra=1")
	for _, tc := range []struct {
		what string
		got  []request
		want []string
	}{
		{"the page", site.requests("/premium/story.html"), []string{"subscriber=yes", "session=abc", "extra=1"}},
		{"its picture", site.requests("/premium/img/wall.png"), []string{"subscriber=yes", "session=abc", "extra=1"}},
		{"the CDN's picture", cdn.requests("/cdn/harbour.png"), nil},
	} {
		if len(tc.got) != 1 {
			t.Errorf("%s: %d requests, want 1", tc.what, len(tc.got))
			continue
		}
		var got []string
		for _, c := range (&http.Request{Header: tc.got[0].header}).Cookies() {
			got = append(got, c.Name+"="+c.Value)
		}
		if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(tc.want))) {
			t.Errorf("%s: sent cookies %q, want %q", tc.what, got, tc.want)
		}
	}
	write(t, jar, []byte("# Netscape HTTP Cookie File\n127.0.0.1 FALSE / FALSE 0 a b\n"))
	code, _, stderr := galleyRun(t, nil, "export", site.URL+"/premium/story.html", "-o", "x.pdf", "--cookie-jar", jar)
	if code != 2 || !strings.Contains(stderr, "cookies.txt:2: 1 tab-separated fields") {
		t.Errorf("a bad cookies.txt: exit %d, %q; want 2 naming the file and line", code, stderr)
	}
	if _, err := os.Stat("x.pdf"); err == nil {
		t.Error("a PDF was written despite the bad cookie jar")
	}
}

// TestBatchRemoveKeep: batch takes --remove and --keep to every article,
// and reprints what it printed when they change.
func TestBatchRemoveKeep(t *testing.T) {
	dir := inTemp(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	write(t, filepath.Join(dir, "in", "story.html"), []byte(userPage("")))
	pdfText := func() string {
		t.Helper()
		var pdfs []string
		for _, n := range files(t, filepath.Join(dir, "out")) {
			if strings.HasSuffix(n, ".pdf") {
				pdfs = append(pdfs, n)
			}
		}
		if len(pdfs) != 1 {
			t.Fatalf("out/ holds %v, want one PDF", pdfs)
		}
		text, _ := pdfTextAndImages(t, readPDF(t, filepath.Join(dir, "out", pdfs[0])))
		return text
	}
	if code, _, stderr := galleyRun(t, nil, "batch", "in", "-o", "out", "-q", "--offline"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if text := pdfText(); !strings.Contains(text, promoText) || strings.Contains(text, factsText) {
		t.Fatal("without flags: want the promotion printed and the fact box not")
	}
	if code, _, stderr := galleyRun(t, nil, "batch", "in", "-o", "out", "-q", "--offline", "--remove", ".promo-box", "--keep", ".factbox"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if text := pdfText(); strings.Contains(text, promoText) || !strings.Contains(text, factsText) {
		t.Error("batch --remove --keep: want the promotion gone and the fact box printed (reprinted, not skipped)")
	}
}
