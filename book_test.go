package galley_test

// Tests of ExportBook, read back with internal/pdftext (pages, words,
// outline) and pdfcpu (the /Dest of the contents' links, which pdftext
// does not report). Helpers are prefixed bk.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/pdftext"
	"github.com/galleyprint/galley/page"
)

var bkWords = strings.Fields("quay lantern tide ferry ledger harbour cargo signal estuary " +
	"mooring pilot chart beacon rope gull warehouse crane timber")

// bkPost is a Markdown post with TOML front matter: paras paragraphs, a
// subheading after the first when there are several.
func bkPost(title, date string, paras int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %s\ndate = %s\nauthors = [\"Rita Byline\"]\n+++\n\n", strconv.Quote(title), date)
	for p := 0; p < paras; p++ {
		if p == 1 {
			b.WriteString("## Further along the quay\n\n")
		}
		for w := 0; w < 70; w++ {
			b.WriteString(bkWords[(len(title)+p*5+w)%len(bkWords)])
			if w%10 == 9 {
				b.WriteString(". ")
			} else {
				b.WriteString(" ")
			}
		}
		b.WriteString("fin.\n\n")
	}
	return b.String()
}

func bkParse(t testing.TB, md string) *article.Article {
	t.Helper()
	arts, err := galley.Parse([]byte(md), galley.ParseOptions{Name: "post.md"})
	if err != nil || len(arts) != 1 {
		t.Fatalf("parse: %v (%d articles)", err, len(arts))
	}
	return arts[0]
}

// bkSource serves articles; errs[i], when set, is article i's failure.
type bkSource struct {
	arts  []*article.Article
	errs  []error
	calls atomic.Int32
	// onCall, when set, is called with the number of the call
	onCall func(n int32)
}

func (s *bkSource) Len() int { return len(s.arts) }

func (s *bkSource) Article(ctx context.Context, i int) (*article.Article, galley.Options, error) {
	n := s.calls.Add(1)
	if s.onCall != nil {
		s.onCall(n)
	}
	if i < len(s.errs) && s.errs[i] != nil {
		return nil, galley.Options{}, s.errs[i]
	}
	return s.arts[i], galley.Options{}, nil
}

// bkStory is one article of the test books.
type bkStory struct {
	title, date string
	paras       int
}

// bkStories: input, date and title orders all differ; the title order
// needs case folding ("anchors" first); the third is long.
var bkStories = []bkStory{
	{"Lanterns on the Quay", "2022-05-03", 1},
	{"anchors and Chains", "2021-11-20", 1},
	{"Tides of the Estuary", "2023-01-15", 14},
	{"Bridges Over Water", "2020-02-29", 1},
	{"Ferry Timetables", "2022-05-04", 2},
}

// bkLink is an internal link annotation: its rectangle and target page.
type bkLink struct {
	rect [4]float64
	to   int // 0-based page index; -1 when not a page of the document
}

// bkInternalLinks returns each page's link annotations with a /Dest.
func bkInternalLinks(t *testing.T, data []byte) map[int][]bkLink {
	t.Helper()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadContext(bytes.NewReader(data), conf)
	if err != nil {
		t.Fatal(err)
	}
	x := ctx.XRefTable
	if err := x.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	index := map[int]int{}
	for i := 1; i <= x.PageCount; i++ {
		_, ref, _, err := x.PageDict(i, false)
		if err != nil {
			t.Fatal(err)
		}
		index[ref.ObjectNumber.Value()] = i - 1
	}
	out := map[int][]bkLink{}
	for i := 1; i <= x.PageCount; i++ {
		d, _, _, err := x.PageDict(i, false)
		if err != nil {
			t.Fatal(err)
		}
		annots, err := x.DereferenceArray(d["Annots"])
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range annots {
			a, err := x.DereferenceDict(o)
			if err != nil || a == nil {
				t.Fatalf("page %d: annotation: %v", i, err)
			}
			dest, _ := x.DereferenceArray(a["Dest"])
			if len(dest) == 0 {
				continue
			}
			l := bkLink{to: -1}
			if ref, ok := dest[0].(types.IndirectRef); ok {
				if k, ok := index[ref.ObjectNumber.Value()]; ok {
					l.to = k
				}
			}
			rect, _ := x.DereferenceArray(a["Rect"])
			for k := 0; k < 4 && k < len(rect); k++ {
				l.rect[k], _ = x.DereferenceNumber(rect[k])
			}
			out[i-1] = append(out[i-1], l)
		}
	}
	return out
}

