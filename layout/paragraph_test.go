package layout

import (
	"context"
	"errors"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/hyphen"
	"github.com/galleyprint/galley/page"
)

// words returns n words of running English text, the same for the same
// seed, with a full stop now and then.
func words(n int, seed uint64) string {
	vocab := strings.Fields("the harbour crews work through the night while cranes lift containers from ships " +
		"that arrived at dusk and will leave before the morning tide turns against them extraordinary " +
		"negotiations about overtime arrangements continued throughout the unusually demanding winter season")
	r := rand.New(rand.NewPCG(seed, 7))
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(vocab[r.IntN(len(vocab))])
		if r.IntN(15) == 0 {
			b.WriteByte('.')
		}
	}
	return b.String()
}

// lineTexts returns the text of each line box of f.
func lineTexts(f *flow) []string {
	var out []string
	for _, b := range f.boxes {
		var s strings.Builder
		for _, it := range b.items {
			if it.Kind == page.ItemText {
				s.WriteString(it.Text)
				s.WriteByte(' ')
			}
		}
		out = append(out, strings.TrimSpace(s.String()))
	}
	return out
}

// wholeFlow sets text aligned so as one Knuth–Plass problem, as galley
// set every paragraph before long ones were broken a window at a time.
func wholeFlow(t *testing.T, text string, align alignment) *flow {
	t.Helper()
	f, _, err := newFlow(Options{})
	if err != nil {
		t.Fatal(err)
	}
	f.s.hyph = hyphen.For("en")
	t0 := f.body
	elems := splitOverlong(f.s.plain(text, t0.run()), f.w, f.s.hyph)
	elems, lines := breakParagraph(elems, func(int) page.Unit { return f.w }, align == alignJustify, f.s.hyph, nil)
	f.setLines(elems, lines, setting{t: t0, align: align, indent: firstOnly(0), last: true, keepTop: 1, kind: page.RoleBody})
	return f
}

// windowFlow sets text aligned so as the flow sets a body paragraph.
func windowFlow(t *testing.T, text string, align alignment) *flow {
	t.Helper()
	f, _, err := newFlow(Options{})
	if err != nil {
		t.Fatal(err)
	}
	f.s.hyph = hyphen.For("en")
	f.setText(article.Plain(text), f.body, align, 0, false, page.RoleBody)
	return f
}

// TestOrdinaryParagraphsBrokenWhole: a paragraph up to the window's size
// is broken exactly as one Knuth–Plass problem, items and all.
func TestOrdinaryParagraphsBrokenWhole(t *testing.T) {
	for _, n := range []int{1, 12, 150, 900, 1200} {
		text := words(n, uint64(n))
		whole, win := wholeFlow(t, text, alignJustify), windowFlow(t, text, alignJustify)
		if len(whole.boxes) != len(win.boxes) {
			t.Fatalf("%d words: %d lines whole, %d by windows", n, len(whole.boxes), len(win.boxes))
		}
		for i := range whole.boxes {
			a, b := whole.boxes[i], win.boxes[i]
			if len(a.items) != len(b.items) || a.keep != b.keep {
				t.Fatalf("%d words, line %d: %d items (keep %v) whole, %d (keep %v) by windows", n, i, len(a.items), a.keep, len(b.items), b.keep)
			}
			for k := range a.items {
				if x, y := a.items[k], b.items[k]; x.X != y.X || x.Text != y.Text || x.W != y.W {
					t.Fatalf("%d words, line %d, item %d: %q at %d whole, %q at %d by windows", n, i, k, x.Text, x.X, y.Text, y.X)
				}
			}
		}
	}
}

