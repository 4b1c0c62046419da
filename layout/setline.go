package layout

import (
	"encoding/binary"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/rivo/uniseg"

	"github.com/galleyprint/galley/page"
)

// maxTrack is the most letter spacing a justified line takes, in
// thousandths of an em between two letters, and only once its spaces
// have stretched as far as they should: a loose line opens its letters a
// little rather than its spaces a lot, as a typesetter's justification
// settings allow (word spacing first, then letter spacing). Only words
// of Latin, Greek and Cyrillic letters are letter-spaced (see trackBox),
// never code or addresses.
const maxTrack = 20

// trackShare returns how much of excess, the room a justified line has
// beyond its spaces' stretch st, its letters take when they may take tr
// in all: a share in proportion to tr, never more than tr.
func trackShare(excess, st, tr page.Unit) page.Unit {
	if excess <= 0 || tr <= 0 {
		return 0
	}
	return min(tr, page.Unit(int64(excess)*int64(tr)/int64(st+tr)))
}

// trackBox gives box e the letter spacing it may take as its stretch:
// maxTrack between each two of its characters (grapheme clusters), when
// they are Latin, Greek or Cyrillic (or digits and punctuation). Other
// scripts are never letter-spaced: their letters join (Arabic,
// Devanagari's headline), or they are set solid (CJK); such a box is not
// marked letters, and has no stretch. It takes e by pointer and reads
// its frags in place: every word's box is tracked, and copying the box
// in and out and each frag was a third of the cost.
func trackBox(e *elem) {
	e.stretch, e.letters = 0, false
	// trackWidth(e.frags, maxTrack, false), with each frag's clusters
	// counted as its characters are checked: a frag of ASCII, most of
	// them, is read once, not decoded and then read again
	var w page.Unit
	for i := range e.frags {
		f := &e.frags[i]
		n := len(f.text) // ASCII has a cluster a byte, and every character tracked
		if !ascii(f.text) {
			for _, r := range f.text {
				if r >= 0x250 && !trackable(r) {
					return
				}
			}
			n = uniseg.GraphemeClusterCount(f.text)
		}
		if n > 1 {
			w += scale(maxTrack*(n-1), f.size)
		}
		if i > 0 {
			w += scale(maxTrack, f.size)
		}
	}
	e.letters, e.stretch = true, w
}

// trackable reports the characters trackBox letter-spaces: those of
// the Latin, Greek, Cyrillic, Common and Inherited scripts. Below
// trackTableEnd it reads a table made from the scripts' on first use
// (one look-up, not a search of five tables for each character of a
// Greek, Cyrillic or Chinese text).
func trackable(r rune) bool {
	if isGeneralPunct(r) {
		return true
	}
	if r >= 0 && r < trackTableEnd {
		return trackTable()[r/64]&(1<<(r%64)) != 0
	}
	return inTrackedScript(r)
}

// trackTableEnd is the end of trackable's table, in 5 KB: the scripts
// of Europe, the Middle East, India and South-East Asia, and Chinese and
// Japanese (a box a character, each of which trackBox looks at).
const trackTableEnd = 0xA000

// trackTable marks the characters below trackTableEnd in the scripts
// trackBox letter-spaces, from the scripts' ranges (those of 16 bits:
// the others are past its end).
var trackTable = sync.OnceValue(func() *[trackTableEnd / 64]uint64 {
	var t [trackTableEnd / 64]uint64
	for _, script := range trackedScripts {
		for _, rg := range script.R16 {
			for r := rune(rg.Lo); r <= rune(rg.Hi) && r < trackTableEnd; r += rune(rg.Stride) {
				t[r/64] |= 1 << (r % 64)
			}
		}
	}
	return &t
})

// trackedScripts are the scripts trackBox letter-spaces.
var trackedScripts = []*unicode.RangeTable{unicode.Latin, unicode.Greek, unicode.Cyrillic, unicode.Common, unicode.Inherited}

// inTrackedScript reports r in one of the scripts trackBox
// letter-spaces.
func inTrackedScript(r rune) bool {
	return unicode.In(r, trackedScripts...)
}

// isGeneralPunct reports the characters of U+2000–U+2064, General
// Punctuation's (typographic quotes, dashes, spaces and joiners), all of
// the Common or Inherited script: trackBox's most frequent characters
// from U+0250 on, which need no look-up in the script tables.
func isGeneralPunct(r rune) bool { return r >= 0x2000 && r <= 0x2064 }

// tracked is a box of a line with the letter spacing it takes: k
// thousandths of an em after each character but the last, and before its
// first when it goes on a word part (join). A box with k 0 takes none.
type tracked struct {
	k    int
	join bool
}

