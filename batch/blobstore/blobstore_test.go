package blobstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"gocloud.dev/blob"

	"github.com/galleyprint/galley/batch"
)

// The object-storage tests run galley batch against an S3 fake served in
// the process, and compare every object with the same run on disk.

const testBucket = "galley"

// flakyBackend is the in-memory S3 backend whose PDF uploads fail once
// failAfter of them have succeeded (-1: never).
type flakyBackend struct {
	*s3mem.Backend
	mu        sync.Mutex
	failAfter int
	pdfs      int
}

func (f *flakyBackend) PutObject(bucket, key string, meta map[string]string, input io.Reader, size int64, c *gofakes3.PutConditions) (gofakes3.PutObjectResult, error) {
	if strings.HasSuffix(key, ".pdf") {
		f.mu.Lock()
		fail := f.failAfter >= 0 && f.pdfs >= f.failAfter
		if !fail {
			f.pdfs++
		}
		f.mu.Unlock()
		if fail {
			io.Copy(io.Discard, input)
			return gofakes3.PutObjectResult{}, errors.New("the store is full")
		}
	}
	return f.Backend.PutObject(bucket, key, meta, input, size, c)
}

func (f *flakyBackend) setFailAfter(n int) {
	f.mu.Lock()
	f.failAfter, f.pdfs = n, 0
	f.mu.Unlock()
}

// fakeS3 serves an S3 fake with an empty bucket and returns its backend
// and the URL of prefix in the bucket.
func fakeS3(t *testing.T) (*flakyBackend, func(prefix string) string) {
	t.Helper()
	be := &flakyBackend{Backend: s3mem.New(), failAfter: -1}
	if err := be.CreateBucket(testBucket); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(gofakes3.New(be).Server())
	t.Cleanup(srv.Close)
	// the standard AWS variables, and nothing from this machine's files
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	q := url.Values{"endpoint": {srv.URL}, "region": {"us-east-1"}, "use_path_style": {"true"}}
	return be, func(prefix string) string {
		return "s3://" + testBucket + "/" + prefix + "?" + q.Encode()
	}
}

// testSite is a Hugo site: the fixture site of package batch's tests
// (shortcodes, a page bundle's image, the site's static image) and eight
// more posts, so that three shards each get some.
func testSite(t *testing.T) string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(site, os.DirFS("../../testdata/sites/hugo")); err != nil {
		t.Fatal(err)
	}
	for i := range 8 {
		body := fmt.Sprintf("+++\ntitle = \"Dispatch %d\"\ndate = 2024-05-%02d\n+++\n\nThe harbour report number %d.\n\n{{< figure src=\"/images/ship.png\" caption=\"The ship, seen from pier %d\" >}}\n\nEnd of dispatch %d.\n", i, i+1, i, i, i)
		p := filepath.Join(site, "content", "posts", fmt.Sprintf("dispatch-%d.md", i))
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return site
}

// upload copies the folder dir into the bucket below prefix.
func upload(t *testing.T, prefixURL, dir string) {
	t.Helper()
	ctx := context.Background()
	b, prefix := openPrefix(t, prefixURL)
	defer b.Close()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return b.WriteAll(ctx, prefix+filepath.ToSlash(rel), data, nil)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// openPrefix opens the bucket of a storage URL and returns it with the
// URL's prefix in it.
func openPrefix(t *testing.T, prefixURL string) (*blob.Bucket, string) {
	t.Helper()
	bu, prefix, err := bucketURL(prefixURL)
	if err != nil {
		t.Fatal(err)
	}
	b, err := blob.OpenBucket(context.Background(), bu)
	if err != nil {
		t.Fatal(err)
	}
	return b, prefix
}

// objects returns the objects below prefix, by their names below it.
func objects(t *testing.T, prefixURL string) map[string][]byte {
	t.Helper()
	ctx := context.Background()
	b, prefix := openPrefix(t, prefixURL)
	defer b.Close()
	out := map[string][]byte{}
	it := b.List(&blob.ListOptions{Prefix: prefix})
	for {
		obj, err := it.Next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := b.ReadAll(ctx, obj.Key)
		if err != nil {
			t.Fatal(err)
		}
		out[strings.TrimPrefix(obj.Key, prefix)] = data
	}
	return out
}

// files returns the files of a local folder by name.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = data
	}
	return out
}

// options are a batch run's: offline, two at a time.
func options(out string) batch.Options {
	return batch.Options{OutDir: out, Jobs: 2, Sources: batch.SourceOptions{Offline: true}, Storage: Storage{}, BookTitle: "Harbour"}
}

