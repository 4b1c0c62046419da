package layout

import (
	"reflect"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/page"
)

// TestLineSlab: the lines' item slices a slab hands out never overlap:
// appending to a line's items after the next line was made leaves the
// next line's items as they were, a line longer than the slab's rest gets
// a slab of its own, and a slab shared by a copy of the flow moves on for
// both.
func TestLineSlab(t *testing.T) {
	line := func(s *lineSlab, text ...string) []page.Item {
		items := s.room(len(text))
		for _, w := range text {
			items = append(items, page.Item{Text: w})
		}
		return s.took(items)
	}
	texts := func(items []page.Item) []string {
		var out []string
		for _, it := range items {
			out = append(out, it.Text)
		}
		return out
	}
	same := func(a, b []string) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}

	s := &lineSlab{}
	first := line(s, "a", "b")
	second := line(s, "c", "d")
	if cap(first) != len(first) {
		t.Fatalf("a line's items have room beyond them (cap %d, len %d)", cap(first), len(first))
	}
	_ = append(first, page.Item{Text: "drop cap"})
	if got := texts(second); !same(got, []string{"c", "d"}) {
		t.Errorf("appending to the first line changed the second: %q", got)
	}

	flowCopy := s // a footnote's flow shares the slab
	third := line(flowCopy, "e")
	fourth := line(s, "f")
	if got := texts(third); !same(got, []string{"e"}) {
		t.Errorf("the copy's line became %q after the flow's next line", got)
	}
	if got := texts(fourth); !same(got, []string{"f"}) {
		t.Errorf("the flow's line is %q", got)
	}

	long := make([]string, slabItems+5)
	for i := range long {
		long[i] = "w"
	}
	if got := line(s, long...); len(got) != len(long) {
		t.Errorf("a line of %d items has %d", len(long), len(got))
	}
	if got := texts(second); !same(got, []string{"c", "d"}) {
		t.Errorf("a long line changed an earlier one: %q", got)
	}

	var none *lineSlab // flows without a slab make each line's items
	if got := texts(line(none, "x", "y")); !same(got, []string{"x", "y"}) {
		t.Errorf("without a slab: %q", got)
	}
}

// TestLineItemsAllocations: setting a paragraph makes its lines' items
// in slabs of many lines, not an array a line, and the lines are the
// same either way.
func TestLineItemsAllocations(t *testing.T) {
	text := article.Plain(strings.Repeat("Harbour cranes lift containers onto ships. ", 60))
	set := func(slab bool) (*flow, float64) {
		var f *flow
		allocs := testing.AllocsPerRun(5, func() {
			f = testFlow(t)
			if !slab {
				f.lines = nil // each line's items made on their own
			}
			f.setText(text, f.body, alignJustify, 0, false, page.RoleBody)
		})
		return f, allocs
	}
	with, slabAllocs := set(true)
	without, lineAllocs := set(false)
	lines := len(with.boxes)
	if lines < 10 || len(without.boxes) != lines {
		t.Fatalf("%d lines from slabs, %d without; want the same paragraph of many", lines, len(without.boxes))
	}
	for k := range with.boxes {
		if !reflect.DeepEqual(with.boxes[k].items, without.boxes[k].items) {
			t.Fatalf("line %d differs: %+v, without slabs %+v", k, with.boxes[k].items, without.boxes[k].items)
		}
	}
	// under the race detector the pools' random drops move both counts
	// by as much as the slabs save (on main too: 16 to 27 saved a run)
	if saved := lineAllocs - slabAllocs; saved < float64(lines)*3/4 && !raceDetector {
		t.Errorf("%d lines took %.0f allocations, %.0f without slabs: want about one fewer a line", lines, slabAllocs, lineAllocs)
	}
}
