package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/text/language"

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
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
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

// decode parses a request's body by its content type; its options start
// from those of the query.
func (s *Server) decode(r *http.Request, query printOptions, body []byte) (*request, error) {
	req := &request{opts: query}
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil {
		return nil, &apiError{status: http.StatusUnsupportedMediaType, code: "unsupported_format", message: "set Content-Type: application/json, text/html, text/markdown or text/plain"}
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
		return nil, &apiError{status: http.StatusUnsupportedMediaType, code: "unsupported_format", message: mt + " is not a format galley reads; send application/json, text/html, text/markdown or text/plain"}
	}
	req.arts, err = galley.Parse(body, galley.ParseOptions{Format: format, Name: "body"})
	return req, unreadable(err)
}

// unreadable classes a failure to read an article from a request's body
// or its page: the input's fault, a 4xx, whatever the parser's reason —
// no content (422), a format galley does not read (415), or any other
// (422 unreadable: nested too deep, say).
func unreadable(err error) error {
	switch {
	case err == nil, errors.Is(err, galley.ErrNoContent), errors.Is(err, galley.ErrUnsupportedFormat),
		errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	}
	return &apiError{status: http.StatusUnprocessableEntity, code: "unreadable", message: err.Error()}
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
			return &apiError{status: http.StatusForbidden, code: "url_fetch_disabled", message: "this service does not fetch URLs; send the article itself"}
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
	return &apiError{status: http.StatusBadRequest, code: code, message: fmt.Sprintf(format, args...)}
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
			return nil, unreadable(err)
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
	if o.Lang != "" && !languageTag(o.Lang) {
		return opts, badRequest("invalid_options", "lang %q is not a BCP 47 language tag such as en-GB or de", o.Lang)
	}
	if math.IsNaN(o.DPI) || math.IsInf(o.DPI, 0) {
		return opts, badRequest("invalid_options", "dpi %g is not a number", o.DPI)
	}
	if o.Theme != "" {
		// built-in names only: a client never makes the service read a file
		if _, err := galley.BuiltinTheme(o.Theme); err != nil {
			return opts, badRequest("invalid_options", "theme %q is not a built-in theme; use one of %s", o.Theme, themeNames())
		}
		opts.Theme = o.Theme
	}
	if o.Date != "" {
		d, err := galley.ParseDate(o.Date)
		if err != nil {
			return opts, badRequest("invalid_options", "%s", strings.TrimPrefix(err.Error(), galley.ErrInvalidOptions.Error()+": "))
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

// languageTag reports whether s is a well-formed BCP 47 language tag:
// letters, digits and hyphens, in subtags golang.org/x/text reads. That a
// well-formed tag names a language galley knows is Options.Check's to say.
func languageTag(s string) bool {
	if len(s) > 64 || strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
		return false
	}
	_, err := language.Parse(s)
	var unknown language.ValueError
	return err == nil || errors.As(err, &unknown)
}

// job makes a request's answer with a render slot and its grant of the
// budget.
type job func(ctx context.Context, g *grant, body []byte) (*answer, error)

// admitted answers r with do, run once the request's body has arrived
// whole and admission has given it a render slot and its estimated
// memory (503 busy when the queue is full, or when no slot comes free by
// the deadline). do runs in a goroutine of its own, under the request's
// context; when the deadline passes first the answer is 504 at once, and
// when the client leaves, 499: either way do's context is done, and the
// slot and memory are freed as soon as do returns. A finished answer
// keeps its memory until it is sent.
func (s *Server) admitted(w http.ResponseWriter, r *http.Request, query printOptions, do job) (*answer, error) {
	ctx := r.Context()
	body, err := s.readBody(w, r)
	if err != nil {
		return nil, err
	}
	g, err := s.admit.acquire(ctx, clientKey(r.RemoteAddr), renderNeed(len(body)))
	switch {
	case errors.Is(err, errQueueFull):
		s.metrics.rejections.WithLabelValues("queue_full").Inc()
		return nil, busy("1", "all render slots and queue places are taken; retry shortly")
	case errors.Is(err, context.DeadlineExceeded):
		s.metrics.rejections.WithLabelValues("queue_timeout").Inc()
		return nil, busy("2", "no render slot came free within the time limit")
	case err != nil:
		s.metrics.cancelled.Inc()
		return nil, errClientGone
	}
	type result struct {
		ans *answer
		err error
	}
	done := make(chan result, 1)
	go func() {
		var res result
		defer func() {
			if p := recover(); p != nil {
				res = result{err: fmt.Errorf("%w: panic: %v", errInternal, p)}
			}
			if res.err != nil || res.ans == nil {
				g.release()
			} else {
				g.rendered(int64(len(res.ans.body)))
			}
			done <- res
		}()
		if s.onRender != nil {
			s.onRender(ctx)
		}
		res.ans, res.err = do(ctx, g, body)
	}()
	select {
	case res := <-done:
		if res.err != nil {
			return nil, s.why(ctx, res.err)
		}
		res.ans.done = g.release
		return res.ans, nil
	case <-ctx.Done():
		go func() {
			if res := <-done; res.err == nil && res.ans != nil {
				g.release() // an answer nobody will send
			}
		}()
		return nil, s.why(ctx, ctx.Err())
	}
}

// errInternal marks a failure of the service itself.
var errInternal = errors.New("internal error")

// why tells a request that ended with its context from one that failed
// on its own: past the deadline it is a timeout whatever the stage
// reported, and a client that left is counted as a cancelled render.
func (s *Server) why(ctx context.Context, err error) error {
	switch ctx.Err() {
	case nil:
		return err
	case context.DeadlineExceeded:
		return context.DeadlineExceeded
	}
	s.metrics.cancelled.Inc()
	return errClientGone
}

// render answers a PDF.
func (s *Server) render(w http.ResponseWriter, r *http.Request) (*answer, error) {
	var query printOptions
	if err := query.fromQuery(r.URL.Query()); err != nil {
		return nil, err
	}
	return s.admitted(w, r, query, func(ctx context.Context, g *grant, body []byte) (*answer, error) {
		a, opts, err := s.printJob(ctx, g, r, query, body)
		if err != nil {
			return nil, err
		}
		var pdf bytes.Buffer
		res, err := galley.Export(ctx, &pdf, a, opts) // writes only a whole PDF
		if err != nil {
			return nil, err
		}
		s.metrics.pages.Add(float64(res.Pages))
		s.metrics.bytes.Add(float64(pdf.Len()))
		return &answer{status: http.StatusOK, pages: res.Pages, body: pdf.Bytes(), header: http.Header{
			"Content-Type":           {"application/pdf"},
			"Content-Disposition":    {mime.FormatMediaType("attachment", map[string]string{"filename": galley.Slug(a.Title) + ".pdf"})},
			"X-Content-Type-Options": {"nosniff"},
		}}, nil
	})
}

// printJob reads a request's article and options: the body decoded, the
// options checked, the article parsed or fetched; then the grant grows by
// what the article's images will take.
func (s *Server) printJob(ctx context.Context, g *grant, r *http.Request, query printOptions, body []byte) (*article.Article, galley.Options, error) {
	req, err := s.decode(r, query, body)
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
	g.grow(imagesNeed(a, opts))
	return a, opts, nil
}

// inspect answers the article as JSON.
func (s *Server) inspect(w http.ResponseWriter, r *http.Request) (*answer, error) {
	var query printOptions
	if err := query.fromQuery(r.URL.Query()); err != nil {
		return nil, err
	}
	return s.admitted(w, r, query, func(ctx context.Context, g *grant, body []byte) (*answer, error) {
		req, err := s.decode(r, query, body)
		if err != nil {
			return nil, err
		}
		if req.url != "" {
			if _, err := s.article(ctx, req); err != nil {
				return nil, err
			}
		}
		if len(req.arts) == 0 {
			return nil, galley.ErrNoContent
		}
		var v any = req.arts
		if len(req.arts) == 1 {
			v = req.arts[0]
		}
		data, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return nil, err
		}
		return &answer{status: http.StatusOK, header: http.Header{"Content-Type": {"application/json"}}, body: append(data, '\n')}, nil
	})
}
