package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// initCost is what GODEBUG=inittrace=1 reports for one package's
// initialisation: bytes and allocations are exact counts, unlike its
// clock time, so a test can hold them to a bound.
type initCost struct{ bytes, allocs int }

var initTraceLine = regexp.MustCompile(`(?m)^init (\S+) @[^,]*, [^,]*, (\d+) bytes, (\d+) allocs$`)

// initCosts builds galley, runs it with args under GODEBUG=inittrace=1
// and returns each initialised package's cost.
func initCosts(t *testing.T, args ...string) map[string]initCost {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "galley")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("galley %v: %v\n%s", args, err, out)
	}
	costs := map[string]initCost{}
	for _, m := range initTraceLine.FindAllStringSubmatch(string(out), -1) {
		bytes, _ := strconv.Atoi(m[2])
		allocs, _ := strconv.Atoi(m[3])
		costs[m[1]] = initCost{bytes, allocs}
	}
	if len(costs) == 0 {
		t.Fatalf("no inittrace lines in galley's output:\n%s", out)
	}
	return costs
}

// TestStartupBuildsNoTablesItDoesNotUse checks that galley's own packages
// build their tables (regular expressions above all, themes, the Markdown
// parser) on first use, not at initialisation: `galley version` reads no
// HTML or Markdown and prints with no theme, and should pay for none.
func TestStartupBuildsNoTablesItDoesNotUse(t *testing.T) {
	if testing.Short() {
		t.Skip("builds galley")
	}
	costs := initCosts(t, "version")
	limits := map[string]initCost{
		// the option table lists the theme names, without decoding a theme
		"github.com/galleyprint/galley": {bytes: 32 << 10, allocs: 100},
		// the Markdown parser is built on first use, not at init
		"github.com/galleyprint/galley/parse":                {bytes: 48 << 10, allocs: 200},
		"github.com/galleyprint/galley/internal/readability": {bytes: 16 << 10, allocs: 100},
		// the stopword index is built when a language is first guessed
		"github.com/galleyprint/galley/layout":     {bytes: 16 << 10, allocs: 64},
		"github.com/galleyprint/galley/sitemarkup": {bytes: 16 << 10, allocs: 100},
		"github.com/galleyprint/galley/batch":      {bytes: 16 << 10, allocs: 100},
	}
	for pkg, limit := range limits {
		got, ok := costs[pkg]
		if !ok {
			t.Errorf("%s: not initialised by galley version (renamed?)", pkg)
			continue
		}
		if got.bytes > limit.bytes || got.allocs > limit.allocs {
			t.Errorf("%s initialises with %d bytes in %d allocations, want at most %d bytes in %d",
				pkg, got.bytes, got.allocs, limit.bytes, limit.allocs)
		}
	}
}
