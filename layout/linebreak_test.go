package layout

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/hyphen"
	"github.com/galleyprint/galley/page"
)

// Paragraphs for the breaker tables are written compactly: "b5" a box 5
// wide, "g2" glue 2 wide (stretch 1, shrink 1), "g10:5:3" glue 10 wide
// with stretch 5 and shrink 3 ("G10:5:3" after a spaced hyphen), "p" a
// break opportunity, "e" an emergency break, "f" a forced break, "h" a
// hyphenation point and "s" a soft hyphen (hyphen 1 wide).
func elems(spec string) []elem {
	var out []elem
	for _, tok := range strings.Fields(spec) {
		var n int
		fmt.Sscanf(tok[1:], "%d", &n)
		switch tok[0] {
		case 'b':
			out = append(out, elem{kind: box, w: page.Unit(n), frags: []frag{{text: tok, w: page.Unit(n)}}})
		case 'g', 'G': // G: glue after a word ending in a hyphen (a spaced "-")
			var st, sh page.Unit = 1, 1
			fmt.Sscanf(tok[1:], "%d:%d:%d", &n, &st, &sh)
			out = append(out, elem{kind: glue, w: page.Unit(n), stretch: st, shrink: sh, flagged: tok[0] == 'G'})
		case 'p':
			out = append(out, elem{kind: penalty, penalty: 50})
		case 'f':
			out = append(out, elem{kind: penalty, penalty: forcedPenalty})
		case 'e': // an emergency break, hyphen 1 wide
			out = append(out, elem{kind: penalty, penalty: emergencyPenalty, w: 1, emergency: true, hyphen: &frag{text: "-", w: 1}})
		case 'h', 's': // a hyphenation point (h found by the hyphenator, s a soft hyphen), hyphen 1 wide
			out = append(out, elem{kind: penalty, penalty: 50, w: 1, flagged: true, auto: tok[0] == 'h',
				hyphen: &frag{text: "-", w: 1}})
		}
	}
	return out
}

// lineSpec renders lines as "b5 b5 | b3" for comparison.
func lineSpec(es []elem, lines []line) string {
	var parts []string
	for _, ln := range lines {
		var words []string
		for k := ln.start; k < ln.brk && k < len(es); k++ {
			if es[k].kind == box {
				words = append(words, es[k].frags[0].text)
			}
		}
		parts = append(parts, strings.Join(words, " "))
	}
	return strings.Join(parts, " | ")
}

func TestBreakGreedy(t *testing.T) {
	for _, c := range []struct {
		spec  string
		width page.Unit
		want  string
	}{
		{"b5", 10, "b5"},
		{"b5 g2 b5", 12, "b5 b5"},
		{"b5 g2 b5", 11, "b5 b5"}, // glue shrinks by 1
		{"b5 g2 b5", 10, "b5 | b5"},
		{"b5 g2 b5 g2 b5", 12, "b5 b5 | b5"},
		{"b3 g1 b3 g1 b3 g1 b3", 7, "b3 b3 | b3 b3"},
		{"b5 f b5", 100, "b5 | b5"},
		{"b4 p b4", 6, "b4 | b4"},
		{"b4 p b4", 8, "b4 b4"},
		{"b20 g2 b3", 10, "b20 | b3"}, // an overlong box stands alone
		{"g2 b3 g2", 10, "b3"},
		{"", 10, ""},
	} {
		es := elems(c.spec)
		got := lineSpec(es, breakGreedy(es, func(int) page.Unit { return c.width }, true))
		if got != c.want {
			t.Errorf("breakGreedy(%q, %d) = %q, want %q", c.spec, c.width, got, c.want)
		}
	}
}

