package layout

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/galleyprint/galley/assets"
	"github.com/galleyprint/galley/page"
)

// Theme is a page's look as data: the type of every role, the spaces
// between blocks, colours, margins, columns, the masthead, the running
// head and footer, and which images print. Themes are JSON files (see
// docs/themes.md); the built-ins are embedded from assets/themes.
type Theme struct {
	// Name identifies the theme: a built-in's name, or a file's base name.
	Name string `json:"name"`
	// Description says what the theme is for, in a sentence.
	Description string `json:"description,omitempty"`
	// Extends names the built-in a theme file starts from ("classic" when
	// empty); every field the file leaves out is the base's.
	Extends string `json:"extends,omitempty"`
	// Styles are the text styles of each role.
	Styles Styles `json:"styles"`
	// Spacing holds the spaces and indents, in points.
	Spacing Spacing `json:"spacing"`
	// Colors are the colours of what is not text.
	Colors Colors `json:"colors"`
	// Margins are the page margins as ParseMargins reads them, e.g.
	// "62pt 80pt 64pt 80pt"; explicit options override them.
	Margins string `json:"margins"`
	// Columns is the number of body columns (1 to 4).
	Columns int `json:"columns"`
	// ColumnRules draws a hairline between columns.
	ColumnRules bool `json:"column_rules"`
	// Masthead is how the site's name heads page 1: MastheadDoubleRule,
	// MastheadSingleRule, MastheadBand or MastheadNone.
	Masthead string `json:"masthead"`
	// Header is the running head, printed from page 2 when the article
	// has a title.
	Header Furniture `json:"header"`
	// Footer is printed on every page.
	Footer Furniture `json:"footer"`
	// Images says which figures print their image: ImagesAll,
	// ImagesCaptioned (figures with neither caption nor credit are left
	// out) or ImagesNone (every figure prints as its caption).
	Images string `json:"images"`
	// Grayscale prints images in shades of grey.
	Grayscale bool `json:"grayscale"`
	// Ragged sets the body ragged right (flush left) rather than
	// justified, as large-print guidance asks.
	Ragged bool `json:"ragged"`
	// NoHyphenation never breaks words at line ends.
	NoHyphenation bool `json:"no_hyphenation"`
}

// TextStyle is how one role's text is set.
type TextStyle struct {
	// Font is the family: "serif", "sans" or "mono".
	Font   string `json:"font"`
	Bold   bool   `json:"bold"`
	Italic bool   `json:"italic"`
	// Size and Leading (the distance between baselines) are in points.
	Size    float64 `json:"size"`
	Leading float64 `json:"leading"`
	// Color is "#rrggbb".
	Color string `json:"color"`
}

// Styles are the text styles of a theme, by role.
type Styles struct {
	Body      TextStyle `json:"body"`
	Dek       TextStyle `json:"dek"`
	Headline  TextStyle `json:"headline"`
	Byline    TextStyle `json:"byline"`
	Dateline  TextStyle `json:"dateline"`
	Masthead  TextStyle `json:"masthead"`
	Caption   TextStyle `json:"caption"`
	Credit    TextStyle `json:"credit"`
	Code      TextStyle `json:"code"`
	Table     TextStyle `json:"table"`
	TableHead TextStyle `json:"table_head"`
	Quote     TextStyle `json:"quote"`
	Header    TextStyle `json:"header"`
	Footer    TextStyle `json:"footer"`
	H2        TextStyle `json:"h2"`
	H3        TextStyle `json:"h3"`
	H4        TextStyle `json:"h4"`
	H5        TextStyle `json:"h5"`
	H6        TextStyle `json:"h6"`
}

// Spacing holds a theme's spaces and indents, in points.
type Spacing struct {
	// ParagraphIndent indents the first line of a paragraph that follows
	// a paragraph.
	ParagraphIndent float64 `json:"paragraph_indent"`
	// Block is the space around lists, quotes, code, figures and tables.
	Block float64 `json:"block"`
	// Heading is the space above a heading.
	Heading     float64 `json:"heading"`
	ListIndent  float64 `json:"list_indent"`
	QuoteIndent float64 `json:"quote_indent"`
	CodePadding float64 `json:"code_padding"`
	CellPadding float64 `json:"cell_padding"`
	// Rule is the thickness of hairlines.
	Rule float64 `json:"rule"`
}

