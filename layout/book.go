package layout

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/page"
)

// Cover describes a book's cover page.
type Cover struct {
	Title    string    // the collection's title
	Subtitle string    // e.g. the site or the archive's description
	From, To time.Time // the dates of the oldest and newest articles
	Articles int
	Pages    int // the book's page count, when known
}

// CoverPage lays out a book's cover: the collection title over a double
// rule, its subtitle, the date range and the number of articles.
func CoverPage(c Cover, opts Options) (*page.Document, error) {
	f, opts, err := newFlow(opts)
	if err != nil {
		return nil, err
	}
	th := f.th
	f.push(vbox{h: f.frameH / 4, kind: page.RoleTitle})
	f.push(vbox{h: page.Pt(6), kind: page.RoleTitle, items: []page.Item{
		{Kind: page.ItemLine, X: 0, Y: page.Pt(1), W: f.w, Stroke: page.Pt(2), Color: page.Black},
		{Kind: page.ItemLine, X: 0, Y: page.Pt(5), W: f.w, Stroke: page.Pt(0.5), Color: page.Black},
	}})
	f.space(page.Pt(24))
	big := th.headline
	big.size, big.leading = big.size*3/2, big.leading*3/2
	h1 := f.openElem("H1")
	f.balanced(f.s.plain(cmp.Or(c.Title, "Collected articles"), big.run()), big)
	f.closeElem(h1)
	if c.Subtitle != "" {
		f.space(page.Pt(12))
		p := f.openElem("P")
		f.balanced(f.s.plain(c.Subtitle, th.dek.run()), th.dek)
		f.closeElem(p)
	}
	f.space(page.Pt(24))
	var facts []string
	if !c.From.IsZero() {
		r := formatDate(dateOnly(c.From), false)
		if !c.To.IsZero() && !sameDay(c.From, c.To) {
			r += " – " + formatDate(dateOnly(c.To), false)
		}
		facts = append(facts, r)
	}
	if c.Articles > 0 {
		facts = append(facts, plural(c.Articles, "article"))
	}
	if c.Pages > 0 {
		facts = append(facts, plural(c.Pages, "page"))
	}
	if len(facts) > 0 {
		t := th.byline
		t.size, t.leading = page.Pt(11), page.Pt(15)
		p := f.openElem("P")
		f.setParagraph(f.s.plain(strings.Join(facts, " · "), t.run()), t, alignLeft, 0, true, page.RoleTitle)
		f.closeElem(p)
	}
	doc, err := f.document(opts, page.Info{Title: c.Title, Created: opts.Created})
	if doc != nil {
		doc.Structure = f.tags.s
	}
	return doc, err
}

// ContentsEntry is one line of a table of contents.
type ContentsEntry struct {
	Title  string
	Detail string // date and author, printed small under the title
	Page   int    // the printed page number
}

// ContentsLink is the area of a contents entry, to link to its article.
type ContentsLink struct {
	Entry int // index into the entries
	Page  int // page of the contents document
	X, Y  page.Unit
	W, H  page.Unit
}

// maxPageDigits reserves room for page numbers up to 99,999, so that the
// contents take the same pages whatever the numbers are (the book is laid
// out before its page numbers are known).
const maxPageDigits = 5

// Contents lays out a table of contents: a heading, then each entry's
// title with a dot leader to its page number, and its detail line. It
// returns each entry's area for links. The page count does not depend on
// the page numbers.
func Contents(heading string, entries []ContentsEntry, opts Options) (*page.Document, []ContentsLink, error) {
	return contents(heading, true, entries, opts)
}

// contentsPart is the number of entries ContentsParts lays out at once.
const contentsPart = 256

// ContentsParts lays out the table of contents Contents does, in parts of
// whole pages, so that the contents of a long book are never held at
// once: it hands emit each part in order, with the index of its first
// page in the contents and the links on its pages (their Page counted in
// the part, their Entry in entries).
func ContentsParts(heading string, entries []ContentsEntry, opts Options, emit func(part *page.Document, first int, links []ContentsLink) error) error {
	pages := 0
	for start := 0; ; {
		end := min(start+contentsPart, len(entries))
		doc, links, err := contents(heading, start == 0, entries[start:end], opts)
		if err != nil {
			return err
		}
		if last := len(doc.Pages) - 1; end < len(entries) && last > 0 {
			// the last page has room for more: its entries begin the next
			// part, which starts on a new page as they did here
			next := -1
			for _, l := range links {
				if l.Page == last && (next < 0 || l.Entry < next) {
					next = l.Entry
				}
			}
			if next > 0 {
				doc.Pages = doc.Pages[:last]
				links = slices.DeleteFunc(links, func(l ContentsLink) bool { return l.Page == last })
				end = start + next
			}
		}
		for i := range links {
			links[i].Entry += start
		}
		if err := emit(doc, pages, links); err != nil {
			return err
		}
		pages += len(doc.Pages)
		if start = end; start >= len(entries) {
			return nil
		}
	}
}

