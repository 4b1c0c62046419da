package parse

import (
	"mime"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/lazyregexp"
)

// figureElement converts <figure>: its image (or other content) and its
// <figcaption>, split into caption and credit.
func (c *htmlConverter) figureElement(n *html.Node, b *blockBuilder) {
	var img, caption *html.Node
	var other []*html.Node
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch {
		case ch.Type == html.ElementNode && ch.DataAtom == atom.Figcaption:
			caption = ch
		case img == nil && c.findImage(ch) != nil:
			img = c.findImage(ch)
		default:
			other = append(other, ch)
		}
	}
	var fig *article.Figure
	if img != nil {
		fig = c.image(img)
	}
	if fig == nil {
		// a figure holding a table, a quote or code: its content, then its
		// caption as a paragraph
		b.flush()
		start := len(b.blocks)
		for _, o := range other {
			if !isFigureLabel(o) {
				c.node(o, b, inlineStyle{})
			}
		}
		b.flush()
		if caption != nil {
			dropFigureLabels(caption)
			if tb := soleTable(b.blocks[start:]); tb != nil && len(tb.Caption) == 0 {
				tb.Caption = c.inline(caption) // a table's figcaption is its caption
				return
			}
			c.children(caption, b, inlineStyle{italic: true})
			b.flush()
		}
		return
	}
	if caption != nil {
		fig.Caption, fig.Credit = c.captionAndCredit(caption)
	}
	if fig.Credit == "" {
		fig.Credit = strings.Join(figureCredits(n), " ")
	}
	b.add(article.Block{Kind: article.KindFigure, Figure: fig})
	// text beside the image inside the figure is kept as paragraphs, but
	// for its credits and labels ("Image copyright")
	for _, o := range other {
		if o.Type == html.TextNode && strings.TrimSpace(o.Data) == "" || isCreditElement(o) || startsWithCreditLabel(o) || isFigureLabel(o) {
			continue
		}
		c.node(o, b, inlineStyle{})
	}
	b.flush()
}

// findImage returns n or its first descendant that is an <img> or
// <picture>, not looking into captions. Each node's answer is kept:
// nested figures ask it of the same nodes at every level.
func (c *htmlConverter) findImage(n *html.Node) *html.Node {
	if n.Type != html.ElementNode {
		return nil
	}
	switch n.DataAtom {
	case atom.Img, atom.Picture:
		return n
	case atom.Figcaption:
		return nil
	}
	if f, ok := c.images[n]; ok {
		return f
	}
	var found *html.Node
	for ch := n.FirstChild; ch != nil && found == nil; ch = ch.NextSibling {
		found = c.findImage(ch)
	}
	if c.images == nil {
		c.images = map[*html.Node]*html.Node{}
	}
	c.images[n] = found
	return found
}

// isLazyImage reports whether n is an element that stands for an image
// its page loads later with a script: an empty element with a data-src,
// such as <div class="js-delayed-image-load" data-src="…" data-alt="…">.
func isLazyImage(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Div, atom.Span, atom.A, atom.I:
	default:
		return false
	}
	if strings.TrimSpace(attr(n, "data-src")) == "" {
		return false
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode || ch.Type == html.TextNode && strings.TrimSpace(ch.Data) != "" {
			return false
		}
	}
	return true
}

// readyMedia sets, in one walk of n, the marks the converter reads of
// media and tables, which readability would lose: it copies table
// cells' alignment into data-align, which readability's style cleaning
// keeps; it copies the srcset of images and picture sources into
// savedSrcset, as the page wrote it, before readability, which rewrites
// srcset URLs with a pattern that mistakes an h descriptor for a URL
// (the converter resolves the saved one itself); and it turns the
// placeholders of images a page loads with a script (see isLazyImage)
// that stand in a <figure> or have an image class into <img> elements,
// which readability keeps (it drops empty elements). inFigure is set
// inside a <figure>.
func readyMedia(n *html.Node, inFigure bool) {
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Td, atom.Th:
			if a := cellAlignment(n); a != article.AlignStart {
				n.Attr = append(n.Attr, html.Attribute{Key: "data-align", Val: string(a)})
			}
		case atom.Img, atom.Source:
			if v := attr(n, "srcset"); v != "" {
				n.Attr = append(n.Attr, html.Attribute{Key: savedSrcset, Val: v})
			}
		case atom.Figure:
			inFigure = true
		}
	}
	if isLazyImage(n) && (inFigure || strings.Contains(strings.ToLower(attr(n, "class")), "image")) {
		// a placeholder holds no element: none is left unmarked
		n.DataAtom, n.Data = atom.Img, "img"
		n.Attr = append(n.Attr, html.Attribute{Key: "src", Val: strings.TrimSpace(attr(n, "data-src"))})
		if a := attr(n, "data-alt"); a != "" && attr(n, "alt") == "" {
			n.Attr = append(n.Attr, html.Attribute{Key: "alt", Val: a})
		}
		return
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		readyMedia(ch, inFigure)
	}
}

