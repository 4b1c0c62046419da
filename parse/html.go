package parse

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/galleyprint/galley/internal/readability"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/htmlparse"
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
	return htmlArticle(context.Background(), data, pageURL, contentType, nil, Options{})
}

// htmlArticle is HTML under ctx, which the parser looks at as it reads
// and the converter every few hundred nodes. Readability, which takes no
// context, is given only pages whose work is bounded (maxExtractionWork),
// and ctx is looked at before and after it. The selectors of opts
// (Remove, Keep, Sites) apply: see userSelectors.
func htmlArticle(ctx context.Context, data []byte, pageURL, contentType string, logger *slog.Logger, opts Options) (*article.Article, error) {
	utf8Data, err := decodeHTML(data, contentType)
	if err != nil {
		return nil, err
	}
	page := stripInert(utf8Data)
	if tags := page.count('<'); tags > 4*maxHTMLElements {
		// so many tags hold more elements than readability scores: the
		// tree is not built (its nodes take a hundred bytes or more each)
		return nil, fmt.Errorf("%w: %d tags; galley reads pages of at most %d elements", ErrTooLarge, tags, maxHTMLElements)
	}
	t, err := readTree(ctx, page, pageURL, opts)
	if err != nil {
		return nil, err
	}
	doc, meta := t.doc, t.meta
	base := baseURL(pageURL, meta.base)
	if err := ctx.Err(); err != nil {
		return nil, cancelled("reading HTML", err)
	}
	dek := findDek(doc) // before Readability rearranges the tree
	if dek == "" {
		dek = describedLead(doc, meta.descriptions)
	}
	work, elements := extractionWork(doc, maxExtractionWork)
	if work > maxExtractionWork {
		if logger != nil {
			logger.Warn("page too large and deeply nested to extract its article: printing its content whole", "bound", maxExtractionWork)
		}
		return wholePage(ctx, t, base, pageURL)
	}

	// the precise candidate is copied before Readability rearranges the tree
	var preciseTree *html.Node
	if root := preciseRoot(doc); root != nil {
		preciseTree = cloneNode(root)
		clearContainer(preciseTree)
	}
	splitTree, splitProse := splitRoot(doc)
	if splitTree != nil {
		clearContainer(splitTree)
	}

	p := readability.NewParser()
	p.KeepClasses = true // the converter reads language-* and credit classes
	p.Reread = func() *html.Node {
		// the tree as readTree readied it, for the rare page on which
		// Readability searches again: its first search worked on doc
		// itself, not on a copy of it
		again, err := readTree(ctx, page, pageURL, opts)
		if err != nil {
			return nil // cancelled, which is told below
		}
		return again.doc
	}
	// Readability is given pages of at most maxHTMLElements elements,
	// counted above (its MaxElemsToParse would count them again)
	var ra readability.Article
	if elements <= maxHTMLElements {
		ra, err = p.ParseAndMutate(doc, base)
	}
	if cerr := ctx.Err(); cerr != nil {
		return nil, cancelled("extracting the article", cerr)
	}
	if (elements > maxHTMLElements || err != nil || ra.Node == nil) && preciseTree == nil {
		// Readability found no article (a page of <pre> plain text, a
		// list of short entries) and the page names no content
		// container: the page's content is printed whole
		return wholePageAgain(ctx, page, base, pageURL, opts)
	}
	t.kept.restore(ra.Node)
	t.kept.restore(preciseTree)
	t.kept.restore(splitTree)
	a := &article.Article{Title: squash(firstNonEmpty(ra.Title(), meta.ogTitle, meta.title))}
	conv := &htmlConverter{base: base, title: a.Title, cancel: canceller{ctx: ctx}}
	if ra.Node != nil {
		a.Body = conv.flow(ra.Node)
	}
	if conv.cancel.done() {
		return nil, cancelled("converting HTML", conv.cancel.err)
	}
	// the candidate not chosen, whose opening and notes may be put back,
	// and the chosen one, squashed once for the comparisons of both
	var other, chosen squashedBlocks
	if preciseTree != nil {
		pconv := &htmlConverter{base: base, title: a.Title, cancel: canceller{ctx: ctx}}
		blocks := pconv.flow(preciseTree)
		if pconv.cancel.done() {
			return nil, cancelled("converting HTML", pconv.cancel.err)
		}
		other, chosen = squashBlocks(blocks), squashBlocks(a.Body)
		if pconv.prose >= minProse && preferPrecise(other, chosen) {
			a.Body, conv = blocks, pconv
			other, chosen = chosen, other
		}
	}
	if splitTree != nil && splitProse > conv.prose {
		sconv := &htmlConverter{base: base, title: a.Title, cancel: canceller{ctx: ctx}}
		var parts [][]article.Block
		for section := splitTree.FirstChild; section != nil; section = section.NextSibling {
			parts = append(parts, sconv.flow(section))
		}
		if sconv.cancel.done() {
			return nil, cancelled("converting HTML", sconv.cancel.err)
		}
		if body := joinSplit(parts, a.Body); body != nil {
			a.Body, conv = body, sconv
			if other.blocks != nil {
				chosen = squashBlocks(body)
			}
		}
	}
	if other.blocks != nil {
		a.Body = recoverNotes(recoverLead(chosen, other), other)
	}
	if len(a.Body) == 0 || conv.prose < minProse {
		return wholePageAgain(ctx, page, base, pageURL, opts)
	}
	a.Body = withDek(dropCreditLines(dropUILines(dropLinkTeasers(clearTail(attachCaptionParagraphs(a.Body))))), dek, a.Title)
	a.Excerpt = squash(ra.Excerpt())
	a.Language = firstNonEmpty(ra.Language(), meta.lang)
	meta.apply(a, base, pageURL)
	meta.decide(a, readabilityGuesses(ra), meta.pageHost(pageURL))
	a.Body = dropDanglingEnd(dropDateLines(a.Body)) // after decide, which reads a date from them
	a.Body = dropAuthorBio(a.Body, a.Authors)       // after decide, which reads the byline
	if img := absURL(ra.ImageURL(), base); img != "" && !hasFigure(a.Body, img) && !hasAnyFigure(a.Body) {
		a.Lead = &article.Figure{Src: img}
	}
	return a, nil
}

