package parse

import (
	"errors"
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name, data string
		want       Format
	}{
		{"a.txt", `{"title": "x"}`, FormatText},
		{"notes.TEXT", "", FormatText},
		{"a.JSON", "plain", FormatJSON},
		{"x.jsonl", "", FormatJSONL},
		{"x.ndjson", "", FormatJSONL},
		{"page.htm", "", FormatHTML},
		{"page.xhtml", "", FormatHTML},
		{"dir.d/post.markdown", "", FormatMarkdown},
		{`C:\docs\post.md`, "", FormatMarkdown},
		{"https://example.com/a/b.html?x=1.txt#y", "", FormatHTML},
		{"https://example.com/news/2024/03/sample", "Title\n\nBody.", FormatText},
		{"", `{"title": "x"}`, FormatJSON},
		{"-", "\ufeff {\"title\": \"x\"}", FormatJSON},
		{"", "{\n  \"title\": \"x\"\n}\n", FormatJSON},
		{"", "{\"a\": 1}\n{\"b\": 2}\n", FormatJSONL},
		{"", "{\"a\": 1}\n\n{\"b\": 2}", FormatJSONL},
		{"", "{\"a\": 1}\n", FormatJSON},
		{"", "  [{\"title\": 1}]", FormatJSON},
		{"", "[]", FormatJSON},
		{"", "[Editor's note] text", FormatText},
		{"", "<!DOCTYPE html><html><body>x</body></html>", FormatHTML},
		{"", "<!doctype \n HTML PUBLIC><p>é</p><svg></svg>", FormatHTML},
		{"", "<!DOCTYPE rss><rss version=\"2.0\"><channel>é</channel></rss>", FormatFeed},
		{"", "<!DOCTYPE htm><htm>é</htm>", FormatXML},
		{"", "<html lang=en>", FormatHTML},
		{"", "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", FormatHTML},
		{"", "<p>a</p>\n<p>b</p>\n<div>c</div>", FormatHTML},
		{"", "Use <p> for paragraphs.", FormatText},
		{"", "---\ntitle: x\n---\nbody", FormatMarkdown},
		{"", "+++\ntitle = 'x'\n+++\nbody", FormatMarkdown},
		{"", "# Title\n\ntext", FormatMarkdown},
		{"", "Title\n\n## One\n\ntext\n\n## Two\n\ntext", FormatMarkdown},
		{"", "Title\n\n## One\n\ntext", FormatText},
		{"", "#hashtag text", FormatText},
		{"", "plain words", FormatText},
		{"", "", FormatText},
		{"stdin", "plain", FormatText},
	}
	for _, tt := range tests {
		if got := Detect(tt.name, []byte(tt.data)); got != tt.want {
			t.Errorf("Detect(%q, %q) = %q, want %q", tt.name, tt.data, got, tt.want)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		data string
		opts Options
		n    int
		err  error
		msg  string // the error message, or the title of the first article
	}{
		{"Title\n\nBody.", Options{}, 1, nil, "Title"},
		{"Body only.", Options{Name: "notes/my_notes-2023.txt"}, 1, nil, "my notes 2023"},
		{"Body only.", Options{Name: "https://example.com/archive/the-long_story.txt?x=1"}, 1, nil, "the long story"},
		{"Body only.", Options{Name: "-"}, 1, nil, ""},
		{"Body only.", Options{}, 1, nil, ""},
		{`{"title": "J", "body": "x"}`, Options{}, 1, nil, "J"},
		{`{"title": "J", "body": "x"}`, Options{Format: FormatText}, 1, nil, ""},
		{"{\"title\": \"a\", \"body\": \"x\"}\n{\"title\": \"b\", \"body\": \"y\"}", Options{}, 2, nil, "a"},
		{"<html><body><p>A paragraph of prose long enough to be an article.</p></body></html>", Options{Name: "page.html"}, 1, nil, "page"},
		{"<html><body></body></html>", Options{Name: "page.html"}, 0, ErrNoContent, "page.html: no article text found"},
		{"# Title\n\nText.", Options{}, 1, nil, "Title"},
		{"x", Options{Format: "pdf"}, 0, ErrUnsupportedFormat, `unknown format "pdf"`},
		{"", Options{Name: "empty.txt"}, 0, ErrNoContent, "empty.txt: no article text found"},
		{"\x00\x01\x02binary", Options{Name: "a.bin"}, 0, ErrUnsupportedFormat, "a.bin: unsupported input format: input looks like binary data, not text"},
		{`{"title": 1}`, Options{Name: "a.json"}, 0, ErrInvalidJSON, `a.json: invalid article JSON: field "title"`},
	}
	for _, tt := range tests {
		arts, err := Parse([]byte(tt.data), tt.opts)
		if len(arts) != tt.n || !errors.Is(err, tt.err) {
			t.Errorf("Parse(%q, %+v) = %d articles, %v; want %d, %v", tt.data, tt.opts, len(arts), err, tt.n, tt.err)
			continue
		}
		if err != nil && !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("Parse(%q): error %q does not contain %q", tt.data, err, tt.msg)
		}
		if err == nil && arts[0].Title != tt.msg {
			t.Errorf("Parse(%q): title %q, want %q", tt.data, arts[0].Title, tt.msg)
		}
	}
}

