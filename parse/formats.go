package parse

import (
	"bytes"
	"encoding/json"
	"errors"
	"path"
	"strings"

	"golang.org/x/net/html/atom"
)

// FormatInfo describes an input format galley reads.
type FormatInfo struct {
	Format Format
	// Name is what the format is called in help texts and documentation.
	Name string
	// Extensions are the file name endings that name the format, lower
	// case, with their dot. XML endings (.xml, .rss…) are confirmed by the
	// content.
	Extensions []string
	// Several marks a source of several articles (a feed, a web archive):
	// Parse refuses it with an error wrapping ErrCollection, and package
	// batch reads it, one article per entry or record.
	Several bool
}

// formatTable lists the formats Detect names, in the order help texts
// list them.
var formatTable = []FormatInfo{
	{FormatHTML, "web pages", []string{".html", ".htm", ".xhtml"}, false},
	{FormatMarkdown, "Markdown", []string{".md", ".markdown"}, false},
	{FormatText, "text", []string{".txt", ".text"}, false},
	{FormatJSON, "article JSON", []string{".json"}, false},
	{FormatJSONL, "JSON Lines", []string{".jsonl", ".ndjson"}, false},
	{FormatFeed, "feeds", []string{".rss", ".atom", ".rdf", ".xml"}, true},
	{FormatWARC, "WARC archives", []string{".warc", ".warc.gz"}, true},
}

// Formats returns the input formats galley reads, for help texts and
// documentation (a test checks that the command's help names them all).
func Formats() []FormatInfo {
	out := make([]FormatInfo, len(formatTable))
	for i, f := range formatTable {
		out[i] = f
		out[i].Extensions = append([]string(nil), f.Extensions...)
	}
	return out
}

// Errors that Parse wraps for inputs that are not one article.
var (
	// ErrCollection: the input is a feed or a web archive, a source of
	// several articles, which package batch reads (and galley export
	// through it). It is also an ErrUnsupportedFormat.
	ErrCollection = errors.New("a feed or archive of several articles")
)

// kindError says what an input is instead of an article: "an RSS feed,
// not an article".
type kindError struct {
	kind     string
	sentinel error
}

func (e *kindError) Error() string { return e.kind + ", not an article" }

func (e *kindError) Unwrap() []error {
	if e.sentinel == ErrUnsupportedFormat {
		return []error{ErrUnsupportedFormat}
	}
	return []error{e.sentinel, ErrUnsupportedFormat}
}

// extFormat is the format a file name's ending names, and whether the
// content must confirm it (XML endings).
func extFormat(name string) (f Format, sniff, ok bool) {
	base := strings.ToLower(baseName(name))
	ext := path.Ext(base)
	if strings.HasSuffix(base, ".warc.gz") {
		ext = ".warc.gz"
	}
	if ext == ".svg" {
		return FormatXML, true, true
	}
	for _, fi := range formatTable {
		for _, e := range fi.Extensions {
			if e == ext {
				return fi.Format, fi.Format == FormatFeed, true
			}
		}
	}
	return FormatAuto, false, false
}

// Detect names the format of data: by the extension of name (a file name
// or URL; "" or "-" for standard input), else by sniffing the content: a
// leading '{' or '[{' is JSON (a JSON Feed when it names jsonfeed.org's
// version), several lines that are each a JSON object are JSON Lines, a
// WARC header is a WARC archive, XML is a feed (root rss, feed or rdf:RDF),
// HTML (root html) or other XML (FormatXML, not an article), a doctype,
// an <html> tag or many tags are HTML, front matter or Markdown headings
// are Markdown, and anything else is text. XML file endings are checked
// against the content; a .json file that is a JSON Feed is a feed.
func Detect(name string, data []byte) Format {
	f, _ := detect(name, data)
	return f
}

