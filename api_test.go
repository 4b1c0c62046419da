package galley_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
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
		if err := (galley.Options{Fonts: paths}).Check(); !errors.Is(err, galley.ErrInvalidOptions) {
			t.Errorf("fonts %v: %v, want ErrInvalidOptions", paths, err)
		}
	}
	const dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	if _, err := os.Stat(dejavu); err != nil {
		t.Skip("DejaVu Sans is not installed")
	}
	a := &article.Article{Title: "Hebrew", Body: []article.Block{{Kind: article.KindParagraph, Text: article.Plain("שלום עולם")}}}
	var out bytes.Buffer
	if _, err := galley.Export(context.Background(), &out, a, galley.Options{Fonts: []string{dejavu}}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out.Bytes(), []byte("/BaseFont /utf8dejavusans")) {
		t.Error("the user's font was not used for Hebrew")
	}
}
