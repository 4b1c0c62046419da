package layout

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/unicode/bidi"

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

func TestBidiVisualOrder(t *testing.T) {
	words := []string{"שלום", "Harbour", "Works", "עולם", "120", "סוף"}
	var es []elem
	for i, w := range words {
		if i > 0 {
			es = append(es, elem{kind: glue, w: 3})
		}
		es = append(es, elem{kind: box, w: 10, frags: []frag{{text: w, w: 10}}})
	}
	rtl := boxDirections(es)
	var got []string
	for _, k := range visualOrder(es, rtl, 0, len(es)) {
		if es[k].kind == box {
			fr := es[k].frags
			if rtl[k] {
				fr = reversedFrags(fr)
			}
			got = append(got, fr[0].text)
		}
	}
	// drawn from the left: the last word first; Latin and numbers keep
	// their order, Hebrew words are reversed for drawing
	want := "ףוס 120 םלוע Harbour Works םולש"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("visual order %q, want %q", s, want)
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
			var body []Item
			for _, it := range doc.Pages[0].Items {
				if it.Kind == ItemText && it.Role == RoleBody {
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
			if d := rightEdge - (right.X + right.W); d < -Pt(1) || d > Pt(1) {
				t.Errorf("first line ends %s from the right margin", d)
			}
		})
	}
}
