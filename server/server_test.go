package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/galleyprint/galley/internal/pdftext"
)

const testHTML = `<html lang="en"><head><title>Harbour lights return</title></head><body><article>
<h1>Harbour lights return</h1><p class="byline">By Ada Quill</p>
<p>The lamps along the quay were lit again on Thursday, after a winter dark. The harbour master said
the cost was shared by the town and the ferry company, and that the old brass fittings had been kept.</p>
<p>Fishermen said the light made the night landings safer, and the cafés stayed open later than in years.</p>
</article></body></html>`

const testMarkdown = "# Spring tides\n\nThe spring tides came early this year, and higher than the almanac said. " +
	"The quay flooded twice before the boats were moved.\n"

// newTest starts a Server with cfg behind an httptest server.
func newTest(t *testing.T, cfg Config) (*Server, *httptest.Server) {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts
}

// post sends body with content type ct and returns the response and its
// body.
func post(t *testing.T, ts *httptest.Server, path, ct, body string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest("POST", ts.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, data
}

// errorCode returns the code of a JSON error answer.
func errorCode(t *testing.T, data []byte) string {
	t.Helper()
	var e struct {
		Error struct{ Code, Message, RequestID string }
	}
	if err := json.Unmarshal(data, &e); err != nil {
		t.Fatalf("not a JSON error: %q", data)
	}
	return e.Error.Code
}

func wantPDF(t *testing.T, resp *http.Response, data []byte) {
	t.Helper()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, data)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/pdf" {
		t.Errorf("Content-Type %q", ct)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data[max(0, len(data)-64):], []byte("%%EOF")) {
		t.Errorf("not a whole PDF: %d bytes", len(data))
	}
}

func TestRenderFormats(t *testing.T) {
	_, ts := newTest(t, Config{})
	article := `{"title": "Gulls at the pier", "authors": ["Rita Byline"], "body": [{"type": "paragraph", "text": "The gulls were fed again."}]}`
	for _, tc := range []struct {
		name, ct, body, query, filename string
	}{
		{"html", "text/html; charset=utf-8", testHTML, "", "harbour-lights-return.pdf"},
		{"markdown", "text/markdown", testMarkdown, "", "spring-tides.pdf"},
		{"plain text", "text/plain", "Gulls at the pier\n\nThe gulls were fed again by the harbour cafés.\n", "", ""},
		{"article json", "application/json", article, "", "gulls-at-the-pier.pdf"},
		{"article member", "application/json", `{"article": ` + article + `, "options": {"page": "A5"}}`, "", "gulls-at-the-pier.pdf"},
		{"options member", "application/json", strings.Replace(article, `{"title"`, `{"options": {"page": "A5", "grayscale": true}, "title"`, 1), "", "gulls-at-the-pier.pdf"},
		{"query options", "text/markdown", testMarkdown, "?page=A5&grayscale=true&dpi=150&date=2024-05-02", "spring-tides.pdf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, data := post(t, ts, "/v1/render"+tc.query, tc.ct, tc.body)
			wantPDF(t, resp, data)
			cd := resp.Header.Get("Content-Disposition")
			if tc.filename != "" && cd != "attachment; filename="+tc.filename {
				t.Errorf("Content-Disposition %q, want filename %s", cd, tc.filename)
			}
			a5 := bytes.Contains(data, []byte("419.53 595.28"))
			if wantA5 := strings.Contains(tc.body+tc.query, "A5"); a5 != wantA5 {
				t.Errorf("A5 page: %v, want %v", a5, wantA5)
			}
			if resp.Header.Get("X-Request-ID") == "" {
				t.Error("no X-Request-ID")
			}
		})
	}
}

func TestRequestID(t *testing.T) {
	_, ts := newTest(t, Config{})
	resp, _ := post(t, ts, "/v1/render", "text/markdown", testMarkdown, "X-Request-ID", "abc-123")
	if got := resp.Header.Get("X-Request-ID"); got != "abc-123" {
		t.Errorf("X-Request-ID %q, want the caller's", got)
	}
	resp, _ = post(t, ts, "/v1/render", "text/markdown", testMarkdown, "X-Request-ID", "bad id\" with spaces")
	if got := resp.Header.Get("X-Request-ID"); got == "" || strings.Contains(got, " ") {
		t.Errorf("X-Request-ID %q, want a fresh one for a malformed id", got)
	}
}

