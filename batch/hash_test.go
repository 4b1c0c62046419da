package batch

import (
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/assets"
	"github.com/galleyprint/galley/page"
)

// TestOptionsHash: every print option that changes the PDF changes the
// hash (so a rerun reprints), the logger and fetcher do not.
func TestOptionsHash(t *testing.T) {
	base := optionsHash(galley.Options{}, galley.ImageSources{}, galley.Extraction{})
	if optionsHash(galley.Options{Logger: slog.New(slog.DiscardHandler), Images: galley.NewImageLoader(galley.ImageSources{})}, galley.ImageSources{Dir: "elsewhere"}, galley.Extraction{}) != base {
		t.Error("the logger changes the options hash")
	}
	for name, o := range map[string]galley.Options{
		"columns": {Columns: 2}, "links": {Links: "footnotes"}, "theme": {Theme: "modern"}, "font size": {FontSize: 14},
		"line height": {LineHeight: 1.6}, "no header": {NoHeader: true}, "qr": {QR: true}, "impose": {Impose: "booklet"},
		"mirror": {Mirror: true}, "gutter": {Gutter: page.MM(8)}, "language": {Language: galley.MustParseLanguage("de")}, "smart quotes": {SmartQuotes: true},
		"drop cap": {DropCap: true}, "page": {Page: page.A5}, "margins": {Margins: page.Margins{Top: page.MM(20)}}, "max images": {MaxImages: 3},
	} {
		if optionsHash(o, galley.ImageSources{}, galley.Extraction{}) == base {
			t.Errorf("%s does not change the options hash", name)
		}
	}
	for name, src := range map[string]galley.ImageSources{
		"local images": {Local: true}, "remote images": {Remote: true}, "outside": {AllowOutside: true},
	} {
		if optionsHash(galley.Options{}, src, galley.Extraction{}) == base {
			t.Errorf("%s does not change the options hash", name)
		}
	}
	for name, ex := range map[string]galley.Extraction{
		"remove": {Remove: []string{"aside"}}, "keep": {Keep: []string{".factbox"}},
		"site rules": {Sites: []galley.SiteRule{{Name: "a.toml", Hosts: []string{"example.org"}, Remove: []string{"aside"}}}},
	} {
		if optionsHash(galley.Options{}, galley.ImageSources{}, ex) == base {
			t.Errorf("%s does not change the options hash", name)
		}
	}
}

// TestOptionsHashPathSpelling: a theme or font file named by another path
// to the same file (relative, absolute, from another folder) is the same
// option: a rerun from elsewhere skips what is done.
func TestOptionsHashPathSpelling(t *testing.T) {
	dir := t.TempDir()
	th, err := galley.BuiltinTheme("modern")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := th.JSON()
	if err := os.WriteFile(filepath.Join(dir, "t.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	ttf, err := fs.ReadFile(assets.Fonts, "fonts/NotoSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "f.ttf"), ttf, 0o644); err != nil {
		t.Fatal(err)
	}
	hash := func(theme, font string) string {
		th, err := galley.LoadTheme(theme)
		if err != nil {
			t.Fatal(err)
		}
		o := galley.Options{CustomTheme: th}
		if font != "" {
			if o.Fonts, err = galley.NewFonts([]string{font}, false); err != nil {
				t.Fatal(err)
			}
		}
		return optionsHash(o, galley.ImageSources{}, galley.Extraction{})
	}
	t.Chdir(dir)
	rel := hash("t.json", "f.ttf")
	t.Chdir(t.TempDir())
	abs := hash(filepath.Join(dir, "t.json"), filepath.Join(dir, "f.ttf"))
	if rel != abs {
		t.Error("the options hash changes with how the theme's and font's paths are spelled")
	}
	if hash(filepath.Join(dir, "t.json"), "") == optionsHash(galley.Options{}, galley.ImageSources{}, galley.Extraction{}) {
		t.Error("a theme file does not change the options hash")
	}
}
