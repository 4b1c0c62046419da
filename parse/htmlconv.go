package parse

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/htmlparse"
)

// htmlConverter turns a cleaned HTML tree (readability's output, or
// rendered Markdown) into article blocks. It keeps every piece of text:
// what it does not understand it reads as plain inline text.
type htmlConverter struct {
	base  *url.URL // for relative links and image sources; may be nil
	title string   // a leading h1 repeating it is dropped
	prose int      // bytes of text outside links: a page of menus has none
	// altCaptions captions images with their alt text, as Markdown
	// authors mean it (web pages' alt texts are often file names).
	altCaptions bool
	// cancel stops the conversion when its context is done
	cancel canceller
	// depth is how many quotes and list items enclose the node being
	// converted: deeper than article.MaxDepth, their content is read as
	// the text around them
	depth int
	// images memoises findImage, which figures and noscript fallbacks
	// ask of the same nodes at every level of their nesting
	images map[*html.Node]*html.Node
	// inNoscript is set while a <noscript>'s parsed fallback is read
	inNoscript bool
}

// inlineStyle is the style inherited from enclosing inline elements.
type inlineStyle struct {
	bold, italic, code, sup, sub, strike bool
	link                                 string
	anchor                               bool // inside <a>, resolvable or not
}

// blockBuilder collects blocks, and the inline runs of the paragraph being
// built between them.
type blockBuilder struct {
	blocks []article.Block
	runs   article.Text
	// tail is text still to add to the last run: runs merged one by one
	// (a page of a million <b>x</b>) are joined once, not copied each time
	tail  strings.Builder
	space bool // whitespace pending before the next text
}

// settle adds the pending tail to the last run.
func (b *blockBuilder) settle() {
	if b.tail.Len() > 0 {
		last := &b.runs[len(b.runs)-1]
		last.Text += b.tail.String()
		b.tail.Reset()
	}
}

// text adds a text node's content, collapsing whitespace as HTML does.
// Each word is copied whole (an invalid UTF-8 byte becomes U+FFFD, as
// ranging over the runes reads it); a text that collapsing leaves as it is
// but for white space at its ends, most, is not copied at all.
func (b *blockBuilder) text(s string, st inlineStyle) {
	i := 0
	for i < len(s) && isHTMLSpace(rune(s[i])) {
		i++
	}
	if i > 0 {
		b.space = true
	}
	if i == len(s) {
		return
	}
	// the space before the first word goes to the plainer of the two runs
	// it lies between, so that code and links neither start nor end with
	// a space: to this text (lead), to the last run's tail, or nowhere
	lead := false
	if b.space && len(b.runs) > 0 {
		last := &b.runs[len(b.runs)-1]
		switch {
		case last.Break:
		case last.Math != nil:
			lead = true // a formula's text is its own
		case (last.Code || last.Link != "") && !st.code && st.link == "":
			lead = true
		default:
			b.tail.WriteByte(' ')
		}
	}
	b.space = false
	var text string
	if end := collapsedEnd(s, i); !lead && onlyHTMLSpace(s[end:]) {
		text = s[i:end]
		b.space = end < len(s)
	} else {
		var out strings.Builder
		out.Grow(len(s) - i + 1) // the words, and a space before them
		if lead {
			out.WriteByte(' ')
		}
		i = appendWord(&out, s, i)
		for i < len(s) {
			if isHTMLSpace(rune(s[i])) {
				b.space = true
				i++
				continue
			}
			if b.space {
				out.WriteByte(' ')
				b.space = false
			}
			i = appendWord(&out, s, i)
		}
		text = out.String()
	}
	b.addRun(article.Inline{Text: text, Bold: st.bold, Italic: st.italic, Code: st.code,
		Sup: st.sup, Sub: st.sub, Strike: st.strike, Link: st.link})
}

