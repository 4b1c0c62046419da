package layout

import (
	"math"
	"sync"

	"github.com/galleyprint/galley/hyphen"
	"github.com/galleyprint/galley/page"
)

// Knuth–Plass total-fit line breaking (Knuth and Plass, "Breaking
// paragraphs into lines", 1981; TeX's \linebreak): every feasible set of
// breaks of the whole paragraph is weighed at once, and the one with the
// least total demerits wins, so that a tight line is not bought with a
// loose one three lines on. Browsers break first-fit and leave rivers.

// breakParams are the breaker's settings, after TeX's plain format.
type breakParams struct {
	tolerance     float64   // largest adjustment ratio allowed (TeX badness 100 ≈ 1, 200 ≈ 1.26)
	hyphenate     bool      // automatic hyphenation points are legal breaks
	emergency     float64   // emergency stretch: each space may stretch this many times its own stretch more
	linePenalty   float64   // added to every line's badness (\linepenalty)
	doubleHyphen  float64   // demerits for two hyphenated lines in a row
	finalHyphen   float64   // demerits for a hyphen on the paragraph's second-last line
	adjDemerits   float64   // demerits for adjacent lines of incompatible tightness
	maxHyphenRun  int       // most consecutive lines ending in a hyphen
	runDemerits   float64   // when above 0, a longer run costs this instead of being refused
	lastResort    bool      // emergency breaks (at no hyphenation point) are legal
	raggedStretch page.Unit // ragged text: the room a line may leave empty, judged like stretch
}

// The passes, as TeX runs them: without hyphenation at \pretolerance,
// with it at \tolerance, then with emergency stretch, and last taking any
// line that is not overfull.
var (
	passNoHyphens = breakParams{tolerance: 1, linePenalty: 10, doubleHyphen: 10000, finalHyphen: 5000, adjDemerits: 10000, maxHyphenRun: 2}
	passHyphens   = breakParams{tolerance: 1.26, hyphenate: true, linePenalty: 10, doubleHyphen: 10000, finalHyphen: 5000, adjDemerits: 10000, maxHyphenRun: 2}
	// passEmergency lets every space stretch twice as far again. TeX's
	// \emergencystretch is one length for every line, which lets a line of
	// three spaces open each as far as one of nine opens all of them: in
	// two columns the corpus's loosest lines (spaces of 0.71 em at the
	// 95th percentile) all came from it; given per space, a line's
	// badness stays in proportion to its gaps.
	passEmergency = breakParams{tolerance: 1.26, hyphenate: true, emergency: 1, linePenalty: 10, doubleHyphen: 10000, finalHyphen: 5000, adjDemerits: 10000, maxHyphenRun: 2}
	// passFinal takes any line that is not overfull, still minimising the
	// total: loose lines where a narrow measure leaves no choice, rather
	// than first-fit ones; and breaks at no hyphenation point, where a word
	// is wider than the line
	passFinal = breakParams{tolerance: math.Inf(1), hyphenate: true, linePenalty: 10, doubleHyphen: 10000, finalHyphen: 5000, adjDemerits: 10000, maxHyphenRun: 2, lastResort: true}
	// passLast is passFinal with a third hyphen in a row allowed, at a
	// cost, rather than breaking first-fit
	passLast = breakParams{tolerance: math.Inf(1), hyphenate: true, linePenalty: 10, doubleHyphen: 10000, finalHyphen: 5000, adjDemerits: 10000, maxHyphenRun: 2, runDemerits: 1e9, lastResort: true}
)

// breakParagraph breaks elems into lines of width(i), and returns the
// elements the lines index into. Justified text tries the passes in turn:
// without hyphenation; then, with h's hyphenation points added (only now,
// so that most paragraphs never pay for them), within tolerance, with
// emergency stretch, and taking any lines that are not overfull. Ragged
// text is broken by the same algorithm with the space a line leaves at its
// end judged as stretch, so that lines are of even length rather than
// first-fit. Only when every pass fails (a box wider than its line) are
// the lines broken first-fit. The elements with hyphenation points are
// made in sc's arrays (see hyphenatedIn); a nil sc makes new ones.
func breakParagraph(elems []elem, width func(i int) page.Unit, justify bool, h *hyphen.Hyphenator, sc *hyphenScratch) ([]elem, []line) {
	if len(elems) == 0 {
		return elems, nil
	}
	if !justify {
		for _, p := range []breakParams{passFinal, passLast} {
			p.raggedStretch = width(1) / 4
			if lines := knuthPlass(elems, width, p); lines != nil {
				return elems, lines
			}
		}
		return elems, breakGreedy(elems, width, false)
	}
	if lines := knuthPlass(elems, width, passNoHyphens); lines != nil {
		return elems, lines
	}
	if h != nil {
		elems = hyphenatedIn(sc, elems, h)
	}
	for _, p := range []breakParams{passHyphens, passEmergency, passFinal, passLast} {
		if lines := knuthPlass(elems, width, p); lines != nil {
			return elems, lines
		}
	}
	return elems, breakGreedy(elems, width, true)
}

