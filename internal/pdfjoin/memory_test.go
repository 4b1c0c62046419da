package pdfjoin

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// heapInUse returns the bytes in use on the heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// TestMemoryBounded joins 2,000 copies of a two-page part into a file and
// checks that the heap does not grow with the number of parts: between
// 200 and 2,000 parts it may grow only by the per-page and per-object
// bookkeeping (a few integers each), well under 5 MB.
func TestMemoryBounded(t *testing.T) {
	part := article(t, "Memory", a4, "first page of the part", "second page")
	path := filepath.Join(t.TempDir(), "book.pdf")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	j := New(f)
	var at200 uint64
	for i := range 2000 {
		first, err := j.Add(part)
		if err != nil {
			t.Fatal(err)
		}
		j.Bookmark("Memory", 0, first, 0)
		j.Link(first, 72, 90, 60, 12, first+1)
		if i+1 == 200 {
			at200 = heapInUse()
		}
	}
	at2000 := heapInUse()
	growth := int64(at2000) - int64(at200)
	t.Logf("heap in use after 200 parts: %.2f MB, after 2000 parts: %.2f MB, growth %.2f MB (part %d bytes)",
		mb(at200), mb(at2000), float64(growth)/(1<<20), len(part))
	if growth > 5<<20 {
		t.Errorf("the heap grew by %.2f MB between 200 and 2000 parts", float64(growth)/(1<<20))
	}
	if err := j.Close(Info{Title: "Big"}); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	t.Logf("book: %d pages, %.1f MB, heap in use after Close %.2f MB", j.Pages(), mb(uint64(st.Size())), mb(heapInUse()))
	out, err := toolFile(t, path, "qpdf", "--check", path)
	if err != nil || !strings.Contains(out, "No syntax or stream encoding errors found") || strings.Contains(out, "WARNING") {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }

func BenchmarkJoin(b *testing.B) {
	part := article(b, "Bench", a4, "first page", "second page", "third page")
	f, err := os.Create(filepath.Join(b.TempDir(), "book.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	j := New(f)
	b.SetBytes(int64(len(part)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := j.Add(part); err != nil {
			b.Fatal(err)
		}
	}
	if err := j.Close(Info{}); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(j.Pages())/b.Elapsed().Seconds(), "pages/s")
}
