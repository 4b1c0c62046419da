// Command galley prints articles to PDF.
//
//	galley export story.txt                 # writes ./<title-slug>.pdf
//	galley export a.json b.txt -o out/      # one PDF each in out/
//	galley export story.txt -o - > s.pdf    # PDF on standard output
//	galley export feed.xml -o out/          # one PDF per feed entry
//	galley inspect story.txt                # the article as JSON
//	galley preview story.txt -o pages/      # the pages as PNG images
//
// Exit status: 0 when everything printed, 1 when an input failed, 2 on a
// usage error.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/spf13/cobra"
)

// Exit codes, decided in one place.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

// softMemoryLimit is the heap size from which a run collects garbage
// harder than GOGC alone asks.
const softMemoryLimit = 200 << 20

func main() {
	// A run is short and allocates mostly long-lived font tables: collect
	// garbage less often than the default, but harder again once the heap
	// nears a soft limit, so a huge input does not take five times its
	// live memory (a 1,000-page article holds about 110 MB). GOGC and
	// GOMEMLIMIT, when set, win.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// omitCompletionCmd leaves out cobra's completion command, and its four
// shells' commands and help texts, from a run of one of galley's own
// commands, which can neither show nor call it; a run of galley alone,
// of help, of completion or of cobra's hidden __complete has it as
// before. Making it was a tenth of the page faults of `galley version`.
func omitCompletionCmd(root *cobra.Command, args []string) {
	if len(args) == 0 {
		return
	}
	for _, c := range root.Commands() {
		if c.Name() == args[0] || c.HasAlias(args[0]) {
			root.CompletionOptions.DisableDefaultCmd = true
			return
		}
	}
}

// usageError marks errors in how galley was called.
type usageError struct{ error }

// errFailed reports that some inputs failed after their errors were shown.
var errFailed = errors.New("failed")

// run executes galley with args and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := newRootCmdFor(&env{stdin: stdin, stdout: stdout, stderr: stderr}, args)
	omitCompletionCmd(cmd, args)
	if args == nil {
		args = []string{} // cobra reads os.Args for nil
	}
	cmd.SetArgs(args)
	// Ctrl-C or SIGTERM cancels the work between pages and images; no
	// partial PDF is left, as every PDF is renamed into place whole.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := cmd.ExecuteContext(ctx)
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errFailed):
		return exitFailed
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "galley: %v\n", err)
		fmt.Fprintf(stderr, "Run 'galley --help' for usage.\n")
		return exitUsage
	default:
		fmt.Fprintf(stderr, "galley: %v\n", err)
		return exitFailed
	}
}
