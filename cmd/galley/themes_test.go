package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleyprint/galley/internal/pdftext"
)

// TestThemesCommand: galley themes lists the built-ins, the default first
// and marked; galley themes NAME prints JSON that works as a theme file.
func TestThemesCommand(t *testing.T) {
	code, out, errOut := galleyRun(t, nil, "themes")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "classic (default)") {
		t.Fatalf("galley themes:\n%s", out)
	}
	for _, name := range []string{"modern", "large-print", "ink-saver"} {
		if !strings.Contains(out, "\n"+name+" ") {
			t.Errorf("%s not listed", name)
		}
	}
	for _, l := range lines {
		if len(strings.Fields(l)) < 4 {
			t.Errorf("no description: %q", l)
		}
	}

	seed := seedPath(t)
	dir := inTemp(t)
	code, out, errOut = galleyRun(t, nil, "themes", "large-print")
	if code != exitOK || !strings.Contains(out, `"name": "large-print"`) || strings.Contains(out, `"extends"`) {
		t.Fatalf("galley themes large-print: exit %d\n%s%s", code, out, errOut)
	}
	// a user's theme, started from the printed one
	mine := strings.Replace(out, `"name": "large-print"`, `"name": "mine"`, 1)
	mine = strings.Replace(mine, `"right": "Page {page} of {pages}"`, `"right": "Folio {page}"`, 1)
	p := filepath.Join(dir, "mine.json")
	if err := os.WriteFile(p, []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := galleyRun(t, nil, "export", seed, "--theme", p, "-o", "mine.pdf"); code != exitOK {
		t.Fatalf("export --theme FILE: exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile("mine.pdf")
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pdftext.Pages(data)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, w := range pages[0].Words {
		text.WriteString(w.Text + " ")
	}
	if !strings.Contains(text.String(), "Folio 1") {
		t.Errorf("the theme file's footer is not on page 1: %.300s", text.String())
	}
	if code, _, errOut := galleyRun(t, nil, "themes", "baroque"); code != exitUsage || !strings.Contains(errOut, "ink-saver") {
		t.Errorf("galley themes baroque: exit %d, %s", code, errOut)
	}
	if code, _, errOut := galleyRun(t, nil, "export", seed, "--theme", "baroque"); code != exitUsage || !strings.Contains(errOut, "unknown theme") {
		t.Errorf("export --theme baroque: exit %d, %s", code, errOut)
	}
}
