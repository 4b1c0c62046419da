package pdf

import (
	"context"
	"io"
	"testing"

	"github.com/galleyprint/galley/page"
)

// TestXMLTextAllocations: escaping a string for the XMP metadata makes
// the escaped string, not a replacer's tables each time (about 6 KB a
// call), and escapes what XML needs escaped.
func TestXMLTextAllocations(t *testing.T) {
	in := "Fish & chips <cheap> at \"Joe's\""
	if got, want := xmlText(in), "Fish &amp; chips &lt;cheap&gt; at \"Joe's\""; got != want {
		t.Fatalf("xmlText = %q, want %q", got, want)
	}
	if allocs := testing.AllocsPerRun(100, func() { xmlText(in) }); allocs > 2 {
		t.Errorf("%.0f allocations to escape a title, want at most 2", allocs)
	}
}

// TestTagTreeBeginAllocations: a document's structure elements become
// the tree's nodes in one array made at its size, not one grown an
// element at a time, each under its parent.
func TestTagTreeBeginAllocations(t *testing.T) {
	var s page.Structure
	art := s.Add("Art", 0)
	for range 1000 {
		s.Add("P", art)
	}
	var tr *tagTree
	allocs := testing.AllocsPerRun(20, func() {
		tr = newTagTree()
		tr.begin(s, "", false)
	})
	if len(tr.nodes) != len(s)+1 {
		t.Fatalf("%d nodes for %d elements and the document", len(tr.nodes), len(s))
	}
	if kids := tr.nodes[1].kids; len(kids) != 1000 || kids[0] != 2 || kids[999] != 1001 {
		t.Fatalf("the article's kids: %d, want the 1000 paragraphs in order", len(kids))
	}
	// the nodes and the article's kids, grown (it made 24, the nodes
	// grown too)
	if allocs > 16 {
		t.Errorf("%.0f allocations to begin a tree of %d elements, want at most 16", allocs, len(s))
	}
}

// TestWriteTaggedAllocations: writing a tagged document costs about
// three allocations a paragraph (its structure element's object text, its
// marked content), not a builder grown afresh and a string for every
// reference in the element's object (it was eight).
func TestWriteTaggedAllocations(t *testing.T) {
	sr := serif(t)
	doc := func(paragraphs int) *page.Document {
		var s page.Structure
		art := s.Add("Art", 0)
		var items []page.Item
		for k := range paragraphs {
			it := word(sr, 72, 72+float64(k%40)*12, "Word")
			it.Tag.Elem = s.Add("P", art)
			items = append(items, it)
		}
		return &page.Document{Info: page.Info{Title: "Tagged", Language: "en"}, Pages: []*page.Page{onePage(items...)}, Structure: s}
	}
	allocs := func(d *page.Document) float64 {
		return testing.AllocsPerRun(5, func() {
			if err := Write(context.Background(), io.Discard, d); err != nil {
				t.Fatal(err)
			}
		})
	}
	few, many := allocs(doc(100)), allocs(doc(400))
	if each := (many - few) / 300; each > 4 {
		t.Errorf("%.1f allocations a paragraph (%.0f for 100, %.0f for 400), want at most 4", each, few, many)
	}
}
