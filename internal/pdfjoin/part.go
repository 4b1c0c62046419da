package pdfjoin

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Add appends every page of a PDF (its bytes) and returns the index of its
// first page in the book (0-based).
//
// The part is read and checked completely before anything is written: an
// error wrapping ErrPart leaves the book as it was, and the Joiner can go
// on with other parts.
func (j *Joiner) Add(part []byte) (firstPage int, err error) {
	if err := j.check(); err != nil {
		return 0, err
	}
	mark := len(j.offsets)
	r := &reader{j: j, num: map[int]int{}}
	if err := r.read(part); err != nil {
		j.offsets = j.offsets[:mark] // give back the numbers reserved
		return 0, fmt.Errorf("%w: %v", ErrPart, err)
	}
	firstPage = len(j.pages)
	for _, p := range r.pages {
		j.addPage(p.n, p.dict, p.box, p.annots)
	}
	for _, o := range r.out {
		j.writeObject(o.n, o.obj, o.raw)
	}
	j.version = max(j.version, r.version)
	return firstPage, j.err
}

// reader turns one part into the objects to write, in the book's numbering.
type reader struct {
	j       *Joiner
	x       *model.XRefTable
	version model.Version
	num     map[int]int // part object number → book object number; 0 for objects left out
	queue   []planned   // objects reserved, not yet rewritten
	out     []planned   // objects rewritten, to write
	pages   []plannedPage
}

// planned is one object: before rewriting, obj is the part's object (a
// stream dictionary for streams); after, it is in the book's numbering
// and raw holds a stream's encoded data.
type planned struct {
	n   int
	obj types.Object
	raw []byte
}

type plannedPage struct {
	n      int
	dict   types.Dict // rewritten, without /Type, /Parent, /Annots and /MediaBox
	box    [4]float64
	annots []int
}

// srcPage is a page of the part with the attributes it inherits.
type srcPage struct {
	nr   int
	dict types.Dict
	inh  inherited
}

type inherited struct{ res, box, crop, rotate types.Object }

// maxDepth bounds the nesting of the page tree and of direct objects.
const maxDepth = 100

func (r *reader) read(part []byte) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("reading the PDF panicked: %v", p)
		}
	}()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadContext(bytes.NewReader(part), conf)
	if err != nil {
		return err
	}
	r.x = ctx.XRefTable
	if r.x.Encrypt != nil {
		return errors.New("the PDF is encrypted")
	}
	if r.x.HeaderVersion != nil {
		r.version = r.x.Version()
	}
	root, err := r.x.Pages()
	if err != nil || root == nil {
		return fmt.Errorf("no page tree (%v)", err)
	}
	var src []srcPage
	if err := r.walk(*root, inherited{}, 0, map[int]bool{}, &src); err != nil {
		return fmt.Errorf("page tree: %w", err)
	}
	if len(src) == 0 {
		return errors.New("the PDF has no pages")
	}
	for _, p := range src {
		r.num[p.nr] = r.j.alloc()
	}
	for i, p := range src {
		pp, err := r.page(p)
		if err != nil {
			return fmt.Errorf("page %d: %w", i+1, err)
		}
		r.pages = append(r.pages, pp)
	}
	for i := 0; i < len(r.queue); i++ {
		q := r.queue[i]
		o, raw, err := r.object(q.obj)
		if err != nil {
			return fmt.Errorf("object %d: %w", q.n, err)
		}
		r.out = append(r.out, planned{n: q.n, obj: o, raw: raw})
	}
	return nil
}