// collapsedEnd returns where the text of s from i (not an HTML space)
// stops being as collapsing its white space leaves it: at the end of s, at
// an HTML space other than a single space between words, or at a byte
// that is not UTF-8 (which appendWord replaces).
func collapsedEnd(s string, i int) int {
	for {
		// eight bytes squashed8 passes hold no HTML space but single
		// spaces before a word
		for i+8 <= len(s) && squashed8(eightBytes(s, i)) {
			i += 8
		}
		for i < len(s) && !wordStops[s[i]] {
			i++
		}
		if i == len(s) {
			return i
		}
		switch c := s[i]; {
		case c == ' ':
			if i+1 == len(s) || isHTMLSpace(rune(s[i+1])) {
				return i
			}
			i++
		case c < utf8.RuneSelf:
			return i // an HTML space other than a space
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return i
			}
			i += size
		}
	}
}

// onlyHTMLSpace reports whether s is only HTML spaces.
func onlyHTMLSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHTMLSpace(rune(s[i])) {
			return false
		}
	}
	return true
}

// appendWord writes to out the word of s that starts at i (up to the next
// HTML space), each invalid UTF-8 byte as U+FFFD, and returns where it
// ends.
func appendWord(out *strings.Builder, s string, i int) int {
	from := i // s[from:i] is valid and still to be written
	for i < len(s) {
		for i < len(s) && !wordStops[s[i]] {
			i++ // ASCII but HTML space, most of a text, skipped by one look-up a byte
		}
		if i == len(s) || s[i] < utf8.RuneSelf {
			break // the end, or an HTML space
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			out.WriteString(s[from:i])
			out.WriteRune(utf8.RuneError)
			i++
			from = i
			continue
		}
		i += size
	}
	out.WriteString(s[from:i])
	return i
}

// wordStops are the bytes appendWord stops at: the HTML spaces and every
// byte beyond ASCII.
var wordStops = func() (stops [256]bool) {
	for c := range stops {
		stops[c] = c >= utf8.RuneSelf || isHTMLSpace(rune(c))
	}
	return stops
}()

// addRun appends a run, merging it into the last one when the styles match.
func (b *blockBuilder) addRun(in article.Inline) {
	if n := len(b.runs); n > 0 {
		last := &b.runs[n-1]
		if !last.Break && sameStyle(*last, in) {
			b.tail.WriteString(in.Text)
			return
		}
	}
	b.settle()
	b.runs = append(b.runs, in)
}

func sameStyle(a, b article.Inline) bool {
	a.Text, b.Text = "", ""
	return a == b
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}

// lineBreak adds a <br>.
func (b *blockBuilder) lineBreak() {
	b.settle()
	if len(b.runs) > 0 && !b.runs[len(b.runs)-1].Break {
		b.runs = append(b.runs, article.Inline{Break: true})
	}
	b.space = false
}

// joined ends the paragraph being built and returns what b holds as one
// text, its blocks separated by line breaks.
func (b *blockBuilder) joined() article.Text {
	b.flush()
	var out article.Text
	for i, bl := range b.blocks {
		if i > 0 {
			out = append(out, article.Inline{Break: true})
		}
		out = append(out, blockText(bl)...)
	}
	return out
}

// flush ends the paragraph being built.
func (b *blockBuilder) flush() {
	b.settle()
	for len(b.runs) > 0 && b.runs[len(b.runs)-1].Break {
		b.runs = b.runs[:len(b.runs)-1]
	}
	if n := len(b.runs); n > 0 {
		b.runs[n-1].Text = strings.TrimRight(b.runs[n-1].Text, " ")
		if !isBlank(b.runs) {
			b.blocks = append(b.blocks, article.Block{Kind: article.KindParagraph, Text: b.runs})
		}
	}
	b.runs = nil
	b.space = false
}

func (b *blockBuilder) add(bl article.Block) {
	b.flush()
	b.blocks = append(b.blocks, bl)
}

// flow converts the children of n into blocks.
func (c *htmlConverter) flow(n *html.Node) []article.Block {
	var b blockBuilder
	c.children(n, &b, inlineStyle{})
	b.flush()
	return b.blocks
}

func (c *htmlConverter) children(n *html.Node, b *blockBuilder, st inlineStyle) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.node(ch, b, st)
	}
}

