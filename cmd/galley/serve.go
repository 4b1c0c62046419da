package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/server"
)

// serveOptions are the flags of galley serve.
type serveOptions struct {
	addr       string
	cfg        server.Config
	allowHosts string
	tokenFile  string
	sites      string
	drain      time.Duration
}

func newServeCmd(e *env) *cobra.Command {
	o := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the HTTP printing service",
		Long: "serve runs the HTTP printing service; docs/http-api.md describes it.\n\n" +
			"Reads: requests. POST /v1/render, /v1/preview and /v1/inspect take an article in\n" +
			"the body, by Content-Type: text/html (a web page), text/markdown, text/plain,\n" +
			"application/json (article JSON, or {\"url\": …} to fetch with --fetch-urls) or\n" +
			"application/x-ndjson (JSON Lines, inspect only); options in the query. Feeds and\n" +
			"archives are refused: print them with galley batch.\n\n" +
			"Writes: answers: a PDF (render), a PNG page (preview), article JSON (inspect),\n" +
			"GET /healthz, GET /metrics (Prometheus) and GET /v1/openapi.yaml; a JSON log line\n" +
			"per request on standard error. It writes no file.\n\n" +
			"It is safe to expose: request content never reads local files, fetches reach\n" +
			"public addresses only, and every request is bounded in size, pages, images,\n" +
			"time and concurrency. SIGTERM or Ctrl-C stops taking requests and finishes the\n" +
			"ones in flight. The bearer token is read from $GALLEY_TOKEN or --token-file.",
		Example: "  galley serve                                   # 127.0.0.1:8080\n" +
			"  GALLEY_TOKEN=s3cret galley serve --addr :8080  # a bearer token on /v1/\n" +
			"  curl --data-binary @story.html -H 'Content-Type: text/html' localhost:8080/v1/render -o story.pdf",
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd.Context(), e)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on")
	f.Int64Var(&o.cfg.MaxBodyBytes, "max-body", server.DefaultMaxBodyBytes, "largest request body, in bytes")
	f.IntVar(&o.cfg.MaxPages, "max-pages", server.DefaultMaxPages, "most pages a PDF may have")
	f.IntVar(&o.cfg.MaxImages, "max-images", server.DefaultMaxImages, "most images loaded per article")
	f.Int64Var(&o.cfg.MaxImageBytes, "max-image-bytes", server.DefaultMaxImageBytes, "largest image download, in bytes")
	f.DurationVar(&o.cfg.Timeout, "timeout", server.DefaultTimeout, "time limit of a request from its first byte to the last of its answer (504 beyond)")
	f.DurationVar(&o.cfg.HeaderTimeout, "header-timeout", server.DefaultHeaderTimeout, "time limit for a request's headers (at most --timeout)")
	f.DurationVar(&o.cfg.IdleTimeout, "idle-timeout", server.DefaultIdleTimeout, "how long a kept-alive connection may wait for its next request")
	f.Int64Var(&o.cfg.MinRate, "min-rate", server.DefaultMinRate, "slowest a body may arrive or an answer be read, in bytes a second, after 2 s (negative: none)")
	f.IntVar(&o.cfg.MaxConnsPerClient, "max-conns-per-client", server.DefaultMaxConnsPerClient, "most connections one client address may hold (negative: no limit)")
	f.IntVar(&o.cfg.MaxConcurrent, "concurrency", 0, "renders at once (default: the number of CPUs)")
	f.IntVar(&o.cfg.MaxQueue, "queue", 0, "requests that may wait for a render (default: 4 per render slot)")
	f.Int64Var(&o.cfg.MemoryBudget, "max-memory", server.DefaultMemoryBudget, "memory the renders at once may be estimated to need, in bytes")
	f.BoolVar(&o.cfg.FetchURLs, "fetch-urls", false, `accept {"url": …} requests and fetch the page`)
	f.BoolVar(&o.cfg.NoRemoteImages, "no-remote-images", false, "never fetch images from the network")
	f.StringVar(&o.allowHosts, "allow-hosts", "", "comma-separated hosts (and their subdomains) that may be fetched; default any public host")
	f.StringVar(&o.tokenFile, "token-file", "", "file holding the bearer token /v1/ requests must carry")
	f.StringVar(&o.sites, "sites", "", "a folder of site rules applied to the pages of their hosts (docs/site-rules.md); requests never name one")
	f.DurationVar(&o.drain, "drain", 60*time.Second, "on SIGTERM, how long in-flight requests may take to finish")
	return cmd
}

func (o *serveOptions) run(ctx context.Context, e *env) error {
	// renders allocate much and keep little: collect garbage at half the
	// default pace, and harder as the heap nears a soft limit above what
	// admission lets the renders hold; GOGC and GOMEMLIMIT, when set, win
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit(o.cfg.MemoryBudget))
	}
	o.cfg.Token = strings.TrimSpace(os.Getenv("GALLEY_TOKEN"))
	if o.tokenFile != "" {
		b, err := os.ReadFile(o.tokenFile)
		if err != nil {
			return usageError{fmt.Errorf("--token-file: %w", err)}
		}
		o.cfg.Token = strings.TrimSpace(string(b))
	}
	if o.sites != "" {
		rules, err := galley.LoadSiteRules(o.sites)
		if err != nil {
			return usageError{fmt.Errorf("--sites: %w", err)}
		}
		o.cfg.Sites = rules
	}
	for _, h := range strings.Split(o.allowHosts, ",") {
		if h = strings.TrimSpace(h); h != "" {
			o.cfg.AllowHosts = append(o.cfg.AllowHosts, h)
		}
	}
	logger := slog.New(slog.NewJSONHandler(e.stderr, nil))
	o.cfg.Logger = logger
	srv, err := server.New(o.cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	hs := srv.HTTPServer()
	logger.Info("listening", "addr", ln.Addr().String(), "auth", o.cfg.Token != "", "fetch_urls", o.cfg.FetchURLs)
	done := make(chan error, 1)
	go func() { done <- hs.Serve(srv.Listener(ln)) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down: finishing requests in flight", "drain", o.drain.String())
	sctx, cancel := context.WithTimeout(context.Background(), o.drain)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}

// memoryLimit is the Go runtime's soft memory limit for a service whose
// renders may be estimated to need budget bytes: that, and room for the
// runtime, the fonts and the requests being read or queued.
func memoryLimit(budget int64) int64 {
	if budget <= 0 {
		budget = server.DefaultMemoryBudget
	}
	return budget + 128<<20
}
