package article

import (
	"errors"
	"fmt"
)

// MaxDepth is how many levels blocks may nest: a quote or a list item
// inside another is one level more. Real articles nest a handful (a
// quotation in a list item, a list three levels deep); a hundred is
// generous, and keeps every stage that walks the blocks (conversion,
// layout, printing) fast and its recursion shallow.
const MaxDepth = 100

// ErrTooDeep is wrapped by the errors for input whose structure nests
// more deeply than galley reads: blocks beyond MaxDepth, a Markdown post
// whose lists and quotes do, an HTML page whose elements nest beyond
// what its parser takes. The message says how deep is allowed.
var ErrTooDeep = errors.New("too deep")

// CheckDepth returns an error wrapping ErrTooDeep when blocks nest more
// than MaxDepth levels: blocks inside a block (a quote's, or any
// block's Blocks) or in a list's items are one level down. It stops
// looking at the first block too deep, so its time is linear in the
// blocks it visits whatever their depth.
func CheckDepth(blocks []Block) error {
	if tooDeep(blocks, MaxDepth) {
		return fmt.Errorf("%w: blocks nested more than %d levels", ErrTooDeep, MaxDepth)
	}
	return nil
}

// tooDeep reports whether blocks nest more than left levels below them.
func tooDeep(blocks []Block, left int) bool {
	for i := range blocks {
		b := &blocks[i]
		if len(b.Blocks) == 0 && len(b.Items) == 0 {
			continue
		}
		if left == 0 {
			return true
		}
		if tooDeep(b.Blocks, left-1) {
			return true
		}
		for _, it := range b.Items {
			if tooDeep(it.Blocks, left-1) {
				return true
			}
		}
	}
	return false
}
