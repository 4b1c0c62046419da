package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// A streamed answer (POST /v1/render?stream=true) starts going out once
// the article is laid out and its first page drawn, instead of once the
// whole PDF is made: the client gets the first bytes sooner, and can pass
// them on (to a printer, a file) while the rest is made. The render never
// waits for the client: it writes to a pdfStream in memory, as a whole
// answer would, and the request's goroutine sends what is there, with the
// same deadlines per 64 KB as a whole answer; a client slow to read holds
// no render slot. The price is the status: it is sent with the first
// bytes, so a render that fails after them cannot answer an error. The
// service then cuts the answer off (HTTP/1.1: the chunked body never
// ends; HTTP/2: the stream is reset), which every client sees as a
// failed transfer, never as a short PDF.

// streamPiece is how much of a streamed PDF is handed to the sender at
// once (the last piece may be shorter).
const streamPiece = 16 << 10

// errStreamCut: a streamed answer's render failed after its first bytes
// were sent; the answer was cut off.
var errStreamCut = errors.New("the render failed after the answer began; the answer was cut off")

// pdfStream is a PDF being written by a render and sent by the request's
// goroutine at once.
type pdfStream struct {
	ans   *answer        // the answer it is the body of (status and header)
	began chan<- *answer // given ans by the first write (it has room for it)
	more  chan struct{}  // a signal, after each write and at the end

	mu    sync.Mutex
	buf   []byte
	done  bool
	err   error // the render's, once done
	pages int   // the PDF's, once made

	afterWrite func(n int) // tests: called after each write, with the bytes so far
}

// newPDFStream makes the body of ans, which its first write sends on
// began, a channel with room for one answer.
func newPDFStream(ans *answer, began chan<- *answer) *pdfStream {
	p := &pdfStream{ans: ans, began: began, more: make(chan struct{}, 1)}
	ans.stream = p
	return p
}

// Write appends b; it never waits for the client.
func (p *pdfStream) Write(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	p.mu.Lock()
	first := len(p.buf) == 0
	p.buf = append(p.buf, b...)
	n := len(p.buf)
	p.mu.Unlock()
	if first {
		p.began <- p.ans
	}
	p.signal()
	if p.afterWrite != nil {
		p.afterWrite(n)
	}
	return len(b), nil
}

// finish records the end of the render, err its failure.
func (p *pdfStream) finish(err error) {
	p.mu.Lock()
	p.done, p.err = true, err
	p.mu.Unlock()
	p.signal()
}

func (p *pdfStream) signal() {
	select {
	case p.more <- struct{}{}:
	default:
	}
}

// setPages records the pages of the PDF made.
func (p *pdfStream) setPages(n int) {
	p.mu.Lock()
	p.pages = n
	p.mu.Unlock()
}

func (p *pdfStream) pageCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.pages
}

// size is the bytes written so far.
func (p *pdfStream) size() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.buf)
}

// next returns the bytes written after the first from, waiting for some
// or for the end; done says the render has ended, err how. It returns
// ctx's error when ctx ends first.
func (p *pdfStream) next(ctx context.Context, from int) (b []byte, done bool, err error) {
	for {
		p.mu.Lock()
		b, done, err = p.buf[from:], p.done, p.err
		p.mu.Unlock()
		if len(b) > 0 || done {
			return b, done, err
		}
		select {
		case <-p.more:
		case <-ctx.Done():
			return nil, false, ctx.Err()
		}
	}
}

// wantsStream reads the render's stream parameter: true when the client
// asks for a streamed answer and its protocol can carry one (HTTP/1.0
// has no chunked body: it gets the whole answer).
func wantsStream(r *http.Request) (bool, error) {
	v := r.URL.Query().Get("stream")
	if v == "" {
		return false, nil
	}
	on, err := strconv.ParseBool(v)
	if err != nil {
		return false, badRequest("invalid_options", "stream: %q is not true or false", v)
	}
	return on && r.ProtoAtLeast(1, 1), nil
}

// sendStream sends a streamed answer as its render writes it: each
// chunk within RateGrace plus its time at the minimum rate, all by the
// request's deadline, flushed as it goes. It returns the bytes sent, and
// errStreamCut (wrapped) when the render failed after they began.
func (s *Server) sendStream(w http.ResponseWriter, r *http.Request, a *answer, limit time.Time) (int, error) {
	rc, timed := s.begin(w, a, chunk, limit)
	sent := 0
	for {
		b, done, err := a.stream.next(r.Context(), sent)
		n, werr := s.writeChunks(w, rc, timed, b, limit)
		sent += n
		if werr != nil {
			return sent, s.abandoned(werr, sent, a.stream.size())
		}
		switch {
		case done && err != nil:
			return sent, fmt.Errorf("%w: %d bytes sent: %w", errStreamCut, sent, err)
		case done:
			if timed {
				rc.SetWriteDeadline(time.Time{}) // the connection may carry the next request
			}
			return sent, nil
		case err != nil: // the request ended: the render ends with it
			return sent, fmt.Errorf("%w: %d bytes sent: %w", errStreamCut, sent, err)
		}
	}
}
