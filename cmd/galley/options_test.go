package main

import (
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/galleyprint/galley"
)

// commandFlags are the flags of export, preview and batch that are not
// print options, each with the reason it is not one.
var commandFlags = map[string]string{
	"help":       "cobra's",
	"output":     "where the command writes",
	"format":     "how the input is read, not how it prints",
	"quiet":      "what the command tells its user",
	"max-input":  "how much input is read, not how it prints",
	"dpi":        "preview: the images' resolution (the service's preview_dpi)",
	"pages":      "preview: which pages are drawn (the service's preview_page)",
	"jobs":       "batch: how the run is shared out",
	"shard":      "batch: how the run is shared out",
	"force":      "batch: what the run redoes",
	"fail-fast":  "batch: when the run stops",
	"book":       "batch: the book file",
	"book-only":  "batch: the book file",
	"title":      "batch: the book's title",
	"sort":       "batch: the book's order",
	"recto":      "batch: the book's page order",
	"drafts":     "batch: which files of a folder are posts",
	"live":       "batch: where a web archive's images come from",
	"cpuprofile": "galley's own: a hidden profiling flag",
	"base-url":   "how the input is read: the address of a page from a file or standard input",
	"header":     "how pages are fetched, not how they print; the service forwards no reader's credentials (docs/http-api.md)",
	"cookie":     "how pages are fetched, not how they print; the service forwards no reader's credentials (docs/http-api.md)",
	"cookie-jar": "how pages are fetched, a file; the service forwards no reader's credentials (docs/http-api.md)",
	"user-agent": "how pages are fetched, not how they print",
}

// TestPrintFlagsAreOptionDefs: export, preview and batch take every print
// option of galley.OptionDefs as a flag of its name, kind, default and
// help; and every other flag they have is a command flag with a reason.
func TestPrintFlagsAreOptionDefs(t *testing.T) {
	root := newRootCmd(&env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard})
	for _, name := range []string{"export", "preview", "batch"} {
		t.Run(name, func(t *testing.T) {
			cmd, _, err := root.Find([]string{name})
			if err != nil {
				t.Fatal(err)
			}
			cmd.InitDefaultHelpFlag()
			flags := cmd.Flags()
			for _, d := range galley.OptionDefs {
				f := flags.Lookup(d.Name)
				if f == nil {
					t.Errorf("no --%s", d.Name)
					continue
				}
				def := d.Default
				if def == "" && d.Kind == galley.KindBool {
					def = "false"
				}
				if f.Usage != d.Help || f.DefValue != def {
					t.Errorf("--%s: usage %q, default %q; want %q, %q", d.Name, f.Usage, f.DefValue, d.Help, def)
				}
				if (d.Kind == galley.KindBool) != (f.NoOptDefVal == "true") {
					t.Errorf("--%s: NoOptDefVal %q for a %s", d.Name, f.NoOptDefVal, d.Kind)
				}
			}
			flags.VisitAll(func(f *pflag.Flag) {
				if _, ok := galley.LookupOption(f.Name, galley.CommandLine); !ok && commandFlags[f.Name] == "" {
					t.Errorf("--%s is neither a print option (galley.OptionDefs) nor a command flag with a reason", f.Name)
				}
			})
		})
	}
}

// TestPrintFlagsBuild: each print flag given on the command line reaches
// the options it builds.
func TestPrintFlagsBuild(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // no user's site rules
	o := &exportOptions{}
	fs := pflag.NewFlagSet("export", pflag.ContinueOnError)
	o.addPrintFlags(fs)
	base, err := o.printOptions()
	if err != nil {
		t.Fatal(err)
	}
	baseImages, baseExtract := o.images, o.extract
	for _, d := range galley.OptionDefs {
		if d.Kind == galley.KindList {
			continue // files: TestPrintFlagFonts
		}
		t.Run(d.Name, func(t *testing.T) {
			o := &exportOptions{}
			fs := pflag.NewFlagSet("export", pflag.ContinueOnError)
			o.addPrintFlags(fs)
			example := d.Example
			if d.Name == "sites" {
				example = filepath.Join("..", "..", example) // the repository's
			}
			if err := fs.Parse([]string{"--" + d.Name + "=" + example}); err != nil {
				t.Fatal(err)
			}
			opts, err := o.printOptions()
			if err != nil {
				t.Fatal(err)
			}
			if sameOptions(opts, base) && o.images == baseImages && reflect.DeepEqual(o.extract, baseExtract) {
				t.Errorf("--%s=%s changes no option", d.Name, d.Example)
			}
		})
	}
}

// sameOptions compares options whose fonts and themes are compared by
// what they hold.
func sameOptions(a, b galley.Options) bool {
	if a.Fonts.Installed() != b.Fonts.Installed() || strings.Join(a.Fonts.Paths(), ",") != strings.Join(b.Fonts.Paths(), ",") ||
		(a.CustomTheme == nil) != (b.CustomTheme == nil) {
		return false
	}
	a.Fonts, b.Fonts, a.CustomTheme, b.CustomTheme = nil, nil, nil, nil
	return a == b
}

// TestTypedFlagErrors: a typed option's bad value is a usage error,
// before any input is read, with its parser's message: the one the
// service gives.
func TestTypedFlagErrors(t *testing.T) {
	for _, c := range []struct {
		name, bad string
		parse     func(string) error
	}{
		{"page", "B99", func(s string) error { _, err := galley.ParsePageSize(s); return err }},
		{"margins", "5", func(s string) error { _, err := galley.ParseMargins(s); return err }},
		{"gutter", "wide", func(s string) error { _, err := galley.ParseGutter(s); return err }},
		{"lang", "en GB", func(s string) error { _, err := galley.ParseLanguage(s); return err }},
	} {
		perr := c.parse(c.bad)
		if perr == nil {
			t.Fatalf("--%s %q: the parser takes it", c.name, c.bad)
		}
		var stderr strings.Builder
		out := filepath.Join(t.TempDir(), "out.pdf")
		code := run([]string{"export", "--" + c.name + "=" + c.bad, "-o", out, "no-such-input.md"}, strings.NewReader(""), io.Discard, &stderr)
		if code != exitUsage || !strings.HasPrefix(stderr.String(), "galley: "+perr.Error()+"\n") {
			t.Errorf("--%s=%q: exit %d, %q; want %d and %q", c.name, c.bad, code, stderr.String(), exitUsage, perr)
		}
	}
}
