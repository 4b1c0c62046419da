package layout

import (
	"strings"
	"testing"

	"github.com/galleyprint/galley/page"
)

// TestKnuthPlass: one line per case. Glue is "g10:5:3" unless written.
func TestKnuthPlass(t *testing.T) {
	g := "g10:5:3"
	words := func(ws ...string) string { return strings.Join(ws, " "+g+" ") }
	for _, c := range []struct {
		name  string
		spec  string
		width page.Unit
		want  string // "" means no breaks within tolerance (nil)
		p     breakParams
	}{
		{"fits on one line, not stretched", words("b20", "b20"), 100, "b20 b20", passNoHyphens},
		{"exact fit", words("b45", "b45"), 100, "b45 b45", passNoHyphens},
		{"shrinks to fit", words("b46", "b46"), 100, "b46 b46", passNoHyphens},
		{"overfull box: no feasible breaks", words("b120", "b20"), 100, "", passNoHyphens},
		{"a line without glue cannot stretch", words("b50", "b50"), 100, "", passNoHyphens},
		{"the last pass takes loose lines", words("b50", "b50"), 100, "b50 | b50", passFinal},
		{"underfull lines beyond tolerance", words("b60", "b60", "b60"), 100, "", passNoHyphens},
		{"underfull lines without emergency stretch", words("b40", "b40", "b40", "b40"), 100, "", passHyphens},
		{"underfull lines within emergency stretch", words("b40", "b40", "b40", "b40"), 100, "b40 b40 | b40 b40", withEmergency(1)},
		{"emergency stretch is the spaces', not the line's", words("b35", "b35", "b90"), 100, "", withEmergency(1)},
		{"forced break", words("b20", "b20") + " f " + words("b20", "b20"), 100, "b20 b20 | b20 b20", passNoHyphens},
		{"forced break at the end of a full line", words("b45", "b45") + " f b30", 100, "b45 b45 | b30", passNoHyphens},
		// total fit: first-fit takes four words on line 1 (shrinking) and
		// leaves line 2 at ratio 5.8; the whole paragraph is even (1.25)
		{"balanced, not first-fit", "b20 g10:6:3 b15 g10:6:3 b30 g10:6:3 b10 g10:6:3 b35 g10:6:3 b20 g10:6:3 b45 g10:6:3 b30", 100, "b20 b15 b30 | b10 b35 b20 | b45 b30", passHyphens},
		{"hyphenation off in the first pass", "b48 " + g + " b30 h b24 " + g + " b40", 92, "", passNoHyphens},
		{"hyphenation point used in the second pass", "b48 " + g + " b30 h b24 " + g + " b40", 92, "b48 b30 | b24 b40", passHyphens},
		{"soft hyphen legal in the first pass", "b48 " + g + " b30 s b24 " + g + " b40", 92, "b48 b30 | b24 b40", passNoHyphens},
		{"a space preferred to an equal hyphen", "b45 " + g + " b44 h b1 " + g + " b50", 100, "b45 b44 b1 | b50", passHyphens},
		{"two hyphenated lines in a row", "b40 " + g + " b45 h b40 " + g + " b45 h b40 " + g + " b45", 100, "b40 b45 | b40 b45 | b40 b45", passHyphens},
		{"never three", "b40 " + g + " b45 h b40 " + g + " b45 h b40 " + g + " b45 h b40 " + g + " b45", 100, "", passHyphens},
		{"nor with a line ending in a spaced hyphen", "b40 " + g + " b45 h b40 " + g + " b45 h b40 " + g + " b45 G10:5:3 b40 " + g + " b45", 100, "", passHyphens},
		{"the last pass never fails for a run of hyphens", "b40 " + g + " b45 h b40 " + g + " b45 h b40 " + g + " b45 h b40 " + g + " b45", 100, "b40 b45 | b40 | b45 b40 | b45 b40 | b45", passLast},
		{"it takes a third where nothing else fits", "b48 h b48 h b48 h b48", 50, "b48 | b48 | b48 | b48", passLast},
		{"an emergency break only when nothing else is left", "b40 " + g + " b30 e b30 " + g + " b60", 100, "b40 | b30 b30 | b60", passFinal},
		{"an emergency break where a word is too long", "b60 e b60", 100, "b60 | b60", passFinal},
		{"but not before the last pass", "b60 e b60", 100, "", passEmergency},
	} {
		es := elems(c.spec)
		lines := knuthPlass(es, func(int) page.Unit { return c.width }, c.p)
		got := ""
		if lines != nil {
			got = lineSpec(es, lines)
		}
		if got != c.want {
			t.Errorf("%s: %q at %d: got %q, want %q", c.name, c.spec, c.width, got, c.want)
		}
	}
}

func withEmergency(k float64) breakParams {
	p := passEmergency
	p.emergency = k
	return p
}

// TestBreakParagraphNeverOverfull: whatever the paragraph, lines are no
// wider than the measure unless a single box is.
func TestBreakParagraphNeverOverfull(t *testing.T) {
	g := "g10:5:3"
	for _, spec := range []string{
		"b30 " + g + " b30 " + g + " b30 " + g + " b30 " + g + " b99 " + g + " b5",
		"b120 " + g + " b20 " + g + " b20",
		"b60 " + g + " b60 " + g + " b60 " + g + " b60",
		"b10 f b10 f b95 " + g + " b95",
	} {
		es := elems(spec)
		for _, justify := range []bool{true, false} {
			es, lines := breakParagraph(es, func(int) page.Unit { return 100 }, justify, nil, nil)
			for _, ln := range lines {
				_, nat := setLine(es, ln, 0, 0, 100, alignLeft)
				var shrink page.Unit
				single := true
				boxes := 0
				for k := ln.start; k < ln.brk && k < len(es); k++ {
					if es[k].kind == glue && justify {
						shrink += es[k].shrink
					}
					if es[k].kind == box {
						boxes++
					}
				}
				single = boxes == 1
				if nat-shrink > 100 && !single {
					t.Errorf("%q (justify %v): line %v is %d wide, over 100", spec, justify, ln, nat-shrink)
				}
			}
		}
	}
}
