package galley_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"testing"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/pdftext"
)

// TestExportBookOneDocument: a book is one document, not articles joined:
// each face is embedded once (every /FontName once), and a picture shown
// by several articles is one image object.
func TestExportBookOneDocument(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 60, 40))
	for y := range 40 {
		for x := range 60 {
			img.Set(x, y, color.NRGBA{uint8(4 * x), uint8(6 * y), 120, 255})
		}
	}
	var pic bytes.Buffer
	if err := png.Encode(&pic, img); err != nil {
		t.Fatal(err)
	}
	fetcher := galley.ImageFetcherFunc(func(context.Context, string) ([]byte, string, error) {
		return pic.Bytes(), "image/png", nil
	})
	src := &bkSource{}
	for i, s := range bkStories {
		a := bkParse(t, bkPost(s.title, s.date, s.paras))
		// every article shows the same picture, under a name of its own
		src.arts = append(src.arts, a)
		a.Body = append(a.Body, article.Block{Kind: article.KindFigure, Figure: &article.Figure{
			Src: "harbour-" + string(rune('a'+i)) + ".png", Caption: article.Plain("The harbour")}})
	}
	var buf bytes.Buffer
	res, err := galley.ExportBook(context.Background(), &buf, src, galley.BookOptions{Options: galley.Options{Images: fetcher}, Title: "Gazette"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != len(bkStories) {
		t.Fatalf("%d articles printed, want %d", res.Articles, len(bkStories))
	}
	pdf := buf.Bytes()
	if err := pdftext.Validate(pdf); err != nil {
		t.Fatal(err)
	}
	names := map[string]int{}
	for _, m := range regexp.MustCompile(`/FontName /([A-Z]{6}\+[^\s/>]+)`).FindAllSubmatch(pdf, -1) {
		names[string(m[1])]++
	}
	faces := map[string]bool{}
	for n, k := range names {
		if k != 1 {
			t.Errorf("font %s described %d times", n, k)
		}
		face := n[7:]
		if faces[face] {
			t.Errorf("face %s embedded in more than one subset", face)
		}
		faces[face] = true
	}
	if len(names) == 0 {
		t.Error("no embedded fonts found")
	}
	if n := len(regexp.MustCompile(`/Subtype /Image`).FindAllIndex(pdf, -1)); n != 1 {
		t.Errorf("%d image objects for one picture in %d articles, want 1", n, len(bkStories))
	}
}
