package fpdf

// Galley patch 20 (see PATCHES.md): what PDF/A-2 and tagged PDF (PDF/UA-1)
// need of the writer: a chosen header version, link annotations as objects
// of their own with the print flag, a description and a structure parent,
// pages with /StructParents and /Tabs /S, objects the caller writes at the
// end (the structure tree), catalog entries, XMP metadata and a trailer
// /ID derived from the document's bytes, and dates with their zone.

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"hash"
	"strconv"
)

// Archive is what a document written for archiving and accessibility
// adds to fpdf's output; see SetArchive.
type Archive struct {
	// Tagged gives every page /StructParents (its number from 0, in the
	// order pages were added) and /Tabs /S, and every link annotation a
	// /StructParent (numbered on from the pages', see AnnotationRef).
	Tagged bool
	// End, when set, is called once all pages, fonts and images are
	// written, before the metadata: it writes the objects only the end
	// knows (the structure tree) with WriteObject, and returns entries
	// for the catalog ("/StructTreeRoot 12 0 R", say).
	End func() string
	// XMP, when set, makes the document's XMP metadata from its
	// identifier: 16 bytes of a SHA-256 of everything written before the
	// metadata, the same for the same document. The trailer's /ID is the
	// identifier too.
	XMP func(id [16]byte) []byte
}

// archiveState is what an archival document keeps while it is made.
type archiveState struct {
	Archive
	hash   hash.Hash // of the bytes written to a stream so far
	annots []int     // object number of each link annotation, in page order, once putpages runs
	first  []int     // index in annots of each page's first link (1-based pages)
	pages  int       // the number of pages, once putpages runs
	id     [16]byte
	packed []packed       // objects for object streams, not yet written
	in     map[int][2]int // where each packed object is: its stream's number, its index
	// bodies holds the packed objects' bodies one after another (galley
	// patch 42: a string for each, thousands a document, was a tenth of
	// the writer's allocations), in a buffer documents hand on (patch 33)
	bodies *bytes.Buffer
	// hashed is how many bytes of bodies hash has had (galley patch 67:
	// they are hashed together before anything written after them, not
	// one object at a time)
	hashed int
}

// hashBodies hashes the packed objects' bodies not hashed yet: before
// the bytes written after them are hashed, so that the identifier
// hashes the same bytes in the same order as when each body was hashed
// as it was packed. SHA-256 takes a third fewer instructions a byte
// over the bodies together than over each, of a few hundred bytes.
func (a *archiveState) hashBodies() {
	if a.bodies != nil && a.hashed < a.bodies.Len() {
		a.hash.Write(a.bodies.Bytes()[a.hashed:])
		a.hashed = a.bodies.Len()
	}
}

// SetArchive makes the document archival as a says (nil: not). It must be
// called before the first page, and before SetStream when there is one,
// which writes the header: the header then says PDF 1.7.
func (f *Fpdf) SetArchive(a *Archive) {
	if f.err != nil {
		return
	}
	if f.page > 0 || f.state != 0 || f.stream != nil {
		f.err = fmt.Errorf("SetArchive must be called before the first page and before SetStream")
		return
	}
	if a == nil {
		f.archive = nil
		return
	}
	f.archive = &archiveState{Archive: *a, hash: sha256.New()}
	f.pdfVersion = pdfVersionFrom(1, 7)
}

// LinkDescribed is LinkString with a description of the link, its
// /Contents, for readers that cannot see it (the address, or the text).
func (f *Fpdf) LinkDescribed(x, y, w, h float64, linkStr, contents string) {
	f.newLink(x, y, w, h, 0, linkStr)
	l := f.pageLinks[f.page]
	l[len(l)-1].contents = contents
}

// LinkToDescribed is Link with a description of the link, its /Contents.
func (f *Fpdf) LinkToDescribed(x, y, w, h float64, link int, contents string) {
	f.newLink(x, y, w, h, link, "")
	l := f.pageLinks[f.page]
	l[len(l)-1].contents = contents
}

