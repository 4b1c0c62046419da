package layout

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/page"
)

// vbox is one unbreakable piece of the vertical flow: a line, a figure, a
// table row. Items are placed relative to the box: X from the frame's left
// edge, Y from the box's top.
type vbox struct {
	h        page.Unit
	before   page.Unit // space above; dropped at the top of a page
	items    []page.Item
	keep     bool // no page break between this box and the next
	mark     *page.Bookmark
	kind     page.Role
	baseline page.Unit // first baseline, for line boxes
	group    int       // boxes of one figure (image and caption) share a group > 0
	span     bool      // runs across all columns (the title block, wide figures)
	notes    []int     // footnotes whose markers the box holds
	// fig is set on the box of a figure with an image, which the pager
	// may scale down; items are then the figure's at its natural size
	fig     *figBox
	reports []*breakReport
	// afterFigure is set on the first box after a figure, and closeUp is
	// then its space above were the figure not there: what the pager
	// gives it when the figure waits for the next column or page, so
	// that the text closes up instead of keeping the figure's space
	afterFigure bool
	closeUp     page.Unit
	// head, set on the rows of a table after its first, is set above
	// the box when it begins a column: the table's caption marked
	// "(continued)" and its header rows
	head *vbox
	// elem is the structure element the box's items belong to (the
	// innermost open when it was pushed); capElem, in a figure's box,
	// that of its caption's items
	elem, capElem int32
}

// boxArray is a flow's array of boxes, kept for the next layout once the
// pages are made (see release): growing it a box a line was a fifteenth
// of a layout's bytes.
type boxArray struct{ boxes []vbox }

// boxArrays keeps the box arrays of layouts that have ended, emptied.
var boxArrays = sync.Pool{New: func() any { return new(boxArray) }}

// maxKeptBoxes is the most boxes an array kept for the next layout
// holds: a long article's lines (some 1.4 MB), not a book's.
const maxKeptBoxes = 8192

// release keeps boxes, the array a flow grew from a's, emptied, for the
// next layout: its flow must use them no more.
func (a *boxArray) release(boxes []vbox) {
	if cap(boxes) > maxKeptBoxes {
		boxes = nil
	}
	// no items or reports kept alive by the pool; a flow only appends
	// boxes, so those past len are cleared already
	clear(boxes)
	a.boxes = boxes[:0]
	boxArrays.Put(a)
}

// breakReport is a line set worse than the breaker wants, for a warning
// that names its page.
type breakReport struct {
	emergency bool    // it ends at a break where its word has no hyphenation point
	space     float64 // else its spaces, in em, wider than looseSpace
	short     int     // lines of the paragraph set short (see maxJustifiedSpace)
	text      string  // the word broken, or the line
	page      int     // from 1, set when the box holding it is placed on a page
}

// looseSpace is the widest space, in em, a justified line may take
// without a warning: a paragraph whose best breaks leave a line looser
// than this is reported with its page.
const looseSpace = 1.0

// maxJustifiedSpace is the widest space, in em, a line is justified
// with. When even the best breaks of a paragraph leave a line that would
// need wider spaces (a narrow column before a word that cannot break: an
// address, a name joined by no-break spaces, a language without
// hyphenation patterns), the line keeps its natural spaces and is set
// short, like a paragraph's last line, rather than opening holes of two
// or three ems; it is reported with the loose paragraphs. (Typesetting
// programs do the same with a word alone on a justified line.)
const maxJustifiedSpace = 1.2