func TestSetLineJustifies(t *testing.T) {
	for _, c := range []struct {
		spec      string
		width     page.Unit
		align     alignment
		forced    bool
		wantFirst page.Unit // x of the last box
	}{
		{"b5 g2 b5", 20, alignJustify, false, 15},
		{"b5 g2 b5", 20, alignJustify, true, 7}, // a last line is not stretched
		{"b5 g2 b5", 20, alignLeft, false, 7},
		{"b5 g2 b5", 20, alignRight, false, 15},
		{"b5 g2 b5", 20, alignCenter, false, 11},
		{"b5 g2 b5", 11, alignJustify, true, 6}, // an overfull last line shrinks
	} {
		es := elems(c.spec)
		items, _ := setLine(es, line{start: 0, brk: len(es), forced: c.forced}, 0, 0, c.width, c.align)
		if got := items[len(items)-1].X; got != c.wantFirst {
			t.Errorf("setLine(%q, %d, align %d, forced %v): last box at %d, want %d", c.spec, c.width, c.align, c.forced, got, c.wantFirst)
		}
	}
}

// TestSplitOverlong: a box wider than the line breaks at its hyphenation
// points, with a hyphen, where it has them; where a piece is still too
// wide, anywhere, with a hyphen in a word and without in an address, and
// those breaks are counted; the lines hold the text and fit.
func TestSplitOverlong(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := &shaper{fonts: set, missing: map[rune]int{}}
	rs := runStyle{fam: fonts.Serif, size: page.Pt(10)}
	compound := "Donaudampfschifffahrtsgesellschaftskapitänswitwe"
	for _, c := range []struct {
		lang, text string
		width      page.Unit
		emergency  bool   // some line ends at no hyphenation point
		lines      string // the lines, when given
	}{
		{"", strings.Repeat("x", 5000), page.Pt(300), true, ""},
		// a URL breaks after its slashes without being split
		{"en", "https://example.com/a/very/long/path/that/goes/on/and/on/index.html?query=1&b=2", page.Pt(120), false, ""},
		// its own rules: before a dot, hyphen or underscore, after a colon
		{"en", "https://www.example-site.com/a_very_long_path_name_that_goes_on.html", page.Pt(60), false, ""},
		{"", strings.Repeat("Wi", 300), page.Pt(50), true, ""},
		// a compound at its hyphenation points, each line ending in a hyphen
		{"de", compound, page.Pt(100), false, "Donaudampfschiff-|fahrtsgesellschafts-|kapitänswitwe"},
		// (rather than "Die Donau-" with a hole between its words)
		{"de", "Die " + compound + " kam.", page.Pt(100), false, "Die|Donaudampfschiff-|fahrtsgesellschafts-|kapitänswitwe kam."},
		// a word of the language without patterns: anywhere, with a hyphen
		{"cs", "nejneobhospodařovávatelnějšími", page.Pt(60), true, ""},
	} {
		s.hyph = hyphen.For(c.lang)
		es := splitOverlong(s.paragraph(article.Plain(c.text), rs), c.width, s.hyph)
		es, lines := breakParagraph(es, func(int) page.Unit { return c.width }, true, s.hyph, nil)
		if n, _ := emergencyBreaks(es, lines); (n > 0) != c.emergency {
			t.Errorf("%.20q: %d emergency breaks, want some: %v", c.text, n, c.emergency)
		}
		var text strings.Builder
		var got []string
		for k, ln := range lines {
			items, nat := setLine(es, ln, 0, 0, c.width, alignLeft)
			if nat > c.width {
				t.Errorf("%.20q: line %d is %s wide, over the measure %s", c.text, k, nat, c.width)
			}
			var l strings.Builder
			for i, it := range items {
				if i > 0 {
					l.WriteString(" ")
				}
				l.WriteString(it.Text)
			}
			got = append(got, l.String())
			hyphenated := ln.brk < len(es) && es[ln.brk].hyphen != nil
			inWord := ln.brk < len(es) && es[ln.brk].kind == penalty
			isURL := strings.Contains(c.text, "://")
			if inWord && hyphenated == isURL {
				t.Errorf("%.20q: line %d %q: hyphen %v", c.text, k, l.String(), hyphenated)
			}
			if hyphenated {
				text.WriteString(strings.TrimSuffix(strings.Join(strings.Fields(l.String()), " "), "-"))
			} else {
				text.WriteString(l.String())
			}
			if k < len(lines)-1 && es[ln.brk].kind == glue {
				text.WriteString(" ")
			}
		}
		if text.String() != c.text {
			t.Errorf("%.20q: the lines hold %.60q…, not the text", c.text, text.String())
		}
		if c.lines != "" && strings.Join(got, "|") != c.lines {
			t.Errorf("%.20q: lines %q, want %q", c.text, strings.Join(got, "|"), c.lines)
		}
	}
}

