// Package htmlparse is golang.org/x/net/html's HTML5 parser, patched for
// speed: it builds the same *html.Node trees as x/net/html's Parse and
// ParseFragment, from a string read whole, with fewer allocations, and it
// stops when its context is done. PATCHES.md lists the changes.
package htmlparse
