package theme

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/galleyprint/galley/page"
)

// MaxColumns is the most columns a theme (and the layout's options) may
// set.
const MaxColumns = 4

// Limits of a theme's values.
const (
	minTextSize = 4.0  // pt
	maxTextSize = 96.0 // pt
	maxSpace    = 72.0 // pt
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
	if t.Columns < 1 || t.Columns > MaxColumns {
		return fmt.Errorf("columns: %d is not between 1 and %d", t.Columns, MaxColumns)
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

// Expand fills a template's placeholders from vars. It returns "" when
// the template names placeholders and none of them has a value.
func Expand(tmpl string, vars map[string]string) string {
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
