package galley_test

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/pdftext"
)

// failingTransport refuses every request, counting them.
type failingTransport struct{ calls atomic.Int32 }

func (f *failingTransport) RoundTrip(*http.Request) (*http.Response, error) {
	f.calls.Add(1)
	return nil, errors.New("the test allows no network")
}

// countingListener counts the connections it accepts.
type countingListener struct {
	net.Listener
	accepted atomic.Int32
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.accepted.Add(1)
	}
	return c, err
}

// openGuard watches a folder with inotify and reports every file opened
// or read in it (and the folder itself opened, to list it).
type openGuard struct{ fd int }

func newOpenGuard(t *testing.T, dir string) *openGuard {
	t.Helper()
	fd, err := unix.InotifyInit1(unix.IN_NONBLOCK | unix.IN_CLOEXEC)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Close(fd) })
	if _, err := unix.InotifyAddWatch(fd, dir, unix.IN_OPEN|unix.IN_ACCESS); err != nil {
		t.Fatal(err)
	}
	return &openGuard{fd: fd}
}

// events returns the names of the files opened or read since the last
// call ("." for the folder itself).
func (g *openGuard) events(t *testing.T) []string {
	t.Helper()
	var names []string
	buf := make([]byte, 64<<10)
	for {
		n, err := unix.Read(g.fd, buf)
		if errors.Is(err, unix.EAGAIN) {
			return names
		}
		if err != nil {
			t.Fatal(err)
		}
		for off := 0; off+unix.SizeofInotifyEvent <= n; {
			ev := (*unix.InotifyEvent)(unsafe.Pointer(&buf[off]))
			name := strings.TrimRight(string(buf[off+unix.SizeofInotifyEvent:off+unix.SizeofInotifyEvent+int(ev.Len)]), "\x00")
			if name == "" {
				name = "."
			}
			names = append(names, name)
			off += unix.SizeofInotifyEvent + int(ev.Len)
		}
	}
}

// TestZeroOptionsTouchNothing: Export with a zero Options, of an article
// naming a remote image and a local one (in the working folder, where a
// zero Options used to read it from), opens no connection (a failing
// http.DefaultTransport, and a server counting connections) and opens no
// file (inotify on the folder); both figures print their captions. The
// guards are shown to work: an image loader that reads the file and
// fetches the URL trips both.
func TestZeroOptionsTouchNothing(t *testing.T) {
	ft := &failingTransport{}
	saved := http.DefaultTransport
	http.DefaultTransport = ft
	t.Cleanup(func() { http.DefaultTransport = saved })

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cl := &countingListener{Listener: ln}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(pngBytes(t, 60, 40))
	}), ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(cl)
	t.Cleanup(func() { srv.Close() })
	remote := "http://" + ln.Addr().String() + "/photo.png"

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "photo.png"), pngBytes(t, 60, 40), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	guard := newOpenGuard(t, dir)

	a := figureStory("photo.png", remote)
	var out bytes.Buffer
	if _, err := galley.Export(context.Background(), &out, a, galley.Options{}); err != nil {
		t.Fatal(err)
	}
	if n := pdfImages(t, out.Bytes()); n != 0 {
		t.Errorf("%d images printed; want none: a zero Options reads and fetches nothing", n)
	}
	if opened := guard.events(t); len(opened) > 0 {
		t.Errorf("a zero Options opened %q in the working folder", opened)
	}
	if n := ft.calls.Load(); n > 0 {
		t.Errorf("a zero Options made %d requests through http.DefaultTransport", n)
	}
	if n := cl.accepted.Load(); n > 0 {
		t.Errorf("a zero Options opened %d connections to the image server", n)
	}

	// the guards can fail: a loader that reads files and fetches trips them
	http.DefaultTransport = saved
	out.Reset()
	loader := galley.NewImageLoader(galley.ImageSources{Local: true, Dir: ".", Remote: true})
	if _, err := galley.Export(context.Background(), &out, a, galley.Options{Images: loader}); err != nil {
		t.Fatal(err)
	}
	if n := pdfImages(t, out.Bytes()); n != 2 {
		t.Errorf("with a loader: %d images printed, want 2", n)
	}
	if opened := guard.events(t); !containsName(opened, "photo.png") {
		t.Errorf("the file guard did not see photo.png read (saw %q)", opened)
	}
	if cl.accepted.Load() == 0 {
		t.Error("the connection guard did not see the image fetched")
	}
}

func containsName(names []string, want string) bool {
	for _, n := range names {
		if n == want {
			return true
		}
	}
	return false
}

// TestZeroOptionsNoInstalledFonts: a character the embedded faces lack
// prints in an installed font only when Options.Fonts asks for them, and
// the PDF's Keywords then name the font files used; a zero Options sets
// it in the embedded faces alone (a replacement), the same on any machine.
func TestZeroOptionsNoInstalledFonts(t *testing.T) {
	a := &article.Article{Title: "Hebrew", Tags: []string{"test"},
		Body: []article.Block{{Kind: article.KindParagraph, Text: article.Plain("שלום עולם")}}}
	installed, err := galley.NewFonts(nil, true)
	if err != nil {
		t.Fatal(err)
	}
	var zero, asked bytes.Buffer
	if _, err := galley.Export(context.Background(), &zero, a, galley.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := galley.Export(context.Background(), &asked, a, galley.Options{Fonts: installed}); err != nil {
		t.Fatal(err)
	}
	if kw := keywords(t, zero.Bytes()); kw != "test" {
		t.Errorf("a zero Options' Keywords %q, want test: no font file was used", kw)
	}
	kw := keywords(t, asked.Bytes())
	if !strings.HasPrefix(kw, "test; fonts: ") {
		t.Skipf("no installed font has Hebrew (Keywords %q)", kw)
	}
	t.Logf("Keywords: %s", kw)
}

// keywords returns the PDF's Keywords.
func keywords(t *testing.T, pdf []byte) string {
	t.Helper()
	d, err := pdftext.Read(pdf)
	if err != nil {
		t.Fatal(err)
	}
	return d.Info["Keywords"]
}