// tree is a parsed page ready for extraction.
type tree struct {
	doc  *html.Node
	meta pageMeta // what the page declares about itself, read before any cleaning
	kept *keeper  // the elements the keep selectors hold, or nil
}

// readTree parses a page and readies its tree for extraction: its
// metadata read from the whole page (bylines and dates often sit in what
// is furniture to the body), the user's selectors applied (removals, and
// the kept elements numbered and copied), the marks the converter reads
// set (alignments, srcsets, lazy images, pull quotes), and the hidden
// text and furniture removed.
func readTree(ctx context.Context, page pieces, pageURL string, opts Options) (tree, error) {
	doc, err := htmlparse.Parse(ctx, page.String()) // it stops soon after ctx
	switch {
	case err == nil:
	case isCancel(err):
		return tree{}, cancelled("parsing HTML", err)
	case errors.Is(err, htmlparse.ErrTooDeep):
		return tree{}, fmt.Errorf("%w: HTML elements nested more than %d levels", ErrTooDeep, maxHTMLDepth)
	default:
		return tree{}, fmt.Errorf("%w: %v", ErrUnsupportedFormat, err)
	}
	meta := readPageMeta(doc)
	keep, err := userSelectors(doc, &meta, pageURL, opts)
	if err != nil {
		return tree{}, err
	}
	markMath(doc, loadsMathTypesetter(doc))
	readyMedia(doc, false)
	vectorsToImg(doc)
	markPullQuotes(doc)
	kept := markKept(doc, keep)
	pruneBoilerplate(doc)
	return tree{doc: doc, meta: meta, kept: kept}, nil
}

// wholePageAgain converts the page whole (wholePage) when Readability
// found no article in it; Readability rearranged the tree it was given,
// so the page is read again.
func wholePageAgain(ctx context.Context, page pieces, base *url.URL, pageURL string, opts Options) (*article.Article, error) {
	t, err := readTree(ctx, page, pageURL, opts)
	if err != nil {
		return nil, err
	}
	return wholePage(ctx, t, base, pageURL)
}

// extractionWork counts the work readability does on doc: each element
// and each byte of text, times the elements around it (readability walks
// an element's whole content to score it); and doc's elements. It stops
// counting past bound.
func extractionWork(doc *html.Node, bound int) (work, elements int) {
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for ch := n.FirstChild; ch != nil && work <= bound; ch = ch.NextSibling {
			switch ch.Type {
			case html.TextNode:
				work += len(ch.Data) * depth
			case html.ElementNode:
				work += depth
				elements++
				walk(ch, depth+1)
			default:
				walk(ch, depth)
			}
		}
	}
	walk(doc, 0)
	return work, elements
}

// wholePage converts the page's <article>, else its <main>, else its
// <body>, as it is (its furniture removed), for a page too costly to
// extract from or in which Readability finds no article.
func wholePage(ctx context.Context, t tree, base *url.URL, pageURL string) (*article.Article, error) {
	doc, meta := t.doc, t.meta
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
	t.kept.restore(root)
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
	meta.decide(a, readabilityMeta{}, meta.pageHost(pageURL))
	return a, nil
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
	// standard says (metaCharset): real pages put it after kilobytes of
	// scripts
	enc, name, certain := charset.DetermineEncoding(data, contentType)
	if !certain {
		// DetermineEncoding reads the first 1024 bytes' <meta> only
		if e, n := metaCharset(data); e != nil {
			enc, name = e, n
		}
	}
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

// minProse is the least text outside links an article has: a page of
// menus is not an article.
const minProse = 25

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