// skipped reports the elements that carry no article text. (A switch,
// not a map: it is asked of every element, several times.)
func skipped(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Template, atom.Head,
		atom.Button, atom.Select, atom.Textarea, atom.Nav,
		atom.Svg, atom.Canvas, atom.Map, atom.Link, atom.Meta,
		atom.Rt, atom.Rp: // ruby readings: printed inline they garble the text they annotate
		return true
	}
	return false
}

// langBlock reports the elements whose lang attribute gives their blocks
// a language (article.Block.Lang), and whose dir attribute a direction
// (article.Block.Dir); inline elements' are not kept.
func langBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Blockquote,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Ul, atom.Ol, atom.Li, atom.Aside, atom.Figure, atom.Table,
		atom.Pre, atom.Dd, atom.Dl:
		return true
	}
	return false
}

func (c *htmlConverter) node(n *html.Node, b *blockBuilder, st inlineStyle) {
	if c.cancel.stop() {
		return
	}
	switch n.Type {
	case html.TextNode:
		if !st.anchor {
			c.prose += len(trimSpace(n.Data))
		}
		b.text(n.Data, st)
		return
	case html.ElementNode:
	default:
		c.children(n, b, st)
		return
	}
	if skipped(n.DataAtom) || hidden(n) {
		return
	}
	if n.Data == "math" {
		c.math(n, b, st)
		return
	}
	if lang := attr(n, "lang"); lang != "" && langBlock(n.DataAtom) {
		// a passage in another language: its blocks say so
		b.flush()
		start := len(b.blocks)
		defer func() {
			b.flush()
			for i := start; i < len(b.blocks); i++ {
				if b.blocks[i].Lang == "" {
					b.blocks[i].Lang = lang
				}
			}
		}()
	}
	if d := article.Direction(strings.ToLower(strings.TrimSpace(attr(n, "dir")))); (d == article.DirLTR || d == article.DirRTL) && langBlock(n.DataAtom) {
		// a passage set in its own direction: its blocks say so
		b.flush()
		start := len(b.blocks)
		defer func() {
			b.flush()
			for i := start; i < len(b.blocks); i++ {
				if b.blocks[i].Dir == "" {
					b.blocks[i].Dir = d
				}
			}
		}()
	}
	switch n.DataAtom {
	case atom.Dd, atom.Blockquote, atom.Ul, atom.Ol, atom.Menu:
		if c.depth >= article.MaxDepth {
			// nested too deeply to indent: read as the text around it
			b.flush()
			c.children(n, b, st)
			b.flush()
			return
		}
		c.depth++
		defer func() { c.depth-- }()
	}
	switch n.DataAtom {
	case atom.Input:
		// a task list's checkbox prints as a box, ticked or not
		if strings.EqualFold(attr(n, "type"), "checkbox") {
			mark := "☐ "
			for _, a := range n.Attr {
				if a.Key == "checked" {
					mark = "☑ "
				}
			}
			b.text(mark, st)
		}
	case atom.Noscript:
		c.noscript(n, b, st)
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		level := int(n.Data[1] - '0')
		text := c.inline(n)
		// readability turns h1 into h2: a first heading that repeats the
		// title is the headline, printed from the metadata
		if level <= 2 && len(b.blocks) == 0 && sameText(text.Plain(), c.title) {
			return // the headline, printed from the metadata
		}
		if !isBlank(text) {
			b.add(article.Block{Kind: article.KindHeading, Level: min(max(level, 2), 6), Text: text})
		}
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Header, atom.Footer,
		atom.Aside, atom.Address, atom.Center, atom.Details, atom.Summary, atom.Form, atom.Fieldset,
		atom.Dl, atom.Dt, atom.Body, atom.Html, atom.Hgroup, atom.Caption, atom.Legend:
		b.flush()
		inner := st
		if n.DataAtom == atom.Dt || n.DataAtom == atom.Summary {
			inner.bold = true
		}
		c.children(n, b, inner)
		b.flush()
	case atom.Dd:
		inner := c.flow(n)
		if onlyMath(inner) {
			// an indented display formula (Wikipedia's <dl><dd>) is centred as it is
			for _, bl := range inner {
				b.add(bl)
			}
			return
		}
		b.add(article.Block{Kind: article.KindQuote, Blocks: inner})
	case atom.Blockquote:
		if attr(n, "class") == pullQuoteClass {
			if text := c.inline(n); !isBlank(text) {
				b.add(article.Block{Kind: article.KindPullQuote, Text: text})
			}
			return
		}
		if inner := c.flow(n); len(inner) > 0 {
			b.add(article.Block{Kind: article.KindQuote, Blocks: inner})
		}
	case atom.Ul, atom.Ol, atom.Menu:
		if list := c.list(n); len(list.Items) > 0 {
			b.add(list)
		}
	case atom.Li:
		b.flush() // a stray item outside a list reads as a paragraph
		c.children(n, b, st)
		b.flush()
	case atom.Pre:
		if code := preText(n); strings.TrimSpace(code) != "" {
			c.prose += len(strings.TrimSpace(code)) // a page of plain text is all <pre>
			b.add(article.Block{Kind: article.KindCode, Code: code, Language: codeLanguage(n)})
		}
	case atom.Hr:
		b.add(article.Block{Kind: article.KindRule})
	case atom.Br:
		b.lineBreak()
	case atom.Figure:
		c.figureElement(n, b)
	case atom.Img, atom.Picture:
		if fig := c.image(n); fig != nil {
			c.siblingCaption(n, fig)
			if c.altCaptions && fig.Alt != "" && len(fig.Caption) == 0 {
				fig.Caption = article.Plain(fig.Alt)
			}
			b.add(article.Block{Kind: article.KindFigure, Figure: fig})
		}
	case atom.Table:
		c.table(n, b)
	case atom.Video, atom.Audio, atom.Iframe, atom.Embed, atom.Object:
		c.embed(n, b)
	default:
		c.inlineElement(n, b, st)
	}
}

