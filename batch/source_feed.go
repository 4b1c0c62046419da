package batch

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/parse"
)

// fullTextLen is the length in characters of text from which an entry's
// description is taken as its full content.
const fullTextLen = 500

// feedFile enumerates the entries of the feed file p, with ID key.
func (e *enumerator) feedFile(p, key, src, from string) {
	data, err := readFileMax(p, e.limit())
	if err != nil {
		e.fail(src, from, err)
		return
	}
	e.feedData(data, src, key, from)
}

// feedData enumerates the entries of a feed read from src (its path or
// URL), in document order; idPrefix (its URL, or its file's ID) leads the
// items' IDs. An entry with
// its full content becomes an Item with a built Article; one with only a
// link, an Item whose Open fetches the link.
func (e *enumerator) feedData(data []byte, src, idPrefix, from string) {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		e.fail(src, from, fmt.Errorf("reading the feed: %w", err))
		return
	}
	base := strings.TrimSpace(f.Link)
	if isURL(src) && base == "" {
		base = src
	} else if isURL(src) {
		base = resolve(src, base) // a feed's link may be relative to its own address
	}
	keys := map[string]bool{}
	for i, it := range f.Items {
		if e.done() {
			return
		}
		n := i + 1
		link := resolve(base, strings.TrimSpace(it.Link))
		key := strings.TrimSpace(it.GUID)
		if key == "" {
			key = link
		}
		switch {
		case key == "":
			key = fmt.Sprintf("entry-%d", n)
		case keys[key]:
			key = fmt.Sprintf("entry-%d:%s", n, key)
		}
		keys[key] = true
		entry := "#" + key
		id := idPrefix + entry

		content := strings.TrimSpace(it.Content)
		if content == "" && utf8.RuneCountInString(htmlText(it.Description)) > fullTextLen {
			content = it.Description
		}
		if content == "" && isURL(link) {
			page := pageItem(id, link, e.opts.Client, e.opts.Offline)
			if e.opts.Offline {
				page.Open = offlineEntry(link)
			}
			page.Entry = entry
			e.emit(page)
			continue
		}
		if content == "" {
			content = it.Description // a short entry without a link: what it has
		}
		if strings.TrimSpace(htmlText(content)) == "" && strings.TrimSpace(it.Title) == "" {
			e.log.Warn("skipping a feed entry with neither text nor link", "source", src, "entry", n)
			continue
		}
		a, how := entryArticle(f, it, content, link)
		e.log.Debug("feed entry built", "id", id, "from", how)
		name := link
		if name == "" {
			name = id
		}
		e.emit(Item{ID: id, Entry: entry, Name: name, BaseURL: link, Article: a})
	}
}

// offlineEntry is the Open of a link-only entry when offline.
func offlineEntry(link string) func(ctx context.Context) ([]byte, string, error) {
	return func(context.Context) ([]byte, string, error) {
		return nil, "", fmt.Errorf("%s: %w: the feed entry has only this link, and --offline forbids fetching it",
			link, galley.ErrFetch)
	}
}

// entryArticle builds the article of an entry with content: the content
// HTML, wrapped in a page titled with the entry's title, is read like any
// page (parse.HTML, Readability); when that finds no article (content too
// short or only links), paragraphs are made from its text. how says which.
// The feed's metadata wins over what the page gave.
func entryArticle(f *gofeed.Feed, it *gofeed.Item, content, link string) (a *article.Article, how string) {
	title := strings.TrimSpace(it.Title)
	doc := "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + html.EscapeString(title) +
		"</title></head><body><article>" + content + "</article></body></html>"
	a, err := parse.HTML([]byte(doc), link, "text/html; charset=utf-8")
	how = "html"
	if err != nil {
		a, how = &article.Article{Body: textBlocks(content)}, "text"
	}
	if title != "" {
		a.Title = title
	}
	if authors := entryAuthors(f, it); len(authors) > 0 {
		a.Authors = authors
	}
	if it.PublishedParsed != nil {
		t := *it.PublishedParsed
		a.Published = &t
	}
	if it.UpdatedParsed != nil {
		t := *it.UpdatedParsed
		a.Updated = &t
	}
	if link != "" {
		a.URL = link
	}
	if s := strings.TrimSpace(f.Title); s != "" {
		a.SiteName = s
	}
	if len(it.Categories) > 0 {
		a.Tags = nil
		for _, c := range it.Categories {
			if c = strings.TrimSpace(c); c != "" {
				a.Tags = append(a.Tags, c)
			}
		}
	}
	if a.Language == "" {
		a.Language = f.Language
	}
	if it.Image != nil && it.Image.URL != "" && a.Lead == nil && !hasFigure(a.Body) {
		a.Lead = &article.Figure{Src: resolve(link, it.Image.URL), Alt: it.Image.Title}
	}
	return a, how
}

