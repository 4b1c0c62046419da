package galley_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/galleyprint/galley"
)

// exportInput parses an input file of testdata and exports it to a PDF
// in a temporary folder.
func exportInput(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if data, err = io.ReadAll(zr); err != nil {
			t.Fatal(err)
		}
		path = strings.TrimSuffix(path, ".gz")
	}
	arts, err := galley.Parse(data, galley.ParseOptions{Name: filepath.Base(path)})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "t.pdf")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := galley.Export(context.Background(), f, arts[0], galley.Options{}); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestLongTableReadsInPDF exports the 300-row table of
// testdata/tables/long.html and reads it back with pdftotext -layout:
// every row on one line, in order, and every page after the first
// opening with the caption marked "(continued)" and the header row.
func TestLongTableReadsInPDF(t *testing.T) {
	pdftotext := requireTool(t, "pdftotext", "poppler-utils")
	pdf := exportInput(t, "testdata/tables/long.html")
	pdfinfo := run(t, requireTool(t, "pdfinfo", "poppler-utils"), pdf)
	var pages int
	for _, l := range strings.Split(pdfinfo, "\n") {
		if strings.HasPrefix(l, "Pages:") {
			fmt.Sscan(strings.TrimPrefix(l, "Pages:"), &pages)
		}
	}
	if pages < 3 {
		t.Fatalf("%d pages", pages)
	}
	row := regexp.MustCompile(`^\s*(\d+)\s+\p{L}+ \p{L}+\s+[\d,]+\s+\d+\.\d\d\s*$`)
	header := regexp.MustCompile(`^\s*No\.\s+District\s+Population\s+Share \(%\)\s*$`)
	next := 1
	for p := 1; p <= pages; p++ {
		text := run(t, pdftotext, "-layout", "-f", fmt.Sprint(p), "-l", fmt.Sprint(p), pdf, "-")
		sawHeader, sawCont := false, false
		for _, l := range strings.Split(text, "\n") {
			switch {
			case strings.Contains(l, "Three hundred districts (continued)"):
				sawCont = true
			case header.MatchString(l):
				sawHeader = true
				if p > 1 && !sawCont {
					t.Errorf("page %d: header row without the continued caption above it", p)
				}
			case row.MatchString(l):
				if !sawHeader {
					t.Errorf("page %d: row %q above the header row", p, strings.TrimSpace(l))
				}
				var n int
				fmt.Sscan(row.FindStringSubmatch(l)[1], &n)
				if n != next {
					t.Fatalf("page %d: row %d where row %d was due:\n%s", p, n, next, text)
				}
				next++
			}
		}
		if p > 1 && next <= 300 && !sawCont {
			t.Errorf("page %d: no \"(continued)\" caption", p)
		}
	}
	if next != 301 {
		t.Errorf("read %d rows, want 300", next-1)
	}
	t.Logf("300 rows on %d pages", pages)
}

// TestTablesReadByRow exports the table fixtures of testdata/tables and
// corpus pages that hold data tables (testdata/tables/corpus), and reads
// their tables back with pdftotext -layout: each row's cells on one
// line, in order.
func TestTablesReadByRow(t *testing.T) {
	pdftotext := requireTool(t, "pdftotext", "poppler-utils")
	tests := []struct {
		page string
		rows [][]string
	}{
		{"table.md", [][]string{
			{"Crop", "Spring", "Autumn", "Note"},
			{"Barley", "800", "1,150", "winter and spring"},
		}},
		{"table.json", [][]string{
			{"Rain (mm)"},
			{"State", "2023", "2024"},
			{"Bavaria", "1,012.5", "987.0"},
			{"Mean", "785.6", "793.0"},
			{"Source: DWD."},
		}},
		{"numeric.html", [][]string{
			{"Item", "Price (€)", "Change (%)", "Units"},
			{"Cheese", "1,024.75", "0.3", "7"},
		}},
		{"row-headers.html", [][]string{
			{"Open", "Close"},
			{"Wednesday", "9:00", "13:00"},
			{"Saturday", "closed"},
		}},
		{"caption-notes.html", [][]string{
			{"Harvest by crop, 2024 (tonnes)"},
			{"Total", "2,310", "4,970"},
			{"a. Winter and spring barley together."},
		}},
		{"spans.html", [][]string{
			{"Region", "Station", "2023", "2024"},
			{"North", "Hamburg", "812.4", "790.1"},
			{"Stuttgart", "no data"},
		}},
		{"block-cells.html", [][]string{
			{"Bavaria", "Munich", "The largest state by area.", "13,369,393"},
			{"• Alps in the south"},
		}},
		{"layout.html", [][]string{
			{"First column of a presentational grid, a paragraph of its own."},
			{"Second column of the grid, another paragraph."},
			{"Nested grid, right part."},
		}},
		{"corpus/adac.de.kindersitze.html.gz", [][]string{
			{"Hersteller/Modell", "Preis", "Isofix", "Note"},
			{"Joie i-Level", "300 €", "ja", "1,7"},
			{"Maxi-Cosi Cabriofix", "140 €", "nein", "2,1"},
		}},
		{"corpus/motorsport-magazin.com-alphatauri.html.gz", [][]string{
			{"Jahr", "2018", "2019*", "2020", "2021"},
			{"Endstand intern", "15:6", "7:14", "13:4", "21:1"},
			{"Ø Platz", "12,9", "9,3", "10,12", "6,82"},
		}},
		{"corpus/lemire.me.json.html.gz", [][]string{
			{"apache_builds", "2.3 GB/s", "0.098 GB/s"},
			{"twitter", "2.2 GB/s", "0.094 GB/s"},
		}},
		{"corpus/bafa.de-mineraloelabsatz.html.gz", [][]string{
			{"Hauptprodukt", "Januar bis November", "Januar bis November", "Änderungsrate"},
			{"Rohbenzin", "10,72 Mio. t", "12,40 Mio. t", "15,7 %"},
			{"Heizöl, schwer", "0,78 Mio. t", "1,12 Mio. t", "43,4 %"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			pdf := exportInput(t, "testdata/tables/"+tt.page)
			text := run(t, pdftotext, "-layout", pdf, "-")
			for _, cells := range tt.rows {
				parts := make([]string, len(cells))
				for i, c := range cells {
					parts[i] = regexp.QuoteMeta(c)
				}
				re := regexp.MustCompile(`(?m)^\s*` + strings.Join(parts, `\s+`) + `(\s|$)`)
				if !re.MatchString(text) {
					t.Errorf("no line reads %q:\n%s", cells, text)
				}
			}
		})
	}
}
