package layout

import (
	"strconv"
	"strings"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/theme"
)

// pageText holds the values of the running head's and footer's
// placeholders that come from the article.
type pageText struct {
	title, site, author, date string
}

func pageTextOf(a *article.Article) pageText {
	v := pageText{title: a.Title, site: siteName(a), author: a.Byline()}
	if a.Published != nil {
		v.date = formatDate(*a.Published, false)
	}
	return v
}

// RunningText is what the running head and footer of an article's pages
// say of it.
type RunningText struct{ Title, Site, Author, Date string }

// RunningTextOf returns what the running head and footer of a's pages
// say of it.
func RunningTextOf(a *article.Article) RunningText {
	v := pageTextOf(a)
	return RunningText{Title: v.title, Site: v.site, Author: v.author, Date: v.date}
}

// The parts of the furniture furnishPage sets.
const (
	unnumbered = 1 << iota // the sides that show no page number
	numbered               // the sides that show a page number or count
)

// furnish adds the theme's running head (by default title and site, from
// the second page, over a hairline) and footer (the folio "n / N")
// to every page; with opts.Folio.Late, only the sides that show no page
// number. The running head needs a title. In columns, each side of the
// head and footer keeps within the outer column it stands over, so that
// no line of it ends in the gap between two columns, where it would read
// as a line run past its column.
func furnish(doc *page.Document, v pageText, s *shaper, th *scheme, opts Options) {
	n := len(doc.Pages)
	parts := unnumbered | numbered
	if opts.Folio.Late {
		parts = unnumbered
	}
	for i, p := range doc.Pages {
		num, total := opts.Folio.number(i, n)
		p.Items = append(p.Items, furnishPage(p.Size, i, num, total, v, s, th, opts, parts)...)
	}
}

// furnishPage returns the items of the parts of page i's furniture, for
// page number num of total.
func furnishPage(size page.Size, i, num, total int, v pageText, s *shaper, th *scheme, opts Options, parts int) []page.Item {
	m := opts.Margins
	left, right := pageEdges(opts, i)
	W := right - left
	side := func(share page.Unit) page.Unit { // the widest a side may be: share% of W
		w := W * share / 100
		if cols := page.Unit(max(opts.Columns, 1)); cols > 1 {
			w = min(w, (W-(cols-1)*th.body.size*3/2)/cols)
		}
		return w
	}
	vars := map[string]string{"title": v.title, "site": v.site, "author": v.author, "date": v.date,
		"page": strconv.Itoa(num), "pages": strconv.Itoa(total)}
	var items []page.Item
	// set sets a side from its template, when it is of the parts wanted
	set := func(tmpl, text string, t textStyle, x, base, width page.Unit, align alignment) {
		part := unnumbered
		if strings.Contains(tmpl, "{page}") || strings.Contains(tmpl, "{pages}") {
			part = numbered
		}
		if text != "" && parts&part != 0 {
			items = append(items, s.furnitureItems(fitText(s, text, t.run(), width), t.run(), x, base, align)...)
		}
	}
	if i > 0 && v.title != "" && !opts.NoHeader {
		t := th.header
		base := m.Top * 55 / 100
		lt, rt := th.header0.Left, th.header0.Right
		if opts.Mirror && i%2 == 1 {
			lt, rt = rt, lt // the outside edge is on the left of a left-hand page
		}
		l, r := theme.Expand(lt, vars), theme.Expand(rt, vars)
		set(lt, l, t, left, base, side(60), alignLeft)
		set(rt, r, t, right, base, side(35), alignRight)
		if (l != "" || r != "") && parts&unnumbered != 0 {
			items = append(items, page.Item{Kind: page.ItemLine, X: left, Y: base + page.Pt(4), W: W, Stroke: th.rule / 2, Color: th.hairline, Role: page.RoleFurniture})
		}
	}
	if opts.NoFooter {
		return items
	}
	t := th.footer
	base := size.H - m.Bottom*45/100
	lt, rt := th.footer0.Left, th.footer0.Right
	if opts.Mirror && i%2 == 1 {
		lt, rt = rt, lt // the folio on the outside
	}
	set(lt, theme.Expand(lt, vars), t, left, base, side(50), alignLeft)
	set(rt, theme.Expand(rt, vars), t, right, base, side(45), alignRight)
	return items
}

// furnitureKey is what the items of a side of a page's furniture
// depend on.
type furnitureKey struct {
	text    string
	rs      runStyle
	x, base page.Unit
	align   alignment
}

// maxFurniture is the most sides of furniture a shaper keeps the items
// of.
const maxFurniture = 64

// furnitureItems returns textItems(s, text, rs, x, base, align), which
// the caller copies and must not change: the running head and most
// footers are the same on every page (or every other), and were shaped
// and set again on each.
func (s *shaper) furnitureItems(text string, rs runStyle, x, base page.Unit, align alignment) []page.Item {
	k := furnitureKey{text, rs, x, base, align}
	if items, ok := s.furniture[k]; ok {
		return items
	}
	items := textItems(s, text, rs, x, base, align)
	if s.furniture == nil || len(s.furniture) >= maxFurniture {
		s.furniture = map[furnitureKey][]page.Item{}
	}
	s.furniture[k] = items
	return items
}

// A FolioSetter sets the parts of a book's running heads and footers that
// Folio.Late left out, once the page numbers are known.
type FolioSetter struct {
	s    *shaper
	th   *scheme
	opts Options
}

// NewFolioSetter returns a FolioSetter for pages laid out with opts.
func NewFolioSetter(opts Options) (*FolioSetter, error) {
	f, opts, err := newFlow(opts)
	if err != nil {
		return nil, err
	}
	return &FolioSetter{s: f.s, th: f.th, opts: opts}, nil
}

// Items returns the items Folio.Late left out of page i of an article
// (counted from 0 in the article) whose running text is rt, on a page of
// the given size printed as page num of total.
func (fs *FolioSetter) Items(rt RunningText, size page.Size, i, num, total int) []page.Item {
	v := pageText{title: rt.Title, site: rt.Site, author: rt.Author, date: rt.Date}
	return furnishPage(size, i, num, total, v, fs.s, fs.th, fs.opts, numbered)
}