// Colors are a theme's colours of what is not text, each "#rrggbb".
type Colors struct {
	// CodeBackground fills code blocks; white draws no fill.
	CodeBackground string `json:"code_background"`
	// Rule colours decorative rules: a quote's bar, a table's inner rules.
	Rule string `json:"rule"`
	// Hairline colours the rules under the title block and the running
	// head, and section breaks.
	Hairline string `json:"hairline"`
	// Band fills the masthead's band (masthead "band").
	Band string `json:"band"`
}

// Furniture is the text of a running head or footer: templates for its
// left and right ends, with placeholders {title}, {site}, {page},
// {pages}, {date} and {author}. An empty template, or one whose
// placeholders all have no value, prints nothing.
type Furniture struct {
	Left  string `json:"left"`
	Right string `json:"right"`
}

// Masthead styles.
const (
	MastheadDoubleRule = "double-rule" // the site's name over a thick and a thin rule
	MastheadSingleRule = "single-rule" // the site's name over one rule
	MastheadBand       = "band"        // the site's name reversed out of a band
	MastheadNone       = "none"        // no masthead: the headline starts the page
)

// Image policies.
const (
	ImagesAll       = "all"       // every figure prints its image
	ImagesCaptioned = "captioned" // figures with neither caption nor credit are left out
	ImagesNone      = "none"      // every figure prints as its caption alone
)

// DefaultTheme is the name of the theme used when none is named.
const DefaultTheme = "classic"

// ErrUnknownTheme is returned for a theme that is neither a built-in nor a
// file.
var ErrUnknownTheme = errors.New("unknown theme")

// maxThemeBytes bounds a theme file.
const maxThemeBytes = 1 << 20

var builtins = sync.OnceValues(loadBuiltins)