// TestLongParagraphWindows: a paragraph of many windows, shaped a piece
// at a time, sets the same words in the same order, with no line wider
// than the measure. Ragged, every window is broken in the one pass that
// a whole paragraph is, and nearly all its lines are those of the whole
// paragraph: the overlap lets each window choose as the whole does.
// Justified, each window takes the first pass that sets it (without
// hyphens, with them, with emergency stretch), where the whole paragraph
// takes the pass its worst stretch needs everywhere: its lines differ,
// and may only be fewer (tighter), by a few in a hundred.
func TestLongParagraphWindows(t *testing.T) {
	text := words(30000, 1) // some 200 KB: shaped a piece at a time
	for _, align := range []alignment{alignLeft, alignJustify} {
		whole, win := wholeFlow(t, text, align), windowFlow(t, text, align)
		a, b := lineTexts(whole), lineTexts(win)
		unhyphenate := func(lines []string) string {
			return strings.Join(strings.Fields(strings.ReplaceAll(strings.Join(lines, " "), "- ", "")), " ")
		}
		if unhyphenate(a) != unhyphenate(b) {
			t.Fatalf("align %d: the windows set other words than the whole paragraph", align)
		}
		same := map[string]int{}
		for _, l := range a {
			same[l]++
		}
		common := 0
		for _, l := range b {
			if same[l] > 0 {
				same[l]--
				common++
			}
		}
		frac := float64(common) / float64(len(a))
		t.Logf("align %d: %d lines by windows, %d whole, %.1f%% the same", align, len(b), len(a), 100*frac)
		switch {
		case align == alignLeft && (frac < 0.95 || abs(len(a)-len(b)) > len(a)/100):
			t.Errorf("ragged: %d lines by windows, %d whole, %.1f%% of them the same; want nearly all", len(b), len(a), 100*frac)
		case align == alignJustify && (len(b) > len(a) || len(b) < len(a)*95/100):
			t.Errorf("justified: %d lines by windows, %d whole", len(b), len(a))
		}
		for i, bx := range win.boxes {
			for _, it := range bx.items {
				if it.X+it.W > win.x+win.w+page.Point {
					t.Fatalf("align %d: line %d ends at %v, beyond the measure %v: %q", align, i, it.X+it.W, win.x+win.w, b[i])
				}
			}
		}
	}
}

// countingContext is a context whose Err reports it cancelled from its
// cancelAt-th call on (never when cancelAt is 0), and counts the calls.
type countingContext struct {
	context.Context
	calls, cancelAt int
}

func (c *countingContext) Err() error {
	c.calls++
	if c.cancelAt > 0 && c.calls >= c.cancelAt {
		return context.Canceled
	}
	return nil
}

// TestLayoutStopsPromptly: the layout of an article of one long paragraph
// looks at its context every window, and stops at the first look after it
// is cancelled, however far it has gone, with an error wrapping
// context.Canceled.
func TestLayoutStopsPromptly(t *testing.T) {
	a := &article.Article{Title: "One paragraph", Body: []article.Block{{Kind: article.KindParagraph, Text: article.Plain(words(40000, 2))}}}
	full := &countingContext{Context: context.Background()}
	if _, err := Layout(full, a, Options{}); err != nil {
		t.Fatal(err)
	}
	// some 280 KB of text, 80,000 elements: a look every window (4,000
	// elements) or more often
	if full.calls < 20 {
		t.Fatalf("the context was looked at %d times in the layout of %d KB", full.calls, len(a.Body[0].Text[0].Text)>>10)
	}
	for _, at := range []int{1, 2, full.calls / 4, full.calls / 2, full.calls - 1} {
		ctx := &countingContext{Context: context.Background(), cancelAt: at}
		_, err := Layout(ctx, a, Options{})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled at look %d: %v, want context.Canceled", at, err)
		}
		if ctx.calls > at+1 {
			t.Errorf("cancelled at look %d: looked %d times, going on after it was cancelled", at, ctx.calls)
		}
	}
}

// TestPageLimitStopsEarly: a paragraph far longer than the page limit
// allows is refused with ErrTooManyPages once the pages are sure, having
// shaped and set little more than those pages: memory stays in proportion
// to the limit, not to the text.
func TestPageLimitStopsEarly(t *testing.T) {
	text := words(700000, 3) // some 5 MB, 900 pages
	a := &article.Article{Title: "One paragraph", Body: []article.Block{{Kind: article.KindParagraph, Text: article.Plain(text)}}}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := Layout(context.Background(), a, Options{MaxPages: 3})
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooManyPages) {
		t.Fatalf("%v, want ErrTooManyPages", err)
	}
	// the whole paragraph shaped takes hundreds of megabytes
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("%d MB allocated to refuse %d MB of text at 3 pages", alloc>>20, len(text)>>20)
	}
}

