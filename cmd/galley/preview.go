package main

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/atomicfile"
)

// previewOptions are the flags of galley preview: export's print flags,
// the resolution and the pages.
type previewOptions struct {
	exportOptions
	dpi   float64
	pages string
}

func newPreviewCmd(e *env) *cobra.Command {
	o := &previewOptions{}
	cmd := &cobra.Command{
		Use:   "preview IN -o DIR",
		Short: "Draw an article's pages as PNG images",
		Long: "preview typesets an input as export does, with the same flags, and draws its\n" +
			"pages as PNG images instead of a PDF.\n\n" +
			"Reads: IN, a file, an http(s) URL or - for standard input, in any input format\n" +
			"(galley --help lists them), and its images as export does.\n\n" +
			"Writes: DIR/page-001.png, page-002.png…, drawn from the same layout as the PDF\n" +
			"at --dpi. An input of several articles (JSON Lines, a feed, an archive) gets a\n" +
			"folder of pages per article in DIR, named after its title. Each image is\n" +
			"written whole or not at all.",
		Example: "  galley preview story.html -o pages/                  # pages/page-001.png… at 60 dpi\n" +
			"  galley preview post.md -o pages/ --dpi 100 --pages 1-3\n" +
			"  galley preview story.txt -o pages/ --page Letter --columns 2",
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.maxInputSet = cmd.Flags().Changed("max-input")
			return o.run(cmd.Context(), e, args[0])
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "", "folder to write the PNG images into (made if missing)")
	f.StringVar(&o.format, "format", "", formatUsage())
	f.Float64Var(&o.dpi, "dpi", galley.DefaultPreviewDPI, "resolution in dots per inch, 10 to 600")
	f.StringVar(&o.pages, "pages", "", "pages to draw, e.g. 1-3, 2, 4- or 1,3,5-7 (default: all)")
	o.addPrintFlags(f)
	addFetchFlags(f, &o.fetch, true)
	f.BoolVarP(&o.quiet, "quiet", "q", false, "print no warnings")
	return cmd
}

func (o *previewOptions) run(ctx context.Context, e *env, in string) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if o.output == "" || o.output == "-" {
		return usageError{errors.New("-o DIR names the folder for the images")}
	}
	if o.dpi < 10 || o.dpi > 600 {
		return usageError{fmt.Errorf("--dpi %g is not between 10 and 600", o.dpi)}
	}
	pages, err := parsePageRanges(o.pages)
	if err != nil {
		return usageError{err}
	}
	opts, err := o.printOptions()
	if err != nil {
		return err
	}
	if o.client, err = o.fetch.client([]string{in}); err != nil {
		return usageError{err}
	}
	src, err := readSource(ctx, e, in, o.reading())
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return errFailed
	}
	// several articles get a folder each, named as export names PDFs
	var names *namer
	if src.count() > 1 {
		o.exportOptions.output = o.output + string(os.PathSeparator)
		if names, err = o.newNamer(true, src.count()); err != nil {
			return usageError{err}
		}
	}
	failed := false
	err = src.each(ctx, func(p piece) error {
		if p.err != nil {
			fmt.Fprintf(e.stderr, "%s: %v\n", displayName(p.name), p.err)
			failed = true
			return nil
		}
		dir := o.output
		if names != nil {
			pdf, err := names.next(p.art.Title, p.name)
			if err != nil {
				return usageError{err}
			}
			dir = strings.TrimSuffix(pdf, ".pdf")
		}
		opts.Logger = newLogger(e.stderr, displayName(p.name), o.quiet)
		opts.Images = galley.NewImageLoader(o.imageSources(p.baseDir))
		if p.images != nil { // a web archive's page: its images from the archive
			opts.Images = p.images
		}
		if err := pageLimitHint(previewOne(ctx, p.art, opts, galley.PreviewOptions{DPI: o.dpi, Pages: pages}, dir), opts.MaxPages); err != nil {
			fmt.Fprintf(e.stderr, "%s: %v\n", displayName(p.name), err)
			failed = true
		}
		return nil
	})
	if err != nil {
		return err
	}
	if failed {
		return errFailed
	}
	return nil
}

// previewOne draws one article's pages into dir as page-001.png….
func previewOne(ctx context.Context, a *article.Article, opts galley.Options, popts galley.PreviewOptions, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	written := 0
	res, err := galley.Preview(ctx, a, opts, popts, func(n int, img *image.RGBA) error {
		written++
		name := filepath.Join(dir, fmt.Sprintf("page-%03d.png", n))
		return atomicfile.Write(name, ".galley-", func(w io.Writer) error { return png.Encode(w, img) })
	})
	if err != nil {
		return err
	}
	if written == 0 {
		return fmt.Errorf("--pages chooses none of the article's %d pages", res.Sheets)
	}
	return nil
}

// parsePageRanges parses --pages: page numbers and ranges (N-M, N-, -M)
// separated by commas. "" chooses every page (nil).
func parsePageRanges(s string) (func(n int) bool, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var ranges [][2]int
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		lo, hi, isRange := strings.Cut(part, "-")
		first, last := 1, int(^uint(0)>>1)
		var err error
		if lo != "" || !isRange {
			if first, err = strconv.Atoi(strings.TrimSpace(lo)); err != nil || first < 1 {
				return nil, fmt.Errorf("--pages %q: want page numbers from 1 and ranges such as 1-3, 4- or 1,3,5-7", s)
			}
		}
		if !isRange {
			last = first
		} else if hi != "" {
			if last, err = strconv.Atoi(strings.TrimSpace(hi)); err != nil || last < first {
				return nil, fmt.Errorf("--pages %q: want page numbers from 1 and ranges such as 1-3, 4- or 1,3,5-7", s)
			}
		} else if lo == "" {
			return nil, fmt.Errorf("--pages %q: a range needs a first or a last page", s)
		}
		ranges = append(ranges, [2]int{first, last})
	}
	return func(n int) bool {
		for _, r := range ranges {
			if n >= r[0] && n <= r[1] {
				return true
			}
		}
		return false
	}, nil
}
