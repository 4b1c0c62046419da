package galley_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/galleyprint/galley"
)

const storyHTML = `<!DOCTYPE html><html><head><title>A Story</title></head><body><article><p>Text.</p></article></body></html>`

func newPageServer(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/story.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(storyHTML))
	})
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/story.html", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/chain/", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/old", http.StatusFound)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/post.md", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/markdown")
		w.Write([]byte("# Post\n\nText.\n"))
	})
	mux.HandleFunc("/untyped", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil // no sniffing
		w.Write([]byte("Plain words."))
	})
	mux.HandleFunc("/photo.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n"))
	})
	mux.HandleFunc("/zip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/zip")
		w.Write([]byte("PK"))
	})
	mux.HandleFunc("/big.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<p>" + strings.Repeat("word ", 1000) + "</p>")) // 5,007 bytes
	})
	mux.HandleFunc("/exact.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(strings.Repeat("a", 1000)))
	})
	mux.HandleFunc("/error", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // answers only when the client gives up
	})
	mux.HandleFunc("/to-ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://files.example/story.txt", http.StatusFound)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "file:///etc/passwd")
		w.WriteHeader(http.StatusFound)
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func TestFetchPage(t *testing.T) {
	srv, _ := newPageServer(t)
	tests := []struct {
		name    string
		url     string
		lim     galley.FetchLimits
		wantURL string // the final address; "" when an error is wanted
		wantCT  string
		wantErr string // in the message
	}{
		{name: "ok", url: srv.URL + "/story.html", wantURL: srv.URL + "/story.html", wantCT: "text/html; charset=utf-8"},
		{name: "after a redirect", url: srv.URL + "/old", wantURL: srv.URL + "/story.html", wantCT: "text/html; charset=utf-8"},
		{name: "after two redirects", url: srv.URL + "/chain/x", wantURL: srv.URL + "/story.html", wantCT: "text/html; charset=utf-8"},
		{name: "markdown", url: srv.URL + "/post.md", wantURL: srv.URL + "/post.md", wantCT: "text/markdown"},
		{name: "no content type", url: srv.URL + "/untyped", wantURL: srv.URL + "/untyped"},
		{name: "exactly MaxBytes", url: srv.URL + "/exact.html", lim: galley.FetchLimits{MaxBytes: 1000}, wantURL: srv.URL + "/exact.html", wantCT: "text/html"},
		{name: "404", url: srv.URL + "/missing.html", wantErr: "404"},
		{name: "500", url: srv.URL + "/error", wantErr: "500"},
		{name: "an image", url: srv.URL + "/photo.png", wantErr: "image/png"},
		{name: "a zip", url: srv.URL + "/zip", wantErr: "application/zip"},
		{name: "over MaxBytes", url: srv.URL + "/big.html", lim: galley.FetchLimits{MaxBytes: 1000}, wantErr: "larger"},
		{name: "redirect loop", url: srv.URL + "/loop", wantErr: "redirect"},
		{name: "too many redirects", url: srv.URL + "/chain/x", lim: galley.FetchLimits{MaxRedirects: 1}, wantErr: "redirect"},
		{name: "redirect to ftp", url: srv.URL + "/to-ftp", wantErr: "ftp://files.example/story.txt"},
		{name: "redirect to file", url: srv.URL + "/to-file", wantErr: "file:///etc/passwd"},
		{name: "ftp URL", url: "ftp://files.example/story.txt", wantErr: "not an http or https URL"},
		{name: "file URL", url: "file:///etc/passwd", wantErr: "not an http or https URL"},
		{name: "no host", url: "http:///story.html", wantErr: "not an http or https URL"},
		{name: "not a URL", url: "story.html", wantErr: "not an http or https URL"},
		{name: "timeout", url: srv.URL + "/slow", lim: galley.FetchLimits{Timeout: 200 * time.Millisecond}, wantErr: "Timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			page, err := galley.FetchPage(context.Background(), nil, tt.url, tt.lim)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("no error, got %d bytes from %s", len(page.Data), page.URL)
				}
				if !errors.Is(err, galley.ErrFetch) {
					t.Errorf("%v does not wrap ErrFetch", err)
				}
				// only where a redirect led is refused as blocked
				if blocked := strings.HasPrefix(tt.name, "redirect to"); errors.Is(err, galley.ErrBlocked) != blocked {
					t.Errorf("%v: wraps ErrBlocked %v, want %v", err, !blocked, blocked)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error %q does not mention %q", err, tt.wantErr)
				}
				if page != nil {
					t.Errorf("a page with the error: %+v", page)
				}
				if d := time.Since(start); d > 5*time.Second {
					t.Errorf("took %v", d)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if page.URL != tt.wantURL {
				t.Errorf("URL = %q, want %q", page.URL, tt.wantURL)
			}
			if page.ContentType != tt.wantCT {
				t.Errorf("content type = %q, want %q", page.ContentType, tt.wantCT)
			}
			if len(page.Data) == 0 {
				t.Error("no data")
			}
		})
	}
}

