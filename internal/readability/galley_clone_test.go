package readability

import (
	"bytes"
	"strings"
	"testing"

	"github.com/go-shiori/dom"
	"golang.org/x/net/html"
)

// TestCloneTree: cloneTree copies a document as dom.Clone does (the same
// markup, the same links between nodes, nothing shared with the
// original), for small pages built to test its edges and the web corpus's
// pages; and an attribute added to one copied element does not reach the
// element after it, whose attributes follow in the same array.
func TestCloneTree(t *testing.T) {
	pages := []string{
		``,
		`<p>text`,
		`<div id="a" class="b"><p>one <a href="/x">two</a></p><!-- c --><svg viewBox="0 0 1 1"><path d="M0"/></svg></div>`,
	}
	for _, data := range webSources(t) {
		pages = append(pages, string(data))
	}
	for i, page := range pages {
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		got, want := cloneTree(doc), dom.Clone(doc, true)
		if g, w := markup(t, got), markup(t, want); g != w {
			t.Fatalf("page %d: cloneTree renders %d bytes, dom.Clone %d", i, len(g), len(w))
		}
		checkLinks(t, got, nil)
		orig := map[*html.Node]bool{}
		for n := range doc.Descendants() {
			orig[n] = true
		}
		for n := range got.Descendants() {
			if orig[n] {
				t.Fatalf("page %d: the copy shares <%s> with the original", i, n.Data)
			}
		}
	}

	doc, _ := html.Parse(strings.NewReader(`<p class="a"></p><p class="b"></p>`))
	c := cloneTree(doc)
	first := getElementByTagName(c, "p")
	second := first.NextSibling
	first.Attr = append(first.Attr, html.Attribute{Key: "id", Val: "x"})
	first.Attr[0].Val = "changed"
	if got := dom.GetAttribute(second, "class"); got != "b" {
		t.Errorf("the second paragraph's class is %q after the first's changed, want b", got)
	}
	if got := dom.GetAttribute(getElementByTagName(doc, "p"), "class"); got != "a" {
		t.Errorf("the original's class is %q after the copy's changed, want a", got)
	}
}

// markup is n rendered as HTML.
func markup(t *testing.T, n *html.Node) string {
	t.Helper()
	var b bytes.Buffer
	if err := html.Render(&b, n); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// checkLinks checks that every node under n has n as its parent and that
// the sibling links run both ways.
func checkLinks(t *testing.T, n, parent *html.Node) {
	t.Helper()
	if n.Parent != parent {
		t.Fatalf("<%s>: wrong parent", n.Data)
	}
	var prev *html.Node
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.PrevSibling != prev {
			t.Fatalf("<%s>: wrong previous sibling", ch.Data)
		}
		checkLinks(t, ch, n)
		prev = ch
	}
	if n.LastChild != prev {
		t.Fatalf("<%s>: wrong last child", n.Data)
	}
}

// TestReread: a parser that can read the document again (Parser.Reread)
// finds the same article as one that copies it, reading it again only on
// a page whose first pass finds too little text; its first pass works on
// the given document, made like a copy (no namespaces), the others on
// copies; and a document that cannot be read again yields no article
// rather than a failure.
func TestReread(t *testing.T) {
	const short = `<html><body><div class="content"><p>Too short to be an article, with <b>bold</b> text.</p></div></body></html>`
	pages := []string{
		short,
		`<html><body><article><p>` + strings.Repeat("A long paragraph of prose, with commas, ", 30) + `</p><svg viewBox="0 0 1 1"><path d="M0"/></svg><noscript><img src="a.png"></noscript></article></body></html>`,
	}
	for _, data := range webSources(t) {
		pages = append(pages, string(data))
	}
	for i, page := range pages {
		parse := func(t *testing.T, reread bool) (string, int) {
			doc, err := html.Parse(strings.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			given := map[*html.Node]bool{}
			for n := range doc.Descendants() {
				given[n] = true
			}
			ps := NewParser()
			reads := 0
			if reread {
				ps.Reread = func() *html.Node {
					reads++
					again, _ := html.Parse(strings.NewReader(page))
					return again
				}
			}
			a, err := ps.ParseAndMutate(doc, nil)
			if err != nil {
				t.Fatal(err)
			}
			if a.Node == nil {
				return "", reads
			}
			shared := false
			for n := range a.Node.Descendants() {
				shared = shared || given[n]
				if n.Namespace != "" {
					t.Errorf("page %d: <%s> keeps its namespace %q, which a copy loses", i, n.Data, n.Namespace)
				}
			}
			if reread && reads == 0 && !shared {
				t.Errorf("page %d: the first pass's article holds no node of the given document", i)
			}
			return markup(t, a.Node), reads
		}
		copied, _ := parse(t, false)
		reread, reads := parse(t, true)
		if reread != copied {
			t.Errorf("page %d: the article differs when the document is read again (%d bytes, copied %d)", i, len(reread), len(copied))
		}
		if i < 2 && reads != 1-i {
			t.Errorf("page %d: read again %d times, want %d", i, reads, 1-i)
		}
	}

	doc, _ := html.Parse(strings.NewReader(short))
	ps := NewParser()
	ps.Reread = func() *html.Node { return nil }
	if a, err := ps.ParseAndMutate(doc, nil); err != nil || a.Node != nil {
		t.Errorf("a document that cannot be read again: article %v, error %v; want none and no error", a.Node, err)
	}
}
