package layout

import (
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
		clear(t.spans)
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

// wordTable is the words kept in one family, style and size, by text.
type wordTable struct {
	fam   fonts.Family
	st    fonts.Style
	size  page.Unit
	spans map[string]fragSpan
}

// fragSpan is where a word's frags are in wordCache.frags.
type fragSpan struct{ from, to int32 }

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
	t := &wordTable{fam: rs.fam, st: st, size: rs.size, spans: map[string]fragSpan{}}
	c.tables = append(c.tables, t)
	c.last = t
	return t
}

// get returns the kept frags of text in t, if any.
func (c *wordCache) get(t *wordTable, text string) ([]shapedFrag, bool) {
	sp, ok := t.spans[text]
	if !ok {
		return nil, false
	}
	return c.frags[sp.from:sp.to], true
}

// put keeps frags as the shaping of text in t; when maxWords are kept,
// those kept before are dropped first.
func (c *wordCache) put(t *wordTable, text string, frags []frag) {
	if c.words >= maxWords {
		c.empty() // the frags handed out are copies
	}
	from := len(c.frags)
	for _, f := range frags {
		c.frags = append(c.frags, shapedFrag{text: f.text, face: f.face, w: f.w, kerns: f.kerns})
	}
	t.spans[text] = fragSpan{int32(from), int32(len(c.frags))}
	c.words++
}
