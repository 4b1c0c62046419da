package parse

import (
	"regexp/syntax"
	"slices"
	"sync/atomic"
	"unicode/utf8"

	"github.com/galleyprint/galley/internal/lazyregexp"
)

// The furniture patterns are anchored at the start of a block's text and
// rule most texts out by their first few letters, yet Go's matcher sets
// itself up and tries each of their hundred alternatives on every text.
// A prefixFilter reads the text first: it is an automaton over ASCII
// bytes, built from the expression's own program, that follows all of its
// alternatives at once and reports the texts no alternative can match, so
// only the others go to the regular expression. It reads as far as the
// alternatives go, and knows the end of the text: the patterns that must
// match the whole text ("related", but not "related to the war") are ruled
// out where their words end before the text does, not only by their first
// letters. Built from the expression, it stays right when the expression
// changes.

// prefixFilter decides, from the ASCII bytes a text starts with, that an
// expression anchored at the start of the text cannot match it.
type prefixFilter struct {
	next [][utf8.RuneSelf]int16 // per state, the state after each ASCII byte, or filterDead or filterMaybe
	end  []bool                 // per state, whether the expression may match a text that ends there
}

const (
	filterDead  = -1 // no text that starts so matches
	filterMaybe = -2 // the expression must tell
)

// maxFilterStates bounds a filter's states (256 bytes each): the
// furniture patterns need 200 to 1,200 each, and a state past the bound
// leaves the rest of the text to the expression.
const maxFilterStates = 4096

// newPrefixFilter builds the filter of expr (regexp syntax). It returns
// nil, which rules nothing out, for an expression not anchored at the
// start of the text or that matches the empty text.
func newPrefixFilter(expr string) *prefixFilter {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil || prog.StartCond()&syntax.EmptyBeginText == 0 {
		return nil
	}
	c := closer{prog: prog, seen: make([]uint32, len(prog.Inst))}
	start, match, end := c.closure([]uint32{uint32(prog.Start)})
	if match {
		return nil
	}
	f := &prefixFilter{}
	ids := map[string]int16{}
	var sets [][]uint32
	// add returns the state of set, made unless there are maxFilterStates
	// already: then filterMaybe
	add := func(set []uint32, end bool) int16 {
		key := string(pcKey(set, end))
		if id, ok := ids[key]; ok {
			return id
		}
		if len(sets) == maxFilterStates {
			return filterMaybe
		}
		id := int16(len(sets))
		ids[key] = id
		sets = append(sets, set)
		f.next = append(f.next, [utf8.RuneSelf]int16{})
		f.end = append(f.end, end)
		return id
	}
	add(start, end)
	var outs []uint32
	for s := 0; s < len(sets); s++ {
		for b := range rune(utf8.RuneSelf) {
			outs = outs[:0]
			for _, pc := range sets[s] {
				if inst := &prog.Inst[pc]; inst.MatchRune(b) {
					outs = append(outs, inst.Out)
				}
			}
			next, match, end := c.closure(outs)
			switch {
			case match:
				f.next[s][b] = filterMaybe
			case len(next) == 0 && !end:
				f.next[s][b] = filterDead
			default:
				f.next[s][b] = add(next, end)
			}
		}
	}
	return f
}

// closer finds the closures of sets of instructions of prog.
type closer struct {
	prog  *syntax.Prog
	seen  []uint32 // the closure in which each instruction was last seen
	round uint32
	stack []uint32
}

