package fpdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestCompressRoundTrip: what compress writes is a zlib stream (header,
// deflate data, Adler-32 checksum) that the standard library reads back
// to the same bytes, from empty streams to ones of several deflate blocks,
// compressible and not, deflated without state or by the writer; and it
// is the same bytes every time.
func TestCompressRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	noise := make([]byte, 200_000)
	for i := range noise {
		noise[i] = byte(rng.Uint32())
	}
	text := []byte(strings.Repeat("BT /F1 9.50 Tf 72.00 700.00 Td [(Hello) -20 (world)] TJ ET\n", 4000))
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"one byte", []byte{'x'}},
		{"short", []byte("0 1 2 3 4 5")},
		{"page content", text[:15_000]},
		{"several blocks", text[:100_000]},
		{"incompressible", noise[:40_000]},
		{"incompressible, several blocks", noise[:statelessMax]},
		{"longer than statelessMax", text},
		{"incompressible, longer than statelessMax", noise},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mem := xmem.compress(tt.data)
			got := mem.copy()
			mem.release()
			zr, err := zlib.NewReader(bytes.NewReader(got))
			if err != nil {
				t.Fatalf("not a zlib stream: %v", err)
			}
			back, err := io.ReadAll(zr)
			if err != nil {
				t.Fatalf("reading it back (checksum included): %v", err)
			}
			if !bytes.Equal(back, tt.data) {
				t.Fatalf("read back %d bytes, differing from the %d compressed", len(back), len(tt.data))
			}
			again := xmem.compress(tt.data)
			defer again.release()
			if !bytes.Equal(again.bytes(), got) {
				t.Error("compressing the same bytes twice gave different streams")
			}
			if len(tt.data) > 1000 && strings.HasPrefix(tt.name, "page") && len(got) > len(tt.data)/2 {
				t.Errorf("page content deflated to %d of %d bytes", len(got), len(tt.data))
			}
		})
	}
}
