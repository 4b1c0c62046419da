package assets

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
)

// TestFontData: FontData gives the bytes of every font in Fonts, under its
// name without folder and ending, and nothing for other names.
func TestFontData(t *testing.T) {
	ttfs, err := fs.Glob(Fonts, "fonts/*.ttf")
	if err != nil || len(ttfs) == 0 {
		t.Fatalf("no fonts: %v", err)
	}
	for _, path := range ttfs {
		want, err := Fonts.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(strings.TrimPrefix(path, "fonts/"), ".ttf")
		got, ok := FontData(name)
		if !ok || !bytes.Equal(got, want) {
			t.Errorf("FontData(%q): %d bytes, ok %v; want the %d bytes of %s", name, len(got), ok, len(want), path)
		}
	}
	if len(fontData) != len(ttfs) {
		t.Errorf("FontData knows %d fonts, Fonts holds %d", len(fontData), len(ttfs))
	}
	if _, ok := FontData("OFL"); ok {
		t.Error("FontData(OFL): a licence is no font")
	}
}
