package layout_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/theme"
)

// columnArticle has n paragraphs of varying length, a heading every fifth
// and, when img is set, a figure every seventh.
func columnArticle(n int, img bool) *article.Article {
	words := strings.Fields("The harbour lights were lit again along the quay as the boats came in with the evening tide and the town turned out to watch them")
	a := &article.Article{Title: "Harbour lights return to the old quay after forty years", Subtitle: "A town celebrates",
		Authors: []string{"A. Writer"}}
	for i := range n {
		if i%5 == 4 {
			a.Body = append(a.Body, article.Block{Kind: article.KindHeading, Level: 2, Text: article.Plain(fmt.Sprintf("Part %d", i/5+1))})
		}
		if img && i%7 == 3 {
			a.Body = append(a.Body, article.Block{Kind: article.KindFigure, Figure: &article.Figure{Src: fmt.Sprintf("f%d.png", i), Caption: article.Plain("The quay at dusk.")}})
		}
		var b strings.Builder
		for k := range 20 + (i*37)%90 {
			b.WriteString(words[(i+k)%len(words)])
			b.WriteByte(' ')
		}
		a.Body = append(a.Body, article.Block{Kind: article.KindParagraph, Text: article.Plain(b.String())})
	}
	return a
}

// columnsOf groups a page's body and heading text by column (the left
// edge of the column it starts in) and returns each column's top and
// bottom (the baseline of its last line).
func columnsOf(p *page.Page, left, colStep page.Unit) map[int][2]page.Unit {
	cols := map[int][2]page.Unit{}
	for _, it := range p.Items {
		if it.Kind != page.ItemText || it.Role != page.RoleBody && it.Role != page.RoleHeading {
			continue
		}
		c := int((it.X - left) / colStep)
		r, ok := cols[c]
		if !ok {
			r = [2]page.Unit{it.Y, it.Y}
		}
		r[0], r[1] = min(r[0], it.Y), max(r[1], it.Y)
		cols[c] = r
	}
	return cols
}

// bodyMetrics returns the size of the body text (the commonest size of
// body text) and its leading (the commonest step between its baselines).
func bodyMetrics(doc *page.Document) (size, leading page.Unit) {
	sizes, steps := map[page.Unit]int{}, map[page.Unit]int{}
	for _, p := range doc.Pages {
		var last page.Unit
		for _, it := range p.Items {
			if it.Kind != page.ItemText || it.Role != page.RoleBody {
				continue
			}
			sizes[it.Size]++
			if d := it.Y - last; d > 0 && last > 0 {
				steps[d]++
			}
			last = it.Y
		}
	}
	commonest := func(m map[page.Unit]int) page.Unit {
		var best page.Unit
		for k, n := range m {
			if n > m[best] || n == m[best] && k < best {
				best = k
			}
		}
		return best
	}
	return commonest(sizes), commonest(steps)
}

