package fpdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

// bufferTestDoc writes a document of pages pages of text, streamed or
// not, and returns its bytes and the document.
func bufferTestDoc(t *testing.T, pages int, text string, stream bool) ([]byte, *Fpdf) {
	t.Helper()
	var out bytes.Buffer
	f := NewCustom(&InitType{UnitStr: "pt", Size: SizeType{Wd: 595, Ht: 842}})
	f.SetCompression(true)
	// dated, so that a document written again in a later second has
	// the same bytes
	f.SetCreationDate(time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC))
	f.SetModificationDate(time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC))
	if stream {
		f.SetStream(&out)
	}
	f.SetFont("Helvetica", "", 10)
	for p := range pages {
		f.AddPage()
		for l := range 60 {
			f.Text(40, float64(40+12*l), fmt.Sprintf("%s page %d line %d", text, p, l))
		}
	}
	if err := f.Output(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes(), f
}

// TestBuffersHandedOn: a document written whole hands its page and
// document buffers on for the next (fpdf grew them afresh for every
// document), and documents written one after another, each in the
// buffers of the one before, are what they are alone: the first, written
// again after another, has the same bytes.
func TestBuffersHandedOn(t *testing.T) {
	for _, stream := range []bool{false, true} {
		first, f := bufferTestDoc(t, 3, "harbour cranes", stream)
		for n, p := range f.pages {
			if p != nil {
				t.Errorf("stream %v: page %d kept its buffer after Output", stream, n)
			}
		}
		if f.buffer.Cap() != 0 {
			t.Errorf("stream %v: the document kept its buffer of %d bytes after Output", stream, f.buffer.Cap())
		}
		other, _ := bufferTestDoc(t, 5, "container ships, a longer line of text", stream)
		again, _ := bufferTestDoc(t, 3, "harbour cranes", stream)
		if !bytes.Equal(first, again) {
			t.Errorf("stream %v: the document written again differs (%d and %d bytes)", stream, len(first), len(again))
		}
		if bytes.Equal(first, other) {
			t.Errorf("stream %v: two different documents have the same bytes", stream)
		}
	}
}

// TestLargeBuffersNotKept: a buffer larger than maxKeptBuffer is not
// kept for another document.
func TestLargeBuffersNotKept(t *testing.T) {
	big := bytes.NewBuffer(make([]byte, 0, maxKeptBuffer+1))
	keepBuffer(&pageBuffers, big)
	for range 100 {
		if b := newBuffer(&pageBuffers); b == big {
			t.Fatal("a buffer larger than maxKeptBuffer was kept")
		}
	}
}

// TestPackObjectAllocations: an object packed for an object stream is
// hashed for the document's identifier without a copy of its body each
// time.
func TestPackObjectAllocations(t *testing.T) {
	f := NewCustom(&InitType{UnitStr: "pt", Size: SizeType{Wd: 595, Ht: 842}})
	f.SetArchive(&Archive{})
	body := "<</Type /StructElem /S /P /P 12 0 R /K [0 1 2]>>"
	for range 10000 { // room in the document's arrays
		f.packObject(body)
	}
	f.archive.packed = f.archive.packed[:0]
	f.offsets = f.offsets[:3]
	f.n = 2
	if allocs := testing.AllocsPerRun(1000, func() { f.packObject(body) }); allocs >= 1 {
		t.Errorf("%.2f allocations to pack an object, want none", allocs)
	}
}

// TestPutPackedAllocations: the object streams of a document's packed
// objects are made in two buffers they all reuse, not buffers grown
// afresh for each stream and a formatted string for each object, and
// each stream's head lists its objects' numbers and offsets.
func TestPutPackedAllocations(t *testing.T) {
	f := NewCustom(&InitType{UnitStr: "pt", Size: SizeType{Wd: 595, Ht: 842}})
	f.SetArchive(&Archive{})
	bodies := []string{"<</Type /StructElem /S /P /P 12 0 R /K [0 1 2]>>", "<</S /Span /K 3>>"}
	const objs = 1000
	pack := func() {
		f.buffer.Reset()
		f.n, f.offsets = 2, f.offsets[:0]
		f.archive.packed = f.archive.packed[:0]
		for k := range objs {
			f.packObject(bodies[k%2])
		}
		f.putPacked()
	}
	pack()
	out := f.buffer.String()
	if n := strings.Count(out, "/Type /ObjStm"); n != objs/packsPerStream {
		t.Fatalf("%d object streams for %d objects, want %d", n, objs, objs/packsPerStream)
	}
	if len(f.archive.in) != objs {
		t.Fatalf("%d objects placed in streams, want %d", len(f.archive.in), objs)
	}
	// it made 1846: about two an object
	if allocs := testing.AllocsPerRun(10, pack); allocs > 120 {
		t.Errorf("%.0f allocations to write %d packed objects, want at most 120", allocs, objs)
	}
}