// loadBuiltins reads the embedded themes, each over its base.
func loadBuiltins() (map[string]*Theme, error) {
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
	out := map[string]*Theme{}
	var resolve func(name string, depth int) (*Theme, error)
	resolve = func(name string, depth int) (*Theme, error) {
		if t, ok := out[name]; ok {
			return t, nil
		}
		b, ok := raw[name]
		if !ok || depth > len(raw) {
			return nil, fmt.Errorf("%w %q", ErrUnknownTheme, name)
		}
		var head struct {
			Extends string `json:"extends"`
		}
		if err := json.Unmarshal(b, &head); err != nil {
			return nil, fmt.Errorf("built-in theme %s: %v", name, err)
		}
		t := &Theme{}
		if head.Extends != "" {
			base, err := resolve(head.Extends, depth+1)
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
		out[name] = t
		return t, nil
	}
	for name := range raw {
		if _, err := resolve(name, 0); err != nil {
			return nil, err
		}
	}
	return out, nil
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

// BuiltinTheme returns a copy of the built-in theme name: classic,
// modern, large-print or ink-saver. It never reads a file.
func BuiltinTheme(name string) (*Theme, error) {
	all, err := builtins()
	if err != nil {
		return nil, err
	}
	t, ok := all[name]
	if !ok {
		return nil, fmt.Errorf("%w %q: the built-in themes are %s", ErrUnknownTheme, name, strings.Join(ThemeNames(), ", "))
	}
	c := *t
	return &c, nil
}

// ThemeNames lists the built-in themes, the default first.
func ThemeNames() []string {
	all, err := builtins()
	if err != nil {
		return nil
	}
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int {
		switch {
		case a == b:
			return 0
		case a == DefaultTheme:
			return -1
		case b == DefaultTheme:
			return 1
		}
		return strings.Compare(a, b)
	})
	return names
}

// Themes returns copies of the built-in themes, in ThemeNames order.
func Themes() []*Theme {
	var out []*Theme
	for _, n := range ThemeNames() {
		if t, err := BuiltinTheme(n); err == nil {
			out = append(out, t)
		}
	}
	return out
}

// LoadTheme returns the built-in theme of that name, else reads the JSON
// theme file at that path over the built-in it extends, and validates it.
// A built-in's name wins over a file of the same name: write ./classic to
// mean the file.
func LoadTheme(nameOrPath string) (*Theme, error) {
	if nameOrPath == "" {
		return BuiltinTheme(DefaultTheme)
	}
	if t, err := BuiltinTheme(nameOrPath); err == nil {
		return t, nil
	}
	f, err := os.Open(nameOrPath)
	if errors.Is(err, fs.ErrNotExist) && !strings.ContainsAny(nameOrPath, `/\.`) {
		return nil, fmt.Errorf("%w %q: not a built-in theme (%s) nor a file", ErrUnknownTheme, nameOrPath, strings.Join(ThemeNames(), ", "))
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
	t, err := ParseTheme(b, name)
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

// yamlToJSON rewrites a YAML theme as JSON, for ParseTheme to read with
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

// ParseTheme reads a JSON theme over the built-in it extends (classic
// when it names none) and validates it. name is used when the JSON names
// no theme.
func ParseTheme(b []byte, name string) (*Theme, error) {
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
	base, err := BuiltinTheme(cmp.Or(head.Extends, DefaultTheme))
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

// Limits of a theme's values.
const (
	minTextSize = 4.0  // pt
	maxTextSize = 96.0 // pt
	maxSpace    = 72.0 // pt
	maxColumns  = 4    // and of Options.Columns
	// minBandContrast is the least contrast between a band's fill and
	// the masthead's text on it (WCAG AA for text).
	minBandContrast = 4.5
)

// Validate reports the first value of t that galley cannot use, naming
// its field.
func (t *Theme) Validate() error {
	s := &t.Styles
	for _, r := range []struct {
		name string
		st   *TextStyle
	}{{"body", &s.Body}, {"dek", &s.Dek}, {"headline", &s.Headline}, {"byline", &s.Byline},
		{"dateline", &s.Dateline}, {"masthead", &s.Masthead}, {"caption", &s.Caption}, {"credit", &s.Credit},
		{"code", &s.Code}, {"table", &s.Table}, {"table_head", &s.TableHead}, {"quote", &s.Quote},
		{"header", &s.Header}, {"footer", &s.Footer}, {"h2", &s.H2}, {"h3", &s.H3}, {"h4", &s.H4},
		{"h5", &s.H5}, {"h6", &s.H6}} {
		if err := r.st.validate(); err != nil {
			return fmt.Errorf("styles.%s.%w", r.name, err)
		}
	}
	sp := t.Spacing
	for _, v := range []struct {
		name string
		v    float64
	}{{"paragraph_indent", sp.ParagraphIndent}, {"block", sp.Block}, {"heading", sp.Heading},
		{"list_indent", sp.ListIndent}, {"quote_indent", sp.QuoteIndent}, {"code_padding", sp.CodePadding},
		{"cell_padding", sp.CellPadding}, {"rule", sp.Rule}} {
		if math.IsNaN(v.v) || v.v < 0 || v.v > maxSpace {
			return fmt.Errorf("spacing.%s: %g pt is not between 0 and %g", v.name, v.v, maxSpace)
		}
	}
	for _, c := range []struct{ name, v string }{{"code_background", t.Colors.CodeBackground},
		{"rule", t.Colors.Rule}, {"hairline", t.Colors.Hairline}, {"band", t.Colors.Band}} {
		if _, err := ParseColor(c.v); err != nil {
			return fmt.Errorf("colors.%s: %w", c.name, err)
		}
	}
	if t.Margins != "" {
		if _, err := page.ParseMargins(t.Margins); err != nil {
			return fmt.Errorf("margins: %w", err)
		}
	}
	if t.Columns < 1 || t.Columns > maxColumns {
		return fmt.Errorf("columns: %d is not between 1 and %d", t.Columns, maxColumns)
	}
	switch t.Masthead {
	case MastheadDoubleRule, MastheadSingleRule, MastheadNone:
	case MastheadBand:
		band, _ := ParseColor(t.Colors.Band)
		text, _ := ParseColor(s.Masthead.Color)
		if c := Contrast(band, text); c < minBandContrast {
			return fmt.Errorf("masthead: the band %s and its text %s have a contrast of %.1f:1; it needs %.1f:1", t.Colors.Band, s.Masthead.Color, c, minBandContrast)
		}
	default:
		return fmt.Errorf("masthead: %q is not %s, %s, %s or %s", t.Masthead, MastheadDoubleRule, MastheadSingleRule, MastheadBand, MastheadNone)
	}
	for _, f := range []struct{ name, v string }{{"header.left", t.Header.Left}, {"header.right", t.Header.Right},
		{"footer.left", t.Footer.Left}, {"footer.right", t.Footer.Right}} {
		if err := checkTemplate(f.v); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	switch t.Images {
	case ImagesAll, ImagesCaptioned, ImagesNone:
	default:
		return fmt.Errorf("images: %q is not %s, %s or %s", t.Images, ImagesAll, ImagesCaptioned, ImagesNone)
	}
	return nil
}

func (st *TextStyle) validate() error {
	switch st.Font {
	case "serif", "sans", "mono":
	default:
		return fmt.Errorf("font: %q is not serif, sans or mono", st.Font)
	}
	if math.IsNaN(st.Size) || st.Size < minTextSize || st.Size > maxTextSize {
		return fmt.Errorf("size: %g pt is not between %g and %g", st.Size, minTextSize, maxTextSize)
	}
	if math.IsNaN(st.Leading) || st.Leading < st.Size || st.Leading > 3*st.Size {
		return fmt.Errorf("leading: %g pt is not between the size (%g) and three times it", st.Leading, st.Size)
	}
	if _, err := ParseColor(st.Color); err != nil {
		return fmt.Errorf("color: %w", err)
	}
	return nil
}

// ParseColor reads a colour written "#rrggbb".
func ParseColor(s string) (page.Color, error) {
	if len(s) != 7 || s[0] != '#' {
		return page.Color{}, fmt.Errorf("%q is not a colour written #rrggbb", s)
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return page.Color{}, fmt.Errorf("%q is not a colour written #rrggbb", s)
	}
	return page.Color{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v)}, nil
}

// Contrast returns the WCAG contrast ratio of two colours, from 1 (the
// same) to 21 (black on white).
func Contrast(a, b page.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is a colour's relative luminance (WCAG 2).
func luminance(c page.Color) float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// placeholders are the values a header or footer template can name.
var placeholders = []string{"title", "site", "page", "pages", "date", "author"}

// checkTemplate reports an unknown or unclosed placeholder.
func checkTemplate(s string) error {
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return nil
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return fmt.Errorf("%q: a { without its }", s)
		}
		if name := s[i+1 : i+j]; !slices.Contains(placeholders, name) {
			return fmt.Errorf("unknown placeholder {%s}: use {%s}", name, strings.Join(placeholders, "} {"))
		}
		s = s[i+j+1:]
	}
}

// expand fills a template's placeholders from vars. It returns "" when
// the template names placeholders and none of them has a value.
func expand(tmpl string, vars map[string]string) string {
	var b strings.Builder
	named, filled := false, false
	for {
		i := strings.IndexByte(tmpl, '{')
		j := strings.IndexByte(tmpl, '}')
		if i < 0 || j < i {
			b.WriteString(tmpl)
			break
		}
		b.WriteString(tmpl[:i])
		v := vars[tmpl[i+1:j]]
		named = true
		filled = filled || v != ""
		b.WriteString(v)
		tmpl = tmpl[j+1:]
	}
	if named && !filled {
		return ""
	}
	return strings.TrimSpace(b.String())
}
