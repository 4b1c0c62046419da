package layout

import (
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/hyphen"
	"github.com/galleyprint/galley/page"
)

// breakAllocText is a paragraph of 400 words for the allocation tests.
func breakAllocText(t *testing.T) []elem {
	t.Helper()
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := &shaper{fonts: set, missing: map[rune]int{}}
	rs := runStyle{fam: fonts.Serif, size: page.Pt(10)}
	text := article.Text{{Text: strings.Repeat("Harbour cranes lift international containers onto waiting ships, ", 400/8)}}
	return s.paragraph(text, rs)
}

// TestBreakingAllocations: the breaker's search allocates its nodes in
// arrays of many, not one a feasible break (hundreds a paragraph), and
// finds the same lines either way.
func TestBreakingAllocations(t *testing.T) {
	elems := breakAllocText(t)
	width := func(int) page.Unit { return page.Pt(200) }
	var lines []line
	allocs := testing.AllocsPerRun(20, func() { lines = knuthPlass(elems, width, passFinal) })
	if len(lines) < 20 {
		t.Fatalf("%d lines, want a paragraph of many", len(lines))
	}
	for k := 1; k < len(lines); k++ {
		if lines[k].start <= lines[k-1].brk-1 || lines[k].brk <= lines[k].start {
			t.Fatalf("line %d: %+v after %+v", k, lines[k], lines[k-1])
		}
	}
	if max := float64(len(lines) / 4); allocs > max {
		t.Errorf("%.0f allocations to break %d lines, want at most %.0f", allocs, len(lines), max)
	}
}

// TestHyphenationCutAllocations: cutting a paragraph's words at their
// hyphenation points allocates a few times a word, not a few times a
// point (it made one for every piece and hyphen and grew each piece's
// frags), and keeps every word's text and width.
func TestHyphenationCutAllocations(t *testing.T) {
	elems := breakAllocText(t)
	h := hyphen.For("en")
	var out []elem
	allocs := testing.AllocsPerRun(20, func() { out = withHyphenationPoints(elems, h) })
	points := countHyphenPoints(out)
	if points < 100 {
		t.Fatalf("%d hyphenation points, want many", points)
	}
	words := countKind(elems, box)
	if max := float64(2 * words); allocs > max {
		t.Errorf("%.0f allocations to cut %d words at %d points, want at most %.0f", allocs, words, points, max)
	}
	// the pieces between glues are the words, as wide as they were
	var got, want strings.Builder
	var gotW, wantW page.Unit
	for _, e := range out {
		if e.kind == box {
			got.WriteString(boxText(e))
			gotW += e.w
		}
	}
	for _, e := range elems {
		if e.kind == box {
			want.WriteString(boxText(e))
			wantW += e.w
		}
	}
	if got.String() != want.String() {
		t.Errorf("text after cutting differs:\n%s\n%s", got.String(), want.String())
	}
	if d := gotW - wantW; d < -page.Pt(5) || d > page.Pt(5) {
		t.Errorf("boxes %v wide after cutting, %v before", gotW, wantW)
	}
}

// countHyphenPoints counts the hyphenation penalties of elems.
func countHyphenPoints(elems []elem) int {
	n := 0
	for _, e := range elems {
		if e.kind == penalty && e.hyphen != nil {
			n++
		}
	}
	return n
}

// TestParagraphStructSizes: a paragraph's elements and frags (two and
// one or more a word, the most of what shaping allocates) have their
// small fields side by side, without padding between them (they were
// 88 and 120 bytes on 64-bit machines).
func TestParagraphStructSizes(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		t.Skip("sizes are for 64-bit machines")
	}
	if got := unsafe.Sizeof(elem{}); got > 72 {
		t.Errorf("an elem is %d bytes, want at most 72", got)
	}
	if got := unsafe.Sizeof(frag{}); got > 104 {
		t.Errorf("a frag is %d bytes, want at most 104", got)
	}
}

// TestCubeIsPow: the breaker's badness, 100·|r|³, is the number it was
// with math.Pow, so that no line breaks elsewhere: for ratios as the
// breaker meets them and for many others.
func TestCubeIsPow(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	xs := []float64{0, 1, 0.5, 1.26, 2, 1e-9, 1e9, 0.1, 0.3, 1.0 / 3, math.Inf(1)}
	for range 200000 {
		xs = append(xs, r.Float64()*2, r.Float64()*1e4, float64(r.IntN(1<<20))/float64(1+r.IntN(1<<20)))
	}
	for _, x := range xs {
		if got, want := cube(x), math.Pow(x, 3); got != want {
			t.Fatalf("cube(%v) = %v, math.Pow gives %v", x, got, want)
		}
	}
}

// TestShapingParagraphBytes: a paragraph's frags are made in one array
// with room for about its words, not in arrays doubling from 4 (a
// paragraph of 60 words had arrays for 124 frags, made in five
// allocations).
func TestShapingParagraphBytes(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := &shaper{fonts: set, missing: map[rune]int{}}
	rs := runStyle{fam: fonts.Serif, size: page.Pt(10)}
	const words = 60
	text := article.Text{{Text: strings.TrimSpace(strings.Repeat("Harbour cranes lift containers, ", words/4))}}
	var elems []elem
	allocs := testing.AllocsPerRun(50, func() { elems = s.paragraph(text, rs) })
	if boxes := countKind(elems, box); boxes != words {
		t.Fatalf("%d boxes, want %d", boxes, words)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	const runs = 200
	for range runs {
		elems = s.paragraph(text, rs)
	}
	runtime.ReadMemStats(&after)
	perParagraph := (after.TotalAlloc - before.TotalAlloc) / runs
	if allocs > 18 { // it made 21
		t.Errorf("%.0f allocations to shape %d words, want at most 18", allocs, words)
	}
	// the elements (two a word) and the frags (one a word) at their
	// size, and a third of that again for the words' kerning (it made
	// 23 KB)
	want := uint64(words*(2*unsafe.Sizeof(elem{})+unsafe.Sizeof(frag{}))) * 4 / 3
	if perParagraph > want {
		t.Errorf("%d bytes to shape %d words, want at most %d", perParagraph, words, want)
	}
}

// TestSetLineAllocations: setting a line allocates its items and nothing
// else: the spans it orders are on the stack (they were an allocation a
// line).
func TestSetLineAllocations(t *testing.T) {
	elems := breakAllocText(t)
	width := func(int) page.Unit { return page.Pt(200) }
	lines := knuthPlass(elems, width, passFinal)
	if len(lines) < 2 {
		t.Fatalf("%d lines", len(lines))
	}
	ln := lines[1]
	var items []page.Item
	allocs := testing.AllocsPerRun(50, func() { items, _ = setLine(elems, ln, 0, 0, page.Pt(200), alignLeft) })
	words := countKind(elems[ln.start:ln.brk], box)
	if len(items) == 0 || len(items) > words {
		t.Fatalf("%d items for a line of %d words", len(items), words)
	}
	if allocs > 1 {
		t.Errorf("%.0f allocations to set a line, want 1", allocs)
	}
}
