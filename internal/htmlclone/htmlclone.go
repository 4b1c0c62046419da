// Package htmlclone copies HTML trees in two allocations: the copies'
// nodes share one array and their attribute lists another, where a
// node-by-node copy allocates twice per node.
package htmlclone

import "golang.org/x/net/html"

// Options says what Tree copies beyond each node's Type, DataAtom, Data
// and attributes.
type Options struct {
	// Namespace copies each node's Namespace too (dom.Clone leaves it
	// out).
	Namespace bool
	// NilAttr leaves a node with a nil attribute list a nil list, as
	// slices.Clone does; without it every copy gets a non-nil list.
	NilAttr bool
}

// Tree returns a deep copy of src, linked as the original. Each copy's
// attribute list is capped at its length, so that adding an attribute
// to one copies the list rather than overwrite its neighbour's.
func Tree(src *html.Node, o Options) *html.Node {
	nodes, attrs := 0, 0
	var count func(*html.Node)
	count = func(n *html.Node) {
		nodes++
		attrs += len(n.Attr)
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			count(ch)
		}
	}
	count(src)
	nodeSlab := make([]html.Node, nodes)
	attrSlab := make([]html.Attribute, attrs)
	var clone func(*html.Node) *html.Node
	clone = func(n *html.Node) *html.Node {
		c := &nodeSlab[0]
		nodeSlab = nodeSlab[1:]
		c.Type, c.DataAtom, c.Data = n.Type, n.DataAtom, n.Data
		if o.Namespace {
			c.Namespace = n.Namespace
		}
		if n.Attr != nil || !o.NilAttr {
			k := copy(attrSlab, n.Attr)
			c.Attr = attrSlab[:k:k]
			attrSlab = attrSlab[k:]
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			cc := clone(ch)
			cc.Parent = c
			if c.LastChild == nil {
				c.FirstChild = cc
			} else {
				cc.PrevSibling = c.LastChild
				c.LastChild.NextSibling = cc
			}
			c.LastChild = cc
		}
		return c
	}
	return clone(src)
}
