package batch

// Tests of Run under cancellation and with parallel workers.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// rtCancelAfter cancels a run's context after n records.
type rtCancelAfter struct {
	n      atomic.Int32
	after  int32
	cancel context.CancelFunc
}

func (p *rtCancelAfter) Start(int) {}
func (p *rtCancelAfter) Step(Record) {
	if p.n.Add(1) == p.after {
		p.cancel()
	}
}
func (p *rtCancelAfter) Finish(Summary) {}

// TestRunCancelled: a run whose context ends returns the context's error
// and leaves no book, no partial PDF and no temporary file.
func TestRunCancelled(t *testing.T) {
	cases := []struct {
		name     string
		bookOnly bool
		fetchErr bool // the error may be a fetch's, naming the cancellation
		setup    func(t *testing.T, cancel context.CancelFunc) (srcs []string, p Progress)
	}{
		{"before the run", true, false, func(t *testing.T, cancel context.CancelFunc) ([]string, Progress) {
			cancel()
			src, _ := rtBookPosts(t)
			return []string{src}, nil
		}},
		{"after the first article", false, false, func(t *testing.T, cancel context.CancelFunc) ([]string, Progress) {
			src, _ := rtBookPosts(t)
			return []string{src}, &rtCancelAfter{after: 1, cancel: cancel}
		}},
		{"while binding the book", true, true, func(t *testing.T, cancel context.CancelFunc) ([]string, Progress) {
			src, _ := rtBookPosts(t)
			// the last article is fetched twice: counted, then printed;
			// the run is cancelled while the book is written
			var mu sync.Mutex
			n := 0
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				n++
				k := n
				mu.Unlock()
				if k >= 2 {
					cancel()
					<-r.Context().Done()
					return
				}
				w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
				fmt.Fprint(w, rtPost("Fetched Far Away", "2023-06-01", 2, 7))
			}))
			t.Cleanup(srv.Close)
			return []string{src, srv.URL + "/post.md"}, nil
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			srcs, p := c.setup(t, cancel)
			out := filepath.Join(t.TempDir(), "out")
			book := filepath.Join(out, "book.pdf")
			sum, err := Run(ctx, srcs, Options{OutDir: out, Jobs: 1, Book: book, BookOnly: c.bookOnly, Progress: p})
			switch {
			case err == nil:
				t.Errorf("no error (summary %+v)", sum)
			case c.fetchErr && !errors.Is(err, context.Canceled):
				// ExportBook returns the fetch's error or ctx.Err(),
				// whichever its select sees first; the fetch's error
				// does not wrap the context's (fetch.go formats it
				// with %v)
				if !strings.Contains(err.Error(), context.Canceled.Error()) {
					t.Errorf("error %v, want one saying the run was cancelled", err)
				}
				t.Logf("error %v does not wrap context.Canceled", err)
			case !errors.Is(err, context.Canceled):
				t.Errorf("error %v, want context.Canceled (summary %+v)", err, sum)
			}
			if _, err := os.Stat(book); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("book file left: %v", err)
			}
			files := rtFiles(t, out)
			for n := range files {
				if strings.HasSuffix(n, ".tmp") {
					t.Errorf("temporary file %s left", n)
				}
			}
			for _, pdf := range rtPDFs(files) {
				info := files[pdf]
				data, _ := os.ReadFile(filepath.Join(out, pdf))
				if info.Size() == 0 || !bytes.HasSuffix(bytes.TrimRight(data, "\r\n"), []byte("%%EOF")) {
					t.Errorf("partial PDF %s", pdf)
				}
			}
			if m := filepath.Join(out, "manifest.jsonl"); c.name != "before the run" {
				for _, r := range rtReadManifest(t, m) {
					if r.Status == StatusFailed {
						t.Errorf("%s recorded as failed (%q): an interrupted run is not the input's failure", filepath.Base(r.Input), r.Error)
					}
				}
			}
		})
	}
}

// TestRunManifestLinesWhole: records written by parallel workers are whole
// lines, one per article.
func TestRunManifestLinesWhole(t *testing.T) {
	src, paths := rtWritePosts(t, 12)
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Run(context.Background(), []string{src}, Options{OutDir: out, Jobs: 6}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(out, "manifest.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	seen := map[string]bool{}
	for sc.Scan() {
		var r Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Errorf("line %q: %v", sc.Text(), err)
		}
		seen[r.Input] = true
	}
	if len(seen) != len(paths) {
		t.Errorf("%d inputs recorded, want %d", len(seen), len(paths))
	}
}
