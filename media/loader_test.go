package media

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// imageServer serves /N.png, a distinct line drawing for each N, and
// /fail for a 500; it counts requests per path and the most handled at
// once.
type imageServer struct {
	*httptest.Server
	mu      sync.Mutex
	hits    map[string]int
	now     atomic.Int32
	most    atomic.Int32
	delay   time.Duration
	block   chan struct{} // when not nil, handlers wait for it or the request's end
	entered chan struct{}
}

func newImageServer(t *testing.T, delay time.Duration) *imageServer {
	s := &imageServer{hits: map[string]int{}, delay: delay, entered: make(chan struct{}, 100)}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *imageServer) serve(w http.ResponseWriter, r *http.Request) {
	n := s.now.Add(1)
	defer s.now.Add(-1)
	for {
		m := s.most.Load()
		if n <= m || s.most.CompareAndSwap(m, n) {
			break
		}
	}
	s.mu.Lock()
	s.hits[r.URL.Path]++
	block := s.block
	s.mu.Unlock()
	select {
	case s.entered <- struct{}{}:
	default:
	}
	if block != nil {
		select {
		case <-block:
		case <-r.Context().Done():
			return
		}
	}
	time.Sleep(s.delay)
	if r.URL.Path == "/fail" {
		http.Error(w, "broken", http.StatusInternalServerError)
		return
	}
	var i int
	fmt.Sscanf(r.URL.Path, "/%d.png", &i)
	w.Header().Set("Content-Type", "image/png")
	w.Write(pngBytes(nilTB{}, lineArt(20+i, 10)))
}

func (s *imageServer) hitsOf(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// nilTB lets the handler use the encoders, which cannot fail here.
type nilTB struct{ testing.TB }

func (nilTB) Helper()           {}
func (nilTB) Fatal(args ...any) { panic(fmt.Sprint(args...)) }

func TestLoaderPerHostLimit(t *testing.T) {
	a := newImageServer(t, 10*time.Millisecond)
	b := newImageServer(t, 10*time.Millisecond)
	// b by another name: a host of its own as far as the limit goes
	bHost := strings.Replace(b.URL, "127.0.0.1", "localhost", 1)
	var refs []string
	for i := range 20 {
		refs = append(refs, fmt.Sprintf("%s/%d.png", a.URL, i), fmt.Sprintf("%s/%d.png", bHost, i))
	}
	l := &Loader{Fetcher: Router{}, MaxConcurrent: 8, MaxPerHost: 2}
	res := l.LoadAll(context.Background(), refs, Spec{})
	if len(res) != 40 {
		t.Fatalf("%d results for 40 refs", len(res))
	}
	for ref, r := range res {
		if r.Err != nil || r.Image == nil {
			t.Errorf("%s: %v", ref, r.Err)
		}
	}
	for name, s := range map[string]*imageServer{"a": a, "b": b} {
		if m := s.most.Load(); m != 2 {
			t.Errorf("server %s handled %d requests at once, want 2", name, m)
		}
	}
	widths := map[int]string{}
	for ref, r := range res {
		if k, ok := widths[r.Image.Width]; ok && k != r.Image.Key {
			t.Errorf("%s: width %d twice", ref, r.Image.Width)
		}
		widths[r.Image.Width] = r.Image.Key
	}
}

func TestLoaderGlobalLimit(t *testing.T) {
	var now, most atomic.Int32
	f := FetcherFunc(func(ctx context.Context, ref string) ([]byte, string, error) {
		n := now.Add(1)
		defer now.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(5 * time.Millisecond)
		return nil, "", errors.New("no image")
	})
	var refs []string
	for i := range 30 {
		refs = append(refs, fmt.Sprintf("local-%d.png", i))
	}
	(&Loader{Fetcher: f, MaxConcurrent: 3}).LoadAll(context.Background(), refs, Spec{})
	if most.Load() != 3 {
		t.Errorf("%d fetches at once, want 3", most.Load())
	}
}

func TestLoaderCache(t *testing.T) {
	s := newImageServer(t, 0)
	one, two, fail := s.URL+"/1.png", s.URL+"/2.png", s.URL+"/fail"
	l := NewLoader(Router{})
	refs := []string{one, two, one, fail, one, two, fail}
	res := l.LoadAll(context.Background(), refs, Spec{})
	if len(res) != 3 {
		t.Errorf("%d results, want 3", len(res))
	}
	if res[one].Err != nil || res[two].Err != nil {
		t.Fatalf("a failing ref spoiled the others: %v, %v", res[one].Err, res[two].Err)
	}
	var se *StatusError
	if !errors.As(res[fail].Err, &se) || se.StatusCode != 500 || res[fail].Image != nil {
		t.Errorf("fail: %+v", res[fail])
	}
	// again, concurrently: everything comes from the cache
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			again := l.LoadAll(context.Background(), refs, Spec{})
			if again[one].Image.Key != res[one].Image.Key || again[fail].Err == nil {
				t.Error("a second load differs")
			}
		})
	}
	wg.Wait()
	for _, p := range []string{"/1.png", "/2.png", "/fail"} {
		if n := s.hitsOf(p); n != 1 {
			t.Errorf("%s fetched %d times, want 1", p, n)
		}
	}
	// another spec is another preparation of the same reference
	small := l.LoadAll(context.Background(), []string{one}, Spec{MaxWidthPt: 3.6, DPI: 100})
	if small[one].Err != nil || small[one].Image.Width != 5 {
		t.Errorf("with a smaller spec: %+v", small[one])
	}
}