// trackLine returns the letter spacing of each box of the justified line
// elems[start:end] (by index from start), appended to buf, with delta of
// room beyond its natural width and spaces that stretch by st, and how
// wide it makes the line; nil when the line takes none.
func trackLine(buf []tracked, elems []elem, start, end int, delta, st page.Unit) ([]tracked, page.Unit) {
	if delta <= st || st <= 0 {
		return nil, 0
	}
	var tr page.Unit
	out := buf[:0]
	prev := -1 // the last box, when only penalties follow it
	for k := start; k < end; k++ {
		var t tracked
		switch e := &elems[k]; e.kind {
		case box:
			if e.letters {
				t = tracked{k: -1, join: prev >= 0 && elems[prev].letters} // its k set below
				tr += trackWidth(e.frags, maxTrack, t.join)
			}
			prev = k
		case glue:
			prev = -1
		}
		out = append(out, t)
	}
	T := trackShare(delta-st, st, tr)
	if T <= 0 {
		return nil, 0
	}
	kk := int((int64(T)*maxTrack + int64(tr)/2) / int64(tr))
	if kk <= 0 {
		return nil, 0
	}
	var added page.Unit
	for i := range out {
		if out[i].k != 0 {
			out[i].k = kk
			added += trackWidth(elems[start+i].frags, kk, out[i].join)
		}
	}
	return out, added
}

// trackWidth is how much wider letter spacing of k makes frags, with a
// space before their first character when join is set: what trackFrag
// adds to their widths, rounded alike.
func trackWidth(frags []frag, k int, join bool) page.Unit {
	var w page.Unit
	for i, f := range frags {
		if n := clusters(f.text); n > 1 {
			w += scale(k*(n-1), f.size)
		}
		if i > 0 || join {
			w += scale(k, f.size)
		}
	}
	return w
}

// clusters counts the characters of s as a reader sees them (grapheme
// clusters); ASCII without a carriage return has one a byte.
func clusters(s string) int {
	if ascii(s) {
		return len(s)
	}
	return uniseg.GraphemeClusterCount(s)
}

// clusterStarts returns the byte offsets where the clusters of s start.
func clusterStarts(s string) []int {
	starts := make([]int, 0, len(s))
	if ascii(s) {
		for i := range len(s) {
			starts = append(starts, i)
		}
		return starts
	}
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		from, _ := g.Positions()
		starts = append(starts, from)
	}
	return starts
}

func ascii(s string) bool {
	// eight bytes at a time: none with its top bit set, and none a
	// carriage return (a byte of x^crs is zero where x's is one)
	const highs, lows, crs = 0x8080808080808080, 0x0101010101010101, 0x0D0D0D0D0D0D0D0D
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		if y := x ^ crs; x&highs != 0 || (y-lows)&^y&highs != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] == '\r' {
			return false
		}
	}
	return true
}

// trackFrag returns f with k thousandths of an em more after each of its
// characters but the last, merged into its kerning, and, when lead is
// set, before its first too (a kern at 0, which appendFrag places).
func trackFrag(f frag, k int, lead bool) frag {
	// the clusters of ASCII text, most, are its bytes: their starts are
	// not made, and the kerns are made once at their length
	clusters, starts := len(f.text), []int(nil)
	if !ascii(f.text) {
		starts = clusterStarts(f.text)
		clusters = len(starts)
	}
	var kerns []page.Kern
	if most := clusters + len(f.kerns) + 1; lead || clusters > 1 || len(f.kerns) > 0 {
		kerns = make([]page.Kern, 0, most)
	}
	if lead {
		kerns = append(kerns, page.Kern{At: 0, Adjust: k})
		f.w += scale(k, f.size)
	}
	old := f.kerns
	n := 0
	for c := range clusters {
		at := c
		if starts != nil {
			at = starts[c]
		}
		if at == 0 {
			continue
		}
		adj := k
		for len(old) > 0 && old[0].At <= at {
			if old[0].At == at {
				adj += old[0].Adjust
			} else {
				kerns = append(kerns, old[0])
			}
			old = old[1:]
		}
		kerns = append(kerns, page.Kern{At: at, Adjust: adj})
		n++
	}
	f.kerns = append(kerns, old...)
	f.w += scale(k*n, f.size)
	return f
}

// alignment is how a line is placed within its measure.
type alignment uint8

const (
	alignJustify alignment = iota
	alignLeft
	alignCenter
	alignRight
)

// setLine places the elements of ln in a measure of W starting at x, with
// the baseline at y, and returns the items and the natural width of the
// line. Justified lines stretch or shrink their glue to fill the measure,
// except the paragraph's last line and lines ended by a forced break.
func setLine(elems []elem, ln line, x, y, W page.Unit, align alignment) ([]page.Item, page.Unit) {
	return setLineDir(elems, ln, x, y, W, align, false)
}

