package server

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"time"
)

// RateGrace is how long a request body may take before Config.MinRate
// applies to it (from then on the bytes received must average MinRate),
// and how much longer than its time at MinRate each 64 KB of an answer
// may take to be read. Neither may pass the request's deadline.
const RateGrace = 2 * time.Second

// lateAnswer is how long an answer made at or after the deadline (a 504,
// say) has to go out.
const lateAnswer = 250 * time.Millisecond

// chunk is how much of an answer is written under one deadline.
const chunk = 64 << 10

// transferDeadline is when a transfer begun at start must have moved n
// bytes: RateGrace plus n at the minimum rate, and never after limit.
func (s *Server) transferDeadline(start time.Time, n int64, limit time.Time) time.Time {
	if s.cfg.MinRate <= 0 {
		return limit
	}
	d := start.Add(s.grace + time.Duration(float64(n)/float64(s.cfg.MinRate)*float64(time.Second)))
	if d.After(limit) {
		return limit
	}
	return d
}

// readBody reads r's body whole before the request may wait for a render:
// within MaxBodyBytes (413), at no less than the minimum rate and by the
// request's deadline (408), the client still there (499). The buffer
// grows with what arrives, never ahead of it to a declared length, but
// for a free one of that length, already held. The body's buffer is
// s.bodies': the caller puts it back once done with it.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	limit := s.cfg.MaxBodyBytes
	if r.ContentLength > limit {
		return nil, s.tooLarge(w)
	}
	s.metrics.uploads.Inc()
	defer s.metrics.uploads.Dec()
	deadline, _ := r.Context().Deadline()
	rc := http.NewResponseController(w)
	timed := true
	defer func() {
		if timed {
			// the connection's read deadline must not outlive the body:
			// the server reads on after it to notice a client leaving
			rc.SetReadDeadline(time.Time{})
		}
	}()
	start := time.Now()
	size := int64(smallestBody)
	if r.ContentLength >= 0 {
		size = min(r.ContentLength+1, size)
	}
	// a free buffer of the declared length costs no memory not already
	// held: taken at once, the body is read without copies
	buf, reused := s.bodies.reuse(r.ContentLength + 1)
	if !reused {
		buf = s.bodies.get(size)
	}
	done := false
	defer func() {
		if !done {
			s.bodies.put(buf)
		}
	}()
	for {
		if timed && !deadline.IsZero() {
			if err := rc.SetReadDeadline(s.transferDeadline(start, int64(len(buf)), deadline)); err != nil {
				timed = false // a writer that cannot: the deadline still ends the request
			}
		}
		if len(buf) == cap(buf) {
			buf = s.grow(buf, r.ContentLength, limit)
		}
		n, err := r.Body.Read(buf[len(buf):min(int64(cap(buf)), limit+1)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, s.tooLarge(w)
		}
		switch {
		case err == io.EOF:
			done = true
			return buf, nil
		case err == nil:
			continue
		case errors.Is(err, os.ErrDeadlineExceeded):
			s.metrics.rejections.WithLabelValues("slow_upload").Inc()
			w.Header().Set("Connection", "close")
			return nil, &apiError{status: http.StatusRequestTimeout, code: "slow_upload", message: fmt.Sprintf(
				"the body did not arrive in time: %d bytes in %s; send at least %d bytes a second, within the time limit",
				len(buf), time.Since(start).Round(time.Millisecond), s.cfg.MinRate)}
		case r.Context().Err() != nil:
			return nil, errClientGone
		default:
			return nil, badRequest("bad_body", "reading the body: %v", err)
		}
	}
}

// grow enlarges buf for more of a body: to the declared length once a
// quarter of it has come, else by doubling, never past limit+1 (but for
// the rounding up to a buffer class). buf goes back to s.bodies.
func (s *Server) grow(buf []byte, declared, limit int64) []byte {
	n := 2 * int64(cap(buf))
	if declared > 0 && int64(len(buf)) >= declared/4 {
		n = max(n, declared+1)
	}
	n = min(n, limit+1)
	bigger := append(s.bodies.get(n), buf...)
	s.bodies.put(buf)
	return bigger
}

func (s *Server) tooLarge(w http.ResponseWriter) error {
	s.metrics.rejections.WithLabelValues("too_large").Inc()
	w.Header().Set("Connection", "close")
	return &apiError{status: http.StatusRequestEntityTooLarge, code: "too_large", message: fmt.Sprintf("the body is over the %d-byte limit", s.cfg.MaxBodyBytes)}
}

