package theme_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/galleyprint/galley/theme"
)

func writeTheme(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "mine.json")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestBuiltinThemes: the four built-ins load, validate, and survive a
// round trip through their JSON form.
func TestBuiltinThemes(t *testing.T) {
	want := []string{"classic", "ink-saver", "large-print", "modern"}
	if got := theme.Names(); !slices.Equal(got, want) {
		t.Fatalf("built-in themes %v, want %v (the default first)", got, want)
	}
	for _, th := range theme.All() {
		if err := th.Validate(); err != nil {
			t.Errorf("%s: %v", th.Name, err)
		}
		if th.Description == "" {
			t.Errorf("%s has no description", th.Name)
		}
		b, err := th.JSON()
		if err != nil {
			t.Fatal(err)
		}
		back, err := theme.Parse(b, "x")
		if err != nil {
			t.Fatalf("%s: its own JSON does not load: %v", th.Name, err)
		}
		if !reflect.DeepEqual(back, th) {
			t.Errorf("%s: JSON round trip changed it:\n%+v\n%+v", th.Name, back, th)
		}
	}
	a, _ := theme.Builtin("classic")
	a.Styles.Body.Size = 30
	if b, _ := theme.Builtin("classic"); b.Styles.Body.Size == 30 {
		t.Error("Builtin returns a shared value, not a copy")
	}
	if _, err := theme.Builtin("../etc/passwd"); !errors.Is(err, theme.ErrUnknown) {
		t.Errorf("Builtin of a path: %v, want ErrUnknown", err)
	}
}

// TestYAMLTheme: a .yaml file reads as its JSON would, with the same
// checks.
func TestYAMLTheme(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	th, err := theme.Load(write("tide.yaml", "extends: modern\ncolumns: 2\nstyles:\n  body: {size: 10, leading: 14}\nfooter:\n  left: \"{title}\"\n  right: \"{page}\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if th.Name != "tide" || th.Columns != 2 || th.Styles.Body.Size != 10 || th.Styles.Body.Font != "sans" || th.Footer.Right != "{page}" {
		t.Errorf("YAML theme read as %+v", th)
	}
	for body, want := range map[string]string{
		"extends: classic\nsise: 3\n": `unknown field "sise"`,
		"- a\n- b\n":                  "mapping",
		"styles: [\n":                 "YAML",
	} {
		if _, err := theme.Load(write("bad.yml", body)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want an error saying %s", body, err, want)
		}
	}
}

// TestThemeErrors: a theme that cannot be used is refused, naming the
// field and the fault.
func TestThemeErrors(t *testing.T) {
	for _, tc := range []struct{ name, json, want string }{
		{"unknown field", `{"colour": "#000000"}`, `unknown field "colour"`},
		{"unknown nested field", `{"styles": {"body": {"sise": 12}}}`, `unknown field "sise"`},
		{"bad colour", `{"styles": {"caption": {"color": "#12345"}}}`, `styles.caption.color: "#12345" is not a colour`},
		{"named colour", `{"colors": {"rule": "grey"}}`, `colors.rule: "grey"`},
		{"size too large", `{"styles": {"headline": {"size": 200, "leading": 220}}}`, "styles.headline.size: 200 pt is not between 4 and 96"},
		{"size too small", `{"styles": {"body": {"size": 2}}}`, "styles.body.size: 2 pt"},
		{"leading under the size", `{"styles": {"body": {"size": 12, "leading": 10}}}`, "styles.body.leading: 10 pt"},
		{"font", `{"styles": {"h2": {"font": "comic"}}}`, `styles.h2.font: "comic" is not serif, sans or mono`},
		{"size as text", `{"styles": {"body": {"size": "11pt"}}}`, "styles.body.size"},
		{"negative space", `{"spacing": {"block": -3}}`, "spacing.block: -3 pt"},
		{"margins", `{"margins": "wide"}`, "margins:"},
		{"columns", `{"columns": 9}`, "columns: 9 is not between 1 and 4"},
		{"masthead", `{"masthead": "wavy"}`, `masthead: "wavy" is not`},
		{"band contrast", `{"masthead": "band", "colors": {"band": "#222222"}}`, "contrast of"},
		{"placeholder", `{"footer": {"right": "p. {folio}"}}`, "footer.right: unknown placeholder {folio}"},
		{"images", `{"images": "some"}`, `images: "some" is not all, captioned or none`},
		{"extends", `{"extends": "baroque"}`, `extends: unknown theme "baroque"`},
		{"syntax", `{"masthead": "none",}`, "invalid JSON at byte"},
		{"two values", `{} {}`, "after top-level value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := theme.Load(writeTheme(t, tc.json))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one saying %q", err, tc.want)
			}
		})
	}
	if _, err := theme.Load("baroque"); !errors.Is(err, theme.ErrUnknown) || !strings.Contains(err.Error(), "large-print") {
		t.Errorf("an unknown name: %v, want ErrUnknown listing the built-ins", err)
	}
	if _, err := theme.Load("no/such/theme.json"); err == nil || errors.Is(err, theme.ErrUnknown) {
		t.Errorf("a missing file: %v, want the file's error", err)
	}
}
