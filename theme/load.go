package theme

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/galleyprint/galley/assets"
	"github.com/galleyprint/galley/page"
)

// maxThemeBytes bounds a theme file.
const maxThemeBytes = 1 << 20

// builtinFiles returns the embedded themes' JSON by name. Reading it is
// cheap; decoding is done per theme, on first use (builtin).
var builtinFiles = sync.OnceValues(func() (map[string][]byte, error) {
	raw := map[string][]byte{}
	entries, err := fs.ReadDir(assets.Themes, "themes")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".json"); ok {
			b, err := fs.ReadFile(assets.Themes, "themes/"+e.Name())
			if err != nil {
				return nil, err
			}
			raw[name] = b
		}
	}
	return raw, nil
})

// builtinThemes holds the built-in themes decoded so far, each over its
// base; a process that prints with one theme decodes only that one.
var (
	builtinMu     sync.Mutex
	builtinThemes = map[string]*Theme{}
)

// builtin returns the decoded built-in theme name (shared: callers copy
// it), decoding it and its bases on first use.
func builtin(name string) (*Theme, error) {
	raw, err := builtinFiles()
	if err != nil {
		return nil, err
	}
	builtinMu.Lock()
	defer builtinMu.Unlock()
	return resolveBuiltin(raw, name, 0)
}

// resolveBuiltin decodes the built-in theme name over its base; depth
// counts the bases followed, to stop a cycle. builtinMu is held.
func resolveBuiltin(raw map[string][]byte, name string, depth int) (*Theme, error) {
	if t, ok := builtinThemes[name]; ok {
		return t, nil
	}
	b, ok := raw[name]
	if !ok || depth > len(raw) {
		return nil, fmt.Errorf("%w %q", ErrUnknown, name)
	}
	var head struct {
		Extends string `json:"extends"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return nil, fmt.Errorf("built-in theme %s: %v", name, err)
	}
	t := &Theme{}
	if head.Extends != "" {
		base, err := resolveBuiltin(raw, head.Extends, depth+1)
		if err != nil {
			return nil, fmt.Errorf("built-in theme %s: %w", name, err)
		}
		*t = *base
	}
	if err := decodeTheme(b, t); err != nil {
		return nil, fmt.Errorf("built-in theme %s: %w", name, err)
	}
	t.Name, t.Extends = name, ""
	if err := t.Validate(); err != nil {
		return nil, fmt.Errorf("built-in theme %s: %w", name, err)
	}
	builtinThemes[name] = t
	return t, nil
}

// decodeTheme reads JSON over t: fields it leaves out keep t's values.
// Unknown fields are an error naming them. Callers have checked the
// syntax with json.Unmarshal, which also refuses trailing values.
func decodeTheme(b []byte, t *Theme) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(t); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fmt.Errorf("invalid JSON at byte %d: %v", se.Offset, err)
		}
		return errors.New(strings.TrimPrefix(err.Error(), "json: "))
	}
	return nil
}

// Builtin returns a copy of the built-in theme name: classic,
// modern, large-print or ink-saver. It never reads a file.
func Builtin(name string) (*Theme, error) {
	raw, err := builtinFiles()
	if err != nil {
		return nil, err
	}
	if _, ok := raw[name]; !ok {
		return nil, fmt.Errorf("%w %q: the built-in themes are %s", ErrUnknown, name, strings.Join(Names(), ", "))
	}
	t, err := builtin(name)
	if err != nil {
		return nil, err
	}
	c := *t
	return &c, nil
}

// Names lists the built-in themes, the default first, without decoding
// them.
func Names() []string {
	raw, err := builtinFiles()
	if err != nil {
		return nil
	}
	names := make([]string, 0, len(raw))
	for n := range raw {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int {
		switch {
		case a == b:
			return 0
		case a == Default:
			return -1
		case b == Default:
			return 1
		}
		return strings.Compare(a, b)
	})
	return names
}

// All returns copies of the built-in themes, in Names order.
func All() []*Theme {
	var out []*Theme
	for _, n := range Names() {
		if t, err := Builtin(n); err == nil {
			out = append(out, t)
		}
	}
	return out
}

// Load returns the built-in theme of that name, else reads the JSON
// theme file at that path over the built-in it extends, and validates it.
// A built-in's name wins over a file of the same name: write ./classic to
// mean the file.
func Load(nameOrPath string) (*Theme, error) {
	if nameOrPath == "" {
		return Builtin(Default)
	}
	if t, err := Builtin(nameOrPath); err == nil {
		return t, nil
	}
	f, err := os.Open(nameOrPath)
	if errors.Is(err, fs.ErrNotExist) && !strings.ContainsAny(nameOrPath, `/\.`) {
		return nil, fmt.Errorf("%w %q: not a built-in theme (%s) nor a file", ErrUnknown, nameOrPath, strings.Join(Names(), ", "))
	}
	if err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxThemeBytes+1))
	if err != nil {
		return nil, fmt.Errorf("theme %s: %w", nameOrPath, err)
	}
	if len(b) > maxThemeBytes {
		return nil, fmt.Errorf("theme %s: larger than %d bytes", nameOrPath, maxThemeBytes)
	}
	name := strings.TrimSuffix(filepath.Base(nameOrPath), filepath.Ext(nameOrPath))
	if ext := strings.ToLower(filepath.Ext(nameOrPath)); ext == ".yaml" || ext == ".yml" {
		if b, err = yamlToJSON(b); err != nil {
			return nil, fmt.Errorf("theme %s: %w", nameOrPath, err)
		}
	}
	t, err := Parse(b, name)
	if err != nil {
		return nil, fmt.Errorf("theme %s: %w", nameOrPath, err)
	}
	return t, nil
}

// PageMargins returns the theme's margins, DefaultMargins when it sets
// none.
func (t *Theme) PageMargins() page.Margins {
	if m, err := page.ParseMargins(t.Margins); t.Margins != "" && err == nil { // validated with the theme
		return m
	}
	return DefaultMargins
}

// yamlToJSON rewrites a YAML theme as JSON, for Parse to read with
// the same checks: the same fields, unknown ones refused.
func yamlToJSON(b []byte) ([]byte, error) {
	var v any
	if err := yaml.Unmarshal(b, &v); err != nil {
		return nil, fmt.Errorf("reading YAML: %w", err)
	}
	if _, ok := v.(map[string]any); !ok {
		return nil, errors.New("a theme is a mapping of fields")
	}
	return json.Marshal(v)
}

// Parse reads a JSON theme over the built-in it extends (classic
// when it names none) and validates it. name is used when the JSON names
// no theme.
func Parse(b []byte, name string) (*Theme, error) {
	var head struct {
		Extends string `json:"extends"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("invalid JSON at byte %d: %v", se.Offset, err)
		}
		// a mistyped field: decodeTheme names it below
	}
	base, err := Builtin(cmp.Or(head.Extends, Default))
	if err != nil {
		return nil, fmt.Errorf("extends: %w", err)
	}
	t := base
	t.Name, t.Description = "", ""
	if err := decodeTheme(b, t); err != nil {
		return nil, err
	}
	if t.Name == "" {
		t.Name = name
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	return t, nil
}

// JSON returns the theme as indented JSON, the form a theme file takes.
func (t *Theme) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
