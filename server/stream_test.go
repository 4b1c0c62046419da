package server

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/galleyprint/galley/internal/pdftext"
)

// longMarkdown is an article of many pages: its PDF is written in many
// pieces.
var longMarkdown = "# The long read\n\n" + strings.Repeat("## A part\n\n"+strings.Repeat(
	"The spring tides came early this year, and higher than the almanac said; the harbour wall held, "+
		"but the road behind it did not, and the village spent a week carrying sand. ", 12)+"\n\n", 40)

// postStream posts body to the render endpoint of l, asking for a
// streamed answer when stream is set.
func postStream(t *testing.T, l *live, body string, stream bool) *http.Response {
	t.Helper()
	url := "http://" + l.addr + "/v1/render"
	if stream {
		url += "?stream=true"
	}
	resp, err := client(1).Post(url, "text/markdown", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// TestRenderStreamed: a streamed answer is chunked, with no length, and
// is the same document as the whole answer (text, links and fonts of
// every page), a valid PDF.
func TestRenderStreamed(t *testing.T) {
	l := serveLive(t, Config{}, nil)
	whole := postStream(t, l, longMarkdown, false)
	streamed := postStream(t, l, longMarkdown, true)
	if whole.StatusCode != 200 || streamed.StatusCode != 200 {
		t.Fatalf("status %d and %d", whole.StatusCode, streamed.StatusCode)
	}
	if whole.ContentLength <= 0 || streamed.ContentLength != -1 || len(streamed.TransferEncoding) == 0 || streamed.TransferEncoding[0] != "chunked" {
		t.Errorf("lengths %d and %d, transfer encoding %q: want a length for the whole answer, chunks for the streamed",
			whole.ContentLength, streamed.ContentLength, streamed.TransferEncoding)
	}
	if got, want := streamed.Header.Get("Content-Disposition"), whole.Header.Get("Content-Disposition"); got != want || got == "" {
		t.Errorf("Content-Disposition %q, want %q", got, want)
	}
	wholePDF, err := io.ReadAll(whole.Body)
	if err != nil {
		t.Fatal(err)
	}
	streamedPDF, err := io.ReadAll(streamed.Body)
	if err != nil {
		t.Fatal(err)
	}
	if err := pdftext.Validate(streamedPDF); err != nil {
		t.Fatalf("streamed PDF: %v", err)
	}
	a, err := pdftext.Read(wholePDF)
	if err != nil {
		t.Fatal(err)
	}
	b, err := pdftext.Read(streamedPDF)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Pages) < 5 || len(b.Pages) != len(a.Pages) {
		t.Fatalf("%d pages streamed, %d whole; want the same, at least 5", len(b.Pages), len(a.Pages))
	}
	for i := range a.Pages {
		if b.Pages[i].Text() != a.Pages[i].Text() || len(b.Pages[i].Links) != len(a.Pages[i].Links) {
			t.Errorf("page %d differs", i+1)
		}
	}
	if strings.Join(a.Fonts, " ") != strings.Join(b.Fonts, " ") {
		t.Errorf("fonts %q streamed, %q whole", b.Fonts, a.Fonts)
	}
}

// holdAfterFirstPiece holds l's streamed render after its first piece is
// written: held is closed then, and the render goes on once hold is.
func holdAfterFirstPiece(l *live) (held, hold chan struct{}) {
	held, hold = make(chan struct{}), make(chan struct{})
	var once sync.Once
	l.onStreamWrite = func(int) {
		once.Do(func() {
			close(held)
			<-hold
		})
	}
	return held, hold
}

// TestRenderStreamedStartsEarly: the client has the status and the
// first bytes of a streamed answer while its render is still going (held
// here after its first piece), and the rest when the render goes on.
func TestRenderStreamedStartsEarly(t *testing.T) {
	l := serveLive(t, Config{}, nil)
	held, hold := holdAfterFirstPiece(l)
	got := make(chan []byte, 1)
	go func() {
		resp := postStream(t, l, longMarkdown, true)
		first := make([]byte, 5)
		if _, err := io.ReadFull(resp.Body, first); err != nil {
			t.Error(err)
		}
		got <- first
		rest, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Error(err)
		}
		got <- append(first, rest...)
	}()
	select {
	case first := <-got:
		if string(first) != "%PDF-" {
			t.Errorf("first bytes %q", first)
		}
		// the render is held after its first piece until hold is closed
		// below: these bytes came before its end (a render that is not
		// streamed never reaches the hook)
		select {
		case <-held:
		case <-time.After(20 * time.Second):
			t.Fatal("the first bytes came from a render that never wrote a streamed piece: not a streamed render")
		}
	case <-time.After(20 * time.Second): // a deadlock guard, not a measure
		t.Fatal("no bytes while the render was held after its first piece: the answer is not streamed")
	}
	close(hold)
	if pdf := <-got; !bytes.HasSuffix(bytes.TrimSpace(pdf), []byte("%%EOF")) {
		t.Errorf("the streamed answer ends with %q", pdf[max(0, len(pdf)-20):])
	}
	eventually(t, "the slot and memory freed", func() bool {
		return l.metric(t, "galley_renders_in_flight") == 0 && l.metric(t, "galley_memory_reserved_bytes") == 0
	})
}

