// Package server is galley's HTTP printing service: an http.Handler that
// turns articles into PDFs, safe to expose.
//
//	POST /v1/render   article JSON, HTML, Markdown or plain text (by
//	                  Content-Type), or {"url": "…"} → application/pdf
//	POST /v1/inspect  the same inputs → the article as JSON
//	GET  /healthz     liveness
//	GET  /metrics     Prometheus metrics
//	GET  /v1/openapi.yaml  the API's OpenAPI description
//
// Every request is bounded: body size, pages, images and bytes per image,
// time, and the number of renders at once, with a short queue beyond which
// requests are refused with 503 and Retry-After. Request content can never
// read the machine's files, and every fetch — the page of a {"url": …}
// request and the images of any article — reaches public internet
// addresses only, checked on the address actually connected to, redirects
// included. docs/http-api.md describes the API.
//
// A program embeds the service by mounting the handler:
//
//	srv, err := server.New(server.Config{Token: os.Getenv("GALLEY_TOKEN")})
//	...
//	http.Handle("/", srv)
package server

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/internal/netguard"
)

// Defaults of Config's zero fields.
const (
	DefaultMaxBodyBytes      = 10 << 20
	DefaultMaxPages          = 500
	DefaultMaxImages         = 50
	DefaultMaxImageBytes     = 10 << 20
	DefaultTimeout           = 30 * time.Second
	DefaultHeaderTimeout     = 10 * time.Second
	DefaultIdleTimeout       = 60 * time.Second
	DefaultMinRate           = 16 << 10 // bytes a second
	DefaultMaxConnsPerClient = 32
	DefaultMemoryBudget      = 256 << 20
)

// Config sets the service's limits and policies. The zero value is a safe
// service: limits at their defaults, no URL fetching, no authentication,
// public addresses only for images.
type Config struct {
	// MaxBodyBytes limits a request body (413 beyond); 0 is 10 MB.
	MaxBodyBytes int64
	// MaxPages limits a rendered PDF (422 beyond); 0 is 500.
	MaxPages int
	// MaxImages is the most images loaded per article (the rest print
	// their captions); 0 is 50.
	MaxImages int
	// MaxImageBytes limits each image download; 0 is 10 MB.
	MaxImageBytes int64
	// Timeout bounds a request from its first byte to the last byte of
	// its answer: reading the body, waiting for a render slot, rendering
	// and sending. The render is cancelled and 504 answered when it
	// passes; 0 is 30 s.
	Timeout time.Duration
	// HeaderTimeout bounds reading a request's headers (the connection is
	// closed beyond), never more than Timeout; 0 is 10 s. It applies to
	// the http.Server from HTTPServer.
	HeaderTimeout time.Duration
	// IdleTimeout closes a kept-alive connection that sends no new
	// request for so long; 0 is 60 s. It applies to the http.Server from
	// HTTPServer.
	IdleTimeout time.Duration
	// MinRate is the slowest, in bytes a second, a request body may arrive
	// (on average, from RateGrace after it starts) and an answer be read
	// (each 64 KB within RateGrace plus its time at MinRate): a slower
	// body is answered 408, a slower reader's answer is abandoned. 0 is
	// 16 KB/s; negative sets none (Timeout still holds).
	MinRate int64
	// MaxConnsPerClient is the most connections one client address (an
	// IPv6 client's /64) may hold open; more are closed as they arrive.
	// 0 is 32; negative sets no limit. It applies to the listener from
	// Listener.
	MaxConnsPerClient int
	// MaxConcurrent is the number of renders at once; 0 is the number of
	// CPUs. When each of them is heavy (see MemoryBudget), one light render
	// more may run beside them.
	MaxConcurrent int
	// MaxQueue is the number of requests that may wait for a render slot;
	// more are refused at once with 503 and Retry-After. 0 is four per
	// render slot; negative queues none.
	MaxQueue int
	// MemoryBudget bounds the memory the renders running at once are
	// estimated to need (from their bodies and images) plus the answers
	// waiting to be sent: a render waits until its estimate fits, though
	// one may always run alone. A render estimated above an eighth of it
	// is heavy. 0 is 256 MB.
	MemoryBudget int64
	// FetchURLs lets {"url": "…"} requests fetch a page to print.
	FetchURLs bool
	// NoRemoteImages never fetches images from the network: figures print
	// their captions (data: URIs still print).
	NoRemoteImages bool
	// AllowHosts, when not empty, is the only hosts (and their subdomains)
	// pages and images may be fetched from.
	AllowHosts []string
	// Token, when set, is the bearer token every /v1/ request must carry.
	Token string
	// Sites are the operator's site rules (galley.LoadSiteRules, galley
	// serve --sites): those matching an HTML page's host add their
	// selectors to the request's remove and keep. A request never names
	// a rule file.
	Sites []galley.SiteRule
	// Logger receives one JSON line per request; nil logs to standard
	// error.
	Logger *slog.Logger
	// Registry receives the metrics and serves /metrics; nil makes a new
	// one with the Go and process collectors.
	Registry *prometheus.Registry

	// guard overrides the address policy: tests reach their fixtures on
	// loopback through AllowAddrs and fake DNS through Resolver.
	guard *netguard.Policy
}

