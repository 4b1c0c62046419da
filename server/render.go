package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/media"
)

// printOptions are the options a request may set, as query parameters or
// as the "options" member of a JSON body (which wins).
type printOptions struct {
	Page      string  `json:"page"`
	Theme     string  `json:"theme"`
	Margins   string  `json:"margins"`
	Grayscale bool    `json:"grayscale"`
	NoImages  bool    `json:"no_images"`
	Offline   bool    `json:"offline"`
	DPI       float64 `json:"dpi"`
	Date      string  `json:"date"`
	Lang      string  `json:"lang"`
	Smart     bool    `json:"smart_quotes"`
	DropCap   bool    `json:"drop_cap"`
	QR        bool    `json:"qr"`
	Links     string  `json:"links"`
	Columns   int     `json:"columns"`
	Mirror    bool    `json:"mirror"`
	Gutter    string  `json:"gutter"`
}

// fromQuery reads the options of the query string.
func (o *printOptions) fromQuery(q url.Values) error {
	o.Page, o.Margins, o.Date, o.Lang, o.Links = q.Get("page"), q.Get("margins"), q.Get("date"), q.Get("lang"), q.Get("links")
	o.Theme, o.Gutter = q.Get("theme"), q.Get("gutter")
	for name, dst := range map[string]*bool{"grayscale": &o.Grayscale, "no_images": &o.NoImages, "offline": &o.Offline, "smart_quotes": &o.Smart, "drop_cap": &o.DropCap, "qr": &o.QR, "mirror": &o.Mirror} {
		if v := q.Get(name); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return badRequest("invalid_options", "%s=%q is not true or false", name, v)
			}
			*dst = b
		}
	}
	if v := q.Get("columns"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return badRequest("invalid_options", "columns=%q is not a number", v)
		}
		o.Columns = n
	}
	if v := q.Get("dpi"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return badRequest("invalid_options", "dpi=%q is not a number", v)
		}
		o.DPI = f
	}
	return nil
}

// request is a decoded request body: the article, or a URL to fetch it
// from, and the options.
type request struct {
	arts []*article.Article
	url  string
	opts printOptions
}

// readBody reads the body of r, within the size limit.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	var buf bytes.Buffer
	if n := r.ContentLength; n > 0 && n <= s.cfg.MaxBodyBytes {
		buf.Grow(int(n) + 1) // one allocation, not a doubling series
	}
	_, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes))
	body := buf.Bytes()
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		s.metrics.rejections.WithLabelValues("too_large").Inc()
		w.Header().Set("Connection", "close")
		return nil, &apiError{http.StatusRequestEntityTooLarge, "too_large",
			fmt.Sprintf("the body is over the %d-byte limit", tooLarge.Limit)}
	case err != nil && r.Context().Err() != nil:
		return nil, errClientGone
	case err != nil:
		return nil, badRequest("bad_body", "reading the body: %v", err)
	}
	return body, nil
}

// decode parses a request's body by its content type.
func (s *Server) decode(r *http.Request, body []byte) (*request, error) {
	req := &request{}
	if err := req.opts.fromQuery(r.URL.Query()); err != nil {
		return nil, err
	}
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil {
		return nil, &apiError{http.StatusUnsupportedMediaType, "unsupported_format",
			"set Content-Type: application/json, text/html, text/markdown or text/plain"}
	}
	var format galley.Format
	switch mt {
	case "application/json":
		return req, s.decodeJSON(body, req)
	case "text/html", "application/xhtml+xml":
		format = "html"
	case "text/markdown", "text/x-markdown":
		format = "markdown"
	case "text/plain":
		format = "text"
	case "application/x-ndjson", "application/jsonl":
		format = "jsonl"
	default:
		return nil, &apiError{http.StatusUnsupportedMediaType, "unsupported_format",
			mt + " is not a format galley reads; send application/json, text/html, text/markdown or text/plain"}
	}
	req.arts, err = galley.Parse(body, galley.ParseOptions{Format: format, Name: "body"})
	return req, err
}

