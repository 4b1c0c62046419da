package main

import (
	"context"
	"errors"
	"fmt"
	"io"
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
	"github.com/galleyprint/galley/layout"
)

// exportOptions are the flags of galley export.
type exportOptions struct {
	output  string
	page    string
	margins string
	theme   string
	date    string
	format  string
	offline bool
	quiet   bool

	noImages     bool
	grayscale    bool
	lang         string
	smartQuotes  bool
	dropCap      bool
	fontSize     float64
	lineHeight   float64
	noHeader     bool
	noFooter     bool
	columns      int
	mirror       bool
	gutter       string
	twoUp        bool
	booklet      bool
	qr           bool
	links        string
	fontFiles    []string
	fontDirs     []string
	imageDPI     float64
	allowOutside bool
	maxInput     byteSize
	maxInputSet  bool // --max-input given: it bounds fetched pages too
	maxPages     int
}

// defaultMaxPages is the most pages an article prints unless --max-pages
// says otherwise: a runaway input (a 10 MB paragraph, a log file) stops
// in a second or two with a clear error instead of printing for minutes.
const defaultMaxPages = 1000

// reading is how the options read inputs.
func (o *exportOptions) reading() reading {
	rd := reading{format: o.format, offline: o.offline, quiet: o.quiet, maxInput: int64(o.maxInput)}
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
	f.BoolVar(&o.allowOutside, "allow-outside", false, "let image paths leave the input's folder")
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
				opts.BaseDir = p.baseDir
				opts.NoLocalImages = p.baseDir == ""
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

// addPrintFlags adds the flags export and batch share: page, margins,
// date, network and images.
func (o *exportOptions) addPrintFlags(f *pflag.FlagSet) {
	f.StringVar(&o.page, "page", "A4", "page size: A4, A5, Letter, Legal, or WxH with a unit (210x297mm, 8.5x11in)")
	f.StringVar(&o.theme, "theme", "", "the page's look: classic (default), modern, large-print, ink-saver, or a theme file (see galley themes)")
	f.StringVar(&o.margins, "margins", "", "page margins, CSS order with units, e.g. 20mm or 18mm,22mm (default: the theme's)")
	f.StringVar(&o.date, "date", "", "PDF creation date, YYYY-MM-DD or RFC 3339, from "+galley.DateRange+" (default: $SOURCE_DATE_EPOCH, else the article's date)")
	f.BoolVar(&o.offline, "offline", false, "never use the network: remote images print as their captions")
	f.BoolVar(&o.noImages, "no-images", false, "print figures as their captions, without images")
	f.BoolVar(&o.grayscale, "grayscale", false, "print images in shades of grey")
	f.Float64Var(&o.imageDPI, "image-dpi", 200, "downsample images to this resolution at their printed size")
	f.StringArrayVar(&o.fontFiles, "font", nil, "a TrueType file for characters the embedded fonts lack (repeatable)")
	f.StringArrayVar(&o.fontDirs, "font-dir", nil, "a folder of TrueType files for characters the embedded fonts lack (repeatable)")
	f.Float64Var(&o.fontSize, "font-size", 0, "body text size in points; everything else scales with it (default: the theme's, 11 in classic)")
	f.Float64Var(&o.lineHeight, "line-height", 0, "body leading as a multiple of the size, e.g. 1.5 (default about 1.4)")
	f.BoolVar(&o.noHeader, "no-header", false, "leave out the running head")
	f.BoolVar(&o.noFooter, "no-footer", false, "leave out the footer and its page numbers")
	f.IntVar(&o.columns, "columns", 0, "set the body in 1, 2 or 3 columns (default: the theme's, 1 in classic)")
	f.BoolVar(&o.mirror, "mirror", false, "mirrored margins for both-sides printing: --margins' left is the inside")
	f.StringVar(&o.gutter, "gutter", "", "extra inside margin for the binding, e.g. 8mm")
	f.StringVar(&o.links, "links", "off", "print link addresses: footnotes, endnotes, inline or off")
	f.BoolVar(&o.qr, "qr", false, "print a QR code of the article's URL on its first page (a warning when it has none)")
	f.BoolVar(&o.twoUp, "two-up", false, "two pages side by side on each sheet (--page A5 gives A4 sheets)")
	f.BoolVar(&o.booklet, "booklet", false, "booklet imposition: print both sides, fold and nest the sheets (--page A5 for A4 sheets)")
	f.BoolVar(&o.dropCap, "drop-cap", false, "set the first letter of the first paragraph as a two-line drop cap")
	f.BoolVar(&o.smartQuotes, "smart-quotes", false, "typographic quotes, apostrophes and dashes for straight quotes, -- and ---")
	addMaxInputFlag(f, &o.maxInput)
	f.IntVar(&o.maxPages, "max-pages", defaultMaxPages, "most pages an article may print; one that needs more fails early (0: no limit)")
	f.StringVar(&o.lang, "lang", "", "the text's language for hyphenation and quotes, a BCP 47 tag such as en-GB or de (default: the article's, else guessed)")
}

// printOptions makes the shared flags galley.Options, checked before any
// input is read; a bad value is a usage error.
func (o *exportOptions) printOptions() (galley.Options, error) {
	date, err := o.creationDate()
	if err != nil {
		return galley.Options{}, usageError{err}
	}
	opts := galley.Options{Page: o.page, Theme: o.theme, Margins: o.margins, Date: date, Offline: o.offline, NoImages: o.noImages,
		Grayscale: o.grayscale, ImageDPI: o.imageDPI, AllowOutsideImages: o.allowOutside, Language: o.lang,
		SmartQuotes: o.smartQuotes, DropCap: o.dropCap, FontSize: o.fontSize, LineHeight: o.lineHeight,
		NoHeader: o.noHeader, NoFooter: o.noFooter, Impose: o.impose(), QR: o.qr,
		Columns: o.columns, Mirror: o.mirror, Gutter: o.gutter, Links: o.links, Fonts: append(append([]string{}, o.fontFiles...), o.fontDirs...)}
	if o.maxPages < 0 {
		return galley.Options{}, usageError{fmt.Errorf("--max-pages %d: want 0 (no limit) or more", o.maxPages)}
	}
	opts.MaxPages = o.maxPages
	if o.twoUp && o.booklet {
		return galley.Options{}, usageError{errors.New("--two-up and --booklet exclude each other")}
	}
	for _, d := range o.fontDirs {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			return galley.Options{}, usageError{fmt.Errorf("--font-dir %s: not a folder", d)}
		}
	}
	for _, f := range o.fontFiles {
		if st, err := os.Stat(f); err == nil && st.IsDir() {
			return galley.Options{}, usageError{fmt.Errorf("--font %s: a folder; use --font-dir", f)}
		}
	}
	if err := opts.Check(); err != nil {
		return galley.Options{}, usageError{err}
	}
	return opts, nil
}

// creationDate is --date, else $SOURCE_DATE_EPOCH, else zero (the
// article's own date).
func (o *exportOptions) creationDate() (time.Time, error) {
	if o.date != "" {
		return galley.ParseDate(o.date)
	}
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

// impose names the imposition the flags ask for.
func (o *exportOptions) impose() string {
	switch {
	case o.booklet:
		return layout.ImposeBooklet
	case o.twoUp:
		return layout.ImposeTwoUp
	}
	return layout.ImposeNone
}
