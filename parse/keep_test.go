package parse

import (
	"context"
	"strings"
	"testing"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// TestRestorePlaces: restore puts a kept element extraction dropped after
// the last element of the article that came before it in the page, inside
// one that held it, first when nothing came before; and takes out what
// extraction had kept from inside it, so nothing prints twice.
func TestRestorePlaces(t *testing.T) {
	const page = `<body><div id=a><p id=p1>one</p><div id=k1>kept one</div><p id=p2>two</p></div>` +
		`<div id=k2><p id=inner>inner</p><p>rest of k2</p></div><p id=p3>three</p><div id=k0 class=late>late</div></body>`
	for _, tc := range []struct {
		name, keep string
		extract    func(doc *html.Node) *html.Node // what "extraction" returns
		want       string
	}{
		{"dropped between two kept siblings", "#k1", func(doc *html.Node) *html.Node {
			return extracted(doc, "#a", "#k1") // #a without #k1
		}, "one|kept one|two"},
		{"dropped, its inside kept elsewhere", "#k2", func(doc *html.Node) *html.Node {
			return extracted(doc, "#a", "#k1", "#inner") // #inner pulled out of #k2
		}, "one|two|inner|rest of k2"},
		{"nothing before it", "#a", func(doc *html.Node) *html.Node {
			return extracted(doc, "#p3")
		}, "one|kept one|two|three"},
		{"after all", ".late", func(doc *html.Node) *html.Node {
			return extracted(doc, "#a")
		}, "one|kept one|two|late"},
		{"kept and trimmed by extraction: whole again", "#a", func(doc *html.Node) *html.Node {
			return extracted(doc, "#a", "#p2")
		}, "one|kept one|two"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			k := markKept(doc, []cascadia.Selector{cascadia.MustCompile(tc.keep)})
			root := tc.extract(doc)
			k.restore(root)
			if got := strings.Join(texts(root), "|"); got != tc.want {
				t.Errorf("article reads %q, want %q", got, tc.want)
			}
		})
	}
}

// extracted is what an extractor might return: a new <div> holding copies
// of the elements sel matches, minus those drop matches inside them.
func extracted(doc *html.Node, sel string, drop ...string) *html.Node {
	root := &html.Node{Type: html.ElementNode, Data: "div"}
	c := cloneNode(cascadia.MustCompile(sel).MatchFirst(doc))
	for _, d := range drop {
		if n := cascadia.MustCompile(d).MatchFirst(c); n != nil {
			n.Parent.RemoveChild(n)
			if d == "#inner" { // moved, not dropped
				root.AppendChild(c)
				root.AppendChild(n)
				return root
			}
		}
	}
	root.AppendChild(c)
	return root
}

// texts are the non-empty text nodes under n.
func texts(n *html.Node) []string {
	var out []string
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			out = append(out, strings.TrimSpace(c.Data))
		}
		out = append(out, texts(c)...)
	}
	return out
}

// TestKeepWholePage: a page too costly to extract is converted from its
// <article>; a kept element outside it still prints, after it.
func TestKeepWholePage(t *testing.T) {
	page := `<html><body><article><h1>Title</h1><p>` + strings.Repeat("Prose of the article, which goes on. ", 5) +
		`</p></article><aside><div class=factbox>Facts outside the article</div></aside></body></html>`
	tr, err := readTree(context.Background(), pieces{[]byte(page)}, "", Options{Keep: []string{".factbox"}})
	if err != nil {
		t.Fatal(err)
	}
	a, err := wholePage(context.Background(), tr, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	last := a.Body[len(a.Body)-1]
	if got := string(blockText(last).Plain()); got != "Facts outside the article" {
		t.Errorf("last block %q, want the kept fact box", got)
	}
}
