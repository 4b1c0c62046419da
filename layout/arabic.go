package layout

// Arabic shaping to presentation forms. Arabic letters change shape by
// their neighbours (isolated, final, initial, medial), and lam with alef
// forms one ligature. Fonts do this with OpenType GSUB; the PDF library
// addresses glyphs by code point only, so galley writes the Unicode
// presentation forms (U+FE70–U+FEFF) instead, which fonts such as DejaVu
// Sans map. The table follows Unicode's ArabicShaping.txt for the letters
// of Arabic proper: in U+FE80–U+FEF4 each letter of U+0621–U+064A has one
// form (hamza, which does not join), two (isolated and final: letters that
// join only to the letter before) or four (isolated, final, initial,
// medial), in code point order.

// arabicForms maps a letter to its isolated form and how many forms it has.
var arabicForms = func() map[rune][2]int {
	counts := []struct {
		from, to rune
		n        []int
	}{
		{0x0621, 0x063A, []int{1, 2, 2, 2, 2, 4, 2, 4, 2, 4, 4, 4, 4, 4, 2, 2, 2, 2, 4, 4, 4, 4, 4, 4, 4, 4}},
		{0x0641, 0x064A, []int{4, 4, 4, 4, 4, 4, 4, 2, 2, 4}},
	}
	m := map[rune][2]int{}
	next := 0xFE80
	for _, c := range counts {
		for i, r := 0, c.from; r <= c.to; i, r = i+1, r+1 {
			m[r] = [2]int{next, c.n[i]}
			next += c.n[i]
		}
	}
	return m
}()

// lamAlef is the first of the four lam-alef ligatures (isolated, final)
// for each alef that follows lam.
var lamAlef = map[rune]rune{0x0622: 0xFEF5, 0x0623: 0xFEF7, 0x0625: 0xFEF9, 0x0627: 0xFEFB}

const tatweel = 0x0640

// joinsBoth reports letters that join on both sides (and tatweel).
func joinsBoth(r rune) bool {
	f, ok := arabicForms[r]
	return r == tatweel || ok && f[1] == 4
}

// joinsBefore reports letters that join to the letter before them.
func joinsBefore(r rune) bool {
	f, ok := arabicForms[r]
	return r == tatweel || ok && f[1] >= 2
}

// transparent reports marks that do not break joining (harakat).
func transparent(r rune) bool {
	return r >= 0x064B && r <= 0x065F || r == 0x0670 || r >= 0x06D6 && r <= 0x06ED
}

// shapeArabic returns s with its Arabic letters in their contextual
// presentation forms and lam-alef ligated; s without Arabic is returned as
// it is.
func shapeArabic(s string) string {
	has := false
	for _, r := range s {
		if r >= 0x0621 && r <= 0x064A {
			has = true
			break
		}
	}
	if !has {
		return s
	}
	rs := []rune(s)
	// the joining letter before and after each position, marks skipped
	prevJoin := func(i int) rune {
		for j := i - 1; j >= 0; j-- {
			if !transparent(rs[j]) {
				return rs[j]
			}
		}
		return 0
	}
	nextJoin := func(i int) (rune, int) {
		for j := i + 1; j < len(rs); j++ {
			if !transparent(rs[j]) {
				return rs[j], j
			}
		}
		return 0, -1
	}
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		f, ok := arabicForms[r]
		if !ok {
			out = append(out, r)
			continue
		}
		joinPrev := joinsBoth(prevJoin(i)) && joinsBefore(r)
		next, at := nextJoin(i)
		if r == 0x0644 { // lam: with a following alef, one ligature
			if lig, ok := lamAlef[next]; ok {
				if joinPrev {
					lig++ // final
				}
				out = append(out, lig)
				out = append(out, rs[i+1:at]...) // marks between them
				i = at
				continue
			}
		}
		joinNext := f[1] == 4 && joinsBefore(next)
		form := 0 // isolated
		switch {
		case joinPrev && joinNext:
			form = 3 // medial
		case joinNext:
			form = 2 // initial
		case joinPrev:
			form = 1 // final
		}
		if form >= f[1] {
			form = 0
		}
		out = append(out, rune(f[0]+form))
	}
	return string(out)
}
