package parse

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"regexp"
	"strings"
	"sync"
	"time"

	toml "github.com/pelletier/go-toml/v2"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	yaml "go.yaml.in/yaml/v3"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/gmext"
	"github.com/galleyprint/galley/internal/lazyregexp"
)

// markdown parses CommonMark with the GitHub extensions (tables,
// strikethrough, autolinks, task lists) and footnotes; mdConverter reads
// its syntax tree. Raw HTML is kept: goldmark renders it, with the
// Markdown its elements enclose, and it goes through the same conversion
// as web pages. Its parser looks at the context of the post being read
// (see blockWatchdog). It is made on first use: a run that reads no
// Markdown does not build it.
var markdown = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(gmext.GFM, gmext.Footnote),
		goldmark.WithRendererOptions(gmhtml.WithUnsafe(), renderer.WithNodeRenderers(util.Prioritized(mathRenderer{}, 500))),
		goldmark.WithParserOptions(
			parser.WithBlockParsers(util.Prioritized(blockWatchdog{}, 0)),
			parser.WithInlineParsers(util.Prioritized(inlineWatchdog{}, 0), util.Prioritized(mathParser{}, 50)),
			parser.WithParagraphTransformers(util.Prioritized(refDefChunker{}, 0)),
		),
	)
})

// Markdown reads a Markdown post with optional front matter in YAML
// (between --- lines) or TOML (between +++ lines): title, authors (or
// author), date, updated, description (or summary), tags, and the site's
// usual extras. An image's alt text is its caption, as Markdown authors
// write it. Images stay relative to the file, or resolve against
// pageURL for a post fetched from the web. name, when set, gives an
// untitled post a title and a dated path ("2024/05/01/…") a date. A post
// with neither a title nor a body is ErrNoContent, whatever its name; a
// title alone prints. Lists and quotes nested more than
// article.MaxDepth levels are refused with an error wrapping ErrTooDeep.
func Markdown(data []byte, name, pageURL string) (*article.Article, error) {
	return markdownArticle(context.Background(), data, name, pageURL, siteSource{})
}

// markdownArticle is Markdown under ctx, which the Markdown parser looks
// at on every line and many characters, and the converter every few
// dozen nodes.
func markdownArticle(ctx context.Context, data []byte, name, pageURL string, src siteSource) (*article.Article, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	fm, body, err := splitFrontMatter(data)
	if err != nil {
		return nil, err
	}
	body = src.resolve(body, fm, name)
	if err := checkMarkdown(body); err != nil {
		return nil, err
	}
	doc, err := parseMarkdown(ctx, body)
	if err != nil {
		return nil, err
	}
	a := &article.Article{}
	fm.apply(a, name)
	a.Authors = src.authors(fm, a.Authors)
	conv := &htmlConverter{title: a.Title, base: baseURL(pageURL, ""), altCaptions: true, cancel: canceller{ctx: ctx}}
	m := newMDConverter(ctx, conv, body)
	a.Body = m.flow(doc)
	if conv.cancel.done() {
		return nil, cancelled("converting Markdown", conv.cancel.err)
	}
	if m.err != nil {
		return nil, m.err
	}
	if a.Title == "" {
		a.Title = firstHeading(&a.Body)
	}
	if a.Title == "" && !hasContent(a.Body) {
		return nil, fmt.Errorf("%w: the post is empty", ErrNoContent)
	}
	if a.Title == "" && name != "" {
		a.Title = titleFromName(name) // a title, not content: checked above
	}
	return a, nil
}

// parseMarkdown parses body under ctx into goldmark's syntax tree.
func parseMarkdown(ctx context.Context, body []byte) (doc ast.Node, err error) {
	c := &canceller{ctx: ctx}
	pc := parser.NewContext()
	pc.Set(watchKey, c)
	defer func() {
		r := recover()
		switch stop, ok := r.(stopParsing); {
		case r == nil:
		case ok:
			err = cancelled("reading Markdown", stop.err)
		default:
			err = fmt.Errorf("%w: markdown: the parser failed: %v", ErrUnsupportedFormat, r)
		}
	}()
	doc = markdown().Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	if c.done() {
		return nil, cancelled("reading Markdown", c.err)
	}
	return doc, nil
}