// detect is Detect, with what a feed, archive or other XML is ("an Atom
// feed") for the error that refuses it.
func detect(name string, data []byte) (Format, string) {
	head := fromUTF16(data[:min(len(data), sniffLen)])
	head = bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
	if f, sniff, ok := extFormat(name); ok {
		switch {
		case f == FormatWARC:
			return f, "a WARC archive"
		case f == FormatJSON && isJSONFeed(head, data):
			return FormatFeed, "a JSON Feed"
		case !sniff:
			return f, ""
		}
		// an XML ending: the content says which XML, if XML at all
		if f, kind := sniffXML(head); f != FormatAuto {
			return f, kind
		}
		if len(head) > 0 && head[0] == '<' {
			return FormatXML, "XML"
		}
	}
	switch {
	case len(head) == 0:
		return FormatText, ""
	case bytes.HasPrefix(head, []byte("WARC/")):
		return FormatWARC, "a WARC archive"
	case head[0] == '{':
		if isJSONFeed(head, data) {
			return FormatFeed, "a JSON Feed"
		}
		if isJSONLines(data) {
			return FormatJSONL, ""
		}
		return FormatJSON, ""
	case head[0] == '[':
		if rest := bytes.TrimLeft(head[1:], " \t\r\n"); len(rest) == 0 || rest[0] == '{' || rest[0] == ']' {
			return FormatJSON, ""
		}
	case head[0] == '<':
		if f, kind := sniffXML(head); f != FormatAuto {
			return f, kind
		}
	}
	if isHTML(head) {
		return FormatHTML, ""
	}
	if isMarkdown(head) {
		return FormatMarkdown, ""
	}
	return FormatText, ""
}

// notArticleContent names the format of data when it is a feed, a web
// archive or other XML (FormatAuto otherwise), whatever format it was
// said to be: the content check of Detect without the name and the
// article formats.
func notArticleContent(data []byte) (Format, string) {
	head := fromUTF16(data[:min(len(data), sniffLen)])
	head = bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
	var f Format
	var kind string
	switch {
	case bytes.HasPrefix(head, []byte("WARC/")):
		f, kind = FormatWARC, "a WARC archive"
	case len(head) > 0 && head[0] == '<':
		f, kind = sniffXML(head)
	case isJSONFeed(head, data):
		f, kind = FormatFeed, "a JSON Feed"
	}
	if f != FormatFeed && f != FormatWARC && f != FormatXML {
		return FormatAuto, ""
	}
	return f, kind
}

// sniffXML reads the root element of markup: html (or an HTML doctype)
// is HTML; rss, feed and rdf:RDF are feeds; svg, a sitemap or OPML is
// other XML, and so is any root of a document that declares itself XML
// (<?xml, or a doctype that is not HTML) or a namespaced root that is not
// an HTML element. FormatAuto when it cannot tell: an HTML fragment, or
// text that starts with a tag.
func sniffXML(head []byte) (Format, string) {
	h := head
	xml := false
	for len(h) > 0 && h[0] == '<' {
		var end string
		switch {
		case bytes.HasPrefix(h, []byte("<?")):
			xml = xml || bytes.HasPrefix(h, []byte("<?xml"))
			end = "?>"
		case bytes.HasPrefix(h, []byte("<!--")):
			end = "-->"
		case len(h) >= 9 && bytes.EqualFold(h[:9], []byte("<!doctype")):
			// the name compared in place, not the rest of the head
			// lower-cased: only H, T, M and L lower to its letters
			rest := bytes.TrimLeft(h[9:], " \t\r\n")
			if len(rest) >= 4 && bytes.EqualFold(rest[:4], []byte("html")) {
				return FormatHTML, ""
			}
			xml = true
			end = ">"
		default:
			return rootKind(h, xml)
		}
		i := bytes.Index(h, []byte(end))
		if i < 0 {
			return FormatAuto, ""
		}
		h = bytes.TrimLeft(h[i+len(end):], " \t\r\n")
	}
	return FormatAuto, ""
}

