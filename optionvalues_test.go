package galley

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/page"
)

// parserCase is one text a parser reads: the value it makes, or the
// message of its error ("" when it reads the text).
type parserCase struct {
	in   string
	want any
	err  string
}

// parsers are the typed options' parsers, each with its cases: the zero
// value (""), values it reads, and values it refuses with today's
// messages, naming the option.
var parsers = []struct {
	name  string
	parse func(string) (any, error)
	cases []parserCase
}{
	{"ParsePageSize", func(s string) (any, error) { return ParsePageSize(s) }, []parserCase{
		{in: "", want: page.Size{}},
		{in: "A5", want: page.A5},
		{in: " letter ", want: page.Letter},
		{in: "A4-landscape", want: page.Size{W: page.A4.H, H: page.A4.W}},
		{in: "210x297mm", want: page.Size{W: page.MM(210), H: page.MM(297)}},
		{in: "8.5x11in", want: page.Letter},
		{in: "Q7", err: `page size "Q7": want a name (A4, A5, Letter, Legal…) or WxH with a unit, e.g. 210x297mm`},
		{in: "210x297", err: `page size "210x297": give a unit (mm, cm, in or pt), e.g. 210x297mm`},
		{in: "10x10mm", err: `page size "10x10mm": sides must be between 144.00 and 2000.00 pt`},
		{in: "axbmm", err: `page size "axbmm": length "amm": not a non-negative number`},
	}},
	{"ParseMargins", func(s string) (any, error) { return ParseMargins(s) }, []parserCase{
		{in: "", want: page.Margins{}},
		{in: "20mm", want: page.Margins{Top: page.MM(20), Right: page.MM(20), Bottom: page.MM(20), Left: page.MM(20)}},
		{in: "18mm,22mm", want: page.Margins{Top: page.MM(18), Right: page.MM(22), Bottom: page.MM(18), Left: page.MM(22)}},
		{in: "1in 0.5in 2in", want: page.Margins{Top: page.Pt(72), Right: page.Pt(36), Bottom: page.Pt(144), Left: page.Pt(36)}},
		{in: "10,20,30,40pt", want: page.Margins{Top: page.Pt(10), Right: page.Pt(20), Bottom: page.Pt(30), Left: page.Pt(40)}},
		{in: "5", err: `margins "5": length "5": give a unit (mm, cm, in or pt)`},
		{in: "1,2,3,4,5mm", err: `margins "1,2,3,4,5mm": want 1 to 4 lengths, e.g. 20mm or 18,22mm`},
		{in: "-3mm", err: `margins "-3mm": length "-3mm": not a non-negative number`},
	}},
	{"ParseGutter", func(s string) (any, error) { return ParseGutter(s) }, []parserCase{
		{in: "", want: page.Unit(0)},
		{in: "8mm", want: page.MM(8)},
		{in: "0.5in", want: page.Pt(36)},
		{in: "8", err: `gutter "8" is not a length such as 8mm`},
		{in: "-2mm", err: `gutter "-2mm" is not a length such as 8mm`},
	}},
	{"ParseLinks", func(s string) (any, error) { return ParseLinks(s) }, []parserCase{
		{in: "", want: LinksOff},
		{in: "off", want: LinksOff},
		{in: "inline", want: LinksInline},
		{in: "footnotes", want: LinksFootnotes},
		{in: "endnotes", want: LinksEndnotes},
		{in: "sidenotes", err: `links "sidenotes" is not footnotes, endnotes, inline or off`},
		{in: "Footnotes", err: `links "Footnotes" is not footnotes, endnotes, inline or off`},
	}},
	{"ParseImposition", func(s string) (any, error) { return ParseImposition(s) }, []parserCase{
		{in: "", want: ImposeNone},
		{in: "two-up", want: ImposeTwoUp},
		{in: "booklet", want: ImposeBooklet},
		{in: "four-up", err: `imposition "four-up" is not two-up or booklet`},
	}},
	{"ParseLanguage", func(s string) (any, error) { return ParseLanguage(s) }, []parserCase{
		{in: "", want: Language{}},
		{in: "de", want: Language{tag: "de", known: true}},
		{in: "EN-gb", want: Language{tag: "en-GB", known: true}},
		{in: "en_GB.UTF-8", want: Language{tag: "en-GB", known: true}},
		{in: "zz-ZZ", want: Language{tag: "zz-ZZ"}},
		{in: "english", err: `lang "english" is not a BCP 47 language tag such as en-GB, de or pt-BR`},
		{in: "../../etc/passwd", err: `lang "../../etc/passwd" is not a BCP 47 language tag such as en-GB, de or pt-BR`},
	}},
	{"ParseThemeName", func(s string) (any, error) { return ParseThemeName(s) }, []parserCase{
		{in: "", want: ThemeName("")},
		{in: "modern", want: ThemeName("modern")},
		{in: "ink-saver", want: ThemeName("ink-saver")},
		{in: "baroque", err: `unknown theme "baroque": the built-in themes are classic, ink-saver, large-print, modern (a theme file is read with LoadTheme and given as CustomTheme)`},
	}},
}

