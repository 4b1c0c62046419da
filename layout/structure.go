package layout

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

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
	// tables holds the cells tagged of each table being set, by its
	// element
	tables map[int32]*tableCells
	// formula is the Formula element of the inline formula set last
	// (formulaSrc), whose next piece may be on the next line
	formula    int32
	formulaSrc *article.Math
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
	if !untagged(it) {
		return
	}
	switch it.Kind {
	case page.ItemLine, page.ItemRect:
		it.Tag.Artifact = true
	default:
		it.Tag.Elem = elem
	}
}

// untagged reports whether it is neither an artifact nor in an element.
func untagged(it *page.Item) bool { return !it.Tag.Artifact && it.Tag.Elem == 0 }

// tagArtifacts marks items as pagination artifacts: running heads,
// folios, their rules.
func tagArtifacts(items []page.Item) {
	for k := range items {
		items[k].Tag = page.Tag{Artifact: true, Pagination: true}
	}
}

// tagHyphenated puts the halves of a word hyphenated at the end of line
// prev, whose items are prevItems (pushed), and the start of the next,
// whose items are next, in a Span whose actual text is the word without
// its hyphen: what a reader is told and finds, while the text extractors,
// which read the drawn text and no structure, are given what they were
// (pdftotext joins the halves itself).
func (f *flow) tagHyphenated(elems []elem, prev line, prevItems, next []page.Item) {
	if prev.brk >= len(elems) || elems[prev.brk].kind != penalty || elems[prev.brk].hyphen == nil {
		return
	}
	hyphen := elems[prev.brk].hyphen.text
	head, tail := lastText(prevItems), firstText(next)
	if head == nil || tail == nil || !strings.HasSuffix(head.Text, hyphen) || head.Tag.Elem != f.tags.current() {
		return
	}
	span := f.tags.s.Add("Span", head.Tag.Elem)
	e := f.tags.s.Get(span)
	e.ActualText, e.Inline = strings.TrimSuffix(head.Text, hyphen)+tail.Text, true
	head.Tag.Elem, tail.Tag.Elem = span, span
}

// tagShaped puts each text item of items drawn in Arabic presentation
// forms (shaped Arabic, its letters in visual order) in a Span whose
// actual text is its letters, in logical order.
func (f *flow) tagShaped(items []page.Item) {
	for k := range items {
		it := &items[k]
		if it.Kind != page.ItemText || !untagged(it) || !shapedArabic(it.Text) {
			continue
		}
		span := f.tags.s.Add("Span", f.tags.current())
		e := f.tags.s.Get(span)
		e.ActualText, e.Inline = norm.NFKC.String(reversed(it.Text)), true
		it.Tag.Elem = span
	}
}

// shapedArabic reports whether s, a word drawn right to left, holds
// Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) and nothing
// set left to right (digits, Latin letters), so that its letters in
// logical order are s reversed.
func shapedArabic(s string) bool {
	if strings.IndexByte(s, 0xEF) < 0 { // the forms' UTF-8 lead byte
		return false
	}
	forms := false
	for _, r := range s {
		switch {
		case r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF:
			forms = true
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			return false
		}
	}
	return forms
}

// lastText and firstText return the last and first text items of items,
// nil for none.
func lastText(items []page.Item) *page.Item {
	for k := len(items) - 1; k >= 0; k-- {
		if items[k].Kind == page.ItemText {
			return &items[k]
		}
	}
	return nil
}

func firstText(items []page.Item) *page.Item {
	for k := range items {
		if items[k].Kind == page.ItemText {
			return &items[k]
		}
	}
	return nil
}

// formulaBlock sets a display formula (mathBlock) as a Formula element
// whose alternate text is its source.
func (f *flow) formulaBlock(b *article.Block) {
	e := f.openElem("Formula")
	f.tags.s.Get(e).Alt = mathAlt(b.Math, b.Text.Plain())
	f.mathBlock(b)
	f.closeElem(e)
}

// mathAlt returns the alternate text of formula m: its TeX source, else
// its linear text (a formula that came as MathML), else text.
func mathAlt(m *article.Math, text string) string {
	alt := ""
	if m != nil {
		alt = m.TeX
		if alt == "" {
			alt = m.Linear()
		}
	}
	if alt = strings.TrimSpace(alt); alt == "" {
		alt = strings.TrimSpace(text)
	}
	return alt
}

// formulaPiece is a piece of an inline formula set in a line: its box
// and the line's items[from:to] that draw it.
type formulaPiece struct {
	box      *mbox
	from, to int
}

// formulaPiece records that box is a piece of the inline formula m.
func (s *shaper) formulaPiece(box *mbox, m *article.Math) {
	if s.formulas == nil {
		s.formulas = map[*mbox]*article.Math{}
	}
	s.formulas[box] = m
}

