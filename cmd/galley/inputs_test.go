package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nlnwa/gowarc/v3"
)

// feedEntry is the body of an entry with its full content: long enough
// to be printed as it is.
func feedEntry(n string) string {
	return "<p>Entry " + n + " opens with the harbour master's report on the storm, the ferries and the state of the sea wall after three days of closure.</p>" +
		"<p>Entry " + n + " goes on with the fishing fleet, the slipways cleared on Monday and the moorings checked one by one before the boats went out again.</p>" +
		"<p>Entry " + n + " ends with the promenade: fences and sheds to mend within the month, and nobody hurt.</p>"
}

// fullRSS is an RSS feed whose entries carry their full content.
var fullRSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Galley Gazette</title><link>https://gazette.example/</link>
<item><title>Harbour Reopens</title><link>https://gazette.example/harbour</link><guid>g-1</guid>
<content:encoded><![CDATA[` + feedEntry("one") + `]]></content:encoded></item>
<item><title>Ferries Resume</title><link>https://gazette.example/ferries</link><guid>g-2</guid>
<content:encoded><![CDATA[` + feedEntry("two") + `]]></content:encoded></item>
</channel></rss>`

// linkRSS is an RSS feed of link-only entries.
const linkRSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Links</title><link>https://links.example/</link>
<item><title>First Link</title><link>https://links.example/a</link><description>Short.</description></item>
<item><title>Second Link</title><link>https://links.example/b</link></item>
</channel></rss>`

// pdfsIn returns the PDFs in dir.
func pdfsIn(t *testing.T, dir string) []string {
	t.Helper()
	var pdfs []string
	for _, n := range files(t, dir) {
		if strings.HasSuffix(n, ".pdf") {
			pdfs = append(pdfs, n)
		}
	}
	return pdfs
}