func TestInspect(t *testing.T) {
	_, ts := newTest(t, Config{})
	resp, data := post(t, ts, "/v1/inspect", "text/html", testHTML)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("status %d %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), data)
	}
	var a struct {
		Title  string
		Byline []string
	}
	if err := json.Unmarshal(data, &a); err != nil || a.Title != "Harbour lights return" {
		t.Errorf("article %+v, %v", a, err)
	}
	resp, data = post(t, ts, "/v1/inspect", "application/x-ndjson", `{"title":"One","body":"Text one."}`+"\n"+`{"title":"Two","body":"Text two."}`)
	var arts []map[string]any
	if err := json.Unmarshal(data, &arts); resp.StatusCode != 200 || err != nil || len(arts) != 2 {
		t.Errorf("JSON Lines: status %d, %d articles, %v", resp.StatusCode, len(arts), err)
	}
}

func TestMalformedRequests(t *testing.T) {
	_, ts := newTest(t, Config{MaxBodyBytes: 64 << 10})
	for _, tc := range []struct {
		name, path, ct, body string
		status               int
		code                 string
	}{
		{"no content type", "/v1/render", "", testHTML, 415, "unsupported_format"},
		{"unknown type", "/v1/render", "image/png", "\x89PNG", 415, "unsupported_format"},
		{"broken json", "/v1/render", "application/json", `{"title": "x", "body": [`, 400, "bad_json"},
		{"json of the wrong shape", "/v1/render", "application/json", `{"title": 7}`, 400, "bad_json"},
		{"unknown option", "/v1/render", "application/json", `{"options": {"colour": "red"}, "title": "T", "body": "B"}`, 400, "invalid_options"},
		{"bad page size", "/v1/render?page=B99", "text/markdown", testMarkdown, 400, "invalid_options"},
		{"bad boolean", "/v1/render?grayscale=perhaps", "text/markdown", testMarkdown, 400, "invalid_options"},
		{"bad dpi", "/v1/render?dpi=many", "text/markdown", testMarkdown, 400, "invalid_options"},
		{"dpi out of range", "/v1/render?dpi=5000", "text/markdown", testMarkdown, 400, "invalid_options"},
		{"dpi NaN", "/v1/render?dpi=NaN", "text/markdown", testMarkdown, 400, "invalid_options"},
		{"dpi Inf", "/v1/render?dpi=Inf", "text/markdown", testMarkdown, 400, "invalid_options"},
		{"dpi NaN, preview", "/v1/preview?dpi=nan", "text/markdown", testMarkdown, 400, "invalid_options"},
		{"lang a path", "/v1/render?lang=../../etc/passwd", "text/markdown", testMarkdown, 400, "invalid_options"},
		{"lang a path, in options", "/v1/render", "application/json", `{"options": {"lang": "../../etc/passwd"}, "title": "T", "body": "B"}`, 400, "invalid_options"},
		{"lang with spaces", "/v1/render?lang=en%20GB", "text/markdown", testMarkdown, 400, "invalid_options"},
		{"columns out of range", "/v1/render?columns=5", "text/markdown", testMarkdown, 400, "invalid_options"},
		{"columns not a number", "/v1/render?columns=two", "text/markdown", testMarkdown, 400, "invalid_options"},
		{"bad gutter", "/v1/render?gutter=wide", "text/markdown", testMarkdown, 400, "invalid_options"},
		{"bad date", "/v1/render?date=yesterday", "text/markdown", testMarkdown, 400, "invalid_options"},
		{"date the zero time", "/v1/render?date=0001-01-01", "text/markdown", testMarkdown, 400, "invalid_options"},
		{"date past 9999", "/v1/render", "application/json", `{"options": {"date": "9999-12-31T23:00:00-05:00"}, "title": "T", "body": "B"}`, 400, "invalid_options"},
		{"empty article", "/v1/render", "application/json", `{"title": "", "body": []}`, 422, "no_content"},
		{"empty html", "/v1/render", "text/html", "<html><body></body></html>", 422, "no_content"},
		{"two articles", "/v1/render", "application/x-ndjson", `{"title":"One","body":"a"}` + "\n" + `{"title":"Two","body":"b"}`, 400, "several_articles"},
		{"body too large", "/v1/render", "text/plain", strings.Repeat("word ", 20000), 413, "too_large"},
		{"url fetching off", "/v1/render", "application/json", `{"url": "https://example.com/"}`, 403, "url_fetch_disabled"},
		{"inspect broken json", "/v1/inspect", "application/json", `[{]`, 400, "bad_json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, data := post(t, ts, tc.path, tc.ct, tc.body)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, data)
			}
			if code := errorCode(t, data); code != tc.code {
				t.Errorf("code %q, want %q", code, tc.code)
			}
		})
	}
}

