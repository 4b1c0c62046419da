package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/galleyprint/galley/batch"
)

// batchOptions are the flags of galley batch.
type batchOptions struct {
	export   exportOptions
	jobs     int
	shard    string
	force    bool
	failFast bool
	book     string
	bookOnly bool
	title    string
	sort     string
	recto    bool
	drafts   bool
	live     bool
}

func newBatchCmd(e *env) *cobra.Command {
	o := &batchOptions{}
	cmd := &cobra.Command{
		Use:   "batch SRC... -o OUTDIR",
		Short: "Print an archive: one PDF per article and/or one bound book",
		Long: "batch prints every article of its sources, several at once.\n\n" +
			"Reads: each SRC, a folder (searched recursively for the input formats galley\n" +
			"--help lists; hidden files, PDFs and manifests skipped), a glob, an @list file\n" +
			"(a path or URL a line; @- reads the list from standard input), a file in any\n" +
			"input format, a JSON Lines file (an article a line), an RSS, Atom or JSON feed\n" +
			"(a file or URL; link-only entries are fetched unless --offline), a WARC archive\n" +
			"(.warc or .warc.gz: its HTML pages with status 200; their images are read from\n" +
			"the archive itself, nothing fetched unless --live), a WACZ file (the pages its\n" +
			"pages.jsonl lists) or an http(s) URL.\n\n" +
			"Writes: OUTDIR/<title>-<hash>.pdf for each article, and OUTDIR/manifest.jsonl,\n" +
			"a line per article: input, output, status, pages, bytes, warnings, error. An\n" +
			"article's input is its path below the SRC folder it was found in, led by the\n" +
			"folder's name (blog/2024/post.md for SRC blog, ./blog/ or /home/me/blog); a\n" +
			"symbolic link that leads nowhere is a failed article. A rerun skips articles\n" +
			"whose input and options are unchanged (--force redoes them); a run killed at\n" +
			"any moment leaves no partial PDF. Files found in a folder that are no posts (a\n" +
			"README or LICENSE, a draft unless --drafts, a redirect or alias stub, a section's\n" +
			"_index page or a template loop's listing, an .html file among Markdown posts) are\n" +
			"skipped, each with a manifest line giving its reason; a file named is always\n" +
			"printed. Static-site markup (Hugo shortcodes, Liquid, Go template actions) is\n" +
			"resolved against the post's folder and its site's root. --shard i/n prints a stable 1/n share, for n\n" +
			"machines on one archive. --book binds the articles into one PDF with a cover,\n" +
			"contents and outline (--book-only: that PDF alone).\n\n" +
			"Object storage (a galley built with -tags cloud): OUTDIR, --book and any SRC may\n" +
			"be s3://bucket/prefix/, gs://, azblob:// or file:// URLs; outputs are published\n" +
			"whole on success, the manifest is stored every few seconds and at the end, and a\n" +
			"SRC prefix is copied to a temporary folder first. S3-compatible stores take\n" +
			"?endpoint=http://host:9000&use_path_style=true&region=us-east-1 and the AWS_*\n" +
			"credential variables (docs/kubernetes-batch.md).",
		Example: "  galley batch ./blog -o out/                       # a PDF per article + out/manifest.jsonl\n" +
			"  galley batch ./blog -o out/ --book blog.pdf --sort date\n" +
			"  galley batch feed.xml archive.warc.gz @urls.txt -o out/ -j 4\n" +
			"  galley batch ./archive -o out/ --shard 3/8        # this machine's eighth\n" +
			"  galley batch s3://bkt/posts/ -o s3://bkt/pdf/ --shard 1/4",
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd.Context(), e, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.export.output, "output", "o", "", "output folder (required)")
	f.IntVarP(&o.jobs, "jobs", "j", 0, "articles printed at once (default: the number of CPUs)")
	f.StringVar(&o.shard, "shard", "", "print only share i of n (i/n, 1-based), e.g. 2/8")
	f.BoolVar(&o.force, "force", false, "print again articles a previous run printed")
	f.BoolVar(&o.failFast, "fail-fast", false, "stop at the first failure")
	f.StringVar(&o.book, "book", "", "also bind the articles into this PDF")
	f.BoolVar(&o.bookOnly, "book-only", false, "with --book: no PDF per article")
	f.StringVar(&o.title, "title", "", "the book's title (default: the first source's name)")
	f.StringVar(&o.sort, "sort", "input", "book order: input, date or title")
	f.BoolVar(&o.recto, "recto", false, "start every article of the book on a right-hand page")
	f.BoolVar(&o.live, "live", false, "web archives: fetch the images a page's archive lacks from the live web")
	f.BoolVar(&o.drafts, "drafts", false, "also print the drafts found in folders (draft: true, published: false, _drafts/)")
	o.export.addPrintFlags(f)
	addFetchFlags(f, &o.export.fetch, false)
	f.BoolVarP(&o.export.quiet, "quiet", "q", false, "no progress, no summary: failures only")
	return cmd
}

