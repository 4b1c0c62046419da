package pdfjoin

import (
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Close writes the page tree, the outline, the link annotations, the Info
// dictionary (Title, Author, Subject, Creator and Producer "galley",
// CreationDate and ModDate from info.Created in UTC), the catalog (with
// /Lang when info.Language is a BCP 47 tag, and /PageMode /UseOutlines when
// there are bookmarks), the cross-reference table and the trailer, whose
// /ID is hashed from the content. It fails when a link or bookmark points
// at a page that was never added; after any error from Close the output is
// incomplete. w is not closed.
func (j *Joiner) Close(info Info) error {
	if err := j.check(); err != nil {
		return err
	}
	j.closed = true
	if len(j.pages) == 0 {
		return errors.New("pdfjoin: the book has no pages")
	}
	if err := j.checkTargets(); err != nil {
		return err
	}
	j.writeAnnots()
	pages := j.writePageTree()
	outlines := j.writeOutline()
	infoN := j.alloc()
	j.writeObject(infoN, infoDict(info), nil)
	catalog := types.Dict{"Type": types.Name("Catalog"), "Pages": ref(pages)}
	if outlines != 0 {
		catalog["Outlines"] = ref(outlines)
		catalog["PageMode"] = types.Name("UseOutlines")
	}
	if isLanguageTag(info.Language) {
		catalog["Lang"] = types.StringLiteral(info.Language)
	}
	if j.version > model.V14 {
		catalog["Version"] = types.Name(j.version.String())
	}
	root := j.alloc()
	j.writeObject(root, catalog, nil)
	return j.writeTrailer(root, infoN)
}

func (j *Joiner) checkTargets() error {
	n := len(j.pages)
	for _, l := range j.links {
		if l.from < 0 || l.from >= n || l.to < 0 || l.to >= n {
			return fmt.Errorf("pdfjoin: link from page %d to page %d: the book has %d pages", l.from, l.to, n)
		}
		if !finite(l.x, l.y, l.w, l.h) {
			return fmt.Errorf("pdfjoin: link from page %d: bad rectangle %v,%v %vx%v", l.from, l.x, l.y, l.w, l.h)
		}
	}
	for _, m := range j.marks {
		if m.page < 0 || m.page >= n {
			return fmt.Errorf("pdfjoin: bookmark %q on page %d: the book has %d pages", m.title, m.page, n)
		}
		if !finite(m.y) {
			return fmt.Errorf("pdfjoin: bookmark %q: bad position %v", m.title, m.y)
		}
	}
	return nil
}

// dest is an explicit destination: the top of page to at y points from
// the top, at the page's left edge, keeping the zoom.
func (j *Joiner) dest(to int, y float64) types.Array {
	p := j.pages[to]
	top := min(max(p.box[3]-y, p.box[1]), p.box[3])
	return types.Array{ref(int(p.obj)), types.Name("XYZ"), num(p.box[0]), num(top), types.Integer(0)}
}

// writeAnnots writes each page's /Annots array: the annotations kept from
// its part, then its links.
func (j *Joiner) writeAnnots() {
	links := slices.Clone(j.links)
	slices.SortStableFunc(links, func(a, b link) int { return a.from - b.from })
	for i, p := range j.pages {
		arr := make(types.Array, 0, p.count)
		for _, a := range j.keptAnnots[p.first : p.first+p.count] {
			arr = append(arr, ref(int(a)))
		}
		for len(links) > 0 && links[0].from == i {
			l := links[0]
			links = links[1:]
			x1, y2 := p.box[0]+l.x, p.box[3]-l.y
			r := [4]float64{min(x1, x1+l.w), min(y2, y2-l.h), max(x1, x1+l.w), max(y2, y2-l.h)}
			n := j.alloc()
			j.writeObject(n, types.Dict{
				"Type": types.Name("Annot"), "Subtype": types.Name("Link"), "Rect": rectArray(r),
				"Border": types.Array{types.Integer(0), types.Integer(0), types.Integer(0)},
				"Dest":   j.dest(l.to, 0),
			}, nil)
			arr = append(arr, ref(n))
		}
		j.writeObject(int(p.annots), arr, nil)
	}
}

// writePageTree writes the page tree nodes above the pages, leafSize kids
// each, and returns the root's object number. The leaves were reserved as
// pages were written.
func (j *Joiner) writePageTree() int {
	levels := [][]int{make([]int, len(j.leaves))}
	counts := [][]int{make([]int, len(j.leaves))}
	for i, l := range j.leaves {
		levels[0][i] = int(l)
		counts[0][i] = min(leafSize, len(j.pages)-i*leafSize)
	}
	for len(levels[len(levels)-1]) > 1 {
		below, belowCounts := levels[len(levels)-1], counts[len(counts)-1]
		var nums, cs []int
		for k := 0; k < len(below); k += leafSize {
			c := 0
			for _, n := range belowCounts[k:min(k+leafSize, len(below))] {
				c += n
			}
			nums, cs = append(nums, j.alloc()), append(cs, c)
		}
		levels, counts = append(levels, nums), append(counts, cs)
	}
	for li, level := range levels {
		for k, n := range level {
			var kids types.Array
			if li == 0 {
				for _, p := range j.pages[k*leafSize : min((k+1)*leafSize, len(j.pages))] {
					kids = append(kids, ref(int(p.obj)))
				}
			} else {
				for _, c := range levels[li-1][k*leafSize : min((k+1)*leafSize, len(levels[li-1]))] {
					kids = append(kids, ref(c))
				}
			}
			d := types.Dict{"Type": types.Name("Pages"), "Kids": kids, "Count": types.Integer(counts[li][k])}
			if li+1 < len(levels) {
				d["Parent"] = ref(levels[li+1][k/leafSize])
			}
			j.writeObject(n, d, nil)
		}
	}
	return levels[len(levels)-1][0]
}

// writeOutline writes the outline and returns its root's object number, or
// 0 when there are no bookmarks. An entry nests under the nearest earlier
// entry of a lower level. The top level shows; entries with children are
// closed, as a book's outline may list thousands of articles.
func (j *Joiner) writeOutline() int {
	if len(j.marks) == 0 {
		return 0
	}
	type item struct{ n, parent, first, last, prev, next, kids int }
	root := item{n: j.alloc(), first: -1, last: -1}
	items := make([]item, len(j.marks))
	var stack []int
	for i, m := range j.marks {
		for len(stack) > 0 && j.marks[stack[len(stack)-1]].level >= m.level {
			stack = stack[:len(stack)-1]
		}
		parent := &root
		items[i] = item{n: j.alloc(), parent: -1, first: -1, last: -1, prev: -1, next: -1}
		if len(stack) > 0 {
			parent = &items[stack[len(stack)-1]]
			items[i].parent = stack[len(stack)-1]
		}
		if parent.last >= 0 {
			items[parent.last].next = i
			items[i].prev = parent.last
		} else {
			parent.first = i
		}
		parent.last = i
		parent.kids++
		stack = append(stack, i)
	}
	refOf := func(i int) types.IndirectRef {
		if i < 0 {
			return ref(root.n)
		}
		return ref(items[i].n)
	}
	j.writeObject(root.n, types.Dict{"Type": types.Name("Outlines"), "First": refOf(root.first), "Last": refOf(root.last),
		"Count": types.Integer(root.kids)}, nil)
	for i, it := range items {
		m := j.marks[i]
		d := types.Dict{"Title": textString(m.title), "Parent": refOf(it.parent), "Dest": j.dest(m.page, m.y)}
		if it.prev >= 0 {
			d["Prev"] = refOf(it.prev)
		}
		if it.next >= 0 {
			d["Next"] = refOf(it.next)
		}
		if it.kids > 0 {
			d["First"], d["Last"], d["Count"] = refOf(it.first), refOf(it.last), types.Integer(-it.kids)
		}
		j.writeObject(it.n, d, nil)
	}
	return root.n
}

func infoDict(info Info) types.Dict {
	d := types.Dict{
		"Creator": types.StringLiteral(Producer), "Producer": types.StringLiteral(Producer),
		"CreationDate": pdfDate(info.Created), "ModDate": pdfDate(info.Created),
	}
	for k, v := range map[string]string{"Title": info.Title, "Author": info.Author, "Subject": info.Subject} {
		if v != "" {
			d[k] = textString(v)
		}
	}
	return d
}

// writeTrailer writes the cross-reference table and the trailer, whose /ID
// is the first 16 bytes of the SHA-256 of everything written before it.
func (j *Joiner) writeTrailer(root, info int) error {
	for n, off := range j.offsets[1:] {
		if off == 0 && j.err == nil {
			j.err = fmt.Errorf("pdfjoin: object %d was reserved but never written", n+1)
		}
	}
	xref := j.off
	j.write([]byte("xref\n0 " + strconv.Itoa(len(j.offsets)) + "\n0000000000 65535 f \n"))
	var line []byte
	for _, off := range j.offsets[1:] {
		if off >= 1e10 {
			return errors.New("pdfjoin: the book is larger than a cross-reference table can address (10 GB)")
		}
		line = fmt.Appendf(line[:0], "%010d 00000 n \n", off)
		j.write(line)
	}
	if j.err != nil {
		return j.err
	}
	if err := j.bw.Flush(); err != nil {
		return fmt.Errorf("pdfjoin: writing: %w", err)
	}
	id := hex.EncodeToString(j.hash.Sum(nil)[:16])
	j.write(fmt.Appendf(nil, "trailer\n<</Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>]>>\nstartxref\n%d\n%%%%EOF\n",
		len(j.offsets), root, info, id, id, xref))
	if j.err != nil {
		return j.err
	}
	if err := j.bw.Flush(); err != nil {
		return fmt.Errorf("pdfjoin: writing: %w", err)
	}
	return nil
}