// TestInvisibleTitles: a title of control or zero-width characters is no
// title: a text dump takes its file's name, and JSON without body text is
// refused rather than printed blank.
func TestInvisibleTitles(t *testing.T) {
	for in, want := range map[string]string{"\x7f": "", "\u200b\ufe0f": "", " Tides\x00 rise\t": "Tides rise", "‏שלום": "‏שלום"} {
		if got := printableLine(in); got != want {
			t.Errorf("printableLine(%q) = %q, want %q", in, got, want)
		}
	}
	arts, err := Parse([]byte(`{"title": "\u007f", "body": "Text."}`), Options{Format: FormatJSON})
	if err != nil || arts[0].Title != "" {
		t.Errorf("JSON with an invisible title: %v, %v", arts, err)
	}
	if _, err := Parse([]byte(`{"title": "\u200b", "body": ""}`), Options{Format: FormatJSON}); !errors.Is(err, ErrNoContent) {
		t.Errorf("JSON with an invisible title and no body: %v, want ErrNoContent", err)
	}
	arts, err = Parse([]byte("\x7f\n\nThe tide rose over the quay."), Options{Format: FormatText, Name: "harbour-notes.txt"})
	if err != nil || arts[0].Title == "" {
		t.Errorf("text with an invisible first line: %+v, %v", arts, err)
	}
}

// TestParseNoContent: an input with neither a title nor a body is
// ErrNoContent in every format, whatever its file is called (a title made
// from the file name is not content); a real title alone prints.
func TestParseNoContent(t *testing.T) {
	tests := []struct {
		name, data string
		wantTitle  string // "" wants ErrNoContent
	}{
		{"empty.md", "", ""},
		{"blank.md", "  \n\n\t\n", ""},
		{"comment.md", "<!-- nothing yet -->\n", ""},
		{"rule.md", "***\n", ""},
		{"front-matter-only.md", "---\nauthor: Ann Lee\ntags: [a]\n---\n", ""},
		{"toml-front-matter-only.md", "+++\nauthor = \"Ann Lee\"\n+++\n\n", ""},
		{"invisible-title.md", "---\ntitle: \"\\u200b\"\n---\n", ""},
		{"empty.txt", "", ""},
		{"blank.txt", " \n\n \t\n", ""},
		{"empty.html", "", ""},
		{"blank.html", "<!DOCTYPE html><html><head><title></title></head><body> </body></html>", ""},
		{"empty.json", "", ""},
		{"object.json", "{}", ""},
		{"empty.markdown", "\ufeff", ""},
		{"-", "", ""},
		{"-", "\n \n", ""},
		{"titled.md", "---\ntitle: Only a Title\n---\n", "Only a Title"},
		{"heading.md", "# Only a Heading\n", "Only a Heading"},
		{"2024-05-01-untitled-post.md", "Some text.\n", "untitled post"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := Parse([]byte(tt.data), Options{Name: tt.name})
			if tt.wantTitle == "" {
				if !errors.Is(err, ErrNoContent) || len(arts) != 0 {
					t.Fatalf("Parse(%q) = %d articles, %v; want ErrNoContent", tt.data, len(arts), err)
				}
				if strings.Contains(err.Error(), "\n") {
					t.Errorf("the error is not one line: %q", err)
				}
				return
			}
			if err != nil || len(arts) != 1 || arts[0].Title != tt.wantTitle {
				t.Fatalf("Parse(%q) = %+v, %v; want one article titled %q", tt.data, arts, err, tt.wantTitle)
			}
		})
	}
}

