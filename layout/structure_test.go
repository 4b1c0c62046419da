package layout_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/page"
)

// readingOrder returns the document's elements in reading order (the
// structure tree walked depth first, each element's kids in the order
// made), each with the text of its items joined by spaces.
func readingOrder(doc *page.Document) (types []string, texts []string, nums []int32) {
	text := map[int32][]string{}
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			if it.Kind == page.ItemText && it.Tag.Elem > 0 {
				text[it.Tag.Elem] = append(text[it.Tag.Elem], it.Text)
			}
		}
	}
	kids := map[int32][]int32{}
	for i, e := range doc.Structure {
		kids[e.Parent] = append(kids[e.Parent], int32(i+1))
	}
	var walk func(n int32)
	walk = func(n int32) {
		for _, k := range kids[n] {
			types = append(types, doc.Structure.Get(k).Type)
			texts = append(texts, strings.Join(text[k], " "))
			nums = append(nums, k)
			walk(k)
		}
	}
	walk(0)
	return types, texts, nums
}

// checkTagged fails unless every item of doc is tagged: text and images
// with an element of the document's structure, or as artifacts.
func checkTagged(t *testing.T, doc *page.Document) {
	t.Helper()
	for pi, p := range doc.Pages {
		for _, it := range p.Items {
			if it.Kind == page.ItemLink || it.Tag.Artifact {
				continue
			}
			if doc.Structure.Get(it.Tag.Elem) == nil {
				t.Errorf("page %d: %s item %q (%s) has no element", pi+1, it.Kind, it.Text, it.Role)
			}
		}
	}
}

// TestStructureReadingOrder sets an article in two columns with a
// spanning figure between its paragraphs and footnoted links in them:
// the structure reads the paragraphs in the article's order, the figure
// where the article has it (not where the page puts it), and each
// footnote in the paragraph that calls it, its marker there a Reference.
func TestStructureReadingOrder(t *testing.T) {
	a := &article.Article{Title: "Tides of the estuary", Authors: []string{"A. Writer"}}
	const n = 24
	for i := range n {
		if i == 5 {
			a.Body = append(a.Body, article.Block{Kind: article.KindFigure,
				Figure: &article.Figure{Src: "wide.png", Alt: "The estuary at low tide", Caption: article.Plain("Low tide.")}})
		}
		text := article.Text{{Text: fmt.Sprintf("para%02d ", i) + strings.Repeat("the tide came in over the flats and went out again ", 6)}}
		if i%4 == 1 {
			text = append(text, article.Inline{Text: "source", Link: fmt.Sprintf("https://example.org/%d", i)}, article.Inline{Text: " end."})
		}
		a.Body = append(a.Body, article.Block{Kind: article.KindParagraph, Text: text})
	}
	img := &page.Image{Key: "wide", Format: "png", Data: []byte("x"), Width: 2000, Height: 1000}
	doc, err := layout.Layout(context.Background(), a, layout.Options{Columns: 2, Links: layout.LinksFootnotes,
		Images: func(*article.Figure) *page.Image { return img }})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) < 2 {
		t.Fatalf("%d pages, want a longer article", len(doc.Pages))
	}
	checkTagged(t, doc)
	types, texts, nums := readingOrder(doc)
	var order []string // the paragraphs' numbers and the figure, as read
	notes, refs := 0, 0
	for k, typ := range types {
		switch typ {
		case "P":
			if strings.HasPrefix(texts[k], "para") {
				order = append(order, texts[k][:6])
			}
		case "Figure":
			order = append(order, "figure")
			if alt := doc.Structure.Get(nums[k]).Alt; alt != "The estuary at low tide" {
				t.Errorf("figure alt %q", alt)
			}
		case "Reference":
			refs++
			parent := doc.Structure.Get(doc.Structure.Get(nums[k]).Parent)
			if _, err := strconv.Atoi(texts[k]); err != nil || parent == nil || parent.Type != "P" {
				t.Errorf("reference %q (in %+v) is not a note's number in its paragraph", texts[k], parent)
			}
		case "Note":
			notes++
			parent := doc.Structure.Get(doc.Structure.Get(nums[k]).Parent)
			if parent == nil || parent.Type != "P" || !strings.Contains(texts[k], "example.org") {
				t.Errorf("note %q is not in the paragraph that calls it", texts[k])
			}
		}
	}
	var want []string
	for i := range n {
		if i == 5 {
			want = append(want, "figure")
		}
		want = append(want, fmt.Sprintf("para%02d", i))
	}
	if !slices.Equal(order, want) {
		t.Errorf("reading order\n%v\nwant\n%v", order, want)
	}
	if notes != n/4 || refs != n/4 {
		t.Errorf("%d notes and %d references in the structure, want %d", notes, refs, n/4)
	}
	if types[0] != "Art" || !slices.Contains(types, "H1") || !slices.Contains(types, "Caption") {
		t.Errorf("structure types %v: want Art first, an H1 and a Caption", types)
	}
}

