package layout

import (
	"hash/maphash"
	"sync"

	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/page"
)

// An article's words repeat ("the", "of", a name): a layout keeps the
// shaping of each word it has set (its frags' faces, widths and kerning),
// and sets the word again from that rather than looking up each
// character's face, width and kerning anew. The cache is a layout's own
// (its shaper's), used on one goroutine, so it needs no lock; it keeps at
// most maxWords words, and only short ones (maxWordBytes), which are the
// ones that repeat. A layout takes a cache from wordCaches and gives it
// back emptied, so that its tables and array are made once, not for
// every layout.
const (
	maxWords     = 4096
	maxWordBytes = 32
	maxTables    = 16
)

// wordCaches keeps the caches of layouts that have ended.
var wordCaches = sync.Pool{New: func() any { return new(wordCache) }}

// newWordCache returns an empty cache, to be given back with release.
func newWordCache() *wordCache {
	return wordCaches.Get().(*wordCache)
}

// release empties c, which its layout no longer uses, and keeps it for
// another: it holds none of the layout's text or faces after.
func (c *wordCache) release() {
	if len(c.tables) > maxTables {
		c.tables = nil
	}
	c.empty()
	c.last = nil
	wordCaches.Put(c)
}

// empty drops the words c keeps.
func (c *wordCache) empty() {
	for _, t := range c.tables {
		clear(t.slots) // no text kept alive by the table
		t.n = 0
	}
	clear(c.frags) // no faces or text kept alive by the array
	c.words, c.frags = 0, c.frags[:0]
}

// shapedFrag is what a kept frag holds of the word's shaping. Its kerns
// are shared by every frag made from it: frags' kerns are never written
// to (appendFrag and trackFrag make new ones).
type shapedFrag struct {
	text  string
	face  *fonts.Face
	w     page.Unit
	kerns []page.Kern
}

// wordCache keeps the shaping of words, a table for each family, style
// and size (a run's colour, link, rise and strike are set on the frags as
// they are handed out). Each word's frags are a span of one array, so
// that keeping a word allocates nothing of its own.
type wordCache struct {
	tables []*wordTable
	last   *wordTable // the table used last: most words are in the style of the one before
	words  int
	frags  []shapedFrag
}

// wordTable is the words kept in one family, style and size, by text:
// a table of its own rather than a map, so that a word looked up and not
// found is kept (put) at the slot the look-up ended at, its text hashed
// once; more than half the words an article sets are new to it.
type wordTable struct {
	fam   fonts.Family
	st    fonts.Style
	size  page.Unit
	slots []wordSlot // open addressing, probed linearly; a power of two long, or empty
	n     int        // slots in use
}

// wordSlot is a word kept in a wordTable, or none when its tag is 0. The
// tag is the word's hash, with its lowest bit set (wordTag).
type wordSlot struct {
	text string
	span fragSpan
	tag  uint32
}

// wordTag returns the tag of a word hashed to h: never 0. A table's slot
// for it is where probing starts from tag/2.
func wordTag(h uint64) uint32 { return uint32(h) | 1 }

// fragSpan is where a word's frags are in wordCache.frags.
type fragSpan struct{ from, to int32 }

// wordSeed seeds the words' hashes.
var wordSeed = maphash.MakeSeed()

// minWordSlots is the size of a table's first array.
const minWordSlots = 64

// table returns the table of words in rs's family, style and size.
func (c *wordCache) table(rs runStyle) *wordTable {
	st := fonts.StyleOf(rs.bold, rs.italic)
	if t := c.last; t != nil && t.fam == rs.fam && t.st == st && t.size == rs.size {
		return t
	}
	for _, t := range c.tables {
		if t.fam == rs.fam && t.st == st && t.size == rs.size {
			c.last = t
			return t
		}
	}
	t := &wordTable{fam: rs.fam, st: st, size: rs.size}
	c.tables = append(c.tables, t)
	c.last = t
	return t
}

// wordProbe is where a look-up of a word not kept ended: the word's tag
// and the free slot to keep it in.
type wordProbe struct {
	tag  uint32
	slot int
}

// get returns the kept frags of text in t, if any; if not, where to put
// them.
func (c *wordCache) get(t *wordTable, text string) ([]shapedFrag, wordProbe, bool) {
	tag := wordTag(maphash.String(wordSeed, text))
	if len(t.slots) == 0 {
		t.slots = make([]wordSlot, minWordSlots)
	}
	mask := len(t.slots) - 1
	for i := int(tag/2) & mask; ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.tag == 0 {
			return nil, wordProbe{tag, i}, false
		}
		if sl.tag == tag && sl.text == text {
			return c.frags[sl.span.from:sl.span.to], wordProbe{}, true
		}
	}
}

// put keeps frags as the shaping of text in t, at the slot get found for
// it (nothing having been put since); when maxWords are kept, those kept
// before are dropped first.
func (c *wordCache) put(t *wordTable, at wordProbe, text string, frags []frag) {
	if c.words >= maxWords {
		c.empty() // the frags handed out are copies; at's slot is as free as before
	}
	from := len(c.frags)
	for _, f := range frags {
		c.frags = append(c.frags, shapedFrag{text: f.text, face: f.face, w: f.w, kerns: f.kerns})
	}
	t.slots[at.slot] = wordSlot{text: text, span: fragSpan{int32(from), int32(len(c.frags))}, tag: at.tag}
	t.n++
	c.words++
	if 4*t.n > 3*len(t.slots) { // at most three quarters full, so that probes stay short
		t.grow()
	}
}

// grow doubles t's array, keeping its words.
func (t *wordTable) grow() {
	old := t.slots
	t.slots = make([]wordSlot, 2*len(old))
	mask := len(t.slots) - 1
	for _, sl := range old {
		if sl.tag == 0 {
			continue
		}
		i := int(sl.tag/2) & mask
		for t.slots[i].tag != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = sl
	}
}
