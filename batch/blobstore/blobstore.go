// Package blobstore lets galley batch write to and read from object
// stores through gocloud.dev/blob: Amazon S3 and S3-compatible stores
// (s3://), Google Cloud Storage (gs://), Azure Blob Storage (azblob://)
// and local folders (file://). It links the four drivers, whose package
// initialisation costs a program that imports it tens of milliseconds at
// every start (measured in docs/kubernetes-batch.md), so galley links it
// only into the build made with -tags cloud.
//
// A URL names a bucket and a prefix: s3://bucket/archive/pdf/ writes
// archive/pdf/<name>.pdf. Its query configures the driver, as
// gocloud.dev documents: for S3, region=, endpoint= (an S3-compatible
// store: http://minio:9000), use_path_style=true (or s3ForcePathStyle=true),
// disable_https=true, profile=; credentials come from the standard AWS
// variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
// AWS_REGION, AWS_ENDPOINT_URL, AWS_PROFILE), the shared files and
// the instance or pod role. gs:// uses Application Default Credentials;
// azblob:// reads AZURE_STORAGE_ACCOUNT and AZURE_STORAGE_KEY (or a
// managed identity). file:///path is the local folder /path, as an
// output or a source folder (a single local file is named by its path).
package blobstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"gocloud.dev/blob"
	_ "gocloud.dev/blob/azureblob" // azblob://
	_ "gocloud.dev/blob/fileblob"  // file://
	_ "gocloud.dev/blob/gcsblob"   // gs://
	_ "gocloud.dev/blob/s3blob"    // s3://
	"gocloud.dev/gcerrors"
	"golang.org/x/sync/errgroup"

	"github.com/galleyprint/galley/batch"
)

// Storage opens storage URLs for batch.Options.Storage.
type Storage struct{}

var _ batch.Storage = Storage{}

// fetchJobs is how many objects Fetch downloads at once.
const fetchJobs = 8

// bucketURL splits a storage URL into the URL gocloud opens (the scheme,
// the bucket and the query) and the prefix (the path, without its
// leading slash). A file:// URL's whole path is the bucket: its folder.
func bucketURL(s string) (bucketURL, prefix string, err error) {
	u, err := url.Parse(s)
	if err != nil {
		return "", "", err
	}
	if !batch.IsStorageURL(s) {
		return "", "", fmt.Errorf("%s: not a storage URL (s3://, gs://, azblob://, file://)", s)
	}
	if strings.EqualFold(u.Scheme, "file") {
		q := u.Query()
		if !q.Has("metadata") {
			q.Set("metadata", "skip") // no .attrs files beside the PDFs
		}
		q.Set("create_dir", "true")
		u.RawQuery = q.Encode()
		return u.String(), "", nil
	}
	if u.Host == "" {
		return "", "", fmt.Errorf("%s: no bucket named", s)
	}
	prefix = strings.TrimPrefix(u.Path, "/")
	u.Path, u.RawPath = "", ""
	return u.String(), prefix, nil
}

// Open returns the prefix the URL names as a batch.Folder; the prefix
// is a folder whether or not the URL ends in a slash.
func (Storage) Open(ctx context.Context, s string) (batch.Folder, error) {
	bu, prefix, err := bucketURL(s)
	if err != nil {
		return nil, err
	}
	b, err := blob.OpenBucket(ctx, bu)
	if err != nil {
		return nil, err
	}
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	return &folder{b: b, prefix: prefix}, nil
}

// folder is a prefix in a bucket. Exists lists the prefix once and then
// remembers what the run writes, rather than asking for every object.
type folder struct {
	b      *blob.Bucket
	prefix string

	once   sync.Once
	mu     sync.Mutex
	names  map[string]bool
	nerr   error
	listed bool
}

