package layout

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/page"
)

// dropCapLines is how many lines a drop cap spans. Two, not the classic
// three: a three-line cap's em box reaches into the fourth line by more
// than the fifth of a line that independent checkers (and Verify) allow
// text boxes to overlap, though its capitals never do.
const dropCapLines = 2

// dropCap sets paragraph b with its first letter (and an opening quote
// before it) as a drop cap: serif capitals whose top aligns with the first
// line's capitals and whose baseline sits on the last line it spans, with
// those lines indented beside it and kept on one page. It reports false,
// setting nothing, when the paragraph does not suit: shorter than the cap,
// or not starting with a letter.
func (f *flow) dropCap(b *article.Block) bool {
	if len(b.Text) == 0 || f.listDepth > 0 {
		return false
	}
	first := b.Text[0]
	if first.Code || first.Link != "" || first.Sup || first.Sub {
		return false
	}
	lead := strings.TrimLeft(first.Text, " \t\n")
	n := 0 // bytes of the cap: opening punctuation, then one letter
	for _, r := range lead {
		if strings.ContainsRune("\"'“‘«„‚", r) {
			n += utf8.RuneLen(r)
			continue
		}
		if !unicode.IsLetter(r) || isCJK(r) {
			return false
		}
		n += utf8.RuneLen(r)
		break
	}
	capText := lead[:n]
	if capText == "" || !unicode.IsLetter(lastRune(capText)) {
		return false
	}
	if rtl, _ := strongRTL(capText); rtl || f.dir == article.DirRTL {
		return false // a right-to-left paragraph's cap would stand on the right: not yet
	}
	rest := append(article.Text{}, b.Text...)
	rest[0].Text = lead[n:]

	t := f.body
	face := f.s.fonts.Face(fonts.Serif, fonts.Regular)
	for _, r := range capText {
		if !face.Has(r) {
			return false
		}
	}
	bodyCap := scale(face.CapHeight, t.size)
	size := page.Unit(int64(bodyCap+(dropCapLines-1)*t.leading) * 1000 / int64(face.CapHeight))
	w1000 := 0
	for _, r := range capText {
		w, _ := face.Width(r)
		w1000 += w
	}
	capW := scale(w1000, size)
	gap := t.size * 4 / 10
	base := baselineIn(t)
	item := page.Item{Kind: page.ItemText, X: f.x, Y: base + (dropCapLines-1)*t.leading, W: capW, Text: capText, Face: face, Size: size, Color: t.color}
	indent := func(i int) page.Unit {
		if i < dropCapLines {
			return capW + gap
		}
		return 0
	}
	elems := f.s.paragraph(rest, t.run())
	if _, lines := breakParagraph(elems, func(i int) page.Unit { return f.w - indent(i) }, true, f.s.hyph, nil); len(lines) < dropCapLines {
		return false // the cap would hang into what follows
	}
	f.setShaped(elems, t, f.bodyAlign(), indent, dropCapLines, false, page.RoleBody, []page.Item{item})
	return true
}
