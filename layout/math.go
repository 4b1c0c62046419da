package layout

import (
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/page"
)

// mathBlock sets a display formula: its linear text, centred.
func (f *flow) mathBlock(b *article.Block) {
	text := b.Text
	if len(text) == 0 && b.Math != nil {
		text = article.Plain(b.Math.Linear())
	}
	f.space(f.th.blockSpace)
	f.setText(text, f.body, alignCenter, 0, false, page.RoleBody)
	f.space(f.th.blockSpace)
	f.prevPara = false
}
