package readability

import (
	"github.com/go-shiori/dom"
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
		return dom.GetElementsByTagName(root, tagNames[0])
	}
	lists := make([][]*html.Node, len(tagNames))
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type == html.ElementNode {
				for i, name := range tagNames {
					if name == "*" || ch.Data == name {
						lists[i] = append(lists[i], ch)
					}
				}
			}
			walk(ch)
		}
	}
	walk(root)
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