// TestExportFeed: a feed given to export prints one PDF per entry, never
// its XML as text; link-only entries offline each fail in one line that
// names the link and --offline.
func TestExportFeed(t *testing.T) {
	atom := `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Gazette</title>
<entry><title>Atom Entry</title><id>urn:x:1</id><link href="https://gazette.example/atom-1"/><updated>2024-03-05T09:30:00Z</updated>
<content type="html"><![CDATA[` + feedEntry("atom") + `]]></content></entry></feed>`
	jsonFeed := `{"version": "https://jsonfeed.org/version/1.1", "title": "JSON Gazette", "items": [
{"id": "j1", "url": "https://gazette.example/j1", "title": "JSON Entry One", "content_html": "` + strings.ReplaceAll(feedEntry("j1"), `"`, `\"`) + `"},
{"id": "j2", "url": "https://gazette.example/j2", "title": "JSON Entry Two", "content_html": "` + strings.ReplaceAll(feedEntry("j2"), `"`, `\"`) + `"}]}`
	tests := []struct {
		name, file, data string
		args             []string
		want             map[string]string // PDF name → a sentence of its text
	}{
		{"RSS with full content", "feed.xml", fullRSS, []string{"-o", "out/"},
			map[string]string{"harbour-reopens.pdf": "Entry one opens", "ferries-resume.pdf": "Entry two opens"}},
		{"RSS named .rss, default folder", "news.rss", fullRSS, nil,
			map[string]string{"harbour-reopens.pdf": "Entry one ends", "ferries-resume.pdf": "Entry two ends"}},
		{"Atom feed of one entry, -o a file", "atom.xml", atom, []string{"-o", "one.pdf"},
			map[string]string{"one.pdf": "Entry atom goes on"}},
		{"JSON Feed", "feed.json", jsonFeed, []string{"-o", "out"},
			map[string]string{"json-entry-one.pdf": "Entry j1 opens", "json-entry-two.pdf": "Entry j2 opens"}},
		{"feed without an extension", "feed", fullRSS, []string{"-o", "out/"},
			map[string]string{"harbour-reopens.pdf": "Entry one opens", "ferries-resume.pdf": "Entry two opens"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := inTemp(t)
			write(t, tt.file, []byte(tt.data))
			code, stdout, stderr := galleyRun(t, nil, append([]string{"export", tt.file, "--offline"}, tt.args...)...)
			if code != exitOK || stdout != "" || stderr != "" {
				t.Fatalf("exit %d, stdout %q, stderr %q; want 0 and silence", code, stdout, stderr)
			}
			outDir := dir
			if len(tt.args) > 0 && strings.HasPrefix(tt.args[1], "out") {
				outDir = filepath.Join(dir, "out")
			}
			var names []string
			for name := range tt.want {
				names = append(names, name)
			}
			slices.Sort(names)
			if got := pdfsIn(t, outDir); !slices.Equal(got, names) {
				t.Fatalf("PDFs %v, want %v", got, names)
			}
			for name, sentence := range tt.want {
				text, _ := pdfTextAndImages(t, readPDF(t, filepath.Join(outDir, name)))
				if !strings.Contains(text, sentence) {
					t.Errorf("%s: %q not in its text %.200q", name, sentence, text)
				}
				if strings.Contains(text, "<?xml") || strings.Contains(text, "CDATA") || strings.Contains(text, `"version"`) {
					t.Errorf("%s: the feed's markup is printed: %.200q", name, text)
				}
			}
		})
	}

	t.Run("link-only entries offline", func(t *testing.T) {
		dir := inTemp(t)
		write(t, "links.xml", []byte(linkRSS))
		code, stdout, stderr := galleyRun(t, nil, "export", "links.xml", "--offline", "-o", "out/")
		if code != exitFailed || stdout != "" {
			t.Fatalf("exit %d, stdout %q; want 1", code, stdout)
		}
		lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
		if len(lines) != 2 {
			t.Fatalf("stderr has %d lines, want one per entry:\n%s", len(lines), stderr)
		}
		for i, link := range []string{"https://links.example/a", "https://links.example/b"} {
			if !strings.Contains(lines[i], link) || !strings.Contains(lines[i], "--offline") || !strings.HasPrefix(lines[i], "links.xml#") {
				t.Errorf("line %d %q: want the entry, its link %s and --offline", i+1, lines[i], link)
			}
		}
		if pdfs := pdfsIn(t, filepath.Join(dir, "out")); len(pdfs) != 0 {
			t.Errorf("PDFs %v written for entries that could not be read", pdfs)
		}
		noTemps(t, filepath.Join(dir, "out"))
	})

	t.Run("feed by URL, inspect", func(t *testing.T) {
		inTemp(t)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write([]byte(fullRSS))
		}))
		defer srv.Close()
		code, stdout, stderr := galleyRun(t, nil, "inspect", srv.URL+"/feed")
		if code != exitOK || stderr != "" {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
		lines := strings.Split(strings.TrimSpace(stdout), "\n")
		if len(lines) != 2 || !strings.Contains(lines[0], `"title":"Harbour Reopens"`) || !strings.Contains(lines[1], `"title":"Ferries Resume"`) {
			t.Errorf("inspect printed %d lines, want the two entries as JSON Lines:\n%.400s", len(lines), stdout)
		}
	})
}

// TestExportWARC: a web archive given to export prints one PDF per HTML
// response.
func TestExportWARC(t *testing.T) {
	dir := inTemp(t)
	var buf bytes.Buffer
	m := gowarc.NewMarshaler()
	for i, title := range []string{"Archived Harbour Story", "Archived Ferry Story"} {
		page := "<!DOCTYPE html><html><head><title>" + title + "</title></head><body><article><h1>" + title + "</h1>" +
			feedEntry(strings.Fields(title)[1]) + "</article></body></html>"
		b := gowarc.NewRecordBuilder(gowarc.Response, gowarc.WithAddMissingDigest(true))
		b.AddWarcHeader(gowarc.WarcRecordID, "<urn:uuid:0000000"+string(rune('1'+i))+"-0000-4000-8000-000000000000>")
		b.AddWarcHeader(gowarc.WarcDate, "2024-03-05T09:30:00Z")
		b.AddWarcHeader(gowarc.WarcTargetURI, "https://archive.example/story-"+string(rune('1'+i)))
		b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
		b.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page)
		wr, _, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := m.Marshal(&buf, wr, 0); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"crawl.warc", "crawl"} { // by its name, by its first bytes
		write(t, name, buf.Bytes())
		out := filepath.Join(dir, "out-"+name)
		code, stdout, stderr := galleyRun(t, nil, "export", name, "--offline", "-o", out+"/")
		if code != exitOK || stdout != "" || stderr != "" {
			t.Fatalf("%s: exit %d, stdout %q, stderr %q", name, code, stdout, stderr)
		}
		want := []string{"archived-ferry-story.pdf", "archived-harbour-story.pdf"}
		if got := pdfsIn(t, out); !slices.Equal(got, want) {
			t.Errorf("%s: PDFs %v, want %v", name, got, want)
		}
	}
}