// shardedRun prints src in three shards into out, then binds the book
// book from the same sources, as the Kubernetes Job does.
func shardedRun(t *testing.T, src, out, book string) {
	t.Helper()
	for i := 1; i <= 3; i++ {
		o := options(out)
		o.Shard, o.Shards = i, 3
		sum, err := batch.Run(context.Background(), []string{src}, o)
		if err != nil {
			t.Fatalf("shard %d/3: %v", i, err)
		}
		if sum.Printed == 0 {
			t.Fatalf("shard %d/3 printed nothing: the fixture must give every shard a post", i)
		}
	}
	o := options(out)
	o.Book, o.BookOnly = book, true
	sum, err := batch.Run(context.Background(), []string{src}, o)
	if err != nil {
		t.Fatalf("book: %v", err)
	}
	if sum.Book == nil || sum.Book.Articles != 9 {
		t.Fatalf("book: %+v, want 9 articles", sum.Book)
	}
}

// pdfs keeps the PDFs of a listing.
func pdfs(m map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for k, v := range m {
		if strings.HasSuffix(k, ".pdf") {
			out[k] = v
		}
	}
	return out
}

// sameFiles fails the test unless got and want hold the same names with
// the same bytes.
func sameFiles(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	var names []string
	for k := range want {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		g, ok := got[k]
		switch {
		case !ok:
			t.Errorf("%s: %s missing", what, k)
		case !bytes.Equal(g, want[k]):
			t.Errorf("%s: %s differs from the run on disk (%d bytes, want %d)", what, k, len(g), len(want[k]))
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: %s is not in the run on disk", what, k)
		}
	}
}

// diskRun is the sharded run and book of site on disk.
func diskRun(t *testing.T, site string) map[string][]byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "pdf")
	shardedRun(t, site, out, filepath.Join(out, "book.pdf"))
	return files(t, out)
}

// TestShardedRunInS3: three shards read the site from the bucket and
// write into it; their PDFs and the book bound from the bucket are the
// bytes of the same run on disk, and each shard has its manifest.
func TestShardedRunInS3(t *testing.T) {
	site := testSite(t)
	want := diskRun(t, site)
	_, at := fakeS3(t)
	upload(t, at("archive/site/"), site)
	shardedRun(t, at("archive/site/"), at("pdf/"), at("pdf/book.pdf"))
	got := objects(t, at("pdf/"))
	sameFiles(t, "s3", pdfs(got), pdfs(want))
	if len(pdfs(want)) != 10 {
		t.Errorf("%d PDFs on disk, want 9 articles and the book", len(pdfs(want)))
	}
	for _, m := range []string{"manifest-1-of-3.jsonl", "manifest-2-of-3.jsonl", "manifest-3-of-3.jsonl", "manifest.jsonl"} {
		if lines(got[m]) != lines(want[m]) {
			t.Errorf("%s: %d lines in the bucket, %d on disk", m, lines(got[m]), lines(want[m]))
		}
	}
	for name := range got {
		if strings.HasSuffix(name, ".tmp") || strings.Contains(name, "/") {
			t.Errorf("the bucket holds %s", name)
		}
	}
}

func lines(b []byte) int { return bytes.Count(b, []byte("\n")) }

// cancelAfter cancels a run after n records.
type cancelAfter struct {
	n      int
	cancel func()
	mu     sync.Mutex
	seen   int
}

func (c *cancelAfter) Start(int)            {}
func (c *cancelAfter) Finish(batch.Summary) {}
func (c *cancelAfter) Step(batch.Record) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen++; c.seen == c.n {
		c.cancel()
	}
}

