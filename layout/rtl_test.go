package layout

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/bidi"

	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/parse"
)

func TestShapeArabic(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"سلام", "\uFEB3\uFEFC\uFEE1"},       // seen initial, lam-alef final, meem isolated
		{"محمد", "\uFEE3\uFEA4\uFEE4\uFEAA"}, // initial, medial, medial, final
		{"بَيت", "\uFE91\u064E\uFEF4\uFE96"}, // a fatha does not break the joining
		{"دار", "\uFEA9\uFE8D\uFEAD"},        // dal and alef join only to the letter before: none joins
		{"لا", "\uFEFB"},                     // lam-alef isolated
		{"harbour 12", "harbour 12"},
	} {
		if got := shapeArabic(c.in); got != c.want {
			t.Errorf("%q: %+q, want %+q", c.in, got, c.want)
		}
	}
}

// drawn returns text, words set in a paragraph at base direction rtl,
// as one line draws it from the left: each frag's text, reversed at an
// odd level, and a space for each glue.
func drawn(t *testing.T, text string, rtl bool) string {
	t.Helper()
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	face := set.Face(fonts.Serif, fonts.Regular)
	var es []elem
	for i, w := range strings.Fields(text) {
		if i > 0 {
			es = append(es, elem{kind: glue, w: page.Pt(3)})
		}
		f := frag{text: w, face: face, size: page.Pt(10)}
		f.measure()
		es = append(es, makeBox([]frag{f}))
	}
	es = withLevels(es, rtl)
	spans := lineSpans(es, 0, len(es), false)
	visualOrder(spans)
	var b strings.Builder
	for _, s := range spans {
		e := es[s.k]
		if e.kind == glue {
			b.WriteByte(' ')
			continue
		}
		f := e.frags[s.i]
		if f.level%2 == 1 {
			f.text = reversed(f.text)
		}
		b.WriteString(f.text)
	}
	return b.String()
}

// TestVisualOrder puts lines of mixed directions in the order they are
// drawn (UAX #9 rule L2): right-to-left words run from the right, their
// letters reversed; left-to-right words and numbers keep their order;
// punctuation between runs takes the paragraph's direction; brackets
// and guillemets mirror.
func TestVisualOrder(t *testing.T) {
	for _, c := range []struct {
		text string
		rtl  bool
		want string
	}{
		{"Hebrew: שלום עולם, and numbers 123 in it.", false, "Hebrew: םלוע םולש, and numbers 123 in it."},
		{"Arabic: الميناء مزدحم اليوم. End", false, "Arabic: مويلا محدزم ءانيملا. End"},
		// a number inside right-to-left text keeps its order and place
		{"sign: الرصيف 2024 مغلق today", false, "sign: قلغم 2024 فيصرلا today"},
		{"sign: שלום 1,000.50 עולם", false, "sign: םלוע 1,000.50 םולש"},
		{"see שלום 12 34 עולם", false, "see םלוע 34 12 םולש"},
		{"رقم ١٢٣ هنا", false, "انه ١٢٣ مقر"},
		// a number after left-to-right text is left to right
		{"page 12 שלום", false, "page 12 םולש"},
		// right-to-left paragraphs
		{"שלום Harbour Works עולם 120 סוף", true, "ףוס 120 םלוע Harbour Works םולש"},
		{"שלום עולם.", true, ".םלוע םולש"},
		{"(שלום) end", true, "end (םולש)"},
		{"«שלום» עולם", true, "םלוע «םולש»"},
		{"Harbour Works", true, "Harbour Works"},
		// left to right, nothing to resolve
		{"Harbour (Works) 12", false, "Harbour (Works) 12"},
	} {
		if got := drawn(t, c.text, c.rtl); got != c.want {
			t.Errorf("%q (rtl %v) drawn %q, want %q", c.text, c.rtl, got, c.want)
		}
	}
}

// TestReversedKeepsMarks: a right-to-left word drawn from the left keeps
// each mark after its letter, so that the mark is drawn on it.
func TestReversedKeepsMarks(t *testing.T) {
	in := shapeArabic("بَيت") // beh, fatha, yeh, teh
	if got, want := reversed(in), "\uFE96\uFEF4\uFE91\u064E"; got != want {
		t.Errorf("reversed %+q: %+q, want %+q", in, got, want)
	}
}

// TestLevelsOnlyForBidiText: a paragraph without right-to-left text is
// not resolved: its elems come back as they were.
func TestLevelsOnlyForBidiText(t *testing.T) {
	es := []elem{makeBox([]frag{{text: "Harbour"}}), {kind: glue}, makeBox([]frag{{text: "(Works)"}})}
	if got := withLevels(es, false); &got[0] != &es[0] {
		t.Errorf("a left-to-right paragraph was copied for resolving")
	}
}