// fitness classes of a line, from its adjustment ratio.
const (
	veryLoose = iota
	loose
	decent
	tight
)

func fitnessOf(r float64) int {
	switch {
	case r > 1:
		return veryLoose
	case r > 0.5:
		return loose
	case r >= -0.5:
		return decent
	}
	return tight
}

// kpNode is a feasible break: after the element at pos (-1 for the start).
// It holds no pointers (prev is an index into the search's nodes), so
// that the nodes' arrays are nothing for the collector to scan, and
// keeping or adding a node writes no pointer (a write barrier each while
// the collector runs, a tenth of the breaker's time).
type kpNode struct {
	pos        int
	line       int // lines before this break
	fitness    int
	hyphenRun  int // consecutive hyphenated lines ending here
	demerits   float64
	prev       int32     // the break before, an index into the search's nodes; -1 for the start
	w, st, sh  page.Unit // totals from the start to the first element after the break
	width      page.Unit // the measure of the line after the break: width(line)
	tr         page.Unit // letter spacing the boxes before the break may take
	other      int       // boxes before the break that are no words (addresses, code)
	hyphenated bool
}

// kpSearch is a search's scratch, kept for the next search (kpSearches)
// rather than allocated for each: a paragraph's search makes hundreds of
// nodes. The lines a search returns refer to none of it.
type kpSearch struct {
	nodes  []kpNode
	active []int32 // indices into nodes of the breaks a line may start after
	// widths are the search's width(k) for the lines k asked for so far:
	// each candidate line asks, a call through the caller's closures
	widths []page.Unit
}

// kpSearches keeps kpSearch scratch between searches.
var kpSearches = sync.Pool{New: func() any { return new(kpSearch) }}

// add appends a node holding nd and returns its index.
func (ks *kpSearch) add(nd kpNode) int32 {
	ks.nodes = append(ks.nodes, nd)
	return int32(len(ks.nodes) - 1)
}

// cube returns x³: the same number as math.Pow(x, 3) (which multiplies
// x's mantissa by its square and scales by a power of two, exactly),
// without Pow's call and its special cases, for every candidate line.
func cube(x float64) float64 { return x * x * x }

// shortMargin bounds, in units of a line's stretch, how much less than
// another's a justified line's ratio may be worked out while it is no
// less in fact. A node's line to the break at hand is a part of the line
// from a node before it in the active list (they are in the order of
// their breaks), of the same measure: its room left and the stretch of
// its spaces and letters are worked out as for the longer one. Its room
// is at least the longer one's (checked: a.w >= short.w) and its
// stretch at most (a.st >= short.st, a.tr >= short.tr), so that its ratio
// is in fact at least the longer one's: (S+T)/(st+T) for room S, space
// stretch st and letters' stretch T when the letters take a share, S/st
// when they take none, (S-T)/st when they take all they may (the
// emergency pass doubles each st). trackShare rounds the letters' share
// down, so that a ratio worked out is at most 1/st above the ratio in
// fact (never below): so a node whose stretch times how far the longer
// line's ratio is past the tolerance exceeds shortMargin (the longer
// line's rounding, at most 1, and as much again for the divisions') is
// past it too, and is kept without its ratio worked out.
const shortMargin = 2

// skipKnownLoose lets the search keep the nodes known to start too loose
// a line without their ratio worked out (see shortMargin); a test turns it
// off to compare with the search that works out every one.
var skipKnownLoose = true

// keepLoose keeps, from active[k] on, the nodes known to start a
// justified line to the break at hand too loose for the tolerance,
// given short, a node before them found to start one shortBy past it
// (see shortMargin): it moves them to active[kept:] and returns the index
// of the first node not known so (len(active) when none is) and the new
// kept. end is the totals' width at the break (with the penalty's), and
// sumSt their stretch. It is the search's own loop, apart, so that the
// nodes it passes over, half of those a search reads, cost few
// instructions each.
func (ks *kpSearch) keepLoose(active []int32, k, kept int, short *kpNode, shortBy float64, end, sumSt page.Unit, emergency float64) (int, int) {
	for ; k < len(active); k++ {
		ai := active[k]
		a := &ks.nodes[ai]
		st := sumSt - a.st
		if st <= 0 || a.width != short.width || a.w < short.w || a.st < short.st || a.tr < short.tr || end-a.w >= a.width {
			break
		}
		if emergency != 0 {
			st += page.Unit(float64(st) * emergency)
		}
		if !(shortBy*float64(st) > shortMargin) {
			break
		}
		active[kept] = ai
		kept++
	}
	return k, kept
}