// rootKind tells the format from the root element's start tag at h; xml
// says the document declared itself XML.
func rootKind(h []byte, xml bool) (Format, string) {
	n := 1
	for n < len(h) && !strings.ContainsRune(" \t\r\n/>", rune(h[n])) {
		n++
	}
	name := strings.ToLower(string(h[1:n]))
	if name == "" || !isNameStart(name[0]) {
		return FormatAuto, ""
	}
	local := name[strings.LastIndexByte(name, ':')+1:]
	tagEnd := bytes.IndexByte(h, '>')
	if tagEnd < 0 {
		tagEnd = len(h)
	}
	switch {
	case local == "html":
		return FormatHTML, ""
	case local == "rss":
		return FormatFeed, "an RSS feed"
	case local == "feed":
		return FormatFeed, "an Atom feed"
	case name == "rdf:rdf":
		return FormatFeed, "an RSS 1.0 (RDF) feed"
	case local == "svg":
		return FormatXML, "an SVG drawing"
	case local == "urlset" || local == "sitemapindex":
		return FormatXML, "an XML sitemap"
	case local == "opml":
		return FormatXML, "an OPML outline"
	case xml:
		return FormatXML, "XML (root element <" + string(h[1:n]) + ">)"
	case atom.Lookup([]byte(name)) == 0 && bytes.Contains(h[:tagEnd], []byte("xmlns")):
		return FormatXML, "XML (root element <" + string(h[1:n]) + ">)"
	}
	return FormatAuto, ""
}

func isNameStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c == '_' || c >= 0x80
}

// isJSONFeed reports whether data is a JSON Feed: an object whose version
// is a jsonfeed.org address.
func isJSONFeed(head, data []byte) bool {
	if len(head) == 0 || head[0] != '{' || !bytes.Contains(head, []byte("jsonfeed.org/version")) {
		return false
	}
	var v struct {
		Version string `json:"version"`
	}
	if json.Unmarshal(bytes.TrimPrefix(data, utf8BOM), &v) != nil {
		return false
	}
	return strings.HasPrefix(v.Version, "https://jsonfeed.org/version/") || strings.HasPrefix(v.Version, "http://jsonfeed.org/version/")
}

var utf8BOM = []byte("\xEF\xBB\xBF")

// isJSONLines reports whether the first two non-empty lines of data are
// JSON objects, the first one complete.
func isJSONLines(data []byte) bool {
	data = bytes.TrimPrefix(data, utf8BOM)
	var first []byte
	for len(data) > 0 {
		var line []byte
		line, data, _ = bytes.Cut(data, []byte("\n"))
		line = bytes.TrimSpace(line)
		switch {
		case len(line) == 0:
		case first == nil:
			if line[0] != '{' || !json.Valid(line) {
				return false
			}
			first = line
		default:
			return line[0] == '{'
		}
	}
	return false
}

var htmlTags = []string{"<p>", "<p ", "</p>", "<div", "</div>", "<br", "<a href", "</a>", "<span", "<img ",
	"<h1", "<h2", "<h3", "<ul>", "<li>", "<table", "<body", "<head>", "<meta ", "<script", "<article", "<section"}

// isHTML reports whether head, trimmed, looks like HTML.
func isHTML(head []byte) bool {
	lower := bytes.ToLower(head)
	for _, p := range []string{"<!doctype html", "<html"} {
		if bytes.HasPrefix(lower, []byte(p)) {
			return true
		}
	}
	n := 0
	for _, t := range htmlTags {
		n += bytes.Count(lower, []byte(t))
	}
	return n >= 5
}

// isMarkdown reports whether head, trimmed, starts with front matter or a
// Markdown heading, or has two or more headings.
func isMarkdown(head []byte) bool {
	headings := 0
	for i, line := range strings.Split(string(head), "\n") {
		line = strings.TrimRight(line, " \t\r")
		if i == 0 && (line == "---" || line == "+++") {
			return true
		}
		if _, _, ok := atxHeading(line); ok {
			if i == 0 {
				return true
			}
			headings++
		}
	}
	return headings >= 2
}