// TestStructureHeadings checks that headings are tagged one level below
// the sections they are in, the headline H1: levels the article skips
// are not skipped.
func TestStructureHeadings(t *testing.T) {
	a := &article.Article{Title: "Levels"}
	for _, l := range []int{3, 5, 5, 4, 2, 6} {
		a.Body = append(a.Body, article.Block{Kind: article.KindHeading, Level: l, Text: article.Plain(fmt.Sprintf("h%d", l))},
			article.Block{Kind: article.KindParagraph, Text: article.Plain("Text.")})
	}
	doc, err := layout.Layout(context.Background(), a, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	types, _, _ := readingOrder(doc)
	var got []string
	for _, typ := range types {
		if len(typ) == 2 && typ[0] == 'H' {
			got = append(got, typ)
		}
	}
	if want := []string{"H1", "H2", "H3", "H3", "H3", "H2", "H3"}; !slices.Equal(got, want) {
		t.Errorf("headings %v, want %v", got, want)
	}
}

// TestStructureList checks a list's shape: L holding LI, each with its
// marker in Lbl and its text in LBody.
func TestStructureList(t *testing.T) {
	a := &article.Article{Title: "List", Body: []article.Block{{Kind: article.KindList, Ordered: true, Items: []article.ListItem{
		{Blocks: []article.Block{{Kind: article.KindParagraph, Text: article.Plain("first")}}},
		{Blocks: []article.Block{{Kind: article.KindParagraph, Text: article.Plain("second")}}},
	}}}}
	doc, err := layout.Layout(context.Background(), a, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkTagged(t, doc)
	types, texts, _ := readingOrder(doc)
	var got []string
	for k, typ := range types {
		if typ == "L" || typ == "LI" || typ == "Lbl" || typ == "LBody" || typ == "P" && (texts[k] == "first" || texts[k] == "second") {
			got = append(got, typ+"("+texts[k]+")")
		}
	}
	want := []string{"L()", "LI()", "Lbl(1.)", "LBody()", "P(first)", "LI()", "Lbl(2.)", "LBody()", "P(second)"}
	if !slices.Equal(got, want) {
		t.Errorf("list structure\n%v\nwant\n%v", got, want)
	}
}

// TestStructureFigureAlt: a figure's alternate text is its alt text,
// else its caption; an image with neither is decoration, an artifact.
func TestStructureFigureAlt(t *testing.T) {
	img := &page.Image{Key: "i", Format: "png", Data: []byte("x"), Width: 400, Height: 300}
	for _, tc := range []struct {
		name    string
		fig     article.Figure
		wantAlt string // "": no Figure element, the image an artifact
	}{
		{"alt", article.Figure{Src: "a.png", Alt: "A heron", Caption: article.Plain("Wildlife.")}, "A heron"},
		{"caption only", article.Figure{Src: "a.png", Caption: article.Plain("A heron on the flats.")}, "A heron on the flats."},
		{"neither", article.Figure{Src: "a.png"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := &article.Article{Title: "Figure", Body: []article.Block{
				{Kind: article.KindParagraph, Text: article.Plain("Before.")},
				{Kind: article.KindFigure, Figure: &tc.fig},
				{Kind: article.KindParagraph, Text: article.Plain("After.")}}}
			doc, err := layout.Layout(context.Background(), a, layout.Options{Images: func(*article.Figure) *page.Image { return img }})
			if err != nil {
				t.Fatal(err)
			}
			checkTagged(t, doc)
			var figures []page.Element
			for _, e := range doc.Structure {
				if e.Type == "Figure" {
					figures = append(figures, e)
				}
			}
			for _, it := range doc.Pages[0].Items {
				if it.Kind != page.ItemImage {
					continue
				}
				switch e := doc.Structure.Get(it.Tag.Elem); {
				case tc.wantAlt == "" && !it.Tag.Artifact:
					t.Errorf("an image without alt text or caption is not an artifact: %+v", it.Tag)
				case tc.wantAlt != "" && (e == nil || e.Type != "Figure" || e.Alt != tc.wantAlt):
					t.Errorf("image in %+v, want a Figure with alt %q", e, tc.wantAlt)
				}
			}
			if tc.wantAlt == "" && len(figures) > 0 {
				t.Errorf("figures %v for an image with no text", figures)
			}
		})
	}
}

// TestStructureRunningHeads: the running heads, folios and rules of
// every page are pagination artifacts, and nothing else is.
func TestStructureRunningHeads(t *testing.T) {
	doc, err := layout.Layout(context.Background(), columnArticle(30, false), layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) < 3 {
		t.Fatalf("%d pages", len(doc.Pages))
	}
	for pi, p := range doc.Pages {
		furniture := 0
		for _, it := range p.Items {
			pagination := it.Tag.Artifact && it.Tag.Pagination
			if (it.Role == page.RoleFurniture) != pagination {
				t.Errorf("page %d: %s %q (%s) tagged %+v", pi+1, it.Kind, it.Text, it.Role, it.Tag)
			}
			if it.Role == page.RoleFurniture && it.Kind == page.ItemText {
				furniture++
			}
		}
		if furniture == 0 {
			t.Errorf("page %d has no running head or folio", pi+1)
		}
	}
	checkTagged(t, doc)
}

// TestStructureTable: a table is a Table of its Caption and a TR per
// row of a TH or TD per cell, the header rows' cells TH with a column
// scope, the others' TD.
func TestStructureTable(t *testing.T) {
	cell := func(s string) article.Cell { return article.Cell{Text: article.Plain(s)} }
	a := &article.Article{Title: "Table", Body: []article.Block{{Kind: article.KindTable, Table: &article.Table{
		Caption: article.Plain("Tides"),
		Header:  [][]article.Cell{{cell("Port"), cell("High water")}},
		Rows:    [][]article.Cell{{cell("Dover"), cell("06:12")}, {cell("Calais"), cell("06:40")}},
	}}}}
	doc, err := layout.Layout(context.Background(), a, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkTagged(t, doc)
	types, texts, nums := readingOrder(doc)
	var got []string
	inTable := false
	for k, typ := range types {
		inTable = inTable || typ == "Table"
		if !inTable {
			continue
		}
		s := typ
		if texts[k] != "" {
			s += "(" + texts[k] + ")"
		}
		if sc := doc.Structure.Get(nums[k]).Scope; sc != "" {
			s += "/" + sc
		}
		got = append(got, s)
	}
	want := []string{"Table", "Caption(Tides)", "TR", "TH(Port)/Column", "TH(High water)/Column", "TR", "TD(Dover)", "TD(06:12)", "TR", "TD(Calais)", "TD(06:40)"}
	if !slices.Equal(got, want) {
		t.Errorf("table structure\n%v\nwant\n%v", got, want)
	}
}

// TestStructureTableBlockCells tags the paragraphs and lists set in a
// table's cells as parts of their cells (Table > TR > TD > P), never as
// children of the table itself, which holds only its rows and caption.
func TestStructureTableBlockCells(t *testing.T) {
	para := func(s string) article.Block {
		return article.Block{Kind: article.KindParagraph, Text: article.Plain(s)}
	}
	list := article.Block{Kind: article.KindList, Items: []article.ListItem{
		{Blocks: []article.Block{para("granite")}}, {Blocks: []article.Block{para("slate")}},
	}}
	empty := article.Block{Kind: article.KindList}
	a := &article.Article{Title: "Table", Body: []article.Block{{Kind: article.KindTable, Table: &article.Table{
		Header: [][]article.Cell{{{Text: article.Plain("Quarry")}, {Text: article.Plain("Stone")}}},
		Rows: [][]article.Cell{
			{{Blocks: []article.Block{para("Delabole, opened in the fifteenth century.")}}, {Blocks: []article.Block{list}}},
			{{Blocks: []article.Block{para("Penrhyn")}}, {Blocks: []article.Block{empty}}},
		},
	}}}}
	doc, err := layout.Layout(context.Background(), a, layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkTagged(t, doc)
	tableParts := map[string]bool{"TR": true, "THead": true, "TBody": true, "TFoot": true, "Caption": true}
	var tables, cellParas int
	for i, e := range doc.Structure {
		parent := doc.Structure.Get(e.Parent)
		if e.Type == "Table" {
			tables++
		}
		if parent != nil && parent.Type == "Table" && !tableParts[e.Type] {
			t.Errorf("element %d, %s, is a child of the table", i+1, e.Type)
		}
		if parent != nil && (parent.Type == "TD" || parent.Type == "TH") && (e.Type == "P" || e.Type == "L") {
			cellParas++
		}
	}
	if tables != 1 || cellParas < 3 {
		t.Errorf("%d tables, %d paragraphs and lists in cells; want 1 and at least 3", tables, cellParas)
	}
}