// TestOptionParsers: each typed option's parser reads "" as the zero
// value, reads its values, and refuses others with an error wrapping
// ErrInvalidOptions whose message names the option.
func TestOptionParsers(t *testing.T) {
	for _, p := range parsers {
		for _, c := range p.cases {
			got, err := p.parse(c.in)
			switch {
			case c.err == "" && err != nil:
				t.Errorf("%s(%q): %v", p.name, c.in, err)
			case c.err == "" && got != c.want:
				t.Errorf("%s(%q) = %v, want %v", p.name, c.in, got, c.want)
			case c.err != "" && (!errors.Is(err, ErrInvalidOptions) || err.Error() != ErrInvalidOptions.Error()+": "+c.err):
				t.Errorf("%s(%q): error %v, want ErrInvalidOptions: %s", p.name, c.in, err, c.err)
			case c.err != "" && !reflect.ValueOf(got).IsZero():
				t.Errorf("%s(%q) = %v with an error, want the zero value", p.name, c.in, got)
			}
		}
	}
}

// TestBuildSettingsParsesOnce: an invalid value of a typed option is
// refused when the options are built, on the command line and on the
// service alike, with its parser's message; a valid one is built into the
// typed value its parser makes.
func TestBuildSettingsParsesOnce(t *testing.T) {
	for _, c := range []struct {
		cli, service, bad, good string
		parse                   func(string) (any, error)
		field                   func(Options) any
	}{
		{"page", "page", "Q7", "A5", func(s string) (any, error) { return ParsePageSize(s) }, func(o Options) any { return o.Page }},
		{"margins", "margins", "5", "18mm,22mm", func(s string) (any, error) { return ParseMargins(s) }, func(o Options) any { return o.Margins }},
		{"gutter", "gutter", "8", "8mm", func(s string) (any, error) { return ParseGutter(s) }, func(o Options) any { return o.Gutter }},
		{"lang", "lang", "en GB", "en_GB", func(s string) (any, error) { return ParseLanguage(s) }, func(o Options) any { return o.Language }},
		{"links", "links", "", "footnotes", func(s string) (any, error) { return ParseLinks(s) }, func(o Options) any { return o.Links }},
		{"theme", "theme", "", "large-print", func(s string) (any, error) { return ParseThemeName(s) }, func(o Options) any { return o.Theme }},
	} {
		want, err := c.parse(c.good)
		if err != nil {
			t.Fatal(err)
		}
		var msgs []string
		for _, s := range []struct {
			from Surface
			name string
		}{{CommandLine, c.cli}, {Service, c.service}} {
			set, err := BuildSettings(map[string][]string{s.name: {c.good}}, s.from)
			if err != nil {
				t.Fatalf("%s=%s: %v", s.name, c.good, err)
			}
			if got := c.field(set.Options); got != want {
				t.Errorf("%s=%s built %v, want %v", s.name, c.good, got, want)
			}
			if c.bad == "" {
				continue // a value the definition lists (TestBuildSettingsErrors)
			}
			_, err = BuildSettings(map[string][]string{s.name: {c.bad}}, s.from)
			if !errors.Is(err, ErrInvalidOptions) {
				t.Fatalf("%s=%s: %v, want ErrInvalidOptions", s.name, c.bad, err)
			}
			msgs = append(msgs, err.Error())
		}
		if c.bad == "" {
			continue
		}
		_, perr := c.parse(c.bad)
		if perr == nil || msgs[0] != perr.Error() || msgs[1] != perr.Error() {
			t.Errorf("%s %q: command line says %q, service %q; the parser %v", c.cli, c.bad, msgs[0], msgs[1], perr)
		}
	}
}

