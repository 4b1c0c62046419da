package main

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/pdftext"
)

// seedPath is the absolute path of the bundled sample, so tests can change
// folder.
func seedPath(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs("../../testdata/articles/seed/input.txt")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// seedTitle is the title galley reads from the sample.
func seedTitle(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(seedPath(t))
	if err != nil {
		t.Fatal(err)
	}
	arts, err := galley.Parse(data, galley.ParseOptions{Name: "input.txt"})
	if err != nil {
		t.Fatal(err)
	}
	return arts[0].Title
}

// galleyRun runs galley in-process and returns its exit code and output.
func galleyRun(t *testing.T, stdin []byte, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, bytes.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// inTemp makes a fresh temporary folder the current one and returns it.
func inTemp(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	return dir
}

func write(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkPDF checks that data is a complete, valid PDF.
func checkPDF(t *testing.T, what string, data []byte) {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("%s: does not start with %%PDF- (%d bytes: %.20q)", what, len(data), data)
	}
	if !bytes.HasSuffix(bytes.TrimRight(data, "\r\n \t"), []byte("%%EOF")) {
		t.Fatalf("%s: does not end with %%%%EOF", what)
	}
	if err := pdftext.Validate(data); err != nil {
		t.Fatalf("%s: pdfcpu validation: %v", what, err)
	}
}

func readPDF(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	checkPDF(t, path, data)
	return data
}

// files lists the names in dir, sorted.
func files(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

// noTemps fails if a .galley-*.tmp file is left in dir.
func noTemps(t *testing.T, dir string) {
	t.Helper()
	for _, n := range files(t, dir) {
		if strings.HasPrefix(n, ".galley-") || strings.HasSuffix(n, ".tmp") {
			t.Errorf("temporary file %s left in %s", n, dir)
		}
	}
}

// oneLine checks that stderr is exactly one line containing every want.
func oneLine(t *testing.T, stderr string, want ...string) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
	if stderr == "" || len(lines) != 1 {
		t.Errorf("stderr has %d lines, want 1:\n%s", len(lines), stderr)
	}
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr %q does not contain %q", stderr, w)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	seed := seedPath(t)
	tests := []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"unknown flag", []string{"export", "--bogus", seed}, "unknown flag"},
		{"unknown shorthand", []string{"export", "-z", seed}, "unknown shorthand"},
		{"missing args", []string{"export"}, "arg"},
		{"bad page", []string{"export", "--page", "A9", seed}, "A9"},
		{"bad page units", []string{"export", "--page", "100x", seed}, "100x"},
		{"bad margins", []string{"export", "--margins", "5", seed}, "5"},
		{"margins too big", []string{"export", "--page", "A5", "--margins", "200mm", seed}, "margin"},
		{"bad date", []string{"export", "--date", "yesterday", seed}, "yesterday"},
		{"bad date format", []string{"export", "--date", "01/03/2024", seed}, "01/03/2024"},
		{"zero date", []string{"export", "--date", "0001-01-01", seed}, "outside 0001-01-02 to 9999-12-31"},
		{"date beyond 9999 in UTC", []string{"export", "--date", "9999-12-31T23:00:00-02:00", seed}, "outside 0001-01-02 to 9999-12-31"},
		{"malformed lang", []string{"export", "--lang", "../../etc/passwd", seed}, `lang "../../etc/passwd" is not a BCP 47 language tag`},
		{"malformed lang in batch", []string{"batch", "--lang", "en GB", seed, "-o", "out"}, `lang "en GB" is not a BCP 47`},
		{"malformed lang in preview", []string{"preview", "--lang", "e", seed, "-o", "pages"}, `lang "e" is not a BCP 47`},
		{"inspect without input", []string{"inspect"}, "arg"},
		{"inspect two inputs", []string{"inspect", seed, seed}, "arg"},
		{"version with an arg", []string{"version", "x"}, "arg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := inTemp(t)
			code, stdout, stderr := galleyRun(t, nil, tt.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitUsage, stderr)
			}
			if !strings.Contains(strings.ToLower(stderr), strings.ToLower(tt.want)) {
				t.Errorf("stderr %q does not mention %q", stderr, tt.want)
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
			if fs := files(t, dir); len(fs) > 0 {
				t.Errorf("a usage error left files: %v", fs)
			}
		})
	}
	for _, epoch := range []string{"soon", "-62135596800"} { // the second is 0001-01-01, "no date"
		t.Run("SOURCE_DATE_EPOCH="+epoch, func(t *testing.T) {
			inTemp(t)
			t.Setenv("SOURCE_DATE_EPOCH", epoch)
			code, _, stderr := galleyRun(t, nil, "export", seed)
			if code != exitUsage || !strings.Contains(strings.ReplaceAll(stderr, `"`, ""), "SOURCE_DATE_EPOCH "+epoch) {
				t.Errorf("exit %d, stderr %q; want 2 naming SOURCE_DATE_EPOCH", code, stderr)
			}
		})
	}
	t.Run("no command", func(t *testing.T) {
		inTemp(t)
		code, _, _ := galleyRun(t, nil)
		if code != exitOK {
			t.Errorf("galley with no arguments: exit %d, want 0 (help)", code)
		}
	})
}

