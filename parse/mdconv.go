package parse

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/htmlparse"
)

// mdConverter turns goldmark's syntax tree into article blocks, reading
// each node as the HTML converter reads the element goldmark would render
// it as, so that a post reads the same as it did when it was rendered to
// HTML and parsed again. Raw HTML in a post, and the Markdown its tags
// enclose, is rendered and goes through the HTML converter.
type mdConverter struct {
	c   *htmlConverter // the HTML converter: shared depth, title, base and canceller
	ctx context.Context
	src []byte
	// w writes into buf: text decoded as goldmark's HTML writer would
	// write it, raw HTML rendered by goldmark
	buf bytes.Buffer
	w   *bufio.Writer
	err error // the first error met rendering or parsing raw HTML
}

func newMDConverter(ctx context.Context, c *htmlConverter, src []byte) *mdConverter {
	m := &mdConverter{c: c, ctx: ctx, src: src}
	m.w = bufio.NewWriterSize(&m.buf, 512)
	return m
}

// flow converts the children of n into blocks.
func (m *mdConverter) flow(n ast.Node) []article.Block {
	var b blockBuilder
	m.blocks(n, &b)
	b.flush()
	return b.blocks
}

// blocks converts the block children of n into b. An HTML block that
// leaves elements open is read together with the blocks after it up to
// the HTML block that closes them, as one piece of HTML.
func (m *mdConverter) blocks(n ast.Node, b *blockBuilder) {
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if m.c.cancel.stop() {
			return
		}
		hb, ok := ch.(*ast.HTMLBlock)
		if !ok {
			m.block(ch, b)
			continue
		}
		group := []ast.Node{ch}
		var open openTags
		open.read(m.htmlBlockText(hb))
		for len(open.names) > 0 && ch.NextSibling() != nil {
			ch = ch.NextSibling()
			group = append(group, ch)
			if hb, ok := ch.(*ast.HTMLBlock); ok {
				open.read(m.htmlBlockText(hb))
			}
		}
		m.viaHTML(group, b)
	}
}

// block converts one block node, as the HTML converter reads the element
// goldmark renders it as.
func (m *mdConverter) block(n ast.Node, b *blockBuilder) {
	switch n := n.(type) {
	case *ast.Paragraph:
		if hasRawHTML(n) {
			m.viaHTML([]ast.Node{n}, b)
			return
		}
		b.flush()
		m.inlines(n, b, inlineStyle{})
		b.flush()
	case *ast.TextBlock: // a tight list item's text: no paragraph of its own
		if hasRawHTML(n) {
			m.viaHTML([]ast.Node{n}, b)
			return
		}
		m.inlines(n, b, inlineStyle{})
	case *ast.Heading:
		if hasRawHTML(n) {
			m.viaHTML([]ast.Node{n}, b)
			return
		}
		text := m.inlineText(n)
		if n.Level <= 2 && len(b.blocks) == 0 && sameText(text.Plain(), m.c.title) {
			return // the headline, printed from the metadata
		}
		if strings.TrimSpace(text.Plain()) != "" {
			b.add(article.Block{Kind: article.KindHeading, Level: min(max(n.Level, 2), 6), Text: text})
		}
	case *ast.ThematicBreak:
		b.add(article.Block{Kind: article.KindRule})
	case *ast.CodeBlock:
		m.code(n, "", b)
	case *ast.FencedCodeBlock:
		if lang := m.language(n); lang == "math" {
			m.mathBlock(n, b) // a ```math fence is a display formula
		} else {
			m.code(n, lang, b)
		}
	case *ast.Blockquote:
		m.nested(b, func() {
			if inner := m.flow(n); len(inner) > 0 {
				b.add(article.Block{Kind: article.KindQuote, Blocks: inner})
			}
		}, func() { m.blocks(n, b) })
	case *ast.List:
		list := article.Block{Kind: article.KindList, Ordered: n.IsOrdered()}
		if n.IsOrdered() && n.Start != 1 && n.Start > 0 {
			list.Start = n.Start
		}
		m.list(n, list, b)
	case *east.FootnoteList:
		// <div class="footnotes"><hr><ol>…</ol></div>
		b.flush()
		b.add(article.Block{Kind: article.KindRule})
		m.list(n, article.Block{Kind: article.KindList, Ordered: true}, b)
		b.flush()
	case *east.Table:
		if hasRawHTML(n) {
			m.viaHTML([]ast.Node{n}, b)
			return
		}
		m.table(n, b)
	case *ast.HTMLBlock:
		m.viaHTML([]ast.Node{n}, b)
	default:
		// a block kind goldmark may add: read as the text in it
		b.flush()
		m.blocks(n, b)
		b.flush()
	}
}