// setLineDir is setLine for a paragraph set right to left (rtl) or left
// to right, with the bidi levels withLevels resolves: the line is drawn in
// visual order, and a right-to-left paragraph's ragged and last lines are
// aligned right.
func setLineDir(elems []elem, ln line, x, y, W page.Unit, align alignment, rtl bool) ([]page.Item, page.Unit) {
	return setLineMath(nil, elems, ln, x, y, W, align, rtl, false, nil)
}

// setLineMath is setLineDir that calls math, when not nil, with the
// items[from:to] each piece of an inline formula is drawn with (its
// mbox, frag.math); the items are made in slab when it is not nil. ltr
// says the elements have no bidi levels (a left-to-right paragraph
// without right-to-left characters, whose elements withLevels leaves
// as they are): the line is drawn in their order, without its spans
// listed and put in visual order.
func setLineMath(slab *lineSlab, elems []elem, ln line, x, y, W page.Unit, align alignment, rtl, ltr bool, math func(piece *mbox, from, to int)) ([]page.Item, page.Unit) {
	end := ln.brk
	if end > len(elems) {
		end = len(elems)
	}
	// trailing glue before the break is not set
	for end > ln.start && elems[end-1].kind != box {
		end--
	}
	var nat, stretch, shrink page.Unit
	spanCount := 0 // a frag or a space each
	for k := ln.start; k < end; k++ {
		e := &elems[k]
		switch e.kind {
		case box:
			nat += e.w
			spanCount += len(e.frags)
		case glue:
			nat += e.w
			stretch += e.stretch
			shrink += e.shrink
			spanCount++
		}
	}
	var hyphen *frag
	if ln.brk < len(elems) && elems[ln.brk].kind == penalty && elems[ln.brk].hyphen != nil {
		hyphen = elems[ln.brk].hyphen
		nat += hyphen.w
		spanCount++
	}
	delta := W - nat
	justify := align == alignJustify && (!ln.forced || delta < 0)
	var track []tracked // by element, from ln.start
	if justify && !rtl && delta > stretch && stretch > 0 {
		// a line whose spaces take its room takes no letter spacing
		// (trackLine's first test), and needs no array zeroed for it
		var trackBuf [64]tracked // most lines' boxes and glue, on the stack
		var added page.Unit
		track, added = trackLine(trackBuf[:0], elems, ln.start, end, delta, stretch)
		delta -= added
		nat += added
	}
	if rtl && (align == alignLeft || align == alignJustify && !justify) {
		align = alignRight
	}
	switch align {
	case alignCenter:
		x += delta / 2
	case alignRight:
		x += delta
	}
	if !justify {
		delta = 0
	}
	d := lineDraw{elems: elems, start: ln.start, y: y, pos: x, delta: delta, stretch: stretch, shrink: shrink}
	// a word and its space are a span each, most words one item
	d.items = slab.room(spanCount/2 + 2)
	if ltr {
		// no levels: the spans are drawn in the order of the elements
		for k := ln.start; k < end; k++ {
			switch e := &elems[k]; e.kind {
			case glue:
				d.glue(e)
			case box:
				for i := range e.frags {
					d.frag(k, i, track, math)
				}
			}
		}
		if hyphen != nil {
			d.hyphen(hyphen)
		}
		return d.items, nat
	}
	var spanBuf [128]span // the spans (a frag or a space each) of nearly every line, on the stack: at 64, the corpus's longest lines took 0.36 MB a pass of CorpusLayout on the heap
	spans := appendLineSpans(spanBuf[:0], elems, ln.start, end, hyphen != nil)
	visualOrder(spans)
	for _, s := range spans {
		switch {
		case s.k < 0:
			d.hyphen(hyphen)
		case elems[s.k].kind == glue:
			d.glue(&elems[s.k])
		default:
			d.frag(int(s.k), int(s.i), track, math)
		}
	}
	return d.items, nat
}

// lineDraw is what setLineMath draws a line's spans with, and where it
// is: the items so far, the position of the next span and the glue
// adjustment handed out so far.
type lineDraw struct {
	elems                  []elem
	start                  int       // the line's first element
	y                      page.Unit // the baseline
	delta, stretch, shrink page.Unit // the glue's adjustment in all, and its stretch and shrink
	given                  page.Unit // glue adjustment handed out so far
	acc                    page.Unit // glue stretch or shrink seen so far
	pos                    page.Unit
	items                  []page.Item
}

// glue moves past glue e, stretched or shrunk by its share.
func (d *lineDraw) glue(e *elem) {
	adj := page.Unit(0)
	switch {
	case d.delta > 0 && d.stretch > 0:
		d.acc += e.stretch
		adj = d.delta*d.acc/d.stretch - d.given
	case d.delta < 0 && d.shrink > 0:
		d.acc += e.shrink
		adj = d.delta*d.acc/d.shrink - d.given
	}
	d.given += adj
	d.pos += e.w + adj
}

