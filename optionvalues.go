package galley

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/pdf"
	"github.com/galleyprint/galley/theme"
)

// The options that the command line and the service take as text — page
// size, margins, gutter, links, imposition, language, theme — are typed
// values in Options, read from text once by the parsers below, which
// OptionDefs calls when the options are built. Each parser reads "" as the
// zero value, which means the default (or the theme's), and fails with an
// error wrapping ErrInvalidOptions that names the option.

// ParsePageSize reads a page size: a name (A3, A4, A5, B5, Letter, Legal,
// Tabloid; case-insensitive, "-landscape" appended turns it) or WxH with
// a unit (mm, cm, in, pt), e.g. "210x297mm", "8.5x11in". "" is the zero
// size, which prints on A4.
func ParsePageSize(s string) (page.Size, error) {
	if strings.TrimSpace(s) == "" {
		return page.Size{}, nil
	}
	size, err := page.ParseSize(s)
	if err != nil {
		return page.Size{}, fmt.Errorf("%w: %v", ErrInvalidOptions, err)
	}
	return size, nil
}

// ParseMargins reads margins in CSS order with units: one length for all
// sides, two (vertical, horizontal), three (top, horizontal, bottom) or
// four (top, right, bottom, left), separated by commas or spaces; a unit
// given only on the last applies to all, e.g. "20mm", "18mm,22mm",
// "1in 0.8in". "" is the zero margins, which are the theme's.
func ParseMargins(s string) (page.Margins, error) {
	if strings.TrimSpace(s) == "" {
		return page.Margins{}, nil
	}
	m, err := page.ParseMargins(s)
	if err != nil {
		return page.Margins{}, fmt.Errorf("%w: %v", ErrInvalidOptions, err)
	}
	return m, nil
}

// ParseGutter reads the gutter, a length with a unit (mm, cm, in, pt),
// e.g. "8mm". "" is no gutter.
func ParseGutter(s string) (page.Unit, error) {
	if strings.TrimSpace(s) == "" {
		return 0, nil
	}
	g, err := page.ParseLength(s)
	if err != nil || g < 0 {
		return 0, fmt.Errorf("%w: gutter %q is not a length such as 8mm", ErrInvalidOptions, s)
	}
	return g, nil
}

// LinkStyle is how link addresses are printed (Options.Links); the zero
// value, LinksOff, prints the link text alone.
type LinkStyle = layout.LinkStyle

// The link styles.
const (
	LinksOff       = layout.LinksOff       // the link text alone
	LinksInline    = layout.LinksInline    // the address in parentheses after the link text
	LinksFootnotes = layout.LinksFootnotes // a numbered marker, the address at the foot of its page
	LinksEndnotes  = layout.LinksEndnotes  // a numbered marker, the addresses listed at the end
)

// ParseLinks reads a link style: "footnotes", "endnotes", "inline", or
// "off" (or "") for LinksOff.
func ParseLinks(s string) (LinkStyle, error) {
	switch l := LinkStyle(s); l {
	case LinksOff, LinksInline, LinksEndnotes, LinksFootnotes:
		return l, nil
	case "off":
		return LinksOff, nil
	}
	return LinksOff, fmt.Errorf("%w: links %q is not footnotes, endnotes, inline or off", ErrInvalidOptions, s)
}

// PDFProfile is the standard a PDF is written to (Options.PDFProfile).
type PDFProfile = pdf.Profile

// The PDF profiles.
const (
	ProfileA2A   = pdf.ProfileA2A   // PDF/A-2a and PDF/UA-1: archival, tagged, accessible
	ProfileA2U   = pdf.ProfileA2U   // PDF/A-2u: archival, untagged
	ProfilePlain = pdf.ProfilePlain // no standard claimed: the smallest files
	// DefaultPDFProfile is the profile of Options that name none.
	DefaultPDFProfile = pdf.DefaultProfile
)

// ParsePDFProfile reads a PDF profile: "a2a", "a2u", "plain", or "" for
// DefaultPDFProfile.
func ParsePDFProfile(s string) (PDFProfile, error) {
	p, err := pdf.ParseProfile(s)
	if err != nil {
		return "", fmt.Errorf("%w: pdf-profile %q is not a2a, a2u or plain", ErrInvalidOptions, s)
	}
	return p, nil
}

// Imposition is how pages are laid on the sheets that are printed
// (Options.Impose); the zero value, ImposeNone, prints one page a sheet
// side.
type Imposition = layout.Imposition

// The impositions.
const (
	ImposeNone    = layout.ImposeNone    // one page a sheet side
	ImposeTwoUp   = layout.ImposeTwoUp   // two pages a sheet side, in reading order
	ImposeBooklet = layout.ImposeBooklet // two pages a side, ordered to fold and nest the sheets
)

// ParseImposition reads an imposition: "two-up", "booklet", or "" for
// ImposeNone.
func ParseImposition(s string) (Imposition, error) {
	switch i := Imposition(s); i {
	case ImposeNone, ImposeTwoUp, ImposeBooklet:
		return i, nil
	}
	return ImposeNone, fmt.Errorf("%w: imposition %q is not two-up or booklet", ErrInvalidOptions, s)
}

