package server

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestDeadlineWhileRendering: at the deadline the answer is 504 with the
// JSON error even when the render does not stop (a stage that ignores
// its context); the render's slot and memory stay taken until it does
// stop, and are freed at once when it does.
func TestDeadlineWhileRendering(t *testing.T) {
	l := serveLive(t, Config{MaxConcurrent: 1, MaxQueue: -1, Timeout: 300 * time.Millisecond}, nil)
	release := make(chan struct{})
	var once sync.Once
	l.onRender = func(context.Context) {
		once.Do(func() { <-release }) // the first render ignores its deadline
	}
	status, data := postTo(t, client(1), "http://"+l.addr+"/v1/render", "text/markdown", testMarkdown)
	if status != http.StatusGatewayTimeout || errorCode(t, data) != "timeout" {
		t.Fatalf("%d %s; want 504 timeout", status, data)
	}
	if n := l.metric(t, "galley_renders_in_flight"); n != 1 {
		t.Errorf("renders in flight after the 504: %v; the stuck render still runs", n)
	}
	if status, data := postTo(t, client(1), "http://"+l.addr+"/v1/render", "text/markdown", testMarkdown); status != 503 {
		t.Errorf("a second request while the stuck render runs: %d %s; want 503", status, data)
	}
	close(release)
	eventually(t, "the slot and memory freed", func() bool {
		return l.metric(t, "galley_renders_in_flight") == 0 && l.metric(t, "galley_memory_reserved_bytes") == 0
	})
	l.cfg.Timeout = 30 * time.Second
	status, data = postTo(t, client(1), "http://"+l.addr+"/v1/render", "text/markdown", testMarkdown)
	if status != 200 {
		t.Errorf("after the stuck render: %d %s", status, data)
	}
	if n := l.metric(t, `galley_rejections_total{reason="timeout"}`); n != 1 {
		t.Errorf("timeout rejections %v, want 1", n)
	}
}

// TestDeadlineFromFirstByte: the request's deadline counts from its
// first byte, not from when its headers were whole: a client that takes
// its time over the headers has that much less for the rest.
func TestDeadlineFromFirstByte(t *testing.T) {
	l := serveLive(t, Config{Timeout: 5 * time.Second}, nil)
	got := make(chan time.Time, 1)
	l.onRender = func(ctx context.Context) {
		d, _ := ctx.Deadline()
		got <- d
	}
	c := dial(t, l.addr, 1, 0)
	first := time.Now()
	fmt.Fprintf(c, "POST /v1/render HTTP/1.1\r\n")
	time.Sleep(time.Second)
	fmt.Fprintf(c, "Host: x\r\nContent-Type: text/markdown\r\nContent-Length: %d\r\n\r\n%s", len(testMarkdown), testMarkdown)
	headers := time.Now()
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("%v %v", resp, err)
	}
	d := <-got
	// the deadline is Timeout after the first byte, give or take the
	// scheduling of this test; it would be a second later from the
	// headers
	if d.Before(first.Add(5*time.Second)) || !d.Before(headers.Add(5*time.Second-500*time.Millisecond)) {
		t.Errorf("deadline %s after the first byte, %s after the headers; want 5 s after the first byte",
			d.Sub(first).Round(time.Millisecond), d.Sub(headers).Round(time.Millisecond))
	}
}

