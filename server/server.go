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

	"github.com/galleyprint/galley/internal/netguard"
)

// Defaults of Config's zero fields.
const (
	DefaultMaxBodyBytes  = 10 << 20
	DefaultMaxPages      = 500
	DefaultMaxImages     = 50
	DefaultMaxImageBytes = 10 << 20
	DefaultTimeout       = 30 * time.Second
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
	// Timeout bounds a request from its arrival, queueing included (504
	// beyond); 0 is 30 s.
	Timeout time.Duration
	// MaxConcurrent is the number of renders at once; 0 is the number of
	// CPUs.
	MaxConcurrent int
	// MaxQueue is the number of requests that may wait for a render slot;
	// more are refused at once with 503 and Retry-After. 0 is four per
	// render slot; negative queues none.
	MaxQueue int
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

// Server is the printing service. It is an http.Handler.
type Server struct {
	cfg     Config
	mux     *http.ServeMux
	log     *slog.Logger
	client  *http.Client // guarded: public addresses only
	guard   netguard.Policy
	admit   *admission
	metrics *metrics
	nextID  atomic.Uint64
	idBase  string

	// onRender, when set by tests, is called as a render starts.
	onRender func()
}

//go:embed openapi.yaml
var openAPI []byte

// New returns a Server for cfg.
func New(cfg Config) (*Server, error) {
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.MaxPages <= 0 {
		cfg.MaxPages = DefaultMaxPages
	}
	if cfg.MaxImages <= 0 {
		cfg.MaxImages = DefaultMaxImages
	}
	if cfg.MaxImageBytes <= 0 {
		cfg.MaxImageBytes = DefaultMaxImageBytes
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = runtime.NumCPU()
	}
	switch {
	case cfg.MaxQueue == 0:
		cfg.MaxQueue = 4 * cfg.MaxConcurrent
	case cfg.MaxQueue < 0:
		cfg.MaxQueue = 0
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	if cfg.Registry == nil {
		cfg.Registry = prometheus.NewRegistry()
		cfg.Registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
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
		admit:   newAdmission(cfg.MaxConcurrent, cfg.MaxQueue),
		metrics: m,
		idBase:  hex.EncodeToString(b[:]),
	}
	if err := m.watchQueue(cfg.Registry, s.admit); err != nil {
		return nil, err
	}
	s.mux.Handle("POST /v1/render", s.wrap("render", true, s.render))
	s.mux.Handle("POST /v1/inspect", s.wrap("inspect", true, s.inspect))
	s.mux.Handle("POST /v1/preview", s.wrap("preview", true, s.preview))
	s.mux.Handle("GET /v1/openapi.yaml", s.wrap("openapi", false, func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "application/yaml")
		_, err := w.Write(openAPI)
		return err
	}))
	s.mux.Handle("GET /healthz", s.wrap("healthz", false, func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, err := w.Write([]byte("ok\n"))
		return err
	}))
	s.mux.Handle("GET /metrics", promhttp.HandlerFor(cfg.Registry, promhttp.HandlerOpts{}))
	return s, nil
}

// ServeHTTP routes a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mux.ServeHTTP(w, r)
}

// handlerFunc is a handler that returns its failure; wrap writes it.
type handlerFunc func(http.ResponseWriter, *http.Request) error

// wrap adds what every endpoint shares: the request ID, authentication
// (when auth is set and a token is configured), the error answer, the log
// line and the metrics.
func (s *Server) wrap(name string, auth bool, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := requestID(r.Header.Get("X-Request-ID"))
		if id == "" {
			id = s.idBase + "-" + strconv.FormatUint(s.nextID.Add(1), 10)
		}
		w.Header().Set("X-Request-ID", id)
		rw := &recorder{ResponseWriter: w}
		var err error
		if auth && s.cfg.Token != "" && !s.authorized(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="galley"`)
			err = &apiError{http.StatusUnauthorized, "unauthorized", "a valid bearer token is required"}
			s.metrics.rejections.WithLabelValues("unauthorized").Inc()
		} else {
			err = h(rw, r)
		}
		if err != nil {
			s.fail(rw, r, err)
		}
		d := time.Since(start)
		code := rw.code()
		s.metrics.requests.WithLabelValues(name, strconv.Itoa(code)).Inc()
		s.metrics.duration.WithLabelValues(name).Observe(d.Seconds())
		attrs := []any{"id", id, "method", r.Method, "path", r.URL.Path, "status", code,
			"ms", float64(d.Microseconds()) / 1000, "bytes", rw.n, "remote", r.RemoteAddr}
		if rw.pages > 0 {
			attrs = append(attrs, "pages", rw.pages)
		}
		if err != nil {
			attrs = append(attrs, "error", err.Error())
		}
		level := slog.LevelInfo
		if code >= 500 && code != http.StatusServiceUnavailable {
			level = slog.LevelError
		}
		s.log.Log(r.Context(), level, "request", attrs...)
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

// recorder remembers the status and counts the bytes written.
type recorder struct {
	http.ResponseWriter
	status int
	n      int64
	pages  int // of the PDF sent, for the log
}

func (w *recorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *recorder) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.n += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (w *recorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// code is the status sent, 499 (nginx's "client closed request") when the
// client left before any.
func (w *recorder) code() int {
	if w.status == 0 {
		return 499
	}
	return w.status
}

// errClientGone marks a request whose client disconnected.
var errClientGone = errors.New("client disconnected")