// ThemeName names a built-in theme (Options.Theme): classic, modern,
// large-print or ink-saver (Themes lists them). The zero value is the
// default, classic.
type ThemeName string

// ParseThemeName reads the name of a built-in theme; "" is the default.
// It never reads a file: a theme file is read with LoadTheme and given as
// Options.CustomTheme.
func ParseThemeName(s string) (ThemeName, error) {
	if s == "" {
		return "", nil
	}
	if _, err := ThemeName(s).theme(); err != nil {
		return "", err
	}
	return ThemeName(s), nil
}

// theme returns the built-in theme n names.
func (n ThemeName) theme() (*Theme, error) {
	th, err := theme.Builtin(string(n))
	if n == "" {
		th, err = theme.Builtin(theme.Default)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v (a theme file is read with LoadTheme and given as CustomTheme)", ErrInvalidOptions, err)
	}
	return th, nil
}

// Language is a text's language (Options.Language), a well-formed BCP 47
// tag in canonical form, made by ParseLanguage. The zero value is no
// language: the article's own, else the one its text is guessed to be in.
type Language struct {
	tag   string
	known bool
}

// ParseLanguage reads a BCP 47 language tag ("en-GB", "de", "pt-BR";
// "en_GB" and a POSIX locale such as "en_GB.UTF-8" are read as the tag
// they spell) into its canonical form ("en-GB"). A tag that is not
// well-formed is refused; one that is well-formed but names a language
// or subtag BCP 47 does not know ("zz-ZZ") is kept as given, and Known
// reports false: galley has no hyphenation patterns or quotation marks
// for it. "" is the zero Language.
func ParseLanguage(s string) (Language, error) {
	if s == "" {
		return Language{}, nil
	}
	tag := s
	if i := strings.IndexAny(tag, ".@"); i > 0 { // a POSIX locale's .charset or @modifier
		tag = tag[:i]
	}
	tag = strings.ReplaceAll(tag, "_", "-")
	t, err := language.Parse(tag)
	var unknown language.ValueError
	switch {
	case err == nil:
		return Language{tag: t.String(), known: true}, nil
	case errors.As(err, &unknown):
		return Language{tag: tag}, nil
	}
	return Language{}, fmt.Errorf("%w: lang %q is not a BCP 47 language tag such as en-GB, de or pt-BR", ErrInvalidOptions, s)
}

// MustParseLanguage is ParseLanguage for a tag known to be well-formed,
// such as a constant; it panics on an error.
func MustParseLanguage(s string) Language {
	l, err := ParseLanguage(s)
	if err != nil {
		panic(err)
	}
	return l
}

// String returns the tag in canonical form, "" for the zero Language.
func (l Language) String() string { return l.tag }

// Known reports whether BCP 47 knows every subtag of l.
func (l Language) Known() bool { return l.known }

// MarshalText returns the tag, as String does.
func (l Language) MarshalText() ([]byte, error) { return []byte(l.tag), nil }

// UnmarshalText reads a tag as ParseLanguage does.
func (l *Language) UnmarshalText(text []byte) error {
	v, err := ParseLanguage(string(text))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// setPage sets lo's page, theme, margins, gutter and link style from
// opts, with the defaults filled in (A4, the theme's margins). A caller
// may have set these values without their parsers (a page.Size or a
// LinkStyle is plain data), so they are checked here; nothing is parsed.
func setPage(lo *layout.Options, opts Options) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrInvalidOptions}, args...)...)
	}
	lo.Page = opts.Page
	if lo.Page == (page.Size{}) {
		lo.Page = page.A4
	} else if err := page.CheckSize(lo.Page); err != nil {
		return bad("%v", err)
	}
	var err error
	if lo.Theme, err = themeOption(opts); err != nil {
		return err
	}
	lo.Margins = opts.Margins
	if m := lo.Margins; m == (page.Margins{}) {
		lo.Margins = lo.Theme.PageMargins()
	} else if min(m.Top, m.Right, m.Bottom, m.Left) < 0 {
		return bad("margins %s, %s, %s, %s pt: a margin is negative", m.Top, m.Right, m.Bottom, m.Left)
	}
	if lo.Gutter = opts.Gutter; lo.Gutter < 0 {
		return bad("gutter %s pt is negative", opts.Gutter)
	}
	switch opts.Links {
	case LinksOff, LinksInline, LinksEndnotes, LinksFootnotes:
		lo.Links = opts.Links
	case "off":
		lo.Links = LinksOff
	default:
		return bad("links %q is not footnotes, endnotes, inline or off", opts.Links)
	}
	switch opts.Impose {
	case ImposeNone, ImposeTwoUp, ImposeBooklet:
	default:
		return bad("imposition %q is not two-up or booklet", opts.Impose)
	}
	return nil
}