// TestRenderStreamedCutOff: a render that fails after its answer began
// (here it passes its deadline, held after its first piece until the
// deadline has passed) cuts the answer off: the client's read fails, and
// never ends in a short PDF; the slot and memory are freed, and the next
// request is served.
func TestRenderStreamedCutOff(t *testing.T) {
	l := serveLive(t, Config{Timeout: 2 * time.Second}, nil)
	renders := make(chan context.Context, 1)
	l.onRender = func(ctx context.Context) { renders <- ctx }
	var once sync.Once
	l.onStreamWrite = func(int) { once.Do(func() { <-(<-renders).Done() }) }
	resp := postStream(t, l, longMarkdown, true)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	pdf, err := io.ReadAll(resp.Body)
	if err == nil {
		t.Fatalf("the cut answer read without error (%d bytes, ending %q)", len(pdf), pdf[max(0, len(pdf)-20):])
	}
	if bytes.Contains(pdf, []byte("%%EOF")) {
		t.Error("the cut answer holds a PDF's end")
	}
	eventually(t, "the slot and memory freed", func() bool {
		return l.metric(t, "galley_renders_in_flight") == 0 && l.metric(t, "galley_memory_reserved_bytes") == 0
	})
	l.onStreamWrite, l.onRender = nil, nil
	l.cfg.Timeout = 30 * time.Second
	if resp := postStream(t, l, testMarkdown, true); resp.StatusCode != 200 {
		t.Errorf("the next request: %d", resp.StatusCode)
	}
}

// TestRenderStreamParameter: stream takes true or false; anything else
// is a 400 before the body is read.
func TestRenderStreamParameter(t *testing.T) {
	l := serveLive(t, Config{}, nil)
	status, data := postTo(t, client(1), "http://"+l.addr+"/v1/render?stream=maybe", "text/markdown", testMarkdown)
	if status != 400 || errorCode(t, data) != "invalid_options" {
		t.Errorf("stream=maybe: %d %s", status, data)
	}
	status, data = postTo(t, client(1), "http://"+l.addr+"/v1/render?stream=false", "text/markdown", testMarkdown)
	if status != 200 || !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Errorf("stream=false: %d", status)
	}
}

// TestRenderStreamedClientLeaves: a client that hangs up once a streamed
// answer has begun ends its render, and the slot and memory are freed;
// the request is logged while the render may still be finishing (the
// race detector watches what they share).
func TestRenderStreamedClientLeaves(t *testing.T) {
	l := serveLive(t, Config{}, nil)
	held, hold := holdAfterFirstPiece(l)
	resp := postStream(t, l, longMarkdown, true)
	if _, err := io.ReadFull(resp.Body, make([]byte, 5)); err != nil {
		t.Fatal(err)
	}
	<-held
	resp.Body.Close() // the client leaves while the render is held
	client(1).CloseIdleConnections()
	close(hold)
	eventually(t, "the slot and memory freed", func() bool {
		return l.metric(t, "galley_renders_in_flight") == 0 && l.metric(t, "galley_memory_reserved_bytes") == 0
	})
	if resp := postStream(t, l, testMarkdown, true); resp.StatusCode != 200 {
		t.Errorf("the next request: %d", resp.StatusCode)
	}
}
