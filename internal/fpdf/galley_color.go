package fpdf

// Galley patch 43 (see PATCHES.md): the operators of the last colours
// set are kept, not made again.

// colorOps holds the operators rgbColorValue made last ("0.200 g", "1.000
// 0.000 0.000 rg"), by their colour and operator: a document sets a few
// colours over and over (each text colour change sets the fill colour
// too), and making each operator again was a string for every change.
type colorOps struct {
	ops  [8]colorOp
	next int // the entry add replaces next
}

type colorOp struct {
	r, g, b  int
	gray, op string // the gray and RGB operators it was made for ("g" and "rg", say)
	str      string
}

// find returns the operator made for the colour r, g, b with the gray
// and RGB operators given, if it is held.
func (c *colorOps) find(r, g, b int, gray, op string) (string, bool) {
	for i := range c.ops {
		e := &c.ops[i]
		if e.str != "" && e.r == r && e.g == g && e.b == b && e.gray == gray && e.op == op {
			return e.str, true
		}
	}
	return "", false
}

// add holds str, the operator made for the colour r, g, b with the gray
// and RGB operators given, in place of the oldest held.
func (c *colorOps) add(r, g, b int, gray, op, str string) {
	c.ops[c.next] = colorOp{r: r, g: g, b: b, gray: gray, op: op, str: str}
	c.next = (c.next + 1) % len(c.ops)
}