// Server is the printing service. It is an http.Handler; HTTPServer and
// Listener add the connection limits.
type Server struct {
	cfg     Config
	mux     *http.ServeMux
	log     *slog.Logger
	client  *http.Client // guarded: public addresses only
	guard   netguard.Policy
	admit   *admission
	metrics *metrics
	reclaim *reclaimer
	bodies  bodyBuffers // request bodies' buffers, reused
	nextID  atomic.Uint64
	idBase  string
	grace   time.Duration // RateGrace; tests shorten it

	// onRender, when set by tests, is called as a render starts, in the
	// goroutine that renders.
	onRender func(ctx context.Context)
	// onStreamWrite, when set by tests, is called after each write of a
	// streamed render, with the bytes written so far.
	onStreamWrite func(n int)
}

//go:embed openapi.yaml
var openAPI []byte

// New returns a Server for cfg.
func New(cfg Config) (*Server, error) {
	cfg = cfg.withDefaults()
	m, err := newMetrics(cfg.Registry)
	if err != nil {
		return nil, err
	}
	guard := netguard.Policy{AllowHosts: cfg.AllowHosts, Timeout: cfg.Timeout}
	if cfg.guard != nil {
		guard = *cfg.guard
		guard.AllowHosts = cfg.AllowHosts
	}
	var b [4]byte
	_, _ = rand.Read(b[:])
	s := &Server{
		cfg:     cfg,
		mux:     http.NewServeMux(),
		log:     cfg.Logger,
		guard:   guard,
		client:  guard.Client(),
		admit:   newAdmission(cfg.MaxConcurrent, cfg.MaxQueue, cfg.MemoryBudget),
		metrics: m,
		idBase:  hex.EncodeToString(b[:]),
		grace:   RateGrace,
	}
	s.reclaim = newReclaimer(s.admit.quiet, s.bodies.drop)
	s.admit.idle = s.reclaim.idle
	if err := m.watch(cfg.Registry, s.admit); err != nil {
		return nil, err
	}
	s.mux.Handle("POST /v1/render", s.wrap("render", true, s.render))
	s.mux.Handle("POST /v1/inspect", s.wrap("inspect", true, s.inspect))
	s.mux.Handle("POST /v1/preview", s.wrap("preview", true, s.preview))
	s.mux.Handle("GET /v1/openapi.yaml", s.wrap("openapi", false, func(w http.ResponseWriter, r *http.Request) (*answer, error) {
		return &answer{status: http.StatusOK, header: http.Header{"Content-Type": {"application/yaml"}}, body: openAPI}, nil
	}))
	s.mux.Handle("GET /healthz", s.wrap("healthz", false, func(w http.ResponseWriter, r *http.Request) (*answer, error) {
		return &answer{status: http.StatusOK, header: http.Header{"Content-Type": {"text/plain; charset=utf-8"}}, body: []byte("ok\n")}, nil
	}))
	s.mux.Handle("GET /metrics", promhttp.HandlerFor(cfg.Registry, promhttp.HandlerOpts{}))
	// other methods and paths answer the JSON error too
	for _, path := range []string{"/v1/render", "/v1/inspect", "/v1/preview"} {
		s.mux.Handle(path, s.wrap("other", false, methodNotAllowed("POST")))
	}
	for _, path := range []string{"/v1/openapi.yaml", "/healthz", "/metrics"} {
		s.mux.Handle(path, s.wrap("other", false, methodNotAllowed("GET", "HEAD")))
	}
	s.mux.Handle("/", s.wrap("other", false, notFound))
	return s, nil
}

