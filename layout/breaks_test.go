package layout_test

import (
	"bytes"
	"context"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/hyphen"
	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/page"
)

// printedLine is a line of body text as laid out: its words left to right.
type printedLine struct {
	page  int
	x, y  page.Unit // of its first item
	right page.Unit // end of its last item
	items []page.Item
}

func (l printedLine) text() string {
	var words []string
	for _, it := range l.items {
		words = append(words, it.Text)
	}
	return strings.Join(words, " ")
}

// bodyLines returns the body lines of doc in reading order: by page, by
// column (items left of x+colW belong to the column starting at x), top
// to bottom.
func bodyLines(doc *page.Document, colStep page.Unit) []printedLine {
	var out []printedLine
	for pi, p := range doc.Pages {
		type key struct {
			col int
			y   page.Unit
		}
		lines := map[key]*printedLine{}
		var keys []key
		for _, it := range p.Items {
			if it.Kind != page.ItemText || it.Role != page.RoleBody {
				continue
			}
			k := key{int((it.X - doc.Margins.Left) / colStep), it.Y}
			l, ok := lines[k]
			if !ok {
				l = &printedLine{page: pi + 1, x: it.X, y: it.Y}
				lines[k] = l
				keys = append(keys, k)
			}
			l.items = append(l.items, it)
		}
		slices.SortFunc(keys, func(a, b key) int {
			if a.col != b.col {
				return a.col - b.col
			}
			return int(a.y - b.y)
		})
		for _, k := range keys {
			l := lines[k]
			slices.SortFunc(l.items, func(a, b page.Item) int { return int(a.X - b.X) })
			l.x = l.items[0].X
			last := l.items[len(l.items)-1]
			l.right = last.X + last.W
			out = append(out, *l)
		}
	}
	return out
}

// TestOverlongCompoundInColumns: in two columns a German compound wider
// than the column breaks at its hyphenation points, each line showing its
// hyphen, the word going on on the next line of its column, and no break
// is reported as a last resort; before, it was cut anywhere without a
// hyphen, and across the columns ("Arbe|itnehmer…").
func TestOverlongCompoundInColumns(t *testing.T) {
	const word = "Arbeitnehmervertretungsverhandlungen"
	points := map[string]bool{}
	for _, p := range hyphen.For("de").Points(word) {
		points[word[:p]] = true
	}
	a := &article.Article{Title: "Tarifrunde", Language: "de"}
	for range 3 {
		a.Body = append(a.Body, article.Block{Kind: article.KindParagraph, Text: article.Plain(
			"Die " + word + " der Gewerkschaft mit dem Verband der Arbeitgeber dauerten bis in die Nacht, und am Morgen " +
				"begannen die " + word + " von neuem, weil niemand nachgeben wollte.")})
	}
	var log bytes.Buffer
	opts := layout.Options{Columns: 2, Logger: slog.New(slog.NewTextHandler(&log, nil))}
	doc, err := layout.Layout(context.Background(), a, opts)
	if err != nil {
		t.Fatal(err)
	}
	colW := (doc.Pages[0].Size.W - doc.Margins.Left - doc.Margins.Right) / 2
	lines := bodyLines(doc, colW)
	broken := 0
	for i, l := range lines[:len(lines)-1] {
		last := l.items[len(l.items)-1].Text
		head := strings.TrimSuffix(last, "-")
		if head == "" || head == word || !strings.HasPrefix(word, head) {
			continue // the line does not end inside the compound
		}
		next := lines[i+1]
		broken++
		if !strings.HasSuffix(last, "-") || !points[head] {
			t.Errorf("page %d: %q | %q: not broken with a hyphen at a hyphenation point of %s",
				l.page, last, next.items[0].Text, hyphen.For("de").Hyphenate(word))
		}
		if head+next.items[0].Text != word {
			t.Errorf("page %d: %q | %q: the word does not go on on the next line", l.page, last, next.items[0].Text)
		}
		if next.page != l.page || next.y < l.y {
			t.Errorf("page %d: %q | %q: the word goes on in another column or page", l.page, last, next.items[0].Text)
		}
	}
	if broken == 0 {
		t.Errorf("the compound, wider than the column of %s pt, was never broken", colW)
	}
	if strings.Contains(log.String(), "broken") {
		t.Errorf("a last-resort break was reported: %s", log.String())
	}
}