// knuthPlass finds the breaks with the least total demerits under p, or
// returns nil when there are none.
func knuthPlass(elems []elem, width func(i int) page.Unit, p breakParams) []line {
	n := len(elems)
	var sumW, sumSt, sumSh, sumTr page.Unit // totals of elems[:i]
	sumOther := 0
	ks := kpSearches.Get().(*kpSearch)
	start := kpNode{pos: -1, prev: -1, fitness: decent}
	for j := 0; j < n && elems[j].kind == glue; j++ { // leading glue is discarded
		start.w, start.st, start.sh = start.w+elems[j].w, start.st+elems[j].stretch, start.sh+elems[j].shrink
	}
	widths := append(ks.widths[:0], width(0))
	start.width = widths[0]
	active := append(ks.active[:0], ks.add(start))
	defer func() {
		ks.nodes, ks.active, ks.widths = ks.nodes[:0], active[:0], widths[:0]
		kpSearches.Put(ks)
	}()
	// the stretch of one space, for lines without any; a paragraph
	// without spaces (an address) judges its lines as ragged ones
	oneSpace := width(0) / 4
	for j := range elems {
		if elems[j].kind == glue && elems[j].stretch > 0 {
			oneSpace = elems[j].stretch
			break
		}
	}
	type candidate struct {
		node     int32 // an index into ks.nodes
		demerits float64
	}
	// the best line ending at a break by fitness and hyphen run (fit*3 +
	// min(run, 2)), and which of them the break has: kept across breaks
	// and read only where set, rather than twelve zeroed at each break
	var bestAt [4 * 3]candidate
	for i := 0; i <= n; i++ {
		var e *elem
		legal, forced := false, false
		pen := 0.0
		var penW page.Unit
		flagged, emergency := false, false
		switch {
		case i == n:
			legal, forced = true, true // the paragraph's end
		default:
			e = &elems[i]
			switch e.kind {
			case glue:
				legal = i > 0 && elems[i-1].kind == box
				flagged = e.flagged // after a word ending in a hyphen
			case penalty:
				if e.penalty < infPenalty && (p.hyphenate || !e.auto) && (p.lastResort || !e.emergency) {
					legal = true
					forced = e.penalty <= forcedPenalty
					pen, penW, flagged, emergency = float64(e.penalty), e.w, e.flagged, e.emergency
				}
			}
		}
		if legal {
			last := i == n || forced // the same for every line ending here
			var found uint16         // the slots of best set at this break
			kept := 0                // active[:kept] may still start a later line
			// short is the last node found to start a justified line to
			// here too loose for the tolerance, and shortBy how far its
			// ratio passed it: the nodes after it are mostly too loose as
			// well, and are known to be without their ratio worked out
			// (see shortMargin)
			var short *kpNode
			var shortBy float64
			for k := 0; k < len(active); k++ {
				if skipKnownLoose && short != nil {
					// the nodes after short known too loose as well are
					// kept, and make no candidate
					if k, kept = ks.keepLoose(active, k, kept, short, shortBy, sumW+penW, sumSt, p.emergency); k == len(active) {
						break
					}
				}
				ai := active[k]
				a := &ks.nodes[ai]
				W := a.width
				L := sumW - a.w + penW
				st := sumSt - a.st
				// each case reads only what it needs: the letters' share
				// of a loose line's slack and the shrink are worked out for
				// the lines that are judged by them
				var r float64
				switch {
				case L < W && !last && st == 0 && p.raggedStretch == 0:
					// no space to stretch: set flush left. A word alone
					// (or pieces of one too long for the line) is judged
					// with its empty end as one space's stretch, so that a
					// line of a word and an empty end is no better than one
					// of two words and as wide a space; a piece of an
					// address or code, which no line could justify, as a
					// ragged line
					if sumOther > a.other {
						r = float64(W-L) / (float64(W/4) * (1 + p.emergency))
					} else {
						r = float64(W-L) / (float64(oneSpace) * (1 + p.emergency))
					}
				case p.raggedStretch > 0:
					// ragged: glue is set natural; the line's empty end is the stretch
					if L <= W {
						r = float64(W-L) / float64(p.raggedStretch)
						if last {
							r = 0
						}
					} else {
						r = math.Inf(-1)
					}
				case L < W && last:
					r = 0 // the last line is set at its natural width
				case L < W && st > 0:
					slack := W - L
					if slack > st {
						// spaces past their stretch: letters take a share
						slack -= trackShare(slack-st, st, sumTr-a.tr)
					}
					if p.emergency != 0 {
						st += page.Unit(float64(st) * p.emergency)
					}
					r = float64(slack) / float64(st)
					if r > p.tolerance {
						short, shortBy = a, r-p.tolerance
					}
				case L < W:
					r = math.Inf(1)
				case L > W:
					if sh := sumSh - a.sh; sh > 0 {
						r = float64(W-L) / float64(sh)
					} else {
						r = math.Inf(-1)
					}
				}
				if r >= -1 && !forced {
					active[kept] = ai
					kept++
				}
				if r < -1 || r > p.tolerance {
					continue
				}
				run, runCost := 0, 0.0
				if flagged {
					run = a.hyphenRun + 1
					if run > p.maxHyphenRun {
						if p.runDemerits == 0 {
							continue
						}
						runCost = p.runDemerits
					}
				}
				// badness, uncapped: in the last pass a line twice as loose
				// must cost more, or one awful line is bought to spare two
				// mediocre ones; a line that cannot stretch at all costs most
				b := 100 * cube(math.Abs(r))
				if math.IsInf(r, 0) {
					b = 1e7
				}
				d := (p.linePenalty + b) * (p.linePenalty + b)
				switch {
				case pen > 0:
					d += pen * pen
				case pen < 0 && !forced:
					d -= pen * pen
				}
				if flagged && a.hyphenated {
					d += p.doubleHyphen + runCost
				}
				if emergency {
					d += emergencyDemerits
				}
				if i == n && a.hyphenated {
					d += p.finalHyphen
				}
				fit := fitnessOf(r)
				if abs(fit-a.fitness) > 1 {
					d += p.adjDemerits
				}
				d += a.demerits
				slot := fit*3 + min(run, 2)
				if found&(1<<slot) == 0 || d < bestAt[slot].demerits {
					bestAt[slot] = candidate{ai, d}
					found |= 1 << slot
				}
			}
			active = active[:kept]
			if found != 0 {
				w, st, sh := afterBreak(elems, i, sumW, sumSt, sumSh)
				for slot := range bestAt {
					if found&(1<<slot) == 0 {
						continue
					}
					c := bestAt[slot]
					next := ks.nodes[c.node].line + 1
					for len(widths) <= next {
						widths = append(widths, width(len(widths)))
					}
					active = append(active, ks.add(kpNode{
						pos: i, line: next, fitness: slot / 3, hyphenRun: slot % 3,
						demerits: c.demerits, prev: c.node, w: w, st: st, sh: sh, width: widths[next], tr: sumTr, other: sumOther, hyphenated: flagged,
					}))
				}
			}
			if len(active) == 0 {
				return nil // no way on: an unbreakable stretch too wide
			}
		}
		if i < n {
			switch e.kind {
			case box:
				sumW += e.w
				sumTr += e.stretch
				if !e.letters {
					sumOther++
				}
			case glue:
				sumW += e.w
				sumSt += e.stretch
				sumSh += e.shrink
			}
		}
	}
	// the best node that ends the paragraph
	var best *kpNode
	for _, ai := range active {
		if a := &ks.nodes[ai]; a.pos == n && (best == nil || a.demerits < best.demerits) {
			best = a
		}
	}
	if best == nil {
		return nil
	}
	lines := make([]line, 0, best.line)
	for nd := best; nd.prev >= 0; nd = &ks.nodes[nd.prev] {
		from := ks.nodes[nd.prev].pos + 1
		lines = append(lines, line{start: firstBox(elems, from), brk: nd.pos, forced: nd.pos == n || elems[nd.pos].kind == penalty && elems[nd.pos].penalty <= forcedPenalty})
	}
	for l, r := 0, len(lines)-1; l < r; l, r = l+1, r-1 {
		lines[l], lines[r] = lines[r], lines[l]
	}
	return lines
}

// afterBreak returns the totals at the first element a line after a break
// at i starts with: glue and penalties after a break are discarded, as in
// TeX, up to the next box or forced break.
func afterBreak(elems []elem, i int, w, st, sh page.Unit) (page.Unit, page.Unit, page.Unit) {
	j := i
	if j < len(elems) && elems[j].kind == glue {
		// the break's own glue is not on either line
		w, st, sh = w+elems[j].w, st+elems[j].stretch, sh+elems[j].shrink
		j++
	} else if j < len(elems) {
		j++ // a penalty
	}
	for ; j < len(elems) && elems[j].kind != box; j++ {
		if elems[j].kind == penalty && elems[j].penalty <= forcedPenalty {
			break
		}
		if elems[j].kind == glue {
			w, st, sh = w+elems[j].w, st+elems[j].stretch, sh+elems[j].shrink
		}
	}
	return w, st, sh
}

// firstBox is the index a line starting after a break begins at: the
// first box from i (discardable items skipped), or i.
func firstBox(elems []elem, i int) int {
	for j := i; j < len(elems); j++ {
		if elems[j].kind == box {
			return j
		}
		if elems[j].kind == penalty && elems[j].penalty <= forcedPenalty {
			return j
		}
	}
	return i
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
