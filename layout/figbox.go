package layout

import (
	"slices"

	"github.com/galleyprint/galley/hyphen"
	"github.com/galleyprint/galley/page"
)

// figBox is a figure with an image, set as one box that the pager may
// scale down so that the figure stays within the column it lands in: the
// image, centred on the block's measure, and under it the caption, hung
// from the image's left edge on a measure as wide as the image but no
// narrower than half the block's. A narrower image takes its caption on a
// narrower measure, set anew.
type figBox struct {
	c          flow      // a copy of the flow at the figure, which sets the caption anew
	x, w       page.Unit // the block's left offset and measure
	key        string
	natW, natH page.Unit // the image at its natural size
	gap        page.Unit // between the image and the caption
	elems      []elem
	style      textStyle
	hyph       *hyphen.Hyphenator
	// least is the lowest image height the pager scales to in order to
	// keep the figure where it is, rather than move it on; floor is the
	// lowest at all, for a figure that cannot move on (at the top of a
	// column, or kept with what is above it)
	least, floor page.Unit
	// own is the number of the box's items that are the figure's; those
	// after it were added by the blocks around it (a quote's rule, a list
	// marker)
	own      int
	captions map[page.Unit]caption // by measure
}

// caption is a caption set on one measure: its items from its top left
// corner, and its height.
type caption struct {
	items   []page.Item
	h       page.Unit
	reports []*breakReport // lines of the caption set worse than wanted
}

// widthAt returns the image's width at height ih.
func (fb *figBox) widthAt(ih page.Unit) page.Unit {
	if ih == fb.natH {
		return fb.natW
	}
	return max(page.Unit(int64(fb.natW)*int64(ih)/int64(fb.natH)), 1)
}

// measure returns the caption's measure under an image w wide.
func (fb *figBox) measure(w page.Unit) page.Unit {
	return min(fb.w, max(w, fb.w/2))
}

// measureAt returns the caption's measure under the image at height ih;
// below the natural size, in whole points, so that the captions set for
// the heights the pager tries are few.
func (fb *figBox) measureAt(ih page.Unit) page.Unit {
	m := fb.measure(fb.widthAt(ih))
	if ih != fb.natH {
		m = m / page.Point * page.Point
	}
	return m
}

// captionAt returns the caption set on measure m.
func (fb *figBox) captionAt(m page.Unit) caption {
	if c, ok := fb.captions[m]; ok {
		return c
	}
	c := fb.c
	c.x, c.w, c.pending = 0, m, 0
	hyph := c.s.hyph // the shaper is shared
	c.s.hyph = fb.hyph
	c.setParagraph(slices.Clone(fb.elems), fb.style, alignLeft, 0, true, page.RoleCaption)
	c.s.hyph = hyph
	cp := caption{reports: c.reports}
	for _, b := range c.boxes {
		cp.h += b.before
		for _, it := range b.items {
			it.Y += cp.h
			it.Role = page.RoleCaption
			cp.items = append(cp.items, it)
		}
		cp.h += b.h
	}
	fb.captions[m] = cp
	return cp
}

// height returns the figure's height with the image ih high.
func (fb *figBox) height(ih page.Unit) page.Unit {
	if len(fb.elems) == 0 {
		return ih
	}
	return ih + fb.gap + fb.captionAt(fb.measureAt(ih)).h
}

// fit returns the tallest image height, at most the natural one and at
// least lo, at which the figure fits in avail, and the figure's height
// then; ok is false when it does not fit at lo. A narrower image may
// lengthen its caption, so the image gives up what the caption takes.
func (fb *figBox) fit(avail, lo page.Unit) (ih, h page.Unit, ok bool) {
	ih = fb.natH
	for range 16 {
		h = fb.height(ih)
		if h <= avail {
			return ih, h, true
		}
		if ih -= h - avail; ih < max(lo, 1) {
			return 0, 0, false
		}
	}
	return 0, 0, false
}

// items returns the figure's items with the image ih high: the image
// centred on the measure, the caption under it.
func (fb *figBox) items(ih page.Unit) []page.Item {
	w := fb.widthAt(ih)
	x := fb.x + (fb.w-w)/2
	items := []page.Item{{Kind: page.ItemImage, X: x, Y: 0, W: w, H: ih, More: &page.ItemMore{Image: fb.key}, Role: page.RoleFigure}}
	if len(fb.elems) == 0 {
		return items
	}
	m := fb.measureAt(ih)
	capX := max(fb.x, min(x, fb.x+fb.w-m))
	for _, it := range fb.captionAt(m).items {
		it.X += capX
		it.Y += ih + fb.gap
		items = append(items, it)
	}
	return items
}

// scaled returns the items of box b, the figure's, with the image ih
// high: the figure set anew, and the items the blocks around it added
// moved with it: those that reach the box's foot (a quote's rule) to the
// new foot, those under the image (a list marker beside the caption) by
// as much as the image changed.
func (fb *figBox) scaled(b *vbox, ih page.Unit) []page.Item {
	if ih == fb.natH {
		return b.items
	}
	items := fb.items(ih)
	dh, dy := fb.height(ih)-b.h, ih-fb.natH
	for _, it := range b.items[fb.own:] {
		switch {
		case it.Y+it.H == b.h:
			it.H += dh
		case it.Y >= fb.natH:
			it.Y += dy
		}
		items = append(items, it)
	}
	return items
}