// Write uploads name and publishes it on success: the writer's context is
// cancelled on any failure, so that the store keeps no part of it.
func (f *folder) Write(ctx context.Context, name string, fill func(io.Writer) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := f.b.NewWriter(ctx, f.prefix+name, &blob.WriterOptions{ContentType: contentType(name)})
	if err != nil {
		return err
	}
	if err := fill(w); err != nil {
		cancel() // abort: nothing is published
		w.Close()
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	f.mu.Lock()
	if f.names != nil {
		f.names[name] = true
	}
	f.mu.Unlock()
	return nil
}

// Exists reports whether name is in the prefix, from one listing of it.
func (f *folder) Exists(ctx context.Context, name string) (bool, error) {
	f.once.Do(func() { f.nerr = f.list(ctx) })
	if f.nerr != nil {
		return false, f.nerr
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.names[name], nil
}

// list reads the names of the objects directly in the prefix.
func (f *folder) list(ctx context.Context) error {
	names := map[string]bool{}
	it := f.b.List(&blob.ListOptions{Prefix: f.prefix, Delimiter: "/"})
	for {
		obj, err := it.Next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if !obj.IsDir {
			names[strings.TrimPrefix(obj.Key, f.prefix)] = true
		}
	}
	f.mu.Lock()
	f.names = names
	f.mu.Unlock()
	return nil
}

// Read returns name's bytes; an absent object is fs.ErrNotExist.
func (f *folder) Read(ctx context.Context, name string) ([]byte, error) {
	data, err := f.b.ReadAll(ctx, f.prefix+name)
	if gcerrors.Code(err) == gcerrors.NotFound {
		return nil, fmt.Errorf("%s%s: %w", f.prefix, name, fs.ErrNotExist)
	}
	return data, err
}

// Close closes the bucket.
func (f *folder) Close() error { return f.b.Close() }

// contentType is the type an output is stored with.
func contentType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".pdf":
		return "application/pdf"
	case ".jsonl":
		return "application/jsonl"
	}
	return "application/octet-stream"
}

// Fetch copies the object or the prefix the URL names into dir (see
// batch.Storage). Below a prefix, the PDFs and manifests galley writes
// are left where they are, as a folder walk skips them; so are objects
// whose names would leave dir.
func (Storage) Fetch(ctx context.Context, s, dir string) (string, error) {
	bu, prefix, err := bucketURL(s)
	if err != nil {
		return "", err
	}
	b, err := blob.OpenBucket(ctx, bu)
	if err != nil {
		return "", err
	}
	defer b.Close()
	if prefix != "" && !strings.HasSuffix(prefix, "/") {
		ok, err := b.Exists(ctx, prefix)
		if err != nil {
			return "", err
		}
		if ok { // one object, in a folder named as its parent
			parent := path.Base(path.Dir("/" + prefix))
			if parent == "/" { // at the bucket's root: the bucket's name
				u, _ := url.Parse(s)
				parent = u.Host
			}
			local := filepath.Join(dir, parent, path.Base(prefix))
			return local, download(ctx, b, prefix, local)
		}
		prefix += "/"
	}
	root := filepath.Join(dir, batch.StorageName(s))
	if err := os.MkdirAll(root, 0o755); err != nil {
		return "", err
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(fetchJobs)
	it := b.List(&blob.ListOptions{Prefix: prefix})
	n := 0
	for {
		obj, err := it.Next(gctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			g.Wait()
			return "", err
		}
		rel := strings.TrimPrefix(obj.Key, prefix)
		if obj.IsDir || rel == "" || strings.HasSuffix(rel, "/") || batch.IsOutputName(path.Base(rel)) || !filepath.IsLocal(filepath.FromSlash(rel)) {
			continue
		}
		n++
		g.Go(func() error { return download(gctx, b, obj.Key, filepath.Join(root, filepath.FromSlash(rel))) })
	}
	if err := g.Wait(); err != nil {
		return "", err
	}
	if n == 0 {
		return "", errors.New("no object there")
	}
	return root, nil
}

// download copies the object key into the file local.
func download(ctx context.Context, b *blob.Bucket, key, local string) error {
	if err := os.MkdirAll(filepath.Dir(local), 0o755); err != nil {
		return err
	}
	f, err := os.Create(local)
	if err != nil {
		return err
	}
	if err := b.Download(ctx, key, f, nil); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", key, err)
	}
	return f.Close()
}
