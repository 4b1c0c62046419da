package batch

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/nlnwa/gowarc/v3"
)

// srcRecord is one record of a test archive.
type srcRecord struct {
	typ    gowarc.RecordType
	id     string
	target string
	block  string // the HTTP message, or the warcinfo fields
}

// srcWARC writes records with gowarc's record builder and marshaler; gz
// puts each record in its own gzip member, as WARC.gz files do.
func srcWARC(t *testing.T, p string, gz bool, recs []srcRecord) {
	t.Helper()
	var out bytes.Buffer
	m := gowarc.NewMarshaler()
	for _, r := range recs {
		b := gowarc.NewRecordBuilder(r.typ, gowarc.WithAddMissingDigest(true))
		b.AddWarcHeader(gowarc.WarcRecordID, "<"+r.id+">")
		b.AddWarcHeader(gowarc.WarcDate, "2024-03-05T09:30:00Z")
		switch r.typ {
		case gowarc.Warcinfo:
			b.AddWarcHeader(gowarc.ContentType, "application/warc-fields")
		case gowarc.Request:
			b.AddWarcHeader(gowarc.WarcTargetURI, r.target)
			b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=request")
		default:
			b.AddWarcHeader(gowarc.WarcTargetURI, r.target)
			b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
		}
		b.WriteString(r.block)
		wr, _, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		if gz {
			zw := gzip.NewWriter(&out)
			if _, _, err := m.Marshal(zw, wr, 0); err != nil {
				t.Fatal(err)
			}
			zw.Close()
		} else if _, _, err := m.Marshal(&out, wr, 0); err != nil {
			t.Fatal(err)
		}
		wr.Close()
	}
	if err := os.WriteFile(p, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func srcHTTP(status, contentType, extra, body string) string {
	return fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\n%sContent-Length: %d\r\n\r\n%s",
		status, contentType, extra, len(body), body)
}

func srcGzip(s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.String()
}

func TestEnumerateWARC(t *testing.T) {
	page1 := "<html><head><title>First</title></head><body><article><p>" +
		strings.Repeat("The first page, long enough to spill over a megabyte buffer. ", 20000) + "</p></article></body></html>"
	page2 := "<html><head><title>Second — zweite</title></head><body><p>Chunked and gzipped.</p></body></html>"
	chunked := func(s string) string { // two chunks
		h := len(s) / 2
		return fmt.Sprintf("%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n", h, s[:h], len(s)-h, s[h:])
	}
	recs := []srcRecord{
		{gowarc.Warcinfo, "urn:uuid:00000000-0000-0000-0000-000000000000", "", "software: galley test\r\n"},
		{gowarc.Request, "urn:uuid:11111111-1111-1111-1111-111111111111", "https://example.com/first",
			"GET /first HTTP/1.1\r\nHost: example.com\r\n\r\n"},
		{gowarc.Response, "urn:uuid:22222222-2222-2222-2222-222222222222", "https://example.com/first",
			srcHTTP("200 OK", "text/html; charset=utf-8", "", page1)},
		{gowarc.Response, "urn:uuid:33333333-3333-3333-3333-333333333333", "https://example.com/logo.png",
			srcHTTP("200 OK", "image/png", "", "\x89PNG\r\n\x1a\nnot really")},
		{gowarc.Response, "urn:uuid:44444444-4444-4444-4444-444444444444", "https://example.com/missing",
			srcHTTP("404 Not Found", "text/html", "", "<p>not found</p>")},
		{gowarc.Response, "urn:uuid:55555555-5555-5555-5555-555555555555", "https://example.com/news/second?x=1",
			"HTTP/1.1 200 OK\r\nContent-Type: application/xhtml+xml\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n" +
				chunked(srcGzip(page2))},
	}
	dir := t.TempDir()
	for _, name := range []string{"crawl.warc", "crawl.warc.gz"} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			srcWARC(t, p, strings.HasSuffix(name, ".gz"), recs)
			items, errs := srcCollect(t, []string{p}, SourceOptions{})
			srcNoErrors(t, errs)
			k := srcKey(dir, name)
			want := []string{k + "#urn:uuid:22222222-2222-2222-2222-222222222222", k + "#urn:uuid:55555555-5555-5555-5555-555555555555"}
			if got := srcIDs(items); !reflect.DeepEqual(got, want) {
				t.Fatalf("items:\n got %q\nwant %q", got, want)
			}
			for i, tc := range []struct{ target, body, ct string }{
				{"https://example.com/first", page1, "text/html; charset=utf-8"},
				{"https://example.com/news/second?x=1", page2, "application/xhtml+xml"},
			} {
				it := items[i]
				if it.BaseURL != tc.target || it.Name != tc.target || it.BaseDir != "" || it.Format != "html" {
					t.Errorf("%s: %+v", it.ID, it)
				}
				// in reverse order and twice: each Open seeks its own record
				for range 2 {
					data, ct := srcOpen(t, items[len(items)-1-i])
					data2, _ := srcOpen(t, it)
					if data2 != tc.body || ct == "" {
						t.Errorf("%s: Open read %d bytes %.60q, want %d bytes", it.ID, len(data2), data2, len(tc.body))
					}
					_ = data
				}
				_, ct := srcOpen(t, it)
				if ct != tc.ct {
					t.Errorf("%s: content type %q, want %q", it.ID, ct, tc.ct)
				}
			}
		})
	}

	// a file that is not a WARC fails as a source
	bad := filepath.Join(dir, "bad.warc.gz")
	os.WriteFile(bad, []byte("this is not an archive at all"), 0o644)
	items, errs := srcCollect(t, []string{bad}, SourceOptions{})
	if len(items) != 0 || len(errs) != 1 {
		t.Errorf("not a WARC: items %q, errors %v", srcIDs(items), errs)
	}

	// an archive changed after the scan is reported, not misread
	p := filepath.Join(dir, "crawl.warc")
	items, _ = srcCollect(t, []string{p}, SourceOptions{})
	srcWARC(t, p, false, recs[2:])
	if _, _, err := items[0].Open(context.Background()); err == nil {
		t.Error("Open of a record that moved succeeded")
	}
}

func TestDecodeRecordedBody(t *testing.T) {
	page := "<p>recorded page</p>"
	var zl, fl bytes.Buffer
	zw := zlib.NewWriter(&zl)
	zw.Write([]byte(page))
	zw.Close()
	fw, _ := flate.NewWriter(&fl, flate.BestSpeed)
	fw.Write([]byte(page))
	fw.Close()
	for _, tc := range []struct {
		name, raw, encoding string
		chunked             bool
	}{
		{"plain", page, "", false},
		{"gzip", srcGzip(page), "gzip", false},
		{"zlib deflate", zl.String(), "deflate", false},
		{"raw deflate", fl.String(), "Deflate", false},
		{"chunked", fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(page), page), "", true},
		{"de-chunked by the crawler", page, "", true},
	} {
		got, err := decodeBody([]byte(tc.raw), tc.encoding, tc.chunked, DefaultMaxInput)
		if err != nil || string(got) != page {
			t.Errorf("%s: %q, %v", tc.name, got, err)
		}
	}
	if _, err := decodeBody([]byte("x"), "br", false, DefaultMaxInput); err == nil || !strings.Contains(err.Error(), "br-encoded") {
		t.Errorf("brotli: %v", err)
	}
	if _, err := decodeBody([]byte("not gzip"), "gzip", false, DefaultMaxInput); err == nil {
		t.Error("bad gzip decoded")
	}
}