// TestMethodsAndPaths: a method a path does not take answers 405 with the
// JSON error and an Allow header; an unknown path, 404 with the JSON
// error.
func TestMethodsAndPaths(t *testing.T) {
	_, ts := newTest(t, Config{})
	for _, tc := range []struct {
		method, path string
		status       int
		code, allow  string
	}{
		{"GET", "/v1/render", 405, "method_not_allowed", "POST"},
		{"PUT", "/v1/render", 405, "method_not_allowed", "POST"},
		{"DELETE", "/v1/render", 405, "method_not_allowed", "POST"},
		{"GET", "/v1/preview", 405, "method_not_allowed", "POST"},
		{"PATCH", "/v1/inspect", 405, "method_not_allowed", "POST"},
		{"POST", "/healthz", 405, "method_not_allowed", "GET, HEAD"},
		{"PUT", "/metrics", 405, "method_not_allowed", "GET, HEAD"},
		{"POST", "/v1/openapi.yaml", 405, "method_not_allowed", "GET, HEAD"},
		{"GET", "/v1/print", 404, "not_found", ""},
		{"POST", "/", 404, "not_found", ""},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, ts.URL+tc.path, strings.NewReader(testMarkdown))
			resp, err := ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			data, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status || resp.Header.Get("Content-Type") != "application/json" || errorCode(t, data) != tc.code {
				t.Errorf("%d %s %s; want %d %s", resp.StatusCode, resp.Header.Get("Content-Type"), data, tc.status, tc.code)
			}
			if got := resp.Header.Get("Allow"); got != tc.allow {
				t.Errorf("Allow %q, want %q", got, tc.allow)
			}
		})
	}
	// HEAD is a GET without the body
	resp, err := ts.Client().Head(ts.URL + "/healthz")
	if err != nil || resp.StatusCode != 200 || resp.ContentLength != 3 {
		t.Errorf("HEAD /healthz: %v %v", resp, err)
	}
}

// longArticle is article JSON of n paragraphs.
func longArticle(n int) string {
	var b strings.Builder
	b.WriteString(`{"title": "A long read", "body": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"type": "paragraph", "text": %q}`, strings.Repeat("Words upon words, line after line, page after page. ", 10))
	}
	b.WriteString("]}")
	return b.String()
}

func TestPageLimit(t *testing.T) {
	_, ts := newTest(t, Config{MaxPages: 3})
	resp, data := post(t, ts, "/v1/render", "application/json", longArticle(100))
	if resp.StatusCode != 422 || errorCode(t, data) != "too_many_pages" {
		t.Errorf("status %d: %s; want 422 too_many_pages", resp.StatusCode, data)
	}
}

// TestTimeLimit: a render that passes the deadline is answered 504; a
// body that has not arrived by it, 408.
func TestTimeLimit(t *testing.T) {
	s, ts := newTest(t, Config{Timeout: time.Second})
	s.onRender = func(ctx context.Context) { <-ctx.Done() } // a render still running at the deadline
	resp, data := post(t, ts, "/v1/render", "text/markdown", testMarkdown)
	if resp.StatusCode != 504 || errorCode(t, data) != "timeout" {
		t.Errorf("status %d: %s; want 504 timeout", resp.StatusCode, data)
	}
	l := serveLive(t, Config{Timeout: 200 * time.Millisecond, MinRate: -1}, nil)
	c := dial(t, l.addr, 1, 0)
	fmt.Fprintf(c, "POST /v1/render HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nA beginning")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	data, _ = io.ReadAll(resp.Body)
	if resp.StatusCode != 408 || errorCode(t, data) != "slow_upload" {
		t.Errorf("status %d: %s; want 408 slow_upload", resp.StatusCode, data)
	}
}

