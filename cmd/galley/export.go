package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/atomicfile"
)

// exportOptions are the flags of galley export: the print options of
// galley.OptionDefs as given, and the command's own.
type exportOptions struct {
	output      string
	format      string
	quiet       bool
	maxInput    byteSize
	maxInputSet bool // --max-input given: it bounds fetched pages too

	given   map[string][]string // the print options given, by flag name
	offline bool                // --offline, once the options are built
	images  galley.ImageSources // where images may come from, once built
	extract galley.Extraction   // --remove, --keep, site rules, once built
	fetch   fetchFlags
	client  *http.Client // fetches pages and images with the fetch flags; nil: the default
}

// reading is how the options read inputs.
func (o *exportOptions) reading() reading {
	rd := reading{format: o.format, offline: o.offline, quiet: o.quiet, maxInput: int64(o.maxInput),
		extract: o.extract, baseURL: o.fetch.baseURL, client: o.client}
	if o.maxInputSet {
		rd.maxFetch = rd.maxInput
	}
	return rd
}

func newExportCmd(e *env) *cobra.Command {
	o := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export IN...",
		Short: "Print articles to PDF",
		Long: "export prints each input as PDF, an article a file.\n\n" +
			"Reads: each IN, a file, an http(s) URL or - for standard input, in any input\n" +
			"format (galley --help lists them). A JSON Lines file, a feed or a WARC archive\n" +
			"gives an article per line, entry or HTML page; link-only feed entries are\n" +
			"fetched unless --offline. Images come from the input's folder (never outside it\n" +
			"unless --allow-outside), data: URIs and the web (not with --offline).\n\n" +
			"Writes: a PDF per article. With one article, -o names the PDF (or a folder to\n" +
			"put it in, or - for standard output); by default it goes into the current\n" +
			"folder, named after the title. With several articles, -o is a folder. A PDF is\n" +
			"written whole or not at all: a failed export leaves no file behind. Warnings\n" +
			"go to standard error. For a large archive, galley batch prints in parallel,\n" +
			"skips what is unchanged and keeps a manifest.",
		Example: "  galley export story.html                       # ./<title>.pdf\n" +
			"  galley export https://example.com/news/story -o story.pdf\n" +
			"  galley export post.md notes.txt -o out/        # a PDF each in out/\n" +
			"  galley export feed.xml -o out/ --offline       # a PDF per entry with its full text\n" +
			"  cat story.txt | galley export - -o - > story.pdf",
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.maxInputSet = cmd.Flags().Changed("max-input")
			return o.run(cmd.Context(), e, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "", "output PDF file, folder, or - for standard output")
	f.StringVar(&o.format, "format", "", formatUsage())
	o.addPrintFlags(f)
	addFetchFlags(f, &o.fetch, true)
	f.BoolVarP(&o.quiet, "quiet", "q", false, "print no warnings")
	return cmd
}

