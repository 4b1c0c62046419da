package pdf

import "github.com/galleyprint/galley/page"

// linkRun is a run of link items written as one annotation: at is the
// index of its first item, item the link with the run's rectangle.
type linkRun struct {
	at   int
	item page.Item
}

// linkRuns returns the link annotations to write for the items of a page:
// layout gives a link a rectangle per word, and the words of one link on
// one line (the same address, baseline and height, each within a line
// height of the one before) become one rectangle, written where the
// run's first item is. The runs are appended to runs (a buffer reused from
// page to page) in the order of their first items; a link item that
// begins none continues the run before it and is skipped. A third of the
// annotations of a book of blog posts, and most of its page objects'
// bytes, were rectangles continuing the one before.
func linkRuns(items []page.Item, runs []linkRun) []linkRun {
	runs = runs[:0]
	for k := range items {
		it := &items[k]
		if it.Kind != page.ItemLink {
			continue
		}
		if n := len(runs); n > 0 {
			r := &runs[n-1].item
			if r.URL() == it.URL() && r.Y == it.Y && r.H == it.H && r.W >= 0 && it.W >= 0 &&
				it.X <= r.X+r.W+r.H && it.X+it.W >= r.X-r.H {
				x0, x1 := min(r.X, it.X), max(r.X+r.W, it.X+it.W)
				r.X, r.W = x0, x1-x0
				continue
			}
		}
		runs = append(runs, linkRun{at: k, item: *it})
	}
	return runs
}
