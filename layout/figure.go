package layout

import (
	"strings"

	"github.com/galleyprint/galley/article"
)

// code lays out a code block: monospace, whitespace kept, long lines
// wrapped (never overflowing), on a light background.
func (f *flow) code(src string) {
	th := f.th
	t := th.code
	f.space(th.blockSpace)
	src = strings.TrimRight(strings.ReplaceAll(src, "\r\n", "\n"), "\n ")
	pad := th.codePad
	inner := f.w - 2*pad
	var rows [][]frag
	for _, ln := range strings.Split(src, "\n") {
		ln = expandTabs(ln)
		fr := f.s.frags(ln, t.run())
		e := makeBox(fr)
		if len(fr) == 0 || e.w <= inner {
			rows = append(rows, fr)
			continue
		}
		for _, piece := range splitBox(e, inner) { // code lines fill the measure
			rows = append(rows, piece.frags)
		}
	}
	base := baselineIn(t)
	for k, fr := range rows {
		h, top := t.leading, Unit(0)
		if k == 0 {
			h += pad
			top = pad
		}
		if k == len(rows)-1 {
			h += pad
		}
		var items []Item
		if th.codeBackground != White {
			items = append(items, Item{Kind: ItemRect, X: f.x, Y: 0, W: f.w, H: h, Color: th.codeBackground})
		}
		x := f.x + pad
		for i := range fr {
			items = appendFrag(items, &fr[i], x, top+base)
			x += fr[i].w
		}
		keep := k == 0 || k == len(rows)-2
		if k == len(rows)-1 {
			keep = false
		}
		f.push(vbox{h: h, items: items, keep: keep, kind: RoleBody, baseline: top + base})
	}
	f.space(th.blockSpace)
	f.prevPara = false
}

func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		if r == '\t' {
			n := 4 - col%4
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col++
	}
	return b.String()
}

// figure lays out an image with its caption and credit, kept together on
// one page. A figure without a loaded image prints its caption and credit
// under a short rule, or its alt text when it has neither.
// minFigurePPI is the lowest resolution a figure is enlarged to.
const minFigurePPI = 150

func (f *flow) figure(fig *article.Figure) {
	th := f.th
	if th.images == ImagesCaptioned && len(fig.Caption) == 0 && fig.Credit == "" {
		return // decorative: the theme leaves it out
	}
	f.space(th.blockSpace)
	f.groups++
	group := f.groups
	var img *Image
	if f.images != nil && fig.Src != "" && th.images != ImagesNone {
		img = f.images(fig)
		if img != nil {
			f.used[img.Key] = img
		}
	}
	caption := fig.Caption
	if img == nil && len(caption) == 0 && fig.Credit == "" && fig.Alt != "" {
		caption = article.Plain(fig.Alt)
	}
	if img == nil && len(caption) == 0 && fig.Credit == "" {
		return
	}
	first := len(f.boxes)
	maxH := f.frameH * 6 / 10
	if f.spans(img) {
		colX, colW := f.x, f.w
		f.x, f.w, maxH = 0, f.frameW, f.frameH/2
		defer func() {
			f.x, f.w = colX, colW
			for i := first; i < len(f.boxes); i++ {
				f.boxes[i].span = true
			}
		}()
	}
	capX, capW := f.x, f.w
	if img != nil && img.Width > 0 && img.Height > 0 {
		// as wide as the column, but never enlarged below minFigurePPI:
		// an avatar or an icon keeps a sharp, modest size
		w := min(f.w, Pt(float64(img.Width)*72/minFigurePPI))
		h := Unit(int64(w) * int64(img.Height) / int64(img.Width))
		if h > maxH {
			w = Unit(int64(w) * int64(maxH) / int64(h))
			h = maxH
		}
		x := f.x + (f.w-w)/2
		// the caption hangs from the image's left edge, on a measure no
		// narrower than half the column
		cw := min(f.w, max(w, f.w/2))
		capX, capW = max(f.x, min(x, f.x+f.w-cw)), cw
		f.push(vbox{h: h, keep: true, kind: RoleFigure, group: group,
			items: []Item{{Kind: ItemImage, X: x, Y: 0, W: w, H: h, Image: img.Key}}})
		f.space(Pt(4))
	} else {
		f.push(vbox{h: Pt(5), keep: true, kind: RoleFigure, group: group,
			items: []Item{{Kind: ItemLine, X: f.x, Y: Pt(1), W: min(Pt(36), f.w), Stroke: Pt(1), Color: Black}}})
	}
	t := th.caption
	text := append(article.Text(nil), caption...)
	var elems []elem
	if len(text) > 0 {
		elems = f.s.paragraph(text, t.run())
	}
	if fig.Credit != "" {
		credit := f.s.plain(fig.Credit, th.credit.run())
		if len(elems) > 0 && len(credit) > 0 {
			elems = append(elems, f.glueFor(th.credit))
		}
		elems = append(elems, credit...)
	}
	start := len(f.boxes)
	colX, colW := f.x, f.w
	f.x, f.w = capX, capW
	f.setParagraph(elems, t, alignLeft, 0, true, RoleCaption)
	f.x, f.w = colX, colW
	for i := start; i < len(f.boxes); i++ {
		f.boxes[i].group = group
	}
	if n := len(f.boxes); n > start {
		f.boxes[n-1].keep = false
	}
	f.space(th.blockSpace)
	f.prevPara = false
}

// spans reports whether a body figure with img runs across all columns:
// a landscape picture (at least 5:4) with the pixels to print half again
// as wide as a column at minFigurePPI. Portraits, small pictures and
// figures inside lists and quotes keep to their column.
func (f *flow) spans(img *Image) bool {
	if f.cols < 2 || img == nil || img.Height <= 0 || f.x != 0 || f.w != f.colW {
		return false
	}
	landscape := img.Width*4 >= img.Height*5
	return landscape && Pt(float64(img.Width)*72/minFigurePPI) >= f.colW*3/2
}

// glueFor returns an interword space of style t.
func (f *flow) glueFor(t textStyle) elem {
	p := &paragraphBuilder{s: f.s, elems: []elem{{kind: box}}}
	p.addGlue(t.run())
	return p.elems[1]
}
