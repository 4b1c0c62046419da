package server

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/galleyprint/galley/internal/netguard"
)

// fixture is a loopback server that counts its requests.
type fixture struct {
	*httptest.Server
	hits atomic.Int64
}

func newFixture(t *testing.T, h http.HandlerFunc) *fixture {
	t.Helper()
	f := &fixture{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.hits.Add(1)
		h(w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fixture) hostPort() string { return strings.TrimPrefix(f.URL, "http://") }

func (f *fixture) port() string { return f.hostPort()[strings.LastIndexByte(f.hostPort(), ':')+1:] }

// testResolver answers like DNS would, with names that resolve to
// loopback: what a hostile page or a rebinding attack would set up.
func testResolver(_ context.Context, host string) ([]netip.Addr, error) {
	switch host {
	case "localhost":
		return []netip.Addr{netip.MustParseAddr("127.0.0.1"), netip.MustParseAddr("::1")}, nil
	case "public.example":
		return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
	}
	return nil, fmt.Errorf("no such host %s", host)
}

func pngBytes(t *testing.T) []byte {
	m := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for i := range m.Pix {
		m.Pix[i] = 200
	}
	m.Set(3, 3, color.Black)
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestURLRefusals: {"url": …} for every form of a non-public address is
// refused with 403 before anything reaches the target.
func TestURLRefusals(t *testing.T) {
	target := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, testHTML)
	})
	// the allowed fixture redirects to the target: another loopback port
	allowed := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+"/", http.StatusFound)
	})
	s, _ := New(Config{FetchURLs: true, Logger: discard, guard: &netguard.Policy{
		Resolver: testResolver, AllowAddrs: []string{allowed.hostPort()}}})
	ts := httptest.NewServer(s)
	defer ts.Close()
	port := target.port()
	for _, u := range []string{
		"http://127.0.0.1:" + port + "/",
		"http://localhost:" + port + "/",
		"http://[::1]:" + port + "/",
		"http://0.0.0.0:" + port + "/",
		"http://10.0.0.1/",
		"http://172.16.0.1/",
		"http://192.168.1.1/",
		"http://100.64.0.1/",
		"http://169.254.169.254/latest/meta-data/",
		"http://[::ffff:127.0.0.1]:" + port + "/",
		"http://2130706433:" + port + "/",
		"http://0177.0.0.1:" + port + "/",
		"http://0x7f.1:" + port + "/",
		"http://public.example:" + port + "/", // resolves to loopback
		allowed.URL + "/",                     // redirects to loopback
		"file:///etc/passwd",
		"gopher://127.0.0.1:" + port + "/",
	} {
		resp, data := post(t, ts, "/v1/render", "application/json", fmt.Sprintf(`{"url": %q}`, u))
		if resp.StatusCode != 403 || errorCode(t, data) != "blocked_address" {
			t.Errorf("%s: %d %s; want 403 blocked_address", u, resp.StatusCode, data)
		}
	}
	if n := target.hits.Load(); n != 0 {
		t.Errorf("the loopback target got %d requests", n)
	}
	if n := allowed.hits.Load(); n != 1 {
		t.Errorf("the allowed fixture got %d requests, want 1 (the redirect)", n)
	}
	if n := metricValue(t, ts, `galley_rejections_total{reason="blocked_address"}`); n != 17 {
		t.Errorf("blocked_address rejections: %v, want 17", n)
	}
}

// TestRedirectToOtherSchemes: a page that redirects to file:, gopher:,
// ftp: or data: is refused as a blocked address (403), like a redirect to
// a non-public address, not reported as a failed fetch (502).
func TestRedirectToOtherSchemes(t *testing.T) {
	page := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", r.URL.Query().Get("to"))
		w.WriteHeader(http.StatusFound)
	})
	s, _ := New(Config{FetchURLs: true, Logger: discard, guard: &netguard.Policy{AllowAddrs: []string{page.hostPort()}}})
	ts := httptest.NewServer(s)
	defer ts.Close()
	for _, to := range []string{"file:///etc/passwd", "gopher://127.0.0.1:70/", "ftp://files.example/a.html", "data:text/html,<p>hi</p>"} {
		u := page.URL + "/?to=" + url.QueryEscape(to)
		resp, data := post(t, ts, "/v1/render", "application/json", fmt.Sprintf(`{"url": %q}`, u))
		if resp.StatusCode != 403 || errorCode(t, data) != "blocked_address" || !strings.Contains(string(data), strings.SplitN(to, ":", 2)[0]) {
			t.Errorf("redirect to %s: %d %s; want 403 blocked_address naming it", to, resp.StatusCode, data)
		}
	}
}

var discard = slogDiscard()

