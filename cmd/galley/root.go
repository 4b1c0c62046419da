package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"strings"

	"github.com/spf13/cobra"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
)

// env is what a command reads and writes besides files.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// subcommands makes galley's commands, by name.
var subcommands = []struct {
	name string
	make func(*env) *cobra.Command
}{
	{"export", newExportCmd}, {"preview", newPreviewCmd}, {"batch", newBatchCmd}, {"serve", newServeCmd},
	{"inspect", newInspectCmd}, {"themes", newThemesCmd}, {"version", newVersionCmd},
}

// newRootCmd makes galley's root command with all its commands.
func newRootCmd(e *env) *cobra.Command { return newRootCmdFor(e, nil) }

// newRootCmdFor makes galley's root command to run args: with the one
// command args name first, when they do, else with all of them (for help,
// completion and suggestions). Making a command and its flags costs a
// process a few dozen page faults; a run has no use for the others.
func newRootCmdFor(e *env, args []string) *cobra.Command {
	root := &cobra.Command{
		Use:           "galley",
		Short:         "Print articles as well-made PDF pages",
		Long:          rootLong,
		Example:       rootExample,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	// --cpuprofile is for diagnosing slow runs; hidden from help.
	var profile string
	var stopProfile func()
	root.PersistentFlags().StringVar(&profile, "cpuprofile", "", "write a CPU profile (go tool pprof) to this file")
	_ = root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if profile == "" {
			return nil
		}
		f, err := os.Create(profile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return err
		}
		stopProfile = func() { pprof.StopCPUProfile(); f.Close() }
		return nil
	}
	root.PersistentPostRun = func(*cobra.Command, []string) {
		if stopProfile != nil {
			stopProfile()
		}
	}
	for _, c := range subcommands {
		if len(args) > 0 && c.name == args[0] {
			root.AddCommand(c.make(e))
			return root
		}
	}
	for _, c := range subcommands {
		root.AddCommand(c.make(e))
	}
	return root
}

// exactArgs and minArgs wrap cobra's checks as usage errors.
func minArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.MinimumNArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// displayName is how an input is named in messages.
func displayName(name string) string {
	if name == "-" {
		return "stdin"
	}
	return name
}

// input is one parsed input: its articles and where their relative image
// references point.
type input struct {
	arts    []*article.Article
	baseDir string // folder of a local input; "" for a fetched page
}

// parseInput reads (or fetches) and parses one input; its errors start
// with the input's name.
func parseInput(ctx context.Context, e *env, name string, rd reading, logger *slog.Logger) (input, error) {
	format := rd.format
	if isURL(name) {
		if rd.offline {
			return input{}, fmt.Errorf("%s: %w: --offline forbids fetching it", name, galley.ErrFetch)
		}
		page, err := galley.FetchPage(ctx, rd.client, name, galley.FetchLimits{MaxBytes: rd.maxFetch})
		if err != nil {
			return input{}, fmt.Errorf("%s: %w", name, err)
		}
		f := galley.Format(format)
		if f == "" {
			f = galley.FormatOf(page.ContentType)
		}
		po := galley.ParseOptions{Format: f, Name: name, Logger: logger, BaseURL: page.URL, ContentType: page.ContentType}
		rd.extract.Apply(&po)
		arts, err := galley.Parse(page.Data, po)
		return input{arts: arts}, err
	}
	data, err := readInput(e, name, rd.maxInput)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return input{}, fmt.Errorf("%s: %w", name, pe.Err)
		}
		return input{}, fmt.Errorf("%s: %w", displayName(name), err)
	}
	// a page with --base-url is web content: its images resolve against
	// the URL, and no local file is read for it
	po := galley.ParseOptions{Format: galley.Format(format), Logger: logger, BaseURL: rd.baseURL}
	rd.extract.Apply(&po)
	if name == "-" {
		arts, err := galley.Parse(data, po)
		if err != nil {
			err = fmt.Errorf("stdin: %w", err)
		}
		return input{arts: arts, baseDir: localDir(".", rd.baseURL)}, err
	}
	// errors from Parse start with the name
	po.Name = name
	po.Dir = localDir(filepath.Dir(name), rd.baseURL)
	arts, err := galley.Parse(data, po)
	return input{arts: arts, baseDir: localDir(filepath.Dir(name), rd.baseURL)}, err
}

// localDir is the folder a local input's images are read from: none when
// --base-url makes it web content.
func localDir(dir, baseURL string) string {
	if baseURL != "" {
		return ""
	}
	return dir
}

