package galley

import (
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/galleyprint/galley/parse"
	"github.com/galleyprint/galley/theme"
)

// OptionKind is the type of a print option's value.
type OptionKind uint8

// The kinds of option values.
const (
	KindString OptionKind = iota
	KindBool
	KindInt
	KindFloat
	KindList // a string that may be given several times
)

// String names the kind as the OpenAPI schema does.
func (k OptionKind) String() string {
	return [...]string{"string", "boolean", "integer", "number", "array"}[k]
}

// OptionDef defines one print option: its names, type, default and help,
// the surfaces that offer it, and how it sets Settings. OptionDefs is the
// one definition of every print option: the CLI's flags, the service's
// query parameters and JSON options, their validation, their rows in
// docs/http-api.md and their OpenAPI schema all derive from it.
type OptionDef struct {
	// Name is the CLI flag's name (--name).
	Name string
	// Service is the option's name in the service's query string and JSON
	// options; "" when the service does not offer it (see CLIOnly).
	Service string
	Kind    OptionKind
	// Default is the value an option not given takes, as text.
	Default string
	// Help is the option's one-line description.
	Help string
	// ServiceHelp, when set, is what the service's documentation says
	// instead of Help.
	ServiceHelp string
	// Values, when set, are the values the option takes; with FileOK,
	// the command line takes a file's path too (a theme file).
	Values []string
	FileOK bool
	// Min and Max bound a number, when Max is above Min; 0 may also mean
	// "the theme's" (ZeroOK).
	Min, Max float64
	ZeroOK   bool
	// Example is a valid value other than the default, for tests and
	// documentation.
	Example string
	// CLIOnly says why the service does not offer the option.
	CLIOnly string

	set func(b *builder, v value) error
}

// value is an option's value, parsed by its kind.
type value struct {
	s string
	b bool
	i int
	f float64
}

// Surface is where options are given.
type Surface uint8

// The surfaces.
const (
	// CommandLine options may read files: a theme file, fonts.
	CommandLine Surface = iota
	// Service options never make galley read a file.
	Service
)

// Settings are print options built from OptionDefs: the Options, and
// where images may come from (each input's folder is the caller's to
// set).
type Settings struct {
	Options Options
	Images  ImageSources
	Extract Extraction // for ParseOptions (Extraction.Apply)
}

// builder gathers the options that several defs set together.
type builder struct {
	Settings
	from                Surface
	fontFiles, fontDirs []string
	installed           bool
}

