package layout

import (
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/page"
)

// TestShapingAllocations: shaping a paragraph allocates a few times for
// the whole of it, not for every word: a word's text is a piece of the
// paragraph's, its frags share arrays with other words', and the elements
// are made at once. It made three or more allocations a word.
func TestShapingAllocations(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := &shaper{fonts: set, missing: map[rune]int{}}
	rs := runStyle{fam: fonts.Serif, size: page.Pt(10)}
	const words = 400
	text := article.Text{{Text: strings.Repeat("Harbour cranes lift containers, ", words/4)}}
	var elems []elem
	allocs := testing.AllocsPerRun(20, func() { elems = s.paragraph(text, rs) })
	if boxes := countKind(elems, box); boxes != words {
		t.Fatalf("%d boxes, want %d", boxes, words)
	}
	if allocs > words/2 {
		t.Errorf("%.0f allocations to shape %d words, want at most %d", allocs, words, words/2)
	}
	// the frags are the paragraph's text, measured as before
	var b strings.Builder
	for i, e := range elems {
		if e.kind == glue {
			b.WriteByte(' ')
			continue
		}
		if len(e.frags) != 1 || e.frags[0].w != e.w || e.frags[0].w <= 0 {
			t.Fatalf("element %d: %d frags, widths %v", i, len(e.frags), e.w)
		}
		b.WriteString(e.frags[0].text)
	}
	if got, want := b.String(), strings.TrimSpace(text[0].Text); got != want {
		t.Errorf("text %q, want %q", got, want)
	}
}

// TestFragsReplaced: a frag's text is a copy where a character is
// replaced or left out, with kerning at the copy's offsets.
func TestFragsReplaced(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := &shaper{fonts: set, missing: map[rune]int{}}
	rs := runStyle{fam: fonts.Serif, size: page.Pt(10)}
	for _, c := range []struct{ in, want string }{
		{"AV\ufe0fAV", "AVAV"},       // a variation selector no face has is left out
		{"A\uE000V", "A\uFFFDV"},     // a private-use character is replaced
		{"To\xffWa", "To\uFFFDWa"},   // invalid UTF-8 is replaced
		{"Wa\u00adVe", "Wa\u00adVe"}, // a soft hyphen the face has is kept
		{"plain text", "plain text"}, // a piece of the input
	} {
		fr := s.frags(c.in, rs)
		var got strings.Builder
		for _, f := range fr {
			got.WriteString(f.text)
			for _, k := range f.kerns {
				if k.At <= 0 || k.At >= len(f.text) {
					t.Errorf("%q: kern at %d in %q", c.in, k.At, f.text)
				}
			}
		}
		if got.String() != c.want {
			t.Errorf("frags(%q) = %q, want %q", c.in, got.String(), c.want)
		}
	}
}

func countKind(elems []elem, k elemKind) int {
	n := 0
	for _, e := range elems {
		if e.kind == k {
			n++
		}
	}
	return n
}