// LinkCount returns the number of links on page n (1-based) so far: the
// index the next link of the page will have.
func (f *Fpdf) LinkCount(n int) int {
	if n < 0 || n >= len(f.pageLinks) {
		return 0
	}
	return len(f.pageLinks[n])
}

// PageObject returns the object number of page n (1-based), once the
// pages are written (in Archive.End).
func (f *Fpdf) PageObject(n int) int { return f.pageObj(n) }

// AnnotationRef returns the object number and the structure parent key
// of link i (from 0, in the order added) of page n (1-based), once the
// pages of a tagged document are written (in Archive.End).
func (f *Fpdf) AnnotationRef(n, i int) (obj, key int) {
	a := f.archive
	if a == nil || n < 1 || n >= len(a.first) {
		return 0, 0
	}
	k := a.first[n] + i
	return a.annots[k], a.pages + k
}

// AnnotationCount returns the number of link annotations of a tagged
// document, once its pages are written: their structure parent keys
// follow the pages', from the number of pages.
func (f *Fpdf) AnnotationCount() int {
	if f.archive == nil {
		return 0
	}
	return len(f.archive.annots)
}

// NextObject returns the number the next object written will have.
func (f *Fpdf) NextObject() int { return f.n + 1 }

// WriteObject writes an object of the given body (a dictionary, an
// array…; no stream) and returns its number. An archival document packs
// it in an object stream, written at the end.
func (f *Fpdf) WriteObject(body string) int {
	if f.archive != nil {
		return f.packObject(body)
	}
	f.newobj()
	f.out(body)
	f.out("endobj")
	f.flush()
	return f.n
}

// WriteObjectBytes is WriteObject for a body in bytes, which it does not
// keep: a caller can make each object in the same buffer.
func (f *Fpdf) WriteObjectBytes(body []byte) int {
	if f.archive != nil {
		return f.packObjectBytes(body)
	}
	f.newobj()
	f.outBytes(body)
	f.out("endobj")
	f.flush()
	return f.n
}

// TextString returns s (UTF-8) as a PDF text string, with its
// parentheses: UTF-16BE with a byte order mark unless s is ASCII.
func (f *Fpdf) TextString(s string) string {
	return string(f.AppendTextString(nil, s))
}

// AppendTextString appends s (UTF-8) to b as TextString writes it
// (galley patch 60: written into the caller's buffer, not made as a
// string by concatenating the four strings escaping made).
func (f *Fpdf) AppendTextString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return f.appendPDFString(b, utf8toutf16(s))
		}
	}
	return f.appendPDFString(b, s)
}

// appendPDFString appends s to b as textstring writes it: in
// parentheses, its backslashes, parentheses and carriage returns
// escaped, in one pass (galley patch 60).
func (f *Fpdf) appendPDFString(b []byte, s string) []byte {
	if f.protect.encrypted {
		return append(b, f.textstring(s)...)
	}
	b = append(b, '(')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '(', ')':
			b = append(b, '\\', c)
		case '\r':
			b = append(b, '\\', 'r')
		default:
			b = append(b, c)
		}
	}
	return append(b, ')')
}

// numberAnnotations numbers the link annotations of a tagged document,
// which follow the page objects (and, unstreamed, their contents): first
// is the number of the first.
func (f *Fpdf) numberAnnotations(nb, first int) {
	a := f.archive
	a.pages = nb
	a.first = make([]int, nb+1)
	a.annots = a.annots[:0]
	for n := 1; n <= nb; n++ {
		a.first[n] = len(a.annots)
		for range f.pageLinks[n] {
			a.annots = append(a.annots, first+len(a.annots))
		}
	}
}

// pageArchive writes a tagged page's entries: its /StructParents, /Tabs,
// and its annotations as references.
func (f *Fpdf) pageArchive(n int) {
	a := f.archive
	if len(f.pageLinks[n]) > 0 {
		var b fmtBuffer
		b.printf("/Annots [")
		for i := range f.pageLinks[n] {
			b.printf("%d 0 R ", a.annots[a.first[n]+i])
		}
		b.printf("]")
		f.out(b.String())
	}
	if a.Tagged {
		f.outf("/StructParents %d /Tabs /S", n-1)
	}
}

