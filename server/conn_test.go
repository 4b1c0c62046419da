package server

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// live is a Server on a real loopback socket, served as galley serve
// serves it: HTTPServer on Listener.
type live struct {
	*Server
	addr string
	logs *logBuffer
}

// logBuffer collects the JSON log lines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// lines returns the log lines that contain every one of want.
func (b *logBuffer) lines(want ...string) []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
next:
	for _, l := range strings.Split(b.buf.String(), "\n") {
		for _, w := range want {
			if !strings.Contains(l, w) {
				continue next
			}
		}
		out = append(out, l)
	}
	return out
}

// serveLive starts s on 127.0.0.1; wrap, when set, wraps the listener
// under Listener (to shrink the sockets' send buffers, say).
func serveLive(t *testing.T, cfg Config, wrap func(net.Listener) net.Listener) *live {
	t.Helper()
	logs := &logBuffer{}
	cfg.Logger = slog.New(slog.NewJSONHandler(logs, nil))
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if wrap != nil {
		ln = wrap(ln)
	}
	hs := s.HTTPServer()
	go hs.Serve(s.Listener(ln))
	t.Cleanup(func() { hs.Close() })
	return &live{Server: s, addr: ln.Addr().String(), logs: logs}
}

// dial connects from the loopback address 127.0.0.last (each kind of
// client its own, as on a network), with a receive buffer of rcvbuf
// bytes when rcvbuf > 0.
func dial(t *testing.T, addr string, last byte, rcvbuf int) net.Conn {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, last)}, Timeout: 5 * time.Second}
	if rcvbuf > 0 {
		d.Control = func(_, _ string, c syscall.RawConn) error {
			var serr error
			err := c.Control(func(fd uintptr) { serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, rcvbuf) })
			return errors.Join(err, serr)
		}
	}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// client is an HTTP client from 127.0.0.last.
func client(last byte) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, last)}}
	return &http.Client{Transport: &http.Transport{DialContext: d.DialContext}, Timeout: 30 * time.Second}
}

// postTo sends body from c and returns the status and the answer.
func postTo(t *testing.T, c *http.Client, url, ct, body string) (int, []byte) {
	t.Helper()
	resp, err := c.Post(url, ct, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, data
}

// metric reads one series of the service's /metrics.
func (l *live) metric(t *testing.T, name string) float64 {
	t.Helper()
	return metricAt(t, http.DefaultClient, "http://"+l.addr, name)
}

// eventually waits, up to a generous bound, for cond.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("still not %s after 20 s", what)
}

// slowUpload sends the headers of a render declaring a 100,000-byte body,
// and its first byte.
func slowUpload(t *testing.T, c net.Conn, addr string) {
	t.Helper()
	if _, err := fmt.Fprintf(c, "POST /v1/render HTTP/1.1\r\nHost: %s\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\nS", addr); err != nil {
		t.Fatal(err)
	}
}

// TestSlowUploadsHoldNoPlace: clients whose bodies crawl in hold neither
// a render slot nor a queue place — another client is served while they
// upload — and a body slower than the minimum rate is answered 408.
func TestSlowUploadsHoldNoPlace(t *testing.T) {
	t.Run("no place held", func(t *testing.T) {
		l := serveLive(t, Config{MaxConcurrent: 1, MaxQueue: 1, MinRate: -1, Timeout: 20 * time.Second}, nil)
		for range 4 {
			slowUpload(t, dial(t, l.addr, 2, 0), l.addr)
		}
		eventually(t, "4 uploads arriving", func() bool { return l.metric(t, "galley_uploads_in_progress") == 4 })
		status, data := postTo(t, client(1), "http://"+l.addr+"/v1/render", "text/markdown", testMarkdown)
		if status != 200 {
			t.Fatalf("the other client got %d: %s", status, data)
		}
	})
	t.Run("cut below the minimum rate", func(t *testing.T) {
		l := serveLive(t, Config{MinRate: 1024, Timeout: 20 * time.Second}, nil)
		l.grace = 200 * time.Millisecond
		c := dial(t, l.addr, 2, 0)
		slowUpload(t, c, l.addr)
		go func() { // a byte every 100 ms: 10 bytes a second
			for range 200 {
				time.Sleep(100 * time.Millisecond)
				if _, err := c.Write([]byte("x")); err != nil {
					return
				}
			}
		}()
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusRequestTimeout || errorCode(t, data) != "slow_upload" {
			t.Errorf("%d %s; want 408 slow_upload", resp.StatusCode, data)
		}
		if n := l.metric(t, `galley_rejections_total{reason="slow_upload"}`); n != 1 {
			t.Errorf("slow_upload rejections %v, want 1", n)
		}
	})
	t.Run("a steady upload above the rate", func(t *testing.T) {
		l := serveLive(t, Config{MinRate: 1024, Timeout: 20 * time.Second}, nil)
		l.grace = 200 * time.Millisecond
		body := "Steady\n\n" + strings.Repeat("The tide came in slowly. ", 300) // 7.5 KB
		c := dial(t, l.addr, 1, 0)
		fmt.Fprintf(c, "POST /v1/render HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n", len(body))
		for rest := body; rest != ""; { // 8 KB a second, over longer than the grace
			n := min(len(rest), 512)
			c.Write([]byte(rest[:n]))
			rest = rest[n:]
			time.Sleep(60 * time.Millisecond)
		}
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		wantPDF(t, resp, data)
	})
}