// TestQueue: with one render slot and no queue, a second request while
// the first renders is refused with 503 and Retry-After; with a queue of
// one it waits, and is refused when no slot frees within the time limit.
func TestQueue(t *testing.T) {
	for _, queue := range []int{-1, 1} {
		t.Run(fmt.Sprint("queue ", max(queue, 0)), func(t *testing.T) {
			s, ts := newTest(t, Config{MaxConcurrent: 1, MaxQueue: queue, Timeout: 2 * time.Second})
			started, release := make(chan struct{}), make(chan struct{})
			var once sync.Once
			s.onRender = func(context.Context) {
				once.Do(func() { close(started); <-release })
			}
			first := make(chan int)
			go func() {
				resp, _ := post(t, ts, "/v1/render", "text/markdown", testMarkdown)
				first <- resp.StatusCode
			}()
			<-started
			if queue > 0 {
				// the queued request waits out the time limit, then gives up
				s.cfg.Timeout = 200 * time.Millisecond
			}
			resp, data := post(t, ts, "/v1/render", "text/markdown", testMarkdown)
			if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" || errorCode(t, data) != "busy" {
				t.Errorf("second request: %d %q %s; want 503 busy with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"), data)
			}
			close(release)
			if code := <-first; code != 200 {
				t.Errorf("first request: %d", code)
			}
			resp, data = post(t, ts, "/v1/render", "text/markdown", testMarkdown)
			wantPDF(t, resp, data)
		})
	}
}

func TestAuth(t *testing.T) {
	_, ts := newTest(t, Config{Token: "s3cret"})
	for _, tc := range []struct {
		header string
		status int
	}{{"", 401}, {"Bearer wrong", 401}, {"Basic czNjcmV0", 401}, {"Bearer s3cret", 200}} {
		resp, data := post(t, ts, "/v1/render", "text/markdown", testMarkdown, "Authorization", tc.header)
		if resp.StatusCode != tc.status {
			t.Errorf("Authorization %q: %d, want %d: %s", tc.header, resp.StatusCode, tc.status, data)
		}
		if tc.status == 401 && resp.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("Authorization %q: no WWW-Authenticate", tc.header)
		}
	}
	resp, err := ts.Client().Get(ts.URL + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Errorf("healthz needs no token: %v %v", resp.Status, err)
	}
}

func TestHealthMetricsOpenAPI(t *testing.T) {
	_, ts := newTest(t, Config{})
	post(t, ts, "/v1/render", "text/markdown", testMarkdown)
	post(t, ts, "/v1/render", "text/plain", "")
	get := func(path string) string {
		resp, err := ts.Client().Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
		return string(data)
	}
	if body := get("/healthz"); body != "ok\n" {
		t.Errorf("healthz %q", body)
	}
	metrics := get("/metrics")
	for _, want := range []string{
		`galley_http_requests_total{code="200",handler="render"} 1`,
		`galley_http_requests_total{code="422",handler="render"} 1`,
		`galley_http_request_duration_seconds_count{handler="render"} 2`,
		"galley_pages_total 1", "galley_renders_in_flight 0", "galley_queue_waiting 0",
		"galley_pdf_bytes_total", "go_goroutines", "process_resident_memory_bytes",
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	var spec struct {
		OpenAPI string
		Paths   map[string]any
	}
	if err := yaml.Unmarshal([]byte(get("/v1/openapi.yaml")), &spec); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/v1/render", "/v1/inspect", "/healthz", "/metrics"} {
		if spec.Paths[p] == nil || !strings.HasPrefix(spec.OpenAPI, "3.") {
			t.Errorf("OpenAPI %s lacks %s", spec.OpenAPI, p)
		}
	}
}