// noscript reads the fallback a page gives readers without scripts (a
// printer is one): the parser keeps it as raw text, so it is parsed here.
// Only fallbacks that hold an image count; others are usually notices
// ("please enable JavaScript").
func (c *htmlConverter) noscript(n *html.Node, b *blockBuilder, st inlineStyle) {
	if c.inNoscript {
		// a fallback inside a fallback: the raw text of nested ones would
		// be parsed again at every level
		return
	}
	var raw strings.Builder
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.TextNode {
			raw.WriteString(ch.Data)
		} else if c.findImage(ch) != nil {
			c.node(ch, b, st)
		}
	}
	if !strings.Contains(strings.ToLower(raw.String()), "<img") {
		return
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := htmlparse.ParseFragment(context.Background(), raw.String(), body)
	if err != nil {
		return
	}
	c.inNoscript = true
	defer func() { c.inNoscript = false }()
	for _, m := range nodes {
		if c.findImage(m) != nil {
			c.node(m, b, st)
		}
	}
}

// inlineElement applies an inline element's style to its children.
func (c *htmlConverter) inlineElement(n *html.Node, b *blockBuilder, st inlineStyle) {
	switch n.DataAtom {
	case atom.B, atom.Strong:
		st.bold = true
	case atom.I, atom.Em, atom.Cite, atom.Var, atom.Dfn:
		st.italic = true
	case atom.Code, atom.Kbd, atom.Samp, atom.Tt:
		st.code = true
	case atom.Sup:
		st.sup = true
	case atom.Sub:
		st.sub = true
	case atom.S, atom.Strike, atom.Del:
		st.strike = true
	case atom.A:
		if strings.Contains(attr(n, "class"), "footnote-backref") || strings.Contains(attr(n, "class"), "backlink") {
			return // the ↩ back to the text has no use on paper
		}
		if href := c.link(attr(n, "href")); href != "" {
			st.link = href
		}
		st.anchor = true
	case atom.Q:
		b.text("“", st)
		c.children(n, b, st)
		b.text("”", st)
		return
	}
	c.children(n, b, st)
}