// tagFormulas tags the items of the pieces of inline formulas drawn in a
// line (items) as the Formula element of their formula, inside the
// element open, with the formula's source as its alternate text: one
// element for all the pieces of a formula, on this line or the next.
func (f *flow) tagFormulas(items []page.Item, pieces []formulaPiece) {
	t := f.tags
	for _, p := range pieces {
		m := f.s.formulas[p.box]
		if m == nil {
			continue
		}
		if t.formula == 0 || t.formulaSrc != m || t.s.Get(t.formula).Parent != t.current() {
			e := t.s.Add("Formula", t.current())
			el := t.s.Get(e)
			el.Alt, el.Inline = mathAlt(m, ""), true
			t.formula, t.formulaSrc = e, m
		}
		for k := p.from; k < p.to && k < len(items); k++ {
			if it := &items[k]; it.Kind != page.ItemLink && untagged(it) {
				it.Tag.Elem = t.formula
			}
		}
	}
}

// tagReference tags a footnote's marker, text, and its link, untagged
// yet, as a Reference inside the element open, read where it is drawn:
// the Link of the link's annotation goes in it.
func (f *flow) tagReference(text, link *page.Item) {
	if !untagged(text) || !untagged(link) {
		return
	}
	ref := f.tags.s.Add("Reference", f.tags.current())
	f.tags.s.Get(ref).Inline = true
	text.Tag.Elem, link.Tag.Elem = ref, ref
}

// tagRest tags the items of doc that no element took: the page's
// furniture (running heads, folios, their rules, column rules, the QR
// code) as pagination artifacts, other rules and decorative images as
// artifacts.
func tagRest(doc *page.Document) {
	for _, p := range doc.Pages {
		for k := range p.Items {
			it := &p.Items[k]
			switch {
			case !untagged(it) || it.Kind == page.ItemLink:
			case it.Role == page.RoleFurniture:
				it.Tag = page.Tag{Artifact: true, Pagination: true}
			case it.Kind != page.ItemText:
				it.Tag = page.Tag{Artifact: true}
			}
		}
	}
}

// tagAsArtifacts marks the items of boxes[start:] as artifacts: content
// repeated for the eye, as a pull quote repeats the text. (A Span with
// an actual text left without content is not written.)
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

// tableCells is what a table being set has tagged: the TR of each grid
// row and the TH or TD of each grid cell, made as the rows are laid out.
type tableCells struct {
	rows  map[int]int32 // grid row -> TR
	cells map[int]int32 // grid cell -> TH/TD
	// repeat is set while the header rows are laid out to be repeated at
	// the top of the pages the table continues on: an artifact
	repeat bool
	last   int32 // the cell tagged last
}

// tableCells returns the cells tagged so far of the table open (the
// innermost element), made when it has none.
func (t *tagger) tableCells() *tableCells {
	table := t.current()
	if t.tables == nil {
		t.tables = map[int32]*tableCells{}
	}
	tc := t.tables[table]
	if tc == nil {
		tc = &tableCells{rows: map[int]int32{}, cells: map[int]int32{}}
		t.tables[table] = tc
	}
	return tc
}

// tagCell tags the items of cell i of grid g, laid out in the table
// open: as its TH or TD (made, with its row's TR, the first time the
// cell is set), with RowSpan and ColSpan when it spans, and a header's
// Scope (Column in a header row, Row in a body row, or what the cell
// says). A cell set again (a row header repeated in each column group
// of a wide table) or a header row laid out to head continued pages is
// an artifact.
func (f *flow) tagCell(g *tableGrid, i int, items []page.Item) {
	t := f.tags
	table := t.current()
	tc := t.tableCells()
	elem, done := tc.cells[i]
	if tc.repeat || done {
		for k := range items {
			items[k].Tag = page.Tag{Artifact: true}
		}
		return
	}
	c := &g.cells[i]
	tr := tc.rows[c.row]
	if tr == 0 {
		tr = t.s.Add("TR", table)
		tc.rows[c.row] = tr
	}
	typ := "TD"
	if c.head || c.src != nil && c.src.Header {
		typ = "TH"
	}
	elem = t.s.Add(typ, tr)
	e := t.s.Get(elem)
	e.RowSpan, e.ColSpan = int32(max(c.rows, 1)), int32(max(c.cols, 1))
	if typ == "TH" {
		switch {
		case c.src != nil && c.src.Scope == article.ScopeRow:
			e.Scope = "Row"
		case c.src != nil && c.src.Scope == article.ScopeCol:
			e.Scope = "Column"
		case g.part[c.row] == partHead:
			e.Scope = "Column"
		default:
			e.Scope = "Row"
		}
	}
	tc.cells[i], tc.last = elem, elem
	for k := range items {
		switch it := &items[k]; {
		case it.Tag.Artifact || it.Kind == page.ItemLink:
		case it.Tag.Elem == 0 || it.Tag.Elem == table:
			tagItem(it, elem)
		default: // a paragraph or list set in the cell
			t.adopt(it.Tag.Elem, table, elem)
		}
	}
}