// TestClientDisconnect: a client that leaves mid-render stops the render;
// no PDF is made.
func TestClientDisconnect(t *testing.T) {
	s, ts := newTest(t, Config{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	s.onRender = func(context.Context) {
		cancel()
		// the server notices the closed connection in the background
		time.Sleep(300 * time.Millisecond)
	}
	go func() {
		defer close(done)
		req, _ := http.NewRequestWithContext(ctx, "POST", ts.URL+"/v1/render", strings.NewReader(longArticle(3000)))
		req.Header.Set("Content-Type", "application/json")
		_, err := ts.Client().Do(req)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("client: %v, want context.Canceled", err)
		}
	}()
	<-done
	// wait for the handler to finish, then read the counters
	for range 500 {
		if metricValue(t, ts, "galley_renders_in_flight") == 0 && metricValue(t, ts, "galley_renders_cancelled_total") == 1 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if n := metricValue(t, ts, "galley_renders_cancelled_total"); n != 1 {
		t.Errorf("renders cancelled: %v, want 1", n)
	}
	if n := metricValue(t, ts, "galley_pages_total"); n != 0 {
		t.Errorf("pages rendered: %v, want 0", n)
	}
}

// metricValue reads one series from /metrics.
func metricValue(t *testing.T, ts *httptest.Server, name string) float64 {
	t.Helper()
	return metricAt(t, ts.Client(), ts.URL, name)
}

// metricAt reads one series from the /metrics of the service at base (0
// when it is absent).
func metricAt(t *testing.T, c *http.Client, base, name string) float64 {
	t.Helper()
	resp, err := c.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	for _, line := range strings.Split(string(data), "\n") {
		var v float64
		if rest, ok := strings.CutPrefix(line, name+" "); ok {
			fmt.Sscan(rest, &v)
			return v
		}
	}
	return 0 // a labelled series not counted yet
}

// TestRenderTheme: the theme option takes a built-in's name, as a query
// parameter or in the options member; a path is refused before anything
// is read, even the path of a valid theme file.
func TestRenderTheme(t *testing.T) {
	_, ts := newTest(t, Config{})
	bodySize := func(data []byte) float64 {
		t.Helper()
		pages, err := pdftext.Pages(data)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range pages[0].Words {
			if strings.Contains(w.Text, "almanac") {
				return w.Size
			}
		}
		t.Fatal("body text not found")
		return 0
	}
	resp, plain := post(t, ts, "/v1/render", "text/markdown", testMarkdown)
	wantPDF(t, resp, plain)
	resp, large := post(t, ts, "/v1/render?theme=large-print", "text/markdown", testMarkdown)
	wantPDF(t, resp, large)
	if p, l := bodySize(plain), bodySize(large); p != 11 || l < 16 {
		t.Errorf("body %g pt by default and %g pt in large-print; want 11 and at least 16", p, l)
	}
	article := `{"options": {"theme": "ink-saver"}, "title": "T", "body": "The almanac was wrong."}`
	resp, ink := post(t, ts, "/v1/render", "application/json", article)
	wantPDF(t, resp, ink)
	if s := bodySize(ink); s >= 11 {
		t.Errorf("ink-saver body %g pt, want smaller than 11", s)
	}

	file := filepath.Join(t.TempDir(), "evil.json")
	if err := os.WriteFile(file, []byte(`{"extends": "classic"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, query, ct, body string }{
		{"absolute path", "?theme=" + url.QueryEscape(file), "text/markdown", testMarkdown},
		{"relative path", "?theme=../assets/themes/classic.json", "text/markdown", testMarkdown},
		{"unknown name", "?theme=baroque", "text/markdown", testMarkdown},
		{"path in options", "", "application/json", `{"options": {"theme": "` + file + `"}, "title": "T", "body": "B"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, data := post(t, ts, "/v1/render"+tc.query, tc.ct, tc.body)
			if resp.StatusCode != http.StatusBadRequest || errorCode(t, data) != "invalid_options" || !bytes.Contains(data, []byte("built-in")) {
				t.Errorf("status %d: %s; want 400 invalid_options naming the built-ins", resp.StatusCode, data)
			}
		})
	}
}

// TestOpenAPIErrors: the OpenAPI description lists, for each endpoint
// that renders, the deadline's answers (408, 503, 504) and the 499 a
// departed client is logged with; and its error codes are every code the
// service's source can answer.
func TestOpenAPIErrors(t *testing.T) {
	var spec struct {
		Paths      map[string]map[string]struct{ Responses map[string]any }
		Components struct {
			Schemas struct {
				Error struct {
					Properties struct {
						Error struct {
							Properties struct {
								Code struct{ Enum []string }
							}
						}
					}
				} `yaml:"Error"`
			}
		}
	}
	if err := yaml.Unmarshal(openAPI, &spec); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/v1/render", "/v1/preview", "/v1/inspect"} {
		for _, code := range []string{"400", "408", "413", "499", "503", "504"} {
			if spec.Paths[p]["post"].Responses[code] == nil {
				t.Errorf("POST %s lacks %s", p, code)
			}
		}
	}
	enum := spec.Components.Schemas.Error.Properties.Error.Properties.Code.Enum
	files, _ := filepath.Glob("*.go")
	codeRE := regexp.MustCompile(`code: "(\w+)"|badRequest\("(\w+)"`)
	seen := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range codeRE.FindAllStringSubmatch(string(src), -1) {
			code := m[1] + m[2]
			seen++
			if code != "client_gone" && !slices.Contains(enum, code) {
				t.Errorf("%s answers %q, which the OpenAPI error codes lack", f, code)
			}
		}
	}
	if seen < 15 {
		t.Errorf("found only %d error codes in the source", seen)
	}
}