// TestColumns sets articles of many lengths in two and three columns: the
// layout rules hold, the headline spans the columns, and the last page's
// columns end within two lines of each other.
func TestColumns(t *testing.T) {
	img := &page.Image{Key: "i", Format: "png", Data: []byte("x"), Width: 1600, Height: 900}
	for _, cols := range []int{2, 3} {
		for _, n := range []int{3, 8, 13, 21, 34, 55, 89} {
			for _, withImages := range []bool{false, true} {
				name := fmt.Sprintf("%d columns, %d paragraphs, images %v", cols, n, withImages)
				opts := layout.Options{Columns: cols}
				if withImages {
					opts.Images = func(*article.Figure) *page.Image { return img }
				}
				doc, err := layout.Layout(context.Background(), columnArticle(n, withImages), opts)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if errs := doc.Verify(); len(errs) > 0 {
					t.Fatalf("%s: layout invariants: %v", name, errs)
				}
				m := theme.DefaultMargins
				frameW := doc.Pages[0].Size.W - m.Left - m.Right
				size, leading := bodyMetrics(doc)
				colStep := (frameW + size*3/2) / page.Unit(cols) // the gap is 1.5 em
				for _, it := range doc.Pages[0].Items {
					if it.Role == page.RoleTitle && it.Kind == page.ItemText && it.X+it.W > m.Left+colStep {
						goto spans
					}
				}
				t.Fatalf("%s: nothing in the title block is wider than a column", name)
			spans:
				for pi, p := range doc.Pages {
					for _, it := range p.Items {
						if it.Role == page.RoleBody && it.Kind == page.ItemText && it.X+it.W > m.Left+colStep*page.Unit(int((it.X-m.Left)/colStep))+colStep {
							t.Fatalf("%s: page %d: body text %q crosses into the next column", name, pi+1, it.Text)
						}
					}
				}
				last := doc.Pages[len(doc.Pages)-1]
				got := columnsOf(last, m.Left, colStep)
				lines := map[[2]page.Unit]bool{}
				for _, it := range last.Items {
					if it.Kind == page.ItemText && it.Role == page.RoleBody {
						lines[[2]page.Unit{(it.X - m.Left) / colStep, it.Y}] = true
					}
				}
				// fewer than four lines stay together (no widows or orphans)
				if len(got) < min(cols, 2) && len(lines) >= 4 {
					t.Errorf("%s: the last page has %d columns of text, want them balanced over %d", name, len(got), cols)
				}
				var lo, hi page.Unit = 1 << 30, 0
				for c, r := range got {
					if c < cols-1 && len(got) < cols {
						continue
					}
					lo, hi = min(lo, r[1]), max(hi, r[1])
				}
				// two columns end within two lines; three within three, as
				// a heading kept with its first lines may leave a column
				// short by more than two; with a heading on the page, two
				// lines more (the heading and the space above it, which
				// may end a column: the lines after it cannot move up)
				limit := page.Unit(cols) * leading
				for _, it := range last.Items {
					if it.Role == page.RoleHeading {
						limit = page.Unit(cols+2) * leading
						break
					}
				}
				if len(got) == cols && hi-lo > limit {
					t.Errorf("%s: the last page's columns end %s pt apart, more than %s pt: %v", name, hi-lo, limit, got)
				}
				if testing.Verbose() {
					t.Logf("%s: %d pages, last page's columns end %s pt apart", name, len(doc.Pages), hi-lo)
				}
			}
		}
	}
}

// TestColumnRules: a hairline between columns that hold text, none with
// NoColumnRules.
func TestColumnRules(t *testing.T) {
	count := func(opts layout.Options) int {
		doc, err := layout.Layout(context.Background(), columnArticle(20, false), opts)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, it := range doc.Pages[0].Items {
			if it.Kind == page.ItemLine && it.W == 0 && it.H > page.Pt(100) {
				n++
			}
		}
		return n
	}
	if n := count(layout.Options{Columns: 3}); n != 2 {
		t.Errorf("%d vertical rules on page 1 of three columns, want 2", n)
	}
	if n := count(layout.Options{Columns: 3, NoColumnRules: true}); n != 0 {
		t.Errorf("%d vertical rules with NoColumnRules", n)
	}
}

// TestSpanningFigure: a wide landscape picture runs across both columns,
// a portrait one keeps to its column.
func TestSpanningFigure(t *testing.T) {
	for _, tc := range []struct {
		w, h int
		span bool
	}{{2000, 1000, true}, {800, 1200, false}, {300, 200, false}} {
		img := &page.Image{Key: "i", Format: "png", Data: []byte("x"), Width: tc.w, Height: tc.h}
		doc, err := layout.Layout(context.Background(), columnArticle(20, true), layout.Options{Columns: 2,
			Images: func(*article.Figure) *page.Image { return img }})
		if err != nil {
			t.Fatal(err)
		}
		if errs := doc.Verify(); len(errs) > 0 {
			t.Fatalf("layout invariants: %v", errs)
		}
		m := theme.DefaultMargins
		size, _ := bodyMetrics(doc)
		colW := (doc.Pages[0].Size.W - m.Left - m.Right - size*3/2) / 2
		for _, p := range doc.Pages {
			for _, it := range p.Items {
				if it.Kind == page.ItemImage && (it.W > colW) != tc.span {
					t.Errorf("%dx%d image printed %s pt wide, columns are %s: span %v, want %v", tc.w, tc.h, it.W, colW, it.W > colW, tc.span)
				}
			}
		}
	}
}

