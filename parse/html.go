package parse

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/galleyprint/galley/article"
)

// maxHTMLElements bounds the pages readability is asked to score.
const maxHTMLElements = 200000

// HTML extracts the article from a web page with Mozilla's Readability
// algorithm (codeberg.org/readeck/go-readability) and converts the cleaned
// content into blocks. pageURL, when set, is the page's address: relative
// links and images resolve against it (and a <base> element). contentType
// is the HTTP Content-Type header, if any, for the character set.
func HTML(data []byte, pageURL, contentType string) (*article.Article, error) {
	utf8Data, err := decodeHTML(data, contentType)
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(bytes.NewReader(stripInert(utf8Data)))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnsupportedFormat, err)
	}
	meta := readPageMeta(doc)
	saveAlignments(doc)
	saveSrcsets(doc)
	markPullQuotes(doc)
	base := baseURL(pageURL, meta.base)

	p := readability.NewParser()
	p.MaxElemsToParse = maxHTMLElements
	p.KeepClasses = true // the converter reads language-* and credit classes
	ra, err := p.ParseAndMutate(doc, base)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoContent, err)
	}
	if ra.Node == nil {
		return nil, fmt.Errorf("%w: no article found in the page", ErrNoContent)
	}
	a := &article.Article{Title: squash(firstNonEmpty(ra.Title(), meta.ogTitle, meta.title))}
	conv := &htmlConverter{base: base, title: a.Title}
	a.Body = conv.flow(ra.Node)
	if len(a.Body) == 0 || conv.prose < minProse {
		return nil, fmt.Errorf("%w: no article found in the page", ErrNoContent)
	}
	a.Authors = splitByline(ra.Byline())
	a.SiteName = squash(firstNonEmpty(ra.SiteName(), meta.siteName))
	a.Excerpt = squash(ra.Excerpt())
	a.Language = firstNonEmpty(ra.Language(), meta.lang)
	switch strings.ToLower(meta.dir) {
	case "rtl":
		a.Direction = article.DirRTL
	case "ltr":
		a.Direction = article.DirLTR
	}
	a.URL = firstNonEmpty(absURL(meta.canonical, base), absURL(meta.ogURL, base), pageURL)
	if t, err := ra.PublishedTime(); err == nil && !t.IsZero() {
		a.Published = &t
	} else if t, ok := ParseDate(meta.published); ok {
		a.Published = &t
	}
	if t, err := ra.ModifiedTime(); err == nil && !t.IsZero() {
		a.Updated = &t
	} else if t, ok := ParseDate(meta.modified); ok {
		a.Updated = &t
	}
	a.Tags = meta.tags
	if img := absURL(ra.ImageURL(), base); img != "" && !hasFigure(a.Body, img) && !hasAnyFigure(a.Body) {
		a.Lead = &article.Figure{Src: img}
	}
	return a, nil
}

