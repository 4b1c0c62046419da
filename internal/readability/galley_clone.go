package readability

import (
	"golang.org/x/net/html"

	"github.com/galleyprint/galley/internal/htmlclone"
)

// galley patch: grabArticle copies the whole document before each pass
// (a pass that finds too little text starts again from the copy), and
// dom.Clone allocated every node and every attribute list on its own.
// cloneTree makes the same copy in two allocations.

// cloneTree returns a deep copy of src as dom.Clone(src, true) makes it:
// each node's Type, DataAtom, Data and attributes (not its Namespace),
// linked as the original. The copies' nodes share one array and their
// attribute lists another, each list capped at its length so that adding
// an attribute to one copies it rather than overwrite its neighbour's.
func cloneTree(src *html.Node) *html.Node {
	return htmlclone.Tree(src, htmlclone.Options{})
}
