package pdf

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/galleyprint/galley/internal/fpdf"
	"github.com/galleyprint/galley/page"
)

// tagTree is the structure tree of a tagged PDF, built as pages are
// drawn (PDF 32000-1 14.7, 14.8): the documents' structure elements
// (page.Document.Structure) under one Document element, each piece of
// their content a marked-content sequence with an MCID the tree refers
// to, and each link annotation a Link element's object reference.
type tagTree struct {
	nodes []node // nodes[0] is the Document element
	// base is the node of the current document's element 0: its element
	// n is nodes[base+n]; top is the node its top elements go under
	base, top int32
	count     int32 // the current document's elements
	// pages holds for each page (0-based, in the order added) the node
	// of each MCID on it: the parent tree's arrays
	pages  [][]int32
	annots []annotation
	front  int // the Document's first kids that are front matter
	// spare is where the nodes' first marked-content sequences are taken
	// from (one a node; a further one grows the node's own slice): a
	// slice of its own for each node was a sixth of a tagged PDF's
	// allocations
	spare []mcr
}

// node is one structure element.
type node struct {
	typ       string
	parent    int32
	alt, lang string
	scope     string
	actual    string // its /ActualText
	// rowSpan and colSpan are a table cell's spans (0 or 1: one)
	rowSpan, colSpan int32
	mcrs             []mcr   // its content, in the order drawn
	kids             []int32 // its elements, in reading order
	link             int32   // for a Link, its annotation's index in tagTree.annots, +1
	// inline nodes (a Span with an actual text) are read where their
	// content is first drawn among their parent's (an mcr naming them),
	// not after it; placed says that they are
	inline, placed bool
}

// mcr is a marked-content sequence: page (0-based) and MCID; or, when
// kid is not 0, the inline element kid, read there among its parent's
// content.
type mcr struct{ page, mcid, kid int32 }

// annotation is a link annotation: link i of page (1-based, fpdf's) and
// the Link node that holds it.
type annotation struct {
	page, i int
	node    int32
}

func newTagTree() *tagTree {
	return &tagTree{nodes: []node{{typ: "Document", parent: -1}}}
}

// add appends a node of type typ under parent and returns it.
func (t *tagTree) add(typ string, parent int32) int32 {
	n := int32(len(t.nodes))
	t.nodes = append(t.nodes, node{typ: typ, parent: parent})
	t.nodes[parent].kids = append(t.nodes[parent].kids, n)
	return n
}

// begin adds the elements of a document's structure, under a group of
// type group (a Part of a book) when group is not "", and makes the
// document's items refer to them.
func (t *tagTree) begin(s page.Structure, group string, front bool) {
	t.top = 0
	if group != "" {
		t.top = t.add(group, 0)
		if kids := t.nodes[0].kids; front {
			// read before the articles: moved up to follow the front
			// matter before it
			copy(kids[t.front+1:], kids[t.front:len(kids)-1])
			kids[t.front] = t.top
			t.front++
		}
	}
	t.base = int32(len(t.nodes)) - 1
	t.count = int32(len(s))
	// the nodes first, then each under its parent, in the structure's
	// order: a parent may come after its child (a table's cell, made
	// when the table is done, holds the paragraphs set in it before)
	t.nodes = slices.Grow(t.nodes, len(s))
	for _, e := range s {
		t.nodes = append(t.nodes, node{typ: e.Type, alt: e.Alt, lang: e.Lang, scope: e.Scope,
			actual: e.ActualText, inline: e.Inline,
			rowSpan: e.RowSpan, colSpan: e.ColSpan})
	}
	parentOf := func(e page.Element) int32 {
		if e.Parent > 0 && e.Parent <= t.count {
			return t.base + e.Parent
		}
		return t.top
	}
	// the new elements' kids share one block, each given its room (its
	// own slice only if it grows later: a Link)
	room := make([]int32, len(s)+1) // by element
	total := 0
	for _, e := range s {
		if p := parentOf(e); p > t.base && !e.Inline {
			room[p-t.base]++
			total++
		}
	}
	block := make([]int32, 0, total)
	for k, r := range room {
		if r > 0 {
			at := len(block)
			t.nodes[t.base+int32(k)].kids = block[at : at : at+int(r)]
			block = block[:at+int(r)]
		}
	}
	for k, e := range s {
		n, parent := t.base+int32(k)+1, parentOf(e)
		t.nodes[n].parent = parent
		if !t.nodes[n].inline {
			t.nodes[parent].kids = append(t.nodes[parent].kids, n)
		}
	}
}

