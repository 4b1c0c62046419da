package batch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
)

// srcFeedServer serves the feed fixtures (with {{BASE}} set to its own
// address) and the pages of their link-only entries.
func srcFeedServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	var srv *httptest.Server
	for _, name := range []string{"rss.xml", "atom.xml"} {
		mux.HandleFunc("/"+name, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/xml")
			w.Write([]byte(srcFixture(t, name, srv.URL)))
		})
	}
	mux.HandleFunc("/news/budget", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><head><title>Council Votes on Budget</title></head><body><article><p>The budget passed.</p></article></body></html>"))
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// srcFixture is a file of testdata/batch with {{BASE}} replaced.
func srcFixture(t *testing.T, name, base string) string {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "batch", name))
	if err != nil {
		t.Error(err)
	}
	return strings.ReplaceAll(string(data), "{{BASE}}", base)
}

func srcBodyText(a *article.Article) string {
	var b strings.Builder
	for _, bl := range a.Body {
		b.WriteString(bl.Text.Plain())
		if bl.Figure != nil {
			b.WriteString("[figure " + bl.Figure.Src + "]")
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestEnumerateRSSFile(t *testing.T) {
	srv := srcFeedServer(t)
	p := filepath.Join(t.TempDir(), "gazette.rss")
	os.WriteFile(p, []byte(srcFixture(t, "rss.xml", srv.URL)), 0o644)

	items, errs := srcCollect(t, []string{p}, SourceOptions{Client: srv.Client()})
	srcNoErrors(t, errs)
	k := srcKey(filepath.Dir(p), "gazette.rss")
	want := []string{k + "#gazette-2024-001", k + "#" + srv.URL + "/news/budget", k + "#entry-3", k + "#" + srv.URL + "/letters/12"}
	if got := srcIDs(items); !reflect.DeepEqual(got, want) {
		t.Fatalf("items:\n got %q\nwant %q", got, want)
	}

	// a full entry: built, with the feed's metadata
	full := items[0]
	a := full.Article
	if a == nil || full.Open != nil {
		t.Fatalf("full entry: %+v", full)
	}
	published := time.Date(2024, 3, 5, 9, 30, 0, 0, time.UTC)
	if a.Title != "Harbour Reopens After Storm" || !reflect.DeepEqual(a.Authors, []string{"Ada Lovelace"}) ||
		a.Published == nil || !a.Published.Equal(published) || a.URL != srv.URL+"/news/harbour" ||
		a.SiteName != "The Galley Gazette" || !reflect.DeepEqual(a.Tags, []string{"Local", "Weather"}) || a.Language != "en" {
		t.Errorf("full entry article: %+v", a)
	}
	if full.BaseURL != srv.URL+"/news/harbour" || full.BaseDir != "" {
		t.Errorf("full entry item: %+v", full)
	}
	text := srcBodyText(a)
	for _, s := range []string{"The harbour reopened on Tuesday", "Fishing boats", "sea wall held",
		"[figure " + srv.URL + "/img/harbour.jpg]"} {
		if !strings.Contains(text, s) {
			t.Errorf("full entry body lacks %q:\n%s", s, text)
		}
	}

	// a link-only entry: fetched by Open
	link := items[1]
	if link.Article != nil || link.BaseURL != srv.URL+"/news/budget" || link.Name != srv.URL+"/news/budget" {
		t.Errorf("link-only item: %+v", link)
	}
	data, ct := srcOpen(t, link)
	if !strings.Contains(data, "The budget passed.") || ct != "text/html; charset=utf-8" {
		t.Errorf("link-only Open: %q %q", data, ct)
	}

	// a short entry without a link: its content, as paragraphs
	if a := items[2].Article; a == nil || a.Title != "Ferry Note" || !strings.Contains(srcBodyText(a), "the ferry runs late today") {
		t.Errorf("short entry: %+v", items[2].Article)
	}
	// a long description is the full content
	if a := items[3].Article; a == nil || !strings.Contains(srcBodyText(a), "Marine Parade") || a.Published == nil {
		t.Errorf("long description entry: %+v", items[3].Article)
	}
}

func TestEnumerateFeedOffline(t *testing.T) {
	srv := srcFeedServer(t)
	p := filepath.Join(t.TempDir(), "gazette.xml")
	os.WriteFile(p, []byte(srcFixture(t, "rss.xml", srv.URL)), 0o644)
	items, errs := srcCollect(t, []string{p}, SourceOptions{Offline: true})
	srcNoErrors(t, errs)
	if len(items) != 4 || items[0].Article == nil {
		t.Fatalf("offline items: %q", srcIDs(items))
	}
	_, _, err := items[1].Open(context.Background())
	link := srv.URL + "/news/budget"
	if !errors.Is(err, galley.ErrFetch) || !strings.Contains(err.Error(), link) || !strings.Contains(err.Error(), "--offline") {
		t.Errorf("offline link-only entry: %v", err)
	}
}

func TestEnumerateAtomURL(t *testing.T) {
	srv := srcFeedServer(t)
	u := srv.URL + "/atom.xml"
	items, errs := srcCollect(t, []string{u}, SourceOptions{Client: srv.Client()})
	srcNoErrors(t, errs)
	want := []string{u + "#urn:uuid:entry-compilers", u + "#urn:uuid:entry-link-only"}
	if got := srcIDs(items); !reflect.DeepEqual(got, want) {
		t.Fatalf("items:\n got %q\nwant %q", got, want)
	}
	a := items[0].Article
	if a == nil {
		t.Fatal("the Atom entry with content is not built")
	}
	published := time.Date(2024, 4, 1, 8, 0, 0, 0, time.UTC)
	updated := time.Date(2024, 4, 2, 10, 0, 0, 0, time.UTC)
	if a.Title != "Compilers for Everyone" || !reflect.DeepEqual(a.Authors, []string{"Grace Hopper"}) ||
		a.Published == nil || !a.Published.Equal(published) || a.Updated == nil || !a.Updated.Equal(updated) ||
		a.URL != srv.URL+"/posts/compilers" || a.SiteName != "Atom Weekly" || !reflect.DeepEqual(a.Tags, []string{"Computing"}) {
		t.Errorf("atom article: %+v", a)
	}
	if text := srcBodyText(a); !strings.Contains(text, "A compiler translates") || !strings.Contains(text, "programs once seemed") {
		t.Errorf("atom body:\n%s", text)
	}
	if items[1].Article != nil || items[1].BaseURL != srv.URL+"/posts/link-only" {
		t.Errorf("atom link-only: %+v", items[1])
	}
	if _, _, err := items[1].Open(context.Background()); !errors.Is(err, galley.ErrFetch) {
		t.Errorf("a missing page: %v", err)
	}
}

func TestEnumerateBrokenFeed(t *testing.T) {
	dir := t.TempDir()
	srcWrite(t, dir, map[string]string{"bad.rss": "<rss><channel><item><title>cut", "ok.txt": "fine"})
	items, errs := srcCollect(t, []string{filepath.Join(dir, "bad.rss"), filepath.Join(dir, "ok.txt")}, SourceOptions{})
	var se *SourceError
	if len(items) != 1 || len(errs) != 1 || !errors.As(errs[0], &se) || se.Source != filepath.Join(dir, "bad.rss") {
		t.Fatalf("items %q, errors %v", srcIDs(items), errs)
	}
}

func TestHTMLParagraphs(t *testing.T) {
	got := htmlParagraphs("<p>One <b>bold</b> word.</p><script>x()</script><div>Two<br>Three</div>Plain\n\ntext &amp; more")
	want := []string{"One bold word.", "Two", "Three", "Plain", "text & more"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestEntryArticleFallsBackToText(t *testing.T) {
	f := &gofeed.Feed{Title: "Links"}
	it := &gofeed.Item{Title: "Elsewhere", Link: "https://example.com/e"}
	a, how := entryArticle(f, it, `<ul><li><a href="/x">Read it on the site</a></li></ul>`, it.Link)
	if how != "text" || a.Title != "Elsewhere" || a.SiteName != "Links" || srcBodyText(a) != "Read it on the site\n" {
		t.Errorf("%s: %+v", how, a)
	}
}
