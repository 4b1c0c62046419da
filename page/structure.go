package page

// Element is one element of a document's logical structure, as tagged
// PDF writes it (PDF 32000-1 14.8): the headline, a paragraph, a list
// item, a figure. A Document's Structure holds its elements in the order
// they were made, which is the reading order of each element's children
// (a parent may come after a child: a table's cell, made when the table
// is done, holds the paragraphs set in it before); an Item names the element its content
// belongs to (Item.Elem), whatever page or column it is placed in, so
// the reading order is the article's even where the page's is not.
type Element struct {
	// Type is a standard structure type: "Art", "P", "H1"…"H6", "L",
	// "LI", "Lbl", "LBody", "BlockQuote", "Code", "Figure", "Caption",
	// "Table", "TR", "TH", "TD", "Note", "TOC", "TOCI", "Sect"…
	Type string
	// Parent is the number of the parent element (see Item.Elem), 0 for
	// an element at the top of the document's structure.
	Parent int32
	// Alt is the alternate text of a Figure or Formula: what a reader
	// that cannot see it is told.
	Alt string
	// Scope is a header cell's (TH's) scope: "Row", "Column" or "Both".
	Scope string
	// RowSpan and ColSpan are the rows and columns a table cell (TH,
	// TD) spans; 0 and 1 are one.
	RowSpan, ColSpan int32
	// Lang is the element's language (a BCP 47 tag) when it is not its
	// parent's.
	Lang string
	// ActualText is what a reader takes the element's content to be
	// when the glyphs drawn differ from it (PDF 32000-1 14.9.4): a Span
	// holding the two halves of a hyphenated word has the word, one of
	// shaped Arabic its letters in logical order.
	ActualText string
	// Inline elements (a Span with an actual text, a formula in a
	// paragraph) are read where their content is first drawn among their
	// parent's content, not after it; one none of whose content is drawn
	// is no part of the document's structure.
	Inline bool
}

// Structure is a document's logical structure: its elements, numbered
// from 1 in reading order (element n is Structure[n-1]).
type Structure []Element

// Add appends an element of type typ under parent (0: at the top) and
// returns its number.
func (s *Structure) Add(typ string, parent int32) int32 {
	*s = append(*s, Element{Type: typ, Parent: parent})
	return int32(len(*s))
}

// Get returns element n (from 1), nil for none.
func (s Structure) Get(n int32) *Element {
	if n < 1 || int(n) > len(s) {
		return nil
	}
	return &s[n-1]
}

// Tag says how the PDF writer marks an item's content: as part of a
// structure element, or as an artifact (drawn for the page, not part of
// the article: running heads, folios, rules).
type Tag struct {
	// Elem is the number of the structure element (in the document's
	// Structure) the item's content belongs to; 0 for none, when the
	// writer decides from the item's Role.
	Elem int32
	// Artifact marks content that is not part of the article: with
	// Pagination, a pagination artifact (running head, folio).
	Artifact, Pagination bool
	// Replaced says the item's ActualText (ItemMore) is what a reader
	// takes its text (with ActualSpan, several items' text) to be: a
	// formula's linear text, written in the content as a /Span's
	// /ActualText so that text extraction reads the formula in its line.
	Replaced bool
}