// TestResumeInS3: a run cut short (cancelled after three articles, as a
// pod killed) stores its manifest; the rerun skips what it printed and
// ends with the bytes of a whole run on disk.
func TestResumeInS3(t *testing.T) {
	site := testSite(t)
	want := pdfs(diskRun(t, site))
	delete(want, "book.pdf")
	_, at := fakeS3(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	o := options(at("pdf/"))
	o.Jobs = 1
	o.Progress = &cancelAfter{n: 3, cancel: cancel}
	if _, err := batch.Run(ctx, []string{site}, o); !errors.Is(err, context.Canceled) {
		t.Fatalf("the cut run returned %v, want context.Canceled", err)
	}
	first := pdfs(objects(t, at("pdf/")))
	if len(first) < 3 || len(first) >= len(want) {
		t.Fatalf("the cut run left %d PDFs, want from 3 to %d", len(first), len(want)-1)
	}
	sum, err := batch.Run(context.Background(), []string{site}, options(at("pdf/")))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Skipped != len(first) || sum.Printed != len(want)-len(first) {
		t.Errorf("rerun: %d unchanged, %d printed; want %d and %d", sum.Skipped, sum.Printed, len(first), len(want)-len(first))
	}
	sameFiles(t, "resumed", pdfs(objects(t, at("pdf/"))), want)
}

// TestFailedUploadLeavesNothing: when the store refuses uploads, the
// articles fail and no object is left of them, none partial; the rerun
// prints just those, to the bytes of the run on disk.
func TestFailedUploadLeavesNothing(t *testing.T) {
	site := testSite(t)
	want := pdfs(diskRun(t, site))
	delete(want, "book.pdf")
	be, at := fakeS3(t)
	be.setFailAfter(4)
	sum, err := batch.Run(context.Background(), []string{site}, options(at("pdf/")))
	if !errors.Is(err, batch.ErrFailed) || sum.Printed != 4 || sum.Failed != len(want)-4 {
		t.Fatalf("with a failing store: %d printed, %d failed, %v; want 4, %d, ErrFailed", sum.Printed, sum.Failed, err, len(want)-4)
	}
	first := objects(t, at("pdf/"))
	if len(pdfs(first)) != 4 {
		t.Errorf("the bucket holds %d PDFs, want the 4 uploaded", len(pdfs(first)))
	}
	for name, data := range pdfs(first) {
		if !bytes.Equal(data, want[name]) {
			t.Errorf("%s: not the whole PDF", name)
		}
	}
	be.setFailAfter(-1)
	sum, err = batch.Run(context.Background(), []string{site}, options(at("pdf/")))
	if err != nil || sum.Skipped != 4 || sum.Printed != len(want)-4 {
		t.Errorf("rerun: %d unchanged, %d printed, %v; want 4, %d, nil", sum.Skipped, sum.Printed, err, len(want)-4)
	}
	sameFiles(t, "rerun", pdfs(objects(t, at("pdf/"))), want)
}

// TestWriteAborted: a write whose fill fails publishes nothing: neither a
// new object nor a part of one over the old.
func TestWriteAborted(t *testing.T) {
	_, at := fakeS3(t)
	ctx := context.Background()
	f, err := Storage{}.Open(ctx, at("out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	boom := errors.New("boom")
	half := func(w io.Writer) error { w.Write(bytes.Repeat([]byte("half"), 1000)); return boom }
	if err := f.Write(ctx, "new.pdf", half); !errors.Is(err, boom) {
		t.Errorf("write: %v, want boom", err)
	}
	if err := f.Write(ctx, "old.pdf", func(w io.Writer) error { _, err := w.Write([]byte("whole")); return err }); err != nil {
		t.Fatal(err)
	}
	if err := f.Write(ctx, "old.pdf", half); !errors.Is(err, boom) {
		t.Errorf("rewrite: %v, want boom", err)
	}
	got := objects(t, at("out/"))
	if len(got) != 1 || string(got["old.pdf"]) != "whole" {
		t.Errorf("the bucket holds %q, want old.pdf whole alone", got)
	}
	if ok, err := f.Exists(ctx, "new.pdf"); ok || err != nil {
		t.Errorf("Exists(new.pdf) = %v, %v", ok, err)
	}
	if _, err := f.Read(ctx, "new.pdf"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Read(new.pdf): %v, want fs.ErrNotExist", err)
	}
}

// TestFetch: a prefix is copied with its folders, its outputs left out,
// and one object into a folder named as its parent.
func TestFetch(t *testing.T) {
	site := testSite(t)
	_, at := fakeS3(t)
	upload(t, at("archive/site/"), site)
	upload(t, at("archive/site/"), filepath.Join(t.TempDir())) // nothing
	ctx := context.Background()
	f, _ := Storage{}.Open(ctx, at("archive/site/"))
	f.Write(ctx, "old-article-0123456789.pdf", func(w io.Writer) error { _, err := w.Write([]byte("%PDF")); return err })
	f.Close()
	dir := t.TempDir()
	local, err := Storage{}.Fetch(ctx, at("archive/site"), dir)
	if err != nil {
		t.Fatal(err)
	}
	if local != filepath.Join(dir, "site") {
		t.Errorf("local path %s", local)
	}
	for _, p := range []string{"hugo.toml", "content/posts/bundle/reading-room.png", "content/posts/dispatch-7.md"} {
		if _, err := os.Stat(filepath.Join(local, p)); err != nil {
			t.Errorf("%s not fetched: %v", p, err)
		}
	}
	if _, err := os.Stat(filepath.Join(local, "old-article-0123456789.pdf")); err == nil {
		t.Error("a PDF was fetched")
	}
	one, err := Storage{}.Fetch(ctx, at("archive/site/hugo.toml"), t.TempDir())
	if err != nil || filepath.Base(filepath.Dir(one)) != "site" || filepath.Base(one) != "hugo.toml" {
		t.Errorf("one object: %s, %v", one, err)
	}
	root, _ := Storage{}.Open(ctx, at(""))
	root.Write(ctx, "top.md", func(w io.Writer) error { _, err := w.Write([]byte("# Top")); return err })
	root.Close()
	top, err := Storage{}.Fetch(ctx, at("top.md"), t.TempDir())
	if err != nil || filepath.Base(filepath.Dir(top)) != testBucket || filepath.Base(top) != "top.md" {
		t.Errorf("an object at the bucket's root: %s, %v; want it in a folder named %s", top, err, testBucket)
	}
	if _, err := (Storage{}).Fetch(ctx, at("archive/none/"), t.TempDir()); err == nil {
		t.Error("an empty prefix fetched")
	}
}