func entryAuthors(f *gofeed.Feed, it *gofeed.Item) []string {
	names := personNames(it.Authors)
	if len(names) == 0 && it.Author != nil {
		names = personNames([]*gofeed.Person{it.Author})
	}
	if len(names) == 0 && it.DublinCoreExt != nil {
		for _, c := range it.DublinCoreExt.Creator {
			if c = strings.TrimSpace(c); c != "" {
				names = append(names, c)
			}
		}
	}
	if len(names) == 0 { // an Atom feed's author is its entries' author
		names = personNames(f.Authors)
	}
	return names
}

func personNames(ps []*gofeed.Person) []string {
	var names []string
	for _, p := range ps {
		if p == nil {
			continue
		}
		if n := strings.TrimSpace(p.Name); n != "" {
			names = append(names, n)
		} else if m := strings.TrimSpace(p.Email); m != "" {
			names = append(names, m)
		}
	}
	return names
}

func hasFigure(blocks []article.Block) bool {
	for _, b := range blocks {
		if b.Kind == article.KindFigure || hasFigure(b.Blocks) {
			return true
		}
	}
	return false
}

// resolve makes ref absolute against base when it can.
func resolve(base, ref string) string {
	if ref == "" || base == "" {
		return ref
	}
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return b.ResolveReference(r).String()
}

// blockElements end a paragraph of text extracted from HTML.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Pre: true, atom.Tr: true, atom.Table: true, atom.Section: true,
	atom.Article: true, atom.Figure: true, atom.Figcaption: true, atom.Hr: true, atom.Dd: true, atom.Dt: true,
}

// htmlParagraphs returns the text of an HTML fragment (or plain text) as
// paragraphs: block elements and blank lines separate them; scripts and
// styles are dropped.
func htmlParagraphs(s string) []string {
	var paras []string
	var cur strings.Builder
	flush := func() {
		if t := strings.Join(strings.Fields(cur.String()), " "); t != "" {
			paras = append(paras, t)
		}
		cur.Reset()
	}
	z := xhtml.NewTokenizer(strings.NewReader(s))
	skip := 0
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			flush()
			return paras
		case xhtml.TextToken:
			if skip > 0 {
				continue
			}
			text := string(z.Text())
			for i, part := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
				if i > 0 {
					flush()
				}
				cur.WriteString(part)
			}
		case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Script || a == atom.Style {
				if t := z.Token().Type; t == xhtml.StartTagToken {
					skip++
				} else if t == xhtml.EndTagToken && skip > 0 {
					skip--
				}
				continue
			}
			if blockElements[a] {
				flush()
			}
		}
	}
}

// htmlText is the text of an HTML fragment, paragraphs joined by newlines.
func htmlText(s string) string { return strings.Join(htmlParagraphs(s), "\n") }

// textBlocks makes paragraphs of an HTML fragment's text.
func textBlocks(s string) []article.Block {
	var blocks []article.Block
	for _, p := range htmlParagraphs(s) {
		blocks = append(blocks, article.Block{Kind: article.KindParagraph, Text: article.Plain(p)})
	}
	return blocks
}