// walk collects the pages under the page tree node o, in order.
func (r *reader) walk(o types.Object, inh inherited, depth int, seen map[int]bool, pages *[]srcPage) error {
	ir, ok := o.(types.IndirectRef)
	if !ok {
		return fmt.Errorf("a kid is a %T, not a reference", o)
	}
	nr := ir.ObjectNumber.Value()
	if seen[nr] {
		return fmt.Errorf("object %d is in the tree twice", nr)
	}
	seen[nr] = true
	d, err := r.x.DereferenceDict(ir)
	if err != nil || d == nil {
		return fmt.Errorf("object %d is not a dictionary (%v)", nr, err)
	}
	for _, a := range []struct {
		key string
		to  *types.Object
	}{{"Resources", &inh.res}, {"MediaBox", &inh.box}, {"CropBox", &inh.crop}, {"Rotate", &inh.rotate}} {
		if v, ok := d.Find(a.key); ok && v != nil {
			*a.to = v
		}
	}
	t := d.Type()
	kids, hasKids := d.Find("Kids")
	if t != nil && *t == "Pages" || t == nil && hasKids {
		if depth >= maxDepth {
			return errors.New("too deep")
		}
		a, err := r.x.DereferenceArray(kids)
		if err != nil {
			return fmt.Errorf("object %d: Kids: %w", nr, err)
		}
		for _, k := range a {
			if err := r.walk(k, inh, depth+1, seen, pages); err != nil {
				return err
			}
		}
		return nil
	}
	*pages = append(*pages, srcPage{nr: nr, dict: d, inh: inh})
	return nil
}

// pageKeys are the page entries copied besides the inherited ones.
var pageKeys = []string{"Contents", "BleedBox", "TrimBox", "ArtBox", "BoxColorInfo", "Group", "UserUnit"}

func (r *reader) page(p srcPage) (plannedPage, error) {
	pp := plannedPage{n: r.num[p.nr]}
	if p.inh.box == nil {
		return pp, errors.New("no MediaBox")
	}
	var err error
	if pp.box, err = r.rect(p.inh.box); err != nil {
		return pp, fmt.Errorf("MediaBox: %w", err)
	}
	d := types.Dict{"Resources": types.Dict{}}
	for _, k := range pageKeys {
		if v, ok := p.dict.Find(k); ok && v != nil {
			d[k] = v
		}
	}
	for k, v := range map[string]types.Object{"Resources": p.inh.res, "CropBox": p.inh.crop, "Rotate": p.inh.rotate} {
		if v != nil {
			d[k] = v
		}
	}
	o, err := r.rewrite(d, 0)
	if err != nil {
		return pp, err
	}
	pp.dict = o.(types.Dict)
	annots, err := r.x.DereferenceArray(p.dict["Annots"])
	if err != nil {
		return pp, fmt.Errorf("Annots: %w", err)
	}
	for _, a := range annots {
		n, err := r.annot(a)
		if err != nil {
			return pp, fmt.Errorf("annotation: %w", err)
		}
		if n != 0 {
			pp.annots = append(pp.annots, n)
		}
	}
	return pp, nil
}

// rect reads a rectangle, normalised so that the lower left comes first.
func (r *reader) rect(o types.Object) ([4]float64, error) {
	var b [4]float64
	a, err := r.x.DereferenceArray(o)
	if err != nil || len(a) != 4 {
		return b, fmt.Errorf("not a rectangle: %v", o)
	}
	for i := range b {
		if b[i], err = r.x.DereferenceNumber(a[i]); err != nil || !finite(b[i]) {
			return b, fmt.Errorf("not a rectangle: %v", o)
		}
	}
	b = [4]float64{math.Min(b[0], b[2]), math.Min(b[1], b[3]), math.Max(b[0], b[2]), math.Max(b[1], b[3])}
	if b[2]-b[0] < 1 || b[3]-b[1] < 1 {
		return b, fmt.Errorf("empty rectangle %v", b)
	}
	return b, nil
}

// annotStrip are annotation entries that tie it to its page, its parent
// or other objects the book does not have.
var annotStrip = []string{"P", "Parent", "Popup", "IRT", "StructParent", "OC"}

// annot copies an annotation, unless it is left out: form fields, popups
// and links inside the part. It returns the book's object number, 0 for
// one left out.
func (r *reader) annot(o types.Object) (int, error) {
	ir, indirect := o.(types.IndirectRef)
	if indirect {
		if n, ok := r.num[ir.ObjectNumber.Value()]; ok {
			return n, nil
		}
	}
	d, err := r.x.DereferenceDict(o)
	if err != nil {
		return 0, err
	}
	if d == nil || !r.keepAnnot(d) {
		return 0, nil
	}
	d = d.Clone().(types.Dict)
	for _, k := range annotStrip {
		delete(d, k)
	}
	n := r.j.alloc()
	if indirect {
		r.num[ir.ObjectNumber.Value()] = n
	}
	r.queue = append(r.queue, planned{n: n, obj: d})
	return n, nil
}

