package hyphen

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// patterns is one language's parsed hyphenation patterns and exceptions,
// read-only once built.
//
// The patterns live in a double-array trie over small symbols: every
// character that occurs in some pattern or exception (the word-boundary
// dot included) gets a symbol from 1 up, and 0 stands for every other
// character, which nothing can match. The child of state s along symbol c
// is the state t = st[s].base+c when st[t].check == s; state 0 is
// the root. A state whose letters spell a whole pattern carries that
// pattern's non-zero digits, each packed as offset<<4 | level.
//
// Exceptions are patterns too, spanning the whole word between the two
// boundary dots, with level 11 at each of their breaks and 10 at every
// other position: as TeX's pattern digits go up to 9 (Norwegian's reach
// it), an exception decides every position of its word, and of no other
// word, exactly as TeX's \hyphenation list replaces the patterns for its
// words. Levels fit in the 4 bits a packed digit gives them.
type patterns struct {
	lo [256]uint8     // symbol of each rune below 256
	hi map[rune]uint8 // symbol of the other runes
	st []state        // the double array
	d  []uint16       // digits, offset<<4 | level
}

// state is one slot of the double array.
type state struct {
	base  int32  // the children of this state are at base+symbol
	check int32  // the parent state; -1 when the slot is free
	vals  uint32 // the state's digits are d[vals>>7 : vals>>7+vals&127]
}

const (
	dot          = '.' // the word boundary in patterns
	maxLetters   = 64  // the longest pattern or exception, dots included
	excBreak     = 11  // an exception's level at its breaks, above any digit
	excNoBreak   = 10  // and everywhere else
	freeSlot     = -1
	rootSentinel = -2
)

// symbol returns the symbol of r, 0 when nothing contains r.
func (p *patterns) symbol(r rune) uint8 {
	if r < rune(len(p.lo)) {
		return p.lo[r]
	}
	return p.hi[r]
}

// match applies Liang's algorithm: syms is the word in symbols between two
// boundary dots; levels, one longer than syms and all zero, receives at
// index k the highest digit that any matching pattern puts before syms[k].
func (p *patterns) match(syms, levels []uint8) {
	st, digits := p.st, p.d
	root := st[0].base
	for i := 0; i < len(syms)-1; i++ {
		c := syms[i]
		s := root + int32(c)
		if c == 0 || st[s].check != 0 {
			continue
		}
		lv := levels[i:]
		for j := i + 1; ; j++ {
			if v := st[s].vals; v != 0 {
				for _, d := range digits[v>>7 : v>>7+v&127] {
					if l := uint8(d & 15); l > lv[d>>4] {
						lv[d>>4] = l
					}
				}
			}
			if j == len(syms) {
				break
			}
			c = syms[j]
			t := st[s].base + int32(c)
			if c == 0 || st[t].check != s {
				break
			}
			s = t
		}
	}
}

// entry is one pattern or exception being parsed: its symbols and the
// level before each symbol and after the last.
type entry struct {
	syms   []uint8
	levels []uint8
}

// parsePatterns builds the patterns from the text of a hyph-utf8 .pat.txt
// file and of its .hyp.txt file (exceptions; may be empty).
func parsePatterns(pat, hyp string) (*patterns, error) {
	pats, excs := strings.Fields(pat), strings.Fields(hyp)
	p := &patterns{hi: map[rune]uint8{}}

	// Symbols: the characters of patterns and exceptions, in code point
	// order.
	seen := map[rune]bool{dot: true}
	for _, f := range pats {
		for _, r := range f {
			if r < '0' || r > '9' {
				seen[r] = true
			}
		}
	}
	for _, f := range excs {
		for _, r := range f {
			if r != '-' {
				seen[unicode.ToLower(r)] = true
			}
		}
	}
	alphabet := make([]rune, 0, len(seen))
	for r := range seen {
		alphabet = append(alphabet, r)
	}
	slices.Sort(alphabet)
	if len(alphabet) > 255 {
		return nil, fmt.Errorf("%d distinct characters, at most 255", len(alphabet))
	}
	for i, r := range alphabet {
		if r < rune(len(p.lo)) {
			p.lo[r] = uint8(i + 1)
		} else {
			p.hi[r] = uint8(i + 1)
		}
	}

	var entries []entry
	for _, f := range pats {
		e, err := p.parsePattern(f)
		if err != nil {
			return nil, err
		}
		entries = append(entries, e)
	}
	nPats := len(entries)
	for _, f := range excs {
		e, err := p.parseException(f)
		if err != nil {
			return nil, err
		}
		entries = append(entries, e)
	}

	// A trie of linked nodes first, then laid out as a double array.
	b := newBuilder()
	for i, e := range entries {
		n := b.insert(e.syms)
		if b.digits[n] != nil {
			isExc := i >= nPats
			if isExc && b.fromExc[n] {
				return nil, fmt.Errorf("exception %q: listed twice", excs[i-nPats])
			}
			if !isExc {
				return nil, fmt.Errorf("pattern %q: the same letters as another", pats[i])
			}
			// An exception spelling the same letters as a pattern (Dutch
			// "wals-te" and ".wals5te."): the exception wins.
		}
		packed := []uint16{}
		for k, l := range e.levels {
			if l != 0 {
				packed = append(packed, uint16(k)<<4|uint16(l))
			}
		}
		b.digits[n] = packed
		b.fromExc[n] = i >= nPats
	}
	p.st, p.d = b.layout(len(alphabet))
	if len(p.d) >= 1<<25 {
		return nil, fmt.Errorf("%d digits, too many", len(p.d))
	}
	return p, nil
}