// answer is a response made whole in memory before it is sent, so that a
// client slow to take it holds no render slot.
type answer struct {
	status int
	header http.Header
	body   []byte
	pages  int        // of a PDF, for the log
	done   func()     // when set, called once the answer is sent or given up
	stream *pdfStream // when set, the body, sent as it is written (body is nil)
}

// pageCount is the pages of the answer's PDF, 0 when none or not known
// yet (a streamed render still going when its answer was given up).
func (a *answer) pageCount() int {
	switch {
	case a == nil:
		return 0
	case a.stream != nil:
		return a.stream.pageCount()
	}
	return a.pages
}

// setPages records the pages of the answer's PDF; a streamed answer may
// be being sent, and keeps them under its lock.
func (a *answer) setPages(n int) {
	if a.stream != nil {
		a.stream.setPages(n)
		return
	}
	a.pages = n
}

// size is the answer's body in bytes (so far, for a stream).
func (a *answer) size() int {
	if a.stream != nil {
		return a.stream.size()
	}
	return len(a.body)
}

// errSlowReader: the client did not take the answer at the minimum rate
// or before the deadline; the rest of it was abandoned.
var errSlowReader = errors.New("the client took the answer too slowly; the rest was abandoned")

// send writes a, chunk by chunk: each must be taken within RateGrace
// plus its time at the minimum rate, so that a client that stops reading
// is found out within seconds, however much of the answer the system's
// buffers took; and all by the request's deadline (an answer made late
// gets lateAnswer more). It returns how many body bytes went out and
// errSlowReader (wrapped) when the client did not take them in time.
func (s *Server) send(w http.ResponseWriter, r *http.Request, a *answer, deadline time.Time) (int, error) {
	limit := deadline
	if late := time.Now().Add(lateAnswer); limit.IsZero() || limit.Before(late) {
		limit = late
	}
	if a.stream != nil {
		return s.sendStream(w, r, a, limit)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(a.body)))
	rc, timed := s.begin(w, a, int64(min(len(a.body), chunk)), limit)
	body := a.body
	if r.Method == http.MethodHead {
		body = nil
	}
	sent, err := s.writeChunks(w, rc, timed, body, limit)
	if err != nil {
		return sent, s.abandoned(err, sent, len(body))
	}
	if timed {
		// the connection may carry the client's next request
		rc.SetWriteDeadline(time.Time{})
	}
	return sent, nil
}

// begin writes a's status and header, the first n bytes of its body
// due within their time at the minimum rate; it returns w's controller
// and whether it takes write deadlines.
func (s *Server) begin(w http.ResponseWriter, a *answer, n int64, limit time.Time) (*http.ResponseController, bool) {
	h := w.Header()
	for k, v := range a.header {
		h[k] = v
	}
	rc := http.NewResponseController(w)
	timed := rc.SetWriteDeadline(s.transferDeadline(time.Now(), n, limit)) == nil
	w.WriteHeader(a.status)
	return rc, timed
}

// writeChunks writes b chunk by chunk, each within RateGrace plus its
// time at the minimum rate (when timed), and flushes it; it returns the
// bytes written and w's error.
func (s *Server) writeChunks(w http.ResponseWriter, rc *http.ResponseController, timed bool, b []byte, limit time.Time) (int, error) {
	sent := 0
	for sent < len(b) {
		end := min(sent+chunk, len(b))
		if timed {
			rc.SetWriteDeadline(s.transferDeadline(time.Now(), int64(end-sent), limit))
		}
		n, err := w.Write(b[sent:end])
		sent += n
		if err != nil {
			return sent, err
		}
	}
	if err := rc.Flush(); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return sent, err
	}
	return sent, nil
}

// abandoned explains an answer that could not be written.
func (s *Server) abandoned(err error, sent, total int) error {
	if errors.Is(err, os.ErrDeadlineExceeded) {
		s.metrics.rejections.WithLabelValues("slow_reader").Inc()
		return fmt.Errorf("%w: %d of %d bytes sent", errSlowReader, sent, total)
	}
	return fmt.Errorf("writing the answer: %d of %d bytes sent: %w", sent, total, err)
}