// TestFetchPageMaxBytesMessage: the size limit is named as set.
func TestFetchPageMaxBytesMessage(t *testing.T) {
	srv, _ := newPageServer(t)
	_, err := galley.FetchPage(context.Background(), nil, srv.URL+"/big.html", galley.FetchLimits{MaxBytes: 1000})
	if err == nil {
		t.Fatal("no error")
	}
	if strings.Contains(err.Error(), " 0 MB") {
		t.Errorf("error %q: a 1,000-byte limit reads as 0 MB", err)
	}
}

func TestFetchPageCancelled(t *testing.T) {
	srv, hits := newPageServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := galley.FetchPage(ctx, nil, srv.URL+"/story.html", galley.FetchLimits{})
	if !errors.Is(err, galley.ErrFetch) {
		t.Errorf("err = %v, want ErrFetch", err)
	}
	if hits.Load() != 0 {
		t.Errorf("%d requests despite the cancelled context", hits.Load())
	}
}

// TestFetchPageClient: a caller's client is used, with its own redirect
// check still asked, and the User-Agent is galley's.
func TestFetchPageClient(t *testing.T) {
	var ua atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua.Store(r.UserAgent())
		if r.URL.Path == "/old" {
			http.Redirect(w, r, "/new", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(storyHTML))
	}))
	t.Cleanup(srv.Close)
	var asked atomic.Int32
	client := &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error {
		asked.Add(1)
		return errors.New("redirects refused by the caller")
	}}
	if _, err := galley.FetchPage(context.Background(), client, srv.URL+"/old", galley.FetchLimits{}); err == nil || !strings.Contains(err.Error(), "refused by the caller") {
		t.Errorf("err = %v, want the caller's redirect refusal", err)
	}
	if asked.Load() != 1 {
		t.Errorf("the caller's CheckRedirect was asked %d times", asked.Load())
	}
	if client.CheckRedirect == nil || client.Timeout != 0 {
		t.Error("the caller's client was modified")
	}
	page, err := galley.FetchPage(context.Background(), client, srv.URL+"/new", galley.FetchLimits{UserAgent: "test-agent/1"})
	if err != nil {
		t.Fatal(err)
	}
	if page.URL != srv.URL+"/new" || ua.Load() != "test-agent/1" {
		t.Errorf("URL %q, User-Agent %q", page.URL, ua.Load())
	}
	if _, err := galley.FetchPage(context.Background(), nil, srv.URL+"/new", galley.FetchLimits{}); err != nil {
		t.Fatal(err)
	}
	if got := ua.Load().(string); !strings.HasPrefix(got, "galley") {
		t.Errorf("default User-Agent %q", got)
	}
}

func TestFormatOf(t *testing.T) {
	tests := []struct {
		contentType string
		want        galley.Format
	}{
		{"text/html", "html"},
		{"text/html; charset=utf-8", "html"},
		{"TEXT/HTML; Charset=ISO-8859-1", "html"},
		{"application/xhtml+xml", "html"},
		{"text/markdown", "markdown"},
		{"text/markdown; charset=UTF-8; variant=GFM", "markdown"},
		{"text/x-markdown", "markdown"},
		{"application/json", "json"},
		{"application/json; charset=utf-8", "json"},
		{"application/x-ndjson", "jsonl"},
		{"application/jsonl", "jsonl"},
		{"text/plain", ""},
		{"application/octet-stream", ""},
		{"", ""},
		{"not a media type;;", ""},
	}
	for _, tt := range tests {
		if got := galley.FormatOf(tt.contentType); got != tt.want {
			t.Errorf("FormatOf(%q) = %q, want %q", tt.contentType, got, tt.want)
		}
	}
	// every format FormatOf names is one Parse reads
	for _, f := range []galley.Format{"html", "markdown", "json", "jsonl"} {
		if _, err := galley.Parse([]byte("x"), galley.ParseOptions{Format: f}); err != nil && errors.Is(err, galley.ErrUnsupportedFormat) && strings.Contains(err.Error(), "unknown format") {
			t.Errorf("format %q is unknown to Parse", f)
		}
	}
}
