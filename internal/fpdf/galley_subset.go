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
	runs                   []fileRun    // of the file's tables (galley patch 58)
	numbers                glyphNumbers // the subset's glyphs' numbers (galley patch 63)
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
	*b = subsetBuffers{glyf: b.glyf[:0], hmtx: b.hmtx[:0], loca: b.loca[:0], file: b.file[:0], runs: b.runs[:0], numbers: b.numbers}
	subsetPool.Put(b)
}

// glyphNumbers holds, by a font's glyph, its number in the subset being
// made plus one, 0 for a glyph not in it (galley patch 63: a map of them
// was made for each subset, and looked up for each glyph and component).
// cutFont clears the subset's glyphs from it once it has renumbered the
// components, so that the subset's buffers hand it on cleared.
type glyphNumbers []int32

// glyphNumbers returns the buffers' glyph numbers, room made for a font
// of numGlyphs glyphs.
func (b *subsetBuffers) glyphNumbers(numGlyphs int) *glyphNumbers {
	if n := numGlyphs + 1; len(b.numbers) < n {
		b.numbers = append(b.numbers, make(glyphNumbers, n-len(b.numbers))...)
	}
	return &b.numbers
}

// has reports whether glyph g is numbered.
func (n glyphNumbers) has(g int) bool { return g >= 0 && g < len(n) && n[g] > 0 }

// of returns glyph g's number, 0 for a glyph not numbered (as the map it
// replaces gave).
func (n glyphNumbers) of(g int) int {
	if !n.has(g) {
		return 0
	}
	return int(n[g]) - 1
}

// set numbers glyph g ≥ 0 i, room made for a g beyond the font's glyphs
// (a component of a broken font).
func (n *glyphNumbers) set(g, i int) {
	if g >= len(*n) {
		*n = append(*n, make(glyphNumbers, g+1-len(*n))...)
	}
	(*n)[g] = int32(i + 1)
}

// clear removes the numbers of glyphs.
func (n glyphNumbers) clear(glyphs []int) {
	for _, g := range glyphs {
		if g >= 0 && g < len(n) {
			n[g] = 0
		}
	}
}
