// Package pdfjoin binds PDFs into one book, streaming: memory stays bounded
// by the largest part, whatever the number of parts.
//
// Parts are the PDFs package pdf writes (fpdf's output: a classic
// cross-reference table, Identity-H TrueType fonts, image XObjects, link
// annotations with URI actions, an outline and an Info dictionary), though
// any unencrypted PDF that github.com/pdfcpu/pdfcpu reads will do. Each part
// is parsed with pdfcpu; the objects its pages use (contents, resources,
// fonts, images, annotations…) are renumbered into the book's object
// number space and written out at once, streams still encoded, and the
// part is forgotten. What is kept is a few integers per object and per
// page: object offsets for the cross-reference table, page object numbers
// and boxes, annotation numbers, links and bookmarks. The page tree,
// outline, link annotations, Info and catalog are written by Close.
//
// A part's own catalog, page tree, outline, Info and internal links are
// left behind: the book has its own outline (Bookmark) and links (Link).
//
// Output is deterministic: the same parts and calls give the same bytes,
// with a trailer /ID hashed from the content.
package pdfjoin

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

func init() {
	// Never read or create a pdfcpu configuration directory in $HOME.
	api.DisableConfigDir()
}

// Producer is recorded as the book's producer and creator.
const Producer = "galley"

var (
	// ErrPart is wrapped by errors about a part that cannot be joined; the
	// part is then left out and the book is unchanged.
	ErrPart = errors.New("pdfjoin: bad part")
	// ErrClosed is returned by calls after Close.
	ErrClosed = errors.New("pdfjoin: joiner closed")
)

// header starts the book, with a binary comment line so that transfers
// keep 8 bits. A part of a later version raises it with the catalog's
// /Version.
const header = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"

// leafSize is the number of pages under one leaf of the page tree, and the
// number of kids of the nodes above.
const leafSize = 32

// Info is the book's metadata.
type Info struct {
	Title, Author, Subject string
	Language               string // BCP 47 tag for the catalog's /Lang; dropped when malformed
	Created                time.Time
}

// pageRec is what the book keeps of a page until Close.
type pageRec struct {
	obj    int32      // the page object
	annots int32      // the page's /Annots array, written by Close
	first  int32      // its kept annotations are keptAnnots[first:first+count]
	count  int32      //
	box    [4]float64 // MediaBox: llx lly urx ury
}

type link struct {
	from, to   int
	x, y, w, h float64 // from the top left of page from, as given
}

type bookmark struct {
	title       string
	level, page int
	y           float64
}

// Joiner writes a PDF made of the pages of other PDFs, streaming: each part
// is read, its objects renumbered and written out, and then forgotten; only
// object offsets and page references are kept.
//
// A Joiner is not safe for concurrent use.
type Joiner struct {
	bw      *bufio.Writer
	hash    hash.Hash // of every byte written, for the trailer /ID
	off     int64     // bytes written so far
	offsets []int64   // by object number; 0 while not written
	buf     bytes.Buffer

	pages      []pageRec
	keptAnnots []int32 // annotation objects copied from parts
	leaves     []int32 // page tree leaves, one per leafSize pages
	links      []link
	marks      []bookmark
	version    model.Version // the highest version of the parts

	err    error // sticky: the output is broken
	closed bool
}

// New returns a Joiner writing the book to w. Nothing is written before
// the first Add or AddBlank; w is not closed by Close.
func New(w io.Writer) *Joiner {
	h := sha256.New()
	return &Joiner{
		bw:      bufio.NewWriterSize(io.MultiWriter(w, h), 64<<10),
		hash:    h,
		offsets: []int64{0}, // object 0 is the head of the free list
		version: model.V14,
	}
}

// Pages returns the number of pages added so far.
func (j *Joiner) Pages() int { return len(j.pages) }

// alloc reserves the next object number.
func (j *Joiner) alloc() int {
	j.offsets = append(j.offsets, 0)
	return len(j.offsets) - 1
}

