package layout

import (
	"strconv"
	"strings"

	"github.com/galleyprint/galley/article"
)

// LinkStyle is how link addresses are printed: paper cannot be clicked.
type LinkStyle string

// The link styles.
const (
	LinksOff      LinkStyle = ""         // the link text only (the PDF keeps the link)
	LinksInline   LinkStyle = "inline"   // the address in parentheses after the link text
	LinksEndnotes LinkStyle = "endnotes" // a numbered marker, the addresses listed at the article's end
	// a numbered marker, the address at the foot of the marker's page
	LinksFootnotes LinkStyle = "footnotes"
)

// printedURL is how an address is printed: without http(s):// (it is a
// web address on paper) and without a trailing slash.
func printedURL(link string) string {
	u := strings.TrimPrefix(strings.TrimPrefix(link, "https://"), "http://")
	return strings.TrimSuffix(u, "/")
}

// maxPrintedURL is the most of an address printed: past it, the middle
// gives way to an ellipsis (the PDF's link keeps the whole address). No
// reader types out a longer one, and a footnote must fit its column.
const maxPrintedURL = 100

// shownURL is an address as printed in the text or a note: printedURL,
// mailto: left out, the middle of a very long one cut.
func shownURL(link string) string {
	u := []rune(strings.TrimPrefix(printedURL(link), "mailto:"))
	if len(u) <= maxPrintedURL {
		return string(u)
	}
	head := maxPrintedURL * 6 / 10
	return string(u[:head]) + "…" + string(u[len(u)-(maxPrintedURL-head-1):])
}

// printable reports links worth printing: web and mail addresses, not
// anchors within the page or scripts.
func printable(link string) bool {
	l := strings.ToLower(link)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "mailto:")
}

// withLinks returns a copy of a whose links are printed as mode asks.
// A link whose text is its own address is left as it is. For footnotes it
// returns the addresses too, numbered from 1: each is printed at the foot
// of every page its marker is on.
func withLinks(a *article.Article, mode LinkStyle) (*article.Article, []string) {
	if mode == LinksOff {
		return a, nil
	}
	numbers := map[string]int{} // endnote of each address
	var order []string
	out := mapTexts(a, func(t article.Text) article.Text {
		var res article.Text
		for i, in := range t {
			res = append(res, in)
			last := i+1 == len(t) || t[i+1].Link != in.Link
			if in.Link == "" || !last || !printable(in.Link) || in.Code {
				continue
			}
			shown := printedURL(in.Link)
			if strings.Contains(printedURL(strings.TrimSpace(linkText(t, i))), shown) {
				continue // the text is the address
			}
			switch mode {
			case LinksInline:
				res = append(res, article.Inline{Text: " (" + shownURL(in.Link) + ")", Link: in.Link, Italic: in.Italic})
			case LinksEndnotes, LinksFootnotes:
				n, ok := numbers[in.Link]
				if !ok {
					order = append(order, in.Link)
					n = len(order)
					numbers[in.Link] = n
				}
				res = append(res, article.Inline{Text: strconv.Itoa(n), Sup: true, Link: in.Link})
			}
		}
		return res
	})
	if mode == LinksEndnotes && len(order) > 0 {
		list := article.Block{Kind: article.KindList, Ordered: true, Start: 1}
		for _, link := range order {
			list.Items = append(list.Items, article.ListItem{Blocks: []article.Block{{Kind: article.KindParagraph,
				Text: article.Text{{Text: shownURL(link), Link: link}}}}})
		}
		out.Body = append(out.Body, article.Block{Kind: article.KindHeading, Level: 2, Text: article.Plain("Links")}, list)
	}
	if mode == LinksFootnotes {
		return out, order
	}
	return out, nil
}

// linkText is the text of the link whose last run is t[i].
func linkText(t article.Text, i int) string {
	j := i
	for j > 0 && t[j-1].Link == t[i].Link {
		j--
	}
	var b strings.Builder
	for _, in := range t[j : i+1] {
		b.WriteString(in.Text)
	}
	return b.String()
}
