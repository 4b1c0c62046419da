package fpdf

// Galley patch 58 (see PATCHES.md): the tables a subset copies from its
// font as they are (cvt, fpgm, gasp, name, post, prep: two fifths of a
// subset's bytes on the corpus) are deflated once per font, not in every
// document: a subset's file is deflated as runs of tables, those that
// differ from subset to subset with the stateless encoder, each run of
// unchanged ones as the font deflated it the first time.

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sync"

	"github.com/galleyprint/galley/internal/deflate"
)

// unchangedTable reports whether cutFont copies the table of this tag
// from the font the same for every subset (post is rewritten, but the
// same way each time).
func unchangedTable(tag string) bool {
	switch tag {
	case "cvt ", "fpgm", "gasp", "name", "post", "prep":
		return true
	}
	return false
}

// fileRun is a run of a subset file's tables, from the end of the run
// before to end: unchanged tables (unchangedTable), or others.
type fileRun struct {
	end       int
	unchanged bool
}

// appendRun adds a table ending at end to runs, extending the last run
// when the table is of its kind.
func appendRun(runs []fileRun, end int, unchanged bool) []fileRun {
	if n := len(runs); n > 0 && runs[n-1].unchanged == unchanged {
		runs[n-1].end = end
		return runs
	}
	return append(runs, fileRun{end, unchanged})
}

// deflatedRuns keeps the deflated runs of a font's unchanged tables,
// shared by the font's copies in all documents, safe for concurrent use.
type deflatedRuns struct {
	mu   sync.Mutex
	runs map[int]deflatedRun // by the run's index in the subset file
}

// deflatedRun is a run of unchanged tables and its deflate blocks,
// ending at a byte boundary.
type deflatedRun struct {
	data, deflated []byte
	last           bool // the blocks end the deflate stream
}

// get returns the deflate blocks of data, the index-th run of a subset
// file, the last one of the stream when last is set; nil when no subset
// had that run before. A run is compared with the one kept in full, so a
// font whose tables were not what unchangedTable says would only be
// deflated anew.
func (d *deflatedRuns) get(index int, data []byte, last bool) []byte {
	d.mu.Lock()
	r, ok := d.runs[index]
	d.mu.Unlock()
	if !ok || r.last != last || !bytes.Equal(r.data, data) {
		return nil
	}
	return r.deflated
}

// put keeps deflated, the deflate blocks of data, the index-th run of a
// subset file, unless one is kept already.
func (d *deflatedRuns) put(index int, data, deflated []byte, last bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, ok := d.runs[index]; ok {
		return
	}
	if d.runs == nil {
		d.runs = make(map[int]deflatedRun)
	}
	d.runs[index] = deflatedRun{bytes.Clone(data), bytes.Clone(deflated), last}
}

// compressSubset is compress of a subset font file, data, made of runs
// (fileRuns): the runs of unchanged tables are taken from kept when it
// has them, and kept there otherwise. Every run but the last ends at a
// byte boundary (an empty stored block), so runs deflated apart follow
// one another; the zlib checksum is the whole file's.
func (pool *xmempool) compressSubset(data []byte, runs []fileRun, kept *deflatedRuns) *membuffer {
	if kept == nil || len(runs) < 2 || len(data) > statelessMax || runs[len(runs)-1].end != len(data) {
		return pool.compress(data)
	}
	mem := pool.Get().(*membuffer)
	buf := &mem.buf
	buf.Grow(len(data)/2 + 64)
	buf.Write(zlibHeader[:])
	begin := 0
	for i, r := range runs {
		part, last := data[begin:r.end], i == len(runs)-1
		begin = r.end
		if !r.unchanged {
			deflateTo(buf, part, last)
			continue
		}
		if blocks := kept.get(i, part, last); blocks != nil {
			buf.Write(blocks)
			continue
		}
		from := buf.Len()
		deflateTo(buf, part, last)
		kept.put(i, part, buf.Bytes()[from:], last)
	}
	buf.Write(binary.BigEndian.AppendUint32(mem.sum[:0], adlerSum(data))) // galley patch 48
	return mem
}

// deflateTo deflates data onto buf, ending the stream when last is set,
// else at a byte boundary.
func deflateTo(buf *bytes.Buffer, data []byte, last bool) {
	if err := deflate.StatelessDeflate(buf, data, last, nil); err != nil {
		panic(fmt.Errorf("could not deflate slice: %w", err)) // a bytes.Buffer does not fail
	}
}

// subsetRuns returns the runs of tables of the subset file cutFont made
// last, until releaseSubset.
func (utf *utf8FontFile) subsetRuns() []fileRun {
	if utf.buffers == nil {
		return nil
	}
	return utf.buffers.runs
}