// flow builds the vertical list of an article.
type flow struct {
	s       *shaper
	th      *scheme
	boxes   []vbox
	lines   *lineSlab // the items of paragraphs' lines; shared by copies of the flow
	x, w    page.Unit // left offset and measure of the current block
	frameW  page.Unit
	frameH  page.Unit
	cols    int       // columns of the body
	colW    page.Unit // their measure: frameW with one column
	gap     page.Unit // between columns
	pending page.Unit // space before the next box
	height  page.Unit // of the boxes so far, spaces included
	body    textStyle
	// prevPara is set after a body paragraph, so the next one is indented.
	prevPara  bool
	listDepth int
	// rtl sets the article right to left (Hebrew, Arabic)
	rtl bool
	// dir is the direction of the block being set, when it has one of
	// its own (article.Block.Dir)
	dir article.Direction
	// lang is the language of the text being set: the document's, or a
	// block's own (article.Block.Lang)
	lang string
	// wantDropCap is set until the first body paragraph, which takes a
	// drop cap (Options.DropCap)
	wantDropCap bool
	groups      int
	images      func(f *article.Figure) *page.Image
	used        map[string]*page.Image // images placed, by key
	reports     []*breakReport         // lines set worse than wanted
	unplaced    []*breakReport         // reports for the next box pushed
	// noteURLs are the addresses of footnoted links (Options.Links
	// footnotes), numbered from 1; notes holds the lines of each note set
	noteURLs []string
	notes    map[int][]vbox
	// figureEnded is set from a figure's end to the next box pushed;
	// closeUp is meanwhile the space that box would have without the
	// figure (see vbox.closeUp)
	figureEnded bool
	closeUp     page.Unit
	// ctx is the layout's: stopped looks at it between blocks and
	// between the windows of a long paragraph
	ctx context.Context
	// maxHeight, when above zero, is the most the boxes may take in all,
	// maxPages pages of columns: beyond it, paginating them cannot
	// keep to the page limit
	maxHeight page.Unit
	maxPages  int
	// err stops the flow: the context's error, or ErrTooManyPages
	err error
	// tags builds the document's structure (shared by the copies of the
	// flow that set notes and captions)
	tags *tagger
}

// stopped reports whether the flow must stop: its context is done, or
// its boxes take more pages than allowed (f.err says which).
func (f *flow) stopped() bool {
	if f.err == nil && f.ctx != nil {
		if err := f.ctx.Err(); err != nil {
			f.err = fmt.Errorf("layout stopped: %w", err)
		}
	}
	return f.err != nil
}

func (f *flow) space(u page.Unit) {
	if u > f.pending {
		f.pending = u
	}
	if f.figureEnded && u > f.closeUp {
		f.closeUp = u
	}
}

// endFigure asks for space after a figure whose space before it was
// before (the text's own, without the figure's), and marks the next box.
func (f *flow) endFigure(before, after page.Unit) {
	f.space(after)
	f.figureEnded, f.closeUp = true, before
}

func (f *flow) push(b vbox) {
	if f.noteURLs != nil {
		b.notes = f.markers(b.items)
	}
	b.before += f.pending
	if f.figureEnded {
		b.afterFigure, b.closeUp = true, f.closeUp
		f.figureEnded = false
	}
	f.pending = 0
	if b.fig == nil { // a figure's items are tagged as they are placed
		if b.elem == 0 {
			b.elem = f.tags.current()
		}
		tagItems(b.items, b.elem)
	}
	b.reports, f.unplaced = f.unplaced, nil
	f.boxes = append(f.boxes, b)
	f.height += b.before + b.h
	if f.maxHeight > 0 && f.height > f.maxHeight && f.err == nil {
		// the text alone fills this many pages: paginating can only add
		f.err = fmt.Errorf("%w: more than %d", ErrTooManyPages, f.maxPages)
	}
}

// baselineIn returns the baseline offset of text of style t in a line box
// of its leading: the em box (0.8 em above the baseline, 0.2 below) is
// centred in the line.
func baselineIn(t textStyle) page.Unit {
	return (t.leading-t.size)/2 + t.size*8/10
}

// rightToLeft reports whether a paragraph of elems is set right to left:
// as its block says (article.Block.Dir), else as a right-to-left article
// is, else as its first strongly directional character runs (UAX #9 P2,
// P3), so that a paragraph of Arabic in an English article is set right
// to left.
func (f *flow) rightToLeft(elems []elem) bool {
	return f.baseRTL(f.dir, func() bool { return firstStrongRTL(elems) })
}

// baseRTL decides the direction of a paragraph as rightToLeft does: dir
// when it says, else a right-to-left article's, else firstRTL's, which
// reports the direction of the paragraph's first strong character.
func (f *flow) baseRTL(dir article.Direction, firstRTL func() bool) bool {
	switch dir {
	case article.DirRTL:
		return true
	case article.DirLTR:
		return false
	}
	return f.rtl || firstRTL()
}

// reportEmergency notes line ln for a warning when it ends at an
// emergency break; the next box pushed carries the report, to learn its
// page.
func (f *flow) reportEmergency(elems []elem, ln line) {
	if n, words := emergencyBreaks(elems, []line{ln}); n > 0 {
		f.note(&breakReport{emergency: true, text: words[0]})
	}
}

// note keeps r for the warnings and for the next box pushed.
func (f *flow) note(r *breakReport) {
	f.reports = append(f.reports, r)
	f.unplaced = append(f.unplaced, r)
}