// TestOptionsHoldNoText: the options layout receives hold no text to
// parse: no field of Options is a plain string (page sizes, margins and
// lengths are page values, the rest typed names), and the one of
// layout.Options is the language galley made canonical.
func TestOptionsHoldNoText(t *testing.T) {
	text := reflect.TypeFor[string]()
	for _, typ := range []reflect.Type{reflect.TypeFor[Options](), reflect.TypeFor[layout.Options]()} {
		for i := range typ.NumField() {
			f := typ.Field(i)
			if f.Type == text && !(typ == reflect.TypeFor[layout.Options]() && f.Name == "Language") {
				t.Errorf("%s.%s is a string, parsed when it is used", typ, f.Name)
			}
		}
	}
}

// TestTypedValuesChecked: typed values a caller sets without their
// parsers are checked by Options.Check, with messages naming the option;
// the zero value of each is valid and means the default.
func TestTypedValuesChecked(t *testing.T) {
	lo, err := layoutOptions(&article.Article{}, Options{Links: "off"})
	if err != nil {
		t.Fatalf("zero Options: %v", err)
	}
	classic, err := BuiltinTheme("classic")
	if err != nil {
		t.Fatal(err)
	}
	if lo.Page != page.A4 || lo.Margins != classic.PageMargins() || lo.Gutter != 0 || lo.Links != layout.LinksOff ||
		lo.Language != "" || lo.Theme.Name != "classic" {
		t.Errorf("zero Options: page %v, margins %v, gutter %v, links %q, language %q, theme %s; want A4 and the classic theme's, none",
			lo.Page, lo.Margins, lo.Gutter, lo.Links, lo.Language, lo.Theme.Name)
	}
	for _, c := range []struct {
		opts Options
		want string
	}{
		{Options{Page: page.Size{W: page.Pt(100), H: page.Pt(100)}}, "page size 100.00x100.00pt: sides must be between 144.00 and 2000.00 pt"},
		{Options{Page: page.Size{W: page.A4.W}}, "page size 595.28x0.00pt: sides must be between 144.00 and 2000.00 pt"},
		{Options{Margins: page.Margins{Top: -page.Point}}, "margins -1.00, 0.00, 0.00, 0.00 pt: a margin is negative"},
		{Options{Gutter: -page.Point}, "gutter -1.00 pt is negative"},
		{Options{Links: "sidenotes"}, `links "sidenotes" is not footnotes, endnotes, inline or off`},
		{Options{Impose: "four-up"}, `imposition "four-up" is not two-up or booklet`},
		{Options{Theme: "baroque"}, `unknown theme "baroque": the built-in themes are classic`},
	} {
		if err := c.opts.Check(); !errors.Is(err, ErrInvalidOptions) || !strings.HasPrefix(err.Error(), ErrInvalidOptions.Error()+": "+c.want) {
			t.Errorf("%+v: %v, want ErrInvalidOptions: %s", c.opts, err, c.want)
		}
	}
}

// TestLanguageText: a Language is its canonical tag as text (and so in
// the options' JSON form, which batch hashes), and reads back the same.
func TestLanguageText(t *testing.T) {
	for _, tag := range []string{"", "de", "en_GB", "zz-ZZ"} {
		l, err := ParseLanguage(tag)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(Options{Language: l})
		if err != nil {
			t.Fatal(err)
		}
		var back Options
		if err := json.Unmarshal(b, &back); err != nil || back.Language != l {
			t.Errorf("%q: %s reads back as %q (%v)", tag, b, back.Language, err)
		}
	}
	var l Language
	if err := l.UnmarshalText([]byte("en GB")); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("UnmarshalText(en GB): %v, want ErrInvalidOptions", err)
	}
	defer func() {
		if recover() == nil {
			t.Error("MustParseLanguage(en GB) did not panic")
		}
	}()
	MustParseLanguage("en GB")
}
