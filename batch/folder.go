package batch

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

	"github.com/galleyprint/galley/internal/atomicfile"
)

// Where a run writes: a local folder (the default, written as it always
// was) or a prefix in an object store (s3://, gs://, azblob://, file://
// URLs), reached through a Storage the program provides. The run writes
// through the Folder interface alone: PDFs, the book and, for object
// stores, the manifest.

// Folder is where a run's outputs go: a local folder or a bucket prefix.
type Folder interface {
	// Write stores the file name with what fill writes, whole or not at
	// all: a failure of fill or of the store leaves name as it was.
	Write(ctx context.Context, name string, fill func(w io.Writer) error) error
	// Exists reports whether name is there.
	Exists(ctx context.Context, name string) (bool, error)
	// Read returns name's bytes, or an error wrapping fs.ErrNotExist.
	Read(ctx context.Context, name string) ([]byte, error)
	// Close releases the folder's connections.
	Close() error
}

// Storage opens object-store URLs for a run. A program that links the
// drivers (see package batch/blobstore) sets Options.Storage; without
// it, a storage URL as output or source fails with ErrNoStorage.
type Storage interface {
	// Open returns the bucket prefix the URL names, as a Folder.
	Open(ctx context.Context, url string) (Folder, error)
	// Fetch copies what the URL names into the local folder dir: one
	// object, as dir/<its parent's name>/<its name>, or every object below
	// a prefix (a URL ending in /, or naming no object), as
	// dir/<the prefix's last name>/<its path below the prefix>. It
	// returns the local path of the file or folder the URL names, so
	// that its items get the IDs the same file or folder has on disk.
	Fetch(ctx context.Context, url, dir string) (string, error)
}

// ErrNoStorage is returned for a storage URL when the run has no Storage.
var ErrNoStorage = errors.New("object storage URLs need a galley built with its storage drivers")

// storageSchemes are the URL schemes of object stores.
var storageSchemes = []string{"s3://", "gs://", "azblob://", "file://"}

// IsStorageURL reports whether s names an object store: s3://, gs://,
// azblob:// or file://.
func IsStorageURL(s string) bool {
	lower := strings.ToLower(s)
	for _, p := range storageSchemes {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	return false
}

// SplitStorageURL splits the URL of an object into the URL of its
// prefix (the query kept) and its name: "s3://b/out/book.pdf?region=x"
// gives "s3://b/out/?region=x" and "book.pdf".
func SplitStorageURL(s string) (dir, name string, err error) {
	u, err := url.Parse(s)
	if err != nil {
		return "", "", err
	}
	p := u.Path
	if p == "" || strings.HasSuffix(p, "/") {
		return "", "", fmt.Errorf("%s: names a prefix, not an object", s)
	}
	u.Path, name = path.Split(p)
	u.RawPath = ""
	return u.String(), name, nil
}

// StorageName is the last name in a storage URL's path ("posts" for
// s3://b/archive/posts/?region=x), or its bucket's name.
func StorageName(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	if n := path.Base(strings.TrimSuffix(u.Path, "/")); n != "/" && n != "." && n != "" {
		return n
	}
	return u.Host
}

// diskFolder is a local folder, written with temporary files named
// prefix*.tmp renamed into place.
type diskFolder struct {
	dir, prefix string
}

func (d *diskFolder) Write(ctx context.Context, name string, fill func(io.Writer) error) error {
	return atomicfile.WriteWaiting(filepath.Join(d.dir, name), d.prefix, fill, diskWait(ctx))
}

func (d *diskFolder) Exists(_ context.Context, name string) (bool, error) {
	_, err := os.Stat(filepath.Join(d.dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}

func (d *diskFolder) Read(_ context.Context, name string) ([]byte, error) {
	return os.ReadFile(filepath.Join(d.dir, name))
}

func (d *diskFolder) Close() error { return nil }

// openFolder opens where dir names: a storage URL through o.Storage, or
// a local folder (created, its stale temporary files removed).
func openFolder(ctx context.Context, dir string, o Options, prefix string) (Folder, error) {
	if IsStorageURL(dir) {
		if o.Storage == nil {
			return nil, fmt.Errorf("%s: %w", dir, ErrNoStorage)
		}
		return o.Storage.Open(ctx, dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	removeStale(dir, prefix)
	return &diskFolder{dir: dir, prefix: prefix}, nil
}

// bookPlace splits the book's path or URL into its folder and name.
func bookPlace(book string) (dir, name string, err error) {
	if IsStorageURL(book) {
		return SplitStorageURL(book)
	}
	return filepath.Dir(book), filepath.Base(book), nil
}

// fetchSources replaces the storage URLs among srcs with local copies in
// a temporary folder, which the returned function removes. A source that
// cannot be fetched is left out, its failure returned as a
// *SourceError, as a missing file's is.
func fetchSources(ctx context.Context, srcs []string, o Options) ([]string, []error, func()) {
	var tmp string
	cleanup := func() {
		if tmp != "" {
			os.RemoveAll(tmp)
		}
	}
	var out []string
	var errs []error
	for i, s := range srcs {
		if !IsStorageURL(s) {
			out = append(out, s)
			continue
		}
		local, err := fetchSource(ctx, s, o.Storage, &tmp, i)
		if err != nil {
			errs = append(errs, &SourceError{Source: s, Err: err})
			continue
		}
		out = append(out, local)
	}
	return out, errs, cleanup
}

// fetchSource copies the storage URL s into a folder of its own (the
// i-th) under *tmp, made when first needed: two prefixes named alike
// stay apart.
func fetchSource(ctx context.Context, s string, st Storage, tmp *string, i int) (string, error) {
	if st == nil {
		return "", ErrNoStorage
	}
	if *tmp == "" {
		dir, err := os.MkdirTemp("", "galley-sources-")
		if err != nil {
			return "", err
		}
		*tmp = dir
	}
	return st.Fetch(ctx, s, filepath.Join(*tmp, fmt.Sprint(i)))
}