// TestNotArticles: feeds, web archives and other XML are detected and
// refused with a one-line error saying what they are, never read as text.
func TestNotArticles(t *testing.T) {
	const rss = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<rss version="2.0"><channel><title>T</title><item><title>A</title><description>Body text.</description></item></channel></rss>`
	const atomFeed = `<?xml version="1.0"?><!-- generated --><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed>`
	const jsonFeed = `{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [{"id": "1", "content_text": "Body."}]}`
	utf16RSS := []byte{0xFF, 0xFE}
	for _, r := range `<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"></rss>` {
		utf16RSS = append(utf16RSS, byte(r), 0)
	}
	tests := []struct {
		name, data string
		want       Format
		kind       string // in the error; "" when Parse reads it
		collection bool
	}{
		{"feed.xml", rss, FormatFeed, "an RSS feed", true},
		{"", rss, FormatFeed, "an RSS feed", true},
		{"-", "\ufeff" + rss, FormatFeed, "an RSS feed", true},
		{"news.rss", rss, FormatFeed, "an RSS feed", true},
		{"https://example.com/feed", rss, FormatFeed, "an RSS feed", true},
		{"", atomFeed, FormatFeed, "an Atom feed", true},
		{"index.atom", atomFeed, FormatFeed, "an Atom feed", true},
		{"", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel/></rdf:RDF>`, FormatFeed, "RDF", true},
		{"feed.json", jsonFeed, FormatFeed, "a JSON Feed", true},
		{"", jsonFeed, FormatFeed, "a JSON Feed", true},
		{"", string(utf16RSS), FormatFeed, "an RSS feed", true},
		{"crawl.warc", "WARC/1.1\r\nWARC-Type: warcinfo\r\n\r\n", FormatWARC, "a WARC archive", true},
		{"crawl.WARC.gz", "\x1f\x8b\x08\x00", FormatWARC, "a WARC archive", true},
		{"", "WARC/1.0\r\nWARC-Type: response\r\n\r\n", FormatWARC, "a WARC archive", true},
		{"sitemap.xml", `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://e.example/</loc></url></urlset>`, FormatXML, "an XML sitemap", false},
		{"logo.svg", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><text>Hi</text></svg>`, FormatXML, "an SVG drawing", false},
		{"", `<svg xmlns="http://www.w3.org/2000/svg"><text>Hi</text></svg>`, FormatXML, "an SVG drawing", false},
		{"", `<?xml version="1.0"?><catalog><book>Title</book></catalog>`, FormatXML, "<catalog>", false},
		{"", `<?xml version="1.0"?><body><p>Declared XML, root body.</p></body>`, FormatXML, "<body>", false},
		{"", `<!DOCTYPE note SYSTEM "note.dtd"><note><to>A</to></note>`, FormatXML, "<note>", false},
		{"", `<x:doc xmlns:x="urn:x"><x:p>Text</x:p></x:doc>`, FormatXML, "<x:doc>", false},
		{"subs.opml", `<?xml version="1.0"?><opml version="2.0"><body/></opml>`, FormatXML, "OPML", false},
		{"data.xml", `<note><to>A</to></note>`, FormatXML, "XML", false},

		// pages and text stay what they were
		{"", `<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html xmlns="http://www.w3.org/1999/xhtml"><body><p>x</p></body></html>`, FormatHTML, "", false},
		{"page.xml", `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`, FormatHTML, "", false},
		{"", "<!-- saved page --><html><body><p>x</p></body></html>", FormatHTML, "", false},
		{"", "<John Smith> wrote:\n\nA plain message.", FormatText, "", false},
		{"", "<3 this is text", FormatText, "", false},
		{"notes.xml", "Not XML at all, just a line of text.", FormatText, "", false},
		{"", `{"title": "About jsonfeed.org/version numbers", "body": "Text."}`, FormatJSON, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name+" "+tt.kind, func(t *testing.T) {
			if got := Detect(tt.name, []byte(tt.data)); got != tt.want {
				t.Fatalf("Detect = %q, want %q", got, tt.want)
			}
			if tt.kind == "" {
				return
			}
			arts, err := Parse([]byte(tt.data), Options{Name: tt.name})
			if err == nil || len(arts) != 0 {
				t.Fatalf("Parse = %d articles, %v; want an error", len(arts), err)
			}
			if !errors.Is(err, ErrUnsupportedFormat) || errors.Is(err, ErrCollection) != tt.collection {
				t.Errorf("error %v: ErrCollection %v, want %v", err, errors.Is(err, ErrCollection), tt.collection)
			}
			if msg := err.Error(); !strings.Contains(msg, tt.kind) || !strings.HasSuffix(msg, "not an article") || strings.Contains(msg, "\n") {
				t.Errorf("error %q: want one line naming %q, ending in \"not an article\"", msg, tt.kind)
			}
		})
	}
}

// TestNotArticlesWhateverTheFormat: a feed, an archive or other XML said
// to be text, HTML or JSON (a server's text/plain) is refused all the same.
func TestNotArticlesWhateverTheFormat(t *testing.T) {
	const rss = `<?xml version="1.0"?><rss version="2.0"><channel><item><title>A</title></item></channel></rss>`
	tests := []struct {
		format     Format
		data       string
		collection bool
		ok         bool
	}{
		{FormatText, rss, true, false},
		{FormatHTML, rss, true, false},
		{FormatMarkdown, rss, true, false},
		{FormatJSON, `{"version": "https://jsonfeed.org/version/1", "title": "T", "items": []}`, true, false},
		{FormatText, "WARC/1.0\r\nWARC-Type: warcinfo\r\n\r\n", true, false},
		{FormatText, `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>`, false, false},
		{FormatText, "<John Smith> wrote:\n\nA plain message that starts with a name in brackets.", false, true},
		{FormatHTML, `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><article><p>` + strings.Repeat("Words of an XHTML page. ", 40) + `</p></article></body></html>`, false, true},
	}
	for _, tt := range tests {
		arts, err := Parse([]byte(tt.data), Options{Format: tt.format})
		if tt.ok {
			if err != nil || len(arts) != 1 {
				t.Errorf("%s %.30q: %v, want one article", tt.format, tt.data, err)
			}
			continue
		}
		if !errors.Is(err, ErrUnsupportedFormat) || errors.Is(err, ErrCollection) != tt.collection {
			t.Errorf("%s %.30q: %v, want refused (collection %v)", tt.format, tt.data, err, tt.collection)
		}
	}
}