// frag draws frag i of box k, letter-spaced by track (by element, from
// d.start), and calls math as setLineMath does. Neither is kept in d,
// whose contents escape (its items): so the line's track, on
// setLineMath's stack, and its caller's math closure stay on the stack.
func (d *lineDraw) frag(k, i int, track []tracked, math func(piece *mbox, from, to int)) {
	f := d.elems[k].frags[i]
	if f.level%2 == 1 {
		f.text, f.kerns, f.follows = reversed(f.text), nil, false
	}
	if t := k - d.start; t >= 0 && t < len(track) && track[t].k != 0 {
		f = trackFrag(f, track[t].k, i > 0 || track[t].join)
	}
	from := len(d.items)
	d.items = appendFrag(d.items, &f, d.pos, d.y)
	if math != nil && f.math != nil {
		math(f.math, from, len(d.items))
	}
	d.pos += f.w
}

// hyphen draws the hyphen that ends the line.
func (d *lineDraw) hyphen(hyphen *frag) {
	h := *hyphen
	d.items = appendFrag(d.items, &h, d.pos, d.y)
	d.pos += h.w
}

// appendFrag appends the items that draw f with its origin at (x, baseline).
func appendFrag(items []page.Item, f *frag, x, baseline page.Unit) []page.Item {
	if f.math != nil {
		return appendMath(items, f, x, baseline)
	}
	y := baseline - f.rise
	// a word cut at break opportunities it did not break at is one item
	if n := len(items); n > 0 && f.link == "" && !f.strike {
		if prev := &items[n-1]; prev.Kind == page.ItemText && prev.Face == f.face && prev.Size == f.size &&
			prev.Color == f.color && prev.Y == y && prev.X+prev.W == x {
			if len(f.kerns) > 0 {
				prev.Kerns = prev.Kerns[:len(prev.Kerns):len(prev.Kerns)] // never write into a frag's kerns
				for _, k := range f.kerns {
					prev.Kerns = append(prev.Kerns, page.Kern{At: k.At + len(prev.Text), Adjust: k.Adjust})
				}
			}
			prev.Text = joinText(prev.Text, f)
			prev.W += f.w
			return items
		}
	}
	kerns, w := f.kerns, f.w
	if len(kerns) > 0 && kerns[0].At == 0 {
		// letter spacing before a word part that starts an item
		lead := scale(kerns[0].Adjust, f.size)
		x, w, kerns = x+lead, w-lead, kerns[1:]
	}
	items = append(items, page.Item{Kind: page.ItemText, X: x, Y: y, W: w, Text: f.text, Face: f.face, Size: f.size, Color: f.color, Kerns: kerns})
	if f.strike {
		t := f.size / 18
		items = append(items, page.Item{Kind: page.ItemLine, X: x, Y: y - scale(f.face.XHeight, f.size)/2, W: w, Stroke: t, Color: f.color})
	}
	if f.link != "" {
		top := y - f.size*8/10
		items = append(items, page.Item{Kind: page.ItemLink, X: x, Y: top, W: w, H: f.size, More: linkMore(items, f.link)})
	}
	return items
}

// joinText returns text followed by f's text. When f follows the piece
// of its word that text ends with (a word cut at a hyphenation point it
// did not break at, set whole again), that is the string both are parts
// of, not a copy: these were most of layout's concatenations. f.follows
// says f's text does not start its string, so that the byte before it is
// of the same string: text, ending there, is of that string too. (The
// addresses are compared as numbers: a pointer just past text's end may
// be past the end of its string, which checkptr, in -race, refuses.)
func joinText(text string, f *frag) string {
	if f.follows && len(text) > 0 && len(f.text) > 0 &&
		uintptr(unsafe.Pointer(unsafe.StringData(text)))+uintptr(len(text)) == uintptr(unsafe.Pointer(unsafe.StringData(f.text))) {
		return unsafe.String(unsafe.StringData(text), len(text)+len(f.text))
	}
	return text + f.text
}

// linkMore returns the ItemMore of a link item to url: that of the link
// item a few items back (the word before's) when it leads there too, as
// the words of a linked phrase share theirs (it is never changed in
// place), else a new one.
func linkMore(items []page.Item, url string) *page.ItemMore {
	for k := len(items) - 1; k >= 0 && k >= len(items)-4; k-- {
		if it := &items[k]; it.Kind == page.ItemLink && it.More != nil && it.More.URL == url {
			return it.More
		}
	}
	return &page.ItemMore{URL: url}
}
