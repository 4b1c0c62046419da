package main

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/pdftext"
)

const urlStoryTitle = "Ferry Service Returns to the Island After a Quiet Winter"

// urlStoryPage is a news page whose pictures are given relative to it.
func urlStoryPage(head, img string) string {
	return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>` + urlStoryTitle + ` | Island Times</title>
<meta property="og:title" content="` + urlStoryTitle + `">` + head + `</head>
<body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/weather">Weather</a></nav></header>
<article>
<h1>` + urlStoryTitle + `</h1>
<p>The first ferry of the season left the mainland harbour at seven o'clock on Monday morning with forty passengers, two delivery vans and a tractor bound for the farm at the north end of the island, which has been waiting for it since November.</p>
<p>The service was suspended for the winter after the old ferry failed its inspection, and for four months the islanders relied on a small launch that could carry people and post but nothing larger than a bicycle. Shopkeepers said they had run short of almost everything at one time or another.</p>
<figure><img src="` + img + `" alt="The ferry at the slipway"><figcaption>The ferry at the island slipway on Monday. (Photo by Ian Moss)</figcaption></figure>
<p>The replacement vessel, bought second-hand from a company on the west coast, is slower than the old one but carries twice as many vehicles. The crossing now takes fifty minutes, and the operator has promised four sailings a day through the summer.</p>
<p>At the island pier a small crowd had gathered to watch the ferry come in, and the primary school had given its pupils the first hour of the morning off so that they could wave from the sea wall. Several of them had painted a banner, which was tied to the railings.</p>
</article>
<footer><p>Island Times</p><ul><li><a href="/about">About</a></li></ul></footer>
</body></html>
`
}

func urlTestPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 160, 100))
	for y := range 100 {
		for x := range 160 {
			img.Set(x, y, color.RGBA{uint8(x), uint8(2 * y), 200, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// storyServer serves the story under several addresses and counts every
// request by path.
type storyServer struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func newStoryServer(t *testing.T, pages map[string]string) *storyServer {
	t.Helper()
	photo := urlTestPNG(t)
	s := &storyServer{hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		switch {
		case r.URL.Path == "/old-story":
			http.Redirect(w, r, "/news/2024/story.html", http.StatusMovedPermanently)
		case strings.Contains(r.URL.Path, "secret"):
			// the local secret's name exists only on the printing machine
			http.NotFound(w, r)
		case strings.HasSuffix(r.URL.Path, ".png"):
			w.Header().Set("Content-Type", "image/png")
			w.Write(photo)
		case pages[r.URL.Path] != "":
			ct := "text/html; charset=utf-8"
			if strings.HasSuffix(r.URL.Path, ".md") {
				ct = "text/markdown; charset=utf-8"
			}
			w.Header().Set("Content-Type", ct)
			w.Write([]byte(pages[r.URL.Path]))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *storyServer) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *storyServer) snapshot() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for k, v := range s.hits {
		out[k] = v
	}
	return out
}

func (s *storyServer) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, h := range s.hits {
		n += h
	}
	return n
}

// pdfTextAndImages reads a PDF's words and counts the images it paints.
func pdfTextAndImages(t *testing.T, data []byte) (string, int) {
	t.Helper()
	pages, err := pdftext.Pages(data)
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	images := 0
	for _, p := range pages {
		for _, w := range p.Words {
			words = append(words, strings.Fields(w.Text)...)
		}
		images += len(p.XObjects)
	}
	return strings.Join(words, " "), images
}

func TestExportURL(t *testing.T) {
	pages := map[string]string{
		"/story.html":           urlStoryPage("", "img/photo.png"),
		"/news/2024/story.html": urlStoryPage("", "../img/photo.png"),
		"/root-relative.html":   urlStoryPage("", "/media/photo.png"),
		"/based.html":           urlStoryPage(`<base href="/cdn/v1/">`, "photo.png"),
		"/blog/post.md": "+++\ntitle = \"" + urlStoryTitle + "\"\n+++\n\nThe first ferry of the season left the mainland harbour on Monday.\n\n" +
			"![The ferry at the slipway](img/photo.png)\n",
	}
	tests := []struct {
		name, path string
		wantImage  string // the path the picture must be fetched from
	}{
		{"relative image", "/story.html", "/img/photo.png"},
		{"after a redirect, relative to the final address", "/old-story", "/news/img/photo.png"},
		{"root-relative image", "/root-relative.html", "/media/photo.png"},
		{"relative base", "/based.html", "/cdn/v1/photo.png"},
		{"markdown post", "/blog/post.md", "/blog/img/photo.png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := inTemp(t)
			srv := newStoryServer(t, pages)
			out := filepath.Join(dir, "out.pdf")
			code, stdout, stderr := galleyRun(t, nil, "export", srv.URL+tt.path, "-o", out)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout: %q", stdout)
			}
			if stderr != "" {
				t.Errorf("warnings: %s", stderr)
			}
			text, images := pdfTextAndImages(t, readPDF(t, out))
			if !strings.Contains(text, urlStoryTitle) {
				t.Errorf("the title is not in the PDF's text:\n%.300s", text)
			}
			if !strings.Contains(text, "The ferry at the") {
				t.Errorf("the caption is not in the PDF's text")
			}
			if n := srv.count(tt.wantImage); n != 1 {
				t.Errorf("%s fetched %d times, want 1 (requests: %v)", tt.wantImage, n, srv.snapshot())
			}
			if images != 1 {
				t.Errorf("%d images painted, want 1", images)
			}
		})
	}
}

// TestExportURLLocalFiles: a page from the web cannot make galley read
// files on the machine that prints it.
func TestExportURLLocalFiles(t *testing.T) {
	dir := inTemp(t)
	secret := filepath.Join(dir, "secret.png")
	write(t, secret, urlTestPNG(t))
	pages := map[string]string{
		"/file-url.html": urlStoryPage("", "file://"+filepath.ToSlash(secret)),
		"/blog/post.md": "+++\ntitle = \"" + urlStoryTitle + "\"\n+++\n\nThe first ferry of the season left the mainland harbour on Monday.\n\n" +
			"![The ferry at the slipway](secret.png)\n",
	}
	for _, path := range []string{"/file-url.html", "/blog/post.md"} {
		t.Run(path, func(t *testing.T) {
			srv := newStoryServer(t, pages)
			out := filepath.Join(dir, "out.pdf")
			code, _, stderr := galleyRun(t, nil, "export", srv.URL+path, "-o", out)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if _, images := pdfTextAndImages(t, readPDF(t, out)); images != 0 {
				t.Errorf("the PDF of %s embeds %s, a file of the machine that printed it", path, secret)
			}
		})
	}
}

func TestExportURLOffline(t *testing.T) {
	dir := inTemp(t)
	srv := newStoryServer(t, map[string]string{"/story.html": urlStoryPage("", "img/photo.png")})
	url := srv.URL + "/story.html"
	for _, args := range [][]string{
		{"export", "--offline", url, "-o", filepath.Join(dir, "out.pdf")},
		{"inspect", "--offline", url},
	} {
		t.Run(args[0], func(t *testing.T) {
			code, stdout, stderr := galleyRun(t, nil, args...)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			oneLine(t, stderr, url, "offline")
			if stdout != "" {
				t.Errorf("stdout: %q", stdout)
			}
		})
	}
	if n := srv.total(); n != 0 {
		t.Errorf("%d requests in offline mode", n)
	}
	if names := files(t, dir); len(names) != 0 {
		t.Errorf("files left: %q", names)
	}
}

func TestExportURLFailures(t *testing.T) {
	dir := inTemp(t)
	srv := newStoryServer(t, map[string]string{"/story.html": urlStoryPage("", "img/photo.png")})
	out := filepath.Join(dir, "out.pdf")
	// a missing page fails that input only
	local := filepath.Join(dir, "local.txt")
	write(t, local, []byte("A Local Story\n\nIts only paragraph is here.\n"))
	code, _, stderr := galleyRun(t, nil, "export", srv.URL+"/missing.html", local, "-o", out+"/")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	oneLine(t, stderr, srv.URL+"/missing.html", "404")
	if _, err := os.Stat(filepath.Join(out, "a-local-story.pdf")); err != nil {
		t.Errorf("the good input was not printed: %v", err)
	}
}

func TestInspectURL(t *testing.T) {
	pages := map[string]string{
		"/story.html":           urlStoryPage("", "img/photo.png"),
		"/news/2024/story.html": urlStoryPage("", "../img/photo.png"),
		"/canonical.html":       urlStoryPage(`<link rel="canonical" href="/news/ferry-returns">`, "img/photo.png"),
	}
	srv := newStoryServer(t, pages)
	tests := []struct {
		name, path, wantURL, wantImage string
	}{
		{"no canonical link: the page URL", "/story.html", srv.URL + "/story.html", srv.URL + "/img/photo.png"},
		{"after a redirect: the final URL", "/old-story", srv.URL + "/news/2024/story.html", srv.URL + "/news/img/photo.png"},
		{"canonical link", "/canonical.html", srv.URL + "/news/ferry-returns", srv.URL + "/img/photo.png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := galleyRun(t, nil, "inspect", srv.URL+tt.path)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var a article.Article
			if err := json.Unmarshal([]byte(stdout), &a); err != nil {
				t.Fatalf("not article JSON: %v\n%s", err, stdout)
			}
			var raw map[string]any
			if err := json.Unmarshal([]byte(stdout), &raw); err != nil || raw["url"] != tt.wantURL {
				t.Errorf(`"url" = %v, want %q`, raw["url"], tt.wantURL)
			}
			if a.Title != urlStoryTitle {
				t.Errorf("title %q", a.Title)
			}
			var srcs []string
			for _, b := range a.Body {
				if b.Figure != nil {
					srcs = append(srcs, b.Figure.Src)
				}
			}
			if len(srcs) != 1 || srcs[0] != tt.wantImage {
				t.Errorf("figure sources %q, want %q", srcs, tt.wantImage)
			}
		})
	}
	// inspect does not fetch images
	if n := srv.count("/img/photo.png") + srv.count("/news/img/photo.png"); n != 0 {
		t.Errorf("inspect fetched images %d times", n)
	}
}
