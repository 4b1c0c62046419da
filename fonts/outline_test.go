package fonts

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/galleyprint/galley/assets"
)

// TestBitmapFontsRefused checks fonts without outlines (colour bitmap
// emoji fonts such as Noto Color Emoji, whose glyphs are CBDT images):
// the PDF writer would embed their glyphs as nothing, so font discovery
// skips them and Parse refuses them by name.
func TestBitmapFontsRefused(t *testing.T) {
	data, err := fs.ReadFile(assets.Fonts, "fonts/NotoSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	noGlyf := bytes.Clone(data)
	// rename the glyf table, keeping the directory sorted
	i := bytes.Index(noGlyf[:12+16*int(noGlyf[5])], []byte("glyf"))
	if i < 0 {
		t.Fatal("no glyf table in the test font")
	}
	copy(noGlyf[i:], "glyx")
	dir := t.TempDir()
	for name, b := range map[string][]byte{"Outline.ttf": data, "ColorEmoji.ttf": noGlyf} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !isTrueType(filepath.Join(dir, "Outline.ttf")) {
		t.Error("a TrueType face with outlines is not a candidate")
	}
	if isTrueType(filepath.Join(dir, "ColorEmoji.ttf")) {
		t.Error("a font without outlines is a candidate for fallback")
	}
	if _, err := Parse("ColorEmoji", noGlyf); !errors.Is(err, ErrUnsupportedFont) {
		t.Errorf("Parse of a font without outlines: %v, want ErrUnsupportedFont", err)
	}
}
