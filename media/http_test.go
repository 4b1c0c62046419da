package media

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

func TestHTTP(t *testing.T) {
	png := pngBytes(t, lineArt(8, 8))
	var userAgent atomic.Value
	mux := http.NewServeMux()
	mux.HandleFunc("/a.png", func(w http.ResponseWriter, r *http.Request) {
		userAgent.Store(r.UserAgent())
		w.Header().Set("Content-Type", "image/png")
		w.Write(png)
	})
	mux.HandleFunc("/charset.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "IMAGE/PNG; charset=binary")
		w.Write(png)
	})
	mux.HandleFunc("/octet", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(png)
	})
	mux.HandleFunc("/octet-text", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write([]byte("just some text"))
	})
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html>consent wall</html>"))
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(make([]byte, 2000)) // with a Content-Length
	})
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		for range 20 {
			w.Write(make([]byte, 100))
			w.(http.Flusher).Flush() // no Content-Length
		}
	})
	mux.HandleFunc("/exact", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.(http.Flusher).Flush()
		w.Write(make([]byte, 1000))
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	var hops atomic.Int32
	mux.HandleFunc("/hop/", func(w http.ResponseWriter, r *http.Request) {
		hops.Add(1)
		var n int
		fmt.Sscanf(r.URL.Path, "/hop/%d", &n)
		if n == 0 {
			http.Redirect(w, r, "/a.png", http.StatusFound)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusMovedPermanently)
	})
	mux.HandleFunc("/to-ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.com/a.png", http.StatusFound)
	})
	mux.HandleFunc("/to-localhost", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://localhost"+r.Host[strings.LastIndex(r.Host, ":"):]+"/a.png", http.StatusFound)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // until the client gives up
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(png[:10])
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	u := srv.URL

	only127 := func(host string) bool { return host == "127.0.0.1" }
	tests := []struct {
		name    string
		h       HTTP
		path    string
		ct      string
		wantErr error
		status  int
		msg     string
	}{
		{"ok", HTTP{}, "/a.png", "image/png", nil, 0, ""},
		{"parameters in the type", HTTP{}, "/charset.png", "image/png", nil, 0, ""},
		{"octet-stream sniffed", HTTP{}, "/octet", "image/png", nil, 0, ""},
		{"octet-stream text", HTTP{}, "/octet-text", "", ErrNotImage, 0, ""},
		{"not found", HTTP{}, "/none.png", "", nil, 404, "404 Not Found"},
		{"html", HTTP{}, "/page", "", ErrNotImage, 0, "text/html"},
		{"over MaxBytes by Content-Length", HTTP{MaxBytes: 1000}, "/big", "", ErrTooLarge, 0, ""},
		{"over MaxBytes chunked", HTTP{MaxBytes: 1000}, "/big-chunked", "", ErrTooLarge, 0, ""},
		{"exactly MaxBytes", HTTP{MaxBytes: 1000}, "/exact", "image/png", nil, 0, ""},
		{"redirects followed", HTTP{MaxRedirects: 3}, "/hop/2", "image/png", nil, 0, ""},
		{"redirect loop", HTTP{MaxRedirects: 3}, "/loop", "", ErrTooManyRedirects, 0, "after 3"},
		{"too many redirects", HTTP{MaxRedirects: 3}, "/hop/3", "", ErrTooManyRedirects, 0, ""},
		{"no redirects", HTTP{MaxRedirects: -1}, "/hop/0", "", ErrTooManyRedirects, 0, ""},
		{"redirect to ftp", HTTP{}, "/to-ftp", "", ErrBadReference, 0, ""},
		{"host refused", HTTP{AllowHost: func(string) bool { return false }}, "/a.png", "", ErrHostRefused, 0, ""},
		{"redirect to a refused host", HTTP{AllowHost: only127}, "/to-localhost", "", ErrHostRefused, 0, "localhost"},
		{"times out", HTTP{Timeout: 50 * time.Millisecond}, "/slow", "", context.DeadlineExceeded, 0, "within 50ms"},
		{"body times out", HTTP{Timeout: 50 * time.Millisecond}, "/slow-body", "", context.DeadlineExceeded, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			data, ct, err := tc.h.Fetch(context.Background(), u+tc.path)
			if time.Since(start) > 5*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
			if tc.msg != "" && (err == nil || !strings.Contains(err.Error(), tc.msg)) {
				t.Errorf("error %v does not say %q", err, tc.msg)
			}
			if tc.status != 0 {
				var se *StatusError
				if !errors.As(err, &se) || se.StatusCode != tc.status {
					t.Fatalf("got %v, want status %d", err, tc.status)
				}
				return
			}
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("got %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if ct != tc.ct || (tc.path != "/exact" && !bytes.Equal(data, png)) {
				t.Errorf("got %d bytes of %s", len(data), ct)
			}
		})
	}
	if ua, _ := userAgent.Load().(string); ua != DefaultUserAgent {
		t.Errorf("User-Agent %q", ua)
	}
	if _, _, err := (HTTP{UserAgent: "test/1"}).Fetch(context.Background(), u+"/a.png"); err != nil || userAgent.Load() != "test/1" {
		t.Errorf("own User-Agent: %v, %v", err, userAgent.Load())
	}
}

func TestHTTPBadURLs(t *testing.T) {
	for _, ref := range []string{"ftp://example.com/a.png", "http:///a.png", "http://[::1", "/a.png"} {
		if _, _, err := (HTTP{}).Fetch(context.Background(), ref); !errors.Is(err, ErrBadReference) {
			t.Errorf("%s: got %v, want ErrBadReference", ref, err)
		}
	}
}

// TestHTTPClient checks that a supplied client is used and not modified:
// its transport (where a service puts its address guard) sees every
// connection, and its own CheckRedirect still runs.
func TestHTTPClient(t *testing.T) {
	png := pngBytes(t, lineArt(8, 8))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/r" {
			http.Redirect(w, r, "/a.png", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Write(png)
	}))
	defer srv.Close()
	var dials, checks atomic.Int32
	guard := &net.Dialer{Control: func(network, address string, _ syscall.RawConn) error {
		dials.Add(1)
		if !strings.HasPrefix(address, "127.0.0.1:") {
			return fmt.Errorf("address %s refused", address)
		}
		return nil
	}}
	tr := &http.Transport{DialContext: guard.DialContext}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error {
		checks.Add(1)
		return nil
	}}
	h := HTTP{Client: client}
	if _, _, err := h.Fetch(context.Background(), srv.URL+"/r"); err != nil {
		t.Fatal(err)
	}
	if dials.Load() == 0 || checks.Load() != 1 {
		t.Errorf("dials %d, own redirect checks %d", dials.Load(), checks.Load())
	}
	if client.CheckRedirect == nil || client.Timeout != 0 {
		t.Error("the client was modified")
	}
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	if _, _, err := h.Fetch(context.Background(), "http://[::1]"+port+"/a.png"); err == nil || !strings.Contains(err.Error(), "refused") {
		t.Errorf("the guard did not refuse ::1: %v", err)
	}
}

func TestHTTPCancel(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	_, _, err := HTTP{}.Fetch(ctx, srv.URL+"/a.png")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}