// nested runs convert for a quote or a list, one level deeper, or flat
// (its content read as the text around it) when it is nested more deeply
// than an article may be.
func (m *mdConverter) nested(b *blockBuilder, convert, flat func()) {
	if m.c.depth >= article.MaxDepth {
		b.flush()
		flat()
		b.flush()
		return
	}
	m.c.depth++
	defer func() { m.c.depth-- }()
	convert()
}

// list converts the items of a list or of the footnotes into list.
func (m *mdConverter) list(n ast.Node, list article.Block, b *blockBuilder) {
	m.nested(b, func() {
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			if blocks := m.flow(it); len(blocks) > 0 {
				list.Items = append(list.Items, article.ListItem{Blocks: blocks})
			}
		}
		if len(list.Items) > 0 {
			b.add(list)
		}
	}, func() {
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			b.flush() // an item read as paragraphs
			m.blocks(it, b)
			b.flush()
		}
	})
}

// code adds a code block of the node's lines.
func (m *mdConverter) code(n ast.Node, lang string, b *blockBuilder) {
	var s strings.Builder
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		s.Write(seg.Value(m.src))
	}
	code := strings.Trim(htmlNormal(s.String()), "\n")
	if strings.TrimSpace(code) != "" {
		b.add(article.Block{Kind: article.KindCode, Code: code, Language: lang})
	}
}

// language is a fenced code block's language: the first word of its info
// string, as class="language-…" says it.
func (m *mdConverter) language(n *ast.FencedCodeBlock) string {
	lang := n.Language(m.src)
	if lang == nil {
		return ""
	}
	l, _ := classLanguage("language-" + m.decode(lang))
	return l
}

// table converts a GFM table as the HTML converter reads its <table>: a
// table of one column, or one with an image in a cell and no header text,
// is read as the flow of its cells; in a data table a cell with an image
// holds it as a figure block.
func (m *mdConverter) table(n *east.Table, b *blockBuilder) {
	var rows []ast.Node
	cols := 0
	images, headed := false, false
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		rows = append(rows, r)
		cols = max(cols, r.ChildCount())
		_, head := r.(*east.TableHeader)
		for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
			images = images || holdsImage(cell)
			headed = headed || head && strings.TrimSpace(m.inlineText(cell).Plain()) != ""
		}
	}
	if images && !headed || cols <= 1 {
		b.flush()
		for _, r := range rows {
			for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
				b.flush()
				m.inlines(cell, b, inlineStyle{})
				b.flush()
			}
		}
		return
	}
	t := &article.Table{}
	body := false
	for _, r := range rows {
		var cells []article.Cell
		for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
			var cl article.Cell
			if holdsImage(cell) {
				var cb blockBuilder
				m.inlines(cell, &cb, inlineStyle{})
				cb.flush()
				cl.Blocks = cb.blocks
				if len(cb.blocks) == 1 && cb.blocks[0].Kind == article.KindParagraph {
					cl.Text, cl.Blocks = cb.blocks[0].Text, nil
				}
			} else {
				cl.Text = m.inlineText(cell)
			}
			if tc, ok := cell.(*east.TableCell); ok {
				switch tc.Alignment {
				case east.AlignCenter:
					cl.Align = article.AlignCenter
				case east.AlignRight:
					cl.Align = article.AlignEnd
				}
			}
			cells = append(cells, cl)
		}
		if len(cells) == 0 {
			continue
		}
		if _, head := r.(*east.TableHeader); head && !body {
			t.Header = append(t.Header, cells)
			continue
		}
		body = true
		t.Rows = append(t.Rows, cells)
	}
	if len(t.Rows) == 0 && len(t.Header) == 0 {
		return
	}
	b.add(article.Block{Kind: article.KindTable, Table: t})
}

// holdsImage reports a table cell that holds an image, directly or in a
// link: its HTML is a layout table's cell.
func holdsImage(n ast.Node) bool {
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch.(type) {
		case *ast.Image:
			return true
		case *ast.Link:
			if holdsImage(ch) {
				return true
			}
		}
	}
	return false
}

// inlineText returns the text of an inline container as runs; an image
// in it is read as its caption.
func (m *mdConverter) inlineText(n ast.Node) article.Text {
	var b blockBuilder
	m.inlines(n, &b, inlineStyle{})
	return b.joined()
}

