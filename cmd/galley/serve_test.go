package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestServeGracefulShutdown: stopping the service (as SIGTERM does) while
// a render is in flight lets it finish with its PDF, then the command
// returns and the port is closed.
func TestServeGracefulShutdown(t *testing.T) {
	logR, logW := io.Pipe()
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	cmd := newRootCmd(&env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: logW})
	cmd.SetArgs([]string{"serve", "--addr", "127.0.0.1:0", "--drain", "30s"})
	done := make(chan error, 1)
	go func() { done <- cmd.ExecuteContext(ctx); logW.Close() }()

	// the first log line says where it listens
	lines := bufio.NewScanner(logR)
	var addr string
	for addr == "" && lines.Scan() {
		var rec struct{ Msg, Addr string }
		if json.Unmarshal(lines.Bytes(), &rec) == nil && rec.Msg == "listening" {
			addr = rec.Addr
		}
	}
	go io.Copy(io.Discard, logR) // keep the log flowing
	if addr == "" {
		t.Fatal("no listening line")
	}
	base := "http://" + addr

	var b strings.Builder
	b.WriteString(`{"title": "A long read", "body": [`)
	for i := range 1500 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"type": "paragraph", "text": %q}`, strings.Repeat("Words upon words, line after line. ", 12))
	}
	b.WriteString("]}")
	type result struct {
		status int
		pdf    bool
		err    error
	}
	got := make(chan result, 1)
	go func() {
		resp, err := http.Post(base+"/v1/render", "application/json", strings.NewReader(b.String()))
		if err != nil {
			got <- result{err: err}
			return
		}
		defer resp.Body.Close()
		data, err := io.ReadAll(resp.Body)
		got <- result{resp.StatusCode, strings.HasPrefix(string(data), "%PDF-") && strings.Contains(string(data[len(data)-32:]), "%%EOF"), err}
	}()
	// stop once the render is running
	running := false
	for i := 0; i < 1000 && !running; i++ {
		resp, err := http.Get(base + "/metrics")
		if err == nil {
			data, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			running = strings.Contains(string(data), "\ngalley_renders_in_flight 1\n")
		}
		time.Sleep(time.Millisecond)
	}
	if !running {
		t.Fatal("never saw the render in flight")
	}
	stop()
	r := <-got
	if r.err != nil || r.status != 200 || !r.pdf {
		t.Errorf("in-flight render: status %d, whole PDF %v, %v; want it finished", r.status, r.pdf, r.err)
	}
	if err := <-done; err != nil {
		t.Errorf("serve returned %v", err)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("still answering after shutdown")
	}
}
