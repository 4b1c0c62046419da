package galley_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/page"
)

// TestThemeInkSaverImages: ink-saver fetches and prints only figures with
// a caption or credit, in grey; the decorative one is neither fetched nor
// printed, not even its alt text.
func TestThemeInkSaverImages(t *testing.T) {
	dir := t.TempDir()
	for i, name := range []string{"a.png", "b.png", "c.png"} {
		if err := os.WriteFile(filepath.Join(dir, name), pngBytes(t, 300+i, 200), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a := figureStory("a.png", "b.png", "c.png")
	a.Body[2].Figure.Caption = nil // b.png: decorative
	var mu sync.Mutex
	var fetched []string
	fetch := galley.ImageFetcherFunc(func(ctx context.Context, ref string) ([]byte, string, error) {
		mu.Lock()
		fetched = append(fetched, ref)
		mu.Unlock()
		b, err := os.ReadFile(filepath.Join(dir, ref))
		return b, "image/png", err
	})
	pdf := exportImages(t, a, galley.Options{Theme: "ink-saver", Images: fetch})
	slices.Sort(fetched)
	if strings.Join(fetched, " ") != "a.png c.png" {
		t.Errorf("fetched %v, want a.png and c.png", fetched)
	}
	if n := pdfImages(t, pdf); n != 2 {
		t.Errorf("%d images printed, want 2", n)
	}
	if bytes.Contains(pdf, []byte("/ColorSpace /DeviceRGB")) || bytes.Count(pdf, []byte("/ColorSpace /DeviceGray")) != 2 {
		t.Error("ink-saver printed a colour image")
	}
	if words := pdfWords(t, pdf); strings.Contains(words, "Alt text B") || !strings.Contains(words, "Caption number C") {
		t.Errorf("text layer: %s", words)
	}
	// an explicit option still wins: no images at all
	if n := pdfImages(t, exportImages(t, a, galley.Options{Theme: "ink-saver", Images: fetch, NoImages: true})); n != 0 {
		t.Errorf("NoImages with ink-saver: %d images", n)
	}
}

// TestThemeOptions: a theme is named or read from a file; a bad one is an
// invalid option; explicit margins and sizes override the theme's.
func TestThemeOptions(t *testing.T) {
	for _, name := range []string{"", "classic", "modern", "large-print", "ink-saver"} {
		n, err := galley.ParseThemeName(name)
		if err != nil || string(n) != name {
			t.Errorf("theme %q: %q, %v", name, n, err)
		}
		if err := (galley.Options{Theme: n}).Check(); err != nil {
			t.Errorf("theme %q: %v", name, err)
		}
	}
	if err := (galley.Options{Theme: "baroque"}).Check(); !errors.Is(err, galley.ErrInvalidOptions) {
		t.Errorf("unknown theme: %v, want ErrInvalidOptions", err)
	}
	if _, err := galley.ParseThemeName("baroque"); !errors.Is(err, galley.ErrInvalidOptions) || !strings.Contains(err.Error(), "classic") {
		t.Errorf("ParseThemeName(baroque): %v, want ErrInvalidOptions listing the built-ins", err)
	}
	p := filepath.Join(t.TempDir(), "tiny.json")
	if err := os.WriteFile(p, []byte(`{"extends": "modern", "margins": "400pt"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	th, err := galley.LoadTheme(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := galley.ParseThemeName(p); !errors.Is(err, galley.ErrInvalidOptions) {
		t.Errorf("a theme file's path read as a theme name, which names built-ins only: %v, want ErrInvalidOptions", err)
	}
	if err := (galley.Options{Theme: galley.ThemeName(p)}).Check(); !errors.Is(err, galley.ErrInvalidOptions) {
		t.Errorf("a theme file's path as Theme, which names built-ins only: %v, want ErrInvalidOptions", err)
	}
	if err := (galley.Options{CustomTheme: th}).Check(); !errors.Is(err, galley.ErrInvalidOptions) || !strings.Contains(err.Error(), "margins") {
		t.Errorf("a theme whose margins leave no page: %v", err)
	}
	if err := (galley.Options{CustomTheme: th, Margins: margins(t, "20mm")}).Check(); err != nil {
		t.Errorf("explicit margins should override the theme's: %v", err)
	}
	pages := func(o galley.Options) int {
		res, err := galley.Export(context.Background(), &bytes.Buffer{}, longStory(), o)
		if err != nil {
			t.Fatal(err)
		}
		return res.Pages
	}
	classic, large, ink := pages(galley.Options{}), pages(galley.Options{Theme: "large-print"}), pages(galley.Options{Theme: "ink-saver"})
	if !(ink < classic && classic < large) {
		t.Errorf("pages: ink-saver %d, classic %d, large-print %d; want increasing", ink, classic, large)
	}
	if n := pages(galley.Options{Theme: "large-print", FontSize: 11, Margins: margins(t, "62pt 80pt 64pt 80pt")}); n >= large {
		t.Errorf("large-print at 11 pt: %d pages, want fewer than %d", n, large)
	}
}

// margins reads margins in CSS order, as the CLI's --margins does.
func margins(t *testing.T, css string) page.Margins {
	t.Helper()
	m, err := galley.ParseMargins(css)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func longStory() *article.Article {
	a := &article.Article{Title: "Harbour Notes", SiteName: "The Gazette", Authors: []string{"Ann Lee"}}
	for range 30 {
		a.Body = append(a.Body, article.Block{Kind: article.KindParagraph, Text: article.Plain(strings.Repeat(
			"The harbour was quiet on Sunday morning, and the boats lay against the quay with their nets drying. ", 4))})
	}
	return a
}
