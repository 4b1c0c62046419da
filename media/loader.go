package media

import (
	"context"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/sync/semaphore"

	"github.com/galleyprint/galley/page"
)

// Defaults of Loader's zero fields.
const (
	DefaultMaxConcurrent = 8
	DefaultMaxPerHost    = 2
)

// Result is the outcome of loading one reference: the prepared image, or
// why there is none.
type Result struct {
	Image *page.Image
	Err   error
}

// Loader fetches and prepares images in parallel and keeps every result —
// a failure too — for its lifetime, so that a reference used twice, in
// one document or in many, is fetched once. It is safe for concurrent use.
//
// At most MaxConcurrent references are fetched and prepared at once, and
// at most MaxPerHost of them from one web host. A result that failed
// because the caller's context ended is not kept.
type Loader struct {
	Fetcher       Fetcher // where the bytes come from, typically a Router
	MaxConcurrent int     // 0 is DefaultMaxConcurrent
	MaxPerHost    int     // 0 is DefaultMaxPerHost

	once    sync.Once
	sem     chan struct{}
	perHost int

	mu    sync.Mutex
	cache map[cacheKey]*entry
	hosts map[string]*hostSlot
}

// NewLoader returns a Loader with the default limits.
func NewLoader(f Fetcher) *Loader { return &Loader{Fetcher: f} }

type cacheKey struct {
	ref  string
	spec Spec
}

// entry is one cached result; done is closed when res is set.
type entry struct {
	done      chan struct{}
	res       Result
	abandoned bool // the loading context ended: res is not a result
}

// hostSlot limits the requests to one host; users counts who holds or
// waits for it, so that it can be dropped when idle.
type hostSlot struct {
	sem   chan struct{}
	users int
}

func (l *Loader) init() {
	l.once.Do(func() {
		n := l.MaxConcurrent
		if n <= 0 {
			n = DefaultMaxConcurrent
		}
		l.perHost = l.MaxPerHost
		if l.perHost <= 0 {
			l.perHost = DefaultMaxPerHost
		}
		l.sem = make(chan struct{}, n)
		l.cache = map[cacheKey]*entry{}
		l.hosts = map[string]*hostSlot{}
	})
}

// Preparing images is bounded process-wide, however many loaders and
// fetches run: at most one image per CPU at a time, and their decoded
// pixels within decodeBudget bytes, so that two large screenshots are
// not held at once (a 4000 × 2500 PNG decodes to 40 MB). An image larger
// than the whole budget waits until it has it to itself.
var (
	prepareSlots = semaphore.NewWeighted(int64(runtime.NumCPU()))
	decodeBudget = semaphore.NewWeighted(decodeBudgetBytes)
)

const decodeBudgetBytes = 64 << 20

// LoadAll loads refs in parallel and returns a result for each distinct
// reference. When ctx ends, references not yet loaded fail with its error.
func (l *Loader) LoadAll(ctx context.Context, refs []string, spec Spec) map[string]Result {
	out := make(map[string]Result, len(refs))
	var order []string
	for _, r := range refs {
		if _, ok := out[r]; !ok {
			out[r] = Result{}
			order = append(order, r)
		}
	}
	results := make([]Result, len(order))
	var wg sync.WaitGroup
	for i, r := range order {
		wg.Go(func() { results[i] = l.Load(ctx, r, spec) })
	}
	wg.Wait()
	for i, r := range order {
		out[r] = results[i]
	}
	return out
}

// Load loads one reference, or returns the result kept from before.
func (l *Loader) Load(ctx context.Context, ref string, spec Spec) Result {
	l.init()
	k := cacheKey{ref, spec}
	for {
		if err := ctx.Err(); err != nil {
			return Result{Err: err}
		}
		l.mu.Lock()
		e, ok := l.cache[k]
		if !ok {
			e = &entry{done: make(chan struct{})}
			l.cache[k] = e
			l.mu.Unlock()
			l.fill(ctx, e, k)
			return e.res
		}
		l.mu.Unlock()
		select {
		case <-e.done:
			if !e.abandoned {
				return e.res
			}
			// whoever was loading it gave up; try again ourselves
		case <-ctx.Done():
			return Result{Err: ctx.Err()}
		}
	}
}

// fill loads k into e and publishes it.
func (l *Loader) fill(ctx context.Context, e *entry, k cacheKey) {
	e.res = l.load(ctx, k.ref, k.spec)
	if e.res.Err != nil && ctx.Err() != nil {
		e.abandoned = true
		l.mu.Lock()
		delete(l.cache, k)
		l.mu.Unlock()
	}
	close(e.done)
}

// load fetches and prepares ref within the limits.
func (l *Loader) load(ctx context.Context, ref string, spec Spec) Result {
	if strings.TrimSpace(ref) == "" {
		return Result{Err: fmt.Errorf("%w: empty reference", ErrBadReference)}
	}
	if l.Fetcher == nil {
		return Result{Err: fmt.Errorf("%w: the loader has no fetcher", ErrBadReference)}
	}
	var releaseHost func()
	if host := webHost(ref); host != "" {
		var err error
		if releaseHost, err = l.acquireHost(ctx, host); err != nil {
			return Result{Err: err}
		}
	}
	select {
	case l.sem <- struct{}{}:
	case <-ctx.Done():
		if releaseHost != nil {
			releaseHost()
		}
		return Result{Err: ctx.Err()}
	}
	defer func() { <-l.sem }()
	data, _, err := l.Fetcher.Fetch(ctx, ref)
	if releaseHost != nil {
		releaseHost()
	}
	if err != nil {
		return Result{Err: err}
	}
	// decoding is CPU and memory bound: at most one image per CPU is
	// prepared at a time in the whole process, however many are fetched
	cost := min(decodedSize(data), decodeBudgetBytes)
	if err := prepareSlots.Acquire(ctx, 1); err != nil {
		return Result{Err: err}
	}
	if err := decodeBudget.Acquire(ctx, cost); err != nil {
		prepareSlots.Release(1)
		return Result{Err: err}
	}
	img, err := prepare(ctx, data, "", spec)
	decodeBudget.Release(cost)
	prepareSlots.Release(1)
	if err != nil {
		return Result{Err: fmt.Errorf("image %s: %w", shorten(ref), err)}
	}
	return Result{Image: img}
}

// acquireHost waits for a free request slot for host and returns the
// function that frees it.
func (l *Loader) acquireHost(ctx context.Context, host string) (func(), error) {
	l.mu.Lock()
	s := l.hosts[host]
	if s == nil {
		s = &hostSlot{sem: make(chan struct{}, l.perHost)}
		l.hosts[host] = s
	}
	s.users++
	l.mu.Unlock()
	leave := func() {
		l.mu.Lock()
		if s.users--; s.users == 0 {
			delete(l.hosts, host)
		}
		l.mu.Unlock()
	}
	select {
	case s.sem <- struct{}{}:
		return func() { <-s.sem; leave() }, nil
	case <-ctx.Done():
		leave()
		return nil, ctx.Err()
	}
}

// webHost returns the lower-cased host name of an http(s) reference, ""
// for other references.
func webHost(ref string) string {
	ref = strings.TrimSpace(ref)
	switch scheme(ref) {
	case "http", "https":
	case "":
		if !strings.HasPrefix(ref, "//") {
			return ""
		}
		ref = "https:" + ref
	default:
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}
