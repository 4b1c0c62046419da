package layout

import (
	"rsc.io/qr"

	"github.com/galleyprint/galley/page"
)

// qrSize is the side of the QR code printed on page 1: large enough for
// a phone camera at reading distance with up to about 60 modules.
const qrSize = 44 * page.Point

// qrItems draws a QR code of url as filled rectangles (vector, crisp at
// any resolution), one per run of dark modules in a row, with its top
// right corner at (right, top). It returns nil when url cannot be
// encoded.
func qrItems(url string, right, top page.Unit) []page.Item {
	code, err := qr.Encode(url, qr.M)
	if err != nil || code.Size == 0 {
		return nil
	}
	module := qrSize / page.Unit(code.Size)
	if module < 1 {
		return nil
	}
	side := module * page.Unit(code.Size)
	x0 := right - side
	var items []page.Item
	for y := 0; y < code.Size; y++ {
		for x := 0; x < code.Size; {
			if !code.Black(x, y) {
				x++
				continue
			}
			run := x
			for run < code.Size && code.Black(run, y) {
				run++
			}
			items = append(items, page.Item{Kind: page.ItemRect, X: x0 + page.Unit(x)*module, Y: top + page.Unit(y)*module,
				W: page.Unit(run-x) * module, H: module, Color: page.Black, Role: page.RoleFurniture})
			x = run
		}
	}
	return items
}