func TestPaginateKeeps(t *testing.T) {
	for _, c := range []struct {
		name  string
		boxes []vbox
		h     page.Unit
		want  string // box indices per page
	}{
		{"fits", []vbox{{h: 10}, {h: 10}}, 30, "0 1"},
		{"breaks", []vbox{{h: 10}, {h: 10}, {h: 10}}, 25, "0 1 | 2"},
		{"keep moves the kept box along", []vbox{{h: 10}, {h: 10, keep: true}, {h: 10}}, 25, "0 | 1 2"},
		{"space dropped at the page top", []vbox{{h: 10}, {h: 10, before: 50}}, 25, "0 | 1"},
		{"a keep chain taller than a page breaks", []vbox{{h: 10, keep: true}, {h: 10, keep: true}, {h: 10}}, 15, "0 | 1 | 2"},
		{"a box taller than the page stands alone", []vbox{{h: 10}, {h: 40}, {h: 10}}, 25, "0 | 1 | 2"},
	} {
		var pages []string
		for _, pg := range paginate(c.boxes, c.h) {
			var ids []string
			for _, p := range pg {
				ids = append(ids, fmt.Sprint(p.box))
			}
			pages = append(pages, strings.Join(ids, " "))
		}
		if got := strings.Join(pages, " | "); got != c.want {
			t.Errorf("%s: paginate = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestParseSize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // "WxH" in points, or "error"
	}{
		{"", "595.28x841.89"},
		{"A4", "595.28x841.89"},
		{"letter", "612.00x792.00"},
		{"Legal", "612.00x1008.00"},
		{"a5", "419.53x595.28"},
		{"A4-landscape", "841.89x595.28"},
		{"210x297mm", "595.28x841.89"},
		{"8.5x11in", "612.00x792.00"},
		{"400x600pt", "400.00x600.00"},
		{"10x15cm", "283.47x425.20"},
		{"210x297", "error"},
		{"1x1mm", "error"},
		{"A9", "error"},
		{"-5x10in", "error"},
	} {
		s, err := page.ParseSize(c.in)
		got := "error"
		if err == nil {
			got = s.W.String() + "x" + s.H.String()
		}
		if got != c.want {
			t.Errorf("ParseSize(%q) = %s (%v), want %s", c.in, got, err, c.want)
		}
	}
}

func TestParseMargins(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"20mm", "56.69 56.69 56.69 56.69"},
		{"1in,0.5in", "72.00 36.00 72.00 36.00"},
		{"10 20 30mm", "28.34 56.69 85.05 56.69"},
		{"1pt 2pt 3pt 4pt", "1.00 2.00 3.00 4.00"},
		{"", "error"},
		{"10", "error"},
		{"1 2 3 4 5mm", "error"},
	} {
		m, err := page.ParseMargins(c.in)
		got := "error"
		if err == nil {
			got = fmt.Sprintf("%s %s %s %s", m.Top, m.Right, m.Bottom, m.Left)
		}
		if got != c.want {
			t.Errorf("ParseMargins(%q) = %s (%v), want %s", c.in, got, err, c.want)
		}
	}
}