// putAnnotations writes the link annotations of an archival document,
// after its pages, each with the print flag, its description and, when
// tagged, its structure parent.
func (f *Fpdf) putAnnotations(nb int, hPt float64) {
	a := f.archive
	k := 0
	var b fmtBuffer // galley patch 42: one buffer for all
	for n := 1; n <= nb; n++ {
		for _, pl := range f.pageLinks[n] {
			b.Reset()
			// galley patch 60: the numbers and strings appended, not
			// formatted by fmt or made as strings
			b.WriteString("<</Type /Annot /Subtype /Link /Rect [")
			for i, v := range [4]float64{pl.x, pl.y, pl.x + pl.wd, pl.y - pl.ht} {
				if i > 0 {
					b.WriteByte(' ')
				}
				b.Write(appendFixed2(b.AvailableBuffer(), v))
			}
			b.WriteString("] /Border [0 0 0] /F 4")
			contents := pl.contents
			if contents == "" {
				contents = pl.linkStr
			}
			if contents != "" {
				b.WriteString(" /Contents ")
				b.Write(f.AppendTextString(b.AvailableBuffer(), contents))
			}
			if a.Tagged {
				b.WriteString(" /StructParent ")
				b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(nb+k), 10))
			}
			if pl.link == 0 {
				b.WriteString(" /A <</S /URI /URI ")
				b.Write(f.appendPDFString(b.AvailableBuffer(), pl.linkStr))
				b.WriteString(">>>>")
			} else {
				l := f.links[pl.link]
				h := hPt
				if sz, ok := f.pageSizes[l.page]; ok {
					h = sz.Ht
				}
				b.printf(" /Dest [%d 0 R /XYZ 0 %.2f null]>>", f.pageObj(l.page), h-l.y*f.k)
			}
			f.packObjectBytes(b.Bytes())
			k++
		}
	}
}

// archiveEnd writes what the caller writes at the end, and the document's
// identifier: it returns the catalog entries End gave.
func (f *Fpdf) archiveEnd() string {
	a := f.archive
	if a == nil {
		return ""
	}
	entries := ""
	if a.End != nil {
		entries = a.End()
	}
	// the identifier: a hash of the bytes so far (a stream's were hashed
	// as they were written)
	a.hashBodies()
	if f.stream == nil {
		a.hash.Write(f.buffer.Bytes())
	} else {
		f.flush()
	}
	copy(a.id[:], a.hash.Sum(nil))
	if a.XMP != nil {
		f.xmp = a.XMP(a.id)
	}
	return entries + " /ViewerPreferences <</DisplayDocTitle true>>"
}

// trailerID is the trailer's /ID entry of an archival document.
func (f *Fpdf) trailerID() string {
	id := fmt.Sprintf("<%x>", f.archive.id[:])
	return "/ID [" + id + " " + id + "]"
}

// pdfDate formats t as a PDF date; an archival document's carry their
// zone (UTC), as XMP dates do, so that the two are equal.
func (f *Fpdf) pdfDate(t interface{ Format(string) string }) string {
	if f.archive != nil {
		return "D:" + t.Format("20060102150405") + "+00'00'"
	}
	return "D:" + t.Format("20060102150405")
}

// packed is an object of an archival document written into an object
// stream rather than on its own (PDF 1.5 and later): structure elements
// and annotations, thousands of small dictionaries that deflate to a
// fraction of their size together.
type packed struct {
	n   int
	end int // where its body ends in bodies; it begins where the one before ends
}

// packObject numbers an object of body, which is no stream, and keeps it
// for an object stream written at the end (see putPacked).
func (f *Fpdf) packObject(body string) int {
	f.archive.bodiesBuffer().WriteString(body)
	return f.packBody(len(body))
}

// packObjectBytes is packObject for a body in bytes.
func (f *Fpdf) packObjectBytes(body []byte) int {
	f.archive.bodiesBuffer().Write(body)
	return f.packBody(len(body))
}

