package layout

import "fmt"

// Imposition modes: how pages are laid on the sheets that are printed.
const (
	ImposeNone    = ""
	ImposeTwoUp   = "two-up"  // two pages side by side on each sheet side, in reading order
	ImposeBooklet = "booklet" // sheets printed on both sides, folded and nested, read in order
)

// Impose lays the pages of doc two to a sheet side, each sheet side twice
// as wide as a page (A5 pages on A4 landscape). Two-up keeps reading
// order: pages 1 and 2 on the first side, 3 and 4 on the next. Booklet
// orders them for saddle stitching: the page count is padded with blank
// pages to a multiple of four, and sheet s carries pages N−2s and 2s+1 on
// its front and 2s+2 and N−2s−1 on its back (1-based), so that the folded,
// nested sheets read in order. Outline entries point at the sheet side
// their page is on. The pages must all be one size.
func Impose(doc *Document, mode string) (*Document, error) {
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
		page := func(k int) int { // 0-based page k, blank past the end
			if k < n {
				return k
			}
			return -1
		}
		for s := 0; s < total/4; s++ {
			order = append(order,
				page(total-1-2*s), page(2*s), // front: outer right half is the earlier page
				page(2*s+1), page(total-2-2*s)) // back
		}
	default:
		return nil, fmt.Errorf("unknown imposition %q (want %s or %s)", mode, ImposeTwoUp, ImposeBooklet)
	}
	out := &Document{Images: doc.Images, Margins: doc.Margins, Info: doc.Info}
	sheetOf := make([]int, n)
	for i := 0; i < len(order); i += 2 {
		sheet := &Page{Size: Size{W: 2 * size.W, H: size.H}}
		for half, src := range order[i : i+2] {
			if src < 0 {
				continue
			}
			sheetOf[src] = len(out.Pages)
			dx := Unit(half) * size.W
			for _, it := range doc.Pages[src].Items {
				it.X += dx
				sheet.Items = append(sheet.Items, it)
			}
		}
		out.Pages = append(out.Pages, sheet)
	}
	for _, b := range doc.Outline {
		b.Page = sheetOf[b.Page]
		out.Outline = append(out.Outline, b)
	}
	return out, nil
}
