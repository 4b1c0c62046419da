package layout

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/galleyprint/galley/hyphen"
	"github.com/galleyprint/galley/page"
)

// hyphenPenalty is the cost of breaking at a hyphenation point: 3.5
// times TeX's 50, chosen on the corpus (scripts/bench-spacing): in one
// column 13.5 % of justified lines end in a hyphen, against 14.9 % at
// 150, at the same spacing (p95 0.394 em against 0.392).
const hyphenPenalty = 175

// withHyphenationPoints returns elems with every hyphenable box cut at the
// points h finds in its word, joined by penalties that draw a hyphen when
// a line breaks there. The breaker asks for it only when the paragraph
// cannot be set without: most paragraphs never pay for hyphenation.
func withHyphenationPoints(elems []elem, h *hyphen.Hyphenator) []elem {
	return hyphenatedIn(nil, elems, h)
}

// hyphenScratch is the arrays a paragraph's hyphenated elements are made
// in, kept from one paragraph to the next (see setFrom): making them was
// a seventh of a layout's bytes. Its elements may be made anew by the
// next call of hyphenatedIn with it, and its frags once reset.
type hyphenScratch struct {
	elems []elem
	arena fragArena
}

// hyphenScratches keeps the scratch of layouts that have ended, emptied
// (see release), so that a layout's arrays are not grown anew from
// nothing.
var hyphenScratches = sync.Pool{New: func() any { return new(hyphenScratch) }}

// newHyphenScratch returns an empty scratch, to be given back with
// release.
func newHyphenScratch() *hyphenScratch {
	return hyphenScratches.Get().(*hyphenScratch)
}

// release empties sc, which its layout no longer uses, and keeps it for
// another: it holds none of the layout's text or faces after.
func (sc *hyphenScratch) release() {
	clear(sc.elems[:cap(sc.elems)])
	sc.elems = sc.elems[:0]
	for _, a := range sc.arena.made {
		clear(a)
	}
	sc.reset()
	hyphenScratches.Put(sc)
}

// sharedPoints are the hyphenation points of words found by the layouts
// with one hyphenator so far: finding a word's points costs some thirty
// times a look-up, and a third of the words an article needs them for
// are repeats of its own, more are words of articles laid out before
// (on the 37 web corpus pages in name order, a fifth of each article's
// new words). Safe for concurrent use; the points are never written.
type sharedPoints struct {
	mu    sync.RWMutex
	words map[string][]int
}

// maxSharedWords is the most words a sharedPoints keeps: some 2 MB.
const maxSharedWords = 1 << 14

// sharedHyphenation holds the sharedPoints of each hyphenator used.
var sharedHyphenation sync.Map // *hyphen.Hyphenator → *sharedPoints

// sharedPointsOf returns the sharedPoints of h.
func sharedPointsOf(h *hyphen.Hyphenator) *sharedPoints {
	if sp, ok := sharedHyphenation.Load(h); ok {
		return sp.(*sharedPoints)
	}
	sp, _ := sharedHyphenation.LoadOrStore(h, &sharedPoints{words: make(map[string][]int)})
	return sp.(*sharedPoints)
}

// points returns hyphenationPoints(h, text), from sp's words when they
// hold it; a nil sp keeps none, and nor does any for a word too short to
// break. The words are copies: they keep no article's text alive.
func (sp *sharedPoints) points(h *hyphen.Hyphenator, text string) []int {
	if left, right := h.Mins(); sp == nil || len(text) < left+right {
		return hyphenationPoints(h, text)
	}
	sp.mu.RLock()
	pts, ok := sp.words[text]
	sp.mu.RUnlock()
	if ok {
		return pts
	}
	pts = hyphenationPoints(h, text)
	sp.mu.Lock()
	if len(sp.words) >= maxSharedWords {
		clear(sp.words)
	}
	sp.words[strings.Clone(text)] = pts
	sp.mu.Unlock()
	return pts
}

// reset lets sc hand out the frags it handed out before again.
func (sc *hyphenScratch) reset() {
	sc.arena.free, sc.arena.next = nil, 0
}