func (r *reader) keepAnnot(d types.Dict) bool {
	st := d.Subtype()
	if st == nil {
		return false
	}
	switch *st {
	case "Widget", "Popup":
		return false
	case "Link":
		if _, ok := d.Find("Dest"); ok {
			return false
		}
		a, err := r.x.DereferenceDict(d["A"])
		if err != nil || a == nil {
			return false
		}
		s := a.NameEntry("S")
		return s != nil && (*s == "URI" || *s == "GoToR" || *s == "Launch")
	}
	return true
}

// object rewrites a queued object; for a stream it returns the dictionary
// with the length of the encoded data, and that data.
func (r *reader) object(o types.Object) (types.Object, []byte, error) {
	sd, ok := o.(types.StreamDict)
	if !ok {
		o, err := r.rewrite(o, 0)
		return o, nil, err
	}
	d := make(types.Dict, len(sd.Dict))
	for k, v := range sd.Dict {
		if k != "Length" {
			d[k] = v
		}
	}
	nd, err := r.rewrite(d, 0)
	if err != nil {
		return nil, nil, err
	}
	raw := sd.Raw
	if raw == nil {
		raw = []byte{}
	}
	nd.(types.Dict)["Length"] = types.Integer(len(raw))
	return nd, raw, nil
}

// excluded reports whether o is an object of the part's document structure,
// which references to become null: the catalog, page tree nodes, outlines,
// and pages not in the page tree.
func excluded(o types.Object) bool {
	d, ok := o.(types.Dict)
	if !ok {
		return false
	}
	if t := d.Type(); t != nil {
		switch *t {
		case "Catalog", "Pages", "Page", "Outlines":
			return true
		}
	}
	_, kids := d.Find("Kids")
	_, count := d.Find("Count")
	return kids && count
}

// rewrite copies a direct object, renumbering its references into the
// book's object numbers; objects first met are reserved and queued.
func (r *reader) rewrite(o types.Object, depth int) (types.Object, error) {
	if depth > maxDepth {
		return nil, errors.New("objects nested too deep")
	}
	switch v := o.(type) {
	case nil, types.Integer, types.Boolean, types.Name, types.StringLiteral, types.HexLiteral:
		return v, nil
	case types.Float:
		if !finite(float64(v)) {
			return nil, fmt.Errorf("bad number %v", v)
		}
		return v, nil
	case types.IndirectRef:
		return r.ref(v)
	case types.Dict:
		nd := make(types.Dict, len(v))
		for _, k := range slices.Sorted(maps.Keys(v)) { // sorted: numbers are reserved in order
			e, err := r.rewrite(v[k], depth+1)
			if err != nil {
				return nil, fmt.Errorf("/%s: %w", k, err)
			}
			nd[k] = e
		}
		return nd, nil
	case types.Array:
		na := make(types.Array, len(v))
		for i, e := range v {
			var err error
			if na[i], err = r.rewrite(e, depth+1); err != nil {
				return nil, err
			}
		}
		return na, nil
	}
	return nil, fmt.Errorf("unexpected %T object", o)
}

func (r *reader) ref(ir types.IndirectRef) (types.Object, error) {
	nr := ir.ObjectNumber.Value()
	if n, ok := r.num[nr]; ok {
		if n == 0 {
			return nil, nil
		}
		return ref(n), nil
	}
	o, err := r.x.Dereference(ir)
	if err != nil {
		return nil, fmt.Errorf("object %d: %w", nr, err)
	}
	if o == nil || excluded(o) {
		r.num[nr] = 0
		return nil, nil
	}
	n := r.j.alloc()
	r.num[nr] = n
	r.queue = append(r.queue, planned{n: n, obj: o})
	return ref(n), nil
}
