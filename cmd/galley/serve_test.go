package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// TestServeGracefulShutdown: stopping the service (as SIGTERM does) while
// a render is in flight lets it finish with its PDF, then the command
// returns and the port is closed.
func TestServeGracefulShutdown(t *testing.T) {
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	addr, done := startServe(t, ctx, "--drain", "30s")
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

// startServe runs galley serve with args on a free loopback port until
// ctx ends, and returns its address and the command's result.
func startServe(t *testing.T, ctx context.Context, args ...string) (string, chan error) {
	t.Helper()
	logR, logW := io.Pipe()
	cmd := newRootCmd(&env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: logW})
	cmd.SetArgs(append([]string{"serve", "--addr", "127.0.0.1:0"}, args...))
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
	return addr, done
}

// TestServeConnectionLimits: galley serve serves on the service's
// listener and http.Server, so its flags reach the connections: a second
// connection of a client allowed one is closed, and a header that never
// ends is cut at --header-timeout.
func TestServeConnectionLimits(t *testing.T) {
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	addr, done := startServe(t, ctx, "--max-conns-per-client", "1", "--header-timeout", "200ms")
	first, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	fmt.Fprintf(first, "POST /v1/render HTTP/1.1\r\nHost: x\r\n") // headers that never end
	second, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	for name, c := range map[string]net.Conn{"the second connection": second, "the unfinished headers": first} {
		c.SetReadDeadline(time.Now().Add(20 * time.Second))
		if _, err := c.Read(make([]byte, 1)); err == nil || errors.Is(err, os.ErrDeadlineExceeded) {
			t.Errorf("%s: not closed (%v)", name, err)
		}
	}
	stop()
	if err := <-done; err != nil {
		t.Errorf("serve returned %v", err)
	}
}
