package galley

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/galleyprint/galley/assets"
)

// libraryOnly are the fields of Options and ImageSources no print option
// sets, each with the reason.
var libraryOnly = map[string]string{
	"Options.Logger":        "where warnings go is the caller's (the CLI's standard error, the service's log)",
	"Options.Images":        "the loader is made from ImageSources and each input's folder",
	"Options.MaxImages":     "the service's limit (galley serve --max-images); the CLI prints every image",
	"ImageSources.Dir":      "each input's folder, set by the CLI per input",
	"ImageSources.Client":   "the service's guarded client",
	"ImageSources.MaxBytes": "the service's limit (galley serve --max-image-bytes)",
	"ImageSources.Timeout":  "the service's request deadline",
	"ImageSources.Local":    "the surface's: files on the command line, never on the service",
}

// TestOptionDefsSetEveryField: every field of Options and ImageSources
// is set by some print option of OptionDefs given its example, or is
// listed above with the reason none does.
func TestOptionDefsSetEveryField(t *testing.T) {
	t.Chdir(t.TempDir())
	ttf, err := fs.ReadFile(assets.Fonts, "fonts/NotoSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	base, err := BuildSettings(nil, CommandLine)
	if err != nil {
		t.Fatal(err)
	}
	th, err := BuiltinTheme("modern")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := th.JSON()
	if err := os.WriteFile("t.json", data, 0o644); err != nil {
		t.Fatal(err)
	}
	set := map[string]bool{}
	defs := append(OptionDefs[:len(OptionDefs):len(OptionDefs)], OptionDef{Name: "theme", Example: "t.json"}) // a theme file
	for _, d := range defs {
		example := d.Example
		switch d.Name {
		case "font":
			example = "f.ttf"
			if err := os.WriteFile(example, ttf, 0o644); err != nil {
				t.Fatal(err)
			}
		case "font-dir":
			example = "."
		case "sites":
			example = "sites"
			if err := os.MkdirAll(example, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile("sites/a.toml", []byte(`hosts = ["example.org"]`+"\nremove = [\"aside\"]\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := BuildSettings(map[string][]string{d.Name: {example}}, CommandLine)
		if err != nil {
			t.Fatalf("--%s=%s: %v", d.Name, example, err)
		}
		changed := false
		for _, s := range []struct {
			name      string
			got, base any
		}{{"Options", got.Options, base.Options}, {"ImageSources", got.Images, base.Images}, {"Extraction", got.Extract, base.Extract}} {
			g, b := reflect.ValueOf(s.got), reflect.ValueOf(s.base)
			for i := range g.NumField() {
				if !reflect.DeepEqual(g.Field(i).Interface(), b.Field(i).Interface()) {
					set[s.name+"."+g.Type().Field(i).Name] = true
					changed = true
				}
			}
		}
		if !changed {
			t.Errorf("--%s=%s sets nothing", d.Name, example)
		}
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[Options](), reflect.TypeFor[ImageSources](), reflect.TypeFor[Extraction]()} {
		for i := range typ.NumField() {
			name := typ.Name() + "." + typ.Field(i).Name
			if !set[name] && libraryOnly[name] == "" {
				t.Errorf("%s is set by no print option and not listed as the library's alone", name)
			}
			if set[name] && libraryOnly[name] != "" {
				t.Errorf("%s is listed as the library's alone, but a print option sets it", name)
			}
		}
	}
}

// TestOptionDefsRangesAreChecks: a number's range in OptionDefs (what the
// documentation and the OpenAPI schema say) is what Options.Check
// accepts: its ends pass, and just beyond them fail.
func TestOptionDefsRangesAreChecks(t *testing.T) {
	for _, d := range OptionDefs {
		if d.Max <= d.Min {
			continue
		}
		step := 0.01
		if d.Kind == KindInt {
			step = 1
		}
		for _, c := range []struct {
			v  float64
			ok bool
		}{{d.Min, true}, {d.Max, true}, {d.Min - step, d.ZeroOK && d.Min-step == 0}, {d.Max + step, false}} {
			b := &builder{}
			v := value{f: c.v, i: int(c.v), s: strconv.FormatFloat(c.v, 'g', -1, 64)}
			if err := d.set(b, v); err != nil {
				t.Fatal(err)
			}
			err := b.Options.Check()
			if (err == nil) != c.ok || err != nil && !errors.Is(err, ErrInvalidOptions) {
				t.Errorf("--%s %g: Check says %v; the table says ok=%v", d.Name, c.v, err, c.ok)
			}
			_, berr := BuildSettings(map[string][]string{d.Name: {v.s}}, CommandLine)
			if (berr == nil) != c.ok {
				t.Errorf("--%s %g: BuildSettings says %v; want ok=%v", d.Name, c.v, berr, c.ok)
			}
		}
	}
}

// TestBuiltOptionsReadNoFiles: a theme file is read, and a font file
// checked, once, when the options are built: Check reads neither again,
// and goes on passing after the files are gone. (Faces are parsed when a
// glyph first needs them, and kept in the built Fonts.)
func TestBuiltOptionsReadNoFiles(t *testing.T) {
	dir := t.TempDir()
	th, err := BuiltinTheme("modern")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := th.JSON()
	theme, font := filepath.Join(dir, "mine.json"), filepath.Join(dir, "f.ttf")
	ttf, err := fs.ReadFile(assets.Fonts, "fonts/NotoSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(theme, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(font, ttf, 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := BuildSettings(map[string][]string{"theme": {theme}, "font": {font}}, CommandLine)
	if err != nil {
		t.Fatal(err)
	}
	if set.Options.CustomTheme == nil || set.Options.Theme != "" {
		t.Fatalf("theme file built as Theme %q, CustomTheme %v", set.Options.Theme, set.Options.CustomTheme)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := set.Options.Check(); err != nil {
			t.Fatalf("Check after the files are gone: %v", err)
		}
	}
	// on the service, a path is a theme name it refuses, and fonts are not offered
	if _, err := BuildSettings(map[string][]string{"theme": {theme}}, Service); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("a theme file's path on the service: %v, want ErrInvalidOptions", err)
	}
	if _, err := BuildSettings(map[string][]string{"font": {font}}, Service); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("--font on the service: %v, want ErrInvalidOptions", err)
	}
}

// TestBuildSettingsErrors: a bad value is refused with ErrInvalidOptions,
// naming the option as its surface spells it.
func TestBuildSettingsErrors(t *testing.T) {
	for _, tc := range []struct {
		from  Surface
		given map[string][]string
		want  string
	}{
		{CommandLine, map[string][]string{"columns": {"two"}}, `--columns "two": not a whole number`},
		{CommandLine, map[string][]string{"font-size": {"NaN"}}, `--font-size "NaN": not a number`},
		{CommandLine, map[string][]string{"font-size": {"4"}}, `--font-size "4": want 5 to 72`},
		{CommandLine, map[string][]string{"links": {"sideways"}}, `--links "sideways": want footnotes, endnotes, inline, off`},
		{CommandLine, map[string][]string{"two-up": {"true"}, "booklet": {"true"}}, "--two-up and --booklet exclude each other"},
		{CommandLine, map[string][]string{"grayscale": {"perhaps"}}, `--grayscale "perhaps": want true or false`},
		{CommandLine, map[string][]string{"max-pages": {"-1"}}, "--max-pages -1: want 0 (no limit) or more"},
		{CommandLine, map[string][]string{"remove": {"div["}}, `invalid CSS selector: --remove "div["`},
		{CommandLine, map[string][]string{"keep": {".a", "p::after"}}, `invalid CSS selector: --keep "p::after"`},
		{CommandLine, map[string][]string{"sites": {"testdata/no-such-folder"}}, "site rules: open testdata/no-such-folder"},
		{Service, map[string][]string{"remove": {"a >"}}, `invalid CSS selector: remove "a >"`},
		{Service, map[string][]string{"sites": {"testdata/sites"}}, `unknown option "sites"`},
		{Service, map[string][]string{"columns": {"two"}}, `columns "two": not a whole number`},
		{Service, map[string][]string{"two_up": {"true"}, "booklet": {"true"}}, "two_up and booklet exclude each other"},
		{Service, map[string][]string{"theme": {"../assets/themes/classic.json"}}, "want a built-in: classic"},
		{Service, map[string][]string{"font": {"/etc/passwd"}}, `unknown option "font"`},
		{Service, map[string][]string{"max-pages": {"0"}}, `unknown option "max-pages"`},
		{Service, map[string][]string{"lang": {"en GB"}}, `lang "en GB" is not a BCP 47 language tag`},
	} {
		_, err := BuildSettings(tc.given, tc.from)
		if !errors.Is(err, ErrInvalidOptions) || err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want ErrInvalidOptions saying %q", tc.given, err, tc.want)
		}
	}
}
