package page

import (
	"slices"

	"github.com/galleyprint/galley/fonts"
)

// PlaceDrawings replaces each placement of a vector image (an ItemImage
// whose Image has a Drawing) by the drawing's paths and texts, scaled to
// the placement's box, in the drawing's painting order and the image
// item's role. Texts are set in set's family nearest the one the drawing
// names, a character the face lacks in the first of the set's fallbacks
// that has it; a text's anchor (middle, end) is placed by its measured
// width. Every writer then draws the drawing without knowing of it.
func (d *Document) PlaceDrawings(set *fonts.Set) {
	if set == nil {
		return
	}
	for _, p := range d.Pages {
		n := 0
		for _, it := range p.Items {
			if it.Kind == ItemImage {
				if img := d.Images[it.Image()]; img != nil && img.Drawing != nil {
					n++
				}
			}
		}
		if n == 0 {
			continue
		}
		size := len(p.Items)
		for _, it := range p.Items {
			if img := d.Images[it.Image()]; it.Kind == ItemImage && img != nil && img.Drawing != nil {
				size += len(img.Drawing.Parts) + 4 // texts may split into runs
			}
		}
		items := make([]Item, 0, size)
		for _, it := range p.Items {
			img := d.Images[it.Image()]
			if it.Kind != ItemImage || img == nil || img.Drawing == nil {
				items = append(items, it)
				continue
			}
			items = img.Drawing.place(items, it, set)
			for _, part := range img.Drawing.Parts {
				if pi := part.Image; pi != nil && pi.Image != nil {
					if d.Images == nil {
						d.Images = map[string]*Image{}
					}
					d.Images[pi.Image.Key] = pi.Image
				}
			}
		}
		p.Items = items
	}
}

// place appends the items that draw dr into the box of it.
func (dr *Drawing) place(items []Item, it Item, set *fonts.Set) []Item {
	if dr.W <= 0 || dr.H <= 0 {
		return items
	}
	sx, sy := float64(it.W)/float64(dr.W), float64(it.H)/float64(dr.H)
	sm := sqrtMean(sx, sy)
	// the end of the text before, for texts that follow one
	var penX, penY Unit
	var lineStart int // index in items of the current line's first text
	var lineAnchor TextAnchor
	var lineBackground *Color
	start := len(items)
	var backgrounds []int // indexes in items of the lines' backgrounds
	finishLine := func() {
		if lineStart >= len(items) {
			return
		}
		// shift the line's texts by its anchor and its whole width
		var w Unit
		for _, t := range items[lineStart:] {
			if t.Kind == ItemText {
				w += t.W
			}
		}
		shift := Unit(0)
		switch lineAnchor {
		case AnchorMiddle:
			shift = w / 2
		case AnchorEnd:
			shift = w
		}
		for k := lineStart; shift != 0 && k < len(items); k++ {
			t := &items[k]
			if t.Kind != ItemText {
				continue
			}
			dx, dy := rotate(shift, 0, t.Rotate)
			t.X -= dx
			t.Y -= dy
		}
		if first := items[lineStart]; lineBackground != nil && first.Kind == ItemText && first.Rotate == 0 {
			// the box of a line 1.2 ems high, its baseline 0.95 em down,
			// as a browser sets a label's block
			bg := Item{Kind: ItemRect, X: first.X, Y: first.Y - first.Size*95/100, W: w, H: first.Size * 120 / 100,
				Color: *lineBackground, Role: it.Role}
			items = slices.Insert(items, lineStart, bg)
			backgrounds = append(backgrounds, lineStart)
		}
	}
	for _, part := range dr.Parts {
		switch {
		case part.Path != nil:
			q := part.Path.Scaled(sx, sy)
			items = append(items, Item{Kind: ItemPath, X: it.X, Y: it.Y, W: it.W, H: it.H, More: &ItemMore{Path: q}, Role: it.Role})
		case part.Image != nil && part.Image.Image != nil:
			pi := part.Image
			items = append(items, Item{Kind: ItemImage, X: it.X + scaleUnit(pi.X, sx), Y: it.Y + scaleUnit(pi.Y, sy),
				W: scaleUnit(pi.W, sx), H: scaleUnit(pi.H, sy), More: &ItemMore{Image: pi.Image.Key}, Role: it.Role})
		case part.Text != nil:
			t := part.Text
			size := scaleUnit(t.Size, sm)
			if size <= 0 || t.Text == "" {
				continue
			}
			var x, y Unit
			if t.Follows {
				x, y = penX+scaleUnit(t.X, sx), penY+scaleUnit(t.Y, sy)
			} else {
				finishLine()
				lineStart, lineAnchor, lineBackground = len(items), t.Anchor, t.Background
				x, y = it.X+scaleUnit(t.X, sx), it.Y+scaleUnit(t.Y, sy)
			}
			for _, run := range textRuns(t, set) {
				w := textWidth(run.face, run.text, size)
				items = append(items, Item{Kind: ItemText, X: x, Y: y, W: w, Text: run.text, Face: run.face,
					Size: size, Color: t.Color, Rotate: t.Rotate, Role: it.Role})
				dx, dy := rotate(w, 0, t.Rotate)
				x, y = x+dx, y+dy
			}
			penX, penY = x, y
		}
	}
	finishLine()
	return hideCovered(items, start, backgrounds)
}

