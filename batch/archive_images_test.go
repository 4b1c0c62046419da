package batch

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"

	"github.com/galleyprint/galley"
)

// arRecord is one record of a test archive, with its own date.
type arRecord struct {
	typ     gowarc.RecordType
	target  string
	date    string
	block   string
	headers [][2]string // more WARC headers
}

// arWARC writes records as a WARC.gz, a gzip member each.
func arWARC(t *testing.T, recs []arRecord) []byte {
	t.Helper()
	var out bytes.Buffer
	m := gowarc.NewMarshaler()
	for i, r := range recs {
		b := gowarc.NewRecordBuilder(r.typ, gowarc.WithAddMissingDigest(true))
		b.AddWarcHeader(gowarc.WarcRecordID, fmt.Sprintf("<urn:uuid:00000000-0000-0000-0000-%012d>", i+1))
		b.AddWarcHeader(gowarc.WarcDate, r.date)
		b.AddWarcHeader(gowarc.WarcTargetURI, r.target)
		b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
		for _, h := range r.headers {
			b.AddWarcHeader(h[0], h[1])
		}
		b.WriteString(r.block)
		wr, _, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		gz := gzip.NewWriter(&out)
		if _, _, err := m.Marshal(gz, wr, 0); err != nil {
			t.Fatal(err)
		}
		gz.Close()
		wr.Close()
	}
	return out.Bytes()
}

