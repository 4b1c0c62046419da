package server

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
)

// TestPreview answers a page as a PNG of the page's size at the asked
// resolution, says how many pages there are, and refuses a page past the
// end or a resolution out of range.
func TestPreview(t *testing.T) {
	_, ts := newTest(t, Config{})
	long := "# Spring tides\n\n" + strings.Repeat("The spring tides came early this year, and higher than the almanac said. ", 400) + "\n"
	resp, data := post(t, ts, "/v1/preview?preview_page=2&preview_dpi=30&columns=2", "text/markdown", long)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("status %d %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), data)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 249 || b.Dy() != 351 { // A4 at 30 dpi, rounded up
		t.Errorf("preview %dx%d, want 249x351", b.Dx(), b.Dy())
	}
	pages := resp.Header.Get("X-Galley-Pages")
	if pages == "" || pages == "1" {
		t.Errorf("X-Galley-Pages %q, want the page count (2 or more)", pages)
	}
	// a page with ink on it: not a blank image
	dark := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
				dark++
			}
		}
	}
	if dark < 500 {
		t.Errorf("%d dark pixels on page 2: blank", dark)
	}
	for _, q := range []string{"preview_page=99", "preview_page=0", "preview_dpi=600", "preview_dpi=x"} {
		if resp, data := post(t, ts, "/v1/preview?"+q, "text/markdown", testMarkdown); resp.StatusCode != 400 || !strings.Contains(string(data), "invalid_options") {
			t.Errorf("%s: status %d %s, want 400 invalid_options", q, resp.StatusCode, data)
		}
	}
}
