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

// subsetCache keeps the deflated runs of a font's unchanged tables and
// their checksums, shared by the font's copies in all documents, safe
// for concurrent use.
type subsetCache struct {
	mu   sync.Mutex
	runs map[int]deflatedRun // by the run's index in the subset file
	sums map[string]keptSum  // by table tag
}

// keptSum is the checksum (tableSum) of an unchanged table's data.
type keptSum struct {
	data []byte
	sum  uint32
}

// tableSum returns tableSum(data), data being the table of this tag of
// a subset. The sum of an unchanged table that is the font's own bytes
// (all but post, rewritten) is kept: the same bytes, where they were,
// have the same sum (the font's bytes do not change, see NewUTF8Font).
func (c *subsetCache) tableSum(tag string, data []byte) uint32 {
	if c == nil || len(data) == 0 || !unchangedTable(tag) {
		return tableSum(data)
	}
	c.mu.Lock()
	k, ok := c.sums[tag]
	c.mu.Unlock()
	if ok && len(k.data) == len(data) && &k.data[0] == &data[0] {
		return k.sum
	}
	sum := tableSum(data)
	if !ok && tag != "post" {
		c.mu.Lock()
		if c.sums == nil {
			c.sums = make(map[string]keptSum)
		}
		c.sums[tag] = keptSum{data, sum}
		c.mu.Unlock()
	}
	return sum
}

// deflatedRun is a run of unchanged tables, its deflate blocks, ending
// at a byte boundary, and its Adler-32 checksum.
type deflatedRun struct {
	data, deflated []byte
	last           bool // the blocks end the deflate stream
	adler          uint32
}

// get returns the run kept as the index-th of a subset file, if it is
// data, the last one of the stream when last is set. A run is compared
// with the one kept in full, so a font whose tables were not what
// unchangedTable says would only be deflated anew.
func (d *subsetCache) get(index int, data []byte, last bool) (deflatedRun, bool) {
	d.mu.Lock()
	r, ok := d.runs[index]
	d.mu.Unlock()
	if !ok || r.last != last || !bytes.Equal(r.data, data) {
		return deflatedRun{}, false
	}
	return r, true
}

// put keeps r, the index-th run of a subset file, unless one is kept
// already; it keeps copies of r's bytes.
func (d *subsetCache) put(index int, r deflatedRun) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, ok := d.runs[index]; ok {
		return
	}
	if d.runs == nil {
		d.runs = make(map[int]deflatedRun)
	}
	r.data, r.deflated = bytes.Clone(r.data), bytes.Clone(r.deflated)
	d.runs[index] = r
}

// compressSubset is compress of a subset font file, data, made of runs
// (fileRuns): the runs of unchanged tables are taken from kept when it
// has them, and kept there otherwise. Every run but the last ends at a
// byte boundary (an empty stored block), so runs deflated apart follow
// one another; the zlib checksum is the whole file's, combined from the
// runs'.
func (pool *xmempool) compressSubset(data []byte, runs []fileRun, kept *subsetCache) *membuffer {
	if kept == nil || len(runs) < 2 || len(data) > statelessMax || runs[len(runs)-1].end != len(data) {
		return pool.compress(data)
	}
	mem := pool.Get().(*membuffer)
	buf := &mem.buf
	buf.Grow(len(data)/2 + 64)
	buf.Write(zlibHeader[:])
	begin, sum := 0, uint32(1) // the checksum of nothing
	for i, r := range runs {
		part, last := data[begin:r.end], i == len(runs)-1
		begin = r.end
		if !r.unchanged {
			deflateTo(buf, part, last)
			sum = adlerCombine(sum, adlerSum(part), len(part))
			continue
		}
		run, ok := kept.get(i, part, last)
		if ok {
			buf.Write(run.deflated)
		} else {
			from := buf.Len()
			deflateTo(buf, part, last)
			run = deflatedRun{data: part, deflated: buf.Bytes()[from:], last: last, adler: adlerSum(part)}
			kept.put(i, run)
		}
		sum = adlerCombine(sum, run.adler, len(part))
	}
	buf.Write(binary.BigEndian.AppendUint32(mem.sum[:0], sum))
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
