package layout_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/parse"
)

// spans returns the text items of doc's pages that belong to a Span
// with an actual text, grouped by that Span, in the order drawn.
func spans(doc *page.Document) (order []int32, items map[int32][]page.Item) {
	items = map[int32][]page.Item{}
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			e := doc.Structure.Get(it.Tag.Elem)
			if it.Kind != page.ItemText || e == nil || e.Type != "Span" || e.ActualText == "" {
				continue
			}
			if items[it.Tag.Elem] == nil {
				order = append(order, it.Tag.Elem)
			}
			items[it.Tag.Elem] = append(items[it.Tag.Elem], it)
		}
	}
	return order, items
}

// TestStructureHyphenatedActualText: the two halves of a word hyphenated
// at a line's end are one Span, in the paragraph, whose actual text is
// the word without the hyphen; no other text is in such a Span.
func TestStructureHyphenatedActualText(t *testing.T) {
	a := &article.Article{Title: "Words", Language: "en", Body: []article.Block{{Kind: article.KindParagraph,
		Text: article.Plain(strings.Repeat("Internationalization considerations notwithstanding, extraordinarily comprehensive documentation accompanies implementations. ", 8))}}}
	doc, err := layout.Layout(context.Background(), a, layout.Options{Columns: 3})
	if err != nil {
		t.Fatal(err)
	}
	checkTagged(t, doc)
	order, items := spans(doc)
	if len(order) == 0 {
		t.Fatal("no hyphenated word is a Span with an actual text")
	}
	for _, n := range order {
		e, halves := doc.Structure.Get(n), items[n]
		if len(halves) != 2 || halves[0].Y == halves[1].Y {
			t.Errorf("Span %q holds %d items, want the two halves on two lines: %v", e.ActualText, len(halves), halves)
			continue
		}
		if !strings.HasSuffix(halves[0].Text, "-") {
			t.Errorf("first half %q has no hyphen", halves[0].Text)
		}
		if want := strings.TrimSuffix(halves[0].Text, "-") + halves[1].Text; e.ActualText != want {
			t.Errorf("%q + %q: actual text %q, want %q", halves[0].Text, halves[1].Text, e.ActualText, want)
		}
		if p := doc.Structure.Get(e.Parent); p == nil || p.Type != "P" {
			t.Errorf("Span %q is not in its paragraph: parent %+v", e.ActualText, p)
		}
	}
	hyphenated := 0 // lines ending in a hyphen
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			if it.Kind == page.ItemText && it.Role == page.RoleBody && strings.HasSuffix(it.Text, "-") {
				hyphenated++
			}
		}
	}
	if hyphenated != len(order) {
		t.Errorf("%d words hyphenated, %d Spans", hyphenated, len(order))
	}
}

// TestStructureArabicActualText: each word of shaped Arabic, drawn as
// presentation forms in visual order, is a Span whose actual text is
// its letters in logical order; the title's too.
func TestStructureArabicActualText(t *testing.T) {
	words := "أضيئت المنارات من جديد على طول الرصيف ليلا"
	a := &article.Article{Title: "منارات", Language: "ar", Body: []article.Block{{Kind: article.KindParagraph, Text: article.Plain(words)}}}
	doc, err := layout.Layout(context.Background(), a, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkTagged(t, doc)
	order, items := spans(doc)
	var got []string
	for _, n := range order {
		e := doc.Structure.Get(n)
		if len(items[n]) != 1 {
			t.Errorf("Span %q holds %d items", e.ActualText, len(items[n]))
		}
		if strings.ContainsRune(items[n][0].Text, '\uFFFD') {
			t.Skip("no font has the Arabic presentation forms")
		}
		if items[n][0].Text == e.ActualText {
			t.Errorf("Span %q: actual text as drawn", e.ActualText)
		}
		got = append(got, e.ActualText)
	}
	// the title first, then the paragraph's words, right to left as
	// drawn: lines are set left to right
	want := append([]string{"منارات"}, reverseWords(strings.Fields(words))...)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("actual texts\n%q\nwant\n%q", got, want)
	}
}

