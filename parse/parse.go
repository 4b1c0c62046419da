package parse

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"path"
	"strings"
	"unicode"

	"github.com/galleyprint/galley/article"
)

// Format names an input format.
type Format string

// The input formats.
const (
	FormatAuto     Format = ""         // detect from the name, then the content
	FormatText     Format = "text"     // plain text and print-view dumps
	FormatJSON     Format = "json"     // one article JSON object, or an array of them
	FormatJSONL    Format = "jsonl"    // JSON Lines, one article per line
	FormatHTML     Format = "html"     // detected only; not parsed yet
	FormatMarkdown Format = "markdown" // detected only; not parsed yet
)

// Options control parsing. The zero value works.
type Options struct {
	Format Format       // FormatAuto: detect from Name's extension, then sniff the content
	Name   string       // file name or URL, for detection and error messages
	Logger *slog.Logger // warnings (e.g. invalid UTF-8 replaced); nil discards
	// BaseURL is the page's address, for HTML fetched from the web: links
	// and images resolve against it. Empty for local files, whose
	// relative images stay relative to the file's folder.
	BaseURL string
	// ContentType is the HTTP Content-Type header of fetched input, for
	// its character set.
	ContentType string
}

// Errors that Parse and the format functions wrap.
var (
	ErrNoContent         = errors.New("no article text found")
	ErrUnsupportedFormat = errors.New("unsupported input format")
	ErrInvalidJSON       = errors.New("invalid article JSON")
)

// Parse reads data in the format opts.Format, or the detected one, and
// returns its articles: JSON Lines and JSON arrays may give many, the other
// formats give one. An untitled article (but article JSON) gets a title
// made from opts.Name; one with neither a title nor a body is
// ErrNoContent. Errors start with opts.Name when it is set.
func Parse(data []byte, opts Options) ([]*article.Article, error) {
	f := opts.Format
	if f == FormatAuto {
		f = Detect(opts.Name, data)
	}
	logger := opts.Logger
	if logger != nil && opts.Name != "" {
		logger = logger.With("input", opts.Name)
	}
	arts, err := parseAs(f, data, opts, logger)
	if err != nil && opts.Name != "" {
		err = fmt.Errorf("%s: %w", opts.Name, err)
	}
	return arts, err
}

func parseAs(f Format, data []byte, opts Options, logger *slog.Logger) ([]*article.Article, error) {
	arts, err := parseFormat(f, data, opts, logger)
	for i, a := range arts {
		a.Title, a.Subtitle = printableLine(a.Title), printableLine(a.Subtitle)
		// a title made from the file name is not content: an empty
		// post.md is no article titled "post"
		if a.Title == "" && !hasContent(a.Body) {
			return nil, fmt.Errorf("%w: article %d has no printable title and no body", ErrNoContent, i+1)
		}
		if a.Title == "" && f != FormatJSON && f != FormatJSONL {
			a.Title = titleFromName(opts.Name)
		}
	}
	return arts, err
}

// printableLine returns s with control characters as spaces, spaces
// squashed, or "" when nothing in it would print (a title of a DEL or a
// zero-width space is no title).
func printableLine(s string) string {
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cc, r) }), " ")
	for _, r := range s {
		if !unicode.Is(unicode.Cf, r) && !unicode.Is(unicode.Variation_Selector, r) && r != ' ' {
			return s
		}
	}
	return ""
}

func parseFormat(f Format, data []byte, opts Options, logger *slog.Logger) ([]*article.Article, error) {
	switch f {
	case FormatText:
		a, err := Text(data, logger)
		if err != nil {
			return nil, err
		}
		return []*article.Article{a}, nil
	case FormatJSON:
		return decodeJSON(data)
	case FormatJSONL:
		return JSONLines(data)
	case FormatHTML:
		a, err := HTML(data, opts.BaseURL, opts.ContentType)
		if err != nil {
			return nil, err
		}
		return []*article.Article{a}, nil
	case FormatMarkdown:
		a, err := Markdown(data, opts.Name, opts.BaseURL)
		if err != nil {
			return nil, err
		}
		return []*article.Article{a}, nil
	}
	return nil, fmt.Errorf("%w: unknown format %q", ErrUnsupportedFormat, string(f))
}