// inline returns the text of n as inline runs; blocks inside it are read
// as text separated by line breaks.
func (c *htmlConverter) inline(n *html.Node) article.Text {
	var b blockBuilder
	c.children(n, &b, inlineStyle{})
	return b.joined()
}

// blockText flattens a block into inline runs.
func blockText(bl article.Block) article.Text {
	switch bl.Kind {
	case article.KindParagraph, article.KindHeading:
		return bl.Text
	case article.KindCode:
		return article.Text{{Text: bl.Code, Code: true}}
	case article.KindFigure:
		if bl.Figure != nil {
			return append(article.Text(nil), bl.Figure.Caption...)
		}
	}
	var out article.Text
	for _, inner := range bl.Blocks {
		if len(out) > 0 {
			out = append(out, article.Inline{Break: true})
		}
		out = append(out, blockText(inner)...)
	}
	for _, it := range bl.Items {
		for _, inner := range it.Blocks {
			if len(out) > 0 {
				out = append(out, article.Inline{Break: true})
			}
			out = append(out, blockText(inner)...)
		}
	}
	return out
}

func (c *htmlConverter) list(n *html.Node) article.Block {
	list := article.Block{Kind: article.KindList, Ordered: n.DataAtom == atom.Ol}
	if list.Ordered {
		if s, err := strconv.Atoi(attr(n, "start")); err == nil && s > 0 {
			list.Start = s
		}
	}
	var loose blockBuilder // content between items
	flushLoose := func() {
		loose.flush()
		if len(loose.blocks) > 0 {
			list.Items = append(list.Items, article.ListItem{Blocks: loose.blocks})
			loose.blocks = nil
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && ch.DataAtom == atom.Li {
			flushLoose()
			if blocks := c.flow(ch); len(blocks) > 0 {
				list.Items = append(list.Items, article.ListItem{Blocks: blocks})
			}
			continue
		}
		c.node(ch, &loose, inlineStyle{})
	}
	flushLoose()
	return list
}

// link resolves an href for print: http(s) and mailto links only; in-page
// anchors and scripts are not links on paper.
func (c *htmlConverter) link(href string) string {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return ""
	}
	if c.base == nil && !hasLinkScheme(href) {
		return "" // a relative link without a base, or another scheme
	}
	if plainAbsoluteURL(href) {
		return href // what parsing, resolving and printing it give
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if c.base != nil {
		u = c.base.ResolveReference(u)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		return u.String()
	}
	return ""
}

// resolve makes a media reference absolute against the base when there is
// one; without a base, relative references stay relative (to the input's
// folder).
func (c *htmlConverter) resolve(ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(ref, "data:") || c.base == nil {
		return ref
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return c.base.ResolveReference(u).String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func sameText(a, b string) bool {
	return b != "" && strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// preText returns a <pre>'s text with its whitespace.
func preText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
			b.WriteByte('\n')
		default:
			for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
				walk(ch)
			}
		}
	}
	walk(n)
	return strings.Trim(b.String(), "\n")
}

// codeLanguage reads a language from class="language-go" on <pre> or its
// <code>.
func codeLanguage(n *html.Node) string {
	for _, m := range []*html.Node{n, n.FirstChild} {
		if m == nil || m.Type != html.ElementNode {
			continue
		}
		if l, ok := classLanguage(attr(m, "class")); ok {
			return l
		}
	}
	return ""
}

// classLanguage reads a language from a class attribute: "language-go"
// or "lang-go"; ok reports whether the attribute has such a class.
func classLanguage(class string) (lang string, ok bool) {
	for _, cls := range strings.Fields(class) {
		for _, p := range []string{"language-", "lang-"} {
			if l, ok := strings.CutPrefix(cls, p); ok {
				return l, true
			}
		}
	}
	return "", false
}

// textContent returns the collapsed text of n.
func textContent(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		if n.Type == html.ElementNode && (skipped(n.DataAtom) || hidden(n)) {
			return
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}
