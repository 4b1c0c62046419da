package server

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/galleyprint/galley/internal/benchcpu"
)

// BenchmarkServiceRender: one render of nytimes-4's page through the
// service over loopback HTTP, as scripts/load-test sends it (offline, one
// client): reading the body, extraction, layout and the PDF, and the
// answer read whole. cpu-ms/render is the process's CPU time per render,
// the whole service's cost including the client and the collector.
func BenchmarkServiceRender(b *testing.B) {
	page, err := os.ReadFile("../../shared/corpus/web/nytimes-4/source.html")
	if err != nil {
		b.Skipf("no corpus page: %v", err)
	}
	s, err := New(Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	client := ts.Client()
	b.ReportAllocs()
	b.SetBytes(int64(len(page)))
	cpu := benchcpu.Process()
	for b.Loop() {
		resp, err := client.Post(ts.URL+"/v1/render?offline=true", "text/html", bytes.NewReader(page))
		if err != nil {
			b.Fatal(err)
		}
		n, err := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK || n == 0 {
			b.Fatalf("status %d, %d bytes, %v", resp.StatusCode, n, err)
		}
	}
	if used := benchcpu.Process() - cpu; used > 0 {
		b.ReportMetric(float64(used)/float64(time.Millisecond)/float64(b.N), "cpu-ms/render")
	}
}
