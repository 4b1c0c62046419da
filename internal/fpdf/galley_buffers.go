package fpdf

// Galley patch 33 (see PATCHES.md): the buffers a document is made in
// are kept for the next document.

import (
	"bytes"
	"sync"
)

// maxKeptBuffer is the largest buffer kept for another document: a
// document with large images does not hold its memory once written.
const maxKeptBuffer = 4 << 20

// pageBuffers and docBuffers keep empty buffers (*bytes.Buffer) that
// documents have finished with, for pages' contents and for documents
// (larger): a page's content and the document itself grow to tens or
// hundreds of kilobytes, and growing them afresh for every document, a
// copy at each doubling, was a third of the bytes the writer allocated.
var pageBuffers, docBuffers sync.Pool

// bodyBuffers and packBuffers keep the buffers of packed objects' bodies
// (an archival document's structure elements, hundreds of kilobytes)
// and of the object streams made of them (galley patch 59): taken from
// pageBuffers, they were grown from a page's size in every document, and
// handed a page one of their size.
var bodyBuffers, packBuffers sync.Pool

// newBuffer returns an empty buffer from pool, one a document finished
// with when there is one.
func newBuffer(pool *sync.Pool) *bytes.Buffer {
	if b, ok := pool.Get().(*bytes.Buffer); ok {
		return b
	}
	return new(bytes.Buffer)
}

// keepBuffer empties b and keeps it in pool for newBuffer unless it is
// larger than maxKeptBuffer. Nothing may use b afterwards.
func keepBuffer(pool *sync.Pool, b *bytes.Buffer) {
	if b == nil || b.Cap() > maxKeptBuffer {
		return
	}
	b.Reset()
	pool.Put(b)
}

// releaseBuffers keeps the buffers of f, a document written whole, for
// the next documents: its pages' contents and, emptied by Output, its
// own.
func (f *Fpdf) releaseBuffers() {
	for n, p := range f.pages {
		keepBuffer(&pageBuffers, p)
		f.pages[n] = nil
	}
	b := new(bytes.Buffer)
	*b, f.buffer.Buffer = f.buffer.Buffer, bytes.Buffer{}
	keepBuffer(&docBuffers, b)
}

// takeBuffer gives f's own buffer the memory of one a document finished
// with.
func (f *Fpdf) takeBuffer() {
	b := newBuffer(&docBuffers)
	f.buffer.Buffer = *b
}
