package fpdf

// Galley patch 46 (see PATCHES.md): the buffers a subset font file is
// made in are kept for the next subset.

import "sync"

// subsetBuffers is the memory of one subset font file: its glyf, hmtx
// and loca tables and the file assembled from its tables. A subset is
// deflated as soon as it is made and then dropped, and every document
// makes one per face, a few tens of kilobytes each: allocating them
// afresh was a quarter of the bytes the writer allocated on the corpus.
type subsetBuffers struct {
	glyf, hmtx, loca, file []byte
	runs                   []fileRun // of the file's tables (galley patch 58)
}

// subsetPool keeps the *subsetBuffers of subsets written.
var subsetPool sync.Pool

// subsetBuffers returns the buffers of the subset being made, taken from
// subsetPool when the subset's making begins.
func (utf *utf8FontFile) subsetBuffers() *subsetBuffers {
	if utf.buffers == nil {
		utf.buffers, _ = subsetPool.Get().(*subsetBuffers)
		if utf.buffers == nil {
			utf.buffers = new(subsetBuffers)
		}
	}
	return utf.buffers
}

// releaseSubset hands the memory of the subset GenerateCutFont returned
// last on to the next subset: nothing may read that subset, or the
// tables it was made of, afterwards. A subset larger than maxKeptBuffer
// is left to the garbage collector.
func (utf *utf8FontFile) releaseSubset() {
	b := utf.buffers
	utf.buffers, utf.outTablesData = nil, nil
	if b == nil || cap(b.file) > maxKeptBuffer {
		return
	}
	*b = subsetBuffers{glyf: b.glyf[:0], hmtx: b.hmtx[:0], loca: b.loca[:0], file: b.file[:0], runs: b.runs[:0]}
	subsetPool.Put(b)
}
