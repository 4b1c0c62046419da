package parse

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/ctxio"
)

// maxHTMLElements bounds the pages readability is asked to score.
const maxHTMLElements = 200000

// maxHTMLDepth is how deeply golang.org/x/net/html nests elements: it
// refuses pages nested deeper, which no real page is (the corpus's
// deepest nests 42 levels).
const maxHTMLDepth = 512

// maxExtractionWork bounds the work readability does on a page, counted
// as extractionWork counts it; a page beyond it is converted whole (its
// <article>, <main> or <body>) without extraction. Readability scores an
// element by walking all that is inside it, so its time grows with the
// text times its depth: about 10 ns a unit here, a second at this bound,
// against 9 million units for the heaviest of a thousand real pages.
const maxExtractionWork = 100_000_000

// HTML extracts the article from a web page with Mozilla's Readability
// algorithm (codeberg.org/readeck/go-readability) and converts the cleaned
// content into blocks. pageURL, when set, is the page's address: relative
// links and images resolve against it (and a <base> element). contentType
// is the HTTP Content-Type header, if any, for the character set. A page
// nested more deeply than the HTML parser reads (512 elements) is refused
// with an error wrapping ErrTooDeep; lists and quotes nested beyond
// article.MaxDepth are read as the text around them.
func HTML(data []byte, pageURL, contentType string) (*article.Article, error) {
	return htmlArticle(context.Background(), data, pageURL, contentType, nil)
}

// htmlArticle is HTML under ctx, which the parser looks at as it reads
// and the converter every few hundred nodes. Readability, which takes no
// context, is given only pages whose work is bounded (maxExtractionWork),
// and ctx is looked at before and after it.
func htmlArticle(ctx context.Context, data []byte, pageURL, contentType string, logger *slog.Logger) (*article.Article, error) {
	utf8Data, err := decodeHTML(data, contentType)
	if err != nil {
		return nil, err
	}
	page := stripInert(utf8Data)
	if tags := bytes.Count(page, []byte("<")); tags > 4*maxHTMLElements {
		// so many tags hold more elements than readability scores: the
		// tree is not built (its nodes take a hundred bytes or more each)
		return nil, fmt.Errorf("%w: %d tags; galley reads pages of at most %d elements", ErrTooLarge, tags, maxHTMLElements)
	}
	doc, err := parseTree(ctx, page)
	if err != nil {
		return nil, err
	}
	meta := readPageMeta(doc)
	base := baseURL(pageURL, meta.base)
	if err := ctx.Err(); err != nil {
		return nil, cancelled("reading HTML", err)
	}
	if extractionWork(doc, maxExtractionWork) > maxExtractionWork {
		if logger != nil {
			logger.Warn("page too large and deeply nested to extract its article: printing its content whole", "bound", maxExtractionWork)
		}
		return wholePage(ctx, doc, meta, base, pageURL)
	}

	// the precise candidate is copied before Readability rearranges the tree
	var preciseTree *html.Node
	if root := preciseRoot(doc); root != nil {
		preciseTree = cloneTree(root)
		clearContainer(preciseTree)
	}

	p := readability.NewParser()
	p.MaxElemsToParse = maxHTMLElements
	p.KeepClasses = true // the converter reads language-* and credit classes
	ra, err := p.ParseAndMutate(doc, base)
	if cerr := ctx.Err(); cerr != nil {
		return nil, cancelled("extracting the article", cerr)
	}
	if err != nil || ra.Node == nil {
		// Readability found no article (a page of <pre> plain text, a
		// list of short entries): the page's content is printed whole
		return wholePageAgain(ctx, page, meta, base, pageURL)
	}
	a := &article.Article{Title: squash(firstNonEmpty(ra.Title(), meta.ogTitle, meta.title))}
	conv := &htmlConverter{base: base, title: a.Title, cancel: canceller{ctx: ctx}}
	a.Body = conv.flow(ra.Node)
	if conv.cancel.done() {
		return nil, cancelled("converting HTML", conv.cancel.err)
	}
	if preciseTree != nil {
		pconv := &htmlConverter{base: base, title: a.Title, cancel: canceller{ctx: ctx}}
		blocks := pconv.flow(preciseTree)
		if pconv.cancel.done() {
			return nil, cancelled("converting HTML", pconv.cancel.err)
		}
		if pconv.prose >= minProse && preferPrecise(blocksTextLen(blocks), blocksTextLen(a.Body)) {
			a.Body, conv = blocks, pconv
		}
	}
	if len(a.Body) == 0 || conv.prose < minProse {
		return wholePageAgain(ctx, page, meta, base, pageURL)
	}
	a.Authors = splitByline(ra.Byline())
	a.SiteName = squash(firstNonEmpty(ra.SiteName(), meta.siteName))
	a.Excerpt = squash(ra.Excerpt())
	a.Language = firstNonEmpty(ra.Language(), meta.lang)
	meta.apply(a, base, pageURL)
	if t, err := ra.PublishedTime(); err == nil && !t.IsZero() {
		a.Published = &t
	}
	if t, err := ra.ModifiedTime(); err == nil && !t.IsZero() {
		a.Updated = &t
	}
	if img := absURL(ra.ImageURL(), base); img != "" && !hasFigure(a.Body, img) && !hasAnyFigure(a.Body) {
		a.Lead = &article.Figure{Src: img}
	}
	return a, nil
}