// maxBackgrounds bounds the backgrounds hideCovered compares each text
// with, so that its time stays linear in a drawing's parts.
const maxBackgrounds = 256

// hideCovered drops the texts of items[start:] that a line's background
// drawn after them covers whole: a browser paints over them, and their
// text would read through the one on top.
func hideCovered(items []Item, start int, backgrounds []int) []Item {
	if len(backgrounds) == 0 || len(backgrounds) > maxBackgrounds {
		return items
	}
	k := start
	for i := start; i < len(items); i++ {
		t := items[i]
		if t.Kind == ItemText && t.Rotate == 0 {
			top, bottom := t.Y-t.Size*3/4, t.Y+t.Size/5
			covered := false
			for _, j := range backgrounds {
				b := items[j]
				if j > i && b.X <= t.X && t.X+t.W <= b.X+b.W && b.Y <= top && bottom <= b.Y+b.H {
					covered = true
					break
				}
			}
			if covered {
				continue
			}
		}
		items[k] = t
		k++
	}
	return items[:k]
}

// rotate turns (x, y) deg degrees clockwise (y down).
func rotate(x, y Unit, deg int16) (Unit, Unit) {
	switch deg {
	case 0:
		return x, y
	case 90:
		return -y, x
	case -90:
		return y, -x
	}
	s, c := sincos(float64(deg))
	return Unit(roundHalf(float64(x)*c - float64(y)*s)), Unit(roundHalf(float64(x)*s + float64(y)*c))
}

// run is a piece of a text in one face.
type run struct {
	face *fonts.Face
	text string
}

// textRuns splits a drawing's text into runs by the face that has each
// character: the family and style asked for, else its fallbacks.
func textRuns(t *DrawingText, set *fonts.Set) []run {
	fam := fonts.Sans
	switch t.Family {
	case "serif":
		fam = fonts.Serif
	case "mono":
		fam = fonts.Mono
	}
	st := fonts.StyleOf(t.Bold, t.Italic)
	main := set.Face(fam, st)
	if main == nil {
		return nil
	}
	fallbacks := set.Fallbacks(fam, st)
	var runs []run
	start := 0
	var cur *fonts.Face
	for i, r := range t.Text {
		f := main
		if !main.Has(r) {
			for _, fb := range fallbacks {
				if fb != nil && fb.Has(r) {
					f = fb
					break
				}
			}
		}
		if cur != nil && f != cur {
			runs = append(runs, run{cur, t.Text[start:i]})
			start = i
		}
		cur = f
	}
	if cur != nil {
		runs = append(runs, run{cur, t.Text[start:]})
	}
	return runs
}

// textWidth is text's advance in face at size.
func textWidth(f *fonts.Face, text string, size Unit) Unit {
	total := 0
	for _, r := range text {
		if w, ok := f.Width(r); ok {
			total += w
		}
	}
	return Unit(roundHalf(float64(total) * float64(size) / 1000))
}