// elem returns the node of the current document's element n, or -1
// when there is none such.
func (t *tagTree) elem(n int32) int32 {
	if n > 0 && n <= t.count {
		return t.base + n
	}
	return -1
}

// mark records a marked-content sequence of node n on page (0-based) and
// returns its MCID.
func (t *tagTree) mark(pg int, n int32) int32 {
	for len(t.pages) <= pg {
		t.pages = append(t.pages, nil)
	}
	mcid := int32(len(t.pages[pg]))
	t.pages[pg] = append(t.pages[pg], n)
	nd := &t.nodes[n]
	t.addMCR(&nd.mcrs, mcr{page: int32(pg), mcid: mcid})
	if nd.inline && !nd.placed {
		nd.placed = true
		t.addMCR(&t.nodes[nd.parent].mcrs, mcr{page: int32(pg), kid: n})
	}
	return mcid
}

// addMCR appends m to a node's mcrs, the first in room taken from spare.
func (t *tagTree) addMCR(mcrs *[]mcr, m mcr) {
	if *mcrs == nil {
		if len(t.spare) == 0 {
			t.spare = make([]mcr, 256)
		}
		*mcrs, t.spare = t.spare[:0:1], t.spare[1:]
	}
	*mcrs = append(*mcrs, m)
}

// link adds a Link element under parent for link i of page (1-based).
func (t *tagTree) link(parent int32, pg, i int) {
	n := t.add("Link", parent)
	t.annots = append(t.annots, annotation{page: pg, i: i, node: n})
	t.nodes[n].link = int32(len(t.annots))
}

