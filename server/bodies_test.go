package server

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestBodyClass(t *testing.T) {
	for _, c := range []struct {
		n    int64
		want int
	}{
		{0, 0}, {1, 0}, {smallestBody, 0}, {smallestBody + 1, 1}, {2 * smallestBody, 1},
		{772076, 5}, {largestPooledBody, bodyClasses - 1}, {largestPooledBody + 1, -1},
	} {
		if got := bodyClass(c.n); got != c.want {
			t.Errorf("bodyClass(%d) = %d, want %d", c.n, got, c.want)
		}
		if c.want >= 0 && (smallestBody<<c.want < c.n || c.want > 0 && smallestBody<<(c.want-1) >= c.n) {
			t.Errorf("class %d (%d bytes) is not the smallest holding %d", c.want, smallestBody<<c.want, c.n)
		}
	}
}

// TestBodyBuffers: a buffer put back is given out again, emptied, for a
// size of its class; the free list keeps no more than keptBodyBytes, takes
// no buffer of a foreign capacity, and drop empties it.
func TestBodyBuffers(t *testing.T) {
	var p bodyBuffers
	b := p.get(100 << 10)
	if len(b) != 0 || cap(b) != 128<<10 {
		t.Fatalf("get(100 KB): len %d cap %d, want 0 and 128 KB", len(b), cap(b))
	}
	b = append(b, "some body"...)
	p.put(b)
	again := p.get(65<<10 + 1)
	if len(again) != 0 || &again[:1][0] != &b[0] {
		t.Error("a buffer put back was not reused for a size of its class")
	}
	if other := p.get(100 << 10); &other[:1][0] == &b[0] {
		t.Error("one buffer given out twice")
	}

	p.put(make([]byte, 0, 100<<10)) // not a class's capacity
	if p.kept != 0 {
		t.Errorf("kept %d bytes of a foreign buffer", p.kept)
	}
	huge := p.get(largestPooledBody + 1)
	if cap(huge) != largestPooledBody+1 {
		t.Errorf("get beyond the classes: cap %d", cap(huge))
	}
	p.put(huge)
	if p.kept != 0 {
		t.Error("kept a buffer beyond the classes")
	}

	for range 2 * keptBodyBytes / largestPooledBody {
		p.put(make([]byte, 0, largestPooledBody))
	}
	if p.kept != keptBodyBytes {
		t.Errorf("kept %d bytes, want the bound %d", p.kept, keptBodyBytes)
	}
	p.drop()
	if p.kept != 0 || len(p.free[bodyClasses-1]) != 0 {
		t.Error("drop left buffers")
	}
}

// TestBodiesReused: bodies read into reused buffers are each read whole
// and alone. A long Markdown article, then shorter ones in the same
// classes, then one of declared length and one chunked: each inspect
// answers its own title and none of the earlier text.
func TestBodiesReused(t *testing.T) {
	s, ts := newTest(t, Config{})
	long := "# Long\n\n" + strings.Repeat("Earlier words from the long article. ", 6000) + "\n"
	for i, body := range []string{long, "# Short one\n\nA short body.\n", long[:len(long)/2], "# Short two\n\nAnother.\n"} {
		resp, data := post(t, ts, "/v1/inspect", "text/markdown", body)
		var a struct{ Title string }
		if err := json.Unmarshal(data, &a); resp.StatusCode != 200 || err != nil {
			t.Fatalf("body %d: status %d, %v: %s", i, resp.StatusCode, err, data)
		}
		want := strings.TrimPrefix(body[:strings.IndexByte(body, '\n')], "# ")
		if a.Title != want {
			t.Errorf("body %d: title %q, want %q", i, a.Title, want)
		}
		if len(body) < 100 && strings.Contains(string(data), "Earlier words") {
			t.Errorf("body %d: answer holds an earlier body's text: %.200s", i, data)
		}
	}
	// chunked: no declared length, so the buffer grows by doubling
	req, _ := http.NewRequest("POST", ts.URL+"/v1/inspect", io.MultiReader(strings.NewReader(long), strings.NewReader("Last line.\n")))
	req.Header.Set("Content-Type", "text/markdown")
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(data), "Last line.") {
		t.Errorf("chunked body: status %d, last line lost: %.200s", resp.StatusCode, data)
	}
	if s.bodies.kept == 0 {
		t.Error("no body buffer was given back")
	}
}

// TestBodyReuseOnly: reuse gives out only free buffers.
func TestBodyReuseOnly(t *testing.T) {
	var p bodyBuffers
	if _, ok := p.reuse(1 << 20); ok {
		t.Fatal("reuse made a buffer")
	}
	p.put(make([]byte, 0, 1<<20))
	if b, ok := p.reuse(600 << 10); !ok || cap(b) != 1<<20 {
		t.Errorf("reuse(600 KB): %v, cap %d; want the free 1 MB buffer", ok, cap(b))
	}
	if _, ok := p.reuse(largestPooledBody + 1); ok {
		t.Error("reuse beyond the classes")
	}
}