// TestRightToLeftArticles lays out a Hebrew and an Arabic article right to
// left: each paragraph's first line starts at the right margin with its
// first word (Arabic joined into presentation forms). It needs installed
// fonts with Hebrew and the Arabic forms (DejaVu Sans, which .ci/run
// installs).
func TestRightToLeftArticles(t *testing.T) {
	for _, c := range []struct {
		file, firstWord string
		cols            int
	}{
		{"hebrew.md", "המנורות", 1},
		{"arabic.md", "أضيئت", 1},
		{"arabic.md", "أضيئت", 2}, // the first column is the right-hand one
	} {
		cols := c.cols
		t.Run(fmt.Sprintf("%s in %d", c.file, cols), func(t *testing.T) {
			data, err := os.ReadFile("../testdata/rtl/" + c.file)
			if err != nil {
				t.Fatal(err)
			}
			arts, err := parse.Parse(data, parse.Options{Name: c.file})
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Layout(context.Background(), arts[0], Options{Columns: cols})
			if err != nil {
				t.Fatal(err)
			}
			if errs := doc.Verify(); len(errs) > 0 {
				t.Fatalf("layout invariants: %v", errs)
			}
			var body []page.Item
			for _, it := range doc.Pages[0].Items {
				if it.Kind == page.ItemText && it.Role == page.RoleBody {
					if strings.ContainsRune(it.Text, '\uFFFD') {
						t.Skip("no installed font has the script")
					}
					body = append(body, it)
				}
			}
			if len(body) == 0 {
				t.Fatal("no body text")
			}
			first := body[0]
			right := first
			for _, it := range body {
				if it.Y == first.Y && it.X > right.X {
					right = it
				}
			}
			want := bidi.ReverseString(shapeArabic(c.firstWord))
			if right.Text != want {
				t.Errorf("rightmost word of the first line %+q, want the paragraph's first word shaped and drawn reversed, %+q", right.Text, want)
			}
			rightEdge := doc.Pages[0].Size.W - doc.Margins.Right
			if d := rightEdge - (right.X + right.W); d < -page.Pt(1) || d > page.Pt(1) {
				t.Errorf("first line ends %s from the right margin", d)
			}
		})
	}
}

// TestMixedDirections lays out an English article with Arabic and Hebrew
// in it. In an English line, the Arabic words run from the right, a
// number among them keeping its digits' order, and the English words from
// the left; a paragraph that says it is right to left (dir="rtl"), or
// says nothing and is all Arabic, is set from the right margin; one that
// says it is left to right (dir="ltr") from the left, its Arabic in visual
// order. A list item in Arabic has its marker on its right. It needs installed fonts with Hebrew and the Arabic forms (DejaVu
// Sans, which .ci/run installs).
func TestMixedDirections(t *testing.T) {
	src := `<html lang="en"><head><title>Harbour notes</title></head><body><article><h1>Harbour notes</h1>
<p>The log says: الميناء مزدحم 2024 اليوم. And then שלום עולם, it ends.</p>
<h2>Right to left</h2>
<p dir="rtl">السفن كثيرة</p>
<h2>All Arabic</h2>
<p>الرصيف مغلق</p>
<h2>Left to right</h2>
<p dir="ltr">الرصيف مغلق</p>
<p>The ships waited outside the breakwater for most of the morning, and the pilots worked in pairs.</p>
<ul><li>First item</li><li>البند الثاني</li></ul>
</article></body></html>`
	arts, err := parse.Parse([]byte(src), parse.Options{Name: "a.html"})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Layout(context.Background(), arts[0], Options{})
	if err != nil {
		t.Fatal(err)
	}
	if errs := doc.Verify(); len(errs) > 0 {
		t.Fatalf("layout invariants: %v", errs)
	}
	// the body's lines, top to bottom, each its items from the left
	var lines [][]page.Item
	for _, it := range doc.Pages[0].Items {
		if it.Kind != page.ItemText || it.Role != page.RoleBody {
			continue
		}
		if strings.ContainsRune(it.Text, '\uFFFD') {
			t.Skip("no installed font has the scripts")
		}
		if n := len(lines); n > 0 && lines[n-1][0].Y == it.Y {
			lines[n-1] = append(lines[n-1], it)
		} else {
			lines = append(lines, []page.Item{it})
		}
	}
	if len(lines) < 5 {
		t.Fatalf("%d body lines, want 5 or more", len(lines))
	}
	// x returns the left edge of the item drawing word w on line l
	// (right-to-left words drawn reversed), or -1.
	x := func(l int, w string) page.Unit {
		want := w
		if rtl, _ := strongRTL(w); rtl {
			want = reversed(shapeArabic(w))
		}
		for _, it := range lines[l] {
			if strings.Contains(it.Text, want) {
				return it.X
			}
		}
		t.Errorf("line %d has no %q (%+q)", l, w, want)
		return -1
	}
	inOrder := func(l int, words ...string) {
		for i := 1; i < len(words); i++ {
			if a, b := x(l, words[i-1]), x(l, words[i]); a >= b {
				t.Errorf("line %d: %q at %s is not left of %q at %s", l, words[i-1], a, words[i], b)
			}
		}
	}
	// visually: The log says: اليوم 2024 مزدحم الميناء. And then עולם שלום, it ends.
	inOrder(0, "The", "log", "says:", "اليوم", "2024", "مزدحم", "الميناء", "And", "then", "עולם", "שלום", "it", "ends.")
	left := doc.Margins.Left
	right := doc.Pages[0].Size.W - doc.Margins.Right
	edges := func(l int) (page.Unit, page.Unit) {
		lo, hi := lines[l][0].X, page.Unit(0)
		for _, it := range lines[l] {
			lo, hi = min(lo, it.X), max(hi, it.X+it.W)
		}
		return lo, hi
	}
	near := func(a, b page.Unit) bool { return a-b < page.Pt(1) && b-a < page.Pt(1) }
	for _, c := range []struct {
		line        int
		first, last string // the words from the left
		rtl         bool
	}{
		{1, "كثيرة", "السفن", true},  // dir="rtl"
		{2, "مغلق", "الرصيف", true},  // all Arabic
		{3, "مغلق", "الرصيف", false}, // dir="ltr"
	} {
		inOrder(c.line, c.first, c.last)
		lo, hi := edges(c.line)
		if c.rtl && (!near(hi, right) || near(lo, left)) {
			t.Errorf("line %d, right to left, runs from %s to %s: want it at the right margin %s", c.line, lo, hi, right)
		}
		if !c.rtl && (!near(lo, left) || near(hi, right)) {
			t.Errorf("line %d, left to right, runs from %s to %s: want it at the left margin %s", c.line, lo, hi, left)
		}
	}
	// the list's bullets: left of an English item, right of an Arabic one
	for _, c := range []struct {
		word string
		rtl  bool
	}{{"First", false}, {"الثاني", true}} {
		want := c.word
		if c.rtl {
			want = reversed(shapeArabic(c.word))
		}
		var text, bullet *page.Item
		for i, it := range doc.Pages[0].Items {
			if it.Kind == page.ItemText && strings.Contains(it.Text, want) {
				text = &doc.Pages[0].Items[i]
			}
		}
		if text == nil {
			t.Errorf("no list item %q", c.word)
			continue
		}
		for i, it := range doc.Pages[0].Items {
			if it.Kind == page.ItemText && it.Text == "•" && it.Y == text.Y {
				bullet = &doc.Pages[0].Items[i]
			}
		}
		switch {
		case bullet == nil:
			t.Errorf("list item %q has no bullet", c.word)
		case c.rtl && bullet.X < text.X+text.W, !c.rtl && bullet.X+bullet.W > text.X:
			t.Errorf("list item %q at %s–%s has its bullet at %s, want it on its %s", c.word, text.X, text.X+text.W, bullet.X, map[bool]string{false: "left", true: "right"}[c.rtl])
		}
	}
}

