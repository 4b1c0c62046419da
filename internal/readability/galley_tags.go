package readability

import (
	"slices"

	"golang.org/x/net/html"
)

// galley patch: getAllNodesWithTag walked the tree once per tag name
// (six times for an article's media); elementsWithTags walks it once,
// listing each element under its name, and joins the lists in the order
// of the names, as the walks did.

// elementsWithTags returns the elements under root (not root itself) of
// each of tagNames in turn, each list in document order: what
// dom.GetElementsByTagName gives for each name, joined.
func elementsWithTags(root *html.Node, tagNames []string) []*html.Node {
	if len(tagNames) == 1 {
		return getElementsByTagName(root, tagNames[0])
	}
	lists := make([][]*html.Node, len(tagNames))
	for n := root.FirstChild; n != nil; n = nextInside(n, root) {
		if n.Type == html.ElementNode {
			for i, name := range tagNames {
				if name == "*" || n.Data == name {
					lists[i] = append(lists[i], n)
				}
			}
		}
	}
	total := 0
	for _, l := range lists {
		total += len(l)
	}
	result := make([]*html.Node, 0, total)
	for _, l := range lists {
		result = append(result, l...)
	}
	return result
}

// galley patch: dom.GetElementsByTagName walks the tree with a recursive
// closure, a call for each node; the walks of a page's elements by name
// (a score of them for each pass over the article, several over the whole
// page) were a fiftieth of the instructions of reading it.

// getElementsByTagName returns the elements under root (not root itself)
// named tagName ("*": all of them), in document order: what
// dom.GetElementsByTagName returns, found without a call for each node.
func getElementsByTagName(root *html.Node, tagName string) []*html.Node {
	var found []*html.Node
	for n := root.FirstChild; n != nil; n = nextInside(n, root) {
		if n.Type == html.ElementNode && (tagName == "*" || n.Data == tagName) {
			found = append(found, n)
		}
	}
	return found
}

// nextInside returns the node after n in document order, nil past the
// last node inside root (n is inside root).
func nextInside(n, root *html.Node) *html.Node {
	if n.FirstChild != nil {
		return n.FirstChild
	}
	for ; n != root; n = n.Parent {
		if n.NextSibling != nil {
			return n.NextSibling
		}
	}
	return nil
}

// galley patch: getJSONLD compiled the selector
// script[type="application/ld+json"] (cascadia) for each page and
// matched it against every node.

// jsonLDScripts returns the <script> elements under doc whose type is
// application/ld+json (to the letter, as cascadia compares it), in
// document order: what the selector finds.
func jsonLDScripts(doc *html.Node) []*html.Node {
	var found []*html.Node
	for _, script := range getElementsByTagName(doc, "script") {
		for _, a := range script.Attr {
			if a.Key == "type" && a.Val == "application/ld+json" {
				found = append(found, script)
				break
			}
		}
	}
	return found
}

// galley patch: prepArticle cleaned the article of five names of element
// one after the other (clean), each with a walk of the whole article.

// cleanTags is clean(node, tag) for each of tags in turn, the elements of
// every name listed in one walk before any is removed: the lists also
// hold the elements inside those that the cleaning of an earlier name
// removes, whose removal from what was removed changes nothing under node
// (isVideoEmbed reads only the element it is given).
func (ps *Parser) cleanTags(node *html.Node, tags ...string) {
	lists := make([][]*html.Node, len(tags))
	for n := node.FirstChild; n != nil; n = nextInside(n, node) {
		if n.Type == html.ElementNode {
			if i := slices.Index(tags, n.Data); i >= 0 {
				lists[i] = append(lists[i], n)
			}
		}
	}
	for _, list := range lists {
		ps.removeNodes(list, func(element *html.Node) bool {
			return !ps.isVideoEmbed(element)
		})
	}
}
