package parse

import (
	"encoding/binary"
	"regexp/syntax"
	"slices"
	"sync/atomic"
	"unicode/utf8"

	"github.com/galleyprint/galley/internal/lazyregexp"
)

// The furniture patterns are anchored at the start of a block's text and
// rule most texts out by their first few letters, yet Go's matcher sets
// itself up and tries each of their hundred alternatives on every text.
// A prefixFilter reads the text first: it is an automaton over the
// text's characters, built from the expression's own program, that follows all of its
// alternatives at once and reports the texts no alternative can match, so
// only the others go to the regular expression. It reads as far as the
// alternatives go, and knows the end of the text: the patterns that must
// match the whole text ("related", but not "related to the war") are ruled
// out where their words end before the text does, not only by their first
// letters. Built from the expression, it stays right when the expression
// changes.

// prefixFilter decides, from the characters a text starts with, that an
// expression anchored at the start of the text cannot match it. It reads
// ASCII characters, those beyond ASCII the expression names (the
// patterns' "à", "ü", "»"), and when the expression names no others but
// in "any character", the others as one. Characters every instruction of
// the expression treats alike (most letters but those of its words, most
// punctuation) are one class, with one transition.
type prefixFilter struct {
	// next holds, per state, classes states: the state after a character
	// of each class, or filterDead or filterMaybe
	next    []int16
	classes int
	ascii   [utf8.RuneSelf]uint16 // the class of each ASCII character
	runes   []rune                // sorted
	byRune  []uint16              // the class of each of runes
	other   int                   // the class of the other characters, or -1: not read
	end     []bool                // per state, whether the expression may match a text that ends there
}

const (
	filterDead  = -1 // no text that starts so matches
	filterMaybe = -2 // the expression must tell
)

// maxFilterStates bounds a filter's states (two bytes a class each):
// the furniture patterns need 200 to 1,300 each, and a state past the
// bound leaves the rest of the text to the expression.
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
	matched := f.classify(prog)
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
		f.next = append(f.next, make([]int16, f.classes)...)
		f.end = append(f.end, end)
		return id
	}
	add(start, end)
	outs := make([][]uint32, f.classes) // per class, where the state's instructions go on after a character of it
	for s := 0; s < len(sets); s++ {
		for k := range outs {
			outs[k] = outs[k][:0]
		}
		for _, pc := range sets[s] {
			for _, k := range matched[pc] {
				outs[k] = append(outs[k], prog.Inst[pc].Out)
			}
		}
		for k, outs := range outs {
			at := s*f.classes + k
			if len(outs) == 0 {
				f.next[at] = filterDead // most characters: spared the closure
				continue
			}
			next, match, end := c.closure(outs)
			switch {
			case match:
				f.next[at] = filterMaybe
			case len(next) == 0 && !end:
				f.next[at] = filterDead
			default:
				f.next[at] = add(next, end)
			}
		}
	}
	return f
}

// maxNamedRunes bounds the characters beyond ASCII a filter reads one by
// one: a class that names more ("[^a]", "\pL") leaves texts with any of
// them to the expression.
const maxNamedRunes = 256

// namedRunes returns the characters beyond ASCII that prog's instructions
// name, and whether any other matches only where any character does
// (other is false where the instructions may match other characters,
// named by a wide class or by case folding: they are not read).
func namedRunes(prog *syntax.Prog) (runes []rune, other bool) {
	other = true
	for i := range prog.Inst {
		inst := &prog.Inst[i]
		switch inst.Op {
		case syntax.InstRune, syntax.InstRune1:
		default:
			continue
		}
		if syntax.Flags(inst.Arg)&syntax.FoldCase != 0 && len(inst.Rune) > 0 {
			other = false
		}
		ranges := inst.Rune
		if inst.Op == syntax.InstRune1 || len(ranges) == 1 {
			ranges = []rune{ranges[0], ranges[0]}
		}
		for j := 0; j+1 < len(ranges); j += 2 {
			lo, hi := max(ranges[j], utf8.RuneSelf), ranges[j+1]
			if lo > hi {
				continue
			}
			if hi-lo >= maxNamedRunes || len(runes)+int(hi-lo) >= maxNamedRunes {
				other = false
				continue
			}
			for r := lo; r <= hi; r++ {
				runes = append(runes, r)
			}
		}
	}
	slices.Sort(runes)
	return slices.Compact(runes), other
}

// otherRune stands for the characters beyond ASCII a filter does not
// name (it is no character).
const otherRune = -1

