package page

import (
	"fmt"
	"sort"
)

// Verify checks the rules every layout must keep and returns what it
// breaks: every item inside its page, and every item but the page's
// furniture (running head, footer, column rules, QR code) inside the page
// body, between the top and bottom margins and the text block's edges; no
// two text items overlapping, the headline on page 1, no heading last on
// a page, and every caption on the page of its figure. Tests and fuzzers
// run it on every document they make.
func (d *Document) Verify() []error {
	var errs []error
	add := func(page int, format string, args ...any) {
		if len(errs) < 20 {
			errs = append(errs, fmt.Errorf("page %d: %s", page+1, fmt.Sprintf(format, args...)))
		}
	}
	for pi, p := range d.Pages {
		var boxes []textBox
		for _, it := range p.Items {
			x0, y0, x1, y1 := it.bounds()
			if x0 < 0 || y0 < 0 || x1 > p.Size.W || y1 > p.Size.H {
				add(pi, "%s outside the page", it)
			} else if it.Role != RoleFurniture {
				if top, bottom := d.Margins.Top, p.Size.H-d.Margins.Bottom; y0 < top-1 || y1 > bottom+1 {
					add(pi, "%s %s outside the page body (%s to %s)", it.Role, it, top, bottom)
				}
				if left, right := d.TextEdges(pi); x0 < left-1 || x1 > right+1 {
					add(pi, "%s %s in the side margin", it.Role, it)
				}
			}
			if it.Kind != ItemText {
				continue
			}
			boxes = append(boxes, textBox{x0, y0, x1, y1, it.Text})
		}
		for _, o := range overlaps(boxes) {
			add(pi, "text overlaps: %q and %q", o[0], o[1])
		}
		if pi < len(d.Pages)-1 {
			if last := lastContent(p); last != nil && last.Role == RoleHeading {
				add(pi, "ends with a heading: %q", last.Text)
			}
		}
	}
	if d.Info.Title != "" && len(d.Pages) > 0 && !hasRole(d.Pages[0], RoleTitle, ItemText) {
		add(0, "no headline")
	}
	for pi, p := range d.Pages {
		for i, it := range p.Items {
			if it.Role == RoleCaption && !captionHasFigure(p.Items[:i]) {
				add(pi, "caption %q without its figure on the page", it.Text)
			}
		}
	}
	return errs
}

// bounds returns the item's box; text boxes are em boxes (0.8 em above the
// baseline, 0.2 em below), lines their stroke's extent (with butt caps,
// the PDF default: a line's stroke widens it across, not along).
func (it Item) bounds() (x0, y0, x1, y1 Unit) {
	switch it.Kind {
	case ItemText:
		return it.X, it.Y - it.Size*8/10, it.X + it.W, it.Y + it.Size*2/10
	case ItemLine:
		x0, x1 = min(it.X, it.X+it.W), max(it.X, it.X+it.W)
		y0, y1 = min(it.Y, it.Y+it.H), max(it.Y, it.Y+it.H)
		dx, dy := it.Stroke/2, it.Stroke/2
		switch {
		case it.H == 0:
			dx = 0
		case it.W == 0:
			dy = 0
		}
		return x0 - dx, y0 - dy, x1 + dx, y1 + dy
	}
	return it.X, it.Y, it.X + it.W, it.Y + it.H
}

type textBox struct {
	x0, y0, x1, y1 Unit
	text           string
}

// overlaps returns pairs of text boxes whose overlap is more than a fifth
// of the smaller one (the threshold of the independent checker).
func overlaps(bs []textBox) [][2]string {
	sort.Slice(bs, func(i, j int) bool { return bs[i].y0 < bs[j].y0 })
	var out [][2]string
	for i := range bs {
		a := bs[i]
		for j := i + 1; j < len(bs) && bs[j].y0 < a.y1; j++ {
			b := bs[j]
			ix := min(a.x1, b.x1) - max(a.x0, b.x0)
			iy := min(a.y1, b.y1) - max(a.y0, b.y0)
			if ix <= 0 || iy <= 0 {
				continue
			}
			areaA := int64(a.x1-a.x0) * int64(a.y1-a.y0)
			areaB := int64(b.x1-b.x0) * int64(b.y1-b.y0)
			if 5*int64(ix)*int64(iy) > min(areaA, areaB) {
				out = append(out, [2]string{a.text, b.text})
			}
		}
	}
	return out
}

// lastContent returns the lowest text item of a page that is not furniture.
func lastContent(p *Page) *Item {
	var last *Item
	for i := range p.Items {
		it := &p.Items[i]
		if it.Kind == ItemText && it.Role != RoleFurniture && it.Role != RoleNote && (last == nil || it.Y > last.Y) {
			last = it
		}
	}
	return last
}

func hasRole(p *Page, r Role, k ItemKind) bool {
	for _, it := range p.Items {
		if it.Role == r && it.Kind == k {
			return true
		}
	}
	return false
}

// captionHasFigure reports whether a figure item precedes a caption.
func captionHasFigure(before []Item) bool {
	for _, it := range before {
		if it.Role == RoleFigure {
			return true
		}
	}
	return false
}