// apply sets what the page's head says of a that readability does not:
// direction, address, dates (unless readability found them: the caller
// sets those after), tags.
func (m pageMeta) apply(a *article.Article, base *url.URL, pageURL string) {
	switch strings.ToLower(m.dir) {
	case "rtl":
		a.Direction = article.DirRTL
	case "ltr":
		a.Direction = article.DirLTR
	}
	a.URL = firstNonEmpty(absURL(m.canonical, base), absURL(m.ogURL, base), pageURL)
	if t, ok := ParseDate(m.published); ok {
		a.Published = &t
	}
	if t, ok := ParseDate(m.modified); ok {
		a.Updated = &t
	}
	a.Tags = m.tags
}

// extractionWork counts the work readability does on doc: each element
// and each byte of text, times the elements around it (readability walks
// an element's whole content to score it). It stops counting past bound.
func extractionWork(doc *html.Node, bound int) int {
	work := 0
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for ch := n.FirstChild; ch != nil && work <= bound; ch = ch.NextSibling {
			switch ch.Type {
			case html.TextNode:
				work += len(ch.Data) * depth
			case html.ElementNode:
				work += depth
				walk(ch, depth+1)
			default:
				walk(ch, depth)
			}
		}
	}
	walk(doc, 0)
	return work
}

// wholePage converts the page's <article>, else its <main>, else its
// <body>, as it is, for a page too costly to extract from.
func wholePage(ctx context.Context, doc *html.Node, meta pageMeta, base *url.URL, pageURL string) (*article.Article, error) {
	root := firstElement(doc, atom.Article)
	if root == nil {
		root = firstElement(doc, atom.Main)
	}
	if root == nil {
		root = firstElement(doc, atom.Body)
	}
	if root == nil {
		root = doc
	}
	a := &article.Article{Title: squash(firstNonEmpty(meta.ogTitle, meta.title)), SiteName: squash(meta.siteName), Language: meta.lang}
	conv := &htmlConverter{base: base, title: a.Title, cancel: canceller{ctx: ctx}}
	a.Body = conv.flow(root)
	if conv.cancel.done() {
		return nil, cancelled("converting HTML", conv.cancel.err)
	}
	if len(a.Body) == 0 || conv.prose < minProse {
		return nil, fmt.Errorf("%w: no article found in the page", ErrNoContent)
	}
	meta.apply(a, base, pageURL)
	return a, nil
}

// parseTree parses a page and prepares its tree for extraction: the
// marks the converter reads (alignments, srcsets, pull quotes) are set
// and the hidden text and furniture removed.
func parseTree(ctx context.Context, page []byte) (*html.Node, error) {
	doc, err := html.Parse(ctxio.Reader{Ctx: ctx, R: bytes.NewReader(page)}) // the tokenizer reads in small pieces: it stops soon after ctx
	switch {
	case err == nil:
	case isCancel(err):
		return nil, cancelled("parsing HTML", err)
	case strings.Contains(err.Error(), "open stack of elements exceeds"):
		return nil, fmt.Errorf("%w: HTML elements nested more than %d levels", ErrTooDeep, maxHTMLDepth)
	default:
		return nil, fmt.Errorf("%w: %v", ErrUnsupportedFormat, err)
	}
	saveAlignments(doc)
	saveSrcsets(doc)
	markPullQuotes(doc)
	pruneBoilerplate(doc)
	return doc, nil
}

// wholePageAgain converts the page whole (wholePage) when Readability
// found no article in it; Readability rearranged the tree it was given,
// so the page is parsed again.
func wholePageAgain(ctx context.Context, page []byte, meta pageMeta, base *url.URL, pageURL string) (*article.Article, error) {
	doc, err := parseTree(ctx, page)
	if err != nil {
		return nil, err
	}
	return wholePage(ctx, doc, meta, base, pageURL)
}

// firstElement returns the first element of kind k in document order.
func firstElement(n *html.Node, k atom.Atom) *html.Node {
	var found *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for ch := n.FirstChild; ch != nil && found == nil; ch = ch.NextSibling {
			if ch.Type == html.ElementNode && ch.DataAtom == k {
				found = ch
				return
			}
			walk(ch)
		}
	}
	walk(n)
	return found
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
