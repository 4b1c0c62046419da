package galley

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"image/png"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/parse"
)

// chart5000 is an SVG bar chart of 5,000 paths, styled by classes in a
// <style> sheet as chart libraries write them, with axis labels.
func chart5000() []byte {
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400" viewBox="0 0 640 400">` +
		`<style>.bar{fill:#4c72b0;stroke:#fff;stroke-width:0.2} .alt{fill:#dd8452} .axis line{stroke:#333}` +
		` text{font:10px sans-serif}</style><g transform="translate(40,20)">`)
	for i := range 5000 {
		x := float64(i%500) * 1.1
		h := float64((i*7919)%300) / 3
		y := float64(i/500)*36 + 36 - h/3
		class := "bar"
		if i%3 == 0 {
			class = "bar alt"
		}
		fmt.Fprintf(&b, `<path class="%s" d="M%.1f %.1fh1v%.1fh-1z"/>`, class, x, y, h/3)
	}
	b.WriteString(`<g class="axis"><line x1="0" y1="360" x2="560" y2="360"/><text x="280" y="380" text-anchor="middle">` +
		`Five thousand bars</text><text transform="translate(-20 180) rotate(-90)" text-anchor="middle">height</text></g></g></svg>`)
	return []byte(b.String())
}

// svgArticle is a Markdown post with the drawing as its figure.
func svgArticle(t testing.TB, svg []byte, caption string) []byte {
	t.Helper()
	src := "data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(svg)
	return []byte("# Charts printed as vectors\n\nThe chart below is an SVG file.\n\n![" + caption + "](" + src + ")\n\nText after the chart.\n")
}

// TestExportSVGFigure prints an article whose figure is an SVG chart and
// checks that the chart is drawn as paths and text (no raster image), that
// its labels and its caption extract, and that it is sized from its width
// and height like a picture.
func TestExportSVGFigure(t *testing.T) {
	for _, tool := range []string{"pdfimages", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (apt-get install poppler-utils)", tool)
		}
	}
	data, err := os.ReadFile(filepath.Join("testdata", "svg", "mpl-bars.svg"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := parse.Markdown(svgArticle(t, data, "Figure 1: languages used"), "post.md", "")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := Export(context.Background(), &buf, a, Options{}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	list, err := exec.Command("pdfimages", "-list", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(strings.TrimSpace(string(list)), "\n") > 1 {
		t.Errorf("the chart printed as a raster image:\n%s", list)
	}
	text, err := exec.Command("pdftotext", "-raw", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	squashed := strings.Join(strings.Fields(string(text)), "")
	for _, want := range []string{"Languagesused", "share(%)", "Rust", "Python", "Figure1:languagesused"} {
		if !strings.Contains(squashed, want) {
			t.Errorf("text layer lacks %q:\n%s", want, text)
		}
	}

	doc, _, err := typeset(context.Background(), a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var paths int
	var box page.Item
	for _, it := range doc.Pages[0].Items {
		if it.Kind == page.ItemPath {
			paths++
			box = it
		}
		if it.Kind == page.ItemImage {
			t.Errorf("an image item is left: %s", it)
		}
	}
	if paths < 20 {
		t.Errorf("%d path items", paths)
	}
	// 576 CSS pixels wide: 432 pt, narrower than the text block
	if got := box.W.Points(); got < 431 || got > 433 {
		t.Errorf("the chart is %s wide, want its natural 432 pt", box.W)
	}
	if errs := doc.Verify(); len(errs) > 0 {
		t.Errorf("Verify: %v", errs)
	}
}

// BenchmarkExportSVGChart prints an article holding a chart of 5,000
// paths: reading the SVG, laying out, drawing and writing the PDF.
func BenchmarkExportSVGChart(b *testing.B) {
	a, err := parse.Markdown(svgArticle(b, chart5000(), "Five thousand bars"), "post.md", "")
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if _, err := Export(context.Background(), &buf, a, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}

// TestExportSVGEmbeddedRaster checks that a raster picture inside a
// drawing prints as a raster image in its place, with a warning naming
// it, while the rest of the drawing stays vectors.
func TestExportSVGEmbeddedRaster(t *testing.T) {
	if _, err := exec.LookPath("pdfimages"); err != nil {
		t.Skip("pdfimages is not installed (apt-get install poppler-utils)")
	}
	pic := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for i := range pic.Pix {
		pic.Pix[i] = uint8(i * 7)
	}
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, pic); err != nil {
		t.Fatal(err)
	}
	drawing := `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="400" height="200">` +
		`<rect width="400" height="200" fill="#eee"/><image x="100" y="50" width="200" height="100" xlink:href="data:image/png;base64,` +
		base64.StdEncoding.EncodeToString(pngData.Bytes()) + `"/><text x="10" y="190">Heat map</text></svg>`
	a, err := parse.Markdown(svgArticle(t, []byte(drawing), "A heat map"), "post.md", "")
	if err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	opts := Options{Logger: slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	var buf bytes.Buffer
	if _, err := Export(context.Background(), &buf, a, opts); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	list, err := exec.Command("pdfimages", "-list", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(strings.TrimSpace(string(list)), "\n") - 1; n != 1 {
		t.Errorf("%d raster images, want the embedded one:\n%s", n, list)
	}
	if !strings.Contains(logged.String(), "embedded raster image") {
		t.Errorf("no warning names the embedded image: %q", logged.String())
	}
}
