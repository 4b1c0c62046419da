package batch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"sync"
	"testing"
)

// memFolder is a Folder in memory.
type memFolder struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memFolder) Write(_ context.Context, name string, fill func(io.Writer) error) error {
	var b bytes.Buffer
	if err := fill(&b); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[name] = b.Bytes()
	return nil
}

func (m *memFolder) Exists(_ context.Context, name string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.files[name]
	return ok, nil
}

func (m *memFolder) Read(_ context.Context, name string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.files[name]
	if !ok {
		return nil, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
	}
	return b, nil
}

func (m *memFolder) Close() error { return nil }

// memStorage opens memFolders by URL.
type memStorage struct {
	mu      sync.Mutex
	folders map[string]*memFolder
}

func (s *memStorage) Open(_ context.Context, url string) (Folder, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.folders[url] == nil {
		s.folders[url] = &memFolder{files: map[string][]byte{}}
	}
	return s.folders[url], nil
}

func (s *memStorage) Fetch(context.Context, string, string) (string, error) {
	return "", errors.New("no such prefix")
}

// TestObjectManifest: the manifest of an object store keeps the lines of
// earlier runs, starts a fresh line after a torn one, and is stored
// whole when closed, also after its run's context ended.
func TestObjectManifest(t *testing.T) {
	f := &memFolder{files: map[string][]byte{"manifest.jsonl": []byte(`{"input":"a","status":"ok","seconds":0}` + "\n" + `{"input":"b","sta`)}}
	ctx, cancel := context.WithCancel(context.Background())
	prev, m, err := loadObjectManifest(ctx, f, "manifest.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(prev) != 1 || prev["a"].Status != StatusOK {
		t.Errorf("earlier records %v, want a alone", prev)
	}
	if err := m.write(Record{Input: "c", Status: StatusOK}); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	want := `{"input":"a","status":"ok","seconds":0}` + "\n" + `{"input":"b","sta` + "\n" + `{"input":"c","status":"ok","seconds":0}` + "\n"
	if got := string(f.files["manifest.jsonl"]); got != want {
		t.Errorf("stored manifest:\n%s\nwant:\n%s", got, want)
	}
}

// TestStorageURLs: storage URLs as output, book or source go through the
// run's Storage, and fail clearly without one.
func TestStorageURLs(t *testing.T) {
	dir, _ := rtWritePosts(t, 2)
	st := &memStorage{folders: map[string]*memFolder{}}
	o := Options{OutDir: "s3://bucket/pdf/", Book: "s3://bucket/books/all.pdf", Jobs: 1, Storage: st}
	sum, err := Run(context.Background(), []string{dir, "gs://bucket/gone/"}, o)
	if !errors.Is(err, ErrFailed) || sum.Printed != 2 || len(sum.SourceErrors) != 1 {
		t.Fatalf("run: %d printed, source errors %v, %v; want 2, the gs:// source's, ErrFailed", sum.Printed, sum.SourceErrors, err)
	}
	out, books := st.folders["s3://bucket/pdf/"], st.folders["s3://bucket/books/"]
	if out == nil || books == nil || len(out.files) != 3 || books.files["all.pdf"] == nil {
		t.Fatalf("folders %v", st.folders)
	}
	if _, ok := out.files["manifest.jsonl"]; !ok {
		t.Error("no manifest in the output prefix")
	}
	if _, err := Run(context.Background(), []string{dir}, Options{OutDir: "azblob://c/pdf/"}); !errors.Is(err, ErrNoStorage) {
		t.Errorf("output URL without Storage: %v, want ErrNoStorage", err)
	}
	sum, _ = Run(context.Background(), []string{"s3://bucket/posts/"}, Options{OutDir: filepath.Join(t.TempDir(), "out")})
	if len(sum.SourceErrors) != 1 || !errors.Is(sum.SourceErrors[0], ErrNoStorage) {
		t.Errorf("source URL without Storage: %v, want ErrNoStorage", sum.SourceErrors)
	}
}

func TestSplitStorageURL(t *testing.T) {
	for _, tc := range []struct{ in, dir, name, last string }{
		{"s3://b/out/book.pdf?region=x&endpoint=http%3A%2F%2Fh%3A9000", "s3://b/out/?region=x&endpoint=http%3A%2F%2Fh%3A9000", "book.pdf", "book.pdf"},
		{"gs://b/book.pdf", "gs://b/", "book.pdf", "book.pdf"},
		{"file:///srv/pdf/book.pdf", "file:///srv/pdf/", "book.pdf", "book.pdf"},
	} {
		dir, name, err := SplitStorageURL(tc.in)
		if err != nil || dir != tc.dir || name != tc.name {
			t.Errorf("SplitStorageURL(%s) = %s, %s, %v; want %s, %s", tc.in, dir, name, err, tc.dir, tc.name)
		}
		if got := StorageName(tc.in); got != tc.last {
			t.Errorf("StorageName(%s) = %s, want %s", tc.in, got, tc.last)
		}
	}
	if _, _, err := SplitStorageURL("s3://b/out/"); err == nil {
		t.Error("a prefix split as an object")
	}
	if got := StorageName("s3://bucket/?region=x"); got != "bucket" {
		t.Errorf("StorageName of a bucket: %s", got)
	}
}
