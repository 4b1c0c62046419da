package fpdf

// Galley patch 12 (see PATCHES.md): a document written as it is made.

import (
	"fmt"
	"io"
	"sync"

	"github.com/klauspost/compress/zlib"
)

// smallerZlibWriters pools zlib writers at the best level, for the page
// contents of streamed documents: books, written once and kept, whose
// pages are a third of their bytes and deflate 15 % smaller than at the
// best speed at the default level, and 4 % smaller again at the best
// (patch 19), for a few percent more time.
var smallerZlibWriters = sync.Pool{New: func() any {
	zw, err := zlib.NewWriterLevel(nil, zlib.BestCompression)
	if err != nil {
		panic(err) // a valid level
	}
	return zw
}}

// streamState is what a streamed document keeps of what it has written.
type streamState struct {
	w        io.Writer
	written  int            // bytes written to w
	contents []int          // object number of each page's content stream; 1-based
	pageBase int            // object number before the first page object, once putpages runs
	images   map[string]int // image object numbers by content hash (ImageInfoType.i)
	more     [][2]int       // page and object number of each further content stream, in the order written (patch 19)
	order    []int          // the pages in reading order, when given (patch 19)
	fast     bool           // page contents deflated as in a whole document (galley patch 52)
}

// SetStream makes f write the document to w as it is made, so that its
// memory does not grow with its pages: the header at once, each page's
// content stream when the page ends, each image when it is registered
// (an image whose bytes were registered before under another name is
// the same object). Fonts, the page objects, links, the outline and the
// trailer are written by Output (or Close), whose writer is then unused.
// It must be called before the first page. Page aliases (AliasNbPages,
// RegisterAlias) are not replaced in a streamed document.
func (f *Fpdf) SetStream(w io.Writer) {
	if f.err != nil {
		return
	}
	if f.page > 0 || f.state != 0 {
		f.err = fmt.Errorf("SetStream must be called before the first page")
		return
	}
	f.stream = &streamState{w: w, contents: []int{0}, images: map[string]int{}}
	f.putheader()
	f.flush()
}

// SetStreamFast makes a streamed document deflate its page contents as
// a document made whole does, at the best speed, not at the best level:
// for a reader waiting for the document (an HTTP answer), not a book kept
// on a shelf. It must follow SetStream.
func (f *Fpdf) SetStreamFast() {
	if f.stream != nil {
		f.stream.fast = true
	}
}

// pos is the offset in the output of the next byte written.
func (f *Fpdf) pos() int {
	if f.stream == nil {
		return f.buffer.Len()
	}
	return f.stream.written + f.buffer.Len()
}

// flush writes what the buffer holds to the stream.
func (f *Fpdf) flush() {
	if f.stream == nil || f.buffer.Len() == 0 {
		return
	}
	if f.archive != nil { // patch 20: the document's identifier
		f.archive.hashBodies() // patch 67
		f.archive.hash.Write(f.buffer.Bytes())
	}
	n, err := f.stream.w.Write(f.buffer.Bytes())
	f.stream.written += n
	f.buffer.Reset()
	if err != nil && f.err == nil {
		f.err = err
	}
}

// pageObj is the object number of page n (1-based): in a streamed
// document the page objects are written in order by putpages; otherwise
// each is followed by its content stream.
func (f *Fpdf) pageObj(n int) int {
	if f.stream != nil {
		return f.stream.pageBase + n
	}
	return 1 + 2*n
}

// streamPage writes the content stream of the page that has just ended
// and lets its content go.
func (f *Fpdf) streamPage() {
	if f.stream == nil || f.err != nil || f.page < 1 || f.page >= len(f.pages) || f.pages[f.page] == nil {
		return
	}
	page := f.pages[f.page]
	f.newobj()
	if f.compress {
		var mem *membuffer
		if f.stream.fast {
			mem = xmem.compress(page.Bytes())
		} else {
			mem = xmem.compressIn(page.Bytes(), &smallerZlibWriters)
		}
		data := mem.bytes()
		f.outf("<</Filter /FlateDecode /Length %d>>", len(data))
		f.putstream(data)
		mem.release()
	} else {
		f.outf("<</Length %d>>", page.Len())
		f.putstream(page.Bytes())
	}
	f.out("endobj")
	for len(f.stream.contents) <= f.page {
		f.stream.contents = append(f.stream.contents, 0)
	}
	if f.stream.contents[f.page] != 0 { // patch 19: appended to
		f.stream.more = append(f.stream.more, [2]int{f.page, f.n})
	} else {
		f.stream.contents[f.page] = f.n
	}
	keepBuffer(&pageBuffers, page) // galley patch 33
	f.pages[f.page] = nil
	f.page = len(f.pages) - 1 // back at the last page, after AppendToPage
	f.flush()
}

// streamImage writes a newly registered image at once and lets its data
// go; an image with the bytes of one written before shares its object.
func (f *Fpdf) streamImage(info *ImageInfoType) {
	if f.stream == nil || f.err != nil {
		return
	}
	if n, ok := f.stream.images[info.i]; ok {
		info.n = n
	} else {
		state := f.state
		f.state = 1 // out writes to the document, not the page
		f.putimage(info)
		f.state = state
		f.stream.images[info.i] = info.n
		f.flush()
	}
	info.data, info.smask, info.pal = nil, nil, nil
}
