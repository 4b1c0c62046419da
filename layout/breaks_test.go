package layout_test

import (
	"bytes"
	"context"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/hyphen"
	"github.com/galleyprint/galley/layout"
)

// printedLine is a line of body text as laid out: its words left to right.
type printedLine struct {
	page  int
	x, y  layout.Unit // of its first item
	right layout.Unit // end of its last item
	items []layout.Item
}

func (l printedLine) text() string {
	var words []string
	for _, it := range l.items {
		words = append(words, it.Text)
	}
	return strings.Join(words, " ")
}

// bodyLines returns the body lines of doc in reading order: by page, by
// column (items left of x+colW belong to the column starting at x), top
// to bottom.
func bodyLines(doc *layout.Document, colStep layout.Unit) []printedLine {
	var out []printedLine
	for pi, p := range doc.Pages {
		type key struct {
			col int
			y   layout.Unit
		}
		lines := map[key]*printedLine{}
		var keys []key
		for _, it := range p.Items {
			if it.Kind != layout.ItemText || it.Role != layout.RoleBody {
				continue
			}
			k := key{int((it.X - doc.Margins.Left) / colStep), it.Y}
			l, ok := lines[k]
			if !ok {
				l = &printedLine{page: pi + 1, x: it.X, y: it.Y}
				lines[k] = l
				keys = append(keys, k)
			}
			l.items = append(l.items, it)
		}
		slices.SortFunc(keys, func(a, b key) int {
			if a.col != b.col {
				return a.col - b.col
			}
			return int(a.y - b.y)
		})
		for _, k := range keys {
			l := lines[k]
			slices.SortFunc(l.items, func(a, b layout.Item) int { return int(a.X - b.X) })
			l.x = l.items[0].X
			last := l.items[len(l.items)-1]
			l.right = last.X + last.W
			out = append(out, *l)
		}
	}
	return out
}

// TestOverlongCompoundInColumns: in two columns a German compound wider
// than the column breaks at its hyphenation points, each line showing its
// hyphen, and no break is reported as a last resort; before, it was cut
// anywhere without a hyphen ("Arbe|itnehmer…").
func TestOverlongCompoundInColumns(t *testing.T) {
	const word = "Arbeitnehmervertretungsverhandlungen"
	points := map[string]bool{}
	for _, p := range hyphen.For("de").Points(word) {
		points[word[:p]] = true
	}
	a := &article.Article{Title: "Tarifrunde", Language: "de"}
	for range 3 {
		a.Body = append(a.Body, article.Block{Kind: article.KindParagraph, Text: article.Plain(
			"Die " + word + " der Gewerkschaft mit dem Verband der Arbeitgeber dauerten bis in die Nacht, und am Morgen " +
				"begannen die " + word + " von neuem, weil niemand nachgeben wollte.")})
	}
	var log bytes.Buffer
	opts := layout.Options{Columns: 2, Logger: slog.New(slog.NewTextHandler(&log, nil))}
	doc, err := layout.Layout(context.Background(), a, opts)
	if err != nil {
		t.Fatal(err)
	}
	colW := (doc.Pages[0].Size.W - doc.Margins.Left - doc.Margins.Right) / 2
	lines := bodyLines(doc, colW)
	broken := 0
	for i, l := range lines[:len(lines)-1] {
		last := l.items[len(l.items)-1].Text
		head := strings.TrimSuffix(last, "-")
		if head == "" || head == word || !strings.HasPrefix(word, head) {
			continue // the line does not end inside the compound
		}
		next := lines[i+1]
		broken++
		if !strings.HasSuffix(last, "-") || !points[head] {
			t.Errorf("page %d: %q | %q: not broken with a hyphen at a hyphenation point of %s",
				l.page, last, next.items[0].Text, hyphen.For("de").Hyphenate(word))
		}
		if head+next.items[0].Text != word {
			t.Errorf("page %d: %q | %q: the word does not go on on the next line", l.page, last, next.items[0].Text)
		}
		if next.page != l.page || next.y < l.y {
			t.Errorf("page %d: %q | %q: the word goes on in another column or page", l.page, last, next.items[0].Text)
		}
	}
	if broken == 0 {
		t.Errorf("the compound, wider than the column of %s pt, was never broken", colW)
	}
	if strings.Contains(log.String(), "broken") {
		t.Errorf("a last-resort break was reported: %s", log.String())
	}
}
