package readability

import (
	"bytes"
	"slices"
	"testing"

	"github.com/go-shiori/dom"
	"golang.org/x/net/html"
)

// TestElementsWithTags: one walk lists the same elements in the same
// order as one dom.GetElementsByTagName per name, joined, on every page
// of the web corpus.
func TestElementsWithTags(t *testing.T) {
	lists := [][]string{
		{"img", "picture", "figure", "video", "audio", "source"}, {"h1", "h2"}, {"script", "noscript"},
		{"a"}, {"p", "p"}, {"*", "div"}, {"nothing", "img"},
	}
	pages := webSources(t)
	pages = append(pages, []byte(`<div><h2>b</h2><h1>a<h2>c</h2></h1><img><picture><img></picture></div>`))
	for _, page := range pages {
		doc, err := html.Parse(bytes.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		for _, names := range lists {
			var want []*html.Node
			for _, name := range names {
				want = append(want, dom.GetElementsByTagName(doc, name)...)
			}
			if got := elementsWithTags(doc, names); !slices.Equal(got, want) {
				t.Fatalf("%v: %d elements, want %d (or another order)", names, len(got), len(want))
			}
		}
	}
}

// TestGetElementsByTagName: the walk without a call for each node lists
// what dom.GetElementsByTagName lists, in its order, under the document
// and under elements inside it (a root whose following siblings and
// ancestors' siblings it must not reach), on every page of the web corpus.
func TestGetElementsByTagName(t *testing.T) {
	pages := webSources(t)
	pages = append(pages, []byte(`<div><p>a</p><div><p>b<span><p>c</p></span></p></div><div></div></div><p>after</p>`), []byte(``))
	for i, page := range pages {
		doc, err := html.Parse(bytes.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		roots := []*html.Node{doc}
		for _, div := range dom.GetElementsByTagName(doc, "div") {
			if len(roots) == 4 {
				break
			}
			roots = append(roots, div)
		}
		for _, root := range roots {
			for _, name := range []string{"p", "div", "a", "*", "nothing"} {
				want := dom.GetElementsByTagName(root, name)
				if got := getElementsByTagName(root, name); !slices.Equal(got, want) {
					t.Fatalf("page %d, %s under <%s>: %d elements, want %d (or another order)", i, name, root.Data, len(got), len(want))
				}
			}
		}
	}
}

// TestJSONLDScripts: jsonLDScripts finds what the selector
// script[type="application/ld+json"] finds, in its order, on every page
// of the web corpus and on one built to test its edges.
func TestJSONLDScripts(t *testing.T) {
	pages := webSources(t)
	pages = append(pages, []byte(`<head><script type="application/ld+json">{}</script><script type="Application/LD+JSON">{}</script>`+
		`<script type="application/ld+json " data-x="1">{}</script><script data-type="application/ld+json">{}</script></head>`+
		`<body><svg><script type="application/ld+json">{}</script></svg><div><script type="text/javascript" type="application/ld+json">{}</script></div>`+
		`<script type="application/ld+json"><script></script></body>`))
	found := 0
	for i, page := range pages {
		doc, err := html.Parse(bytes.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		want := dom.QuerySelectorAll(doc, `script[type="application/ld+json"]`)
		got := jsonLDScripts(doc)
		if !slices.Equal(got, want) {
			t.Fatalf("page %d: %d scripts, want %d (or another order)", i, len(got), len(want))
		}
		found += len(got)
	}
	if found < 10 {
		t.Errorf("only %d scripts found", found)
	}
}

// TestCleanTags: cleaning the elements of several names at once leaves
// what cleaning them one name after the other leaves (the removals of
// clean, which cleanTags replaced), on the body of every page of the web
// corpus and of one with videos, kept, inside what is removed.
func TestCleanTags(t *testing.T) {
	pages := webSources(t)
	pages = append(pages, []byte(`<object data="https://www.youtube.com/embed/x"><embed src="a.swf"><footer><aside>x</aside></footer></object>`+
		`<object><embed src="https://player.vimeo.com/video/1"></object><footer><link rel="x"><object></object></footer><aside><iframe src="https://www.youtube.com/embed/y"></iframe></aside>`))
	groups := [][]string{{"object", "embed", "footer", "link", "aside"}, {"iframe", "input", "textarea", "select", "button"}}
	ps := NewParser()
	for i, page := range pages {
		for _, tags := range groups {
			oneByOne, _ := html.Parse(bytes.NewReader(page))
			atOnce, _ := html.Parse(bytes.NewReader(page))
			for _, tag := range tags {
				ps.removeNodes(dom.GetElementsByTagName(oneByOne, tag), func(element *html.Node) bool {
					return !ps.isVideoEmbed(element)
				})
			}
			ps.cleanTags(atOnce, tags...)
			var want, got bytes.Buffer
			if err := html.Render(&want, oneByOne); err != nil {
				t.Fatal(err)
			}
			if err := html.Render(&got, atOnce); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Fatalf("page %d, %v: %d bytes left, want %d", i, tags, got.Len(), want.Len())
			}
		}
	}
}