// arPNG is a small PNG of one colour.
func arPNG(t *testing.T, c color.RGBA) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for y := 0; y < 30; y++ {
		for x := 0; x < 40; x++ {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// arImageResponse is an HTTP response carrying body as an image.
func arImageResponse(body, extra string) string {
	return "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n" + extra + fmt.Sprintf("Content-Length: %d\r\n\r\n", len(body)) + body
}

// arRecords is a page and its images as a crawler recorded them: one
// image gzip-encoded and chunked, one captured twice (the nearest capture
// is the good one), one a revisit of an earlier capture, one reached
// through a recorded redirect from a srcset candidate, one known only by
// another candidate of its srcset. The page itself is reached from
// /start through a redirect.
func arRecords(t *testing.T) ([]arRecord, int) {
	const at = "2024-03-05T09:30:00Z"
	page := `<!doctype html><html><head><title>The reading room</title></head><body><article>
<h1>The reading room</h1>
<p>` + strings.Repeat("The reading room opens its doors again after a long winter of repairs to the roof and the stacks. ", 8) + `</p>
<figure><img src="/img/a.png" alt="Room A"><figcaption>The north wall</figcaption></figure>
<p>` + strings.Repeat("Readers returned on the first morning and found their desks where they had left them. ", 8) + `</p>
<figure><img src="https://example.org/img/b.png" alt="Room B"><figcaption>The desks</figcaption></figure>
<figure><picture><source srcset="/img/c-2x.png 2x, /img/c-1x.png 1x"><img src="/img/c-gone.png" alt="Room C"></picture><figcaption>The lamps</figcaption></figure>
<figure><img src="/img/d-old.png" srcset="/img/d.png 800w" alt="Room D"><figcaption>The stairs</figcaption></figure>
</article></body></html>`
	chunked := func(s string) string { return fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(s), s) }
	imgA := arPNG(t, color.RGBA{200, 40, 40, 255})
	return []arRecord{
		{typ: gowarc.Response, target: "http://example.org/start", date: at, block: "HTTP/1.1 302 Found\r\nLocation: /story\r\nContent-Length: 0\r\n\r\n"},
		{typ: gowarc.Response, target: "http://example.org/story", date: at, block: srcHTTP("200 OK", "text/html; charset=utf-8", "", page)},
		// a.png twice: a broken capture a year before, the good one an hour after
		{typ: gowarc.Response, target: "http://example.org/img/a.png", date: "2023-03-05T09:30:00Z", block: arImageResponse("not a picture", "")},
		{typ: gowarc.Response, target: "http://example.org/img/a.png", date: "2024-03-05T10:30:00Z",
			block: "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(srcGzip(imgA))},
		// b.png: captured a week before, then a revisit at the page's time
		{typ: gowarc.Response, target: "https://example.org/img/b.png", date: "2024-02-27T09:30:00Z",
			block: arImageResponse(arPNG(t, color.RGBA{40, 200, 40, 255}), ""), headers: [][2]string{{gowarc.WarcPayloadDigest, "sha1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"}}},
		{typ: gowarc.Revisit, target: "https://example.org/img/b.png", date: at, block: "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n",
			headers: [][2]string{{gowarc.WarcRefersToTargetURI, "https://example.org/img/b.png"}, {gowarc.WarcRefersToDate, "2024-02-27T09:30:00Z"},
				{gowarc.WarcPayloadDigest, "sha1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"},
				{gowarc.WarcProfile, "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"}}},
		// c: the 1x candidate redirects to the file
		{typ: gowarc.Response, target: "http://example.org/img/c-1x.png", date: at, block: "HTTP/1.1 301 Moved Permanently\r\nLocation: https://cdn.example.org/c.png\r\nContent-Length: 0\r\n\r\n"},
		{typ: gowarc.Response, target: "https://cdn.example.org/c.png", date: at, block: arImageResponse(arPNG(t, color.RGBA{40, 40, 200, 255}), "")},
		// d: only the srcset candidate was captured
		{typ: gowarc.Response, target: "http://example.org/img/d.png", date: at, block: arImageResponse(arPNG(t, color.RGBA{200, 200, 40, 255}), "")},
	}, 4
}

// failingTransport fails the test when anything asks the network.
type failingTransport struct{ t *testing.T }

func (f failingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	f.t.Errorf("fetched %s from the network", r.URL)
	return nil, fmt.Errorf("no network in this test")
}

// TestArchiveImagesFromTheArchive: a page printed from a WARC or a WACZ
// prints every one of its images from the archive's own records, with an
// HTTP transport that fails the test if anything is fetched, although
// remote images are allowed.
func TestArchiveImagesFromTheArchive(t *testing.T) {
	recs, images := arRecords(t)
	warc := arWARC(t, recs)
	dir := t.TempDir()
	warcPath := filepath.Join(dir, "crawl.warc.gz")
	if err := os.WriteFile(warcPath, warc, 0o644); err != nil {
		t.Fatal(err)
	}
	waczPath := filepath.Join(dir, "crawl.wacz")
	arWACZ(t, waczPath, warc, `{"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}`+"\n"+
		`{"id": "p1", "url": "http://example.org/start", "ts": "2024-03-05T09:30:00Z", "title": "The reading room"}`+"\n")
	for _, src := range []string{warcPath, waczPath} {
		t.Run(filepath.Ext(src), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			o := Options{OutDir: out, Jobs: 2, Images: galley.ImageSources{Remote: true, Client: &http.Client{Transport: failingTransport{t}}}}
			sum, err := Run(context.Background(), []string{src}, o)
			if err != nil {
				t.Fatal(err, sum.SourceErrors, rtReadManifest(t, filepath.Join(out, "manifest.jsonl")))
			}
			if sum.Printed != 1 {
				t.Fatalf("printed %d, want the page: %+v", sum.Printed, sum)
			}
			rec := rtReadManifest(t, filepath.Join(out, "manifest.jsonl"))[0]
			for _, w := range rec.Warnings {
				if strings.Contains(w, "image") {
					t.Errorf("warning: %s", w)
				}
			}
			data, err := os.ReadFile(filepath.Join(out, rec.Output))
			if err != nil {
				t.Fatal(err)
			}
			if n := bytes.Count(data, []byte("/Subtype /Image")); n != images {
				t.Errorf("%d images printed, want %d", n, images)
			}
		})
	}
}

// TestArchiveImagesLive: without --live an image the archive lacks is
// not fetched (its caption prints, with a warning saying --live fetches
// it); with it, it is.
func TestArchiveImagesLive(t *testing.T) {
	recs, _ := arRecords(t)
	recs = recs[:2] // the page alone
	p := filepath.Join(t.TempDir(), "page.warc.gz")
	if err := os.WriteFile(p, arWARC(t, recs), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, live := range []bool{false, true} {
		fetched := 0
		client := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			fetched++
			return nil, fmt.Errorf("offline test")
		})}
		out := filepath.Join(t.TempDir(), "out")
		_, err := Run(context.Background(), []string{p}, Options{OutDir: out, Live: live, Images: galley.ImageSources{Remote: true, Client: client}})
		if err != nil {
			t.Fatal(err)
		}
		rec := rtReadManifest(t, filepath.Join(out, "manifest.jsonl"))[0]
		switch {
		case !live && fetched > 0:
			t.Errorf("without --live %d fetches", fetched)
		case !live && !strings.Contains(strings.Join(rec.Warnings, "\n"), "--live"):
			t.Errorf("without --live, warnings %q do not name --live", rec.Warnings)
		case live && fetched == 0:
			t.Errorf("with --live nothing was fetched")
		}
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// arWACZ writes a WACZ: the WARC stored (not compressed) under archive/,
// and pages/pages.jsonl.
func arWACZ(t *testing.T, p string, warc []byte, pages string) {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range []struct {
		name   string
		data   []byte
		method uint16
	}{{"archive/data.warc.gz", warc, zip.Store}, {"pages/pages.jsonl", []byte(pages), zip.Deflate}, {"datapackage.json", []byte(`{"profile": "data-package"}`), zip.Deflate}} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: f.method, Modified: time.Date(2024, 3, 5, 9, 30, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(f.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestArchiveArticles: a program printing an archive's pages itself
// (galley export, preview) gets each page's images from the archive.
func TestArchiveArticles(t *testing.T) {
	recs, images := arRecords(t)
	p := filepath.Join(t.TempDir(), "crawl.warc.gz")
	if err := os.WriteFile(p, arWARC(t, recs), 0o644); err != nil {
		t.Fatal(err)
	}
	var items []Item
	if errs := Enumerate(context.Background(), []string{p}, SourceOptions{}, func(it Item) bool {
		items = append(items, it)
		return true
	}); len(errs) > 0 || len(items) != 1 {
		t.Fatalf("%d items, errors %v", len(items), errs)
	}
	arts, fetcher, err := items[0].ArchiveArticles(context.Background(), nil)
	if err != nil || fetcher == nil {
		t.Fatalf("fetcher %v, error %v", fetcher, err)
	}
	n := 0
	for _, b := range arts[0].Body {
		if b.Figure == nil {
			continue
		}
		data, _, err := fetcher.Fetch(context.Background(), b.Figure.Src)
		if err != nil {
			t.Errorf("%s: %v", b.Figure.Src, err)
			continue
		}
		if _, err := png.Decode(bytes.NewReader(data)); err != nil {
			t.Errorf("%s: %v", b.Figure.Src, err)
		}
		n++
	}
	if n != images {
		t.Errorf("%d figures, want %d", n, images)
	}
}