// tagTableCaption tags items, the caption of the table open, as its
// Caption, read before its rows.
func (f *flow) tagTableCaption(items []page.Item) {
	caption := f.tags.s.Add("Caption", f.tags.current())
	tagItems(items, caption)
}

// tagRepeated marks items as artifacts: a table's caption and header
// rows repeated on the pages it continues on, or before a column group.
func tagRepeated(items []page.Item) {
	for k := range items {
		items[k].Tag = page.Tag{Artifact: true}
	}
}

// tagTable gives the boxes a table pushed from start what the cells did
// not tag (tagCell): the text before its first row, its caption, is its
// Caption; the text after its rows, its notes, a paragraph after the
// table. A table set as stacked paragraphs (tagged by no cell) is a TR
// of one TD a box, after its caption's boxes when its boxes are a box a
// row after them.
func (f *flow) tagTable(table int32, start int, tb *article.Table) {
	t := f.tags
	tc := t.tables[table]
	delete(t.tables, table)
	if tc == nil || len(tc.cells) == 0 {
		f.tagStackedTable(table, start, tb)
		return
	}
	s := &t.s
	var caption, notes int32
	rows := false // a box of the rows was seen
	for i := start; i < len(f.boxes); i++ {
		b := &f.boxes[i]
		for k := range b.items {
			it := &b.items[k]
			if it.Tag.Elem != table {
				rows = rows || it.Tag.Elem != 0 && s.Get(it.Tag.Elem).Type != "Caption"
				continue
			}
			switch {
			case !rows:
				if caption == 0 {
					caption = s.Add("Caption", table)
				}
				it.Tag.Elem = caption
			default:
				if notes == 0 {
					notes = s.Add("P", s.Get(table).Parent)
				}
				it.Tag.Elem = notes
			}
		}
	}
	// what is left directly under the table and is no part of it holds
	// no item of its rows (a paragraph set to measure a cell): it goes to
	// the last cell
	for e := table + 1; int(e) <= len(t.s); e++ {
		if t.s.Get(e).Parent == table {
			t.adopt(e, table, tc.last)
		}
	}
}

// tagStackedTable tags the boxes of a table set as stacked paragraphs
// (see tagTable): when they are a box per row after its caption's lines,
// the caption's lines are its Caption and each row a TR holding one
// cell, TH in the header rows (with /Scope /Column), TD in the others;
// otherwise each box is a row of one TD.
func (f *flow) tagStackedTable(table int32, start int, tb *article.Table) {
	var own []int // the table's boxes, not its notes'
	for i := start; i < len(f.boxes); i++ {
		if f.boxes[i].elem == table {
			own = append(own, i)
		}
	}
	rows, header := len(own), 0
	if tb != nil && len(tb.Header)+len(tb.Rows) <= len(own) && !longCell(tb) {
		rows, header = len(tb.Header)+len(tb.Rows), len(tb.Header)
	}
	t := f.tags
	s := &t.s
	caption := int32(0)
	for k, i := range own {
		b := &f.boxes[i]
		var elem int32
		switch row := k - (len(own) - rows); {
		case row < 0:
			if caption == 0 {
				caption = s.Add("Caption", table)
			}
			elem = caption
		case row < header:
			elem = s.Add("TH", s.Add("TR", table))
			s.Get(elem).Scope = "Column"
		default:
			elem = s.Add("TD", s.Add("TR", table))
		}
		b.elem = elem
		for k := range b.items {
			if it := &b.items[k]; it.Tag.Elem == table {
				it.Tag.Elem = elem
			} else {
				t.adopt(it.Tag.Elem, table, elem)
			}
		}
	}
	// what is left directly under the table and is no part of it holds
	// no item of its rows (a cell's empty list): it goes to the last cell
	last := int32(0)
	if len(own) > 0 {
		last = f.boxes[own[len(own)-1]].elem
	}
	for e := table + 1; last != 0 && int(e) <= len(t.s); e++ {
		if t.s.Get(e).Parent == table {
			t.adopt(e, table, last)
		}
	}
}

// adopt moves the element that holds element e directly under table (a
// paragraph or list set in a cell, in a flow of its own, while the table
// was the innermost element open) into cell, unless it is a part of the
// table itself (a row, the caption).
func (t *tagger) adopt(e, table, cell int32) {
	s := t.s
	for e != 0 && e != table {
		el := s.Get(e)
		if el == nil {
			return
		}
		if el.Parent == table {
			switch el.Type {
			case "TR", "THead", "TBody", "TFoot", "Caption":
			default:
				el.Parent = cell
			}
			return
		}
		e = el.Parent
	}
}