// TestExportNotArticle: XML that is not a feed, and a feed or archive on
// standard input, fail in one line; nothing is printed as text.
func TestExportNotArticle(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             []string
	}{
		{"sitemap", "sitemap.xml", `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://e.example/</loc></url></urlset>`,
			[]string{"sitemap.xml", "sitemap", "not an article"}},
		{"SVG", "logo.svg", `<svg xmlns="http://www.w3.org/2000/svg"><text x="1" y="1">Logo</text></svg>`, []string{"logo.svg", "SVG", "not an article"}},
		{"XML of another kind", "data.xml", `<?xml version="1.0"?><catalog><book><title>A Title</title></book></catalog>`, []string{"data.xml", "<catalog>", "not an article"}},
		{"XML without an XML name", "export", `<?xml version="1.0"?><catalog><book>x</book></catalog>`, []string{"export", "<catalog>"}},
		{"feed on standard input", "-", fullRSS, []string{"stdin", "RSS feed", "galley batch"}},
		{"WARC on standard input", "-", "WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n", []string{"stdin", "WARC", "galley batch"}},
		{"feed that does not parse", "broken.rss", `<?xml version="1.0"?><rss version="2.0"><channel><item><title>Cut off`, []string{"broken.rss"}},
		{"feed without entries", "none.xml", `<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>`, []string{"none.xml", "no article"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := inTemp(t)
			var stdin []byte
			if tt.file == "-" {
				stdin = []byte(tt.data)
			} else {
				write(t, tt.file, []byte(tt.data))
			}
			before := files(t, dir)
			code, stdout, stderr := galleyRun(t, stdin, "export", tt.file, "--offline")
			if code != exitFailed || stdout != "" {
				t.Errorf("exit %d, stdout %q; want 1 and nothing", code, stdout)
			}
			oneLine(t, stderr, tt.want...)
			if after := files(t, dir); !slices.Equal(before, after) {
				t.Errorf("files %v after a failure, want %v", after, before)
			}
		})
	}
}

// TestExportNoContent: an input with neither a title nor a body fails in
// one line and writes nothing, in every format; the file's name does not
// count as a title.
func TestExportNoContent(t *testing.T) {
	tests := []struct{ file, data string }{
		{"empty.md", ""},
		{"blank.md", " \n\n\t\n"},
		{"front-matter.md", "---\nauthor: Ann Lee\n---\n"},
		{"comment.md", "<!-- draft -->\n"},
		{"empty.txt", ""},
		{"blank.txt", "\n \n"},
		{"empty.html", ""},
		{"empty-page.html", "<!DOCTYPE html><html><head><title></title></head><body></body></html>"},
		{"empty.json", "{}"},
		{"empty.jsonl", "\n\n"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			dir := inTemp(t)
			write(t, tt.file, []byte(tt.data))
			before := files(t, dir)
			code, stdout, stderr := galleyRun(t, nil, "export", tt.file)
			if code != exitFailed || stdout != "" {
				t.Errorf("exit %d, stdout %q; want 1 and nothing", code, stdout)
			}
			oneLine(t, stderr, tt.file, "no article text found")
			if after := files(t, dir); !slices.Equal(before, after) {
				t.Errorf("files %v, want %v: no PDF", after, before)
			}
		})
	}
	t.Run("a title alone prints", func(t *testing.T) {
		dir := inTemp(t)
		write(t, "titled.md", []byte("---\ntitle: Only a Title\n---\n"))
		if code, _, stderr := galleyRun(t, nil, "export", "titled.md"); code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "only-a-title.pdf")); err != nil {
			t.Error(err)
		}
	})
}
