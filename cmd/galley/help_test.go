package main

import (
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/galleyprint/galley"
)

// TestRootHelpListsFormats compares the inputs galley --help lists with
// the formats the parser knows: every format, with each of its file name
// endings, on a line of its own, and no ending the parser does not know.
func TestRootHelpListsFormats(t *testing.T) {
	code, help, _ := galleyRun(t, nil, "--help")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	_, block, ok := strings.Cut(help, "\nInputs")
	if !ok {
		t.Fatalf("galley --help has no Inputs section:\n%s", help)
	}
	block, _, _ = strings.Cut(block, "\n\n")
	var lines []string
	for _, l := range strings.Split(block, "\n")[1:] {
		if strings.HasPrefix(l, "  ") {
			lines = append(lines, strings.TrimSpace(l))
		}
	}
	formats := galley.Formats()
	if len(lines) != len(formats) {
		t.Errorf("the help lists %d inputs, the parser knows %d formats:\n%s", len(lines), len(formats), block)
	}
	known := map[string]bool{}
	for _, f := range formats {
		i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, f.Name+"  ") })
		if i < 0 {
			t.Errorf("format %s (%q) is not listed in galley --help", f.Format, f.Name)
			continue
		}
		words := strings.FieldsFunc(lines[i], func(r rune) bool { return r == ' ' || r == ',' || r == ':' })
		for _, ext := range f.Extensions {
			known[ext] = true
			if !slices.Contains(words, ext) {
				t.Errorf("the help's line for %s does not name %s: %q", f.Name, ext, lines[i])
			}
		}
	}
	for _, ext := range regexp.MustCompile(`(?:^|\s)(\.[a-z0-9]+(?:\.[a-z0-9]+)?)\b`).FindAllStringSubmatch(block, -1) {
		if !known[ext[1]] {
			t.Errorf("the help names %s, which the parser does not know", ext[1])
		}
	}
}

// TestHelpTexts: every command's help says what it reads and what it
// writes, and shows examples that use its real flags.
func TestHelpTexts(t *testing.T) {
	root := newRootCmd(&env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard})
	for _, name := range []string{"", "export", "batch", "preview", "inspect", "serve", "themes"} {
		t.Run("galley "+name, func(t *testing.T) {
			args := []string{"--help"}
			if name != "" {
				args = []string{name, "--help"}
			}
			code, help, _ := galleyRun(t, nil, args...)
			if code != exitOK {
				t.Fatalf("exit %d", code)
			}
			want := []string{"Reads:", "Writes:", "Examples:"}
			if name == "" {
				want = []string{"Inputs", "Outputs:", "Examples:"}
			}
			for _, w := range want {
				if !strings.Contains(help, w) {
					t.Errorf("the help has no %q", w)
				}
			}
			_, ex, _ := strings.Cut(help, "Examples:\n")
			ex, _, _ = strings.Cut(ex, "\n\n")
			n := 0
			for _, line := range strings.Split(ex, "\n") {
				line, _, _ = strings.Cut(line, "#")
				line, _, _ = strings.Cut(line, "|")
				line, _, _ = strings.Cut(line, ">")
				f := strings.Fields(line)
				for len(f) > 0 && strings.Contains(f[0], "=") { // VAR=value galley …
					f = f[1:]
				}
				if len(f) == 0 || f[0] != "galley" {
					continue
				}
				n++
				cmd, rest, err := root.Find(f[1:])
				if err != nil || (name != "" && cmd.Name() != name) {
					t.Errorf("example %q: runs %v, %v", line, cmd.Name(), err)
					continue
				}
				if err := cmd.ParseFlags(rest); err != nil {
					t.Errorf("example %q: %v", line, err)
				}
			}
			if n == 0 {
				t.Errorf("no example runs galley %s:\n%s", name, ex)
			}
		})
	}
}