// write writes the tree's objects with p, whose pages (pages of them)
// are written, and returns the catalog's entries for it.
func (t *tagTree) write(p *fpdf.Fpdf, pages int) string {
	for len(t.pages) < pages {
		t.pages = append(t.pages, nil)
	}
	root := p.NextObject()
	obj := func(n int32) int { return root + 1 + int(n) }
	parentTree := obj(int32(len(t.nodes)))
	if p.WriteObject("<</Type /StructTreeRoot /K "+ref(obj(0))+" /ParentTree "+ref(parentTree)+
		" /ParentTreeNextKey "+strconv.Itoa(pages+len(t.annots))+">>") != root {
		panic("structure tree root misnumbered")
	}
	// the objects are made in one buffer, reused: a builder reset for
	// each, and a string for each reference, were most of the writer's
	// allocations
	var b []byte
	for k := range t.nodes {
		nd := &t.nodes[k]
		if nd.inline && !nd.placed {
			// none of its content was drawn (a caption set for a measure
			// the figure did not take, a pull quote's repeated words): it
			// is no part of the tree, and its actual text is not read
			p.WriteObject("null")
			continue
		}
		b = append(b[:0], "<</Type /StructElem /S /"...)
		b = append(b, nd.typ...)
		b = append(b, " /P "...)
		if nd.parent < 0 {
			b = appendRef(b, root)
		} else {
			b = appendRef(b, obj(nd.parent))
		}
		pg := -1 // the page of its content, when it has one
		for _, m := range nd.mcrs {
			if m.kid == 0 {
				pg = int(m.page)
				b = append(b, " /Pg "...)
				b = appendRef(b, p.PageObject(pg+1))
				break
			}
		}
		if nd.alt != "" {
			b = append(b, " /Alt "...)
			b = p.AppendTextString(b, nd.alt)
		}
		if nd.actual != "" {
			b = append(b, " /ActualText "...)
			b = p.AppendTextString(b, nd.actual)
		}
		b = appendTableAttributes(b, nd)
		if nd.lang != "" && isLanguageTag(nd.lang) {
			b = append(b, " /Lang ("...)
			b = append(b, nd.lang...)
			b = append(b, ')')
		}
		if len(nd.mcrs)+len(nd.kids) > 0 || nd.link > 0 {
			b = append(b, " /K ["...)
			for _, m := range nd.mcrs {
				if m.kid != 0 {
					b = append(appendRef(b, obj(m.kid)), ' ')
				} else if int(m.page) == pg {
					b = append(strconv.AppendInt(b, int64(m.mcid), 10), ' ')
				} else {
					b = append(b, "<</Type /MCR /Pg "...)
					b = appendRef(b, p.PageObject(int(m.page)+1))
					b = append(b, " /MCID "...)
					b = strconv.AppendInt(b, int64(m.mcid), 10)
					b = append(b, ">> "...)
				}
			}
			if nd.link > 0 {
				a := t.annots[nd.link-1]
				o, _ := p.AnnotationRef(a.page, a.i)
				b = append(b, "<</Type /OBJR /Obj "...)
				b = appendRef(b, o)
				b = append(b, " /Pg "...)
				b = appendRef(b, p.PageObject(a.page))
				b = append(b, ">> "...)
			}
			for _, kid := range nd.kids {
				b = append(appendRef(b, obj(kid)), ' ')
			}
			b = append(b, ']')
		}
		b = append(b, ">>"...)
		p.WriteObjectBytes(b)
	}
	b = append(b[:0], "<</Nums ["...)
	for pg, nodes := range t.pages {
		b = append(strconv.AppendInt(b, int64(pg), 10), " ["...)
		for _, n := range nodes {
			b = append(appendRef(b, obj(n)), ' ')
		}
		b = append(b, "]\n"...)
	}
	keys := make([][2]int, len(t.annots)) // the annotations' keys and nodes, in order
	for k, a := range t.annots {
		_, key := p.AnnotationRef(a.page, a.i)
		keys[k] = [2]int{key, obj(a.node)}
	}
	slices.SortFunc(keys, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	for _, k := range keys {
		b = append(strconv.AppendInt(b, int64(k[0]), 10), ' ')
		b = append(appendRef(b, k[1]), '\n')
	}
	b = append(b, "]>>"...)
	p.WriteObjectBytes(b)
	return "/StructTreeRoot " + ref(root) + " /MarkInfo <</Marked true>>"
}

func ref(n int) string { return strconv.Itoa(n) + " 0 R" }

// appendRef appends a reference to object n to b.
func appendRef(b []byte, n int) []byte {
	return append(strconv.AppendInt(b, int64(n), 10), " 0 R"...)
}

// appendTableAttributes appends the Table attributes of a table cell nd
// (PDF 32000-1 14.8.5.7) to b: a header cell's /Scope, and the rows and
// columns it spans when more than one.
func appendTableAttributes(b []byte, nd *node) []byte {
	scope := nd.scope == "Row" || nd.scope == "Column" || nd.scope == "Both"
	if !scope && nd.rowSpan <= 1 && nd.colSpan <= 1 {
		return b
	}
	b = append(b, " /A <</O /Table"...)
	if scope {
		b = append(b, " /Scope /"...)
		b = append(b, nd.scope...)
	}
	if nd.rowSpan > 1 {
		b = append(b, " /RowSpan "...)
		b = strconv.AppendInt(b, int64(nd.rowSpan), 10)
	}
	if nd.colSpan > 1 {
		b = append(b, " /ColSpan "...)
		b = strconv.AppendInt(b, int64(nd.colSpan), 10)
	}
	return append(b, ">>"...)
}
