package batch

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/galleyprint/galley"
)

// srcCollect enumerates srcs and returns every item and error.
func srcCollect(t *testing.T, srcs []string, opts SourceOptions) ([]Item, []error) {
	t.Helper()
	var items []Item
	errs := Enumerate(context.Background(), srcs, opts, func(it Item) bool {
		items = append(items, it)
		return true
	})
	return items, errs
}

func srcIDs(items []Item) []string {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	return ids
}

// srcOpen returns what an item's Open reads.
func srcOpen(t *testing.T, it Item) (string, string) {
	t.Helper()
	if it.Open == nil {
		t.Fatalf("%s: no Open", it.ID)
	}
	data, ct, err := it.Open(context.Background())
	if err != nil {
		t.Fatalf("%s: Open: %v", it.ID, err)
	}
	return string(data), ct
}

// srcWrite writes files (path → content) under dir.
func srcWrite(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// srcKey is the ID of the file rel (slashes) found from the folder dir:
// dir's name, then rel.
func srcKey(dir, rel string) string { return filepath.Base(dir) + "/" + rel }

func srcNoErrors(t *testing.T, errs []error) {
	t.Helper()
	for _, err := range errs {
		t.Errorf("unexpected source error: %v", err)
	}
}

const srcTinyFeed = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>` +
	`<item><title>Only</title><guid>g1</guid><description>one entry</description></item></channel></rss>`

func TestEnumerateFolderWalkOrderAndSkipping(t *testing.T) {
	root := t.TempDir()
	srcWrite(t, root, map[string]string{
		"z.txt":                  "Zed\n\nText.",
		"a.md":                   "# A\n\nText.",
		"sub/c.html":             "<p>c</p>",
		"sub/d.json":             `{"title":"D","body":"d"}`,
		"sub/deeper/e.markdown":  "# E",
		".hidden/h.txt":          "hidden folder",
		".h.txt":                 "hidden file",
		"out.pdf":                "%PDF-1.7",
		"manifest.jsonl":         `{"id":"x"}`,
		"manifest-1-of-4.jsonl":  `{"id":"x"}`,
		"picture.png":            "png",
		"lines.jsonl":            "{\"title\":\"1\"}\n\n{\"title\":\"3\"}\n",
		"sitemap.xml":            `<?xml version="1.0"?><urlset></urlset>`,
		"feed.xml":               srcTinyFeed,
		"excluded/x.txt":         "excluded",
		"archive.warc":           "", // an empty archive: no items, no error
		"notes/.galley-tmp-1.md": "temp",
	})
	items, errs := srcCollect(t, []string{root}, SourceOptions{Exclude: []string{filepath.Join(root, "excluded")}})
	srcNoErrors(t, errs)
	j := func(s string) string { return filepath.Join(root, filepath.FromSlash(s)) }
	k := func(s string) string { return srcKey(root, s) }
	want := []string{k("a.md"), k("feed.xml") + "#g1", k("lines.jsonl") + "#L1", k("lines.jsonl") + "#L3",
		k("sub/c.html"), k("sub/d.json"), k("sub/deeper/e.markdown"), k("z.txt")}
	if got := srcIDs(items); !reflect.DeepEqual(got, want) {
		t.Fatalf("items:\n got %q\nwant %q", got, want)
	}
	if it := items[4]; it.BaseDir != j("sub") || it.Name != j("sub/c.html") || it.Format != "" || it.BaseURL != "" {
		t.Errorf("folder item: %+v", it)
	}
	if data, _ := srcOpen(t, items[0]); data != "# A\n\nText." {
		t.Errorf("a.md read %q", data)
	}
	if items[1].Article == nil || items[1].Article.Title != "Only" {
		t.Errorf("feed entry in folder: %+v", items[1])
	}
}

func TestEnumerateGlob(t *testing.T) {
	root := t.TempDir()
	srcWrite(t, root, map[string]string{"b.md": "b", "a.md": "a", "c.txt": "c", ".d.md": "d",
		"dir/x.md": "x", "dir/y.html": "<p>y</p>", "dir/z.pdf": "pdf"})
	items, errs := srcCollect(t, []string{filepath.Join(root, "*.md"), filepath.Join(root, "di?")}, SourceOptions{})
	srcNoErrors(t, errs)
	j := func(s string) string { return srcKey(root, s) } // the glob's fixed part is root
	want := []string{j("a.md"), j("b.md"), j("dir/x.md"), j("dir/y.html")}
	if got := srcIDs(items); !reflect.DeepEqual(got, want) {
		t.Fatalf("items:\n got %q\nwant %q", got, want)
	}

	// ** crosses folders; hidden files and folders stay out
	srcWrite(t, root, map[string]string{"dir/sub/w.md": "w", ".hidden/h.md": "h"})
	items, errs = srcCollect(t, []string{filepath.Join(root, "**", "*.md")}, SourceOptions{})
	srcNoErrors(t, errs)
	want = []string{j("a.md"), j("b.md"), j("dir/sub/w.md"), j("dir/x.md")}
	if got := srcIDs(items); !reflect.DeepEqual(got, want) {
		t.Fatalf("** items:\n got %q\nwant %q", got, want)
	}

	_, errs = srcCollect(t, []string{filepath.Join(root, "nothing-*.md")}, SourceOptions{})
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "no files match") {
		t.Errorf("glob without matches: %v", errs)
	}
}

func TestEnumerateList(t *testing.T) {
	root := t.TempDir()
	srcWrite(t, root, map[string]string{
		"lists/here.md":   "here",
		"lists/sub/k.txt": "k",
		"other/o.txt":     "o",
		"lists/sources.txt": "# articles to print\n\nhere.md\n  sub/k.txt  \n# a comment\n" +
			"../other/o.txt\nmissing.txt\n" + filepath.Join(root, "other", "o.txt") + "\n",
	})
	list := filepath.Join(root, "lists", "sources.txt")
	items, errs := srcCollect(t, []string{"@" + list}, SourceOptions{})
	// a file alone is found from its own folder
	want := []string{"lists/here.md", "sub/k.txt", "other/o.txt"} // the absolute line names o.txt again: once
	if got := srcIDs(items); !reflect.DeepEqual(got, want) {
		t.Fatalf("items:\n got %q\nwant %q", got, want)
	}
	var se *SourceError
	if len(errs) != 1 || !errors.As(errs[0], &se) || se.From != list+":7" || !errors.Is(se, fs.ErrNotExist) {
		t.Fatalf("errors: %v", errs)
	}
	if msg := se.Error(); !strings.HasPrefix(msg, list+":7: missing.txt: ") {
		t.Errorf("message %q", msg)
	}

	_, errs = srcCollect(t, []string{"@" + filepath.Join(root, "no-list.txt")}, SourceOptions{})
	if len(errs) != 1 || !errors.Is(errs[0], fs.ErrNotExist) {
		t.Errorf("missing list: %v", errs)
	}
}

func TestEnumerateMissingSourceOthersGoOn(t *testing.T) {
	root := t.TempDir()
	srcWrite(t, root, map[string]string{"ok.txt": "fine", "dir/in.md": "# in"})
	missing := filepath.Join(root, "missing-folder")
	items, errs := srcCollect(t, []string{missing, filepath.Join(root, "ok.txt"), filepath.Join(root, "dir")}, SourceOptions{})
	if got := srcIDs(items); len(got) != 2 {
		t.Fatalf("items %q", got)
	}
	var se *SourceError
	if len(errs) != 1 || !errors.As(errs[0], &se) || se.Source != missing || !errors.Is(errs[0], fs.ErrNotExist) {
		t.Fatalf("errors: %v", errs)
	}
	if want := missing + ": no such file or directory"; se.Error() != want {
		t.Errorf("message %q, want %q", se.Error(), want)
	}
}

func TestEnumerateStopsWhenYieldSaysSo(t *testing.T) {
	root := t.TempDir()
	srcWrite(t, root, map[string]string{"a.txt": "a", "b.txt": "b", "c.jsonl": "{}\n{}\n{}\n"})
	n := 0
	Enumerate(context.Background(), []string{root, filepath.Join(root, "c.jsonl")}, SourceOptions{}, func(Item) bool {
		n++
		return n < 3
	})
	if n != 3 {
		t.Errorf("yield called %d times after returning false", n)
	}
}

func TestEnumerateURLs(t *testing.T) {
	var requests atomic.Int32
	mux := http.NewServeMux()
	page := "<html><head><title>Page</title></head><body><article><p>Words.</p></article></body></html>"
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	})
	mux.HandleFunc("/story.html", func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(page))
	})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(srcTinyFeed))
	})
	mux.HandleFunc("/sniffed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html") // wrong, but the content is a feed
		w.Write([]byte(srcTinyFeed))
	})
	mux.HandleFunc("/sitemap.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		w.Write([]byte(`<?xml version="1.0"?><urlset></urlset>`))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	u := srv.URL
	items, errs := srcCollect(t, []string{u + "/story", u + "/feed", u + "/story.html", u + "/sniffed",
		u + "/gone", u + "/sitemap.xml"}, SourceOptions{Client: srv.Client()})
	want := []string{u + "/story", u + "/feed#g1", u + "/story.html", u + "/sniffed#g1", u + "/gone"}
	if got := srcIDs(items); !reflect.DeepEqual(got, want) {
		t.Fatalf("items:\n got %q\nwant %q", got, want)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "/sitemap.xml: ") {
		t.Errorf("errors: %v", errs)
	}
	if n := requests.Load(); n != 1 {
		t.Errorf("%d requests for pages during enumeration, want 1 (the probe of /story only)", n)
	}
	story := items[0]
	if story.BaseURL != u+"/story" || story.Name != u+"/story" || story.BaseDir != "" || story.Article != nil {
		t.Errorf("page item %+v", story)
	}
	data, ct := srcOpen(t, story)
	if data != page || ct != "text/html; charset=utf-8" {
		t.Errorf("page Open: %q, %q", data, ct)
	}
	// an unreachable page is an item whose Open reports the failure
	if _, _, err := items[4].Open(context.Background()); !errors.Is(err, galley.ErrFetch) || !strings.Contains(err.Error(), "404") {
		t.Errorf("gone page: %v", err)
	}

	items, errs = srcCollect(t, []string{u + "/story", u + "/feed.xml"}, SourceOptions{Offline: true})
	if len(items) != 1 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "--offline") {
		t.Fatalf("offline: %q %v", srcIDs(items), errs)
	}
	_, _, err := items[0].Open(context.Background())
	if !errors.Is(err, galley.ErrFetch) || !strings.Contains(err.Error(), u+"/story") || !strings.Contains(err.Error(), "--offline") {
		t.Errorf("offline page: %v", err)
	}
}

func TestIsFeedSniff(t *testing.T) {
	for _, tc := range []struct {
		head string
		want bool
	}{
		{`<?xml version="1.0"?><rss version="2.0">`, true},
		{"\uFEFF  <?xml version='1.0'?>\n<!-- c --><?xml-stylesheet href='a'?>\n<feed xmlns='http://www.w3.org/2005/Atom'>", true},
		{`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`, true},
		{`<atom:feed xmlns:atom="http://www.w3.org/2005/Atom">`, true},
		{`{"version": "https://jsonfeed.org/version/1.1", "title": "x"}`, true},
		{`<!DOCTYPE html><html><head><link type="application/rss+xml"></head>`, false},
		{`<?xml version="1.0"?><urlset>`, false},
		{`{"title": "an article"}`, false},
		{`plain text mentioning <rss`, false},
	} {
		if got := isFeed([]byte(tc.head)); got != tc.want {
			t.Errorf("isFeed(%q) = %v", tc.head, got)
		}
	}
}

func TestEnumerateSymlinks(t *testing.T) {
	root := t.TempDir()
	srcWrite(t, root, map[string]string{"real/a.md": "a", "elsewhere/b.txt": "b"})
	if err := os.Symlink(filepath.Join(root, "real"), filepath.Join(root, "link")); err != nil {
		t.Skip("no symlinks:", err)
	}
	os.Symlink(filepath.Join(root, "elsewhere", "b.txt"), filepath.Join(root, "real", "b.txt"))
	os.Symlink(filepath.Join(root, "elsewhere"), filepath.Join(root, "real", "loop")) // a folder link: not followed
	items, errs := srcCollect(t, []string{filepath.Join(root, "link")}, SourceOptions{})
	srcNoErrors(t, errs)
	want := []string{"link/a.md", "link/b.txt"}
	if got := srcIDs(items); !reflect.DeepEqual(got, want) {
		t.Fatalf("items:\n got %q\nwant %q", got, want)
	}
	if data, _ := srcOpen(t, items[1]); data != "b" {
		t.Errorf("linked file read %q", data)
	}
}

func TestEnumerateCanceled(t *testing.T) {
	root := t.TempDir()
	srcWrite(t, root, map[string]string{"a.txt": "a"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	n := 0
	errs := Enumerate(ctx, []string{root, "http://127.0.0.1:1/x"}, SourceOptions{}, func(Item) bool { n++; return true })
	if n != 0 || len(errs) != 0 {
		t.Errorf("canceled: %d items, errors %v", n, errs)
	}
}
