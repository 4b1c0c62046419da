package fonts

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/galleyprint/galley/assets"
)

// copyFonts writes embedded faces into a new folder and returns it.
func copyFonts(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range names {
		data, err := assets.Fonts.ReadFile("fonts/" + n)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestReadCoverage(t *testing.T) {
	dir := copyFonts(t, "NotoSerif-Regular.ttf")
	c, ok := readCoverage(filepath.Join(dir, "NotoSerif-Regular.ttf"))
	if !ok || len(c) == 0 {
		t.Fatalf("coverage of Noto Serif not read: %v %d ranges", ok, len(c))
	}
	for _, r := range "Aé€—Ω" {
		if !c.has(r) {
			t.Errorf("Noto Serif's cmap should map %q", r)
		}
	}
	for _, r := range "中あ한\uFFFF" {
		if c.has(r) {
			t.Errorf("Noto Serif's cmap should not map %q", r)
		}
	}
	for name, data := range map[string]string{"empty": "", "short": "\x00\x01\x00\x00\x00\x09", "no cmap": "\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"} {
		p := filepath.Join(dir, name+".ttf")
		os.WriteFile(p, []byte(data), 0o644)
		if _, ok := readCoverage(p); ok {
			t.Errorf("%s: coverage read from a file with no cmap", name)
		}
	}
}

func TestSystemFontsKeepOnlyFacesThatAnswer(t *testing.T) {
	s := NewSystemFonts(copyFonts(t, "NotoSerif-Regular.ttf", "NotoSansMono-Regular.ttf", "NotoSans-Bold.ttf"))
	if f := s.Face('中'); f != nil {
		t.Fatalf("a face for 中: %s", name(f))
	}
	if len(s.faces) != 0 {
		t.Errorf("%d faces kept after a character none has, want 0", len(s.faces))
	}
	f := s.Face('Ω')
	if f == nil || f.Name() == "NotoSans-Bold" {
		t.Fatalf("face for Ω: %v, want a regular face before the bold one", name(f))
	}
	if len(s.faces) != 1 {
		t.Errorf("%d faces kept, want the one that answered", len(s.faces))
	}
	if g := s.Face('Ж'); g != f {
		t.Errorf("a second character went to %v, want the face already used", name(g))
	}
}

func name(f *Face) string {
	if f == nil {
		return "no face"
	}
	return f.Name()
}
