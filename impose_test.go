package galley_test

import (
	"bytes"
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/internal/pdftext"
)

// TestImposedSheetSize: an imposed PDF's sheets have exactly the sheet
// size the pages are half of, as a PDF reader sees its MediaBox (pdfcpu,
// and poppler's pdfinfo): A5 booklets and two-up on A4 (841.89 x 595.28,
// where they were 2.8 pt short), Letter on Tabloid, and custom pages on
// sheets exactly twice as wide as the page printed alone (w and h 0).
func TestImposedSheetSize(t *testing.T) {
	for _, c := range []struct {
		page   string
		impose galley.Imposition
		w, h   float64
	}{
		{"A5", "booklet", 841.89, 595.28},
		{"A5", "two-up", 841.89, 595.28},
		{"148x210mm", "booklet", 841.89, 595.28},
		{"A4", "two-up", 1190.55, 841.89},
		{"Letter", "booklet", 1224, 792},
		{"5.5x8.5in", "two-up", 792, 612},
		{"100x200mm", "two-up", 0, 0},
		{"Legal", "booklet", 0, 0},
	} {
		size, err := galley.ParsePageSize(c.page)
		if err != nil {
			t.Fatal(err)
		}
		if c.w == 0 {
			var single bytes.Buffer
			if _, err := galley.Export(context.Background(), &single, longArticle(1), galley.Options{Page: size}); err != nil {
				t.Fatal(err)
			}
			pages, err := pdftext.Pages(single.Bytes())
			if err != nil || len(pages) == 0 {
				t.Fatalf("%s: %d pages (%v)", c.page, len(pages), err)
			}
			c.w, c.h = 2*pages[0].Width, pages[0].Height
		}
		var out bytes.Buffer
		if _, err := galley.Export(context.Background(), &out, longArticle(30), galley.Options{Page: size, Impose: c.impose}); err != nil {
			t.Fatal(err)
		}
		pages, err := pdftext.Pages(out.Bytes())
		if err != nil || len(pages) == 0 {
			t.Fatalf("%s %s: %d pages (%v)", c.page, c.impose, len(pages), err)
		}
		for i, p := range pages {
			if math.Abs(p.Width-c.w) > 0.01 || math.Abs(p.Height-c.h) > 0.01 {
				t.Errorf("%s %s: sheet %d MediaBox %.3f x %.3f, want %.2f x %.2f", c.page, c.impose, i+1, p.Width, p.Height, c.w, c.h)
			}
		}
		t.Run("pdfinfo "+c.page+" "+string(c.impose), func(t *testing.T) {
			if _, err := exec.LookPath("pdfinfo"); err != nil {
				t.Skip("pdfinfo is not installed (apt-get install poppler-utils)")
			}
			path := filepath.Join(t.TempDir(), "a.pdf")
			if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			info, err := exec.Command("pdfinfo", path).Output()
			if err != nil {
				t.Fatalf("pdfinfo: %v", err)
			}
			m := regexp.MustCompile(`Page size:\s+([0-9.]+) x ([0-9.]+) pts`).FindSubmatch(info)
			if m == nil {
				t.Fatalf("pdfinfo gives no page size:\n%s", info)
			}
			w, _ := strconv.ParseFloat(string(m[1]), 64)
			h, _ := strconv.ParseFloat(string(m[2]), 64)
			if math.Abs(w-c.w) > 0.01 || math.Abs(h-c.h) > 0.01 {
				t.Errorf("pdfinfo: page size %s x %s, want %.2f x %.2f", m[1], m[2], c.w, c.h)
			}
		})
	}
}
