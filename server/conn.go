package server

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"
)

// HTTPServer returns an http.Server for s with the connection limits of
// its Config: the header timeout (never longer than Timeout), the idle
// keep-alive timeout, a 64 KB header limit, and the hooks that time each
// request from the first byte read. Serve it on s.Listener(ln), which
// caps the connections of each client:
//
//	hs := srv.HTTPServer()
//	err := hs.Serve(srv.Listener(ln))
//
// A program that mounts s in its own http.Server keeps every per-request
// limit (body and answer rates, the deadline, admission), timed from the
// request's headers instead of its first byte.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: min(s.cfg.HeaderTimeout, s.cfg.Timeout),
		IdleTimeout:       s.cfg.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ConnState:         connState,
		ConnContext:       connContext,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// Listener wraps ln: a client address (an IPv6 client's /64) holding
// Config.MaxConnsPerClient connections has further ones closed as they
// arrive, counted in galley_rejections_total{reason="too_many_connections"};
// and each connection notes when a request's first byte arrives.
func (s *Server) Listener(ln net.Listener) net.Listener {
	return &listener{Listener: ln, max: s.cfg.MaxConnsPerClient, open: map[netip.Prefix]int{}, refused: func() {
		s.metrics.rejections.WithLabelValues("too_many_connections").Inc()
	}}
}

// listener counts the open connections of each client.
type listener struct {
	net.Listener
	max     int // 0: no limit
	refused func()
	mu      sync.Mutex
	open    map[netip.Prefix]int
}

func (l *listener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		tc := &conn{Conn: c}
		tc.idle.Store(true)
		if l.max > 0 {
			key, ok := clientPrefix(c.RemoteAddr().String())
			if ok {
				l.mu.Lock()
				if l.open[key] >= l.max {
					l.mu.Unlock()
					c.Close()
					l.refused()
					continue
				}
				l.open[key]++
				l.mu.Unlock()
				tc.release = func() {
					l.mu.Lock()
					if l.open[key]--; l.open[key] <= 0 {
						delete(l.open, key)
					}
					l.mu.Unlock()
				}
			}
		}
		return tc, nil
	}
}

// clientPrefix is the address a client is known by: its IPv4 address, or
// the /64 of its IPv6 address (one host commonly holds a whole /64).
func clientPrefix(remote string) (netip.Prefix, bool) {
	ap, err := netip.ParseAddrPort(remote)
	if err != nil {
		return netip.Prefix{}, false
	}
	ip := ap.Addr().Unmap().WithZone("")
	bits := 32
	if ip.Is6() {
		bits = 64
	}
	p, err := ip.Prefix(bits)
	return p, err == nil
}

// clientKey names a request's client for fair admission.
func clientKey(remote string) string {
	if p, ok := clientPrefix(remote); ok {
		return p.String()
	}
	return remote
}

// conn is an accepted connection: it frees its place in the listener's
// count once, and remembers when the current request's first byte was
// read.
type conn struct {
	net.Conn
	release func()
	once    sync.Once
	idle    atomic.Bool  // between requests: the next byte read starts one
	first   atomic.Int64 // Unix nanoseconds of the current request's first byte
}

func (c *conn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 && c.idle.Load() && c.idle.Swap(false) {
		c.first.Store(time.Now().UnixNano())
	}
	return n, err
}

func (c *conn) Close() error {
	err := c.Conn.Close()
	if c.release != nil {
		c.once.Do(c.release)
	}
	return err
}

// connState marks a connection idle after each answer, so that the next
// byte read starts the next request's clock.
func connState(c net.Conn, st http.ConnState) {
	if tc, ok := c.(*conn); ok && st == http.StateIdle {
		tc.idle.Store(true)
	}
}

type connKey struct{}

// connContext puts the connection in its requests' contexts.
func connContext(ctx context.Context, c net.Conn) context.Context {
	if tc, ok := c.(*conn); ok {
		return context.WithValue(ctx, connKey{}, tc)
	}
	return ctx
}

// requestStart is when r's first byte was read: known for connections
// from Listener, else (or when the request came in the same read as the
// previous one) now, as its handler starts.
func requestStart(r *http.Request) time.Time {
	if tc, ok := r.Context().Value(connKey{}).(*conn); ok && !tc.idle.Load() {
		if ns := tc.first.Load(); ns != 0 {
			return time.Unix(0, ns)
		}
	}
	return time.Now()
}