// bodiesBuffer returns the buffer of packed objects' bodies.
func (a *archiveState) bodiesBuffer() *bytes.Buffer {
	if a.bodies == nil {
		a.bodies = newBuffer(&bodyBuffers)
	}
	return a.bodies
}

// packBody numbers the object whose body, of n bytes, is the last in the
// archive's bodies.
func (f *Fpdf) packBody(n int) int {
	f.n++
	for j := len(f.offsets); j <= f.n; j++ {
		f.offsets = append(f.offsets, 0)
	}
	a := f.archive
	end := a.bodies.Len()
	a.packed = append(a.packed, packed{n: f.n, end: end})
	// the identifier covers them too: hashBodies hashes them
	return f.n
}

// packsPerStream is how many objects an object stream holds at most: a
// reader decompresses a whole stream to read one of them.
const packsPerStream = 200

// putPacked writes the packed objects in object streams and records
// where each is, for the cross-reference stream.
func (f *Fpdf) putPacked() {
	a := f.archive
	if a == nil || len(a.packed) == 0 {
		return
	}
	a.in = make(map[int][2]int, len(a.packed))
	// galley patch 34: a stream's head and body are made in two buffers
	// all the streams reuse, its numbers written with strconv (fpdf
	// style, Fprintf, and buffers grown afresh for every stream); patch
	// 42: buffers documents hand on
	head, body := newBuffer(&packBuffers), newBuffer(&packBuffers)
	defer keepBuffer(&packBuffers, head)
	defer keepBuffer(&packBuffers, body)
	var num []byte
	for start := 0; start < len(a.packed); start += packsPerStream {
		objs := a.packed[start:min(start+packsPerStream, len(a.packed))]
		head.Reset()
		body.Reset()
		for k, o := range objs {
			num = strconv.AppendInt(num[:0], int64(o.n), 10)
			num = append(num, ' ')
			num = strconv.AppendInt(num, int64(body.Len()), 10)
			num = append(num, ' ')
			head.Write(num)
			begin := 0
			if start+k > 0 {
				begin = a.packed[start+k-1].end
			}
			body.Write(a.bodies.Bytes()[begin:o.end])
			body.WriteByte('\n')
			a.in[o.n] = [2]int{f.n + 1, k}
		}
		first := head.Len()
		head.Write(body.Bytes())
		mem := xmem.compress(head.Bytes())
		data := mem.bytes()
		f.newobj()
		f.outf("<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>", len(objs), first, len(data))
		f.putstream(data)
		f.out("endobj")
		mem.release()
		f.flush()
	}
	a.packed = nil
	a.hashBodies()
	keepBuffer(&bodyBuffers, a.bodies)
	a.bodies, a.hashed = nil, 0
}

// putXrefStream ends an archival document that has object streams with
// a cross-reference stream, which can say where their objects are (a
// cross-reference table cannot), holding the trailer's entries.
func (f *Fpdf) putXrefStream(catalog, info int) {
	a := f.archive
	f.newobj()
	at := f.offsets[f.n]
	var b bytes.Buffer
	entry := func(kind byte, x, y int) {
		b.WriteByte(kind)
		b.Write([]byte{byte(x >> 24), byte(x >> 16), byte(x >> 8), byte(x)})
		b.Write([]byte{byte(y >> 8), byte(y)})
	}
	entry(0, 0, 0xffff)
	for j := 1; j <= f.n; j++ {
		if in, ok := a.in[j]; ok {
			entry(2, in[0], in[1])
		} else {
			entry(1, f.offsets[j], 0)
		}
	}
	mem := xmem.compress(b.Bytes())
	data := mem.bytes()
	id := fmt.Sprintf("<%x>", a.id[:])
	f.outf("<</Type /XRef /Size %d /W [1 4 2] /Root %d 0 R /Info %d 0 R /ID [%s %s] /Filter /FlateDecode /Length %d>>",
		f.n+1, catalog, info, id, id, len(data))
	f.putstream(data)
	f.out("endobj")
	mem.release()
	f.out("startxref")
	f.outf("%d", at)
	f.out("%%EOF")
}