func isURL(name string) bool {
	l := strings.ToLower(name)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

func newInspectCmd(e *env) *cobra.Command {
	rd := reading{maxInput: defaultMaxInput}
	var maxInput byteSize
	var fetch fetchFlags
	given := map[string][]string{}
	cmd := &cobra.Command{
		Use:   "inspect IN",
		Short: "Print an input as article JSON",
		Long: "inspect reads an input as export would and shows what galley understood of it.\n\n" +
			"Reads: IN, a file, an http(s) URL or - for standard input, in any input format\n" +
			"(galley --help lists them).\n\n" +
			"Writes: to standard output, the article as indented article JSON\n" +
			"(docs/article-json.md); several articles (JSON Lines, a feed's entries, an\n" +
			"archive's pages) as JSON Lines, an article a line. Nothing else is written.",
		Example: "  galley inspect story.html\n" +
			"  galley inspect https://example.com/news/story\n" +
			"  galley inspect feed.xml --offline | jq -r .title",
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			rd.setMaxInput(cmd.Flags(), maxInput)
			var err error
			if rd.extract, err = extraction(given); err != nil {
				return err
			}
			if rd.client, err = fetch.client(args); err != nil {
				return usageError{err}
			}
			rd.baseURL = fetch.baseURL
			src, err := readSource(ctx, e, args[0], rd)
			if err != nil {
				fmt.Fprintln(e.stderr, err)
				return errFailed
			}
			enc := json.NewEncoder(e.stdout)
			enc.SetEscapeHTML(false)
			if src.count() == 1 {
				enc.SetIndent("", "  ")
			}
			failed := false
			err = src.each(ctx, func(p piece) error {
				if p.err != nil {
					fmt.Fprintf(e.stderr, "%s: %v\n", displayName(p.name), p.err)
					failed = true
					return nil
				}
				return enc.Encode(p.art)
			})
			if err == nil && failed {
				err = errFailed
			}
			return err
		},
	}
	cmd.Flags().StringVar(&rd.format, "format", "", formatUsage())
	cmd.Flags().BoolVar(&rd.offline, "offline", false, "never use the network")
	addMaxInputFlag(cmd.Flags(), &maxInput)
	addExtractFlags(cmd.Flags(), given)
	addFetchFlags(cmd.Flags(), &fetch, true)
	return cmd
}

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print galley's version",
		Args:  exactArgs(0),
		Run: func(cmd *cobra.Command, args []string) {
			fmt.Fprintln(e.stdout, versionString())
		},
	}
}

func versionString() string {
	v, goV := "(devel)", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		goV = bi.GoVersion
		if bi.Main.Version != "" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 && v == "(devel)" {
				v += " " + s.Value[:12]
			}
		}
	}
	return strings.TrimSpace(fmt.Sprintf("galley %s %s", v, goV))
}

// newLogger returns a logger that prints warnings as one line each, naming
// the input; quiet discards them.
func newLogger(w io.Writer, input string, quiet bool) *slog.Logger {
	if quiet {
		return slog.New(slog.DiscardHandler)
	}
	return slog.New(&lineHandler{w: w, input: input, min: slog.LevelDebug})
}

// lineHandler formats records as "galley: warning: INPUT: message (k=v …)".
type lineHandler struct {
	w     io.Writer
	input string
	min   slog.Level // records below it are dropped
	attrs []slog.Attr
}

func (h *lineHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= h.min }

func (h *lineHandler) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	level := "warning"
	if r.Level >= slog.LevelError {
		level = "error"
	} else if r.Level < slog.LevelWarn {
		level = "note"
	}
	fmt.Fprintf(&b, "galley: %s: %s: %s", level, h.input, r.Message)
	var kv []string
	add := func(a slog.Attr) bool {
		if a.Key == "input" {
			return true // already named at the line's start
		}
		kv = append(kv, a.Key+"="+a.Value.String())
		return true
	}
	for _, a := range h.attrs {
		add(a)
	}
	r.Attrs(add)
	if len(kv) > 0 {
		b.WriteString(" (" + strings.Join(kv, ", ") + ")")
	}
	b.WriteByte('\n')
	_, err := io.WriteString(h.w, b.String())
	return err
}

func (h *lineHandler) WithAttrs(as []slog.Attr) slog.Handler {
	c := *h
	c.attrs = append(append([]slog.Attr{}, h.attrs...), as...)
	return &c
}

func (h *lineHandler) WithGroup(string) slog.Handler { return h }