// TestLooseParagraphWarned: a paragraph whose best breaks still leave
// spaces wider than 1 em (long words of a language without hyphenation
// patterns, in a narrow column) is reported with its page, and a word
// broken where it has no hyphenation point with its page too.
func TestLooseParagraphWarned(t *testing.T) {
	long := "nejneobhospodařovávatelnějšíminejneobhospodařovávatelnějšími"
	words := strings.Fields("nejpravděpodobně spolupracovník zaměstnavatel odpovědnostmi " + long)
	var text []string
	for i := range 40 {
		text = append(text, words[i%len(words)])
	}
	a := &article.Article{Title: "Zprávy", Language: "cs", Body: []article.Block{
		{Kind: article.KindParagraph, Text: article.Plain("Krátký úvod.")},
		{Kind: article.KindParagraph, Text: article.Plain(strings.Join(text, " "))},
	}}
	var log bytes.Buffer
	opts := layout.Options{Columns: 2, Logger: slog.New(slog.NewTextHandler(&log, nil))}
	if _, err := layout.Layout(context.Background(), a, opts); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`msg="no line breaks set this paragraph with spaces under 1 em" page=1 space=`,
		`msg="words too long for the line were broken where they have no hyphenation point" count=`,
		`words=` + long + ` pages=1`,
	} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("no warning %s in:\n%s", want, log.String())
		}
	}
}

// TestFurnitureInColumns: in columns, the running head and footer keep
// within the outer columns, so that none of their text ends in the gap
// between two columns, where it reads as a line run past its column.
func TestFurnitureInColumns(t *testing.T) {
	a := columnArticle(30, false)
	a.Title = "Harbour lights return to the old quay after forty years of darkness and the town celebrates"
	for _, cols := range []int{2, 3} {
		doc, err := layout.Layout(context.Background(), a, layout.Options{Columns: cols})
		if err != nil {
			t.Fatal(err)
		}
		m := doc.Margins
		frameW := doc.Pages[0].Size.W - m.Left - m.Right
		size, _ := bodyMetrics(doc)
		gap := size * 3 / 2
		colW := (frameW - page.Unit(cols-1)*gap) / page.Unit(cols)
		heads := 0
		for pi, p := range doc.Pages {
			for _, it := range p.Items {
				if it.Kind != page.ItemText || it.Role != page.RoleFurniture {
					continue
				}
				heads++
				c := (it.X - m.Left) / (colW + gap)
				if x0 := m.Left + c*(colW+gap); it.X+it.W > x0+colW+page.Pt(0.5) {
					t.Errorf("%d columns, page %d: %q ends at %s, past its column (%s to %s)", cols, pi+1, it.Text, it.X+it.W, x0, x0+colW)
				}
			}
		}
		if heads == 0 {
			t.Errorf("%d columns: no running head or footer", cols)
		}
	}
}