// TestClientLeaves: a client that leaves while its request renders or
// waits in the queue cancels it: the render's context ends, the request
// is logged as 499 and counted as a cancelled render.
func TestClientLeaves(t *testing.T) {
	l := serveLive(t, Config{MaxConcurrent: 1, MaxQueue: 1, Timeout: 30 * time.Second}, nil)
	started, stopped := make(chan struct{}), make(chan error, 1)
	var once sync.Once
	l.onRender = func(ctx context.Context) {
		once.Do(func() {
			close(started)
			<-ctx.Done()
			stopped <- ctx.Err()
		})
	}
	rendering := dial(t, l.addr, 2, 0)
	fmt.Fprintf(rendering, "POST /v1/render HTTP/1.1\r\nHost: x\r\nContent-Type: text/markdown\r\nContent-Length: %d\r\n\r\n%s", len(testMarkdown), testMarkdown)
	<-started
	queued := dial(t, l.addr, 3, 0)
	fmt.Fprintf(queued, "POST /v1/render HTTP/1.1\r\nHost: x\r\nContent-Type: text/markdown\r\nContent-Length: %d\r\n\r\n%s", len(testMarkdown), testMarkdown)
	eventually(t, "the second request queued", func() bool { return l.metric(t, "galley_queue_waiting") == 1 })
	// the queued client leaves first and is seen to leave before the
	// slot comes free: were both to go at once, the slot could reach the
	// queued request before the server had noticed its client gone
	queued.Close()
	eventually(t, "the queued request cancelled", func() bool {
		return l.metric(t, "galley_queue_waiting") == 0 && l.metric(t, "galley_renders_cancelled_total") == 1
	})
	rendering.Close()
	if err := <-stopped; !errors.Is(err, context.Canceled) {
		t.Errorf("the render's context ended with %v, want context.Canceled", err)
	}
	eventually(t, "both counted", func() bool { return l.metric(t, "galley_renders_cancelled_total") == 2 })
	eventually(t, "both logged", func() bool { return len(l.logs.lines(`"status":499`)) == 2 })
	if n := l.metric(t, `galley_http_requests_total{code="499",handler="render"}`); n != 2 {
		t.Errorf("requests counted 499: %v, want 2", n)
	}
	eventually(t, "the slot free", func() bool {
		return l.metric(t, "galley_renders_in_flight") == 0 && l.metric(t, "galley_memory_reserved_bytes") == 0
	})
	status, data := postTo(t, client(1), "http://"+l.addr+"/v1/render", "text/markdown", testMarkdown)
	if status != 200 {
		t.Errorf("after: %d %s", status, data)
	}
}

// TestUnderAttack: while slow uploads, clients that never read their
// PDFs and a flood that ignores Retry-After and wants more than all the
// slots and queue places (each from its own address) go on, a
// well-behaved client is served every time.
func TestUnderAttack(t *testing.T) {
	l := serveLive(t, Config{MaxConcurrent: 2, MaxQueue: 2, Timeout: 20 * time.Second}, func(ln net.Listener) net.Listener {
		return smallSendBuffers{ln}
	})
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	defer func() { stop(); wg.Wait() }()
	for range 10 {
		slowUpload(t, dial(t, l.addr, 2, 0), l.addr)
	}
	big := fmt.Sprintf(`{"title": "Noise", "body": [{"type": "figure", "figure": {"src": %q, "caption": "Noise"}}]}`, noisePNG(t, 500, 500))
	for range 2 {
		c := dial(t, l.addr, 3, 4096)
		wg.Go(func() {
			fmt.Fprintf(c, "POST /v1/render?dpi=1200 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(big), big)
		})
	}
	flood := client(4)
	var refused atomic.Int64
	for range 8 {
		wg.Go(func() {
			for ctx.Err() == nil {
				req, _ := http.NewRequestWithContext(ctx, "POST", "http://"+l.addr+"/v1/render", strings.NewReader(testMarkdown))
				req.Header.Set("Content-Type", "text/markdown")
				if resp, err := flood.Do(req); err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode == 503 {
						refused.Add(1)
					}
				}
			}
		})
	}
	// the well-behaved client starts once the service is seen refusing the
	// flood: renders are fast enough now that its requests could otherwise
	// all be served before the flood has filled the slots and the queue
	eventually(t, "refusing the flood (the test must load the service)", func() bool { return refused.Load() > 0 })
	good := client(1)
	for i := range 20 {
		if status, data := postTo(t, good, "http://"+l.addr+"/v1/render", "text/html", testHTML); status != 200 {
			t.Errorf("well-behaved request %d: %d %s", i, status, data)
		}
	}
}