// lineSpace returns the width of each space of justified line ln set in
// a measure of W (after its letter spacing), and how many spaces it has.
func lineSpace(elems []elem, ln line, W page.Unit) (page.Unit, int) {
	end := min(ln.brk, len(elems))
	for end > ln.start && elems[end-1].kind != box {
		end--
	}
	var boxes, spaces, stretch page.Unit
	n := 0
	for k := ln.start; k < end; k++ {
		switch e := &elems[k]; e.kind { // by pointer: every justified line's elements are read
		case box:
			boxes += e.w
		case glue:
			spaces += e.w
			stretch += e.stretch
			n++
		}
	}
	if ln.brk < len(elems) && elems[ln.brk].hyphen != nil {
		boxes += elems[ln.brk].w
	}
	if n == 0 {
		return 0, 0
	}
	var added page.Unit // by letter spacing
	if delta := W - boxes - spaces; delta > stretch && stretch > 0 {
		// only a line whose spaces open past their stretch takes letter
		// spacing (trackLine's first test): the array is zeroed for those
		var buf [64]tracked
		_, added = trackLine(buf[:0], elems, ln.start, end, delta, stretch)
	}
	return (W - boxes - added) / page.Unit(n), n
}

// lineText is the text of line ln, its hyphen included.
func lineText(elems []elem, ln line) string {
	var b strings.Builder
	for _, e := range elems[ln.start:min(ln.brk, len(elems))] {
		switch e.kind {
		case box:
			b.WriteString(boxText(e))
		case glue:
			b.WriteByte(' ')
		}
	}
	if ln.brk < len(elems) && elems[ln.brk].hyphen != nil {
		b.WriteByte('-')
	}
	return strings.TrimSpace(b.String())
}

// bodyAlign is how body paragraphs are set: justified, or flush left in
// a ragged theme.
func (f *flow) bodyAlign() alignment {
	if f.th.ragged {
		return alignLeft
	}
	return alignJustify
}

// blocks lays out body blocks.
func (f *flow) blocks(bs []article.Block) {
	for i := range bs {
		if f.stopped() {
			return
		}
		f.block(&bs[i])
	}
}

func (f *flow) block(b *article.Block) {
	if b.Dir != "" && b.Dir != f.dir {
		outer := f.dir
		f.dir = b.Dir
		defer func() { f.dir = outer }()
	}
	if b.Lang != "" && b.Lang != f.lang {
		outer, start := f.lang, len(f.boxes)
		f.lang = b.Lang
		defer func() {
			f.lang = outer
			markLanguage(f.boxes[start:], b.Lang)
		}()
	}
	if typ := blockType(b.Kind); typ != "" {
		e := f.openElem(typ)
		if b.Kind == article.KindTable {
			defer f.tagTable(e, len(f.boxes), b.Table)
		}
		defer f.closeElem(e)
	}
	th := f.th
	switch b.Kind {
	case article.KindParagraph:
		if f.wantDropCap && !f.prevPara && f.listDepth == 0 {
			f.wantDropCap = false
			if f.dropCap(b) {
				f.prevPara = true
				return
			}
		}
		indent := page.Unit(0)
		if f.prevPara {
			indent = th.paraIndent
		}
		f.setText(b.Text, f.body, f.bodyAlign(), indent, false, page.RoleBody)
		f.prevPara = f.listDepth == 0
	case article.KindHeading:
		f.heading(b)
	case article.KindQuote:
		f.quote(b)
	case article.KindList:
		f.list(b)
	case article.KindCode:
		f.code(b.Code)
	case article.KindFigure:
		if b.Figure != nil {
			f.figure(b.Figure)
		}
	case article.KindTable:
		if b.Table != nil {
			f.table(b.Table)
		}
	case article.KindRule:
		f.rule()
	case article.KindPullQuote:
		start := len(f.boxes)
		f.pullQuote(b)
		f.tagAsArtifacts(start) // it repeats the text
	case article.KindMath:
		f.formulaBlock(b)
	}
}

func (f *flow) heading(b *article.Block) {
	hyph := f.s.hyph
	f.s.hyph = nil // headings are never hyphenated
	defer func() { f.s.hyph = hyph }()
	level := min(max(b.Level, 2), 6)
	t := f.th.headings[level]
	f.space(f.th.headingSpace)
	start := len(f.boxes)
	e := f.openElem(f.tags.headingType(level))
	f.setText(b.Text, t, alignLeft, 0, true, page.RoleHeading)
	f.closeElem(e)
	if len(f.boxes) > start {
		f.boxes[start].mark = &page.Bookmark{Title: b.Text.Plain(), Level: level - 1}
	}
	f.space(page.Pt(3))
	f.prevPara = false
}