func TestInputFailures(t *testing.T) {
	garbage := make([]byte, 4096)
	r := rand.New(rand.NewPCG(7, 11))
	for i := range garbage {
		garbage[i] = byte(r.UintN(256))
	}
	tests := []struct {
		name  string
		file  string
		data  []byte // nil: the file does not exist
		cause string
	}{
		{"missing file", "nope.txt", nil, "no such file"},
		{"empty file", "empty.txt", []byte{}, "no article text found"},
		{"whitespace file", "blank.txt", []byte(" \n\n\t \n"), "no article text found"},
		{"binary file", "photo.dat", garbage, "binary"},
		{"empty json", "empty.json", []byte("{}"), "no article text found"},
		{"broken json", "broken.json", []byte(`{"title": "x", "body": [`), "invalid article JSON"},
		{"folder", "adir", nil, "folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := inTemp(t)
			if tt.data != nil {
				write(t, tt.file, tt.data)
			}
			if tt.file == "adir" {
				if err := os.Mkdir("adir", 0o755); err != nil {
					t.Fatal(err)
				}
			}
			before := files(t, dir)
			code, stdout, stderr := galleyRun(t, nil, "export", tt.file)
			if code != exitFailed {
				t.Errorf("exit %d, want %d", code, exitFailed)
			}
			oneLine(t, stderr, tt.file, tt.cause)
			if strings.Contains(stderr, "--help") {
				t.Errorf("an input failure is not a usage error: %q", stderr)
			}
			if stdout != "" {
				t.Errorf("stdout %q", stdout)
			}
			if after := files(t, dir); !slices.Equal(before, after) {
				t.Errorf("files %v after a failure, want %v", after, before)
			}
		})
	}
	t.Run("empty stdin", func(t *testing.T) {
		inTemp(t)
		code, _, stderr := galleyRun(t, []byte(""), "export", "-", "-o", "-")
		if code != exitFailed {
			t.Errorf("exit %d, want 1", code)
		}
		oneLine(t, stderr, "stdin", "no article text found")
	})
	t.Run("inspect empty file", func(t *testing.T) {
		inTemp(t)
		write(t, "empty.txt", nil)
		code, stdout, stderr := galleyRun(t, nil, "inspect", "empty.txt")
		if code != exitFailed || stdout != "" {
			t.Errorf("exit %d, stdout %q; want 1 and nothing", code, stdout)
		}
		oneLine(t, stderr, "empty.txt", "no article text found")
	})
}

