package fpdf

// Galley patch 66 (see PATCHES.md): SetFont lowers a family name once,
// not at every change of face or size.

import "strings"

// lowerCache holds the last few family names SetFont lowered and their
// lower case: galley sets the same few families thousands of times a
// document, and strings.ToLower scanned the name each time.
type lowerCache struct {
	names [4]struct{ name, lower string }
	next  int // the entry lower replaces next
}

// lower returns strings.ToLower(name), from the names held when it is
// one of them.
func (c *lowerCache) lower(name string) string {
	for i := range c.names {
		if e := &c.names[i]; e.name == name && e.lower != "" {
			return e.lower
		}
	}
	lower := strings.ToLower(name)
	c.names[c.next].name, c.names[c.next].lower = name, lower
	c.next = (c.next + 1) % len(c.names)
	return lower
}
