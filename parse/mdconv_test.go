package parse

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/galleyprint/galley/article"
)

// viaRenderedHTML is how Markdown was read before it was read from
// goldmark's syntax tree: rendered to HTML, parsed again and converted.
func viaRenderedHTML(t *testing.T, src, title, base string) []article.Block {
	t.Helper()
	var out bytes.Buffer
	if err := markdown().Convert([]byte(src), &out); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&out)
	if err != nil {
		t.Fatal(err)
	}
	conv := &htmlConverter{title: title, base: baseURL(base, ""), altCaptions: true}
	return conv.flow(doc)
}

// fromSyntaxTree reads src as markdownArticle does.
func fromSyntaxTree(t *testing.T, src, title, base string) []article.Block {
	t.Helper()
	doc, err := parseMarkdown(context.Background(), []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	conv := &htmlConverter{title: title, base: baseURL(base, ""), altCaptions: true, cancel: canceller{ctx: context.Background()}}
	m := newMDConverter(context.Background(), conv, []byte(src))
	blocks := m.flow(doc)
	if m.err != nil {
		t.Fatal(m.err)
	}
	return blocks
}

func blocksJSON(t *testing.T, blocks []article.Block) string {
	t.Helper()
	data, err := json.MarshalIndent(blocks, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestMarkdownSyntaxTreeAsHTML: every construct the Markdown reader
// knows reads into the same blocks from goldmark's syntax tree as from
// the HTML goldmark renders of it.
func TestMarkdownSyntaxTreeAsHTML(t *testing.T) {
	cases := map[string]string{
		"inline styles":  "Some *italic*, **bold**, ***both***, `code  span`, ~~gone~~ and `` a ` tick `` here.\n",
		"links":          "A [relative](img/x.png \"T\"), an [absolute](https://example.com/a?b=1&c=2), an [anchor](#top), a [script](javascript:alert(1)), <https://example.org/auto> and <me@example.com>, [a link with **bold**](https://e.com/ü ö).\n",
		"references":     "See [the site][s] and [s].\n\n[s]: https://example.com/s \"Site\"\n",
		"entities":       "Caf&eacute; &amp; &copy; &#169; &#xA9; &#0; &bogus; \\*not italic\\* \\\\ a\\_b &lt;tag&gt;\n",
		"breaks":         "line one  \nline two\\\nline three\nline four\n",
		"headings":       "# The Title\n\nText.\n\n## Second *level*\n\nSetext\n======\n\nOther\n-----\n\n###### Six ######\n\n#\n",
		"title repeated": "## The title\n\nBody.\n",
		"code":           "    indented\n    \tcode\n\n```go  extra words\nfunc main() {}\n```\n\n~~~\nno language\n~~~\n\n```\n\n\n```\n\n```c&#43;&#43;\nint x;\n```\n",
		"crlf":           "# Head\r\n\r\nText\r\nmore  \r\nbroken\r\n\r\n```\r\ncode\r\nlines\r\n```\r\n",
		"quotes":         "> quoted *text*\n>\n> > nested\n> > - item\n\n> \n",
		"lists":          "- one\n- two\n  - nested **b**\n    1. deep\n\n3. three\n4. four\n\n1. from one\n\n0. from zero\n\n- loose\n\n- items\n\n  second paragraph\n",
		"task list":      "- [ ] open\n- [x] done\n- [X] **bold** done\n",
		"table":          "| Left | Centre | Right | None |\n|:-----|:------:|------:|------|\n| a *b* | `c \\| d` | [e](https://e.com) | |\n| 1 | 2 | 3 | 4 |\n",
		"table head":     "| only | head |\n|---|---|\n",
		"one column":     "| one |\n|---|\n| a |\n| b |\n",
		"image in cell":  "| a | b |\n|---|---|\n| ![pic](p.png) | text |\n",
		"images":         "![A *quay*](quay.jpg \"The quay\")\n\n![](titled.png \"Only a title\")\n\nText ![inline](i.png) after.\n\n[![linked](l.png)](https://example.com)\n\n![no source]()\n\n![alt\nover lines](x.png)\n\n![ spaced ](<s p.png>)\n",
		"image heading":  "## Heading ![icon](i.png) text\n",
		"footnotes":      "Text[^1] and more[^note].\n\n[^1]: One.\n[^note]: Two, *with* `code`.\n\n    And a second paragraph.\n",
		"rules":          "a\n\n---\n\n***\n\nb\n",
		"raw inline":     "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, x<sup>2</sup>, a<br>b, <span style=\"display:none\">hidden</span> <img src=\"r.png\" alt=\"raw\">.\n",
		"raw blocks":     "<!-- more -->\n\n<div lang=\"fr\">\n\nDu *texte* en français.\n\n</div>\n\n<details><summary>More</summary>\n\nHidden **text**.\n\n</details>\n\n<figure>\n\n![inside](f.png)\n\n<figcaption>A caption (Photo: Jane Roe)</figcaption>\n</figure>\n\nAfter.\n",
		"raw table":      "| a | b |\n|---|---|\n| x<br>y | z |\n",
		"raw heading":    "## Heading <small>small</small>\n",
		"raw unclosed":   "<div>\n\nnever closed\n\n- a list\n",
		"raw in list":    "- item <b>bold</b>\n- <div>block</div>\n\n  para\n",
		"html block":     "<table><tr><td>a</td><td>b</td></tr></table>\n\n<p align=\"center\">centred</p>\n",
		"nul":            "a\x00b `e\x00f` [g\x00](h\x00i) ![j\x00k](l\x00m \"n\x00o\")\n\n```\nc\x00d\n```\n\n<div>p\x00q</div>\n",
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			want := blocksJSON(t, viaRenderedHTML(t, src, "The title", "https://blog.example.com/posts/"))
			got := blocksJSON(t, fromSyntaxTree(t, src, "The title", "https://blog.example.com/posts/"))
			if got != want {
				t.Errorf("from the syntax tree:\n%s\nfrom HTML:\n%s", got, want)
			}
			if !strings.HasPrefix(want, "[") {
				t.Fatalf("no blocks: %s", want)
			}
		})
	}
}

// FuzzMarkdownSyntaxTree: Markdown without raw HTML reads into the same
// blocks from goldmark's syntax tree as from the HTML goldmark renders.
func FuzzMarkdownSyntaxTree(f *testing.F) {
	addTestdata(f)
	for _, s := range []string{"*a* **b** `c` [d](e) ![f](g \"h\")", "- [ ] a\n- b\n\n> c\n\n1. d", "| a | b |\n|:-|-:|\n| c | d |",
		"x[^1]\n\n[^1]: y", "&amp; \\* &#0;\r\n\r\n```go\r\nz\r\n```"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		src := string(data)
		if strings.Contains(src, "<") || checkMarkdown(data) != nil {
			return // raw HTML goes through the HTML parser either way
		}
		want := blocksJSON(t, viaRenderedHTML(t, src, "", ""))
		if got := blocksJSON(t, fromSyntaxTree(t, src, "", "")); got != want {
			t.Errorf("%q from the syntax tree:\n%s\nfrom HTML:\n%s", src, got, want)
		}
	})
}