func (f *flow) quote(b *article.Block) {
	th := f.th
	f.space(th.blockSpace)
	saved, savedX, savedW := f.body, f.x, f.w
	f.body = th.quote
	// indented on the left only: a justified quote ends on the column's
	// right edge, as the text around it does
	if in := f.indent(th.quoteIndent * 2); in > 0 {
		f.x += in / 2
		f.w -= in / 2
	}
	start := len(f.boxes)
	f.prevPara = false
	f.blocks(b.Blocks)
	if len(b.Text) > 0 {
		if n := len(f.boxes); n > start {
			f.boxes[n-1].keep = true // the attribution stays with the quote
		}
		t := th.caption
		e := f.openElem("P")
		f.setText(append(article.Text{{Text: "— "}}, b.Text...), t, alignRight, 0, false, page.RoleBody)
		f.closeElem(e)
	}
	// a rule down the quote's left side, drawn piecewise so it splits with
	// the quote across pages (when there was room to indent the quote)
	ruleX := f.x - th.quoteIndent/2
	if f.x == savedX {
		ruleX = -1
	}
	for i := start; i < len(f.boxes) && ruleX >= 0; i++ {
		bx := &f.boxes[i]
		y0 := page.Unit(0)
		if i > start {
			y0 = -bx.before
		}
		// the line's items are capped (lineSlab.took): they move to room
		// in the slab for them and the rule, not to a new array twice
		// their length
		items := append(f.lines.room(len(bx.items)+1), bx.items...)
		bx.items = f.lines.took(append(items, page.Item{Kind: page.ItemLine, X: ruleX, Y: y0, H: bx.h - y0, Stroke: page.Pt(1.5), Color: th.ruleColor}))
	}
	f.body, f.x, f.w = saved, savedX, savedW
	f.space(th.blockSpace)
	f.prevPara = false
}

var bullets = []string{"•", "–", "◦"}

func (f *flow) list(b *article.Block) {
	th := f.th
	f.space(th.blockSpace / 2)
	t := f.body
	rs := t.run()
	start := max(b.Start, 1) // numbering starts at 1 unless the list says otherwise
	markers := make([][]frag, len(b.Items))
	var widest page.Unit
	for i := range b.Items {
		text := bullets[f.listDepth%len(bullets)]
		if b.Ordered {
			text = strconv.Itoa(start+i) + "."
		}
		markers[i] = f.s.frags(text, rs)
		widest = max(widest, fragsWidth(markers[i]))
	}
	gap := page.Pt(6)
	hang := max(th.listIndent, widest+gap)
	savedX, savedW := f.x, f.w
	// markers hang in the indent; past the nesting the measure allows,
	// they hang into the parent's indent instead
	in := f.indent(hang)
	f.x += in
	f.w -= in
	f.listDepth++
	for i, it := range b.Items {
		if i > 0 {
			f.space(page.Pt(2.5))
		}
		// a right-to-left item is indented on the right, its marker
		// hanging there
		rtl := f.itemRTL(it.Blocks)
		if rtl {
			f.x = savedX
		}
		first := len(f.boxes)
		f.prevPara = false
		li := f.openElem("LI")
		lbl := f.tags.s.Add("Lbl", li)
		body := f.openElem("LBody")
		f.blocks(it.Blocks)
		if len(f.boxes) == first {
			f.push(vbox{h: t.leading, kind: page.RoleBody, baseline: baselineIn(t)})
		}
		f.closeElem(body)
		f.closeElem(li)
		// the marker hangs beside the item's first line
		for k := first; k < len(f.boxes); k++ {
			bx := &f.boxes[k]
			if bx.baseline == 0 {
				continue
			}
			mw := fragsWidth(markers[i])
			if rtl {
				m := withLevels([]elem{makeBox(markers[i])}, true)
				items, _ := setLineDir(m, line{brk: 1, forced: true}, min(f.x+f.w+gap, f.colW-mw), bx.baseline, mw, alignLeft, true)
				tagItems(items, lbl)
				bx.items = append(bx.items, items...)
				break
			}
			x := max(f.x-gap-mw, 0)
			from := len(bx.items)
			// the line's items are capped (lineSlab.took): they move to
			// room in the slab for them and the marker's (a text, a strike
			// and a link a frag), not to a new array twice their length
			items := append(f.lines.room(from+3*len(markers[i])), bx.items...)
			for _, m := range markers[i] {
				items = appendFrag(items, &m, x, bx.baseline)
				x += m.w
			}
			bx.items = f.lines.took(items)
			tagItems(bx.items[from:], lbl)
			break
		}
		f.x = savedX + in
	}
	f.listDepth--
	f.x, f.w = savedX, savedW
	f.space(th.blockSpace / 2)
	f.prevPara = false
}