func reverseWords(w []string) []string {
	out := make([]string, len(w))
	for k, s := range w {
		out[len(w)-1-k] = s
	}
	return out
}

// TestStructureTableHeaders: a table with column headers (its header
// row) and row headers (each body row's first cell, a th), cells that
// span rows and columns: each cell is a TH or TD of its row's TR, the
// column headers with /Scope /Column, the row headers /Scope /Row, and
// the spans as RowSpan and ColSpan.
func TestStructureTableHeaders(t *testing.T) {
	cell := func(s string) article.Cell { return article.Cell{Text: article.Plain(s)} }
	head := func(s string) article.Cell { return article.Cell{Text: article.Plain(s), Header: true} }
	a := &article.Article{Title: "Tides", Body: []article.Block{{Kind: article.KindTable, Table: &article.Table{
		Header: [][]article.Cell{{cell("Port"), {Text: article.Plain("Water"), ColSpan: 2}}},
		Rows: [][]article.Cell{
			{head("Dover"), cell("06:12"), {Text: article.Plain("rising"), RowSpan: 2}},
			{head("Calais"), cell("06:40")},
			{{Text: article.Plain("Ostend"), Header: true, Scope: article.ScopeCol}, cell("07:05"), cell("falling")},
		},
	}}}}
	doc, err := layout.Layout(context.Background(), a, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkTagged(t, doc)
	types, texts, nums := readingOrder(doc)
	var got []string
	for k, typ := range types {
		e := doc.Structure.Get(nums[k])
		switch typ {
		case "TR":
			got = append(got, "|")
		case "TH", "TD":
			s := typ + "(" + texts[k] + ")"
			if e.Scope != "" {
				s += "/" + e.Scope
			}
			if e.RowSpan > 1 || e.ColSpan > 1 {
				s += fmt.Sprintf(" %dx%d", e.RowSpan, e.ColSpan)
			}
			got = append(got, s)
		}
	}
	want := "| TH(Port)/Column TH(Water)/Column 1x2 | TH(Dover)/Row TD(06:12) TD(rising) 2x1 | TH(Calais)/Row TD(06:40) | TH(Ostend)/Column TD(07:05) TD(falling)"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("table cells\n%s\nwant\n%s", g, want)
	}
}

// TestStructureFormulas: a display formula is a Formula element of the
// article, an inline one a Formula inside its paragraph, read between
// the words around it; each has its TeX source as alternate text and
// holds the items that draw it, and only those.
func TestStructureFormulas(t *testing.T) {
	md := "---\ntitle: Energy\n---\n\nEinstein's $E = mc^2$ is famous, and so is this:\n\n$$\nx = \\frac{-b \\pm \\sqrt{b^2-4ac}}{2a}\n$$\n"
	arts, err := parse.Parse([]byte(md), parse.Options{Name: "energy.md"})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := layout.Layout(context.Background(), arts[0], layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkTagged(t, doc)
	var got []string
	for _, p := range doc.Pages {
		prev := int32(-1)
		for _, it := range p.Items {
			e := doc.Structure.Get(it.Tag.Elem)
			if it.Kind != page.ItemText || e == nil || it.Tag.Elem == prev {
				continue
			}
			prev = it.Tag.Elem
			switch e.Type {
			case "Formula":
				got = append(got, "Formula("+e.Alt+") in "+doc.Structure.Get(e.Parent).Type)
			case "P":
				got = append(got, "P("+it.Text+")")
			}
		}
	}
	want := []string{"P(Einstein's)", "Formula(E = mc^2) in P", "P(is)", "Formula(x = \\frac{-b \\pm \\sqrt{b^2-4ac}}{2a}) in Art"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("content\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, e := range doc.Structure {
		if e.Type == "Formula" && e.Inline != (doc.Structure.Get(e.Parent).Type == "P") {
			t.Errorf("formula %q: inline %v in %s", e.Alt, e.Inline, doc.Structure.Get(e.Parent).Type)
		}
	}
}
