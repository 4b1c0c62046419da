package server

import (
	"bufio"
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
	"sync"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
)

// printOptions are the print options a request sets (galley.OptionDefs
// the service offers), as text by their names: from the query string, and
// from the "options" member of a JSON body, which wins.
type printOptions map[string][]string

// fromQuery reads the print options of the query string (its other
// parameters are the endpoint's) and checks them.
func (o *printOptions) fromQuery(q url.Values) error {
	*o = printOptions{}
	for _, d := range galley.OptionDefs {
		if v, ok := q[d.Service]; ok && d.Service != "" && len(v) > 0 {
			if d.Kind != galley.KindList {
				v = v[:1]
			}
			(*o)[d.Service] = v
		}
	}
	_, err := galley.BuildSettings(*o, galley.Service)
	return optionsError(err)
}

// fromJSON reads a JSON options object over the query's: each member an
// option the service offers, with a value of its type.
func (o printOptions) fromJSON(raw []byte) (printOptions, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, badRequest("invalid_options", "options: %v", err)
	}
	out := printOptions{}
	for k, v := range o {
		out[k] = v
	}
	for name, v := range m {
		d, ok := galley.LookupOption(name, galley.Service)
		if !ok {
			return nil, badRequest("invalid_options", "options: unknown option %q", name)
		}
		var text string
		switch d.Kind {
		case galley.KindList: // a string or an array of strings
			var list []string
			if err := json.Unmarshal(v, &list); err != nil {
				if err := json.Unmarshal(v, &text); err != nil {
					return nil, badRequest("invalid_options", "options: %s must be a string or an array of strings", name)
				}
				list = []string{text}
			}
			out[name] = list
			continue
		case galley.KindBool:
			var b bool
			if err := json.Unmarshal(v, &b); err != nil {
				return nil, badRequest("invalid_options", "options: %s must be true or false", name)
			}
			text = strconv.FormatBool(b)
		case galley.KindInt, galley.KindFloat:
			var n json.Number
			if err := json.Unmarshal(v, &n); err != nil {
				return nil, badRequest("invalid_options", "options: %s must be a number", name)
			}
			text = n.String()
		default:
			if err := json.Unmarshal(v, &text); err != nil {
				return nil, badRequest("invalid_options", "options: %s must be a string", name)
			}
		}
		out[name] = []string{text}
	}
	return out, nil
}

// optionsError is a 400 invalid_options for an option's error.
func optionsError(err error) error {
	if err == nil {
		return nil
	}
	return badRequest("invalid_options", "%s", strings.TrimPrefix(err.Error(), galley.ErrInvalidOptions.Error()+": "))
}