// parsePattern reads one pattern such as ".hy3ph" or "4a1tion".
func (p *patterns) parsePattern(f string) (entry, error) {
	e := entry{levels: []uint8{0}}
	for _, r := range f {
		if r >= '0' && r <= '9' {
			e.levels[len(e.levels)-1] = uint8(r - '0')
			continue
		}
		e.syms = append(e.syms, p.symbol(r))
		e.levels = append(e.levels, 0)
	}
	if len(e.syms) == 0 || len(e.syms) > maxLetters {
		return e, fmt.Errorf("pattern %q: %d letters, want 1 to %d", f, len(e.syms), maxLetters)
	}
	return e, nil
}

// parseException reads one exception such as "ta-ble" into a pattern
// whose levels force exactly its breaks: 10 (no break) at each position
// of ".table." and 11 (break) before the b.
func (p *patterns) parseException(f string) (entry, error) {
	e := entry{syms: []uint8{p.symbol(dot)}, levels: []uint8{0, excNoBreak}}
	hyphen := false
	for _, r := range f {
		if r == '-' {
			if len(e.syms) == 1 || hyphen {
				return e, fmt.Errorf("exception %q: misplaced hyphen", f)
			}
			hyphen = true
			e.levels[len(e.levels)-1] = excBreak
			continue
		}
		hyphen = false
		e.syms = append(e.syms, p.symbol(unicode.ToLower(r)))
		e.levels = append(e.levels, excNoBreak)
	}
	if hyphen || len(e.syms) == 1 {
		return e, fmt.Errorf("exception %q: misplaced hyphen or no letters", f)
	}
	e.syms = append(e.syms, p.symbol(dot))
	e.levels = append(e.levels, 0)
	if len(e.syms) > maxLetters {
		return e, fmt.Errorf("exception %q: longer than %d letters", f, maxLetters-2)
	}
	return e, nil
}

// builder is a trie of linked nodes, node 0 the root.
type builder struct {
	kids    [][]kid    // children of each node, sorted by symbol
	digits  [][]uint16 // packed digits of each node, nil when none
	fromExc []bool     // whether a node's digits come from an exception
}

type kid struct {
	sym  uint8
	node uint32
}

func newBuilder() *builder {
	return &builder{kids: [][]kid{nil}, digits: [][]uint16{nil}, fromExc: []bool{false}}
}

// insert adds the path for syms and returns its last node.
func (b *builder) insert(syms []uint8) uint32 {
	n := uint32(0)
	for _, c := range syms {
		ks := b.kids[n]
		i, found := slices.BinarySearchFunc(ks, c, func(k kid, c uint8) int { return int(k.sym) - int(c) })
		if found {
			n = ks[i].node
			continue
		}
		next := uint32(len(b.kids))
		b.kids = append(b.kids, nil)
		b.digits = append(b.digits, nil)
		b.fromExc = append(b.fromExc, false)
		b.kids[n] = slices.Insert(ks, i, kid{c, next})
		n = next
	}
	return n
}

// layout places the nodes in a double array, breadth first, each node's
// children at the first base where all their slots are free; a list of the
// free slots, in order, makes that search short. The array is padded so
// that base+symbol is always inside it.
func (b *builder) layout(symbols int) ([]state, []uint16) {
	st := []state{{check: rootSentinel}}
	// The free slots form a doubly linked list through prev and next,
	// head first; -1 ends it. Slots at len(st) and beyond are all free.
	var prev, next []int32
	head, tail := int32(-1), int32(-1)
	grow := func(n int) {
		for len(st) < n {
			i := int32(len(st))
			st = append(st, state{check: freeSlot})
			prev, next = append(prev, tail), append(next, -1)
			if tail >= 0 {
				next[tail] = i
			} else {
				head = i
			}
			tail = i
		}
	}
	prev, next = append(prev, -1), append(next, -1) // the root, not free
	take := func(i int32) {
		if prev[i] >= 0 {
			next[prev[i]] = next[i]
		} else {
			head = next[i]
		}
		if next[i] >= 0 {
			prev[next[i]] = prev[i]
		} else {
			tail = prev[i]
		}
	}
	fits := func(base int, ks []kid) bool {
		for _, k := range ks {
			if t := base + int(k.sym); t < len(st) && st[t].check != freeSlot {
				return false
			}
		}
		return true
	}

	var d []uint16
	pos := make([]int32, len(b.kids)) // node → its state
	queue := []uint32{0}
	for q := 0; q < len(queue); q++ {
		n := queue[q]
		s := pos[n]
		if ds := b.digits[n]; len(ds) > 0 {
			st[s].vals = uint32(len(d))<<7 | uint32(len(ds))
			d = append(d, ds...)
		}
		ks := b.kids[n]
		if len(ks) == 0 {
			continue // a leaf keeps base 0
		}
		c0 := int(ks[0].sym)
		base := max(1, len(st)-c0) // past the end, all is free
		for f := head; f >= 0; f = next[f] {
			if int(f)-c0 >= 1 && fits(int(f)-c0, ks) {
				base = int(f) - c0
				break
			}
		}
		grow(base + int(ks[len(ks)-1].sym) + 1)
		st[s].base = int32(base)
		for _, k := range ks {
			t := base + int(k.sym)
			take(int32(t))
			st[t].check = s
			pos[k.node] = int32(t)
			queue = append(queue, k.node)
		}
	}
	// Every base+symbol must stay inside the array.
	maxBase := 0
	for _, s := range st {
		maxBase = max(maxBase, int(s.base))
	}
	grow(maxBase + symbols + 1)
	return slices.Clip(st), slices.Clip(d)
}
