package readability

import "golang.org/x/net/html"

// galley patch: ParseAndMutate listed every element of the page
// (dom.GetElementsByTagName(doc, "*")) to count them.

// countElements returns the number of elements under doc (doc itself not
// counted), counting no further than one past bound.
func countElements(doc *html.Node, bound int) int {
	n := 0
	var walk func(*html.Node)
	walk = func(p *html.Node) {
		for ch := p.FirstChild; ch != nil && n <= bound; ch = ch.NextSibling {
			if ch.Type == html.ElementNode {
				n++
			}
			walk(ch)
		}
	}
	walk(doc)
	return n
}