// TestMarkdownRawHTMLStaysInItsBlock: an inline tag a post leaves open
// styles the rest of its paragraph only. Rendered whole and parsed again,
// the HTML parser carried an unclosed <b> or <i> into every paragraph
// after it, to the end of the post. An HTML block that wraps Markdown
// still applies to what it wraps.
func TestMarkdownRawHTMLStaysInItsBlock(t *testing.T) {
	src := "---\ntitle: T\n---\n\nSome <b>bold never closed.\n\nThe next paragraph.\n\n" +
		"- an item <i>open\n\n<div lang=\"fr\">\n\nEn *français*\n\n</div>\n\nLast.\n"
	a, err := Markdown([]byte(src), "post.md", "")
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind         article.BlockKind
		text         string
		bold, italic bool // of the last run
		lang         string
	}{
		{article.KindParagraph, "Some bold never closed.", true, false, ""},
		{article.KindParagraph, "The next paragraph.", false, false, ""},
		{article.KindList, "an item open", false, true, ""},
		{article.KindParagraph, "En français", false, true, "fr"},
		{article.KindParagraph, "Last.", false, false, ""},
	}
	if len(a.Body) != len(want) {
		t.Fatalf("%d blocks, want %d: %+v", len(a.Body), len(want), a.Body)
	}
	for i, w := range want {
		b := a.Body[i]
		text := b.Text
		if b.Kind == article.KindList && len(b.Items) > 0 && len(b.Items[0].Blocks) > 0 {
			text = b.Items[0].Blocks[0].Text
		}
		if b.Kind != w.kind || text.Plain() != w.text || b.Lang != w.lang || len(text) == 0 {
			t.Errorf("block %d: %s %q lang %q, want %s %q lang %q", i, b.Kind, text.Plain(), b.Lang, w.kind, w.text, w.lang)
			continue
		}
		if last := text[len(text)-1]; last.Bold != w.bold || last.Italic != w.italic {
			t.Errorf("block %d %q: last run bold %v italic %v, want %v %v", i, w.text, last.Bold, last.Italic, w.bold, w.italic)
		}
	}
}