// image converts an <img> or <picture> into a figure, choosing the best
// source among src, srcset and the lazy-loading attributes.
func (c *htmlConverter) image(n *html.Node) *article.Figure {
	img := n
	var sources []string
	if n.DataAtom == atom.Picture {
		img = nil
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type != html.ElementNode {
				continue
			}
			switch ch.DataAtom {
			case atom.Source:
				if printableType(attr(ch, "type")) {
					sources = append(sources, srcset(ch), attr(ch, "data-srcset"))
				}
			case atom.Img:
				img = ch
			}
		}
		if img == nil {
			return nil
		}
	}
	fig := &article.Figure{Alt: strings.TrimSpace(firstNonEmpty(attr(img, "alt"), attr(img, "data-alt")))}
	fig.Width, _ = strconv.Atoi(attr(img, "width"))
	fig.Height, _ = strconv.Atoi(attr(img, "height"))
	if fig.Width < 0 || fig.Height < 0 {
		fig.Width, fig.Height = 0, 0
	}
	src := bestSource(img, sources)
	if src == "" {
		return nil
	}
	fig.Src = c.resolve(src)
	if t := strings.TrimSpace(attr(img, "title")); t != "" && fig.Alt == "" {
		fig.Alt = t
	}
	return fig
}

// bestSource picks an image source: the srcset candidate pickSrcset
// chooses, else the first real src among the lazy-loading attributes;
// placeholders (tiny data: GIFs) lose to real sources.
func bestSource(img *html.Node, extra []string) string {
	sets := append(extra, srcset(img), attr(img, "data-srcset"), attr(img, "data-lazy-srcset"))
	if s := pickSrcset(sets); s != "" {
		return s
	}
	var fallback string
	for _, key := range []string{"data-src", "data-lazy-src", "data-original", "data-url", "data-hi-res-src", "src"} {
		v := strings.TrimSpace(attr(img, key))
		if v == "" {
			continue
		}
		if isPlaceholder(v) {
			if fallback == "" {
				fallback = v
			}
			continue
		}
		return v
	}
	return fallback
}

// printableType reports whether a <source>'s type attribute names an
// image format galley prints (or names none): a picture's AVIF or JPEG XL
// source would fetch bytes that cannot be printed instead of its JPEG.
func printableType(t string) bool {
	mt, _, err := mime.ParseMediaType(t)
	if strings.TrimSpace(t) == "" {
		return true
	}
	switch mt {
	case "image/jpeg", "image/jpg", "image/pjpeg", "image/png", "image/apng", "image/gif", "image/webp", "image/bmp":
		return err == nil
	}
	return false
}

func isPlaceholder(src string) bool {
	return (strings.HasPrefix(src, "data:") && len(src) < 200) ||
		strings.Contains(strings.ToLower(src), "placeholder") || strings.HasSuffix(strings.ToLower(src), "blank.gif")
}

// embed turns a video, audio or iframe embed into a captioned link.
func (c *htmlConverter) embed(n *html.Node, b *blockBuilder) {
	src := attr(n, "src")
	if src == "" {
		src = attr(n, "data")
	}
	if src == "" {
		for ch := n.FirstChild; ch != nil && src == ""; ch = ch.NextSibling {
			if ch.Type == html.ElementNode && ch.DataAtom == atom.Source {
				src = attr(ch, "src")
			}
		}
	}
	link := c.link(c.resolve(src))
	if link == "" {
		return
	}
	kind := "Video"
	switch n.DataAtom {
	case atom.Audio:
		kind = "Audio"
	case atom.Iframe, atom.Embed, atom.Object:
		kind = "Embedded content"
		if strings.Contains(link, "youtube") || strings.Contains(link, "vimeo") || strings.Contains(link, "video") {
			kind = "Video"
		}
	}
	label := strings.TrimSpace(attr(n, "title"))
	if label == "" {
		if u, err := url.Parse(link); err == nil {
			label = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	b.add(article.Block{Kind: article.KindFigure, Figure: &article.Figure{
		Caption: article.Text{{Text: kind + ": "}, {Text: label, Link: link}},
	}})
}

// soleTable returns the table of blocks that are one table block.
func soleTable(blocks []article.Block) *article.Table {
	if len(blocks) == 1 && blocks[0].Kind == article.KindTable {
		return blocks[0].Table
	}
	return nil
}

// holdsBlocks reports a table cell that holds paragraphs, lists, images,
// headings or another table.
func holdsBlocks(n *html.Node) bool {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode {
			continue
		}
		switch ch.DataAtom {
		case atom.P, atom.Table, atom.Ul, atom.Ol, atom.Img, atom.Figure, atom.Blockquote, atom.Pre,
			atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			return true
		case atom.Div, atom.Section, atom.Span, atom.A:
			if holdsBlocks(ch) {
				return true
			}
		}
	}
	return false
}

var textAlign = lazyregexp.New(`(?i)text-align\s*:\s*(\w+)`)

// cellAlignment reads a cell's alignment from its align attribute, its
// style, or the data-align the page parser saves them in before
// readability removes both.
func cellAlignment(cell *html.Node) article.Align {
	v := strings.ToLower(firstNonEmpty(attr(cell, "data-align"), attr(cell, "align")))
	if m := textAlign.FindStringSubmatch(attr(cell, "style")); v == "" && m != nil {
		v = strings.ToLower(m[1])
	}
	switch v {
	case "center":
		return article.AlignCenter
	case "right", "end":
		return article.AlignEnd
	}
	return article.AlignStart
}

// savedSrcset is where readyMedia keeps a srcset as the page wrote it.
const savedSrcset = "data-galley-srcset"

// srcset is an element's srcset as the page wrote it.
func srcset(n *html.Node) string {
	return firstNonEmpty(attr(n, savedSrcset), attr(n, "srcset"))
}
