package pdfjoin

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/internal/pdftext"
	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/pdf"
)

var (
	a4     = page.Size{W: page.Pt(595.28), H: page.Pt(841.89)}
	letter = page.Size{W: page.Pt(612), H: page.Pt(792)}
)

func face(t testing.TB, fam fonts.Family, st fonts.Style) *fonts.Face {
	t.Helper()
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	return set.Face(fam, st)
}

// word is a text item at (x, y) points from the top left, at 11pt.
func word(f *fonts.Face, x, y float64, s string) page.Item {
	return page.Item{Kind: page.ItemText, X: page.Pt(x), Y: page.Pt(y), Text: s, Face: f, Size: page.Pt(11)}
}

func uriLink(x, y float64, url string) page.Item {
	return page.Item{Kind: page.ItemLink, X: page.Pt(x), Y: page.Pt(y), W: page.Pt(60), H: page.Pt(12), URL: url}
}

func pngImage(t testing.TB, key string, w, h int) *page.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{uint8(40 * x), uint8(60 * y), 200, uint8(128 + 10*x)})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return &page.Image{Key: key, Format: "png", Data: buf.Bytes(), Width: w, Height: h}
}

// article writes a part with galley's writer: one page per entry of
// pages, each showing its words on a line (in a serif face, the first word
// in bold sans), a URI link on the first page, an image with an alpha
// channel on the last, and the part's own outline.
func article(t testing.TB, title string, size page.Size, pages ...string) []byte {
	t.Helper()
	sr, sb := face(t, fonts.Serif, fonts.Regular), face(t, fonts.Sans, fonts.Bold)
	doc := &page.Document{
		Info:    page.Info{Title: title, Author: "Part author", Language: "en"},
		Images:  map[string]*page.Image{"img": pngImage(t, "img", 6, 4)},
		Outline: []page.Bookmark{{Title: title}, {Title: "Section", Level: 1, Page: len(pages) - 1, Y: page.Pt(100)}},
	}
	for i, text := range pages {
		p := &page.Page{Size: size}
		for k, w := range strings.Fields(text) {
			f := sr
			if k == 0 {
				f = sb
			}
			p.Items = append(p.Items, word(f, 72+float64(k)*80, 100, w))
		}
		if i == 0 {
			p.Items = append(p.Items, uriLink(72, 90, "https://example.com/"+strings.ToLower(title)+"?a=(1)"))
		}
		if i == len(pages)-1 {
			p.Items = append(p.Items, page.Item{Kind: page.ItemImage, X: page.Pt(72), Y: page.Pt(200), W: page.Pt(60), H: page.Pt(40), Image: "img"})
		}
		doc.Pages = append(doc.Pages, p)
	}
	var buf bytes.Buffer
	if err := pdf.Write(context.Background(), &buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// testParts are three articles; joined with a blank page after the second
// they make the book bookPages describes.
func testParts(t testing.TB) [][]byte {
	return [][]byte{
		article(t, "Alpha", a4, "Alpha one first", "Alpha two"),
		article(t, "Beta", letter, "Beta only page (parens) \\back"),
		article(t, "Gamma", a4, "Gamma one", "Gamma two Ünïcode", "Gamma three"),
	}
}

var bookPages = []string{
	"Alpha one first", "Alpha two", "Beta only page (parens) \\back", "",
	"Gamma one", "Gamma two Ünïcode", "Gamma three",
}

var bookInfo = Info{Title: "The Book — 2024", Author: "Ann (ed.)", Subject: "Tests", Language: "en-GB"}

// joinTest joins testParts with a blank page, a nested outline and two
// internal links; it returns the book.
func joinTest(t testing.TB, parts [][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	j := New(&buf)
	add := func(p []byte, want int) {
		t.Helper()
		first, err := j.Add(p)
		if err != nil {
			t.Fatal(err)
		}
		if first != want {
			t.Fatalf("part starts on page %d, want %d", first, want)
		}
	}
	add(parts[0], 0)
	j.Bookmark("Alpha", 0, 0, 0)
	j.Bookmark("Alpha part two", 1, 1, 100)
	add(parts[1], 2)
	j.Bookmark("Beta", 1, 2, 50)
	if p, err := j.AddBlank(612, 792); err != nil || p != 3 {
		t.Fatalf("AddBlank = %d, %v", p, err)
	}
	j.Link(0, 72, 200, 100, 20, 5) // forward, to a page not added yet
	add(parts[2], 4)
	j.Bookmark("Gamma (ü)", 0, 4, 0)
	j.Bookmark("Gamma deep", 2, 6, 300) // a jump of two levels
	j.Link(6, 10, 10, 50, 10, 0)
	if j.Pages() != 7 {
		t.Fatalf("Pages() = %d, want 7", j.Pages())
	}
	if err := j.Close(bookInfo); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// wantOutline is joinTest's outline as pdftext reads it.
var wantOutline = []pdftext.Bookmark{
	{Title: "Alpha", Level: 0, Page: 0, Top: 841.89},
	{Title: "Alpha part two", Level: 1, Page: 1, Top: 741.89},
	{Title: "Beta", Level: 1, Page: 2, Top: 742},
	{Title: "Gamma (ü)", Level: 0, Page: 4, Top: 841.89},
	{Title: "Gamma deep", Level: 1, Page: 6, Top: 541.89},
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.006 }

// readContext reads a PDF with pdfcpu, for what pdftext does not report.
func readContext(t testing.TB, b []byte) *model.XRefTable {
	t.Helper()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadContext(bytes.NewReader(b), conf)
	if err != nil {
		t.Fatal(err)
	}
	if err := ctx.XRefTable.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	return ctx.XRefTable
}

// internalLinks returns, for each page, the 0-based target pages of its
// link annotations with a /Dest, and their rectangles.
func internalLinks(t testing.TB, b []byte) map[int][]string {
	t.Helper()
	x := readContext(t, b)
	index := map[int]int{}
	for i := 1; i <= x.PageCount; i++ {
		_, ref, _, err := x.PageDict(i, false)
		if err != nil {
			t.Fatal(err)
		}
		index[ref.ObjectNumber.Value()] = i - 1
	}
	out := map[int][]string{}
	for i := 1; i <= x.PageCount; i++ {
		d, _, _, _ := x.PageDict(i, false)
		annots, err := x.DereferenceArray(d["Annots"])
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range annots {
			a, err := x.DereferenceDict(o)
			if err != nil {
				t.Fatal(err)
			}
			dest, _ := x.DereferenceArray(a["Dest"])
			if len(dest) == 0 {
				continue
			}
			to := dest[0].(types.IndirectRef)
			rect, _ := x.DereferenceArray(a["Rect"])
			out[i-1] = append(out[i-1], fmt.Sprintf("page %d %v %v", index[to.ObjectNumber.Value()], rect, dest[1:]))
		}
	}
	return out
}

// tool runs a command-line tool on the PDF b, which replaces "PDF" in
// args, and returns its standard output and error, in that order. It skips
// the test when the tool is not installed.
func tool(t *testing.T, b []byte, name string, args ...string) (string, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return toolFile(t, path, name, args...)
}

func toolFile(t *testing.T, path, name string, args ...string) (string, error) {
	t.Helper()
	bin, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not installed", name)
	}
	args = slices.Clone(args)
	for i, a := range args {
		if a == "PDF" {
			args[i] = path
		}
	}
	var out bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	return out.String(), err
}