// frontMatter is the metadata of a post, in the names static site
// generators use (Hugo, Zola, Jekyll).
type frontMatter struct {
	Title       string   `yaml:"title" toml:"title"`
	Authors     any      `yaml:"authors" toml:"authors"`
	Author      any      `yaml:"author" toml:"author"`
	By          any      `yaml:"by" toml:"by"`
	Byline      any      `yaml:"byline" toml:"byline"`
	Creator     any      `yaml:"creator" toml:"creator"`
	Date        any      `yaml:"date" toml:"date"`
	Updated     any      `yaml:"updated" toml:"updated"`
	LastMod     any      `yaml:"lastmod" toml:"lastmod"`
	Description string   `yaml:"description" toml:"description"`
	Summary     string   `yaml:"summary" toml:"summary"`
	Tags        []string `yaml:"tags" toml:"tags"`
	Categories  []string `yaml:"categories" toml:"categories"`
	Path        string   `yaml:"path" toml:"path"`
	Slug        string   `yaml:"slug" toml:"slug"`
	Lang        string   `yaml:"lang" toml:"lang"`
	Image       string   `yaml:"image" toml:"image"`
	// params is the whole front matter, for the site markup that reads
	// its fields ({{ page.x }}, {{.Field}}, param)
	params map[string]any
}

// splitFrontMatter separates front matter from the Markdown body.
func splitFrontMatter(data []byte) (frontMatter, []byte, error) {
	var fm frontMatter
	for _, d := range []struct {
		fence string
		parse func([]byte, any) error
	}{{"---", yaml.Unmarshal}, {"+++", toml.Unmarshal}} {
		rest, ok := bytes.CutPrefix(data, []byte(d.fence))
		if !ok || !(bytes.HasPrefix(rest, []byte("\n")) || bytes.HasPrefix(rest, []byte("\r\n"))) {
			continue
		}
		end := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(d.fence) + `[ \t]*\r?$`).FindIndex(rest)
		if end == nil {
			return fm, nil, fmt.Errorf("%w: front matter opened with %s is never closed", ErrUnsupportedFormat, d.fence)
		}
		if err := d.parse(rest[:end[0]], &fm); err != nil {
			return fm, nil, fmt.Errorf("%w: front matter: %v", ErrUnsupportedFormat, firstLine(err.Error()))
		}
		_ = d.parse(rest[:end[0]], &fm.params)
		return fm, rest[end[1]:], nil
	}
	if fm, body, ok := jsonFrontMatter(data); ok {
		return fm, body, nil
	}
	return fm, data, nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

var datedPath = lazyregexp.New(`(?:^|/)(\d{4})[/-](\d{2})[/-](\d{2})(?:[/-]|$)`)

// apply copies the front matter into a.
func (fm frontMatter) apply(a *article.Article, name string) {
	a.Title = squash(fm.Title)
	a.Authors = fm.authorNames(nil)
	a.Excerpt = squash(firstNonEmpty(fm.Description, fm.Summary))
	a.Tags = append(append([]string(nil), fm.Tags...), fm.Categories...)
	a.Language = fm.Lang
	if t, ok := frontDate(fm.Date); ok {
		a.Published = &t
	} else {
		// a dated path or file name: 2024/05/01/post, 2024-05-01-post.md
		for _, p := range []string{fm.Path, fm.Slug, path.Base(strings.ReplaceAll(name, "\\", "/"))} {
			if m := datedPath.FindStringSubmatch(p); m != nil {
				if t, err := time.Parse("2006-01-02", m[1]+"-"+m[2]+"-"+m[3]); err == nil {
					a.Published = &t
					break
				}
			}
		}
	}
	for _, u := range []any{fm.Updated, fm.LastMod} {
		if t, ok := frontDate(u); ok {
			a.Updated = &t
			break
		}
	}
	if fm.Image != "" {
		a.Lead = &article.Figure{Src: fm.Image}
	}
}

// frontDate reads a date that YAML or TOML decoded as a time or wrote as a
// string.
func frontDate(v any) (time.Time, bool) {
	switch d := v.(type) {
	case time.Time:
		return d, !d.IsZero()
	case toml.LocalDate:
		return d.AsTime(time.UTC), true
	case toml.LocalDateTime:
		return d.AsTime(time.UTC), true
	case string:
		return ParseDate(d)
	}
	return time.Time{}, false
}

// firstHeading takes the post's first heading as its title when the front
// matter gives none, removing it from the body.
func firstHeading(body *[]article.Block) string {
	for i, b := range *body {
		if b.Kind == article.KindHeading {
			if i == 0 || b.Level == 2 {
				t := squash(b.Text.Plain())
				*body = append((*body)[:i:i], (*body)[i+1:]...)
				return t
			}
		}
		if i > 0 {
			break
		}
	}
	return ""
}
