package layout

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/hyphen"
)

// TestParagraphArraysReused: the next paragraph setText shapes is made in
// the arrays of the one before, and setting it leaves the lines already
// set as they were: nothing kept the first paragraph's elements or frags.
func TestParagraphArraysReused(t *testing.T) {
	f := testFlow(t)
	first := article.Text{{Text: strings.Repeat("Harbour cranes lift containers off ships, ", 30)}}
	second := article.Text{{Text: strings.Repeat("Quiet tugs nudge tankers towards berths. ", 25)}, {Text: "Linked words", Link: "https://example.com/", Bold: true}}
	f.setText(first, f.th.body, alignJustify, 0, false, 0)
	made := f.s.spare
	if len(f.boxes) == 0 || cap(made.elems) == 0 || cap(made.frags) == 0 {
		t.Fatalf("%d boxes set, arrays of %d elements and %d frags kept", len(f.boxes), cap(made.elems), cap(made.frags))
	}
	set := len(f.boxes)
	before := make([][]any, set)
	for i, b := range f.boxes {
		before[i] = itemsOf(b)
	}
	f.setText(second, f.th.body, alignJustify, 0, false, 0)
	if got := f.s.spare; &got.elems[:1][0] != &made.elems[:1][0] || &got.frags[:1][0] != &made.frags[:1][0] {
		t.Errorf("the second paragraph was not made in the first one's arrays")
	}
	for i, b := range f.boxes[:set] {
		if !reflect.DeepEqual(itemsOf(b), before[i]) {
			t.Fatalf("line %d of the first paragraph changed when the second was set", i)
		}
	}
	// the second paragraph is set as in a flow of its own
	g := testFlow(t)
	g.setText(second, g.th.body, alignJustify, 0, false, 0)
	if got, want := len(f.boxes)-set, len(g.boxes); got != want {
		t.Fatalf("%d lines, want %d", got, want)
	}
	for i, b := range g.boxes {
		if !reflect.DeepEqual(itemsOf(f.boxes[set+i]), itemsOf(b)) {
			t.Errorf("line %d differs from the paragraph set alone", i)
		}
	}
}

// itemsOf is a deep copy of b's items, to compare, with the numbers of
// their structure elements left out (which count the elements before).
func itemsOf(b vbox) []any {
	var out []any
	for _, it := range b.items {
		it.Kerns = slices.Clone(it.Kerns)
		it.Tag.Elem = 0
		out = append(out, it)
	}
	return out
}

// TestHyphenScratchReused: a paragraph long enough to be broken a window
// at a time, hyphenated in the arrays of the one set before it, is set
// as in a flow of its own, and leaves that one's lines as they were.
func TestHyphenScratchReused(t *testing.T) {
	words := strings.Fields("Extraordinarily complicated international negotiations characteristically necessitate comprehensive documentation, notwithstanding considerable institutional disagreements")
	var b strings.Builder
	for i := range 3 * windowElems / 2 {
		b.WriteString(words[i%len(words)])
		b.WriteByte(' ')
	}
	text := article.Text{{Text: b.String()}}
	f := testFlow(t)
	f.w /= 3 // narrow: most lines need a hyphen
	f.s.hyph = hyphen.For("en")
	f.setText(text, f.th.body, alignJustify, 0, false, 0)
	set := len(f.boxes)
	if f.s.hyphens == nil || cap(f.s.hyphens.elems) == 0 || len(f.s.hyphens.arena.made) == 0 {
		t.Fatal("no hyphenation arrays kept")
	}
	hyphenated := 0
	before := make([][]any, set)
	for i, b := range f.boxes {
		before[i] = itemsOf(b)
		if items := b.items; len(items) > 0 && strings.HasSuffix(items[len(items)-1].Text, "-") {
			hyphenated++
		}
	}
	if hyphenated < set/4 {
		t.Fatalf("%d of %d lines end in a hyphen, want a quarter at least", hyphenated, set)
	}
	f.setText(text, f.th.body, alignJustify, 0, false, 0)
	g := testFlow(t) // the same paragraph in a flow of its own
	g.w, g.s.hyph = f.w, f.s.hyph
	g.setText(text, g.th.body, alignJustify, 0, false, 0)
	if got := len(f.boxes) - set; got != len(g.boxes) {
		t.Fatalf("set again: %d lines, want %d", got, len(g.boxes))
	}
	for i := range set {
		if !reflect.DeepEqual(itemsOf(f.boxes[i]), before[i]) {
			t.Fatalf("line %d of the first paragraph changed when the second was set", i)
		}
	}
	for i, b := range g.boxes {
		if !reflect.DeepEqual(itemsOf(f.boxes[set+i]), itemsOf(b)) {
			t.Fatalf("line %d set again differs from the paragraph set alone", i)
		}
	}
}

// TestKnownHyphenationPoints: the points kept for a hyphenator are those
// hyphenationPoints finds, for the hyphenator asked, however often and in
// whatever order words are asked for.
func TestKnownHyphenationPoints(t *testing.T) {
	en, de := hyphen.For("en-US"), hyphen.For("de")
	words := []string{"hyphenation", "Eisenbahnbrücke", "cat", "(documentation)", "NATO", "JavaScript", "hyphenation", "don't", "Geschwindigkeitsbegrenzung"}
	for range 2 {
		for _, h := range []*hyphen.Hyphenator{en, de, en} {
			for _, w := range words {
				if got, want := sharedPointsOf(h).points(h, w), hyphenationPoints(h, w); !slices.Equal(got, want) {
					t.Errorf("%s %q: %v, want %v", h.Lang(), w, got, want)
				}
			}
		}
	}
	sp := sharedPointsOf(en)
	sp.mu.RLock()
	_, kept := sp.words["hyphenation"]
	sp.mu.RUnlock()
	if !kept {
		t.Error("hyphenation not kept")
	}
	if got := sp.points(en, "hyphenation"); len(got) == 0 {
		t.Error("no points for hyphenation")
	}
}

// TestSharedHyphenationPoints: layouts running at once find the same
// points in the words kept for them all, which never grow beyond
// maxSharedWords (run with -race).
func TestSharedHyphenationPoints(t *testing.T) {
	h := hyphen.For("en-GB")
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range maxSharedWords/2 + 100 {
				// distinct words of letters only, most with points
				n := strconv.FormatInt(int64(g*maxSharedWords+i), 26)
				w := strings.Map(func(r rune) rune { return 'k' + r%16 }, n) + "counter" + strings.Repeat("revolution", i%3)
				if got, want := sharedPointsOf(h).points(h, w), hyphenationPoints(h, w); !slices.Equal(got, want) {
					t.Errorf("%q: %v, want %v", w, got, want)
					return
				}
			}
		})
	}
	wg.Wait()
	sp := sharedPointsOf(h)
	sp.mu.RLock()
	defer sp.mu.RUnlock()
	if n := len(sp.words); n == 0 || n > maxSharedWords {
		t.Errorf("%d words kept, want 1 to %d", n, maxSharedWords)
	}
}
