package layout

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/galleyprint/galley/page"
)

// TestContentsParts: the contents laid out in parts are the contents laid
// out whole, page for page and link for link, whatever the number of
// entries (none, under a part, a few parts, entries of one, two and three
// lines and none at all), and no part holds more than contentsPart entries.
func TestContentsParts(t *testing.T) {
	opts := Options{Page: page.Size{W: page.Pt(595), H: page.Pt(842)}}
	for _, n := range []int{0, 1, 40, contentsPart, contentsPart + 1, 3*contentsPart + 17} {
		var es []ContentsEntry
		for i := range n {
			e := ContentsEntry{Title: fmt.Sprintf("Article number %d", i), Detail: "1 January 2020", Page: i + 3}
			switch i % 7 {
			case 3:
				e.Title = strings.Repeat("a long title of many words ", 4+i%3)
			case 5:
				e.Detail = ""
			case 6:
				e.Title, e.Detail = "", "" // nothing to print
			}
			es = append(es, e)
		}
		whole, wholeLinks, err := Contents("Contents", es, opts)
		if err != nil {
			t.Fatal(err)
		}
		var pages []*page.Page
		var links []ContentsLink
		parts := 0
		err = ContentsParts("Contents", es, opts, func(part *page.Document, first int, ls []ContentsLink) error {
			if first != len(pages) {
				t.Errorf("%d entries: part %d begins at page %d, want %d", n, parts, first, len(pages))
			}
			for _, l := range ls {
				l.Page += first
				links = append(links, l)
			}
			pages = append(pages, part.Pages...)
			parts++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if want := max(1, (n+contentsPart-1)/contentsPart); parts < want {
			t.Errorf("%d entries in %d parts, want at least %d", n, parts, want)
		}
		if len(pages) != len(whole.Pages) {
			t.Fatalf("%d entries: %d pages in parts, %d whole", n, len(pages), len(whole.Pages))
		}
		// element numbers are each document's own: the items are equal
		// but for them
		noElems := func(items []page.Item) []page.Item {
			items = slices.Clone(items)
			for k := range items {
				items[k].Tag.Elem = 0
			}
			return items
		}
		for i := range pages {
			if !reflect.DeepEqual(noElems(pages[i].Items), noElems(whole.Pages[i].Items)) {
				t.Errorf("%d entries: page %d differs", n, i)
			}
		}
		if (len(links) > 0 || len(wholeLinks) > 0) && !reflect.DeepEqual(links, wholeLinks) {
			t.Errorf("%d entries: links differ\n%v\n%v", n, links, wholeLinks)
		}
	}
}