// decodeJSON reads a JSON body: {"url": …, "options": …}, {"article": …,
// "options": …}, or an article (with an optional "options" member).
func (s *Server) decodeJSON(body []byte, req *request) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		// not an object: let the article reader explain (or read an array)
		arts, perr := galley.Parse(body, galley.ParseOptions{Format: "json", Name: "body"})
		if perr != nil {
			return badRequest("bad_json", "%v", perr)
		}
		req.arts = arts
		return nil
	}
	if raw, ok := m["options"]; ok {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req.opts); err != nil {
			return badRequest("invalid_options", "options: %v", err)
		}
		delete(m, "options")
	}
	if raw, ok := m["url"]; ok && len(m) == 1 {
		if err := json.Unmarshal(raw, &req.url); err != nil || req.url == "" {
			return badRequest("bad_json", `"url" must be a non-empty string`)
		}
		if !s.cfg.FetchURLs {
			return &apiError{http.StatusForbidden, "url_fetch_disabled", "this service does not fetch URLs; send the article itself"}
		}
		return nil
	}
	art := body
	if raw, ok := m["article"]; ok && len(m) == 1 {
		art = raw
	} else if _, had := m["options"]; had || len(m) > 0 {
		art, _ = json.Marshal(m)
	}
	arts, err := galley.Parse(art, galley.ParseOptions{Format: "json", Name: "body"})
	if err != nil {
		if errors.Is(err, galley.ErrNoContent) {
			return err
		}
		return badRequest("bad_json", "%v", err)
	}
	req.arts = arts
	return nil
}

func badRequest(code, format string, args ...any) *apiError {
	return &apiError{http.StatusBadRequest, code, fmt.Sprintf(format, args...)}
}

// article returns the request's one article, fetching it when the request
// names a URL.
func (s *Server) article(ctx context.Context, req *request) (*article.Article, error) {
	if req.url != "" {
		u, err := url.Parse(req.url)
		if err != nil {
			return nil, badRequest("bad_url", "%q is not a URL", req.url)
		}
		if err := s.guard.CheckURL(u); err != nil {
			return nil, err
		}
		page, err := galley.FetchPage(ctx, s.client, req.url, galley.FetchLimits{MaxBytes: s.cfg.MaxBodyBytes, Timeout: s.cfg.Timeout})
		if err != nil {
			return nil, err
		}
		req.arts, err = galley.Parse(page.Data, galley.ParseOptions{Format: galley.FormatOf(page.ContentType), Name: page.URL, BaseURL: page.URL})
		if err != nil {
			return nil, err
		}
	}
	switch len(req.arts) {
	case 0:
		return nil, galley.ErrNoContent
	case 1:
		return req.arts[0], nil
	}
	return nil, badRequest("several_articles", "the body holds %d articles; send one a request", len(req.arts))
}

// options turns a request's options into galley.Options under the
// service's limits.
func (s *Server) options(o printOptions) (galley.Options, error) {
	opts := galley.Options{
		Page: o.Page, Margins: o.Margins, Grayscale: o.Grayscale, NoImages: o.NoImages, ImageDPI: o.DPI, Language: o.Lang, SmartQuotes: o.Smart, DropCap: o.DropCap, QR: o.QR, Links: o.Links,
		Columns: o.Columns, Mirror: o.Mirror, Gutter: o.Gutter,
		NoLocalImages: true, // request content never reads the machine's files
		Offline:       o.Offline || s.cfg.NoRemoteImages,
		MaxPages:      s.cfg.MaxPages,
		MaxImages:     s.cfg.MaxImages,
		Images: media.Router{
			Data:    media.DataURI{MaxBytes: s.cfg.MaxImageBytes},
			HTTP:    media.HTTP{Client: s.client, MaxBytes: s.cfg.MaxImageBytes, Timeout: s.cfg.Timeout},
			Offline: o.Offline || s.cfg.NoRemoteImages,
		},
	}
	if o.Theme != "" {
		// built-in names only: a client never makes the service read a file
		if _, err := galley.BuiltinTheme(o.Theme); err != nil {
			return opts, badRequest("invalid_options", "theme %q is not a built-in theme; use one of %s", o.Theme, themeNames())
		}
		opts.Theme = o.Theme
	}
	if o.Date != "" {
		d, err := time.Parse(time.RFC3339, o.Date)
		if err != nil {
			d, err = time.Parse(time.DateOnly, o.Date)
		}
		if err != nil {
			return opts, badRequest("invalid_options", "date %q is not YYYY-MM-DD or RFC 3339", o.Date)
		}
		opts.Date = d
	}
	return opts, opts.Check()
}

