package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"time"
)

// attack holds what the clients share: the service's address.
type attack struct{ addr string }

// src is the loopback address 127.0.0.n: each kind of client has its own,
// as different clients on a network would.
func src(n byte) net.IP { return net.IPv4(127, 0, 0, n) }

func numCPU() int { return runtime.NumCPU() }

// dialer binds to ip and, when rcvbuf > 0, shrinks the receive buffer.
func dialer(ip net.IP, rcvbuf int) *net.Dialer {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: ip}, Timeout: 5 * time.Second}
	if rcvbuf > 0 {
		d.Control = func(network, address string, c syscall.RawConn) error {
			var serr error
			err := c.Control(func(fd uintptr) {
				serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, rcvbuf)
			})
			return errors.Join(err, serr)
		}
	}
	return d
}

// dial connects from ip to the service with a receive buffer of rcvbuf
// bytes (0: the system's). A failure is tallied, and the caller waits
// 100 ms before it tries again, unless ctx is done.
func (a *attack) dial(ctx context.Context, ip net.IP, rcvbuf int, t *tally) (net.Conn, bool) {
	c, err := dialer(ip, rcvbuf).DialContext(ctx, "tcp", a.addr)
	if err != nil {
		if ctx.Err() == nil {
			t.add("dial error", -1)
			time.Sleep(100 * time.Millisecond)
		}
		return nil, false
	}
	return c, true
}

// client is an HTTP client from ip with at most conns connections.
func (a *attack) client(ip net.IP, conns int) *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			DialContext:         dialer(ip, 0).DialContext,
			MaxConnsPerHost:     conns,
			MaxIdleConnsPerHost: conns,
			DisableCompression:  true,
		},
		Timeout: 40 * time.Second,
	}
}

// post sends body and reads the whole answer: its status (or what went
// wrong), Retry-After, and the time from sending to the last byte.
func (a *attack) post(c *http.Client, path, ct string, body []byte) (string, int, time.Duration) {
	req, err := http.NewRequest("POST", "http://"+a.addr+path, bytes.NewReader(body))
	if err != nil {
		return "error", 0, -1
	}
	req.Header.Set("Content-Type", ct)
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		return "error", 0, time.Since(start)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	d := time.Since(start)
	if err != nil {
		return "cut", 0, d
	}
	retry, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
	return strconv.Itoa(resp.StatusCode), retry, d
}

// slowUpload declares a 100,000-byte body and sends a byte of it every
// 2 s, until the service answers or closes; then starts again.
func (a *attack) slowUpload(ctx context.Context, ip net.IP, t *tally, i int) {
	time.Sleep(time.Duration(i) * 20 * time.Millisecond)
	for ctx.Err() == nil {
		c, ok := a.dial(ctx, ip, 0, t)
		if !ok {
			continue
		}
		start := time.Now()
		fmt.Fprintf(c, "POST /v1/render HTTP/1.1\r\nHost: %s\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\nS", a.addr)
		answered := make(chan string, 1)
		go func() {
			resp, err := http.ReadResponse(bufio.NewReader(c), nil)
			if err != nil {
				answered <- "closed"
				return
			}
			resp.Body.Close()
			answered <- strconv.Itoa(resp.StatusCode)
		}()
		tick := time.NewTicker(2 * time.Second)
	wait:
		for {
			select {
			case s := <-answered:
				t.add(s, time.Since(start))
				break wait
			case <-tick.C:
				c.Write([]byte("x"))
			case <-ctx.Done():
				t.add("still open at the end", time.Since(start))
				break wait
			}
		}
		tick.Stop()
		c.Close()
		time.Sleep(100 * time.Millisecond) // a refused socket does not spin
	}
}

// nonReader posts body with a 4 KB receive buffer and does not read the
// answer for 10 s (or until the attack ends); then it looks at what came
// and whether the service had given up the connection, and starts again.
// The service's log gives when it answered or gave up.
func (a *attack) nonReader(ctx context.Context, ip net.IP, t *tally, body []byte) {
	for ctx.Err() == nil {
		c, ok := a.dial(ctx, ip, 4096, t)
		if !ok {
			continue
		}
		deadline, _ := ctx.Deadline()
		c.SetWriteDeadline(deadline)
		_, err := fmt.Fprintf(c, "POST /v1/render?offline=true HTTP/1.1\r\nHost: %s\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n", a.addr, len(body))
		if err == nil {
			_, err = c.Write(body)
		}
		if err != nil {
			t.add("upload cut", -1)
			c.Close()
			continue
		}
		select {
		case <-ctx.Done():
		case <-time.After(10 * time.Second):
		}
		c.SetReadDeadline(time.Now().Add(time.Second))
		n, err := io.Copy(io.Discard, c)
		switch {
		case err == nil:
			t.add(fmt.Sprintf("closed-by-service(%dKB)", n>>10), -1)
		case errors.Is(err, os.ErrDeadlineExceeded):
			t.add("still open", -1)
		default:
			t.add("reset-by-service", -1)
		}
		c.Close()
	}
}

// repeat posts body again and again, reading each answer.
func (a *attack) repeat(ctx context.Context, ip net.IP, t *tally, path, ct string, body []byte) {
	c := a.client(ip, 1)
	defer c.CloseIdleConnections()
	for ctx.Err() == nil {
		status, _, d := a.post(c, path, ct, body)
		t.add(status, d)
	}
}

// flood posts small articles as fast as it can and ignores Retry-After.
func (a *attack) flood(ctx context.Context, c *http.Client, t *tally, body []byte) {
	for ctx.Err() == nil {
		status, _, d := a.post(c, "/v1/render", "text/markdown", body)
		t.add(status, d)
	}
}

// wellBehaved posts the corpus pages in turn and waits as long as
// Retry-After says when the service is busy.
func (a *attack) wellBehaved(ctx context.Context, c *http.Client, t *tally, pages []string, i int) {
	for n := i * 17; ctx.Err() == nil; n++ {
		body, err := os.ReadFile(pages[n%len(pages)])
		if err != nil {
			t.add("unreadable page", -1)
			continue
		}
		status, retry, d := a.post(c, "/v1/render?offline=true", "text/html", body)
		t.add(status, d)
		if status == "503" {
			time.Sleep(time.Duration(min(max(retry, 1), 2)) * time.Second)
		}
	}
}

// leaver posts body and hangs up after wait, without its answer, once a
// second: the service should stop the render, log 499 and count it.
func (a *attack) leaver(ctx context.Context, ip net.IP, t *tally, ct string, body []byte, wait time.Duration) {
	for ctx.Err() == nil {
		c, ok := a.dial(ctx, ip, 0, t)
		if !ok {
			continue
		}
		start := time.Now()
		fmt.Fprintf(c, "POST /v1/render HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", a.addr, ct, len(body))
		c.Write(body)
		c.SetReadDeadline(start.Add(wait))
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		switch {
		case err == nil:
			t.add("answered "+strconv.Itoa(resp.StatusCode), time.Since(start))
		case errors.Is(err, os.ErrDeadlineExceeded):
			t.add("left", -1)
		default:
			t.add("closed", time.Since(start))
		}
		c.Close()
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}