// TestLayoutRefusesDeepNesting: blocks nested beyond article.MaxDepth are
// refused with article.ErrTooDeep; at the limit they print.
func TestLayoutRefusesDeepNesting(t *testing.T) {
	nest := func(depth int) *article.Article {
		b := article.Block{Kind: article.KindParagraph, Text: article.Plain("deep")}
		for range depth {
			b = article.Block{Kind: article.KindQuote, Blocks: []article.Block{b}}
		}
		return &article.Article{Title: "Deep", Body: []article.Block{b}}
	}
	if _, err := Layout(context.Background(), nest(article.MaxDepth), Options{}); err != nil {
		t.Errorf("%d levels: %v", article.MaxDepth, err)
	}
	if _, err := Layout(context.Background(), nest(article.MaxDepth+1), Options{}); !errors.Is(err, article.ErrTooDeep) {
		t.Errorf("%d levels: %v, want ErrTooDeep", article.MaxDepth+1, err)
	}
}

// TestLongTextAnywhereBounded: text of megabytes wherever an article may
// hold it (a title, a caption, a table cell, an attribution…) is shaped
// a piece at a time and stops at the page limit, as a paragraph does:
// memory grows with the pages allowed, not with the text.
func TestLongTextAnywhereBounded(t *testing.T) {
	long := words(300000, 4) // some 2 MB
	para := article.Block{Kind: article.KindParagraph, Text: article.Plain("A short paragraph.")}
	cases := map[string]*article.Article{
		"title":         {Title: long, Body: []article.Block{para}},
		"subtitle":      {Title: "T", Subtitle: long, Body: []article.Block{para}},
		"byline":        {Title: "T", Authors: []string{long}, Body: []article.Block{para}},
		"heading":       {Title: "T", Body: []article.Block{{Kind: article.KindHeading, Level: 2, Text: article.Plain(long)}, para}},
		"caption":       {Title: "T", Body: []article.Block{{Kind: article.KindFigure, Figure: &article.Figure{Caption: article.Plain(long), Credit: "Photo: X"}}}},
		"table cell":    {Title: "T", Body: []article.Block{{Kind: article.KindTable, Table: &article.Table{Rows: [][]article.Cell{{{Text: article.Plain("a")}, {Text: article.Plain(long)}}}}}}},
		"table caption": {Title: "T", Body: []article.Block{{Kind: article.KindTable, Table: &article.Table{Caption: article.Plain(long), Rows: [][]article.Cell{{{Text: article.Plain("a")}}}}}}},
		"attribution":   {Title: "T", Body: []article.Block{{Kind: article.KindQuote, Blocks: []article.Block{para}, Text: article.Plain(long)}}},
		"list item":     {Title: "T", Body: []article.Block{{Kind: article.KindList, Items: []article.ListItem{{Blocks: []article.Block{{Kind: article.KindParagraph, Text: article.Plain(long)}}}}}}},
		"code lines":    {Title: "T", Body: []article.Block{{Kind: article.KindCode, Code: strings.ReplaceAll(long, " ", "\n")}}},
	}
	for name, a := range cases {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := Layout(context.Background(), a, Options{MaxPages: 3})
		runtime.ReadMemStats(&after)
		if !errors.Is(err, ErrTooManyPages) {
			t.Errorf("%s: %v, want ErrTooManyPages", name, err)
			continue
		}
		alloc := after.TotalAlloc - before.TotalAlloc
		t.Logf("%s: %d MB allocated", name, alloc>>20)
		if alloc > 80<<20 {
			t.Errorf("%s: %d MB allocated to refuse %d MB of text at 3 pages", name, alloc>>20, len(long)>>20)
		}
	}
}

// TestCodeRowsKeep: a code block set row by row keeps its first two rows
// together and its last two, as when its rows were all made first.
func TestCodeRowsKeep(t *testing.T) {
	for n, want := range map[int]string{1: "-", 2: "k-", 3: "kk-", 5: "k--k-", 6: "k---k-"} {
		f, _, err := newFlow(Options{})
		if err != nil {
			t.Fatal(err)
		}
		f.code(strings.TrimSuffix(strings.Repeat("x := 1\n", n), "\n"))
		var got strings.Builder
		for _, b := range f.boxes {
			if b.keep {
				got.WriteByte('k')
			} else {
				got.WriteByte('-')
			}
		}
		if got.String() != want {
			t.Errorf("%d rows: keep %s, want %s", n, got.String(), want)
		}
	}
}
