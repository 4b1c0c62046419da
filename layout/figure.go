package layout

import (
	"strings"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/theme"
)

// code lays out a code block: monospace, whitespace kept, long lines
// wrapped (never overflowing), on a light background. Its lines are
// shaped and set one after another, so that a block of megabytes is never
// held shaped at once, and stop when the flow does.
func (f *flow) code(src string) {
	th := f.th
	t := th.code
	f.space(th.blockSpace)
	src = strings.TrimRight(strings.ReplaceAll(src, "\r\n", "\n"), "\n ")
	pad := th.codePad
	inner := f.w - 2*pad
	base := baselineIn(t)
	k := 0               // rows set
	var pending [][]frag // the last two rows, set once it is known whether either ends the block
	set := func(fr []frag, secondLast, last bool) {
		h, top := t.leading, page.Unit(0)
		if k == 0 {
			h += pad
			top = pad
		}
		if last {
			h += pad
		}
		var items []page.Item
		if th.codeBackground != page.White {
			items = append(items, page.Item{Kind: page.ItemRect, X: f.x, Y: 0, W: f.w, H: h, Color: th.codeBackground})
		}
		x := f.x + pad
		for i := range fr {
			items = appendFrag(items, &fr[i], x, top+base)
			x += fr[i].w
		}
		// the first two rows stay together, and the last two
		keep := (k == 0 || secondLast) && !last
		f.push(vbox{h: h, items: items, keep: keep, kind: page.RoleBody, baseline: top + base})
		k++
	}
	row := func(fr []frag) {
		if len(pending) == 2 {
			set(pending[0], false, false)
			pending = pending[1:]
		}
		pending = append(pending, fr)
	}
	for n, rest := 0, src; rest != "" || n == 0; n++ {
		if n%64 == 0 && f.stopped() {
			return
		}
		var ln string
		ln, rest, _ = strings.Cut(rest, "\n")
		fr := f.s.frags(expandTabs(ln), t.run())
		e := makeBox(fr)
		if len(fr) == 0 || e.w <= inner {
			row(fr)
			continue
		}
		for _, piece := range splitBox(e, inner) { // code lines fill the measure
			row(piece.frags)
		}
	}
	for len(pending) > 0 {
		set(pending[0], len(pending) == 2, len(pending) == 1)
		pending = pending[1:]
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

// minFigurePPI is the lowest resolution a figure is enlarged to.
const minFigurePPI = 150

// figure lays out an image with its caption and credit as one box (see
// figBox), which the pager scales down when it must so that the figure
// stays within its column. A figure without a loaded image prints its
// caption and credit under a short rule, or its alt text when it has
// neither.
func (f *flow) figure(fig *article.Figure) {
	th := f.th
	if th.images == theme.ImagesCaptioned && len(fig.Caption) == 0 && fig.Credit == "" {
		return // decorative: the theme leaves it out
	}
	textSpace := f.pending // the space the text wants here, without the figure
	f.space(th.blockSpace)
	f.groups++
	group := f.groups
	var img *page.Image
	if f.images != nil && fig.Src != "" && th.images != theme.ImagesNone {
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
	f.tagFigure(fig, img, caption)
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
	t := th.caption
	text := append(article.Text(nil), caption...)
	var credit []elem
	if fig.Credit != "" {
		credit = f.s.plain(fig.Credit, th.credit.run())
	}
	var elems []elem
	var long elemSource // a caption too long to shape at once, then the credit
	switch {
	case textLen(text) > streamBytes:
		long = &joinSource{first: f.s.source(text, t.run()), rest: append([]elem{f.glueFor(th.credit)}, credit...)}
	case len(text) > 0:
		elems = f.s.paragraph(text, t.run())
	}
	if long == nil && len(credit) > 0 {
		if len(elems) > 0 {
			elems = append(elems, f.glueFor(th.credit))
		}
		elems = append(elems, credit...)
	}
	if sw, sh := img.SourceSize(); sw > 0 && sh > 0 {
		f.imageFigure(img, sw, sh, maxH, elems, long, group)
	} else {
		f.push(vbox{h: page.Pt(5), keep: true, kind: page.RoleFigure, group: group,
			items: []page.Item{{Kind: page.ItemLine, X: f.x, Y: page.Pt(1), W: min(page.Pt(36), f.w), Stroke: page.Pt(1), Color: page.Black}}})
		f.captionLines(captionSource(elems, long), f.x, f.w, group)
	}
	// a figure stands outside the run of the text: a paragraph after it
	// is indented as after the paragraph before it (the figure may wait
	// for the next column, and the text close up)
	f.endFigure(textSpace, th.blockSpace)
}

// imageFigure pushes the box of a figure whose image has sw × sh pixels
// (as the original has them: the printed size never depends on how the
// image was downsampled): as wide as the measure, but never enlarged
// below minFigurePPI, so that an avatar or an icon keeps a sharp, modest
// size, and at most maxH high. A caption too long to share a column with
// the image follows it as lines of its own; long, when not nil, is such
// a caption, shaped a piece at a time.
func (f *flow) imageFigure(img *page.Image, sw, sh int, maxH page.Unit, elems []elem, long elemSource, group int) {
	w := min(f.w, page.Pt(float64(sw)*72/minFigurePPI))
	h := page.Unit(int64(w) * int64(sh) / int64(sw))
	if h > maxH {
		w = page.Unit(int64(w) * int64(maxH) / int64(h))
		h = maxH
	}
	w, h = max(w, 1), max(h, 1)
	fb := &figBox{c: *f, x: f.x, w: f.w, key: img.Key, natW: w, natH: h, gap: page.Pt(4),
		elems: elems, style: f.th.caption, hyph: f.s.hyph, captions: map[page.Unit]caption{}}
	fb.c.boxes, fb.c.noteURLs, fb.c.reports, fb.c.unplaced = nil, nil, nil, nil
	fb.c.height, fb.c.maxHeight = 0, 0 // the copy's boxes are not the flow's
	fb.least = h * 3 / 4
	fb.floor = min(h, max(h/4, page.Pt(36)))
	if len(elems) > 0 && fb.height(fb.floor) > f.frameH*2/3 {
		// a caption this long would not leave the image a column: it
		// follows as lines that may break across columns
		fb.elems = nil
	}
	b := vbox{h: fb.height(h), items: fb.items(h), kind: page.RoleFigure, group: group, fig: fb,
		elem: f.tags.figure, capElem: f.tags.caption}
	if len(fb.elems) > 0 {
		for _, r := range fb.captionAt(fb.measureAt(h)).reports {
			f.note(r)
		}
	}
	if len(fb.elems) > 0 {
		b.baseline = h + fb.gap + baselineIn(fb.style)
	} else {
		b.keep = true // a caption, or the text after a figure without one
	}
	fb.own = len(b.items)
	f.push(b)
	if len(fb.elems) == 0 && (len(elems) > 0 || long != nil) {
		cw := fb.measure(w)
		x := f.x + (f.w-w)/2
		f.space(fb.gap)
		f.captionLines(captionSource(elems, long), max(f.x, min(x, f.x+f.w-cw)), cw, group)
	}
}

// captionSource returns long, when not nil, else a source of elems.
func captionSource(elems []elem, long elemSource) elemSource {
	if long != nil {
		return long
	}
	src := sliceSource(elems)
	return &src
}

// captionLines sets a caption from src as lines of their own at x on
// measure w, kept together and with the figure before them.
func (f *flow) captionLines(src elemSource, x, w page.Unit, group int) {
	start := len(f.boxes)
	colX, colW := f.x, f.w
	f.x, f.w = x, w
	f.enterElem(f.tags.caption)
	f.setFrom(src, false, f.th.caption, alignLeft, firstOnly(0), 1, true, page.RoleCaption, nil)
	f.closeElem(f.tags.caption)
	f.x, f.w = colX, colW
	for i := start; i < len(f.boxes); i++ {
		f.boxes[i].group = group
	}
	if n := len(f.boxes); n > start {
		f.boxes[n-1].keep = false
	}
}

// spans reports whether a body figure with img runs across all columns:
// a landscape picture (at least 5:4) with the pixels to print half again
// as wide as a column at minFigurePPI. Portraits, small pictures and
// figures inside lists and quotes keep to their column.
func (f *flow) spans(img *page.Image) bool {
	if f.cols < 2 || img == nil || img.Height <= 0 || f.x != 0 || f.w != f.colW {
		return false
	}
	landscape := img.Width*4 >= img.Height*5
	return landscape && page.Pt(float64(img.Width)*72/minFigurePPI) >= f.colW*3/2
}

// glueFor returns an interword space of style t.
func (f *flow) glueFor(t textStyle) elem {
	p := &paragraphBuilder{s: f.s, elems: []elem{{kind: box}}}
	p.addGlue(t.run())
	return p.elems[1]
}