func (j *Joiner) write(b []byte) {
	if j.err != nil {
		return
	}
	if j.off == 0 {
		n, err := j.bw.WriteString(header)
		j.off += int64(n)
		if err != nil {
			j.err = fmt.Errorf("pdfjoin: writing: %w", err)
			return
		}
	}
	n, err := j.bw.Write(b)
	j.off += int64(n)
	if err != nil {
		j.err = fmt.Errorf("pdfjoin: writing: %w", err)
	}
}

// writeObject writes object n: o, and the stream data raw when o is a
// stream's dictionary (raw may be empty, not nil, for an empty stream).
func (j *Joiner) writeObject(n int, o types.Object, raw []byte) {
	if j.err != nil {
		return
	}
	j.buf.Reset()
	j.buf.WriteString(strconv.Itoa(n))
	j.buf.WriteString(" 0 obj\n")
	if err := appendObject(&j.buf, o); err != nil {
		j.err = fmt.Errorf("pdfjoin: object %d: %w", n, err)
		return
	}
	j.write(nil) // the header first, so that the offset is right
	j.offsets[n] = j.off
	if raw != nil {
		j.buf.WriteString("\nstream\n")
		j.write(j.buf.Bytes())
		j.write(raw)
		j.buf.Reset()
		j.buf.WriteString("\nendstream")
	}
	j.buf.WriteString("\nendobj\n")
	j.write(j.buf.Bytes())
}

// check returns the error that stops every call.
func (j *Joiner) check() error {
	if j.closed {
		return ErrClosed
	}
	return j.err
}

// addPage records and writes a page object. d is its dictionary without
// /Type, /Parent and /Annots, references already in the book's numbering.
func (j *Joiner) addPage(n int, d types.Dict, box [4]float64, annots []int) {
	idx := len(j.pages)
	if idx%leafSize == 0 {
		j.leaves = append(j.leaves, int32(j.alloc()))
	}
	rec := pageRec{obj: int32(n), annots: int32(j.alloc()), first: int32(len(j.keptAnnots)), count: int32(len(annots)), box: box}
	for _, a := range annots {
		j.keptAnnots = append(j.keptAnnots, int32(a))
	}
	j.pages = append(j.pages, rec)
	d["Type"] = types.Name("Page")
	d["Parent"] = ref(int(j.leaves[idx/leafSize]))
	d["Annots"] = ref(int(rec.annots))
	d["MediaBox"] = rectArray(box)
	j.writeObject(n, d, nil)
}

// maxCoord is the largest page dimension PDF readers are required to
// handle (ISO 32000-1, annex C), in points.
const maxCoord = 14400

// AddBlank appends an empty page of the given size in points (for recto
// alignment) and returns its index.
func (j *Joiner) AddBlank(w, h float64) (page int, err error) {
	if err := j.check(); err != nil {
		return 0, err
	}
	if !(w >= 1 && w <= maxCoord && h >= 1 && h <= maxCoord) {
		return 0, fmt.Errorf("pdfjoin: blank page size %vx%v out of range", w, h)
	}
	page = len(j.pages)
	j.addPage(j.alloc(), types.Dict{"Resources": types.Dict{}}, [4]float64{0, 0, w, h}, nil)
	return page, j.err
}

// Bookmark adds an outline entry (level 0 = top) pointing at page (0-based)
// at y points from the top of that page. Entries nest under the nearest
// earlier entry of a lower level, in the order they are added. The page
// may be one not added yet; Close fails if it never is.
func (j *Joiner) Bookmark(title string, level int, page int, y float64) {
	j.marks = append(j.marks, bookmark{title: title, level: max(level, 0), page: page, y: y})
}

// Link makes the rectangle (x, y, w, h in points, from the page's top-left,
// as galley's layout uses) on page `from` a link to page `to` (at its top).
// Links may point forward to pages not added yet, and may start on pages
// not added yet; Close fails if either page never is.
func (j *Joiner) Link(from int, x, y, w, h float64, to int) {
	// the rectangle is turned into user space at Close, when page from
	// surely exists
	j.links = append(j.links, link{from: from, to: to, x: x, y: y, w: w, h: h})
}

// finite reports whether all of fs are finite numbers.
func finite(fs ...float64) bool {
	for _, f := range fs {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return false
		}
	}
	return true
}