// OptionDefs lists every print option.
//
//go:generate go test -run TestOptionDocs -update .
var OptionDefs = []OptionDef{
	{Name: "page", Service: "page", Default: "A4", Example: "Letter",
		Help: "page size: A4, A5, Letter, Legal, or WxH with a unit (210x297mm, 8.5x11in)",
		set: func(b *builder, v value) (err error) {
			b.Options.Page, err = ParsePageSize(v.s)
			return err
		}},
	{Name: "theme", Service: "theme", Example: "modern", Values: theme.Names(), FileOK: true,
		Help:        "the page's look: classic (default), modern, large-print, ink-saver, or a theme file (see galley themes)",
		ServiceHelp: "the page's look, a built-in theme: classic (default), modern, large-print or ink-saver; theme files are refused: the service never reads a file a request names",
		set:         setTheme},
	{Name: "margins", Service: "margins", Example: "18mm,22mm",
		Help: "page margins, CSS order with units, e.g. 20mm or 18mm,22mm (default: the theme's)",
		set: func(b *builder, v value) (err error) {
			b.Options.Margins, err = ParseMargins(v.s)
			return err
		}},
	{Name: "date", Service: "date", Example: "2024-03-01",
		Help:        "PDF creation date, YYYY-MM-DD or RFC 3339, from " + DateRange + " (default: $SOURCE_DATE_EPOCH, else the article's date)",
		ServiceHelp: "the PDF's creation date, YYYY-MM-DD or RFC 3339, from " + DateRange + " (0001-01-01 means no date and is refused); default the article's own date",
		set: func(b *builder, v value) (err error) {
			b.Options.Date, err = ParseDate(v.s)
			return err
		}},
	{Name: "offline", Service: "offline", Kind: KindBool, Example: "true",
		Help: "never use the network: remote images print as their captions",
		set:  func(b *builder, v value) error { b.Images.Remote = !v.b; return nil }},
	{Name: "allow-outside", Kind: KindBool, Example: "true",
		Help:    "let image paths leave the input's folder",
		CLIOnly: "a request's images never read the service machine's files",
		set:     func(b *builder, v value) error { b.Images.AllowOutside = v.b; return nil }},
	{Name: "no-images", Service: "no_images", Kind: KindBool, Example: "true",
		Help: "print figures as their captions, without images",
		set:  func(b *builder, v value) error { b.Options.NoImages = v.b; return nil }},
	{Name: "grayscale", Service: "grayscale", Kind: KindBool, Example: "true",
		Help: "print images in shades of grey",
		set:  func(b *builder, v value) error { b.Options.Grayscale = v.b; return nil }},
	{Name: "image-dpi", Service: "dpi", Kind: KindFloat, Default: "200", Max: 1200, Example: "150",
		Help: "downsample images to this resolution at their printed size",
		set:  func(b *builder, v value) error { b.Options.ImageDPI = v.f; return nil }},
	{Name: "font", Kind: KindList, Example: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
		Help:    "a TrueType file for characters the embedded fonts lack (repeatable)",
		CLIOnly: "fonts are files on the printing machine, and a request never names a file the service reads",
		set: func(b *builder, v value) error {
			if st, err := os.Stat(v.s); err == nil && st.IsDir() {
				return fmt.Errorf("--font %s: a folder; use --font-dir", v.s)
			}
			b.fontFiles = append(b.fontFiles, v.s)
			return nil
		}},
	{Name: "font-dir", Kind: KindList, Example: "/usr/share/fonts/truetype/dejavu",
		Help:    "a folder of TrueType files for characters the embedded fonts lack (repeatable)",
		CLIOnly: "fonts are files on the printing machine, and a request never names a file the service reads",
		set: func(b *builder, v value) error {
			if st, err := os.Stat(v.s); err != nil || !st.IsDir() {
				return fmt.Errorf("--font-dir %s: not a folder", v.s)
			}
			b.fontDirs = append(b.fontDirs, v.s)
			return nil
		}},
	{Name: "installed-fonts", Kind: KindBool, Default: "true", Example: "false",
		Help:    "take characters the embedded fonts, --font and --font-dir lack from the fonts installed on this machine",
		CLIOnly: "the service's fonts are its operator's: it always uses those installed on its machine",
		set:     func(b *builder, v value) error { b.installed = v.b; return nil }},
	{Name: "font-size", Service: "font_size", Kind: KindFloat, Min: 5, Max: 72, ZeroOK: true, Example: "12",
		Help: "body text size in points; everything else scales with it (default: the theme's, 11 in classic)",
		set:  func(b *builder, v value) error { b.Options.FontSize = v.f; return nil }},
	{Name: "line-height", Service: "line_height", Kind: KindFloat, Min: 1, Max: 3, ZeroOK: true, Example: "1.5",
		Help: "body leading as a multiple of the size, e.g. 1.5 (default about 1.4)",
		set:  func(b *builder, v value) error { b.Options.LineHeight = v.f; return nil }},
	{Name: "no-header", Service: "no_header", Kind: KindBool, Example: "true",
		Help: "leave out the running head",
		set:  func(b *builder, v value) error { b.Options.NoHeader = v.b; return nil }},
	{Name: "no-footer", Service: "no_footer", Kind: KindBool, Example: "true",
		Help: "leave out the footer and its page numbers",
		set:  func(b *builder, v value) error { b.Options.NoFooter = v.b; return nil }},
	{Name: "columns", Service: "columns", Kind: KindInt, Min: 1, Max: 3, ZeroOK: true, Example: "2",
		Help: "set the body in 1, 2 or 3 columns (default: the theme's, 1 in classic)",
		set:  func(b *builder, v value) error { b.Options.Columns = v.i; return nil }},
	{Name: "mirror", Service: "mirror", Kind: KindBool, Example: "true",
		Help: "mirrored margins for both-sides printing: the left margin is the inside one",
		set:  func(b *builder, v value) error { b.Options.Mirror = v.b; return nil }},
	{Name: "gutter", Service: "gutter", Example: "8mm",
		Help: "extra inside margin for the binding, e.g. 8mm",
		set: func(b *builder, v value) (err error) {
			b.Options.Gutter, err = ParseGutter(v.s)
			return err
		}},
	{Name: "links", Service: "links", Default: "off", Example: "footnotes",
		Values: []string{string(LinksFootnotes), string(LinksEndnotes), string(LinksInline), "off"},
		Help:   "print link addresses: footnotes, endnotes, inline or off",
		set: func(b *builder, v value) (err error) {
			b.Options.Links, err = ParseLinks(v.s)
			return err
		}},
	{Name: "pdf-profile", Service: "pdf_profile", Default: string(DefaultPDFProfile), Example: string(ProfilePlain),
		Values: []string{string(ProfileA2A), string(ProfileA2U), string(ProfilePlain)},
		Help:   "the PDF's standard: a2a (PDF/A-2a and PDF/UA-1, tagged), a2u (PDF/A-2u) or plain (smallest)",
		set: func(b *builder, v value) (err error) {
			b.Options.PDFProfile, err = ParsePDFProfile(v.s)
			return err
		}},
	{Name: "qr", Service: "qr", Kind: KindBool, Example: "true",
		Help: "print a QR code of the article's URL on its first page (a warning when it has none)",
		set:  func(b *builder, v value) error { b.Options.QR = v.b; return nil }},
	{Name: "two-up", Service: "two_up", Kind: KindBool, Example: "true",
		Help: "two pages side by side on each sheet (A5 pages on A4 sheets)",
		set:  func(b *builder, v value) error { return b.impose(v.b, ImposeTwoUp) }},
	{Name: "booklet", Service: "booklet", Kind: KindBool, Example: "true",
		Help: "booklet imposition: print both sides, fold and nest the sheets (A5 pages on A4 sheets)",
		set:  func(b *builder, v value) error { return b.impose(v.b, ImposeBooklet) }},
	{Name: "drop-cap", Service: "drop_cap", Kind: KindBool, Example: "true",
		Help: "set the first letter of the first paragraph as a two-line drop cap",
		set:  func(b *builder, v value) error { b.Options.DropCap = v.b; return nil }},
	{Name: "smart-quotes", Service: "smart_quotes", Kind: KindBool, Example: "true",
		Help: "typographic quotes, apostrophes and dashes for straight quotes, -- and ---",
		set:  func(b *builder, v value) error { b.Options.SmartQuotes = v.b; return nil }},
	{Name: "max-pages", Kind: KindInt, Default: "1000", Example: "50",
		Help:    "most pages an article may print; one that needs more fails early (0: no limit)",
		CLIOnly: "the service's page limit is its operator's: galley serve --max-pages",
		set: func(b *builder, v value) error {
			if v.i < 0 {
				return fmt.Errorf("--max-pages %d: want 0 (no limit) or more", v.i)
			}
			b.Options.MaxPages = v.i
			return nil
		}},
	{Name: "lang", Service: "lang", Example: "de",
		Help:        "the text's language for hyphenation and quotes, a BCP 47 tag such as en-GB or de (default: the article's, else guessed)",
		ServiceHelp: "the text's language for hyphenation and quotes, a well-formed BCP 47 tag such as en-GB or de (default: the article's, else guessed); a tag galley has no patterns for is set without hyphenation",
		set: func(b *builder, v value) (err error) {
			b.Options.Language, err = ParseLanguage(v.s)
			return err
		}},
	{Name: "remove", Service: "remove", Kind: KindList, Example: "aside.newsletter",
		Help:        "a CSS selector of elements to take out of an HTML page before its article is extracted (repeatable)",
		ServiceHelp: "CSS selectors of elements to take out of an HTML page (a body or a fetched URL) before its article is extracted: repeat the query parameter, or give a JSON string or array",
		set:         func(b *builder, v value) error { return b.selector(&b.Extract.Remove, "remove", v.s) }},
	{Name: "keep", Service: "keep", Kind: KindList, Example: ".factbox",
		Help:        "a CSS selector of elements of an HTML page to print in the article, where they stand in the page, whatever extraction makes of them (repeatable; --remove wins)",
		ServiceHelp: "CSS selectors of elements of an HTML page to print in the article, where they stand in the page, whatever extraction makes of them (remove wins): repeat the query parameter, or give a JSON string or array",
		set:         func(b *builder, v value) error { return b.selector(&b.Extract.Keep, "keep", v.s) }},
	{Name: "sites", Example: "testdata/sites",
		Help:    "a folder of site rules, TOML files of hosts and their remove and keep selectors (docs/site-rules.md; default ~/.config/galley/sites)",
		CLIOnly: "site rules are files on the printing machine, and a request never names a file the service reads",
		set: func(b *builder, v value) (err error) {
			b.Extract.Sites, err = LoadSiteRules(v.s)
			return err
		}},
}