func TestLoaderCancel(t *testing.T) {
	s := newImageServer(t, 0)
	s.block = make(chan struct{})
	var refs []string
	for i := range 6 {
		refs = append(refs, fmt.Sprintf("%s/%d.png", s.URL, i))
	}
	l := NewLoader(Router{})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-s.entered
		cancel()
	}()
	start := time.Now()
	res := l.LoadAll(ctx, refs, Spec{})
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("LoadAll took %v after cancel", d)
	}
	for ref, r := range res {
		if !errors.Is(r.Err, context.Canceled) {
			t.Errorf("%s: %v, want context.Canceled", ref, r.Err)
		}
	}
	// a cancelled load is not kept as a failure
	s.mu.Lock()
	s.block = nil
	s.mu.Unlock()
	res = l.LoadAll(context.Background(), refs, Spec{})
	for ref, r := range res {
		if r.Err != nil {
			t.Errorf("after the cancel, %s: %v", ref, r.Err)
		}
	}
	// already cancelled: nothing is fetched
	before := s.hitsOf("/9.png")
	res = l.LoadAll(ctx, []string{s.URL + "/9.png"}, Spec{})
	if r := res[s.URL+"/9.png"]; !errors.Is(r.Err, context.Canceled) || s.hitsOf("/9.png") != before {
		t.Errorf("a cancelled context fetched: %v", r.Err)
	}
}

func TestLoaderWaiterRetries(t *testing.T) {
	// one caller starts loading and gives up; another waiting for the same
	// reference loads it itself
	release := make(chan struct{})
	var calls atomic.Int32
	png := pngBytes(t, lineArt(5, 5))
	f := FetcherFunc(func(ctx context.Context, ref string) ([]byte, string, error) {
		if calls.Add(1) == 1 {
			close(release)
			<-ctx.Done()
			return nil, "", ctx.Err()
		}
		return png, "image/png", nil
	})
	l := NewLoader(f)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan Result)
	go func() { done <- l.Load(ctx, "a.png", Spec{}) }()
	<-release
	second := make(chan Result)
	go func() { second <- l.Load(context.Background(), "a.png", Spec{}) }()
	time.Sleep(10 * time.Millisecond) // let the second caller wait on the first
	cancel()
	if r := <-done; !errors.Is(r.Err, context.Canceled) {
		t.Errorf("first: %v", r.Err)
	}
	if r := <-second; r.Err != nil {
		t.Errorf("second: %v", r.Err)
	}
}

func TestLoaderErrors(t *testing.T) {
	l := NewLoader(Router{Offline: true})
	res := l.LoadAll(context.Background(), []string{"", "http://example.com/a.png", "data:image/svg+xml,<svg", "data:image/png;base64,iVBORw0KGgo="}, Spec{})
	for ref, want := range map[string]error{
		"":                                   ErrBadReference,
		"http://example.com/a.png":           ErrOffline,
		"data:image/svg+xml,<svg":            ErrCorruptImage,
		"data:image/png;base64,iVBORw0KGgo=": ErrCorruptImage,
	} {
		if !errors.Is(res[ref].Err, want) {
			t.Errorf("%q: %v, want %v", ref, res[ref].Err, want)
		}
	}
	if r := (&Loader{}).Load(context.Background(), "a.png", Spec{}); !errors.Is(r.Err, ErrBadReference) {
		t.Errorf("no fetcher: %v", r.Err)
	}
}
