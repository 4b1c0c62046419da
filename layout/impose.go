package layout

import (
	"fmt"

	"github.com/galleyprint/galley/page"
)

// Imposition is how pages are laid on the sheets that are printed.
type Imposition string

// The impositions.
const (
	ImposeNone    Imposition = ""        // one page per sheet side
	ImposeTwoUp   Imposition = "two-up"  // two pages side by side on each sheet side, in reading order
	ImposeBooklet Imposition = "booklet" // sheets printed on both sides, folded and nested, read in order
)

// Impose lays the pages of doc two to a sheet side (see SheetFor: A5
// pages on A4 landscape sheets), each page centred in its half. Two-up keeps reading
// order: pages 1 and 2 on the first side, 3 and 4 on the next. Booklet
// orders them for saddle stitching: the page count is padded with blank
// pages to a multiple of four, and sheet s carries pages N−2s and 2s+1 on
// its front and 2s+2 and N−2s−1 on its back (1-based), so that the folded,
// nested sheets read in order. Outline entries point at the sheet side
// their page is on. The pages must all be one size.
func Impose(doc *page.Document, mode Imposition) (*page.Document, error) {
	if mode == ImposeNone || len(doc.Pages) == 0 {
		return doc, nil
	}
	size := doc.Pages[0].Size
	for _, p := range doc.Pages {
		if p.Size != size {
			return nil, fmt.Errorf("imposition needs pages of one size")
		}
	}
	n := len(doc.Pages)
	var order []int // source page per slot, -1 for blank; slots go left, right, left, right…
	switch mode {
	case ImposeTwoUp:
		for i := 0; i < n; i++ {
			order = append(order, i)
		}
		if n%2 == 1 {
			order = append(order, -1)
		}
	case ImposeBooklet:
		total := (n + 3) / 4 * 4
		pageAt := func(k int) int { // 0-based page k, blank past the end
			if k < n {
				return k
			}
			return -1
		}
		for s := 0; s < total/4; s++ {
			order = append(order,
				pageAt(total-1-2*s), pageAt(2*s), // front: outer right half is the earlier page
				pageAt(2*s+1), pageAt(total-2-2*s)) // back
		}
	default:
		return nil, fmt.Errorf("unknown imposition %q (want %s or %s)", mode, ImposeTwoUp, ImposeBooklet)
	}
	out := &page.Document{Images: doc.Images, Margins: doc.Margins, Info: doc.Info, Structure: doc.Structure}
	sheetOf := make([]int, n)
	sheetSize := SheetFor(size)
	// the pages stand symmetrically about the fold, centred in their halves
	left := (sheetSize.W - 2*size.W) / 4
	dxs := [2]page.Unit{left, sheetSize.W - size.W - left}
	dy := (sheetSize.H - size.H) / 2
	for i := 0; i < len(order); i += 2 {
		sheet := &page.Page{Size: sheetSize}
		for half, src := range order[i : i+2] {
			if src < 0 {
				continue
			}
			sheetOf[src] = len(out.Pages)
			for _, it := range doc.Pages[src].Items {
				it.X += dxs[half]
				it.Y += dy
				sheet.Items = append(sheet.Items, it)
			}
		}
		out.Pages = append(out.Pages, sheet)
	}
	for _, b := range doc.Outline {
		b.Page = sheetOf[b.Page]
		b.Y += dy
		out.Outline = append(out.Outline, b)
	}
	return out, nil
}

// sheetSizes are the standard sizes (portrait) a sheet side of two pages
// may be: ISO A and B, and the US sizes whose halves are pages (Letter for
// Statement pages, Tabloid for Letter pages).
var sheetSizes = []page.Size{
	{W: page.Pt(1190.55), H: page.Pt(1683.78)}, // A2
	{W: page.Pt(841.89), H: page.Pt(1190.55)},  // A3
	{W: page.Pt(595.28), H: page.Pt(841.89)},   // A4
	{W: page.Pt(419.53), H: page.Pt(595.28)},   // A5
	{W: page.Pt(708.66), H: page.Pt(1000.63)},  // B4
	{W: page.Pt(498.9), H: page.Pt(708.66)},    // B5
	{W: page.Pt(612), H: page.Pt(792)},         // Letter
	{W: page.Pt(792), H: page.Pt(1224)},        // Tabloid
}

// SheetFor returns the sheet side two pages of size pg are imposed on:
// the standard size, turned to landscape, whose half the page is (A4 for
// A5 pages, A3 for A4, Tabloid for Letter), else exactly twice the page.
// ISO halves are rounded down to whole millimetres (A5 is 148 mm, half of
// A4's 297), so a page within 1.5 mm of half a sheet's width (and of its
// height, within 1 pt) takes that sheet, and is centred in its half.
func SheetFor(pg page.Size) page.Size {
	for _, s := range sheetSizes {
		w, h := s.H, s.W // landscape
		if d := w - 2*pg.W; d >= -page.Point && d <= page.Pt(4.26) && max(h-pg.H, pg.H-h) <= page.Point {
			return page.Size{W: w, H: h}
		}
	}
	return page.Size{W: 2 * pg.W, H: pg.H}
}