var extFormats = map[string]Format{
	".txt": FormatText, ".text": FormatText,
	".json": FormatJSON, ".jsonl": FormatJSONL, ".ndjson": FormatJSONL,
	".html": FormatHTML, ".htm": FormatHTML, ".xhtml": FormatHTML,
	".md": FormatMarkdown, ".markdown": FormatMarkdown,
}

// Detect names the format of data: by the extension of name (a file name
// or URL; "" or "-" for standard input), else by sniffing the content: a
// leading '{' or '[{' is JSON, several lines that are each a JSON object are
// JSON Lines, a doctype, an <html> tag or many tags are HTML, front matter or
// Markdown headings are Markdown, and anything else is text.
func Detect(name string, data []byte) Format {
	if f, ok := extFormats[strings.ToLower(path.Ext(baseName(name)))]; ok {
		return f
	}
	head := data[:min(len(data), sniffLen)]
	head = bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
	switch {
	case len(head) == 0:
		return FormatText
	case head[0] == '{':
		if isJSONLines(data) {
			return FormatJSONL
		}
		return FormatJSON
	case head[0] == '[':
		if rest := bytes.TrimLeft(head[1:], " \t\r\n"); len(rest) == 0 || rest[0] == '{' || rest[0] == ']' {
			return FormatJSON
		}
	}
	if isHTML(head) {
		return FormatHTML
	}
	if isMarkdown(head) {
		return FormatMarkdown
	}
	return FormatText
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
	for _, p := range []string{"<!doctype html", "<html", "<?xml"} {
		if bytes.HasPrefix(lower, []byte(p)) {
			return p != "<?xml" || bytes.Contains(lower, []byte("<html"))
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

// baseName returns the last element of a file name or URL path, without a
// URL's query or fragment.
func baseName(name string) string {
	if u, err := url.Parse(name); err == nil && u.Scheme != "" && u.Host != "" {
		name = u.Path
		if p, err := url.PathUnescape(name); err == nil {
			name = p
		}
	}
	name = strings.TrimRight(name, `/\`)
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// titleFromName makes a title from a file name: "my_notes-2023.txt" gives
// "my notes 2023". Standard input gives "".
func titleFromName(name string) string {
	base := baseName(name)
	if ext := path.Ext(base); ext != base {
		base = strings.TrimSuffix(base, ext)
	}
	// a dated file name ("2023-10-05-my-post") gives the date elsewhere
	if m := datedPath.FindStringIndex(base); m != nil && m[0] == 0 {
		base = base[m[1]:]
	}
	base = strings.Map(func(r rune) rune {
		if r == '_' || r == '-' || r == '.' || r == '+' {
			return ' '
		}
		return r
	}, base)
	base = strings.Join(strings.Fields(base), " ")
	if base == "stdin" || base == "-" {
		return ""
	}
	return base
}

// hasContent reports whether blocks hold something to print.
func hasContent(blocks []article.Block) bool {
	for _, b := range blocks {
		switch b.Kind {
		case article.KindParagraph, article.KindHeading:
			if strings.TrimSpace(b.Text.Plain()) != "" {
				return true
			}
		case article.KindQuote:
			if hasContent(b.Blocks) {
				return true
			}
		case article.KindList:
			for _, it := range b.Items {
				if hasContent(it.Blocks) {
					return true
				}
			}
		case article.KindCode:
			if strings.TrimSpace(b.Code) != "" {
				return true
			}
		case article.KindFigure:
			if f := b.Figure; f != nil && (f.Src != "" || f.Credit != "" || len(f.Caption) > 0) {
				return true
			}
		case article.KindTable:
			if t := b.Table; t != nil && len(t.Rows)+len(t.Header) > 0 {
				return true
			}
		}
	}
	return false
}