// matchClass reports whether inst matches r, a character of a class, or
// otherRune: that is matched only by any character (but a line break),
// as namedRunes found no other instruction can match one.
func matchClass(inst *syntax.Inst, r rune) bool {
	if r == otherRune {
		return inst.Op == syntax.InstRuneAny || inst.Op == syntax.InstRuneAnyNotNL
	}
	return inst.MatchRune(r)
}

// classify sorts the characters the filter reads into classes, those
// that prog's instructions all match alike, and returns, indexed by
// instruction, the classes each matches.
func (f *prefixFilter) classify(prog *syntax.Prog) (matched [][]uint16) {
	var other bool
	f.runes, other = namedRunes(prog)
	columns := make([]rune, 0, utf8.RuneSelf+len(f.runes)+1) // the characters read
	for c := range rune(utf8.RuneSelf) {
		columns = append(columns, c)
	}
	columns = append(columns, f.runes...)
	if other {
		columns = append(columns, otherRune)
	}
	// the instructions that match each column's character, in order: a
	// literal character's (most of them) is found without trying the
	// instruction on every column
	readers := make([][]uint32, len(columns))
	for pc := range prog.Inst {
		switch inst := &prog.Inst[pc]; inst.Op {
		case syntax.InstRune1:
			col := int(inst.Rune[0])
			if col >= utf8.RuneSelf {
				i, ok := slices.BinarySearch(f.runes, inst.Rune[0])
				if !ok {
					continue // past maxNamedRunes: not read
				}
				col = utf8.RuneSelf + i
			}
			readers[col] = append(readers[col], uint32(pc))
		case syntax.InstRune, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			for col, r := range columns {
				if matchClass(inst, r) {
					readers[col] = append(readers[col], uint32(pc))
				}
			}
		}
	}
	matched = make([][]uint16, len(prog.Inst))
	classes := map[string]uint16{}
	var sig []byte
	classOf := make([]uint16, len(columns))
	for col, pcs := range readers {
		sig = sig[:0]
		for _, pc := range pcs {
			sig = binary.AppendUvarint(sig, uint64(pc))
		}
		k, ok := classes[string(sig)]
		if !ok {
			k = uint16(f.classes)
			f.classes++
			classes[string(sig)] = k
			for _, pc := range pcs {
				matched[pc] = append(matched[pc], k)
			}
		}
		classOf[col] = k
	}
	copy(f.ascii[:], classOf)
	f.byRune = classOf[utf8.RuneSelf : utf8.RuneSelf+len(f.runes)]
	f.other = -1
	if other {
		f.other = int(classOf[len(columns)-1])
	}
	return matched
}

// class returns the class of character r beyond ASCII, or -1 when the
// filter does not read it.
func (f *prefixFilter) class(r rune) int {
	if i, ok := slices.BinarySearch(f.runes, r); ok {
		return int(f.byRune[i])
	}
	return f.other // for a byte not UTF-8 too: the expression reads it as U+FFFD
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
	if f == nil || f.classes == 0 {
		return true
	}
	state := int16(0)
	for i := 0; i < len(s); i++ {
		var k int
		if c := s[i]; c < utf8.RuneSelf {
			k = int(f.ascii[c])
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			if k = f.class(r); k < 0 {
				return true
			}
			i += size - 1
		}
		switch state = f.next[int(state)*f.classes+k]; state {
		case filterDead:
			return false
		case filterMaybe:
			return true
		}
	}
	return f.end[state]
}

// anchoredRegexp is an expression anchored at the start of the text,
// matched after its prefixFilter: the one prebuilt_filters.bin holds, or
// else one built once the expression has matched filterAfter texts
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
	a := &anchoredRegexp{re: re}
	allAnchoredPatterns = append(allAnchoredPatterns, a)
	return a
}

// MatchString is re.MatchString(s), spared for the texts the filter
// rules out. The filter is taken from prebuilt_filters.bin on the first
// call, or else built on the filterAfter-th.
func (a *anchoredRegexp) MatchString(s string) bool {
	if f := a.filter.Load(); f != nil {
		return f.mayMatch(s) && a.re.MatchString(s)
	}
	switch a.calls.Add(1) {
	case 1:
		if f, ok := prebuiltPrefixFilter(a.re.String()); ok {
			a.filter.Store(f)
			return f.mayMatch(s) && a.re.MatchString(s)
		}
	case filterAfter:
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