// selector adds a CSS selector to list, refusing one galley cannot use
// and more than parse.MaxSelectors.
func (b *builder) selector(list *[]string, name, sel string) error {
	spelled := map[Surface]string{CommandLine: "--" + name, Service: name}[b.from]
	if len(b.Extract.Remove)+len(b.Extract.Keep) >= parse.MaxSelectors {
		return fmt.Errorf("%w: %s: more than %d selectors", ErrInvalidOptions, spelled, parse.MaxSelectors)
	}
	if err := parse.CheckSelector(spelled, sel); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidOptions, err)
	}
	*list = append(*list, sel)
	return nil
}

// setTheme takes a built-in's name; on the command line, else a theme
// file, read once, here.
func setTheme(b *builder, v value) error {
	name, err := ParseThemeName(v.s)
	if err == nil || b.from != CommandLine {
		b.Options.Theme = name
		return err // refusing a name, it lists the built-ins
	}
	th, err := LoadTheme(v.s)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidOptions, err)
	}
	b.Options.CustomTheme = th
	return nil
}

// impose sets an imposition; two exclude each other.
func (b *builder) impose(on bool, how Imposition) error {
	switch {
	case !on:
	case b.Options.Impose != "" && b.Options.Impose != how:
		if b.from == Service {
			return fmt.Errorf("%w: two_up and booklet exclude each other", ErrInvalidOptions)
		}
		return fmt.Errorf("%w: --two-up and --booklet exclude each other", ErrInvalidOptions)
	default:
		b.Options.Impose = how
	}
	return nil
}

