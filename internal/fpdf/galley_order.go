package fpdf

// Galley patch 19 (see PATCHES.md): a streamed document whose pages are
// added in one order and read in another, and whose ended pages take
// more content (page numbers known only at the end).

import (
	"cmp"
	"fmt"
	"slices"
)

// AppendToPage makes page n (1-based), which has ended, the current page
// again, for content drawn over what it has: the page ends the current
// one, and what is drawn until the next page is added or appended to, or
// the document is closed, is a further content stream of page n (its
// /Contents becomes an array). No font is selected. The graphics state
// is the one the page's content left, which fpdf does not know: the
// caller sets the colours and line width it draws with before it draws.
// Only a streamed document's pages can be appended to.
func (f *Fpdf) AppendToPage(n int) {
	if f.err != nil {
		return
	}
	if f.stream == nil {
		f.err = fmt.Errorf("AppendToPage needs a streamed document")
		return
	}
	if n < 1 || n >= len(f.pages) {
		f.err = fmt.Errorf("AppendToPage: no page %d", n)
		return
	}
	if f.state == 2 {
		f.endpage()
	}
	f.page = n
	f.pages[n] = newBuffer(&pageBuffers) // galley patch 33
	f.state = 2
	f.fontFamily = ""
	size, ok := f.pageSizes[n] // in points, for pages not of the default size
	if !ok {
		size = SizeType{Wd: f.defPageSize.Wd * f.k, Ht: f.defPageSize.Ht * f.k}
	}
	f.curOrientation = "P"
	f.wPt, f.hPt = size.Wd, size.Ht
	f.w, f.h = size.Wd/f.k, size.Ht/f.k
	f.curPageSize = SizeType{Wd: f.w, Ht: f.h}
	f.pageBreakTrigger = f.h - f.bMargin
	f.color.draw = f.rgbColorValue(0, 0, 0, "G", "RG")
	f.color.fill = f.rgbColorValue(0, 0, 0, "g", "rg")
	f.color.text = f.rgbColorValue(0, 0, 0, "g", "rg")
	f.colorFlag = false
}

// SetPageOrder gives the order in which a streamed document's pages are
// read (the /Kids of its page tree): order lists every page number
// (1-based) once. Without it, pages are read in the order they were
// added. Links, outline entries and the open action name pages by the
// number they were added under.
func (f *Fpdf) SetPageOrder(order []int) {
	if f.err != nil {
		return
	}
	if f.stream == nil {
		f.err = fmt.Errorf("SetPageOrder needs a streamed document")
		return
	}
	f.stream.order = append([]int(nil), order...)
}

// BookmarkOnPage is Bookmark for page n (1-based), which may have
// ended: its entry points at y on that page, in user units from the top.
// Entries are nested in the order they are made, whatever their pages.
func (f *Fpdf) BookmarkOnPage(txtStr string, level int, y float64, n int) {
	if f.err != nil {
		return
	}
	if n < 1 || n >= len(f.pages) {
		f.err = fmt.Errorf("BookmarkOnPage: no page %d", n)
		return
	}
	if f.isCurrentUTF8 {
		txtStr = utf8toutf16(txtStr)
	}
	h := f.defPageSize.Ht
	if size, ok := f.pageSizes[n]; ok {
		h = size.Ht / f.k
	}
	f.outlines = append(f.outlines, outlineType{text: txtStr, level: level, y: y, p: n, h: h, prev: -1, last: -1, next: -1, first: -1})
}

// pageOrder returns the order of the nb pages in the page tree, checking
// that a given order lists each page once.
func (f *Fpdf) pageOrder(nb int) []int {
	if f.stream != nil && f.stream.order != nil {
		seen := make([]bool, nb+1)
		for _, n := range f.stream.order {
			if n < 1 || n > nb || seen[n] {
				f.err = fmt.Errorf("page order: page %d is not a page, or is listed twice", n)
				return nil
			}
			seen[n] = true
		}
		if len(f.stream.order) != nb {
			f.err = fmt.Errorf("page order: %d pages listed of %d", len(f.stream.order), nb)
			return nil
		}
		return f.stream.order
	}
	order := make([]int, nb)
	for i := range order {
		order[i] = i + 1
	}
	return order
}

// firstPage is the number of the page read first, for the open action.
func (f *Fpdf) firstPage() int {
	if f.stream != nil && len(f.stream.order) > 0 {
		return f.stream.order[0]
	}
	return 1
}

// pageContents writes the /Contents entry of streamed page n: its content
// stream, or the array of its streams when content was appended to it.
// Pages are written in order, and more is sorted by page first.
func (f *Fpdf) pageContents(n int) {
	if n == 1 {
		slices.SortStableFunc(f.stream.more, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	}
	more := f.stream.more
	for len(more) > 0 && more[0][0] < n {
		more = more[1:]
	}
	if len(more) == 0 || more[0][0] != n {
		f.stream.more = more
		f.outf("/Contents %d 0 R>>", f.stream.contents[n])
		return
	}
	var b fmtBuffer
	b.printf("/Contents [%d 0 R", f.stream.contents[n])
	for len(more) > 0 && more[0][0] == n {
		b.printf(" %d 0 R", more[0][1])
		more = more[1:]
	}
	b.printf("]>>")
	f.out(b.String())
	f.stream.more = more
}
