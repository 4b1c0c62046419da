package media

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// DefaultMaxBytes is the size limit of a source whose MaxBytes is zero.
const DefaultMaxBytes = 32 << 20

// Local reads image files relative to Root, the input's folder.
//
// A reference is a path relative to Root, an absolute path or a file: URL.
// Unless AllowOutside is set, a reference that resolves outside Root —
// after cleaning ".." and following symbolic links — is refused with
// ErrOutsideRoot, and the file is opened through an os.Root so that a
// link changed after the check cannot lead outside either. Only regular
// files are read.
type Local struct {
	Root         string // the input's folder; "" is the working directory
	AllowOutside bool   // read any path the process can read
	MaxBytes     int64  // size limit; 0 is DefaultMaxBytes
}

// Fetch reads the file ref names.
func (l Local) Fetch(ctx context.Context, ref string) ([]byte, string, error) {
	if err := ctx.Err(); err != nil {
		return nil, "", err
	}
	name, err := localPath(ref)
	if err != nil {
		return nil, "", err
	}
	data, err := l.read(name)
	if errors.Is(err, fs.ErrNotExist) && strings.Contains(name, "%") {
		// a path copied from HTML may be percent-encoded ("my%20photo.jpg")
		if un, uerr := url.PathUnescape(name); uerr == nil && un != name {
			if d, err2 := l.read(un); !errors.Is(err2, fs.ErrNotExist) {
				data, err, name = d, err2, un
			}
		}
	}
	if err != nil {
		return nil, "", err
	}
	ct := mime.TypeByExtension(strings.ToLower(filepath.Ext(name)))
	if !strings.HasPrefix(ct, "image/") {
		ct = http.DetectContentType(data)
	}
	return data, ct, nil
}

// localPath turns a reference into a file path: file: URLs are decoded,
// other URL schemes refused.
func localPath(ref string) (string, error) {
	s := scheme(ref)
	switch {
	case s == "file":
		u, err := url.Parse(ref)
		if err != nil {
			return "", fmt.Errorf("%w: %v", ErrBadReference, err)
		}
		if u.Host != "" && u.Host != "localhost" {
			return "", fmt.Errorf("%w: file URL on another host: %s", ErrBadReference, shorten(ref))
		}
		if u.Path == "" {
			return "", fmt.Errorf("%w: file URL without a path: %s", ErrBadReference, shorten(ref))
		}
		return filepath.FromSlash(u.Path), nil
	case len(s) > 1:
		return "", fmt.Errorf("%w: unsupported scheme %q: %s", ErrBadReference, s, shorten(ref))
	}
	if strings.ContainsRune(ref, 0) {
		return "", fmt.Errorf("%w: NUL in path", ErrBadReference)
	}
	return filepath.FromSlash(ref), nil
}

// read reads the file at name (relative to Root unless absolute) within
// the limits.
func (l Local) read(name string) ([]byte, error) {
	root := l.Root
	if root == "" {
		root = "."
	}
	rootAbs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	p := name
	if !filepath.IsAbs(p) {
		p = filepath.Join(rootAbs, p)
	}
	p = filepath.Clean(p)
	if l.AllowOutside {
		// stat first: opening a FIFO would block
		if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
			return nil, notRegular(name, err)
		}
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return readFile(f, name, l.maxBytes())
	}
	if !within(rootAbs, p) {
		return nil, fmt.Errorf("%w: %s", ErrOutsideRoot, name)
	}
	rootReal, err := filepath.EvalSymlinks(rootAbs)
	if err != nil {
		return nil, err
	}
	resolved, err := filepath.EvalSymlinks(p)
	if err != nil {
		return nil, err
	}
	if !within(rootReal, resolved) {
		return nil, fmt.Errorf("%w: %s (a link leads outside)", ErrOutsideRoot, name)
	}
	rel, err := filepath.Rel(rootReal, resolved)
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrOutsideRoot, name)
	}
	r, err := os.OpenRoot(rootReal)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	if st, err := r.Stat(rel); err != nil || !st.Mode().IsRegular() {
		return nil, notRegular(name, err)
	}
	f, err := r.Open(rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readFile(f, name, l.maxBytes())
}

func (l Local) maxBytes() int64 {
	if l.MaxBytes > 0 {
		return l.MaxBytes
	}
	return DefaultMaxBytes
}

// within reports whether path p is root or inside it; both are clean and
// absolute.
func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return false
	}
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// notRegular returns err, or an error saying name is not a regular file.
func notRegular(name string, err error) error {
	if err != nil {
		return err
	}
	return fmt.Errorf("%w: %s is not a regular file", ErrNotImage, name)
}

// readFile reads an open regular file of at most limit bytes.
func readFile(f *os.File, name string, limit int64) ([]byte, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, notRegular(name, nil)
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("%w: %s has %d bytes, the limit is %d", ErrTooLarge, name, st.Size(), limit)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: %s is over %d bytes", ErrTooLarge, name, limit)
	}
	return data, nil
}