// TestMirroredMargins: with Mirror, even pages have the inside margin and
// the gutter on the right.
func TestMirroredMargins(t *testing.T) {
	m := page.Margins{Top: page.Pt(60), Right: page.Pt(50), Bottom: page.Pt(60), Left: page.Pt(70)}
	doc, err := layout.Layout(context.Background(), columnArticle(30, false), layout.Options{Margins: m, Mirror: true, Gutter: page.Pt(20)})
	if err != nil {
		t.Fatal(err)
	}
	if errs := doc.Verify(); len(errs) > 0 {
		t.Fatalf("layout invariants: %v", errs)
	}
	if len(doc.Pages) < 3 {
		t.Fatalf("%d pages, want 3 or more", len(doc.Pages))
	}
	for pi, p := range doc.Pages {
		minX := p.Size.W
		for _, it := range p.Items {
			if it.Kind == page.ItemText && it.Role == page.RoleBody {
				minX = min(minX, it.X)
			}
		}
		want := page.Pt(90) // inside margin and gutter
		if pi%2 == 1 {
			want = page.Pt(50)
		}
		if minX != want {
			t.Errorf("page %d: body text starts at %s pt, want %s", pi+1, minX, want)
		}
		// the folio stands on the outside edge: right on odd pages, left on even
		folios := 0
		for _, it := range p.Items {
			if it.Role == page.RoleFurniture && it.Kind == page.ItemText && it.Text == "/" {
				folios++
				if left := it.X < p.Size.W/2; left != (pi%2 == 1) {
					t.Errorf("page %d: the folio is on the %s", pi+1, map[bool]string{true: "left", false: "right"}[left])
				}
			}
		}
		if folios != 1 {
			t.Errorf("page %d: %d folios (\"n / N\"), want 1", pi+1, folios)
		}
	}
}

// TestPullQuote: a pull quote prints in display type between two rules,
// inside its column.
func TestPullQuote(t *testing.T) {
	for _, cols := range []int{1, 2} {
		a := columnArticle(12, false)
		quote := "The lights came back on, one by one, and the town came out to see them"
		a.Body = append(a.Body[:3], append([]article.Block{{Kind: article.KindPullQuote, Text: article.Plain(quote)}}, a.Body[3:]...)...)
		doc, err := layout.Layout(context.Background(), a, layout.Options{Columns: cols})
		if err != nil {
			t.Fatal(err)
		}
		if errs := doc.Verify(); len(errs) > 0 {
			t.Fatalf("layout invariants: %v", errs)
		}
		var words []string
		var x0, x1 page.Unit = 1 << 30, 0
		size, _ := bodyMetrics(doc)
		for _, p := range doc.Pages {
			for _, it := range p.Items {
				if it.Kind == page.ItemText && it.Size == size*3/2 {
					words = append(words, it.Text)
					x0, x1 = min(x0, it.X), max(x1, it.X+it.W)
				}
			}
		}
		if got := strings.Join(words, " "); got != quote {
			t.Fatalf("%d columns: display text %q, want the pull quote", cols, got)
		}
		m := theme.DefaultMargins
		frameW := doc.Pages[0].Size.W - m.Left - m.Right
		colW := (frameW - page.Unit(cols-1)*size*3/2) / page.Unit(cols)
		if x0 < m.Left || x1-x0 > colW {
			t.Errorf("%d columns: pull quote from %s to %s pt, wider than its %s pt column", cols, x0, x1, colW)
		}
	}
}

// TestColumnTypeSize: narrow columns take smaller type (about 40
// characters a line, not under 8.5 pt) unless the size is given.
func TestColumnTypeSize(t *testing.T) {
	for _, tc := range []struct {
		cols     int
		fontSize page.Unit
		lo, hi   float64
	}{{1, 0, 11, 11}, {2, 0, 10, 10.5}, {3, 0, 8.5, 8.5}, {3, page.Pt(11), 11, 11}} {
		doc, err := layout.Layout(context.Background(), columnArticle(8, false), layout.Options{Columns: tc.cols, FontSize: tc.fontSize})
		if err != nil {
			t.Fatal(err)
		}
		size, _ := bodyMetrics(doc)
		if p := size.Points(); p < tc.lo || p > tc.hi {
			t.Errorf("%d columns, font size %s: body %s pt, want %g to %g", tc.cols, tc.fontSize, size, tc.lo, tc.hi)
		}
	}
}
