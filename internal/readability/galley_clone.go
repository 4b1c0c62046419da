package readability

import "golang.org/x/net/html"

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
		k := copy(attrSlab, n.Attr)
		c.Attr = attrSlab[:k:k]
		attrSlab = attrSlab[k:]
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
