package galley_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/pdftext"
	"github.com/galleyprint/galley/media"
)

// colourful is a w×h picture with a colour gradient, so that grey and
// colour versions differ.
func colourful(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(255 * x / w), uint8(255 * y / h), 160, 255})
		}
	}
	return img
}

func pngBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, colourful(w, h)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func jpegBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, colourful(w, h), &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const svgDrawing = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><rect width="120" height="80" fill="#369"/></svg>
`

// syncBuffer is a buffer a logger may write to from several goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// warnings returns a logger and the lines it logged at warning level or
// above.
func warnings() (*slog.Logger, func() []string) {
	var buf syncBuffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelWarn}))
	return logger, func() []string {
		var out []string
		for _, l := range strings.Split(buf.String(), "\n") {
			if strings.TrimSpace(l) != "" {
				out = append(out, l)
			}
		}
		return out
	}
}

// imageServer serves PNG images under /img/ and counts the requests.
type imageServer struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func newImageServer(t *testing.T) *imageServer {
	t.Helper()
	data := pngBytes(t, 200, 120)
	s := &imageServer{hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		if !strings.HasPrefix(r.URL.Path, "/img/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Write(data)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *imageServer) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, h := range s.hits {
		n += h
	}
	return n
}

// figureStory is an article with a paragraph and a figure for each
// source, captioned "Caption number N".
func figureStory(srcs ...string) *article.Article {
	a := &article.Article{Title: "Pictures From the Harbour", Authors: []string{"Ann Lee"}}
	a.Body = append(a.Body, article.Block{Kind: article.KindParagraph, Text: article.Plain(
		"The harbour was quiet on Sunday morning, and the boats that had come in overnight lay against the quay with their nets drying in the sun.")})
	for i, src := range srcs {
		a.Body = append(a.Body, article.Block{Kind: article.KindFigure, Figure: &article.Figure{
			Src: src, Alt: "Alt text " + string(rune('A'+i)), Caption: article.Plain("Caption number " + string(rune('A'+i))),
		}})
	}
	return a
}

// pdfImages counts the XObjects painted on the PDF's pages.
func pdfImages(t *testing.T, data []byte) int {
	t.Helper()
	pages, err := pdftext.Pages(data)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range pages {
		n += len(p.XObjects)
	}
	return n
}

// pdfWords is the PDF's text layer, words joined by single spaces.
func pdfWords(t *testing.T, data []byte) string {
	t.Helper()
	pages, err := pdftext.Pages(data)
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, p := range pages {
		for _, w := range p.Words {
			words = append(words, strings.Fields(w.Text)...)
		}
	}
	return strings.Join(words, " ")
}

func exportImages(t *testing.T, a *article.Article, opts galley.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := galley.Export(context.Background(), &buf, a, opts); err != nil {
		t.Fatalf("export: %v", err)
	}
	if err := pdftext.Validate(buf.Bytes()); err != nil {
		t.Fatalf("pdfcpu validation: %v", err)
	}
	return buf.Bytes()
}

func TestExportImages(t *testing.T) {
	root := t.TempDir()
	base := filepath.Join(root, "story")
	for name, data := range map[string][]byte{
		"story/photo.png":   pngBytes(t, 300, 200),
		"story/drawing.svg": []byte(svgDrawing),
		"story/fake.png":    []byte("this is not an image at all, just some text"),
		"outside.png":       pngBytes(t, 300, 200),
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dataURI := "data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(jpegBytes(t, 240, 160))
	srv := newImageServer(t)

	tests := []struct {
		name       string
		srcs       []string
		opts       galley.Options
		images     int      // XObjects painted
		warnings   []string // one line each, containing all of these
		hits       int      // requests to the image server
		noCaptions bool     // captions are not checked
		offline    bool     // no remote images
		outside    bool     // image paths may leave the folder
	}{
		{name: "local png", srcs: []string{"photo.png"}, images: 1},
		{name: "local png, ./ path", srcs: []string{"./photo.png"}, images: 1},
		{name: "data: jpeg", srcs: []string{dataURI}, images: 1},
		{name: "http image", srcs: []string{srv.URL + "/img/a.png"}, images: 1, hits: 1},
		{name: "the same image twice is fetched once", srcs: []string{srv.URL + "/img/twice.png", srv.URL + "/img/twice.png"}, images: 2, hits: 1},
		{name: "all kinds together", srcs: []string{"photo.png", dataURI, srv.URL + "/img/b.png"}, images: 3, hits: 1},
		{name: "missing file", srcs: []string{"missing.png"}, warnings: []string{"missing.png"}},
		{name: "http 404", srcs: []string{srv.URL + "/nothing.png"}, warnings: []string{"/nothing.png", "404"}, hits: 1},
		{name: "path leaving BaseDir", srcs: []string{"../outside.png"}, warnings: []string{"../outside.png", "outside"}},
		{name: "absolute path outside BaseDir", srcs: []string{filepath.Join(root, "outside.png")}, warnings: []string{"outside.png", "outside"}},
		{name: "path leaving BaseDir allowed", srcs: []string{"../outside.png"}, outside: true, images: 1},
		// a drawing prints as vectors, no raster image and no warning
		// (TestExportSVGFigure looks at what it draws)
		{name: "svg", srcs: []string{"drawing.svg"}},
		{name: "text named .png", srcs: []string{"fake.png"}, warnings: []string{"fake.png"}},
		{name: "offline", srcs: []string{"photo.png", srv.URL + "/img/c.png", srv.URL + "/img/d.png"}, offline: true,
			images: 1, warnings: []string{"offline", "/img/c.png", "/img/d.png"}},
		{name: "no images", srcs: []string{"photo.png", dataURI, srv.URL + "/img/e.png"}, opts: galley.Options{NoImages: true}},
		{name: "grayscale", srcs: []string{"photo.png", dataURI}, opts: galley.Options{Grayscale: true}, images: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := srv.total()
			a := figureStory(tt.srcs...)
			logger, logged := warnings()
			opts := tt.opts
			opts.Logger = logger
			opts.Images = galley.NewImageLoader(galley.ImageSources{Local: true, Dir: base, AllowOutside: tt.outside, Remote: !tt.offline})
			data := exportImages(t, a, opts)

			if n := pdfImages(t, data); n != tt.images {
				t.Errorf("%d images painted, want %d", n, tt.images)
			}
			lines := logged()
			t.Logf("warnings: %q", lines)
			if len(tt.warnings) == 0 && len(lines) > 0 {
				t.Errorf("unexpected warnings:\n%s", strings.Join(lines, "\n"))
			}
			if len(tt.warnings) > 0 {
				if len(lines) != 1 {
					t.Errorf("%d warnings, want 1:\n%s", len(lines), strings.Join(lines, "\n"))
				}
				for _, w := range tt.warnings {
					if len(lines) == 0 || !strings.Contains(lines[0], w) {
						t.Errorf("warning %q does not mention %q", strings.Join(lines, "\n"), w)
					}
				}
			}
			if got := srv.total() - before; got != tt.hits {
				t.Errorf("%d requests to the image server, want %d", got, tt.hits)
			}
			// every figure prints its caption, image or not
			text := pdfWords(t, data)
			for i := range tt.srcs {
				if c := "Caption number " + string(rune('A'+i)); !strings.Contains(text, c) {
					t.Errorf("caption %q not printed", c)
				}
			}
			// the same article and options give the same bytes
			logger2, _ := warnings()
			opts.Logger = logger2
			if again := exportImages(t, a, opts); !bytes.Equal(data, again) {
				t.Errorf("two exports differ (%d and %d bytes)", len(data), len(again))
			}
		})
	}
}

// TestExportGrayscale: with Grayscale the embedded images are grey.
func TestExportGrayscale(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "photo.png"), pngBytes(t, 300, 200), 0o644); err != nil {
		t.Fatal(err)
	}
	dataURI := "data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(jpegBytes(t, 240, 160))
	a := figureStory("photo.png", dataURI)
	colour := exportImages(t, a, galley.Options{Images: localImages(dir)})
	grey := exportImages(t, a, galley.Options{Images: localImages(dir), Grayscale: true})
	if n := bytes.Count(colour, []byte("/ColorSpace /DeviceRGB")); n != 2 {
		t.Errorf("colour export: %d RGB images, want 2", n)
	}
	if n := bytes.Count(grey, []byte("/DeviceGray")); n != 2 {
		t.Errorf("grayscale export: %d grey images, want 2", n)
	}
	if bytes.Contains(grey, []byte("/ColorSpace /DeviceRGB")) {
		t.Error("grayscale export holds an RGB image")
	}
}

// TestExportSampleImages prints the bundled web page and Markdown post with
// their folders as the image folder: their local pictures are embedded.
func TestExportSampleImages(t *testing.T) {
	for _, in := range []string{"testdata/articles/web-sample/input.html", "testdata/articles/md-post/input.md"} {
		t.Run(filepath.Base(filepath.Dir(in)), func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			arts, err := galley.Parse(data, galley.ParseOptions{Name: in})
			if err != nil {
				t.Fatal(err)
			}
			logger, logged := warnings()
			pdf := exportImages(t, arts[0], galley.Options{Images: localImages(filepath.Dir(in)), Logger: logger})
			if n := pdfImages(t, pdf); n != 1 {
				t.Errorf("%d images painted, want 1", n)
			}
			if lines := logged(); len(lines) > 0 {
				t.Errorf("warnings:\n%s", strings.Join(lines, "\n"))
			}
			if !strings.Contains(pdfWords(t, pdf), arts[0].Title) {
				t.Errorf("title %q not in the text layer", arts[0].Title)
			}
		})
	}
}

// TestExportSlowImage: an image server that does not answer in time costs
// the picture, with a warning like any other failed image; the export
// itself goes on.
func TestExportSlowImage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // never answers
	}))
	t.Cleanup(srv.Close)
	a := figureStory(srv.URL + "/img/slow.png")
	logger, logged := warnings()
	fetcher := media.Router{HTTP: media.HTTP{Timeout: 200 * time.Millisecond}}
	data := exportImages(t, a, galley.Options{Logger: logger, Images: fetcher})
	if n := pdfImages(t, data); n != 0 {
		t.Errorf("%d images painted, want 0", n)
	}
	if !strings.Contains(pdfWords(t, data), "Caption number A") {
		t.Error("the caption is not printed")
	}
	lines := logged()
	if len(lines) != 1 || !strings.Contains(lines[0], "/img/slow.png") {
		t.Errorf("warnings %q, want one naming /img/slow.png (a timed-out image is dropped silently)", lines)
	}
}

// localImages loads the images of files in dir (and data: URIs).
func localImages(dir string) galley.ImageFetcher {
	return galley.NewImageLoader(galley.ImageSources{Local: true, Dir: dir})
}