func (o *batchOptions) run(ctx context.Context, e *env, srcs []string) error {
	// a long run: memory held down rather than the few milliseconds the
	// one-shot export setting saves (see main); GOGC and GOMEMLIMIT, when
	// set, win here too
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(100)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(160 << 20)
	}
	if o.export.output == "" {
		return usageError{errors.New("batch needs -o OUTDIR")}
	}
	if o.bookOnly && o.book == "" {
		return usageError{errors.New("--book-only needs --book FILE.pdf")}
	}
	switch o.sort {
	case "input", "date", "title":
	default:
		return usageError{fmt.Errorf("--sort %q: want input, date or title", o.sort)}
	}
	opts, err := o.export.printOptions()
	if err != nil {
		return err
	}
	if o.export.client, err = o.export.fetch.client(srcs); err != nil {
		return usageError{err}
	}
	if err := checkStorage(srcs, o.export.output, o.book); err != nil {
		return usageError{err}
	}
	bo := batch.Options{
		OutDir: o.export.output, Jobs: o.jobs, Force: o.force, FailFast: o.failFast, Export: opts, Images: o.export.imageSources(""),
		Sources: batch.SourceOptions{Offline: o.export.offline, MaxInput: int64(o.export.maxInput), Client: o.export.client, Extract: o.export.extract},
		Book:    o.book, BookOnly: o.bookOnly, BookTitle: o.title, Sort: o.sort, Recto: o.recto, Drafts: o.drafts, Live: o.live,
		Storage: storage,
	}
	if o.shard != "" {
		if bo.Shard, bo.Shards, err = batch.ParseShard(o.shard); err != nil {
			return usageError{err}
		}
	}
	if bo.BookTitle == "" {
		bo.BookTitle = sourceName(srcs[0])
	}
	terminal := false
	if f, ok := e.stderr.(*os.File); ok {
		terminal = term.IsTerminal(int(f.Fd()))
	}
	bo.Progress = batch.NewProgress(e.stderr, terminal, o.export.quiet)
	sum, err := batch.Run(ctx, srcs, bo)
	for _, se := range sum.SourceErrors {
		fmt.Fprintln(e.stderr, se)
	}
	if !o.export.quiet {
		fmt.Fprintln(e.stderr, summaryLine(sum, o.book))
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, batch.ErrFailed):
		return errFailed
	}
	return err
}

// summaryLine reports a run in one line.
func summaryLine(s batch.Summary, book string) string {
	line := fmt.Sprintf("galley batch: %d printed, %d unchanged, %d failed of %d; %d pages, %.1f MB in %.1fs (%.1f articles/s)",
		s.Printed, s.Skipped, s.Failed, s.Total, s.Pages, float64(s.Bytes)/(1<<20), s.Elapsed.Seconds(),
		float64(s.Printed+s.Skipped)/max(s.Elapsed.Seconds(), 0.001))
	if s.NotPosts > 0 {
		line += fmt.Sprintf("; %d skipped as no posts (reasons in the manifest)", s.NotPosts)
	}
	if s.Book != nil && book != "" {
		line += fmt.Sprintf("; book %s: %d articles, %d pages", book, s.Book.Articles, s.Book.Pages)
	}
	return line
}