// LookupOption returns the definition of the option a surface calls name.
func LookupOption(name string, from Surface) (OptionDef, bool) {
	for _, d := range OptionDefs {
		if from == CommandLine && d.Name == name || from == Service && d.Service == name && name != "" {
			return d, true
		}
	}
	return OptionDef{}, false
}

// Offered reports whether a surface offers the option.
func (d OptionDef) Offered(from Surface) bool { return from == CommandLine || d.Service != "" }

// Spelled is the option's name as a surface writes it in messages:
// --name on the command line, name= on the service.
func (d OptionDef) Spelled(from Surface) string {
	if from == CommandLine {
		return "--" + d.Name
	}
	return d.Service
}

// parse reads text as the option's kind and checks it against the
// option's values and range.
func (d OptionDef) parse(text string, from Surface) (value, error) {
	v := value{s: text}
	bad := func(want string) (value, error) {
		return value{}, fmt.Errorf("%w: %s %q: %s", ErrInvalidOptions, d.Spelled(from), text, want)
	}
	var err error
	switch d.Kind {
	case KindBool:
		if v.b, err = strconv.ParseBool(text); err != nil {
			return bad("want true or false")
		}
	case KindInt:
		if v.i, err = strconv.Atoi(text); err != nil {
			return bad("not a whole number")
		}
		v.f = float64(v.i)
	case KindFloat:
		if v.f, err = strconv.ParseFloat(text, 64); err != nil || math.IsNaN(v.f) || math.IsInf(v.f, 0) {
			return bad("not a number")
		}
	}
	if d.Max > d.Min && (d.Kind == KindInt || d.Kind == KindFloat) && !(d.ZeroOK && v.f == 0) && (v.f < d.Min || v.f > d.Max) {
		return bad(fmt.Sprintf("want %g to %g%s", d.Min, d.Max, map[bool]string{true: " (0: the default)"}[d.ZeroOK]))
	}
	switch {
	case len(d.Values) == 0 || contains(d.Values, text) || d.FileOK && from == CommandLine:
	case d.FileOK:
		return bad("want a built-in: " + strings.Join(d.Values, ", ") + " (files are read on the command line only)")
	default:
		return bad("want " + strings.Join(d.Values, ", "))
	}
	return v, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// BuildSettings builds print settings from options given as text by the
// names a surface calls them, each option's values in the order given;
// options not given take their defaults. Each value is parsed once, here:
// a theme file (on the command line) is read, fonts are found, and the
// result is checked as Options.Check does. An option the surface does not
// offer, or a value it cannot use, fails with an error wrapping
// ErrInvalidOptions that names it as the surface spells it. Command-line
// images come from files (the caller sets each input's folder) and the web
// unless --offline; a service's from the web alone.
func BuildSettings(given map[string][]string, from Surface) (Settings, error) {
	b := &builder{from: from}
	b.Images = ImageSources{Local: from == CommandLine, Remote: true}
	for name := range given {
		if d, ok := LookupOption(name, from); !ok || !d.Offered(from) {
			return Settings{}, fmt.Errorf("%w: unknown option %q", ErrInvalidOptions, name)
		}
	}
	for _, d := range OptionDefs {
		if !d.Offered(from) {
			continue
		}
		name := d.Name
		if from == Service {
			name = d.Service
		}
		texts, ok := given[name]
		if !ok && d.Default != "" {
			texts = []string{d.Default}
		}
		for _, text := range texts {
			v, err := d.parse(text, from)
			if err != nil {
				return Settings{}, err
			}
			if err := d.set(b, v); err != nil {
				if !errors.Is(err, ErrInvalidOptions) {
					err = fmt.Errorf("%w: %v", ErrInvalidOptions, err)
				}
				return Settings{}, err
			}
		}
	}
	if from == CommandLine {
		fonts, err := NewFonts(append(append([]string{}, b.fontFiles...), b.fontDirs...), b.installed)
		if err != nil {
			return Settings{}, err
		}
		b.Options.Fonts = fonts
	}
	if err := b.Options.Check(); err != nil {
		return Settings{}, err
	}
	return b.Settings, nil
}
