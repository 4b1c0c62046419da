package pdf

import (
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
