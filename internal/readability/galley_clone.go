package readability

import (
	"golang.org/x/net/html"

	"github.com/galleyprint/galley/internal/htmlclone"
)

// galley patch: grabArticle copies the whole document before each pass
// (a pass that finds too little text starts again from the copy), and
// dom.Clone allocated every node and every attribute list on its own.
// cloneTree makes the same copy in two allocations.
//
// galley patch: the first pass nearly always finds enough text, so a
// copy made for it was nearly always wasted. When the caller can give
// the document again (Parser.Reread), the first pass works on the
// document itself, and a second pass starts from the document read again
// and prepared again; and the last pass, after which none can follow,
// works on the document itself in any case. passDocument chooses.

// cloneTree returns a deep copy of src as dom.Clone(src, true) makes it:
// each node's Type, DataAtom, Data and attributes (not its Namespace),
// linked as the original. The copies' nodes share one array and their
// attribute lists another, each list capped at its length so that adding
// an attribute to one copies it rather than overwrite its neighbour's.
func cloneTree(src *html.Node) *html.Node {
	return htmlclone.Tree(src, htmlclone.Options{})
}

// passDocument returns the document pass number pass of grabArticle
// works on: ps.doc itself when no later pass will need it as it is now
// (the caller can read it again, or no pass can follow this one), else
// a copy; and the number of its text nodes when it counted them (0 for a
// copy). It returns nil when the document could not be read again.
func (ps *Parser) passDocument(pass int) (doc *html.Node, textNodes int) {
	lastPass := !ps.flags.stripUnlikelys && !ps.flags.useWeightClasses && !ps.flags.cleanConditionally
	switch {
	case pass == 1 && ps.Reread != nil:
		// the later passes start from the document read again
	case pass == 2 && ps.Reread != nil:
		// the first pass changed ps.doc
		again := ps.Reread()
		if again == nil {
			return nil, 0
		}
		ps.doc = again
		ps.unwrapNoscriptImages(ps.doc)
		ps.removeScripts(ps.doc)
		ps.prepDocument()
		if !lastPass {
			return cloneTree(ps.doc), 0
		}
	case !lastPass:
		return cloneTree(ps.doc), 0
	}
	return ps.doc, asCopied(ps.doc)
}

// asCopied leaves the tree under n as cloneTree would copy it, so that a
// pass works alike on the document and on a copy: no node keeps its
// Namespace, and every attribute list is non-nil and capped at its
// length. It returns the number of text nodes in the tree.
func asCopied(n *html.Node) (textNodes int) {
	if n.Type == html.TextNode {
		textNodes++
	}
	n.Namespace = ""
	if n.Attr == nil {
		n.Attr = []html.Attribute{}
	} else {
		n.Attr = n.Attr[:len(n.Attr):len(n.Attr)]
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		textNodes += asCopied(ch)
	}
	return textNodes
}