// withDefaults fills c's zero fields.
func (c Config) withDefaults() Config {
	setDefault(&c.MaxBodyBytes, DefaultMaxBodyBytes)
	setDefault(&c.MaxPages, DefaultMaxPages)
	setDefault(&c.MaxImages, DefaultMaxImages)
	setDefault(&c.MaxImageBytes, DefaultMaxImageBytes)
	setDefault(&c.Timeout, DefaultTimeout)
	setDefault(&c.HeaderTimeout, DefaultHeaderTimeout)
	setDefault(&c.IdleTimeout, DefaultIdleTimeout)
	setDefault(&c.MemoryBudget, DefaultMemoryBudget)
	setDefault(&c.MaxConcurrent, runtime.NumCPU())
	if c.MinRate == 0 {
		c.MinRate = DefaultMinRate
	}
	switch {
	case c.MaxConnsPerClient == 0:
		c.MaxConnsPerClient = DefaultMaxConnsPerClient
	case c.MaxConnsPerClient < 0:
		c.MaxConnsPerClient = 0
	}
	switch {
	case c.MaxQueue == 0:
		c.MaxQueue = 4 * c.MaxConcurrent
	case c.MaxQueue < 0:
		c.MaxQueue = 0
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	if c.Registry == nil {
		c.Registry = prometheus.NewRegistry()
		c.Registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	return c
}

// setDefault sets *v to def when it is zero or negative.
func setDefault[T int | int64 | time.Duration](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}

// ServeHTTP routes a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mux.ServeHTTP(w, r)
}

// handlerFunc makes the answer to a request, whole, or fails; wrap sends
// either. Its request's context ends at the request's deadline.
type handlerFunc func(http.ResponseWriter, *http.Request) (*answer, error)

// wrap adds what every endpoint shares: the request's deadline (Timeout
// from its first byte), the request ID, authentication (when auth is set
// and a token is configured), sending the answer or the error within the
// deadline, the log line and the metrics.
func (s *Server) wrap(name string, auth bool, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := requestStart(r)
		deadline := start.Add(s.cfg.Timeout)
		ctx, cancel := context.WithDeadline(r.Context(), deadline)
		defer cancel()
		r = r.WithContext(ctx)
		id := requestID(r.Header.Get("X-Request-ID"))
		if id == "" {
			id = s.idBase + "-" + strconv.FormatUint(s.nextID.Add(1), 10)
		}
		w.Header().Set("X-Request-ID", id)
		var ans *answer
		var err error
		if auth && s.cfg.Token != "" && !s.authorized(r) {
			err = &apiError{status: http.StatusUnauthorized, code: "unauthorized", message: "a valid bearer token is required",
				header: http.Header{"Www-Authenticate": {`Bearer realm="galley"`}}}
			s.metrics.rejections.WithLabelValues("unauthorized").Inc()
		} else {
			ans, err = h(w, r)
		}
		if err != nil {
			ans = s.errorAnswer(err, id)
		}
		code, sent := 499, 0
		var sendErr error
		if ans != nil {
			code = ans.status
			sent, sendErr = s.send(w, r, ans, deadline)
			if ans.done != nil {
				ans.done()
			}
		}
		d := time.Since(start)
		s.metrics.requests.WithLabelValues(name, strconv.Itoa(code)).Inc()
		s.metrics.duration.WithLabelValues(name).Observe(d.Seconds())
		attrs := []any{"id", id, "method", r.Method, "path", r.URL.Path, "status", code,
			"ms", float64(d.Microseconds()) / 1000, "bytes", sent, "remote", r.RemoteAddr}
		if pages := ans.pageCount(); pages > 0 {
			attrs = append(attrs, "pages", pages)
		}
		if err = errors.Join(err, sendErr); err != nil {
			attrs = append(attrs, "error", err.Error())
		}
		level := slog.LevelInfo
		if code >= 500 && code != http.StatusServiceUnavailable ||
			sendErr != nil && !errors.Is(sendErr, errSlowReader) && !errors.Is(sendErr, context.Canceled) {
			level = slog.LevelError
		}
		s.log.Log(context.WithoutCancel(ctx), level, "request", attrs...)
		if errors.Is(sendErr, errStreamCut) {
			panic(http.ErrAbortHandler) // the client must not take a cut answer for a whole one
		}
	})
}

// authorized checks the bearer token in constant time.
func (s *Server) authorized(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(h, "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(strings.TrimSpace(tok)), []byte(s.cfg.Token)) == 1
}

// requestID keeps a caller's X-Request-ID when it is short and plain.
func requestID(s string) string {
	if len(s) == 0 || len(s) > 64 {
		return ""
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-_.:", c)) {
			return ""
		}
	}
	return s
}
