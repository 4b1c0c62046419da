package page

import (
	"fmt"
	"math"
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
			if it.Kind == ItemPath {
				if err := checkPath(it); err != "" {
					add(pi, "%s: %s", it, err)
				}
			}
			// the texts of a drawing may overlap as its author set them
			if it.Kind != ItemText || it.Role == RoleFigure {
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
		if it.Rotate != 0 {
			return rotatedTextBounds(it)
		}
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

// rotatedTextBounds returns the box around a turned text's em box.
func rotatedTextBounds(it Item) (x0, y0, x1, y1 Unit) {
	sin, cos := math.Sincos(float64(it.Rotate) * math.Pi / 180)
	corners := [4][2]float64{{0, float64(-it.Size * 8 / 10)}, {float64(it.W), float64(-it.Size * 8 / 10)},
		{0, float64(it.Size * 2 / 10)}, {float64(it.W), float64(it.Size * 2 / 10)}}
	for i, c := range corners {
		x := it.X + Unit(math.Round(c[0]*cos-c[1]*sin))
		y := it.Y + Unit(math.Round(c[0]*sin+c[1]*cos))
		if i == 0 {
			x0, y0, x1, y1 = x, y, x, y
			continue
		}
		x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
	}
	return x0, y0, x1, y1
}

// checkPath checks an ItemPath: its path is in the document, its outline
// well formed, and what it paints inside the item's box.
func checkPath(it Item) string {
	p := it.Path()
	if p == nil {
		return "no path"
	}
	if !p.Valid() {
		return "malformed outline"
	}
	for _, c := range p.Clips {
		if !c.Valid() {
			return "malformed clip"
		}
	}
	if len(p.Points) == 0 {
		return ""
	}
	x0, y0, x1, y1 := p.Bounds()
	if p.Stroke.On {
		w := p.Width/2 + 1
		if p.Join == MiterJoin {
			w = Unit(float64(p.Width)*max(p.Miter, 4)/2) + 1
		}
		x0, y0, x1, y1 = x0-w, y0-w, x1+w, y1+w
	}
	for _, c := range p.Clips {
		if len(c.Points) == 0 {
			return ""
		}
		cx0, cy0, cx1, cy1 := c.Bounds()
		x0, y0, x1, y1 = max(x0, cx0), max(y0, cy0), min(x1, cx1), min(y1, cy1)
	}
	if x1 < x0 || y1 < y0 {
		return "" // clipped away
	}
	if x0 < -1 || y0 < -1 || x1 > it.W+1 || y1 > it.H+1 {
		return fmt.Sprintf("paints %s,%s-%s,%s outside its box", x0, y0, x1, y1)
	}
	return ""
}