// request is a decoded request body: the article, or a page to read it
// from once the options are built (a body in a format other than JSON,
// or a URL to fetch), and the options.
type request struct {
	arts   []*article.Article
	url    string
	page   []byte // a body to parse as format
	format galley.Format
	opts   printOptions
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
	req.page, req.format = body, format // parsed with the options' selectors
	return req, nil
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
		opts, err := req.opts.fromJSON(raw)
		if err != nil {
			return err
		}
		req.opts = opts
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

// article returns the request's one article, parsing its body or
// fetching the URL it names, with what ext removes from and keeps in an
// HTML page.
func (s *Server) article(ctx context.Context, req *request, ext galley.Extraction) (*article.Article, error) {
	if req.page != nil {
		po := galley.ParseOptions{Format: req.format, Name: "body"}
		ext.Apply(&po)
		var err error
		if req.arts, err = galley.ParseContext(ctx, req.page, po); err != nil {
			return nil, unreadable(err)
		}
		req.page = nil
	}
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
		po := galley.ParseOptions{Format: galley.FormatOf(page.ContentType), Name: page.URL, BaseURL: page.URL, ContentType: page.ContentType}
		ext.Apply(&po)
		req.arts, err = galley.ParseContext(ctx, page.Data, po)
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

// options builds a request's options into galley.Options under the
// service's limits, says where its images may come from, and what is
// removed from and kept in an HTML page.
func (s *Server) options(o printOptions) (galley.Options, galley.ImageSources, galley.Extraction, error) {
	set, err := galley.BuildSettings(o, galley.Service)
	if err != nil {
		return galley.Options{}, galley.ImageSources{}, galley.Extraction{}, optionsError(err)
	}
	opts := set.Options
	opts.MaxPages, opts.MaxImages = s.cfg.MaxPages, s.cfg.MaxImages
	// request content never reads the machine's files
	src := galley.ImageSources{Remote: set.Images.Remote && !s.cfg.NoRemoteImages, Client: s.client,
		MaxBytes: s.cfg.MaxImageBytes, Timeout: s.cfg.Timeout}
	opts.Images = galley.NewImageLoader(src)
	if opts.Fonts, err = installedFonts(); err != nil {
		return galley.Options{}, galley.ImageSources{}, galley.Extraction{}, err
	}
	ext := set.Extract
	ext.Sites = s.cfg.Sites
	return opts, src, ext, nil
}

// installedFonts are the fonts the service sets characters its embedded
// faces lack in: those installed on its machine, found once.
var installedFonts = sync.OnceValues(func() (*galley.Fonts, error) { return galley.NewFonts(nil, true) })

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
// keeps its memory until it is sent. A streamed answer (one do sends on
// started, when its first bytes are written) is returned then, while do
// goes on: its slot is freed when do returns, and its memory once it is
// sent and do has returned.
func (s *Server) admitted(w http.ResponseWriter, r *http.Request, query printOptions, do job, started <-chan *answer) (*answer, error) {
	ctx := r.Context()
	body, err := s.readBody(w, r)
	if err != nil {
		return nil, err
	}
	g, err := s.admit.acquire(ctx, clientKey(r.RemoteAddr), renderNeed(len(body)))
	if err != nil {
		s.bodies.put(body)
	}
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
			s.bodies.put(body) // nothing made from it holds on to its bytes
			if res.ans != nil && res.ans.stream != nil {
				res.ans.stream.finish(res.err)
			}
			if res.err != nil || res.ans == nil {
				g.release()
			} else {
				g.rendered(int64(res.ans.size()))
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
	case ans := <-started:
		ans.done = func() {
			go func() {
				// after the request (whose end cancels a render still
				// running), the render's own end
				if res := <-done; res.err == nil && res.ans != nil {
					g.release()
				}
			}()
		}
		return ans, nil
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
	stream, err := wantsStream(r)
	if err != nil {
		return nil, err
	}
	var started chan *answer
	if stream {
		started = make(chan *answer, 1)
	}
	return s.admitted(w, r, query, func(ctx context.Context, g *grant, body []byte) (*answer, error) {
		a, opts, err := s.printJob(ctx, g, r, query, body)
		if err != nil {
			return nil, err
		}
		ans := &answer{status: http.StatusOK, header: http.Header{
			"Content-Type":           {"application/pdf"},
			"Content-Disposition":    {mime.FormatMediaType("attachment", map[string]string{"filename": galley.Slug(a.Title) + ".pdf"})},
			"X-Content-Type-Options": {"nosniff"},
		}}
		var res galley.Result
		if stream {
			ps := newPDFStream(ans, started)
			ps.afterWrite = s.onStreamWrite
			// the PDF library writes an object at a time: the client gets
			// it in pieces of a useful size, without a wake-up for each
			out := bufio.NewWriterSize(ps, streamPiece)
			if res, err = galley.ExportStreaming(ctx, out, a, opts); err == nil {
				err = out.Flush()
			}
		} else {
			var pdf bytes.Buffer
			res, err = galley.Export(ctx, &pdf, a, opts) // writes only a whole PDF
			ans.body = pdf.Bytes()
		}
		if err != nil {
			return ans, err
		}
		ans.setPages(res.Pages)
		s.metrics.pages.Add(float64(res.Pages))
		s.metrics.bytes.Add(float64(ans.size()))
		return ans, nil
	}, started)
}

// printJob reads a request's article and options: the body decoded, the
// options checked, the article parsed or fetched; then the grant grows by
// what the article's images will take.
func (s *Server) printJob(ctx context.Context, g *grant, r *http.Request, query printOptions, body []byte) (*article.Article, galley.Options, error) {
	req, err := s.decode(r, query, body)
	if err != nil {
		return nil, galley.Options{}, err
	}
	opts, images, ext, err := s.options(req.opts)
	if err != nil {
		return nil, galley.Options{}, err
	}
	a, err := s.article(ctx, req, ext)
	if err != nil {
		return nil, galley.Options{}, err
	}
	g.grow(imagesNeed(a, opts, images.Remote))
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
		set, err := galley.BuildSettings(req.opts, galley.Service)
		if err != nil {
			return nil, optionsError(err)
		}
		if req.url != "" || req.page != nil {
			ext := set.Extract
			ext.Sites = s.cfg.Sites
			if _, err := s.article(ctx, req, ext); err != nil && req.arts == nil {
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
	}, nil)
}
