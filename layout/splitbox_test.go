package layout

import (
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/galleyprint/galley/page"
)

// splitBoxBefore is splitBox as it was: it appended each character to
// its piece's text and measured the piece anew, quadratic in the length
// of a piece. The test below holds the new one to its results.
func splitBoxBefore(e elem, limit page.Unit) []elem {
	var pieces []elem
	var cur []frag
	var curW page.Unit
	var cut []frag // the pieces' state at the last good cut
	cutW := page.Unit(-1)
	emit := func(fr []frag) {
		if len(fr) > 0 {
			pieces = append(pieces, makeBox(fr))
		}
	}
	appendRune := func(fr []frag, f frag, r rune) []frag {
		if n := len(fr); n > 0 && sameSet(fr[n-1], f) {
			fr[n-1].text += string(r)
			fr[n-1].measure()
			return fr
		}
		f.text = string(r)
		f.measure()
		return append(fr, f)
	}
	tailFrags := func(cur, cut []frag) []frag {
		var rest []frag
		for i := range cur {
			if i < len(cut)-1 {
				continue
			}
			f := cur[i]
			if i == len(cut)-1 {
				f.text = f.text[len(cut[i].text):]
				f.measure()
				if f.text == "" {
					continue
				}
			}
			rest = append(rest, f)
		}
		return rest
	}
	for _, f := range e.frags {
		for _, r := range f.text {
			w1000, _ := f.face.Width(r)
			w := scale(w1000, f.size)
			if curW > 0 && curW+w > limit {
				if cutW > curW/2 {
					rest := tailFrags(cur, cut)
					emit(cut)
					cur, curW = rest, curW-cutW
				} else {
					emit(cur)
					cur, curW = nil, 0
				}
				cut, cutW = nil, -1
			}
			cur = appendRune(cur, f, r)
			curW += w
			if r == ' ' || isURLBreak(r) {
				cut, cutW = append([]frag(nil), cur...), curW
			}
		}
	}
	emit(cur)
	return pieces
}

// TestSplitBoxAsBefore: code lines of words, spaces, address characters
// and characters of other faces are cut where they were.
func TestSplitBoxAsBefore(t *testing.T) {
	f, _, err := newFlow(Options{})
	if err != nil {
		t.Fatal(err)
	}
	parts := []string{"x", "func", " ", "  ", "/", "path.go", "a_b", "?q=1&r=2", "→", "日本", "é", "ß", "-", "αβγ"}
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 200 {
		var b strings.Builder
		for range 5 + r.IntN(400) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		for _, rs := range []runStyle{f.th.code.run(), f.body.run()} {
			e := makeBox(f.s.frags(b.String(), rs))
			limit := page.Pt(20 + float64(r.IntN(400)))
			got, want := splitBox(e, limit), splitBoxBefore(e, limit)
			if len(got) != len(want) {
				t.Fatalf("case %d: %d pieces, want %d", n, len(got), len(want))
			}
			for i := range got {
				if boxText(got[i]) != boxText(want[i]) || got[i].w != want[i].w || len(got[i].frags) != len(want[i].frags) {
					t.Fatalf("case %d, piece %d: %q %v in %d frags, want %q %v in %d", n, i,
						boxText(got[i]), got[i].w, len(got[i].frags), boxText(want[i]), want[i].w, len(want[i].frags))
				}
			}
		}
	}
}

// TestSplitBoxLinear: a code line of characters without width (marks, in
// a piece that never fills the measure) is cut in time and memory linear
// in its length: before, each character copied the piece's text.
func TestSplitBoxLinear(t *testing.T) {
	f, _, err := newFlow(Options{})
	if err != nil {
		t.Fatal(err)
	}
	line := "a" + strings.Repeat("\u0301", 30000) // 60 KB, one character wide
	e := makeBox(f.s.frags(line, f.th.code.run()))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	pieces := splitBox(e, page.Pt(100))
	runtime.ReadMemStats(&after)
	if len(pieces) != 1 || boxText(pieces[0]) != line {
		t.Fatalf("%d pieces", len(pieces))
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
		t.Errorf("%d MB allocated to cut a line of %d KB", alloc>>20, len(line)>>10)
	}
}