// decodeHTML converts a page to UTF-8 from the encoding its byte-order
// mark, the Content-Type header or its <meta charset> declares.
func decodeHTML(data []byte, contentType string) ([]byte, error) {
	// the meta element is looked for further than the 1024 bytes the
	// standard says: real pages put it after kilobytes of scripts
	enc, name, certain := charset.DetermineEncoding(data[:min(len(data), 64<<10)], contentType)
	if name == "utf-8" || (!certain && utf8.Valid(data)) {
		return bytes.TrimPrefix(data, utf8BOM), nil
	}
	out, err := io.ReadAll(enc.NewDecoder().Reader(bytes.NewReader(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: decoding %s: %v", ErrUnsupportedFormat, name, err)
	}
	// a UTF-16 byte-order mark decodes to U+FEFF, which would push the
	// head into the body
	return bytes.TrimPrefix(out, utf8BOM), nil
}

// pageMeta is what the page's <head> says about itself, beyond what
// readability reads (title, byline, excerpt, site name, dates, image).
type pageMeta struct {
	title, ogTitle, siteName, lang, dir, canonical, ogURL, base, published, modified string
	tags                                                                             []string
}

func readPageMeta(doc *html.Node) pageMeta {
	var m pageMeta
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				m.lang, m.dir = attr(n, "lang"), attr(n, "dir")
			case atom.Body:
				if m.dir == "" {
					m.dir = attr(n, "dir")
				}
				return // the head is done
			case atom.Title:
				if m.title == "" {
					m.title = textContent(n)
				}
			case atom.Base:
				if m.base == "" {
					m.base = attr(n, "href")
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") {
					m.canonical = attr(n, "href")
				}
			case atom.Meta:
				m.meta(strings.ToLower(firstNonEmpty(attr(n, "property"), attr(n, "name"))), strings.TrimSpace(attr(n, "content")))
			case atom.Script:
				if strings.EqualFold(attr(n, "type"), "application/ld+json") && n.FirstChild != nil && m.modified == "" {
					m.modified = jsonLDModified(n.FirstChild.Data)
				}
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(doc)
	return m
}

// jsonLDModified reads dateModified from a JSON-LD script (an object, an
// array of objects or an @graph), which readability does not.
func jsonLDModified(src string) string {
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		return ""
	}
	var find func(any) string
	find = func(v any) string {
		switch t := v.(type) {
		case map[string]any:
			if s, ok := t["dateModified"].(string); ok {
				return s
			}
			return find(t["@graph"])
		case []any:
			for _, x := range t {
				if s := find(x); s != "" {
					return s
				}
			}
		}
		return ""
	}
	return find(v)
}

// minProse is the least text outside links an article has: a page of
// menus is not an article.
const minProse = 25

func (m *pageMeta) meta(key, val string) {
	if val == "" {
		return
	}
	switch key {
	case "og:title":
		m.ogTitle = val
	case "og:site_name":
		m.siteName = val
	case "og:url":
		m.ogURL = val
	case "article:published_time", "date", "dc.date", "dc.date.issued", "pubdate", "publishdate":
		if m.published == "" {
			m.published = val
		}
	case "article:modified_time", "og:updated_time", "last-modified", "dc.date.modified":
		if m.modified == "" {
			m.modified = val
		}
	case "article:tag":
		m.tags = append(m.tags, val)
	case "keywords", "news_keywords":
		if len(m.tags) == 0 {
			for _, k := range strings.Split(val, ",") {
				if k = strings.TrimSpace(k); k != "" && len(m.tags) < 20 {
					m.tags = append(m.tags, k)
				}
			}
		}
	}
}

// baseURL is the page URL resolved with the page's <base href>.
func baseURL(pageURL, baseHref string) *url.URL {
	var base *url.URL
	if pageURL != "" {
		if u, err := url.Parse(pageURL); err == nil && u.IsAbs() {
			base = u
		}
	}
	if baseHref == "" {
		return base
	}
	b, err := url.Parse(strings.TrimSpace(baseHref))
	if err != nil {
		return base
	}
	if base != nil {
		return base.ResolveReference(b)
	}
	if b.IsAbs() && (b.Scheme == "http" || b.Scheme == "https") {
		return b
	}
	return nil
}

func absURL(ref string, base *url.URL) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if !u.IsAbs() {
		return ""
	}
	return u.String()
}

var (
	bylinePrefix = regexp.MustCompile(`(?i)^\s*(written\s+)?by[:\s]+`)
	bylineSplit  = regexp.MustCompile(`\s*(?:,|;|&|\band\b|\||·)\s*`)
)

// splitByline turns "By Jane Doe and John Roe" into two authors; a byline
// that does not look like a list of names stays whole.
func splitByline(s string) []string {
	s = squash(bylinePrefix.ReplaceAllString(squash(s), ""))
	if s == "" {
		return nil
	}
	if len(s) > 120 {
		return []string{s}
	}
	var out []string
	for _, p := range bylineSplit.Split(s, -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return []string{s}
	}
	return out
}

// squash collapses runs of whitespace to one space.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

func hasFigure(blocks []article.Block, src string) bool {
	for _, b := range blocks {
		if b.Kind == article.KindFigure && b.Figure != nil && b.Figure.Src == src {
			return true
		}
		if hasFigure(b.Blocks, src) {
			return true
		}
	}
	return false
}

func hasAnyFigure(blocks []article.Block) bool {
	for _, b := range blocks {
		if b.Kind == article.KindFigure && b.Figure != nil && b.Figure.Src != "" {
			return true
		}
	}
	return false
}
