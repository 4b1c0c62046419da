package layout

import (
	"github.com/galleyprint/galley/article"

	"github.com/galleyprint/galley/page"
)

// pullQuote sets a pull quote: the passage in large italic serif between
// two rules, ragged, never hyphenated, kept whole. In one wide column it
// is indented by a sixth of the measure on each side; in a newspaper
// column it takes the column's width.
func (f *flow) pullQuote(b *article.Block) {
	th := f.th
	t := th.dek
	t.size, t.leading = th.body.size*3/2, th.body.size*3/2*6/5
	t.color, t.bold = page.Black, false
	t.italic = true
	savedX, savedW, hyph := f.x, f.w, f.s.hyph
	if f.cols == 1 {
		in := f.w / 6
		f.x, f.w = f.x+in, f.w-2*in
	}
	f.s.hyph = nil
	defer func() { f.x, f.w, f.s.hyph = savedX, savedW, hyph }()

	f.space(th.blockSpace * 3 / 2)
	rule := func(keep bool) {
		f.push(vbox{h: page.Pt(6), keep: keep, kind: page.RoleBody, items: []page.Item{{Kind: page.ItemLine, X: f.x, Y: page.Pt(3), W: f.w, Stroke: th.rule * 3, Color: page.Black}}})
	}
	rule(true)
	f.space(page.Pt(4))
	f.setText(b.Text, t, alignLeft, 0, true, page.RoleBody)
	f.space(page.Pt(4))
	rule(false)
	f.space(th.blockSpace * 3 / 2)
	f.prevPara = false
}
