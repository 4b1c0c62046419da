package layout

// line is one line of a broken paragraph: elems[start:brk] are on it and
// elems[brk], if brk < len(elems), is where it broke.
type line struct {
	start, brk int
	forced     bool // ended by a forced break or the paragraph's end
}

// breakGreedy breaks elems into lines first-fit: each line takes as many
// elements as fit, letting interword glue shrink when shrink is set (for
// justified text; ragged lines are set at their natural width). width(i) is
// the measure of line i. Boxes wider than their line must have been split before (see
// splitOverlong); one that still does not fit is set alone on its line.
func breakGreedy(elems []elem, width func(i int) Unit, shrink bool) []line {
	var lines []line
	n := len(elems)
	i := 0
	for i < n {
		for i < n && elems[i].kind != box {
			i++ // discardable items at a line start
		}
		if i >= n {
			break
		}
		W := width(len(lines))
		var w, shr Unit
		last := -1 // last feasible break
		j := i
		brk, forced := n, true
	scan:
		for ; j < n; j++ {
			e := &elems[j]
			switch e.kind {
			case box:
				if w+e.w-shr > W && last >= 0 {
					brk, forced = last, false
					break scan
				}
				w += e.w
			case glue:
				if elems[j-1].kind == box {
					last = j
				}
				w += e.w
				if shrink {
					shr += e.shrink
				}
			case penalty:
				if e.penalty <= forcedPenalty {
					brk, forced = j, true
					break scan
				}
				if e.penalty < infPenalty && w+e.w-shr <= W {
					last = j
				}
			}
		}
		lines = append(lines, line{start: i, brk: brk, forced: forced})
		i = brk + 1
	}
	return lines
}

// splitOverlong splits every box wider than max into short pieces joined
// by break opportunities without a hyphen, so that the line breaker can
// fill lines with them (as browsers do with overflow-wrap: anywhere). It
// reports how many boxes it split.
func splitOverlong(elems []elem, max Unit) ([]elem, int) {
	if max <= 0 {
		return elems, 0
	}
	split := 0
	var out []elem
	for i, e := range elems {
		if e.kind != box || e.w <= max {
			if out != nil {
				out = append(out, e)
			}
			continue
		}
		if out == nil {
			out = append(make([]elem, 0, len(elems)+8), elems[:i]...)
		}
		split++
		for k, piece := range splitBox(e, max/8) {
			if k > 0 {
				out = append(out, elem{kind: penalty, penalty: 50})
			}
			out = append(out, piece)
		}
	}
	if out == nil {
		return elems, 0
	}
	return out, split
}

// splitBox cuts a box into pieces no wider than limit, each holding at
// least one character. A piece ends after a space or a character that ends
// a URL part when one falls in its second half.
func splitBox(e elem, limit Unit) []elem {
	var pieces []elem
	var cur []frag
	var curW Unit
	var cut []frag // the pieces' state at the last good cut
	cutW := Unit(-1)
	emit := func(fr []frag) {
		if len(fr) > 0 {
			pieces = append(pieces, makeBox(fr))
		}
	}
	for _, f := range e.frags {
		for _, r := range f.text {
			w1000, _ := f.face.Width(r)
			w := scale(w1000, f.size)
			if curW > 0 && curW+w > limit {
				if cutW > curW/2 {
					// end at the last good cut; carry the rest over
					rest := tailFrags(cur, cut)
					emit(cut)
					cur, curW = rest, curW-cutW
				} else {
					emit(cur)
					cur, curW = nil, 0
				}
				cut, cutW = nil, -1
			}
			cur = appendRune(cur, f, r)
			curW += w
			if r == ' ' || isURLBreak(r) {
				cut, cutW = cloneFrags(cur), curW
			}
		}
	}
	emit(cur)
	return pieces
}

// appendRune adds r, set like f, to the end of fr, and measures it.
func appendRune(fr []frag, f frag, r rune) []frag {
	if n := len(fr); n > 0 && fr[n-1].face == f.face && fr[n-1].size == f.size &&
		fr[n-1].color == f.color && fr[n-1].link == f.link && fr[n-1].rise == f.rise && fr[n-1].strike == f.strike {
		fr[n-1].text += string(r)
		fr[n-1].measure()
		return fr
	}
	f.text = string(r)
	f.measure()
	return append(fr, f)
}

func cloneFrags(fr []frag) []frag { return append([]frag(nil), fr...) }

// tailFrags returns what cur holds beyond its prefix cut.
func tailFrags(cur, cut []frag) []frag {
	var rest []frag
	for i := range cur {
		if i < len(cut)-1 {
			continue
		}
		f := cur[i]
		if i == len(cut)-1 {
			f.text = f.text[len(cut[i].text):]
			f.measure()
			if f.text == "" {
				continue
			}
		}
		rest = append(rest, f)
	}
	return rest
}

func isURLBreak(r rune) bool {
	switch r {
	case '/', '.', '-', '_', '?', '&', '=', '#', ',', ';', ':':
		return true
	}
	return false
}