// bkFind returns the index of the first word of the first run of words
// equal to title's, or -1.
func bkFind(words []pdftext.Word, title string) int {
	tw := strings.Fields(title)
	for i := 0; i+len(tw) <= len(words); i++ {
		match := true
		for k, w := range tw {
			if words[i+k].Text != w {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}

// bkBook is what bkCheck learns of a book.
type bkBook struct {
	doc   *pdftext.Document
	start map[string]int // title → 0-based page of its headline
	toc   int            // contents pages
}

// bkCheck checks a book of the articles titled titles, in that order, of
// pages pages each when printed alone: the page count, where each
// article starts, blanks, folios, the contents' numbers and links, the
// outline and the cover.
func bkCheck(t *testing.T, data []byte, res galley.BookResult, bookTitle string, titles []string, pages []int, recto bool) bkBook {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(data, "\r\n"), []byte("%%EOF")) {
		t.Fatalf("not a whole PDF")
	}
	if err := pdftext.Validate(data); err != nil {
		t.Fatalf("validate: %v", err)
	}
	doc, err := pdftext.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	ps := doc.Pages
	n := len(ps)
	b := bkBook{doc: doc, start: map[string]int{}}
	for i, p := range ps {
		for _, title := range titles {
			// the headline: the page's first words, in display type (a
			// contents page may also begin with a title, in text type)
			if bkFind(p.Words, title) == 0 && p.Words[0].Size >= 14 {
				if _, dup := b.start[title]; dup {
					t.Errorf("%q begins pages %d and %d", title, b.start[title]+1, i+1)
				}
				b.start[title] = i
			}
		}
	}
	if len(b.start) != len(titles) {
		t.Fatalf("headlines found %v, want %q", b.start, titles)
	}
	first := b.start[titles[0]]
	blanks := 0
	for i := 1; i < first; i++ {
		if len(ps[i].Words) > 0 {
			b.toc++
		} else {
			blanks++
		}
	}
	if b.toc < 1 {
		t.Fatalf("no contents page before the first article (page %d)", first+1)
	}
	sum := 0
	for k, title := range titles {
		sum += pages[k]
		s := b.start[title]
		if k > 0 && s <= b.start[titles[k-1]] {
			t.Errorf("%q starts on page %d, not after %q (page %d)", title, s+1, titles[k-1], b.start[titles[k-1]]+1)
		}
		if recto && s%2 != 0 {
			t.Errorf("%q starts on page %d, a left-hand page", title, s+1)
		}
		end := n
		if k+1 < len(titles) {
			end = b.start[titles[k+1]]
		}
		if end-s < pages[k] {
			t.Errorf("%q has %d pages in the book, %d alone", title, end-s, pages[k])
		}
		for i := s; i < end; i++ {
			blank := len(ps[i].Words) == 0 && len(ps[i].XObjects) == 0
			switch {
			case i < s+pages[k] && blank:
				t.Errorf("page %d, of %q, is blank", i+1, title)
			case i >= s+pages[k] && !blank:
				t.Errorf("page %d, after the %d pages of %q, is not blank: %.60q", i+1, pages[k], title, ps[i].Text())
			case i >= s+pages[k]:
				blanks++
			}
		}
	}
	if !recto && blanks > 0 {
		t.Errorf("%d blank pages in a book without recto", blanks)
	}
	if recto && blanks > len(titles) {
		t.Errorf("%d blank pages for %d articles", blanks, len(titles))
	}
	if want := 1 + b.toc + sum + blanks; n != want {
		t.Errorf("%d pages, want 1 cover + %d contents + %d article pages + %d blanks = %d", n, b.toc, sum, blanks, want)
	}
	if res.Pages != n || res.Articles != len(titles) {
		t.Errorf("result %+v; the book has %d pages and %d articles", res, n, len(titles))
	}

	// folios: "n / N" on every printed page but the cover
	for i := 1; i < n; i++ {
		if len(ps[i].Words) > 0 && !hasFolio(ps[i].Text(), i+1, n) {
			t.Errorf("page %d lacks \"%d / %d\"", i+1, i+1, n)
		}
	}
	if last := ps[n-1].Text(); !hasFolio(last, n, n) {
		t.Errorf("the last page lacks \"%d / %d\": …%s", n, n, last[max(0, len(last)-40):])
	}

	// cover
	cover := ps[0].Text()
	for _, want := range []string{bookTitle, fmt.Sprintf("%d articles", len(titles)), fmt.Sprintf("%d pages", n)} {
		if !strings.Contains(cover, want) {
			t.Errorf("cover %q lacks %q", cover, want)
		}
	}

	// contents: the number on each title's line is its headline's page, and
	// the entry links to that page
	links := bkInternalLinks(t, data)
	nlinks := 0
	for i := 1; i <= b.toc; i++ {
		nlinks += len(links[i])
	}
	if nlinks != len(titles) {
		t.Errorf("%d links on the contents pages, want %d: %v", nlinks, len(titles), links)
	}
	for i, ls := range links {
		if i < 1 || i > b.toc {
			t.Errorf("page %d has internal links %v; only the contents should", i+1, ls)
		}
	}
	var order []string
	for _, title := range titles {
		found := false
		for pi := 1; pi <= b.toc && !found; pi++ {
			p := ps[pi]
			wi := bkFind(p.Words, title)
			if wi < 0 {
				continue
			}
			found = true
			order = append(order, title)
			w := p.Words[wi]
			num, numX := -1, -1.0
			for _, o := range p.Words {
				if math.Abs(o.Y-w.Y) < 0.5 && o.X > numX {
					if v, err := strconv.Atoi(o.Text); err == nil {
						num, numX = v, o.X
					}
				}
			}
			if num != b.start[title]+1 {
				t.Errorf("contents: %q on page %d; its headline is on page %d", title, num, b.start[title]+1)
			}
			var hit []bkLink
			for _, l := range links[pi] {
				// (a reader sums a text object's relative moves in
				// floating point: 80 may come out 79.99999999999999)
				const eps = 0.001
				if w.X >= l.rect[0]-eps && w.X <= l.rect[2]+eps && w.Y >= l.rect[1]-eps && w.Y <= l.rect[3]+eps {
					hit = append(hit, l)
				}
			}
			if len(hit) != 1 || hit[0].to != b.start[title] {
				t.Errorf("contents: the link over %q (page %d) is %v, want one to page index %d", title, pi+1, hit, b.start[title])
			}
		}
		if !found {
			t.Errorf("contents lack %q", title)
		}
	}
	if !slices.Equal(order, titles) {
		t.Errorf("contents list %q, want %q", order, titles)
	}

	// outline: one entry per article, at its headline
	var got []string
	for _, bm := range doc.Outline {
		got = append(got, bm.Title)
	}
	if !slices.Equal(got, titles) {
		t.Errorf("outline %q, want %q", got, titles)
	}
	for k, bm := range doc.Outline {
		if k >= len(titles) {
			break
		}
		s := b.start[titles[k]]
		if bm.Level != 0 || bm.Page != s {
			t.Errorf("outline entry %q: level %d, page index %d; want 0, %d", bm.Title, bm.Level, bm.Page, s)
		}
		if hy := ps[s].Words[0].Y; bm.Top < hy || bm.Top > hy+60 {
			t.Errorf("outline entry %q points at y %.1f, the headline's baseline is at %.1f", bm.Title, bm.Top, hy)
		}
	}
	if doc.Info["Title"] != bookTitle {
		t.Errorf("PDF title %q, want %q", doc.Info["Title"], bookTitle)
	}
	return b
}

// hasFolio says whether text holds the folio "num / total" as words of
// its own ("12 / 13" does not hold "2 / 13").
func hasFolio(text string, num, total int) bool {
	return strings.Contains(" "+strings.Join(strings.Fields(text), " ")+" ", fmt.Sprintf(" %d / %d ", num, total))
}

// bkAlonePages is an article's page count when printed alone.
func bkAlonePages(t *testing.T, a *article.Article, o galley.Options) int {
	t.Helper()
	var buf bytes.Buffer
	res, err := galley.Export(context.Background(), &buf, a, o)
	if err != nil {
		t.Fatal(err)
	}
	return res.Pages
}

func TestExportBook(t *testing.T) {
	sentinel := errors.New("the archive lost this one")
	cases := []struct {
		name  string
		bo    galley.BookOptions
		errs  map[int]error // failing articles
		empty []int         // articles with no content
		order []int         // want: indexes into bkStories
	}{
		{name: "input order", order: []int{0, 1, 2, 3, 4}},
		{name: "recto", bo: galley.BookOptions{Recto: true}, order: []int{0, 1, 2, 3, 4}},
		{name: "date order", bo: galley.BookOptions{Sort: "date"}, order: []int{3, 1, 0, 4, 2}},
		{name: "title order, recto", bo: galley.BookOptions{Sort: "title", Recto: true}, order: []int{1, 3, 4, 0, 2}},
		{name: "A5, date order, recto", bo: galley.BookOptions{Options: galley.Options{Page: page.A5}, Sort: "date", Recto: true},
			order: []int{3, 1, 0, 4, 2}},
		{name: "failing articles left out", errs: map[int]error{1: sentinel}, empty: []int{3}, order: []int{0, 2, 4}},
		{name: "failing articles left out, recto by title", bo: galley.BookOptions{Sort: "title", Recto: true},
			errs: map[int]error{0: sentinel}, order: []int{1, 3, 4, 2}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			src := &bkSource{errs: make([]error, len(bkStories))}
			for i, s := range bkStories {
				a := bkParse(t, bkPost(s.title, s.date, s.paras))
				if slices.Contains(c.empty, i) {
					a = &article.Article{}
				}
				src.arts = append(src.arts, a)
				src.errs[i] = c.errs[i]
			}
			bo := c.bo
			bo.Title = "Harbour Gazette Collected"
			var titles []string
			var pages []int
			for _, k := range c.order {
				titles = append(titles, bkStories[k].title)
				pages = append(pages, bkAlonePages(t, src.arts[k], bo.Options))
			}
			if long := slices.Index(c.order, 2); long >= 0 && bo.Page == (page.Size{}) && pages[long] != 3 {
				t.Fatalf("the long article prints on %d pages alone; the test wants 3", pages[long])
			}

			var books [][]byte
			for _, jobs := range []int{1, 4} {
				bo.Jobs = jobs
				var buf bytes.Buffer
				res, err := galley.ExportBook(context.Background(), &buf, src, bo)
				if err != nil {
					t.Fatalf("jobs %d: %v", jobs, err)
				}
				// failures: by index, with their errors
				var failed []int
				for _, f := range res.Failed {
					failed = append(failed, f.Index)
					switch {
					case c.errs[f.Index] != nil && !errors.Is(f.Err, c.errs[f.Index]):
						t.Errorf("failure %d: %v, want %v", f.Index, f.Err, c.errs[f.Index])
					case slices.Contains(c.empty, f.Index) && !errors.Is(f.Err, galley.ErrNoContent):
						t.Errorf("failure %d: %v, want ErrNoContent", f.Index, f.Err)
					}
				}
				var want []int
				for i := range bkStories {
					if c.errs[i] != nil || slices.Contains(c.empty, i) {
						want = append(want, i)
					}
				}
				if !slices.Equal(failed, want) {
					t.Errorf("failed %v, want %v", failed, want)
				}
				if jobs == 1 {
					bkCheck(t, buf.Bytes(), res, bo.Title, titles, pages, bo.Recto)
				}
				books = append(books, buf.Bytes())
			}
			if !bytes.Equal(books[0], books[1]) {
				t.Errorf("one job and four gave different books (%d and %d bytes)", len(books[0]), len(books[1]))
			}
			var again bytes.Buffer
			bo.Jobs = 2
			if _, err := galley.ExportBook(context.Background(), &again, src, bo); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(books[0], again.Bytes()) {
				t.Errorf("the same book twice gave different bytes")
			}
		})
	}
}

// TestExportBookLongContents: contents over more than one page still give
// the right numbers and links, on every contents page.
func TestExportBookLongContents(t *testing.T) {
	names := []string{"Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Ginkgo", "Hazel", "Ironwood", "Juniper",
		"Katsura", "Larch", "Maple", "Nutmeg", "Oak", "Pine", "Quince", "Rowan", "Spruce", "Tamarack",
		"Upas", "Viburnum", "Willow", "Yew"}
	src := &bkSource{}
	var titles []string
	var pages []int
	bo := galley.BookOptions{Options: galley.Options{Page: page.A5}, Title: "Trees of the Parish", Recto: true}
	for i, n := range names {
		title := n + " Street Notes"
		a := bkParse(t, bkPost(title, fmt.Sprintf("2021-%02d-%02d", i%12+1, i+1), 1))
		src.arts = append(src.arts, a)
		titles = append(titles, title)
		pages = append(pages, bkAlonePages(t, a, bo.Options))
	}
	var buf bytes.Buffer
	res, err := galley.ExportBook(context.Background(), &buf, src, bo)
	if err != nil {
		t.Fatal(err)
	}
	b := bkCheck(t, buf.Bytes(), res, bo.Title, titles, pages, true)
	if b.toc < 2 {
		t.Errorf("the contents take %d page; the test wants more", b.toc)
	}
}

// TestExportBookErrors: a book with no printable article, or whose
// context ends, fails and writes nothing.
func TestExportBookErrors(t *testing.T) {
	good := bkParse(t, bkPost("Lanterns on the Quay", "2022-05-03", 1))
	cases := []struct {
		name   string
		src    func(cancel context.CancelFunc) *bkSource
		cancel bool // before the call
		want   error
		// written: whether bytes may have been written before the failure
		written bool
	}{
		{name: "no articles", src: func(context.CancelFunc) *bkSource { return &bkSource{} }, want: galley.ErrNoContent},
		{name: "every article fails", src: func(context.CancelFunc) *bkSource {
			return &bkSource{arts: []*article.Article{good, good}, errs: []error{errors.New("a"), errors.New("b")}}
		}, want: galley.ErrNoContent},
		{name: "cancelled before", cancel: true, want: context.Canceled, src: func(context.CancelFunc) *bkSource {
			return &bkSource{arts: []*article.Article{good, good, good}}
		}},
		{name: "cancelled while printing", want: context.Canceled, written: true, src: func(cancel context.CancelFunc) *bkSource {
			// each article is asked for once: the third ask cancels, once
			// the first two are written
			return &bkSource{arts: []*article.Article{good, good, good, good}, onCall: func(n int32) {
				if n == 3 {
					cancel()
				}
			}}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			src := c.src(cancel)
			if c.cancel {
				cancel()
			}
			var buf bytes.Buffer
			_, err := galley.ExportBook(ctx, &buf, src, galley.BookOptions{Jobs: 1})
			if !errors.Is(err, c.want) {
				t.Errorf("error %v, want %v", err, c.want)
			}
			if !c.written && buf.Len() > 0 {
				t.Errorf("%d bytes written", buf.Len())
			}
		})
	}
}

func TestExportBookBadOptions(t *testing.T) {
	src := &bkSource{arts: []*article.Article{bkParse(t, bkPost("Lanterns on the Quay", "2022-05-03", 1))}}
	for _, o := range []galley.Options{{Page: page.Size{W: page.Pt(50), H: page.Pt(50)}}, {Margins: page.Margins{Top: page.MM(500)}}, {ImageDPI: -1}} {
		var buf bytes.Buffer
		if _, err := galley.ExportBook(context.Background(), &buf, src, galley.BookOptions{Options: o}); !errors.Is(err, galley.ErrInvalidOptions) {
			t.Errorf("%+v: error %v, want ErrInvalidOptions", o, err)
		}
		if buf.Len() > 0 {
			t.Errorf("%+v: %d bytes written", o, buf.Len())
		}
	}
}

// TestExportBookRecordsFonts: a book that sets characters in a font file
// of the caller's names it in the PDF's Keywords, as Export does for one
// article; a book in the embedded faces alone has none.
func TestExportBookRecordsFonts(t *testing.T) {
	const dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	if _, err := os.Stat(dejavu); err != nil {
		t.Skip("DejaVu Sans is not installed")
	}
	user, err := galley.NewFonts([]string{dejavu}, false)
	if err != nil {
		t.Fatal(err)
	}
	para := func(s string) []article.Block {
		return []article.Block{{Kind: article.KindParagraph, Text: article.Plain(s)}}
	}
	latin := galley.Articles{{Title: "Harbour", Body: para("The quay at dawn.")}, {Title: "Tide", Body: para("The ferry left.")}}
	hebrew := galley.Articles{latin[0], {Title: "Hebrew", Body: para("שלום עולם")}}
	for _, tt := range []struct {
		name string
		src  galley.Articles
		want string
	}{
		{"latin", latin, ""},
		{"hebrew", hebrew, "fonts: DejaVuSans"},
	} {
		var out bytes.Buffer
		if _, err := galley.ExportBook(context.Background(), &out, tt.src, galley.BookOptions{Options: galley.Options{Fonts: user}, Jobs: 2}); err != nil {
			t.Fatal(err)
		}
		d, err := pdftext.Read(out.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if kw := d.Info["Keywords"]; kw != tt.want {
			t.Errorf("%s: Keywords %q, want %q", tt.name, kw, tt.want)
		}
	}
}