func TestBreakGreedyRaggedDoesNotShrink(t *testing.T) {
	es := elems("b5 g2 b5")
	if got := lineSpec(es, breakGreedy(es, func(int) page.Unit { return 11 }, false)); got != "b5 | b5" {
		t.Errorf("ragged lines shrank their glue: %q", got)
	}
}

func TestInvisibleCharactersLeftOut(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	// no installed fonts, in this test only: the default set is shared
	system := set.System
	t.Cleanup(func() { set.System = system })
	set.System = fonts.NewSystemFonts(t.TempDir())
	s := &shaper{fonts: set, missing: map[rune]int{}}
	rs := runStyle{fam: fonts.Serif, size: page.Pt(10)}
	// a zero-width joiner, a variation selector and a direction mark
	var text strings.Builder
	for _, f := range s.frags("a\u200Db\uFE0Fc\u200Fd", rs) {
		text.WriteString(f.text)
	}
	// the font may have zero-width glyphs for them; nothing else prints
	visible := strings.Map(func(r rune) rune {
		if invisible(r) {
			return -1
		}
		return r
	}, text.String())
	if visible != "abcd" || strings.ContainsRune(text.String(), '\uFE0F') {
		t.Errorf("printed %q, want %q and no variation selector", text.String(), "abcd")
	}
	if len(s.missing) != 0 {
		t.Errorf("missing %v, want nothing reported", s.missing)
	}
}

// TestLetterSpacing: a justified line whose spaces must open past their
// stretch opens its letters a little too (never more than maxTrack), and
// its spaces less; a line within its spaces' stretch, code and words of
// scripts whose letters join are never letter-spaced.
func TestLetterSpacing(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := &shaper{fonts: set, missing: map[rune]int{}}
	rs := runStyle{fam: fonts.Serif, size: page.Pt(10)}
	es := s.paragraph(article.Text{{Text: "loose wo"}, {Text: "rds ", Italic: true}, {Text: "code", Code: true}, {Text: " مرحبا here"}}, rs)
	var nat, st, space page.Unit
	spaces := 0
	for _, e := range es {
		nat += e.w
		if e.kind == glue {
			st += e.stretch
			space = e.w
			spaces++
		}
	}
	for _, c := range []struct {
		width   page.Unit
		tracked bool
	}{{nat + st/2, false}, {nat + st*3, true}, {nat + st*100, true}} {
		items, _ := setLine(es, line{start: 0, brk: len(es)}, 0, 0, c.width, alignJustify)
		var gaps []page.Unit
		for i, it := range items {
			if i > 0 {
				gaps = append(gaps, it.X-items[i-1].X-items[i-1].W)
			}
			plain := frag{text: it.Text, face: it.Face, size: it.Size}
			plain.measure()
			extra := it.W - plain.w
			if r, _ := utf8.DecodeRuneInString(it.Text); it.Text == "code" || isRTLRune(r) || !c.tracked {
				if extra != 0 && it.Text != "code" {
					t.Errorf("width %s: %q letter-spaced by %s", c.width, it.Text, extra)
				}
				continue
			}
			n := page.Unit(len([]rune(it.Text)))
			if it.Text != "rds" {
				n-- // a word part that goes on a word has the space before it too
			}
			if extra <= 0 || extra > scale(maxTrack, rs.size)*n+n {
				t.Errorf("width %s: %q letter-spaced by %s, want some up to %s", c.width, it.Text, extra, scale(maxTrack, rs.size)*n)
			}
		}
		if end := items[len(items)-1].X + items[len(items)-1].W; end != c.width {
			t.Errorf("width %s: the line ends at %s", c.width, end)
		}
		// the spaces open less than they would without letter spacing
		var sum page.Unit
		for _, g := range gaps {
			sum += g
		}
		if without := space*page.Unit(spaces) + c.width - nat; c.tracked && sum >= without || !c.tracked && sum != without {
			t.Errorf("width %s: spaces of %s in all, %s without letter spacing", c.width, sum, without)
		}
	}
}