// inlines converts the inline children of n into b.
func (m *mdConverter) inlines(n ast.Node, b *blockBuilder, st inlineStyle) {
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if m.c.cancel.stop() {
			return
		}
		m.inline(ch, b, st)
	}
}

// inline converts one inline node.
func (m *mdConverter) inline(n ast.Node, b *blockBuilder, st inlineStyle) {
	switch n := n.(type) {
	case *ast.Text:
		s := m.text(n.Segment.Value(m.src), n.IsRaw())
		if n.HardLineBreak() {
			b.text(s, st)
			b.lineBreak()
			return
		}
		if n.SoftLineBreak() {
			s += "\n"
		}
		b.text(s, st)
	case *ast.String:
		if n.IsCode() || n.IsRaw() {
			b.text(string(n.Value), st)
		} else {
			b.text(m.decode(n.Value), st)
		}
	case *mathNode:
		m.c.texMath(n.tex, n.display, n.f, b, st)
	case *ast.CodeSpan:
		st.code = true
		var s strings.Builder
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			if t, ok := ch.(*ast.Text); ok {
				v := t.Segment.Value(m.src)
				if bytes.HasSuffix(v, []byte("\n")) {
					v = append(v[:len(v)-1:len(v)-1], ' ')
				}
				s.Write(v)
			}
		}
		b.text(htmlNormal(s.String()), st)
	case *ast.Emphasis:
		if n.Level == 2 {
			st.bold = true
		} else {
			st.italic = true
		}
		m.inlines(n, b, st)
	case *east.Strikethrough:
		st.strike = true
		m.inlines(n, b, st)
	case *ast.Link:
		if href := m.c.link(htmlNormal(string(util.URLEscape(n.Destination, true)))); href != "" {
			st.link = href
		}
		st.anchor = true
		m.inlines(n, b, st)
	case *ast.AutoLink:
		href := string(util.URLEscape(n.URL(m.src), false))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(href), "mailto:") {
			href = "mailto:" + href
		}
		if l := m.c.link(htmlNormal(href)); l != "" {
			st.link = l
		}
		st.anchor = true
		b.text(htmlNormal(string(n.Label(m.src))), st)
	case *ast.Image:
		if fig := m.image(n); fig != nil {
			b.add(article.Block{Kind: article.KindFigure, Figure: fig})
		}
	case *east.TaskCheckBox:
		if n.IsChecked {
			b.text("☑ ", st)
		} else {
			b.text("☐ ", st)
		}
	case *east.FootnoteLink:
		st.sup, st.anchor = true, true
		b.text(fmt.Sprint(n.Index), st)
	case *east.FootnoteBacklink:
		b.text("\u00a0", st) // &#160; before the ↩, which has no use on paper
	case *ast.RawHTML:
		// only reached through a container hasRawHTML missed: its tags are
		// left out, its text kept
	default:
		m.inlines(n, b, st)
	}
}

// image converts an image as the HTML converter reads its <img src alt
// title>: the alt text is the caption, the title stands in for a missing
// alt text.
func (m *mdConverter) image(n *ast.Image) *article.Figure {
	src := strings.TrimSpace(htmlNormal(string(util.URLEscape(n.Destination, true))))
	if src == "" {
		return nil
	}
	fig := &article.Figure{Alt: strings.TrimSpace(m.altText(n)), Src: m.c.resolve(src)}
	if n.Title != nil && fig.Alt == "" {
		fig.Alt = strings.TrimSpace(m.decode(n.Title))
	}
	if m.c.altCaptions && fig.Alt != "" {
		fig.Caption = article.Plain(fig.Alt)
	}
	return fig
}

// altText is an image's description as goldmark writes it in the alt
// attribute: the text of its children, line breaks kept.
func (m *mdConverter) altText(n ast.Node) string {
	var s strings.Builder
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			switch ch := ch.(type) {
			case *ast.String:
				if ch.IsCode() || ch.IsRaw() {
					s.Write(ch.Value)
				} else {
					s.WriteString(m.decode(ch.Value))
				}
			case *ast.Text:
				s.WriteString(m.text(ch.Segment.Value(m.src), ch.IsRaw()))
				switch {
				case ch.HardLineBreak():
					s.WriteString("<br>\n")
				case ch.SoftLineBreak():
					s.WriteByte('\n')
				}
			default:
				walk(ch)
			}
		}
	}
	walk(n)
	return s.String()
}