// hyphenatedIn is withHyphenationPoints with the elements and frags it
// makes in sc's arrays; a nil sc makes new ones.
func hyphenatedIn(sc *hyphenScratch, elems []elem, h *hyphen.Hyphenator) []elem {
	var out []elem
	arena := &fragArena{}
	var shared *sharedPoints // looked up once, not for each word
	if sc != nil {
		arena, shared = &sc.arena, sharedPointsOf(h)
	}
	for i := range elems {
		e := &elems[i] // by pointer: the words without points are not copied but to out
		var pts []int
		if e.kind == box && e.hyphenable {
			pts = shared.points(h, boxText(*e))
		}
		if len(pts) == 0 {
			if out != nil {
				out = append(out, *e)
			}
			continue
		}
		if out == nil {
			// most words of a paragraph that needs hyphens have some
			if want := len(elems)*3/2 + 16; sc != nil && cap(sc.elems) >= want {
				out = sc.elems[:0]
			} else {
				out = make([]elem, 0, want)
			}
			out = append(out, elems[:i]...)
		}
		out = arena.appendCutBox(out, *e, pts)
	}
	if out == nil {
		return elems
	}
	if sc != nil && cap(out) > cap(sc.elems) {
		sc.elems = out[:0]
	}
	return out
}

// fragArena hands out the frags of the pieces and hyphens words are cut
// into from a few arrays, each twice as long as the one before up to
// maxArenaFrags: a paragraph's cut words share a few allocations rather
// than making one each (their boxes were a seventh of a layout's
// allocations). The zero fragArena is ready to use.
type fragArena struct {
	free []frag
	size int // the length of the last array made
	// made are the arrays made, from their start: those from next on are
	// handed out again after a reset (hyphenScratch)
	made [][]frag
	next int
}

// The lengths of a fragArena's arrays: the first holds a few words'
// pieces and hyphens, the longest some forty words', 30 KB.
const (
	minArenaFrags = 16
	maxArenaFrags = 256
)

// take returns n frags, not handed out before.
func (a *fragArena) take(n int) []frag {
	if len(a.free) < n {
		for a.next < len(a.made) && len(a.free) < n {
			a.free = a.made[a.next]
			a.next++
		}
	}
	if len(a.free) < n {
		a.size = min(max(2*a.size, minArenaFrags), maxArenaFrags)
		a.free = make([]frag, max(n, a.size))
		a.made = append(a.made, a.free)
		a.next = len(a.made)
	}
	s := a.free[:n:n]
	a.free = a.free[n:]
	return s
}

// boxText is the text a box draws.
func boxText(e elem) string {
	if len(e.frags) == 1 {
		return e.frags[0].text
	}
	var b strings.Builder
	for _, f := range e.frags {
		b.WriteString(f.text)
	}
	return b.String()
}

// cutBox cuts a box at byte offsets pts of its text into boxes joined by
// hyphenation penalties; each piece and hyphen is measured in its frag's
// face and size.
func cutBox(e elem, pts []int) []elem {
	var arena fragArena
	return arena.appendCutBox(nil, e, pts)
}

// appendCutBox appends the pieces cutBox makes of e to out. The pieces'
// frags and the hyphens are taken from a at their size (each piece
// capped, so that nothing appends into the next, and the hyphens never
// moved), rather than arrays grown a frag at a time and a hyphen
// allocated a point. e is a word's box (hyphenable): its frags are
// kerned as measure kerns them (see wordPieceAt).
func (a *fragArena) appendCutBox(out []elem, e elem, pts []int) []elem {
	room := len(e.frags) + len(pts) // a piece per frag, and one more per point in it
	buf := a.take(room + len(pts))
	frags, hyphens := buf[:0:room], buf[room:room]
	cur := 0 // where the current piece's frags start in frags
	endPiece := func() {
		out = append(out, pieceOf(e, frags[cur:len(frags):len(frags)]))
		cur = len(frags)
	}
	offset := 0 // of the current frag's start in the box's text
	for _, f := range e.frags {
		from := 0
		for len(pts) > 0 && pts[0] < offset+len(f.text) {
			at := pts[0] - offset
			pts = pts[1:]
			if at > from {
				frags = append(frags, wordPieceAt(f, from, at))
			}
			from = at
			endPiece()
			w1000, _ := f.face.Width('-')
			hyphens = append(hyphens, frag{text: "-", face: f.face, size: f.size, color: f.color, rise: f.rise, w: scale(w1000, f.size)})
			hy := &hyphens[len(hyphens)-1]
			out = append(out, elem{kind: penalty, penalty: hyphenPenalty, w: hy.w, flagged: true, auto: true, hyphen: hy})
		}
		if from < len(f.text) {
			frags = append(frags, wordPieceAt(f, from, len(f.text)))
		}
		offset += len(f.text)
	}
	if len(frags) > cur {
		endPiece()
	}
	return out
}