// themeNames lists the built-in themes for a message.
func themeNames() string {
	var names []string
	for _, th := range galley.Themes() {
		names = append(names, th.Name)
	}
	return strings.Join(names, ", ")
}

// admitted runs fn with a render slot: the body is read first (a slow
// client holds a queue place, not a slot), then the request waits in the
// short queue, or is refused with 503 when the queue is full.
func (s *Server) admitted(w http.ResponseWriter, r *http.Request, fn func(ctx context.Context, body []byte) error) error {
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
	defer cancel()
	if !s.admit.enter() {
		s.metrics.rejections.WithLabelValues("queue_full").Inc()
		w.Header().Set("Retry-After", "1")
		// the body is left unread: closing the connection spares reading
		// it to keep the connection, which under a flood costs more than
		// the refusal
		w.Header().Set("Connection", "close")
		return &apiError{http.StatusServiceUnavailable, "busy", "all render slots and queue places are taken; retry shortly"}
	}
	defer s.admit.leave()
	body, err := s.readBody(w, r)
	if err != nil {
		return err
	}
	if err := s.admit.acquire(ctx); err != nil {
		if r.Context().Err() != nil {
			return errClientGone
		}
		s.metrics.rejections.WithLabelValues("queue_timeout").Inc()
		w.Header().Set("Retry-After", "2")
		return &apiError{http.StatusServiceUnavailable, "busy", "no render slot came free within the time limit"}
	}
	defer s.admit.release()
	s.metrics.inFlight.Inc()
	defer s.metrics.inFlight.Dec()
	return s.why(r, fn(ctx, body))
}

// render answers a PDF.
func (s *Server) render(w http.ResponseWriter, r *http.Request) error {
	return s.admitted(w, r, func(ctx context.Context, body []byte) error {
		a, opts, err := s.printJob(ctx, r, body)
		if err != nil {
			return err
		}
		if s.onRender != nil {
			s.onRender()
		}
		return s.write(ctx, w, a, opts)
	})
}

// printJob reads a request's article and options: the body decoded, the
// options checked, the article parsed or fetched.
func (s *Server) printJob(ctx context.Context, r *http.Request, body []byte) (*article.Article, galley.Options, error) {
	req, err := s.decode(r, body)
	if err != nil {
		return nil, galley.Options{}, err
	}
	opts, err := s.options(req.opts)
	if err != nil {
		return nil, galley.Options{}, err
	}
	a, err := s.article(ctx, req)
	if err != nil {
		return nil, galley.Options{}, err
	}
	return a, opts, nil
}

// write renders a as the answer.
func (s *Server) write(ctx context.Context, w http.ResponseWriter, a *article.Article, opts galley.Options) error {
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": galley.Slug(a.Title) + ".pdf"}))
	h.Set("X-Content-Type-Options", "nosniff")
	res, err := galley.Export(ctx, w, a, opts) // writes only a whole PDF
	if err != nil {
		return err
	}
	if rec, ok := w.(*recorder); ok {
		rec.pages = res.Pages
		s.metrics.bytes.Add(float64(rec.n))
	}
	s.metrics.pages.Add(float64(res.Pages))
	return nil
}

// why tells a client that left from a request that failed on its own.
func (s *Server) why(r *http.Request, err error) error {
	if r.Context().Err() != nil && errors.Is(err, context.Canceled) {
		s.metrics.cancelled.Inc()
		return errClientGone
	}
	return err
}

// inspect answers the article as JSON.
func (s *Server) inspect(w http.ResponseWriter, r *http.Request) error {
	return s.admitted(w, r, func(ctx context.Context, body []byte) error {
		req, err := s.decode(r, body)
		if err != nil {
			return err
		}
		if req.url != "" {
			if _, err := s.article(ctx, req); err != nil {
				return err
			}
		}
		if len(req.arts) == 0 {
			return galley.ErrNoContent
		}
		var v any = req.arts
		if len(req.arts) == 1 {
			v = req.arts[0]
		}
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	})
}