// TestURLFetch: an allowed page is fetched and printed; its relative
// images resolve against it and load through the same guard.
func TestURLFetch(t *testing.T) {
	img := pngBytes(t)
	var page *fixture
	page = newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/story.html":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, strings.Replace(testHTML, "</article>", `<figure><img src="/pic.png"><figcaption>The quay.</figcaption></figure></article>`, 1))
		case "/pic.png":
			w.Header().Set("Content-Type", "image/png")
			w.Write(img)
		default:
			http.NotFound(w, r)
		}
	})
	s, err := New(Config{FetchURLs: true, Logger: discard, guard: &netguard.Policy{AllowAddrs: []string{page.hostPort()}}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	resp, data := post(t, ts, "/v1/render", "application/json", fmt.Sprintf(`{"url": %q}`, page.URL+"/story.html"))
	wantPDF(t, resp, data)
	if !bytes.Contains(data, []byte("/Subtype /Image")) {
		t.Error("the page's image is not in the PDF")
	}
	if n := page.hits.Load(); n != 2 {
		t.Errorf("fixture requests %d, want 2 (page and image)", n)
	}
}

// TestArticleImagesGuarded: images in posted articles never come from
// loopback or the machine's files; the figures print their captions.
func TestArticleImagesGuarded(t *testing.T) {
	img := pngBytes(t)
	target := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(img)
	})
	file := filepath.Join(t.TempDir(), "secret.png")
	if err := os.WriteFile(file, img, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{Logger: discard, guard: &netguard.Policy{Resolver: testResolver}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	var figs []string
	for _, src := range []string{
		target.URL + "/a.png",
		"http://localhost:" + target.port() + "/b.png",
		"http://public.example:" + target.port() + "/c.png",
		"file://" + file, file, "secret.png", "../secret.png",
	} {
		figs = append(figs, fmt.Sprintf(`{"type": "figure", "figure": {"src": %q, "caption": "Figure."}}`, src))
	}
	body := `{"title": "Pictures", "body": [{"type": "paragraph", "text": "Text."}, ` + strings.Join(figs, ", ") + `]}`
	resp, data := post(t, ts, "/v1/render", "application/json", body)
	wantPDF(t, resp, data)
	if bytes.Contains(data, []byte("/Subtype /Image")) {
		t.Error("an image from loopback or a local file is in the PDF")
	}
	if n := target.hits.Load(); n != 0 {
		t.Errorf("the loopback image server got %d requests", n)
	}
	// a data: URI needs no fetch and prints
	uri := "data:image/png;base64," + base64.StdEncoding.EncodeToString(img)
	resp, data = post(t, ts, "/v1/render", "application/json",
		`{"title": "Inline", "body": [{"type": "figure", "figure": {"src": "`+uri+`"}}]}`)
	wantPDF(t, resp, data)
	if !bytes.Contains(data, []byte("/Subtype /Image")) {
		t.Error("a data: URI image is not in the PDF")
	}
}

// TestImageSizeLimit: an image over MaxImageBytes is not printed.
func TestImageSizeLimit(t *testing.T) {
	img := pngBytes(t)
	big := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(img)
	})
	for _, tc := range []struct {
		limit int64
		want  bool
	}{{int64(len(img)) - 1, false}, {int64(len(img)), true}} {
		s, err := New(Config{Logger: discard, MaxImageBytes: tc.limit, guard: &netguard.Policy{AllowAddrs: []string{big.hostPort()}}})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(s)
		resp, data := post(t, ts, "/v1/render", "application/json",
			`{"title": "Picture", "body": [{"type": "figure", "figure": {"src": "`+big.URL+`/p.png", "caption": "Figure."}}]}`)
		ts.Close()
		wantPDF(t, resp, data)
		if got := bytes.Contains(data, []byte("/Subtype /Image")); got != tc.want {
			t.Errorf("limit %d bytes for a %d-byte image: printed %v, want %v", tc.limit, len(img), got, tc.want)
		}
	}
}

func slogDiscard() *slog.Logger { return slog.New(slog.DiscardHandler) }

// TestImageCountLimit: at most MaxImages images of an article are fetched.
func TestImageCountLimit(t *testing.T) {
	img := pngBytes(t)
	src := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(img)
	})
	s, err := New(Config{Logger: discard, MaxImages: 2, guard: &netguard.Policy{AllowAddrs: []string{src.hostPort()}}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	var figs []string
	for i := range 3 {
		figs = append(figs, fmt.Sprintf(`{"type": "figure", "figure": {"src": "%s/%d.png", "caption": "Figure %d."}}`, src.URL, i, i))
	}
	resp, data := post(t, ts, "/v1/render", "application/json", `{"title": "Pictures", "body": [`+strings.Join(figs, ", ")+`]}`)
	wantPDF(t, resp, data)
	if n := src.hits.Load(); n != 2 {
		t.Errorf("%d images fetched, want the limit, 2", n)
	}
}