// text is the text of a text segment as the HTML parser reads goldmark's
// output of it: backslash escapes and character references resolved
// unless raw.
func (m *mdConverter) text(v []byte, raw bool) string {
	if raw {
		return htmlNormal(string(v))
	}
	return m.decode(v)
}

// decode resolves backslash escapes and character references as
// goldmark's HTML writer does, and carriage returns as the HTML parser.
func (m *mdConverter) decode(v []byte) string {
	if bytes.IndexAny(v, "\\&\x00\r") < 0 {
		return string(v)
	}
	m.buf.Reset()
	gmhtml.DefaultWriter.Write(m.w, v)
	m.w.Flush()
	return htmlNormal(html.UnescapeString(m.buf.String()))
}

// htmlNormal turns CR LF and CR into LF, and NUL into U+FFFD, as goldmark's
// HTML and the HTML parser do.
func htmlNormal(s string) string {
	if strings.IndexAny(s, "\r\x00") < 0 {
		return s
	}
	return htmlNewlines.Replace(s)
}

var htmlNewlines = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\x00", "\uFFFD")

// htmlBlockText is the HTML of an HTML block as goldmark writes it.
func (m *mdConverter) htmlBlockText(n *ast.HTMLBlock) []byte {
	var s []byte
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		s = append(s, seg.Value(m.src)...)
	}
	if n.HasClosure() {
		s = append(s, n.ClosureLine.Value(m.src)...)
	}
	return s
}

// viaHTML renders nodes, a piece of the post that holds raw HTML, with
// goldmark and reads the HTML with the HTML converter.
func (m *mdConverter) viaHTML(nodes []ast.Node, b *blockBuilder) {
	m.buf.Reset()
	for _, n := range nodes {
		if err := markdown().Renderer().Render(m.w, m.src, n); err != nil {
			m.fail(fmt.Errorf("%w: markdown: %v", ErrUnsupportedFormat, err))
			return
		}
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	frag, err := htmlparse.ParseFragment(m.ctx, m.buf.String(), body)
	switch {
	case err == nil:
	case isCancel(err):
		m.c.cancel.err = err
		return
	case errors.Is(err, htmlparse.ErrTooDeep):
		m.fail(fmt.Errorf("%w: markdown: elements nested more than %d levels", ErrTooDeep, maxHTMLDepth))
		return
	default:
		m.fail(fmt.Errorf("%w: markdown: %v", ErrUnsupportedFormat, err))
		return
	}
	for _, f := range frag {
		m.c.node(vectorToImg(f), b, inlineStyle{})
	}
}

// fail keeps the first error of the conversion.
func (m *mdConverter) fail(err error) {
	if m.err == nil {
		m.err = err
	}
}

// hasRawHTML reports whether an inline container holds raw HTML.
func hasRawHTML(n ast.Node) bool {
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if _, ok := ch.(*ast.RawHTML); ok || hasRawHTML(ch) {
			return true
		}
	}
	return false
}

// voidElements have no end tag.
var voidElements = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true, atom.Hr: true,
	atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true, atom.Source: true,
	atom.Track: true, atom.Wbr: true, atom.Param: true,
}

// openTags are the elements left open by the HTML blocks read so far:
// their names, innermost last, and how many of each name are open, so
// that an end tag of no open element costs nothing however many are open.
type openTags struct {
	names []string
	count map[string]int
}

// read tokenizes src: a start tag opens an element (a void one excepted),
// an end tag closes the innermost open element of its name and all
// opened after it; an end tag of no open element is ignored.
func (o *openTags) read(src []byte) {
	if len(o.names) == 0 && !hasStartTag(src) {
		return // a comment, say
	}
	if o.count == nil {
		o.count = map[string]int{}
	}
	z := html.NewTokenizer(bytes.NewReader(src))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.StartTagToken:
			name, _ := z.TagName()
			if !voidElements[atom.Lookup(name)] {
				o.names = append(o.names, string(name))
				o.count[string(name)]++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if o.count[string(name)] == 0 {
				continue
			}
			for {
				last := o.names[len(o.names)-1]
				o.names = o.names[:len(o.names)-1]
				o.count[last]--
				if last == string(name) {
					break
				}
			}
		}
	}
}

// hasStartTag reports whether src may hold a start tag: a "<" before a
// letter.
func hasStartTag(src []byte) bool {
	for i := bytes.IndexByte(src, '<'); i >= 0 && i+1 < len(src); {
		if c := src[i+1] | 0x20; c >= 'a' && c <= 'z' {
			return true
		}
		j := bytes.IndexByte(src[i+1:], '<')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}
