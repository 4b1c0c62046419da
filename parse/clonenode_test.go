package parse

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// cloneNodeOneByOne is cloneNode as it was first written, a node at a time.
func cloneNodeOneByOne(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace, Attr: slices.Clone(n.Attr)}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.AppendChild(cloneNodeOneByOne(ch))
	}
	return c
}

// TestCloneNode: cloneNode copies what the node-at-a-time copy copies
// (every node's fields, attributes and place, namespaces included) for
// small pages built to test its edges and the web corpus's pages, shares
// no node with the original, and an attribute added to one copied node
// does not reach the next node, whose attributes follow in the same array.
func TestCloneNode(t *testing.T) {
	pages := []string{``, `<p>text`, `<div id="a" class="b"><p>one <a href="/x">two</a></p><!-- c --><svg viewBox="0 0 1 1"><path d="M0"/></svg><math><mi>x</mi></math></div>`}
	for _, data := range webSources(t) {
		pages = append(pages, string(data))
	}
	for i, page := range pages {
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		got, want := cloneNode(doc), cloneNodeOneByOne(doc)
		sameTree(t, i, got, want, doc)
	}

	doc, _ := html.Parse(strings.NewReader(`<p class="a"></p><p class="b"></p>`))
	c := cloneNode(doc)
	first := firstElement(c, atom.P)
	second := first.NextSibling
	first.Attr = append(first.Attr, html.Attribute{Key: "id", Val: "x"})
	if got := attr(second, "class"); got != "b" {
		t.Errorf("the second paragraph's class is %q after an attribute was added to the first, want b", got)
	}
}

// sameTree checks that got and want hold the same nodes, linked alike,
// and that got shares none with orig.
func sameTree(t *testing.T, page int, got, want, orig *html.Node) {
	t.Helper()
	if got == orig {
		t.Fatalf("page %d: the copy shares <%s> with the original", page, got.Data)
	}
	if got.Type != want.Type || got.DataAtom != want.DataAtom || got.Data != want.Data || got.Namespace != want.Namespace ||
		!reflect.DeepEqual(got.Attr, want.Attr) || (got.Attr == nil) != (want.Attr == nil) {
		t.Fatalf("page %d: <%s> copied as <%s>", page, want.Data, got.Data)
	}
	g, w, o := got.FirstChild, want.FirstChild, orig.FirstChild
	var prev *html.Node
	for ; g != nil && w != nil; g, w, o = g.NextSibling, w.NextSibling, o.NextSibling {
		if g.Parent != got || g.PrevSibling != prev {
			t.Fatalf("page %d: <%s> linked wrongly", page, g.Data)
		}
		sameTree(t, page, g, w, o)
		prev = g
	}
	if g != nil || w != nil || got.LastChild != prev {
		t.Fatalf("page %d: <%s> has other children", page, got.Data)
	}
}
