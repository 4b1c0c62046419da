package media

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// tree makes root/ with a.png, sub/b.png, "my photo.png", a link inside
// and a link leading out, and outside/secret.png beside root.
func tree(t *testing.T) (root, outside string, png []byte) {
	t.Helper()
	dir := t.TempDir()
	root, outside = filepath.Join(dir, "root"), filepath.Join(dir, "outside")
	png = pngBytes(t, lineArt(4, 4))
	for _, p := range []string{filepath.Join(root, "sub"), outside} {
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []string{"root/a.png", "root/sub/b.png", "root/my photo.png", "outside/secret.png"} {
		if err := os.WriteFile(filepath.Join(dir, p), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "big.png"), make([]byte, 101), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret.png"), filepath.Join(root, "escape.png")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "outdir")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("sub/b.png", filepath.Join(root, "inside.png")); err != nil {
		t.Fatal(err)
	}
	return root, outside, png
}

func TestLocal(t *testing.T) {
	root, outside, png := tree(t)
	secret := filepath.Join(outside, "secret.png")
	fileURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(secret)}).String()
	insideURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(root, "a.png"))}).String()
	tests := []struct {
		name    string
		l       Local
		ref     string
		wantErr error // nil: the PNG
	}{
		{"relative", Local{Root: root}, "a.png", nil},
		{"in a folder", Local{Root: root}, "sub/b.png", nil},
		{"dot dot inside", Local{Root: root}, "sub/../a.png", nil},
		{"link inside", Local{Root: root}, "inside.png", nil},
		{"percent-encoded", Local{Root: root}, "my%20photo.png", nil},
		{"absolute inside", Local{Root: root}, filepath.Join(root, "a.png"), nil},
		{"file URL inside", Local{Root: root}, insideURL, nil},
		{"dot dot outside", Local{Root: root}, "../outside/secret.png", ErrOutsideRoot},
		{"deep dot dot", Local{Root: root}, "sub/../../outside/secret.png", ErrOutsideRoot},
		{"absolute outside", Local{Root: root}, secret, ErrOutsideRoot},
		{"etc passwd", Local{Root: root}, "/etc/passwd", ErrOutsideRoot},
		{"file URL outside", Local{Root: root}, fileURL, ErrOutsideRoot},
		{"link escaping", Local{Root: root}, "escape.png", ErrOutsideRoot},
		{"folder link escaping", Local{Root: root}, "outdir/secret.png", ErrOutsideRoot},
		{"missing", Local{Root: root}, "none.png", fs.ErrNotExist},
		{"missing outside is still outside", Local{Root: root}, "../none.png", ErrOutsideRoot},
		{"a folder", Local{Root: root}, "sub", ErrNotImage},
		{"too large", Local{Root: root, MaxBytes: 100}, "big.png", ErrTooLarge},
		{"other scheme", Local{Root: root}, "ftp://example.com/a.png", ErrBadReference},
		{"file URL of another host", Local{Root: root}, "file://server/a.png", ErrBadReference},
		{"allow outside: dot dot", Local{Root: root, AllowOutside: true}, "../outside/secret.png", nil},
		{"allow outside: absolute", Local{Root: root, AllowOutside: true}, secret, nil},
		{"allow outside: file URL", Local{Root: root, AllowOutside: true}, fileURL, nil},
		{"allow outside: link", Local{Root: root, AllowOutside: true}, "escape.png", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, ct, err := tc.l.Fetch(context.Background(), tc.ref)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("got %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(data, png) || ct != "image/png" {
				t.Errorf("got %d bytes of %s", len(data), ct)
			}
		})
	}
}

func TestLocalRootDefault(t *testing.T) {
	root, _, _ := tree(t)
	t.Chdir(root)
	if _, _, err := (Local{}).Fetch(context.Background(), "sub/b.png"); err != nil {
		t.Error(err)
	}
	if _, _, err := (Local{}).Fetch(context.Background(), "../outside/secret.png"); !errors.Is(err, ErrOutsideRoot) {
		t.Errorf("got %v, want ErrOutsideRoot", err)
	}
}