// pieceOf returns a box of frags cut from box e: letter-spaced as e is.
func pieceOf(e elem, frags []frag) elem {
	p := makeBox(frags)
	if e.letters {
		trackBox(&p)
	}
	return p
}

// pieceAt is f's text from byte from to byte to, set like f and
// measured; a piece that does not start f's text follows the one before.
func pieceAt(f frag, from, to int) frag {
	if from == 0 && to == len(f.text) {
		return f
	}
	f.text, f.follows = f.text[from:to], from > 0
	f.measure()
	return f
}

// wordPieceAt is pieceAt for a frag of a word's box, shaped by
// appendFrags in a family other than Mono: its kerns are the pairs
// measure finds in its text, so that a piece's are those of f's that fall
// inside it (after its first character, before its end), not looked up
// again pair by pair. Only its characters' widths are.
func wordPieceAt(f frag, from, to int) frag {
	if from == 0 && to == len(f.text) {
		return f
	}
	kerns := f.kerns
	f.text, f.follows, f.kerns = f.text[from:to], from > 0, nil
	sum := 0
	widths := f.face.ASCIIWidths() // f.face.Width's, without a call an ASCII character
	for i := 0; i < len(f.text); {
		if c := f.text[i]; c < utf8.RuneSelf {
			sum += int(widths[c]) // -1 for a character the face lacks, as Width gives
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(f.text[i:])
		w, _ := f.face.Width(r)
		sum += w
		i += size
	}
	lo := 0
	for lo < len(kerns) && kerns[lo].At <= from {
		lo++
	}
	hi := lo
	for hi < len(kerns) && kerns[hi].At < to {
		sum += kerns[hi].Adjust
		hi++
	}
	switch {
	case hi == lo:
	case from == 0:
		f.kerns = kerns[lo:hi:hi] // the same offsets: shared, as kerns are never written to
	default:
		f.kerns = make([]page.Kern, hi-lo)
		for k, kn := range kerns[lo:hi] {
			f.kerns[k] = page.Kern{At: kn.At - from, Adjust: kn.Adjust}
		}
	}
	f.w = scale(sum, f.size)
	return f
}

// hyphenationPoints returns where the word in text may take a hyphen: the
// letters between any leading and trailing punctuation, when they are all
// letters and not an all-capital acronym. Numbers, code and URLs are never
// hyphenated (the callers leave those out).
func hyphenationPoints(h *hyphen.Hyphenator, text string) []int {
	if left, right := h.Mins(); len(text) < left+right {
		return nil // too short to break, whatever it holds
	}
	start := strings.IndexFunc(text, unicode.IsLetter)
	if start < 0 {
		return nil
	}
	end := strings.LastIndexFunc(text, unicode.IsLetter)
	_, size := utf8.DecodeRuneInString(text[end:])
	core := text[start : end+size]
	upper := true
	for _, r := range core {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && r != '\'' && r != '’' {
			return nil
		}
		if unicode.IsLower(r) {
			upper = false
		}
	}
	if upper {
		return nil // NATO, UNESCO
	}
	pts := h.Points(core)
	for i := range pts {
		pts[i] += start
	}
	return pts
}