// itemRTL reports whether a list item of blocks is set right to left, as
// the paragraph that begins it is.
func (f *flow) itemRTL(bs []article.Block) bool {
	dir := f.dir
	if len(bs) > 0 && bs[0].Dir != "" {
		dir = bs[0].Dir
	}
	return f.baseRTL(dir, func() bool {
		for _, t := range firstTexts(bs) {
			if rtl, ok := strongRTL(t); ok {
				return rtl
			}
		}
		return false
	})
}

// indent returns how much of want the measure can give up to an indented
// block (lists, quotes) while keeping half the frame width: deep nesting
// stops indenting rather than squeezing text into the margin.
func (f *flow) indent(want page.Unit) page.Unit {
	return max(min(want, f.w-f.colW/2), 0)
}

func fragsWidth(fr []frag) page.Unit {
	var w page.Unit
	for i := range fr {
		w += fr[i].w // not a copy of each frag
	}
	return w
}

func (f *flow) rule() {
	f.space(f.th.blockSpace)
	w := min(page.Pt(72), f.w)
	f.push(vbox{h: page.Pt(10), kind: page.RoleBody, items: []page.Item{{Kind: page.ItemLine, X: f.x + (f.w-w)/2, Y: page.Pt(5), W: w, Stroke: f.th.rule, Color: f.th.hairline}}})
	f.space(f.th.blockSpace)
	f.prevPara = false
}

// maxLooseWarnings is how many loose paragraphs are reported one by one.
const maxLooseWarnings = 5

// warnBreaks logs the lines set worse than wanted: the words broken where
// they have no hyphenation point, in one warning with their pages; and
// each paragraph whose best breaks leave spaces wider than looseSpace,
// with its page and loosest line (the first maxLooseWarnings, then a
// count of the rest).
func warnBreaks(logger *slog.Logger, reports []*breakReport) {
	var words []string
	var pages, shortPages []int
	broken, loose, short := 0, 0, 0
	for _, r := range reports {
		if !r.emergency {
			if loose++; loose <= maxLooseWarnings {
				logger.Warn("no line breaks set this paragraph with spaces under 1 em", "page", r.page,
					"space", strconv.FormatFloat(r.space, 'f', 2, 64)+" em", "line", r.text)
			}
			if r.short > 0 {
				short += r.short
				if len(shortPages) == 0 || shortPages[len(shortPages)-1] != r.page {
					shortPages = append(shortPages, r.page)
				}
			}
			continue
		}
		broken++
		if len(words) < 5 && !slices.Contains(words, r.text) {
			words = append(words, r.text)
		}
		if len(pages) == 0 || pages[len(pages)-1] != r.page {
			pages = append(pages, r.page)
		}
	}
	if loose > maxLooseWarnings {
		logger.Warn("more paragraphs set with spaces over 1 em", "count", loose-maxLooseWarnings)
	}
	if short > 0 {
		logger.Warn("lines set short, not justified: their spaces would be wider than 1.2 em",
			"count", short, "pages", joinInts(shortPages))
	}
	if broken > 0 {
		logger.Warn("words too long for the line were broken where they have no hyphenation point",
			"count", broken, "words", strings.Join(words, ", "), "pages", joinInts(pages))
	}
}

// maxListedPages is how many page numbers a warning lists.
const maxListedPages = 12

// joinInts lists ns separated by commas: the first maxListedPages, then
// how many more there are, so that a warning stays a line long however
// long the article.
func joinInts(ns []int) string {
	s := make([]string, 0, min(len(ns), maxListedPages)+1)
	for _, n := range ns[:min(len(ns), maxListedPages)] {
		s = append(s, strconv.Itoa(n))
	}
	if more := len(ns) - maxListedPages; more > 0 {
		s = append(s, fmt.Sprintf("and %d more", more))
	}
	return strings.Join(s, ", ")
}
