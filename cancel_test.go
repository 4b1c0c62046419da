package galley_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
)

// countingContext is a context whose Err reports it cancelled from its
// cancelAt-th call on (never when cancelAt is 0), and counts the calls.
// Its Done channel closes then too, for the stages that wait on it.
type countingContext struct {
	context.Context
	cancel          context.CancelFunc
	calls, cancelAt int
}

func newCountingContext(cancelAt int) *countingContext {
	ctx, cancel := context.WithCancel(context.Background())
	return &countingContext{Context: ctx, cancel: cancel, cancelAt: cancelAt}
}

func (c *countingContext) Err() error {
	c.calls++
	if c.cancelAt > 0 && c.calls >= c.cancelAt {
		c.cancel()
	}
	return c.Context.Err()
}

// jpegDataURI is a photograph-like JPEG of w × h pixels as a data: URI.
func jpegDataURI(t *testing.T, w, h int) string {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.Set(x, y, color.RGBA{uint8(x * 7), uint8(y * 3), uint8((x ^ y) * 5), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return "data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(b.Bytes())
}

// TestExportStopsPromptly: an article of a long paragraph, figures and
// many short blocks is exported under a context cancelled at various
// moments (while images load, while a paragraph is set, while pages are
// made or written): every time the export fails with context.Canceled at
// the first look after the cancellation, writes nothing, and leaves no
// goroutine behind.
func TestExportStopsPromptly(t *testing.T) {
	a := longArticle(200)
	a.Body = append(a.Body, article.Block{Kind: article.KindParagraph, Text: article.Plain(strings.Repeat("One long paragraph of words. ", 8000))})
	for i := range 3 {
		a.Body = append(a.Body, article.Block{Kind: article.KindFigure, Figure: &article.Figure{Src: jpegDataURI(t, 900+i, 700), Caption: article.Plain("A figure")}})
	}
	goroutines := runtime.NumGoroutine()
	full := newCountingContext(0)
	if _, err := galley.Export(full, io.Discard, a, galley.Options{}); err != nil {
		t.Fatal(err)
	}
	if full.calls < 50 {
		t.Fatalf("the context was looked at %d times in an export of %d blocks", full.calls, len(a.Body))
	}
	for _, at := range []int{1, 5, full.calls / 4, full.calls / 2, full.calls * 3 / 4, full.calls - 1} {
		ctx := newCountingContext(at)
		var out bytes.Buffer
		_, err := galley.Export(ctx, &out, a, galley.Options{})
		if !errors.Is(err, context.Canceled) || out.Len() > 0 {
			t.Fatalf("cancelled at look %d of %d: %v, %d bytes written; want context.Canceled and nothing", at, full.calls, err, out.Len())
		}
		// the image loads run in parallel and their results are each
		// asked about: a few looks more, not one a page or paragraph
		if ctx.calls > at+10 {
			t.Errorf("cancelled at look %d: looked %d times, going on after it was cancelled", at, ctx.calls)
		}
	}
	deadline := time.Now().Add(time.Second)
	for runtime.NumGoroutine() > goroutines && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond) // goroutines that have returned take a moment to go
	}
	if n := runtime.NumGoroutine(); n > goroutines {
		t.Errorf("%d goroutines left running, %d before", n, goroutines)
	}
}

// TestDeepInputRefused: the deep inputs of the issue are refused with
// ErrTooDeep, through the library's front door.
func TestDeepInputRefused(t *testing.T) {
	var md strings.Builder
	md.WriteString("# Nested\n\n")
	for i := range 3000 {
		fmt.Fprintf(&md, "%s- item %d\n", strings.Repeat("  ", i), i)
	}
	page := "<html><body><article>" + strings.Repeat("<div>", 100000) + "deep" + strings.Repeat("</div>", 100000) + "</article></body></html>"
	for name, in := range map[string]string{"markdown": md.String(), "html": page} {
		_, err := galley.ParseContext(context.Background(), []byte(in), galley.ParseOptions{Format: galley.Format(name)})
		if !errors.Is(err, galley.ErrTooDeep) || errors.Is(err, galley.ErrUnsupportedFormat) {
			t.Errorf("%s: %v, want ErrTooDeep", name, err)
		}
	}
}

// slowSource is a book source whose articles, from its cancelAt-th call
// on, cancel the book's context and take a while to come; it counts the
// calls under way.
type slowSource struct {
	arts     []*article.Article
	cancel   context.CancelFunc
	cancelAt int32
	calls    atomic.Int32
	inFlight atomic.Int32
}

func (s *slowSource) Len() int { return len(s.arts) }

func (s *slowSource) Article(ctx context.Context, i int) (*article.Article, galley.Options, error) {
	s.inFlight.Add(1)
	defer s.inFlight.Add(-1)
	if s.calls.Add(1) >= s.cancelAt {
		s.cancel()
		<-ctx.Done()
		time.Sleep(50 * time.Millisecond) // work that takes a moment to notice
	}
	return s.arts[i], galley.Options{}, nil
}

// TestExportBookStopsEverything: a book cancelled while its articles are
// printed returns context.Canceled only once the work under way has
// stopped: nothing of it goes on after ExportBook returns.
func TestExportBookStopsEverything(t *testing.T) {
	arts := make([]*article.Article, 8)
	for i := range arts {
		arts[i] = longArticle(30)
		arts[i].Title = fmt.Sprintf("Article %d", i+1)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// each article is asked for once: cancelled at the third
	src := &slowSource{arts: arts, cancel: cancel, cancelAt: 3}
	_, err := galley.ExportBook(ctx, io.Discard, src, galley.BookOptions{Jobs: 2})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("%v, want context.Canceled", err)
	}
	if n := src.inFlight.Load(); n > 0 {
		t.Errorf("%d articles still being read after ExportBook returned", n)
	}
}
