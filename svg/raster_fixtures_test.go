package svg_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleyprint/galley/pdf"
)

// TestRasterFixtures prints each drawing of testdata/svg/raster, which
// use what galley rasterises (masks, filters, patterns), and checks that
// the feature is named in a warning, that the PDF holds the rasters with
// their transparency (an image and its soft mask), that the texts still
// extract, and that the preview agrees with Chromium's rendering
// (raster/ref, made by scripts/svg-compare --refs) on at least 0.9 of
// the pixels either inks, at 50 ppi.
func TestRasterFixtures(t *testing.T) {
	names, _ := filepath.Glob(filepath.Join("..", "testdata", "svg", "raster", "*.svg"))
	if len(names) < 3 {
		t.Fatalf("%d fixtures, want 3", len(names))
	}
	if _, err := exec.LookPath("pdfimages"); err != nil {
		t.Skip("pdfimages is not installed (apt-get install poppler-utils)")
	}
	for _, name := range names {
		base := strings.TrimSuffix(filepath.Base(name), ".svg")
		t.Run(base, func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			doc, d := drawingDocument(t, data)
			warnings := strings.Join(d.Warnings, "; ")
			if !strings.Contains(warnings, "rasterised") {
				t.Errorf("warnings %q name nothing rasterised", warnings)
			}
			if errs := doc.Verify(); len(errs) > 0 {
				t.Errorf("Verify: %v", errs)
			}
			var buf bytes.Buffer
			if err := pdf.Write(context.Background(), &buf, doc); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "d.pdf")
			if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command("pdfimages", "-list", file).Output()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(out), " image ") || !strings.Contains(string(out), " smask ") {
				t.Errorf("no raster with a soft mask in the PDF:\n%s", out)
			}
			text, err := exec.Command("pdftotext", "-raw", file, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range d.Parts {
				if p.Text != nil && !strings.Contains(string(text), strings.TrimSpace(p.Text.Text)) {
					t.Errorf("text %q not extracted", p.Text.Text)
				}
			}
			checkPixels(t, doc, filepath.Join("..", "testdata", "svg", "raster", "ref", base+".png"))
		})
	}
}