// closure returns the rune-reading instructions of the program reachable
// from pcs without reading (sorted), whether a match is, and whether one
// is at the end of the text. The end of the text ($) holds only there;
// every other empty-width assertion is taken to hold, so the filter rules
// out no text the expression matches.
func (c *closer) closure(pcs []uint32) (set []uint32, match, end bool) {
	c.round++
	c.stack = append(c.stack[:0], pcs...)
	var atEnd []uint32 // the instructions after an end of text
	for len(c.stack) > 0 {
		pc := c.stack[len(c.stack)-1]
		c.stack = c.stack[:len(c.stack)-1]
		if c.seen[pc] == c.round {
			continue
		}
		c.seen[pc] = c.round
		inst := &c.prog.Inst[pc]
		switch inst.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			c.stack = append(c.stack, inst.Out, inst.Arg)
		case syntax.InstEmptyWidth:
			if syntax.EmptyOp(inst.Arg)&syntax.EmptyEndText != 0 {
				atEnd = append(atEnd, inst.Out)
			} else {
				c.stack = append(c.stack, inst.Out)
			}
		case syntax.InstCapture, syntax.InstNop:
			c.stack = append(c.stack, inst.Out)
		case syntax.InstMatch:
			match = true
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			set = append(set, pc)
		}
	}
	slices.Sort(set)
	return set, match, match || c.matchesAtEnd(atEnd)
}

// matchesAtEnd reports whether a match is reachable from pcs without
// reading, at the end of the text: every assertion holds.
func (c *closer) matchesAtEnd(pcs []uint32) bool {
	if len(pcs) == 0 {
		return false
	}
	c.round++
	c.stack = append(c.stack[:0], pcs...)
	for len(c.stack) > 0 {
		pc := c.stack[len(c.stack)-1]
		c.stack = c.stack[:len(c.stack)-1]
		if c.seen[pc] == c.round {
			continue
		}
		c.seen[pc] = c.round
		inst := &c.prog.Inst[pc]
		switch inst.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			c.stack = append(c.stack, inst.Out, inst.Arg)
		case syntax.InstCapture, syntax.InstNop, syntax.InstEmptyWidth:
			c.stack = append(c.stack, inst.Out)
		case syntax.InstMatch:
			return true
		}
	}
	return false
}

// pcKey is a set of instructions, and whether a match is at the end of
// the text, as map key bytes.
func pcKey(set []uint32, end bool) []byte {
	b := make([]byte, 0, 4*len(set)+1)
	for _, pc := range set {
		b = append(b, byte(pc>>24), byte(pc>>16), byte(pc>>8), byte(pc))
	}
	if end {
		b = append(b, 1)
	}
	return b
}

// mayMatch reports whether the expression may match s: false when the
// ASCII bytes s starts with begin no match, or s ends where no match
// does; true when the expression must tell (a byte beyond ASCII, a match
// found, a text longer than the filter reads).
func (f *prefixFilter) mayMatch(s string) bool {
	if f == nil || f.next == nil {
		return true
	}
	state := int16(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return true
		}
		switch state = f.next[state][c]; state {
		case filterDead:
			return false
		case filterMaybe:
			return true
		}
	}
	return f.end[state]
}

// anchoredRegexp is an expression anchored at the start of the text,
// matched after its prefixFilter once it has matched filterAfter texts
// without: building the filter takes about what compiling the expression
// does, which a process that reads one page would not win back.
type anchoredRegexp struct {
	re     *lazyregexp.Regexp
	calls  atomic.Int32
	filter atomic.Pointer[prefixFilter]
}

// filterAfter is how many texts an anchoredRegexp matches before it
// builds its filter: the blocks of a few pages.
const filterAfter = 1000

func newAnchoredRegexp(re *lazyregexp.Regexp) *anchoredRegexp {
	return &anchoredRegexp{re: re}
}

// MatchString is re.MatchString(s), spared for the texts the filter
// rules out.
func (a *anchoredRegexp) MatchString(s string) bool {
	if f := a.filter.Load(); f != nil {
		return f.mayMatch(s) && a.re.MatchString(s)
	}
	if a.calls.Add(1) == filterAfter {
		f := newPrefixFilter(a.re.String())
		if f == nil {
			f = &prefixFilter{} // rules nothing out
		}
		a.filter.Store(f)
	}
	return a.re.MatchString(s)
}

// The furniture patterns matched after their filters.
var (
	furnitureHeadingsAt = newAnchoredRegexp(furnitureHeadings)
	actionWordsAt       = newAnchoredRegexp(actionWords)
	furnitureLabelsAt   = newAnchoredRegexp(furnitureLabels)
	promptAtFiltered    = newAnchoredRegexp(promptAt)
)