func TestWarnings(t *testing.T) {
	inTemp(t)
	// a private-use character of plane 16: no font has it (emoji print
	// when an outline emoji font is installed)
	write(t, "smile.txt", []byte("A Happy Headline\n\nA smile \U0010FFFD in the text.\n"))
	code, _, stderr := galleyRun(t, nil, "export", "smile.txt", "-o", "smile.pdf")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "smile.txt") || !strings.Contains(stderr, "glyph") || !strings.Contains(stderr, "U+10FFFD") {
		t.Errorf("no missing-glyph warning naming the input and the character:\n%s", stderr)
	}
	readPDF(t, "smile.pdf")
	code, _, stderr = galleyRun(t, nil, "export", "-q", "smile.txt", "-o", "smile.pdf")
	if code != 0 || stderr != "" {
		t.Errorf("-q: exit %d, stderr %q; want 0 and nothing", code, stderr)
	}
	code, _, stderr = galleyRun(t, nil, "export", "--quiet", "smile.txt", "-o", "-")
	if code != 0 || stderr != "" {
		t.Errorf("--quiet: exit %d, stderr %q; want 0 and nothing", code, stderr)
	}
}

func TestInspect(t *testing.T) {
	seed := seedPath(t)
	code, stdout, stderr := galleyRun(t, nil, "inspect", seed)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var a article.Article
	if err := json.Unmarshal([]byte(stdout), &a); err != nil {
		t.Fatalf("inspect output is not article JSON: %v", err)
	}
	if want := seedTitle(t); a.Title != want {
		t.Errorf("title %q, want %q", a.Title, want)
	}
	if len(a.Body) == 0 {
		t.Error("no body")
	}
	// the JSON reads back as galley input and prints the same article
	arts, err := galley.Parse([]byte(stdout), galley.ParseOptions{Format: "json"})
	if err != nil {
		t.Fatalf("inspect output does not parse as galley JSON: %v", err)
	}
	if arts[0].Title != a.Title || len(arts[0].Body) != len(a.Body) {
		t.Errorf("round trip: %q with %d blocks, want %q with %d", arts[0].Title, len(arts[0].Body), a.Title, len(a.Body))
	}

	t.Run("json lines", func(t *testing.T) {
		inTemp(t)
		write(t, "feed.jsonl", []byte(`{"title": "A", "body": "x"}`+"\n"+`{"title": "B", "body": "y"}`+"\n"))
		code, stdout, stderr := galleyRun(t, nil, "inspect", "feed.jsonl")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		lines := strings.Split(strings.TrimSpace(stdout), "\n")
		if len(lines) != 2 {
			t.Fatalf("%d lines, want 2:\n%s", len(lines), stdout)
		}
		for i, l := range lines {
			var a article.Article
			if err := json.Unmarshal([]byte(l), &a); err != nil || a.Title != string(rune('A'+i)) {
				t.Errorf("line %d: %v, title %q", i+1, err, a.Title)
			}
		}
	})
}

func TestVersion(t *testing.T) {
	code, stdout, _ := galleyRun(t, nil, "version")
	if code != 0 || !strings.HasPrefix(stdout, "galley") || strings.Count(stdout, "\n") != 1 {
		t.Errorf("version: exit %d, %q", code, stdout)
	}
}

func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		code, stdout, stderr := galleyRun(t, nil, "completion", shell)
		if code != 0 {
			t.Errorf("completion %s: exit %d: %s", shell, code, stderr)
			continue
		}
		if !strings.Contains(stdout, "galley") {
			t.Errorf("completion %s: output does not mention galley", shell)
		}
	}
	code, stdout, _ := galleyRun(t, nil, "completion", "bash")
	if code != 0 || !strings.Contains(stdout, "bash completion") {
		t.Errorf("completion bash: exit %d, output starts %.60q", code, stdout)
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"export", "--help"}, {"help", "export"}} {
		code, stdout, _ := galleyRun(t, nil, args...)
		if code != 0 || !strings.Contains(stdout, "galley") {
			t.Errorf("%v: exit %d, %d bytes", args, code, len(stdout))
		}
	}
}
