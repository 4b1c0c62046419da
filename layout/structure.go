package layout

import (
	"strings"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/page"
)

// tagger builds a document's logical structure (page.Document.Structure)
// as the flow sets the article's blocks: each block opens its element
// where it is emitted, and every item pushed meanwhile belongs to the
// innermost element open (vbox.elem, page.Item.Tag). Reading order is
// the order elements are opened in, the article's, wherever the pager
// places their lines.
type tagger struct {
	s    page.Structure
	open []int32 // the elements open, innermost last
	// sections holds the heading levels of the article's open sections
	// (article.Block.Level): a heading is tagged one level below the
	// sections it is in, so that levels the article skips are not
	// skipped (H1 is the headline)
	sections []int
	// figure and caption are the elements of the figure being set: its
	// image's (0 for an image that is decoration) and its caption's
	figure, caption int32
}

// openElem opens an element of type typ inside the innermost open one
// and returns its number.
func (f *flow) openElem(typ string) int32 {
	t := f.tags
	n := t.s.Add(typ, t.current())
	t.open = append(t.open, n)
	return n
}

// enterElem opens element n, made before, inside the innermost open one;
// 0 opens nothing.
func (f *flow) enterElem(n int32) {
	if n != 0 {
		f.tags.open = append(f.tags.open, n)
	}
}

// closeElem closes element n and any opened inside it and left open.
func (f *flow) closeElem(n int32) {
	t := f.tags
	for k := len(t.open) - 1; k >= 0; k-- {
		if t.open[k] == n {
			t.open = t.open[:k]
			return
		}
	}
}

// current returns the innermost open element, 0 for none.
func (t *tagger) current() int32 {
	if len(t.open) == 0 {
		return 0
	}
	return t.open[len(t.open)-1]
}

// tagFigure makes the elements of a figure with img (nil when it did not
// load) and caption: a Figure whose alternate text is the image's alt
// text, else its caption, else its credit (an image with none of them is
// decoration, an artifact), and beside it the Caption (a paragraph, P,
// when there is no image).
func (f *flow) tagFigure(fig *article.Figure, img *page.Image, caption article.Text) {
	t := f.tags
	parent := t.current()
	t.figure, t.caption = 0, 0
	alt := strings.TrimSpace(fig.Alt)
	if alt == "" {
		alt = strings.TrimSpace(caption.Plain())
	}
	if alt == "" {
		alt = strings.TrimSpace(fig.Credit)
	}
	if img != nil && alt != "" {
		t.figure = t.s.Add("Figure", parent)
		t.s.Get(t.figure).Alt = alt
	}
	if len(caption) > 0 || fig.Credit != "" {
		typ := "Caption"
		if img == nil {
			typ = "P"
		}
		t.caption = t.s.Add(typ, parent)
	}
}

// headingType returns the structure type of a heading of the article's
// level (2 to 6, h2 to h6): H2 for a heading in no section, one level
// deeper than the sections it is in, whatever levels the article skips.
func (t *tagger) headingType(level int) string {
	for len(t.sections) > 0 && t.sections[len(t.sections)-1] >= level {
		t.sections = t.sections[:len(t.sections)-1]
	}
	t.sections = append(t.sections, level)
	return "H" + string(rune('1'+min(len(t.sections), 5)))
}

// tagItems gives the items of a box pushed or placed their tag: lines
// and filled rectangles (rules, bands, backgrounds) are artifacts; other
// items without a tag belong to elem.
func tagItems(items []page.Item, elem int32) {
	for k := range items {
		tagItem(&items[k], elem)
	}
}

// tagItem tags one item as tagItems does.
func tagItem(it *page.Item, elem int32) {
	if it.Tag != (page.Tag{}) {
		return
	}
	switch it.Kind {
	case page.ItemLine, page.ItemRect:
		it.Tag.Artifact = true
	default:
		it.Tag.Elem = elem
	}
}

// tagArtifacts marks items as pagination artifacts: running heads,
// folios, their rules.
func tagArtifacts(items []page.Item) {
	for k := range items {
		items[k].Tag = page.Tag{Artifact: true, Pagination: true}
	}
}

// tagAsArtifacts marks the items of boxes[start:] as artifacts: content
// repeated for the eye, as a pull quote repeats the text.
func (f *flow) tagAsArtifacts(start int) {
	for i := start; i < len(f.boxes); i++ {
		for k := range f.boxes[i].items {
			f.boxes[i].items[k].Tag = page.Tag{Artifact: true}
		}
	}
}

// blockType returns the structure type of a block of kind k that holds
// text of its own, "" for blocks that open their elements themselves.
func blockType(k article.BlockKind) string {
	switch k {
	case article.KindParagraph:
		return "P"
	case article.KindQuote:
		return "BlockQuote"
	case article.KindList:
		return "L"
	case article.KindCode:
		return "Code"
	case article.KindTable:
		return "Table"
	}
	return ""
}

// tagTable gives the boxes a table pushed from start (one per row, after
// its caption's lines) their elements: a TR per row holding a TD. It is
// the hook the table layout can refine (cells, headers, spans): until it
// does, a row's cells are read as one cell.
func (f *flow) tagTable(table int32, start int) {
	for i := start; i < len(f.boxes); i++ {
		b := &f.boxes[i]
		if b.elem != table {
			continue // a caption's lines, or a note's
		}
		tr := f.tags.s.Add("TR", table)
		b.elem = f.tags.s.Add("TD", tr)
		for k := range b.items {
			if it := &b.items[k]; it.Tag.Elem == table {
				it.Tag.Elem = b.elem
			}
		}
	}
}