// noisePNG is a data: URI of a w × h PNG of noise, which does not
// compress: a PDF that prints it is larger than the PNG.
func noisePNG(t *testing.T, w, h int) string {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(1, 1))
	for i := range m.Pix {
		m.Pix[i] = byte(rng.IntN(256))
		if i%4 == 3 {
			m.Pix[i] = 255
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b.Bytes())
}

// smallSendBuffers shrinks the send buffer of each accepted connection,
// so that an answer a client does not read stays in the service.
type smallSendBuffers struct{ net.Listener }

func (l smallSendBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetWriteBuffer(8 << 10)
	}
	return c, err
}

// TestNonReaderFreesSlot: a client that posts an article and never reads
// its PDF holds no render slot: the answer is made in memory, the slot
// freed, and another client is served while the first answer waits; the
// unread answer is abandoned at the minimum rate, counted and logged, and
// its memory freed.
func TestNonReaderFreesSlot(t *testing.T) {
	l := serveLive(t, Config{MaxConcurrent: 1, MaxQueue: -1, MinRate: 64 << 10, Timeout: 30 * time.Second}, func(ln net.Listener) net.Listener {
		return smallSendBuffers{ln}
	})
	l.grace = 200 * time.Millisecond
	article := fmt.Sprintf(`{"title": "Noise", "body": [{"type": "paragraph", "text": "Static."}, {"type": "figure", "figure": {"src": %q, "caption": "Noise"}}]}`,
		noisePNG(t, 700, 700))
	c := dial(t, l.addr, 3, 4096)
	if _, err := fmt.Fprintf(c, "POST /v1/render?dpi=1200 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(article), article); err != nil {
		t.Fatal(err)
	}
	eventually(t, "rendered", func() bool { return l.metric(t, "galley_pdf_bytes_total") > 1<<20 })
	status, data := postTo(t, client(1), "http://"+l.addr+"/v1/render", "text/markdown", testMarkdown)
	if status != 200 {
		t.Fatalf("the other client got %d while the first answer waited: %s", status, data)
	}
	eventually(t, "abandoned", func() bool { return l.metric(t, `galley_rejections_total{reason="slow_reader"}`) == 1 })
	got := l.logs.lines(`"remote":"127.0.0.3`, `"status":200`, "too slowly")
	if len(got) != 1 {
		t.Fatalf("log lines of the abandoned answer: %q", got)
	}
	// a stalled reader is found out at the minimum rate, not at the
	// request's deadline (30 s), however much the buffers took
	var rec struct{ MS float64 }
	if err := json.Unmarshal([]byte(got[0]), &rec); err != nil || rec.MS > 20000 {
		t.Errorf("abandoned after %v ms (%v)", rec.MS, err)
	}
	eventually(t, "its memory freed", func() bool { return l.metric(t, "galley_memory_reserved_bytes") == 0 })
}

// TestConnectionLimits: a client address holds at most MaxConnsPerClient
// connections (others are not affected); headers must arrive within the
// header timeout, and an idle kept-alive connection is closed.
func TestConnectionLimits(t *testing.T) {
	closed := func(c net.Conn) bool {
		c.SetReadDeadline(time.Now().Add(20 * time.Second))
		_, err := c.Read(make([]byte, 1))
		return err != nil && !errors.Is(err, net.ErrClosed) && !isTimeout(err)
	}
	t.Run("per client", func(t *testing.T) {
		l := serveLive(t, Config{MaxConnsPerClient: 2}, nil)
		a, b := dial(t, l.addr, 2, 0), dial(t, l.addr, 2, 0)
		// a request on each shows that both were accepted
		for _, c := range []net.Conn{a, b} {
			fmt.Fprintf(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
			if resp, err := http.ReadResponse(bufio.NewReader(c), nil); err != nil || resp.StatusCode != 200 {
				t.Fatalf("connection within the limit: %v", err)
			}
		}
		if third := dial(t, l.addr, 2, 0); !closed(third) {
			t.Error("a third connection from the same address was not closed")
		}
		if n := l.metric(t, `galley_rejections_total{reason="too_many_connections"}`); n != 1 {
			t.Errorf("too_many_connections %v, want 1", n)
		}
		status, _ := postTo(t, client(1), "http://"+l.addr+"/v1/render", "text/markdown", testMarkdown)
		if status != 200 {
			t.Errorf("another address got %d", status)
		}
		b.Close()
		eventually(t, "a place free again", func() bool {
			c := dial(t, l.addr, 2, 0)
			fmt.Fprintf(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
			resp, err := http.ReadResponse(bufio.NewReader(c), nil)
			return err == nil && resp.StatusCode == 200
		})
	})
	t.Run("headers", func(t *testing.T) {
		l := serveLive(t, Config{HeaderTimeout: 200 * time.Millisecond}, nil)
		c := dial(t, l.addr, 2, 0)
		fmt.Fprintf(c, "POST /v1/render HTTP/1.1\r\nHost: x\r\n")
		if !closed(c) {
			t.Error("a connection whose headers never end was not closed")
		}
	})
	t.Run("idle", func(t *testing.T) {
		l := serveLive(t, Config{IdleTimeout: 200 * time.Millisecond}, nil)
		c := dial(t, l.addr, 2, 0)
		c.SetReadDeadline(time.Now().Add(20 * time.Second))
		fmt.Fprintf(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
		br := bufio.NewReader(c)
		resp, err := http.ReadResponse(br, nil)
		if err != nil || resp.StatusCode != 200 {
			t.Fatal(err)
		}
		io.ReadAll(resp.Body)
		if _, err := br.ReadByte(); err == nil || isTimeout(err) {
			t.Errorf("an idle connection was not closed: %v", err)
		}
	})
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