// FuzzWithLevels: any text resolves without a panic, keeps its
// characters (frags cut, never changed), and every line's visual order
// is a permutation of its spans.
func FuzzWithLevels(f *testing.F) {
	for _, s := range []string{"Arabic: الميناء 12 اليوم.", "(שלום) «x» 1,000 ١٢٣", "\u202Bab\u202C\u2067ש\u2069 \u2029 a\u0300", "a\u200Fb\u00AD1"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	set, err := fonts.Default()
	if err != nil {
		f.Fatal(err)
	}
	face := set.Face(fonts.Serif, fonts.Regular)
	f.Fuzz(func(t *testing.T, text string, rtl bool) {
		var es []elem
		for i, w := range strings.Fields(text) {
			if i > 0 {
				es = append(es, elem{kind: glue})
			}
			es = append(es, makeBox([]frag{{text: w, face: face, size: page.Pt(10)}}))
		}
		out := withLevels(es, rtl)
		if len(out) != len(es) {
			t.Fatalf("%d elems, want %d", len(out), len(es))
		}
		for i := range es {
			if boxText(out[i]) != boxText(es[i]) {
				t.Fatalf("box %d: %q, want %q", i, boxText(out[i]), boxText(es[i]))
			}
		}
		spans := lineSpans(out, 0, len(out), true)
		seen := map[span]bool{}
		for _, s := range spans {
			seen[span{k: s.k, i: s.i}] = true
		}
		visualOrder(spans)
		for _, s := range spans {
			if !seen[span{k: s.k, i: s.i}] {
				t.Fatalf("span %v is not the line's", s)
			}
			delete(seen, span{k: s.k, i: s.i})
		}
		if len(seen) > 0 {
			t.Fatalf("spans %v lost", seen)
		}
	})
}

// TestMayBeRTL: the quick check hasRTL makes before a lookup lets through
// every character of a class that makes a paragraph bidirectional.
func TestMayBeRTL(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.R, bidi.AL, bidi.AN, bidi.RLE, bidi.RLO, bidi.RLI:
			if !mayBeRTL(r) {
				t.Fatalf("%U, of class %v, is not let through", r, p.Class())
			}
		}
	}
}