func (o *exportOptions) run(ctx context.Context, e *env, inputs []string) error {
	if ctx == nil {
		ctx = context.Background()
	}
	opts, err := o.printOptions()
	if err != nil {
		return err
	}
	if o.client, err = o.fetch.client(inputs); err != nil {
		return usageError{err}
	}

	failed := false
	var srcs []*source
	count := 0
	for _, in := range inputs {
		s, err := readSource(ctx, e, in, o.reading())
		if err != nil {
			fmt.Fprintln(e.stderr, err)
			failed = true
			continue
		}
		srcs = append(srcs, s)
		count += s.count()
	}
	if count > 0 {
		// several inputs, or one with several articles, go into a folder,
		// whether or not some of them failed to parse
		names, err := o.newNamer(len(inputs) > 1 || count > 1, count)
		if err != nil {
			return usageError{err}
		}
		for _, s := range srcs {
			err := s.each(ctx, func(p piece) error {
				if p.err != nil {
					fmt.Fprintf(e.stderr, "%s: %v\n", displayName(p.name), p.err)
					failed = true
					return nil
				}
				dest, err := names.next(p.art.Title, p.name)
				if err != nil {
					return usageError{err}
				}
				opts.Logger = newLogger(e.stderr, displayName(p.name), o.quiet)
				opts.Images = galley.NewImageLoader(o.imageSources(p.baseDir))
				if p.images != nil { // a web archive's page: its images from the archive
					opts.Images = p.images
				}
				if err := o.exportOne(ctx, e, p.art, dest, opts); err != nil {
					fmt.Fprintf(e.stderr, "%s: %v\n", displayName(p.name), err)
					failed = true
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
	}
	if failed {
		return errFailed
	}
	return nil
}

// addPrintFlags adds the print options of galley.OptionDefs as flags,
// with their names, defaults and help; export, preview and batch share
// them.
func (o *exportOptions) addPrintFlags(f *pflag.FlagSet) {
	o.given = map[string][]string{}
	for _, d := range galley.OptionDefs {
		fl := f.VarPF(&optionFlag{def: d, given: o.given}, d.Name, "", d.Help)
		fl.DefValue = d.Default
		if d.Kind == galley.KindBool {
			fl.NoOptDefVal = "true"
			if d.Default == "" {
				fl.DefValue = "false"
			}
		}
	}
	addMaxInputFlag(f, &o.maxInput)
}

// optionFlag is a print option's flag: what it is given goes into given,
// to be parsed with the others by galley.BuildSettings.
type optionFlag struct {
	def   galley.OptionDef
	given map[string][]string
}

func (f *optionFlag) String() string {
	if v := f.given[f.def.Name]; len(v) > 0 {
		return strings.Join(v, ",")
	}
	return f.def.Default
}

func (f *optionFlag) Set(s string) error {
	if f.def.Kind == galley.KindList {
		f.given[f.def.Name] = append(f.given[f.def.Name], s)
	} else {
		f.given[f.def.Name] = []string{s}
	}
	return nil
}

func (f *optionFlag) Type() string {
	switch f.def.Kind {
	case galley.KindBool:
		return "bool"
	case galley.KindInt:
		return "int"
	case galley.KindFloat:
		return "float64"
	case galley.KindList:
		return "stringArray"
	}
	return "string"
}

// printOptions builds the print flags into galley.Options, checked before
// any input is read; a bad value is a usage error.
func (o *exportOptions) printOptions() (galley.Options, error) {
	defaultSites(o.given)
	set, err := galley.BuildSettings(o.given, galley.CommandLine)
	if err != nil {
		return galley.Options{}, usageError{err}
	}
	if _, ok := o.given["date"]; !ok {
		if set.Options.Date, err = creationDate(); err != nil {
			return galley.Options{}, usageError{err}
		}
	}
	o.images, o.offline, o.extract = set.Images, !set.Images.Remote, set.Extract
	return set.Options, nil
}

// defaultSites takes the site rules of the user's configuration folder
// (galley.DefaultSitesDir) when --sites is not given and the folder
// exists.
func defaultSites(given map[string][]string) {
	if _, ok := given["sites"]; ok {
		return
	}
	if dir := galley.DefaultSitesDir(); dir != "" && isDir(dir) {
		given["sites"] = []string{dir}
	}
}

// addExtractFlags adds the print options that change what is taken from
// a page (--remove, --keep, --sites) to a command that does not print
// (inspect).
func addExtractFlags(f *pflag.FlagSet, given map[string][]string) {
	for _, d := range galley.OptionDefs {
		if d.Name == "remove" || d.Name == "keep" || d.Name == "sites" {
			f.VarP(&optionFlag{def: d, given: given}, d.Name, "", d.Help)
		}
	}
}

// extraction builds the options addExtractFlags added.
func extraction(given map[string][]string) (galley.Extraction, error) {
	defaultSites(given)
	set, err := galley.BuildSettings(given, galley.CommandLine)
	if err != nil {
		return galley.Extraction{}, usageError{err}
	}
	return set.Extract, nil
}

// imageSources are where the flags let an article's images come from:
// files under dir, the input's folder ("" for an input from the web:
// none), and the web unless --offline.
func (o *exportOptions) imageSources(dir string) galley.ImageSources {
	src := o.images
	src.Dir, src.Client = dir, o.client
	return src
}

// creationDate is $SOURCE_DATE_EPOCH, else zero (the article's own
// date): the date when --date is not given.
func creationDate() (time.Time, error) {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds", s)
		}
		t := time.Unix(n, 0).UTC()
		if err := (galley.Options{Date: t}).Check(); err != nil || t.IsZero() {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %s is %s, outside %s", s, t.Format(time.RFC3339), galley.DateRange)
		}
		return t, nil
	}
	return time.Time{}, nil
}

// namer gives each article's PDF its path: -o itself for a single
// article, else a file named after its title in the folder -o names.
type namer struct {
	file string // a single article's path; "-" for standard output
	dir  string
	used map[string]bool
	n    int
}

// newNamer checks -o for count articles (several: a folder, made if
// missing).
func (o *exportOptions) newNamer(several bool, count int) (*namer, error) {
	out := o.output
	if out == "-" {
		if several {
			return nil, fmt.Errorf("-o - writes one PDF to standard output, but there are %d articles", count)
		}
		return &namer{file: "-"}, nil
	}
	dir := ""
	switch {
	case out == "":
		dir = "."
	case strings.HasSuffix(out, "/") || strings.HasSuffix(out, string(os.PathSeparator)) || isDir(out):
		dir = out
	case several:
		dir = out // several articles: -o names a folder, made if missing
	default:
		return &namer{file: out}, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return &namer{dir: dir, used: map[string]bool{}}, nil
}

// next is the path of the next article's PDF, named after its title, else
// its input's name; a name already given gets -2, -3….
func (n *namer) next(title, input string) (string, error) {
	n.n++
	if n.file != "" {
		if n.n > 1 { // an entry that turned out to hold several articles
			return "", fmt.Errorf("-o %s names one file, but the input holds several articles", n.file)
		}
		return n.file, nil
	}
	base := galley.Slug(title)
	if base == "" {
		base = galley.Slug(strings.TrimSuffix(filepath.Base(input), filepath.Ext(input)))
	}
	if base == "" {
		base = "article"
	}
	name := base
	for k := 2; n.used[name]; k++ {
		name = base + "-" + strconv.Itoa(k)
	}
	n.used[name] = true
	return filepath.Join(n.dir, name+".pdf"), nil
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// exportOne prints one article and writes it atomically: Export writes
// nothing before the PDF is whole, so neither standard output nor a file
// gets part of one, and the PDF is not copied on its way.
func (o *exportOptions) exportOne(ctx context.Context, e *env, a *article.Article, dest string, opts galley.Options) error {
	if dest == "-" {
		_, err := galley.Export(ctx, e.stdout, a, opts)
		return pageLimitHint(err, opts.MaxPages)
	}
	return pageLimitHint(atomicfile.Write(dest, ".galley-", func(w io.Writer) error {
		_, err := galley.Export(ctx, w, a, opts)
		return err
	}), opts.MaxPages)
}

// pageLimitHint adds to an article's ErrTooManyPages the flag that raises
// the limit.
func pageLimitHint(err error, limit int) error {
	if errors.Is(err, galley.ErrTooManyPages) {
		return fmt.Errorf("%w; --max-pages %d raises the limit (0: none)", err, 2*limit)
	}
	return err
}
