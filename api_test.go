package galley_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/pdftext"
	"github.com/galleyprint/galley/page"
)

func TestParseReaderTooLarge(t *testing.T) {
	r := io.LimitReader(neverEnding('a'), galley.MaxInputBytes+10)
	_, err := galley.ParseReader(r, galley.ParseOptions{Format: "text"})
	if !errors.Is(err, galley.ErrTooLarge) {
		t.Fatalf("err %v, want ErrTooLarge", err)
	}
}

type neverEnding byte

func (b neverEnding) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}

func longArticle(paragraphs int) *article.Article {
	a := &article.Article{Title: "Long"}
	for range paragraphs {
		a.Body = append(a.Body, article.Block{Kind: article.KindParagraph,
			Text: article.Plain(strings.Repeat("Words upon words, line after line. ", 12))})
	}
	return a
}

func TestMaxPages(t *testing.T) {
	a := longArticle(60) // about 7 pages
	res, err := galley.Export(context.Background(), io.Discard, a, galley.Options{MaxPages: 20})
	if err != nil || res.Pages < 4 {
		t.Fatalf("under the limit: %d pages, %v", res.Pages, err)
	}
	var out bytes.Buffer
	_, err = galley.Export(context.Background(), &out, a, galley.Options{MaxPages: res.Pages - 1})
	if !errors.Is(err, galley.ErrTooManyPages) || out.Len() != 0 {
		t.Fatalf("over the limit: %v, %d bytes written; want ErrTooManyPages and nothing", err, out.Len())
	}
	if _, err := galley.Export(context.Background(), io.Discard, a, galley.Options{MaxPages: -1}); !errors.Is(err, galley.ErrInvalidOptions) {
		t.Errorf("negative limit: %v, want ErrInvalidOptions", err)
	}
}

func TestMaxImages(t *testing.T) {
	var mu sync.Mutex
	var fetched []string
	fetcher := galley.ImageFetcherFunc(func(ctx context.Context, ref string) ([]byte, string, error) {
		mu.Lock()
		defer mu.Unlock()
		fetched = append(fetched, ref)
		return nil, "", errors.New("no such image")
	})
	a := &article.Article{Title: "Pictures"}
	for _, src := range []string{"a.png", "b.png", "c.png"} {
		a.Body = append(a.Body, article.Block{Kind: article.KindFigure, Figure: &article.Figure{Src: src, Caption: article.Plain(src)}})
	}
	var logs bytes.Buffer
	_, err := galley.Export(context.Background(), io.Discard, a, galley.Options{
		Images: fetcher, MaxImages: 2, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if len(fetched) != 2 {
		t.Errorf("fetched %v, want the first 2", fetched)
	}
	if !strings.Contains(logs.String(), "too many images") {
		t.Errorf("no warning about the image limit in %q", logs.String())
	}
}

// A cancelled context stops the work and writes nothing.
func TestExportCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out bytes.Buffer
	_, err := galley.Export(ctx, &out, longArticle(60), galley.Options{})
	if !errors.Is(err, context.Canceled) || out.Len() != 0 {
		t.Fatalf("%v, %d bytes; want context.Canceled and nothing written", err, out.Len())
	}
}

func TestUserFonts(t *testing.T) {
	cff := filepath.Join(t.TempDir(), "face.otf")
	if err := os.WriteFile(cff, []byte("OTTO\x00\x01"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, paths := range [][]string{{cff}, {"/no/such/font.ttf"}} {
		if _, err := galley.NewFonts(paths, false); !errors.Is(err, galley.ErrInvalidOptions) {
			t.Errorf("fonts %v: %v, want ErrInvalidOptions", paths, err)
		}
	}
	const dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	if _, err := os.Stat(dejavu); err != nil {
		t.Skip("DejaVu Sans is not installed")
	}
	a := &article.Article{Title: "Hebrew", Body: []article.Block{{Kind: article.KindParagraph, Text: article.Plain("שלום עולם")}}}
	var out bytes.Buffer
	user, err := galley.NewFonts([]string{dejavu}, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := galley.Export(context.Background(), &out, a, galley.Options{Fonts: user}); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`/BaseFont /[A-Z]{6}\+DejaVuSans\b`).Match(out.Bytes()) {
		t.Error("the user's font was not used for Hebrew")
	}
}

// TestBookletImposition prints a 12-page A5 article as a booklet: 3 A4
// sheets, 6 sides, the first side carrying page 12 on the left and page 1
// on the right, the second pages 2 and 11.
func TestBookletImposition(t *testing.T) {
	a := longArticle(1)
	for len(a.Body) < 400 {
		var out bytes.Buffer
		res, err := galley.Export(context.Background(), &out, a, galley.Options{Page: page.A5})
		if err != nil {
			t.Fatal(err)
		}
		if res.Pages == 12 {
			break
		}
		if res.Pages > 12 {
			a.Body = a.Body[:len(a.Body)-1]
			continue
		}
		a.Body = append(a.Body, a.Body[0])
	}
	var out bytes.Buffer
	res, err := galley.Export(context.Background(), &out, a, galley.Options{Page: page.A5, Impose: galley.ImposeBooklet})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != 12 || res.Sheets != 6 {
		t.Fatalf("%d pages on %d sheet sides, want 12 on 6", res.Pages, res.Sheets)
	}
	pages, err := pdftext.Pages(out.Bytes())
	if err != nil || len(pages) != 6 {
		t.Fatalf("%d PDF pages (%v), want 6", len(pages), err)
	}
	folios := func(p pdftext.Page) string { // "left|right" page numbers from the folios "n / 12"
		var left, right string
		words := p.Words
		for i, w := range words {
			if w.Text == "/" && i > 0 && i+1 < len(words) && words[i+1].Text == "12" {
				if w.X < 420 {
					left = words[i-1].Text
				} else {
					right = words[i-1].Text
				}
			}
		}
		return left + "|" + right
	}
	var got []string
	for _, p := range pages {
		got = append(got, folios(p))
	}
	if s := strings.Join(got, " "); s != "12|1 2|11 10|3 4|9 8|5 6|7" {
		t.Errorf("sheet sides %s", s)
	}
}

// TestQRCode prints an article's URL as a QR code on page 1 and reads it
// back with independent tools: poppler renders the page, zbar decodes it.
func TestQRCode(t *testing.T) {
	for _, tool := range []string{"pdftoppm", "zbarimg"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (apt-get install poppler-utils zbar-tools)", tool)
		}
	}
	const url = "https://news.example/2024/05/harbour-lights-return?ref=print"
	a := longArticle(3)
	a.URL = url
	dir := t.TempDir()
	var out bytes.Buffer
	if _, err := galley.Export(context.Background(), &out, a, galley.Options{QR: true}); err != nil {
		t.Fatal(err)
	}
	pdfPath := filepath.Join(dir, "a.pdf")
	if err := os.WriteFile(pdfPath, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command("pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", pdfPath, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, b)
	}
	pngs, _ := filepath.Glob(filepath.Join(dir, "p*.png"))
	if len(pngs) != 1 {
		t.Fatalf("rendered %v", pngs)
	}
	got, err := exec.Command("zbarimg", "-q", "--raw", pngs[0]).Output()
	if err != nil {
		t.Fatalf("zbarimg found no code: %v", err)
	}
	if strings.TrimSpace(string(got)) != url {
		t.Errorf("the QR code reads %q, want %q", got, url)
	}
}
