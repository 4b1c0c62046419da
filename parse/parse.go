package parse

import (
	"cmp"
	"context"
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
	FormatHTML     Format = "html"     // a web page; its article is extracted
	FormatMarkdown Format = "markdown" // Markdown with optional front matter
	// FormatFeed and FormatWARC are sources of several articles (RSS,
	// Atom and JSON feeds; WARC web archives): Detect names them, Parse
	// refuses them (ErrCollection) and package batch reads them.
	FormatFeed Format = "feed"
	FormatWARC Format = "warc"
	// FormatXML is XML that is neither a page nor a feed (a sitemap, an
	// SVG drawing…): Detect names it so that it is never read as text;
	// Parse refuses it (ErrUnsupportedFormat).
	FormatXML Format = "xml"
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
	// Dir is the folder of a local Markdown post: the static-site markup
	// in it (package sitemarkup) reads the files it includes from there
	// and finds the site's configuration above it. Empty reads no file.
	Dir string
	// Remove and Keep are CSS selectors for an HTML page (package
	// cascadia's: CSS level 3, :has(), :contains()). The elements Remove
	// matches are taken out before anything reads the page, its article
	// and metadata; those Keep matches are in the article whatever
	// extraction makes of them, where they stand in the page. Remove wins.
	// A selector galley cannot use fails Parse with ErrBadSelector; at
	// most MaxSelectors are used for one page, site rules' included.
	Remove, Keep []string
	// Sites are site rules (SiteRule): those whose hosts match the page's
	// address (BaseURL, else the page's canonical URL) add their
	// selectors to Remove and Keep. Parse reads no rule file: the caller
	// loads them.
	Sites []SiteRule
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
// ErrNoContent. A feed or web archive is refused with an error wrapping
// ErrCollection (package batch reads them), other XML with one wrapping
// ErrUnsupportedFormat, even when opts.Format names another format:
// neither is ever read as text. Input nested more deeply than galley
// reads is refused with an error wrapping ErrTooDeep. Errors start with
// opts.Name when it is set.
func Parse(data []byte, opts Options) ([]*article.Article, error) {
	return ParseContext(context.Background(), data, opts)
}

// ParseContext is Parse under ctx: every stage that takes time in
// proportion to the input (decoding, HTML parsing and extraction,
// Markdown, reading lines) looks at ctx as it goes, and when ctx is done
// stops within milliseconds with an error wrapping ctx.Err(), leaving
// nothing running.
func ParseContext(ctx context.Context, data []byte, opts Options) ([]*article.Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, cancelled("parsing", err)
	}
	f, kind := opts.Format, ""
	if f == FormatAuto {
		f, kind = detect(opts.Name, data)
	} else if other, k := notArticleContent(data); other != FormatAuto && other != f {
		f, kind = other, k // a feed sent as text/plain is still no article to print as text
	}
	switch f {
	case FormatFeed, FormatWARC, FormatXML:
		err := notArticle(f, kind)
		if opts.Name != "" {
			err = fmt.Errorf("%s: %w", opts.Name, err)
		}
		return nil, err
	}
	logger := opts.Logger
	if logger != nil && opts.Name != "" {
		logger = logger.With("input", opts.Name)
	}
	arts, err := parseAs(ctx, f, data, opts, logger)
	if err == nil {
		if cerr := ctx.Err(); cerr != nil {
			arts, err = nil, cancelled("parsing", cerr)
		}
	}
	if err != nil && opts.Name != "" {
		err = fmt.Errorf("%s: %w", opts.Name, err)
	}
	return arts, err
}

func parseAs(ctx context.Context, f Format, data []byte, opts Options, logger *slog.Logger) ([]*article.Article, error) {
	arts, err := parseFormat(ctx, f, data, opts, logger)
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

func parseFormat(ctx context.Context, f Format, data []byte, opts Options, logger *slog.Logger) ([]*article.Article, error) {
	switch f {
	case FormatText:
		a, err := readText(ctx, data, logger)
		if err != nil {
			return nil, err
		}
		return []*article.Article{a}, nil
	case FormatJSON:
		return decodeJSON(data)
	case FormatJSONL:
		return jsonLines(ctx, data)
	case FormatHTML:
		a, err := htmlArticle(ctx, data, opts.BaseURL, opts.ContentType, logger, opts)
		if err != nil {
			return nil, err
		}
		return []*article.Article{a}, nil
	case FormatMarkdown:
		a, err := markdownArticle(ctx, data, opts.Name, opts.BaseURL, siteSource{dir: opts.Dir, logger: logger})
		if err != nil {
			return nil, err
		}
		return []*article.Article{a}, nil
	}
	return nil, fmt.Errorf("%w: unknown format %q", ErrUnsupportedFormat, string(f))
}

// notArticle is the error for a feed, an archive or other XML; kind says
// what it is ("an Atom feed"), or "" for the format's generic name.
func notArticle(f Format, kind string) error {
	sentinel := ErrUnsupportedFormat
	switch f {
	case FormatFeed:
		kind, sentinel = cmp.Or(kind, "a feed"), ErrCollection
	case FormatWARC:
		kind, sentinel = cmp.Or(kind, "a WARC archive"), ErrCollection
	default:
		kind = cmp.Or(kind, "XML")
	}
	return &kindError{kind: kind, sentinel: sentinel}
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
			if t := b.Table; t != nil && len(t.Rows)+len(t.Header)+len(t.Footer) > 0 {
				return true
			}
		}
	}
	return false
}