func TestDataURI(t *testing.T) {
	png := pngBytes(t, lineArt(4, 4))
	b64 := base64.StdEncoding.EncodeToString(png)
	tests := []struct {
		name    string
		d       DataURI
		ref     string
		want    []byte
		ct      string
		wantErr error
	}{
		{"base64", DataURI{}, "data:image/png;base64," + b64, png, "image/png", nil},
		{"base64 upper case", DataURI{}, "DATA:image/PNG;BASE64," + b64, png, "image/png", nil},
		{"base64 unpadded, wrapped", DataURI{}, "data:image/png;base64," + strings.TrimRight(b64[:20]+"\n "+b64[20:], "="), png, "image/png", nil},
		{"base64 URL-safe", DataURI{}, "data:image/png;base64," + base64.URLEncoding.EncodeToString(png), png, "image/png", nil},
		{"base64 percent-encoded", DataURI{}, "data:image/png;base64," + url.QueryEscape(b64), png, "image/png", nil},
		{"percent-encoded", DataURI{}, "data:image/png," + url.PathEscape(string(png)), png, "image/png", nil},
		{"parameters", DataURI{}, "data:image/png;name=a.png;base64," + b64, png, "image/png", nil},
		{"no type, sniffed", DataURI{}, "data:;base64," + b64, png, "image/png", nil},
		{"octet-stream, sniffed", DataURI{}, "data:application/octet-stream;base64," + b64, png, "image/png", nil},
		{"svg", DataURI{}, "data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%2F%3E", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), "image/svg+xml", nil},
		{"text", DataURI{}, "data:text/plain,hello", nil, "", ErrNotImage},
		{"no type, text", DataURI{}, "data:,hello", nil, "", ErrNotImage},
		{"bad base64", DataURI{}, "data:image/png;base64,iVBOR*w0K", nil, "", ErrBadReference},
		{"bad length", DataURI{}, "data:image/png;base64,iVBORw0KG", nil, "", ErrBadReference},
		{"bad percent", DataURI{}, "data:image/png,%zz", nil, "", ErrBadReference},
		{"no comma", DataURI{}, "data:image/png;base64", nil, "", ErrBadReference},
		{"not data", DataURI{}, "http://x/a.png", nil, "", ErrBadReference},
		{"bad media type", DataURI{}, "data:image/png;;=;base64," + b64, nil, "", ErrBadReference},
		{"too large", DataURI{MaxBytes: 10}, "data:image/png;base64," + b64, nil, "", ErrTooLarge},
		{"far too large", DataURI{MaxBytes: 10}, "data:image/png;base64," + strings.Repeat("A", 5000), nil, "", ErrTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, ct, err := tc.d.Fetch(context.Background(), tc.ref)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("got %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(data, tc.want) || ct != tc.ct {
				t.Errorf("got %q of %s, want %q of %s", shorten(string(data)), ct, shorten(string(tc.want)), tc.ct)
			}
		})
	}
}

func TestRouter(t *testing.T) {
	root, _, png := tree(t)
	var web atomic.Int32
	webFetcher := FetcherFunc(func(ctx context.Context, ref string) ([]byte, string, error) {
		web.Add(1)
		return []byte(ref), "image/png", nil
	})
	data := "data:image/png;base64," + base64.StdEncoding.EncodeToString(png)
	online := Router{Local: Local{Root: root}, HTTP: webFetcher}
	offline := Router{Local: Local{Root: root}, HTTP: webFetcher, Offline: true}
	service := Router{HTTP: webFetcher}
	tests := []struct {
		name    string
		r       Router
		ref     string
		want    string // the bytes, for the web fetcher the URL it was given
		wantErr error
	}{
		{"local", online, "a.png", string(png), nil},
		{"local with spaces around", online, "  a.png\n", string(png), nil},
		{"data", online, data, string(png), nil},
		{"http", online, "http://example.com/a.png", "http://example.com/a.png", nil},
		{"https upper case", online, "HTTPS://example.com/a.png", "HTTPS://example.com/a.png", nil},
		{"scheme-relative", online, "//example.com/a.png", "https://example.com/a.png", nil},
		{"offline http", offline, "http://example.com/a.png", "", ErrOffline},
		{"offline scheme-relative", offline, "//example.com/a.png", "", ErrOffline},
		{"offline data", offline, data, string(png), nil},
		{"offline local", offline, "a.png", string(png), nil},
		{"other scheme", online, "javascript:alert(1)", "", ErrBadReference},
		{"outside", online, "../outside/secret.png", "", ErrOutsideRoot},
		{"empty", online, " ", "", ErrBadReference},
		{"no local source", service, "a.png", "", ErrBadReference},
		{"no local source, file URL", service, "file:///etc/passwd", "", ErrBadReference},
		{"no local source, data", service, data, string(png), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := web.Load()
			got, _, err := tc.r.Fetch(context.Background(), tc.ref)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("got %v, want %v", err, tc.wantErr)
				}
				if tc.wantErr == ErrOffline && web.Load() != before {
					t.Error("offline router used the web fetcher")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got %q, want %q", shorten(string(got)), shorten(tc.want))
			}
		})
	}
}

// TestRouterOfflineNoNetwork checks that an offline Router with the
// default HTTP source makes no request: the transport would record one.
func TestRouterOfflineNoNetwork(t *testing.T) {
	var calls atomic.Int32
	client := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
		calls.Add(1)
		return nil, errors.New("network used")
	})}
	r := Router{HTTP: HTTP{Client: client}, Offline: true}
	for _, ref := range []string{"http://127.0.0.1:1/a.png", "https://example.com/b.jpg"} {
		if _, _, err := r.Fetch(context.Background(), ref); !errors.Is(err, ErrOffline) {
			t.Errorf("%s: got %v, want ErrOffline", ref, err)
		}
	}
	if calls.Load() != 0 {
		t.Errorf("%d requests made offline", calls.Load())
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