// TestJustifiedCJK: a justified line of Chinese or Japanese ends at the
// measure, its slack shared evenly between its characters (no more than
// a quarter em each), and a Latin phrase inside keeps its spaces; before,
// the lines were ragged, or took all their slack at their one space.
func TestJustifiedCJK(t *testing.T) {
	for _, c := range []struct{ lang, text string }{
		{"zh", "事实是，历史上酒与太空探险有一种复杂的关系。让我们来看看喝了酒的航天员究竟会发生什么。纽约州立大学（State University of New York）社会学荣誉教授戴夫·汉森研究酒精和饮酒超过四十年，他认为确实如此。"},
		{"ja", "むかしむかし、ある村に、とても正直なおじいさんとおばあさんが住んでいました。ある日、おじいさんが山へしばかりに行くと、New York Times の記者に会いました。おばあさんは川へせんたくに行きました。"},
	} {
		var body []article.Block
		for range 4 {
			body = append(body, article.Block{Kind: article.KindParagraph, Text: article.Plain(c.text)})
		}
		a := &article.Article{Title: "見出し", Language: c.lang, Body: body}
		for _, cols := range []int{1, 2} {
			doc, err := layout.Layout(context.Background(), a, layout.Options{Columns: cols})
			if err != nil {
				t.Fatal(err)
			}
			m := doc.Margins
			frameW := doc.Pages[0].Size.W - m.Left - m.Right
			size, _ := bodyMetrics(doc)
			gap := size * 3 / 2
			colW := (frameW - page.Unit(cols-1)*gap) / page.Unit(cols)
			lines := bodyLines(doc, colW+gap)
			full := 0
			for i, l := range lines {
				if i+1 == len(lines) || lines[i+1].x > l.x+page.Pt(1) || len(l.items) < 2 {
					continue // a paragraph's last line, set at its natural width
				}
				full++
				colX := m.Left + (l.x-m.Left)/(colW+gap)*(colW+gap)
				if d := colX + colW - l.right; d > page.Pt(0.5) || d < -page.Pt(0.5) {
					t.Errorf("%s, %d columns: %q ends %s pt short of the measure", c.lang, cols, l.text(), d)
				}
				var least, most page.Unit = 1 << 30, 0
				for k := 1; k < len(l.items); k++ {
					prev, it := l.items[k-1], l.items[k]
					g := it.X - prev.X - prev.W
					r, _ := utf8.DecodeRuneInString(it.Text)
					p, _ := utf8.DecodeLastRuneInString(prev.Text)
					if r < 0x2E80 || p < 0x2E80 {
						// by a Latin word: a space or none, not much more
						if g > size*45/100 {
							t.Errorf("%s, %d columns: %q: a space of %s pt between %q and %q", c.lang, cols, l.text(), g, prev.Text, it.Text)
						}
						continue
					}
					least, most = min(least, g), max(most, g)
				}
				if most > size/4 || most-least > size/20 {
					t.Errorf("%s, %d columns: %q: gaps between characters from %s to %s pt, want even and at most %s", c.lang, cols, l.text(), least, most, size/4)
				}
			}
			if full < 3 {
				t.Errorf("%s, %d columns: %d full lines", c.lang, cols, full)
			}
		}
	}
}

// TestHopelessLineSetShort: a line the best breaks of its paragraph
// could only justify with spaces wider than 1.2 em (a narrow column,
// then a long name joined by no-break spaces) keeps its natural spaces
// and is set short, like a paragraph's last line, and is reported; no
// justified line of the article opens its spaces past 1.2 em. Before, it
// was justified with spaces of two ems and more.
func TestHopelessLineSetShort(t *testing.T) {
	name := strings.ReplaceAll("Ngāi Tahu Whakaputanga Trust", " ", "\u00a0")
	a := &article.Article{Title: "Notes", Language: "en"}
	for range 6 {
		a.Body = append(a.Body,
			article.Block{Kind: article.KindParagraph, Text: article.Plain(strings.Repeat("The council met on Tuesday evening to discuss the harbour works and the new ferry timetable. ", 3))},
			article.Block{Kind: article.KindParagraph, Text: article.Plain("Funded in part by the " + name + ".")})
	}
	var log bytes.Buffer
	doc, err := layout.Layout(context.Background(), a, layout.Options{Columns: 2, Logger: slog.New(slog.NewTextHandler(&log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	size, _ := bodyMetrics(doc)
	colW := (doc.Pages[0].Size.W - doc.Margins.Left - doc.Margins.Right) / 2
	lines := bodyLines(doc, colW)
	right := page.Unit(0) // the column's right edge: the furthest line end
	for _, l := range lines {
		if l.x < doc.Margins.Left+colW/2 {
			right = max(right, l.right)
		}
	}
	short := 0
	for _, l := range lines {
		if l.x >= doc.Margins.Left+colW/2 || len(l.items) < 2 {
			continue // the left column's lines of two words or more
		}
		var widest page.Unit
		for i := 1; i < len(l.items); i++ {
			widest = max(widest, l.items[i].X-(l.items[i-1].X+l.items[i-1].W))
		}
		if em := float64(widest) / float64(size); em > 1.2 {
			t.Errorf("page %d: %q: a space of %.2f em", l.page, l.text(), em)
		}
		if strings.HasPrefix(l.text(), "Funded in part by the") && !strings.Contains(l.text(), "Ngāi") {
			short++
			if right-l.right < size {
				t.Errorf("page %d: %q is justified (ends %s pt from the edge)", l.page, l.text(), right-l.right)
			}
		}
	}
	if short == 0 {
		t.Fatalf("no line ended before the joined name; the test no longer sets what it means to")
	}
	if !strings.Contains(log.String(), `msg="lines set short, not justified: their spaces would be wider than 1.2 em" count=`) {
		t.Errorf("no warning of the lines set short in:\n%s", log.String())
	}
}