// contents lays out entries as Contents does, under the heading when
// withHeading is set (the first part of the contents).
func contents(heading string, withHeading bool, entries []ContentsEntry, opts Options) (*page.Document, []ContentsLink, error) {
	f, opts, err := newFlow(opts)
	if err != nil {
		return nil, nil, err
	}
	th := f.th
	if withHeading {
		h := th.headings[2]
		h.size, h.leading = page.Pt(18), page.Pt(24)
		h1 := f.openElem("H1")
		f.setParagraph(f.s.plain(cmp.Or(heading, "Contents"), h.run()), h, alignLeft, 0, true, page.RoleHeading)
		f.closeElem(h1)
		f.space(page.Pt(10))
	}
	toc := f.openElem("TOC")

	t := th.body
	t.size, t.leading = page.Pt(10), page.Pt(13)
	d := th.dateline
	d.leading = page.Pt(11)
	num := f.s.plain(strings.Repeat("0", maxPageDigits), t.run())
	numW := page.Unit(0)
	for _, e := range num {
		numW += e.w
	}
	gap := page.Pt(10)
	first := make([]int, len(entries)) // the first box of each entry
	saved := f.w
	// an entry stands at the left, its page number at the right, whatever
	// its script
	f.dir = article.DirLTR
	for i, e := range entries {
		f.space(page.Pt(5))
		first[i] = len(f.boxes)
		f.w = saved - numW - gap
		start := len(f.boxes)
		toci := f.openElem("TOCI")
		title := f.openElem("P")
		f.setParagraph(f.s.plain(e.Title, t.run()), t, alignLeft, 0, true, page.RoleBody)
		f.closeElem(title)
		if e.Detail != "" {
			p := f.openElem("P")
			f.setParagraph(f.s.plain(e.Detail, d.run()), d, alignLeft, 0, true, page.RoleBody)
			f.closeElem(p)
		}
		f.closeElem(toci)
		f.w = saved
		if len(f.boxes) == start {
			continue
		}
		f.boxes[len(f.boxes)-1].keep = false
		// the page number, right-aligned, on the title's first line
		b := &f.boxes[start]
		numText := strconv.Itoa(e.Page)
		for _, it := range textItems(f.s, numText, t.run(), saved, b.baseline, alignRight) {
			it.Role = page.RoleBody
			it.Tag = page.Tag{Elem: title}
			b.items = append(b.items, it)
		}
		// a dot leader from the end of the title's first line
		end := page.Unit(0)
		for _, it := range b.items {
			if it.Kind == page.ItemText && it.X+it.W > end && it.X+it.W < saved-numW {
				end = it.X + it.W
			}
		}
		if dots := leader(f.s, t.run(), end+page.Pt(6), saved-fragsWidth(f.s.frags(numText, t.run()))-page.Pt(6)); dots != "" {
			dotted := oneItem(textItems(f.s, dots, t.run(), saved-fragsWidth(f.s.frags(numText, t.run()))-page.Pt(6), b.baseline, alignRight), dots)
			for k := range dotted {
				dotted[k].Tag = page.Tag{Artifact: true} // a leader is for the eye
			}
			b.items = append(b.items, dotted...)
		}
	}
	f.closeElem(toc)
	doc, err := f.document(opts, page.Info{Title: heading, Created: opts.Created})
	if err != nil {
		return nil, nil, err
	}
	doc.Structure = f.tags.s
	// the entries' areas, from where pagination put their boxes
	links := make([]ContentsLink, 0, len(entries))
	boxPage, boxTop := f.placements(opts)
	for i := range entries {
		j := first[i]
		if j >= len(f.boxes) || (i+1 < len(entries) && first[i+1] == j) {
			continue
		}
		last := len(f.boxes) - 1
		if i+1 < len(entries) {
			last = first[i+1] - 1
		}
		y0 := boxTop[j]
		y1 := boxTop[last] + f.boxes[last].h
		if boxPage[last] != boxPage[j] {
			y1 = boxTop[j] + f.boxes[j].h
		}
		links = append(links, ContentsLink{Entry: i, Page: boxPage[j], X: opts.Margins.Left, Y: y0,
			W: saved, H: y1 - y0})
	}
	return doc, links, nil
}

// placements returns each box's page and top on the page, as document
// paginates them.
func (f *flow) placements(opts Options) ([]int, []page.Unit) {
	pageOf := make([]int, len(f.boxes))
	top := make([]page.Unit, len(f.boxes))
	for pi, pg := range paginate(f.boxes, f.frameH) {
		for _, pl := range pg {
			pageOf[pl.box] = pi
			top[pl.box] = opts.Margins.Top + pl.y
		}
	}
	return pageOf, top
}

// oneItem makes the text items of a line of one style one item showing
// text, from the first's start to the last's end: a dot leader was an item
// per dot, 45 of an entry's 60, 100 MB for the contents of 10,000
// articles.
func oneItem(items []page.Item, text string) []page.Item {
	if len(items) < 2 {
		return items
	}
	one := items[0]
	for _, it := range items {
		if it.Kind != page.ItemText || it.Face != one.Face || it.Size != one.Size || it.Color != one.Color || it.Y != one.Y {
			return items
		}
	}
	last := items[len(items)-1]
	one.Text, one.W, one.Kerns = text, last.X+last.W-one.X, nil
	return []page.Item{one}
}

// leader returns dots that fill the space from x0 to x1.
func leader(s *shaper, rs runStyle, x0, x1 page.Unit) string {
	dot := fragsWidth(s.frags(". ", rs))
	if dot <= 0 || x1-x0 < 2*dot {
		return ""
	}
	return strings.TrimSpace(strings.Repeat(". ", int((x1-x0)/dot)))
}

// FurnishBook adds the folio to the pages of a book's front matter (cover
// and contents): no running head, the folio "n / N" numbered in the book.
func FurnishBook(doc *page.Document, site string, opts Options) error {
	f, opts, err := newFlow(opts)
	if err != nil {
		return err
	}
	furnish(doc, pageText{site: site}, f.s, f.th, opts)
	return nil
}

func dateOnly(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func sameDay(a, b time.Time) bool {
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return formatCount(n) + " " + word + "s"
}

// formatCount writes n with thousands separators: 12,345.
func formatCount(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
