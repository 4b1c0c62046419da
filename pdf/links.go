package pdf

import "github.com/galleyprint/galley/page"

// linkRuns returns the link annotations to write for the items of a page:
// layout gives a link a rectangle per word, and the words of one link on
// one line (the same address, baseline and height, each within a line
// height of the one before) become one rectangle, written where the
// run's first item is. runs[k] is the rectangle for item k when it starts
// a run; skip[k] is set for the other items of a run. A third of the
// annotations of a book of blog posts, and most of its page objects'
// bytes, were rectangles continuing the one before.
func linkRuns(items []page.Item) (runs map[int]page.Item, skip map[int]bool) {
	last := -1 // index of the run being extended, or -1
	for k := range items {
		it := &items[k]
		if it.Kind != page.ItemLink {
			continue
		}
		if last >= 0 {
			r := runs[last]
			if r.URL() == it.URL() && r.Y == it.Y && r.H == it.H && r.W >= 0 && it.W >= 0 &&
				it.X <= r.X+r.W+r.H && it.X+it.W >= r.X-r.H {
				x0, x1 := min(r.X, it.X), max(r.X+r.W, it.X+it.W)
				r.X, r.W = x0, x1-x0
				runs[last] = r
				if skip == nil {
					skip = map[int]bool{}
				}
				skip[k] = true
				continue
			}
		}
		if runs == nil {
			runs = map[int]page.Item{}
		}
		runs[k] = *it
		last = k
	}
	return runs, skip
}
