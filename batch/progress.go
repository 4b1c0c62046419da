package batch

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// NewProgress reports a run on w: a progress bar (done/total, rate, time
// left) when w is a terminal, else a plain line per article. Quiet shows
// only failures; the summary line is left to the caller.
func NewProgress(w io.Writer, terminal, quiet bool) Progress {
	switch {
	case quiet:
		return &lines{w: w, failuresOnly: true}
	case terminal:
		return &bar{w: w}
	}
	return &lines{w: w}
}

// lines prints one line per article, for logs.
type lines struct {
	mu           sync.Mutex
	w            io.Writer
	failuresOnly bool
	total, done  int
}

func (l *lines) Start(total int) { l.total = total }

func (l *lines) Step(r Record) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.done++
	switch {
	case r.Status == StatusFailed:
		fmt.Fprintf(l.w, "failed %s: %s\n", r.Input, r.Error)
	case l.failuresOnly:
	case r.Status == StatusSkipped:
		fmt.Fprintf(l.w, "[%d/%d] unchanged %s -> %s\n", l.done, l.total, r.Input, r.Output)
	default:
		fmt.Fprintf(l.w, "[%d/%d] printed %s -> %s (%d pages, %.2fs%s)\n", l.done, l.total, r.Input, r.Output,
			r.Pages, r.Seconds, warnNote(len(r.Warnings)))
	}
}

func (l *lines) Finish(Summary) {}

func warnNote(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return ", 1 warning"
	}
	return fmt.Sprintf(", %d warnings", n)
}

// bar draws a progress bar on a terminal; failures print above it.
type bar struct {
	mu sync.Mutex
	w  io.Writer
	pb *progressbar.ProgressBar
}

func (b *bar) Start(total int) {
	b.pb = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(b.w),
		progressbar.OptionSetDescription("printing"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetWidth(30),
	)
}

func (b *bar) Step(r Record) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if r.Status == StatusFailed {
		b.pb.Clear()
		fmt.Fprintf(b.w, "failed %s: %s\n", r.Input, r.Error)
	}
	b.pb.Add(1)
}

func (b *bar) Finish(Summary) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.pb.Finish()
}