// TestWordBreaks: where a word breaks without hyphenation: after its own
// hyphens, dashes, slashes and colons before a letter, after a hyphen or
// dash between digits, and an address where the Chicago Manual breaks a
// URL; never inside code.
func TestWordBreaks(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := &shaper{fonts: set, missing: map[rune]int{}}
	for _, c := range []struct {
		text article.Text
		want string
	}{
		{article.Plain("well-known and/or Markets:Agriculture"), "well-|known and/|or Markets:|Agriculture"},
		{article.Plain("ISBN 978-0-478-40864-5, 1990–2000"), "ISBN 978-|0-|478-|40864-|5, 1990–|2000"},
		{article.Plain("12:30 -5 e-"), "12:30 -5 e-"},
		{article.Plain("https://www.example-site.com/a_path/page?q=1&r=2"), "https://|www|.example|-site|.com|/a|_path|/page|?q|=|1|&|r|=|2"},
		{article.Plain("doi:10.1093/acref/978"), "doi:|10|.1093|/acref|/978"},
		{article.Text{{Text: "well-known/path", Code: true}}, "well-known/path"},
	} {
		var b strings.Builder
		for _, e := range s.paragraph(c.text, runStyle{fam: fonts.Serif, size: page.Pt(10)}) {
			switch e.kind {
			case box:
				b.WriteString(boxText(e))
			case glue:
				b.WriteString(" ")
			case penalty:
				b.WriteString("|")
			}
		}
		if got := b.String(); got != c.want {
			t.Errorf("%q: %q, want %q", c.text.Plain(), got, c.want)
		}
	}
}

// TestJoinIntsBounded: a warning lists at most maxListedPages page
// numbers and says how many more there are.
func TestJoinIntsBounded(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{
		{0, ""},
		{3, "1, 2, 3"},
		{12, "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12"},
		{5000, "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, and 4988 more"},
	} {
		ns := make([]int, c.n)
		for i := range ns {
			ns[i] = i + 1
		}
		if got := joinInts(ns); got != c.want {
			t.Errorf("%d pages: %q, want %q", c.n, got, c.want)
		}
	}
}

// TestAddressesNotHyphenated: the pieces of an address (www., doi:,
// ://, a long path) and code are boxes the hyphenator leaves alone, and
// words beside them, ASCII or not, are not.
func TestAddressesNotHyphenated(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := &shaper{fonts: set, missing: map[rune]int{}}
	rs := runStyle{fam: fonts.Serif, size: page.Pt(10)}
	addresses := []string{"www.examplesite.com", "doi:10.1000.182", "https://example.org/x", "a/very/long/path/name/of/files/here", "configuration"}
	words := []string{"Visit", "unbelievable", "extraordinary", "naïveté", "remarkable", "understanding"}
	text := article.Text{
		{Text: "Visit " + addresses[0] + " unbelievable " + addresses[1] + " extraordinary " + addresses[2] + " naïveté\u2003remarkable "},
		{Text: addresses[4], Code: true},
		{Text: " " + addresses[3] + " understanding"},
	}
	boxes, found := 0, 0
	for _, e := range s.paragraph(text, rs) {
		if e.kind != box {
			continue
		}
		boxes++
		w := boxText(e)
		if slices.Contains(words, w) {
			found++
			if !e.hyphenable {
				t.Errorf("word %q: not hyphenable", w)
			}
			continue
		}
		if !slices.ContainsFunc(addresses, func(a string) bool { return strings.Contains(a, w) }) {
			t.Errorf("box %q: of no word or address", w)
		}
		if e.hyphenable {
			t.Errorf("%q of an address or code: hyphenable", w)
		}
	}
	if found != len(words) || boxes <= len(words)+len(addresses) {
		t.Errorf("%d boxes, %d of the %d words: want each word and the addresses in pieces", boxes, found, len(words))
	}
}
