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

func TestExportDefaultName(t *testing.T) {
	seed := seedPath(t)
	want := galley.Slug(seedTitle(t)) + ".pdf"
	dir := inTemp(t)
	code, stdout, stderr := galleyRun(t, nil, "export", seed)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout %q, want nothing", stdout)
	}
	if !strings.HasPrefix(want, "south-korean-intelligence-says-kim-jong-un-supplied-russia-with-one-million") {
		t.Errorf("seed slug %q", want)
	}
	if got := files(t, dir); !slices.Equal(got, []string{want}) {
		t.Fatalf("files %v, want [%s]", got, want)
	}
	readPDF(t, want)
}

func TestExportOutput(t *testing.T) {
	seed := seedPath(t)
	name := galley.Slug(seedTitle(t)) + ".pdf"

	t.Run("file", func(t *testing.T) {
		dir := inTemp(t)
		if code, _, stderr := galleyRun(t, nil, "export", seed, "-o", "story.pdf"); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		readPDF(t, "story.pdf")
		if got := files(t, dir); !slices.Equal(got, []string{"story.pdf"}) {
			t.Errorf("files %v", got)
		}
	})
	t.Run("file in a subfolder", func(t *testing.T) {
		inTemp(t)
		os.Mkdir("sub", 0o755)
		if code, _, stderr := galleyRun(t, nil, "export", seed, "-o", filepath.Join("sub", "x.pdf")); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		readPDF(t, filepath.Join("sub", "x.pdf"))
		noTemps(t, "sub")
	})
	t.Run("replaces an existing file", func(t *testing.T) {
		inTemp(t)
		write(t, "story.pdf", []byte("old"))
		if code, _, stderr := galleyRun(t, nil, "export", seed, "-o", "story.pdf"); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		readPDF(t, "story.pdf")
		st, _ := os.Stat("story.pdf")
		if st.Mode().Perm() != 0o644 {
			t.Errorf("mode %v, want 0644", st.Mode().Perm())
		}
		noTemps(t, ".")
	})
	t.Run("new folder with slash", func(t *testing.T) {
		inTemp(t)
		if code, _, stderr := galleyRun(t, nil, "export", seed, "-o", "out/"); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		readPDF(t, filepath.Join("out", name))
		if got := files(t, "out"); len(got) != 1 {
			t.Errorf("out holds %v", got)
		}
	})
	t.Run("existing folder", func(t *testing.T) {
		inTemp(t)
		os.Mkdir("pdfs", 0o755)
		if code, _, stderr := galleyRun(t, nil, "export", seed, "-o", "pdfs"); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		readPDF(t, filepath.Join("pdfs", name))
	})
	t.Run("stdout", func(t *testing.T) {
		dir := inTemp(t)
		code, stdout, stderr := galleyRun(t, nil, "export", seed, "-o", "-")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		checkPDF(t, "stdout", []byte(stdout))
		if got := files(t, dir); len(got) > 0 {
			t.Errorf("-o - wrote files %v", got)
		}
	})
	t.Run("stdin", func(t *testing.T) {
		dir := inTemp(t)
		data, err := os.ReadFile(seed)
		if err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := galleyRun(t, data, "export", "-")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if stdout != "" {
			t.Errorf("stdout has %d bytes, want nothing", len(stdout))
		}
		if got := files(t, dir); !slices.Equal(got, []string{name}) {
			t.Fatalf("files %v, want [%s]", got, name)
		}
		// stdin to stdout gives the same PDF as the file
		_, fromStdin, _ := galleyRun(t, data, "export", "-", "-o", "-")
		if !bytes.Equal([]byte(fromStdin), readPDF(t, name)) {
			t.Error("`export - -o -` differs from `export -`")
		}
	})
	t.Run("output into a missing folder fails cleanly", func(t *testing.T) {
		dir := inTemp(t)
		code, _, stderr := galleyRun(t, nil, "export", seed, "-o", filepath.Join("missing", "x.pdf"))
		if code != exitFailed {
			t.Errorf("exit %d, want 1", code)
		}
		oneLine(t, stderr, seed)
		if got := files(t, dir); len(got) > 0 {
			t.Errorf("files %v", got)
		}
	})
}

func TestExportSeveral(t *testing.T) {
	seed := seedPath(t)
	seedName := galley.Slug(seedTitle(t)) + ".pdf"

	t.Run("inputs into a new folder", func(t *testing.T) {
		inTemp(t)
		write(t, "b.json", []byte(`{"title": "Second Story", "body": "Some text here."}`))
		write(t, "c.txt", []byte("Third Story\n\nMore text here.\n"))
		code, _, stderr := galleyRun(t, nil, "export", seed, "b.json", "c.txt", "-o", "out")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		want := []string{seedName, "second-story.pdf", "third-story.pdf"}
		slices.Sort(want)
		if got := files(t, "out"); !slices.Equal(got, want) {
			t.Fatalf("out holds %v, want %v", got, want)
		}
		for _, n := range want {
			readPDF(t, filepath.Join("out", n))
		}
	})
	t.Run("colliding titles", func(t *testing.T) {
		inTemp(t)
		write(t, "a.txt", []byte("Same Title\n\nFirst text.\n"))
		write(t, "b.txt", []byte("Same Title\n\nSecond text.\n"))
		code, _, stderr := galleyRun(t, nil, "export", "a.txt", "b.txt", "-o", "out/")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		got := files(t, "out")
		if len(got) != 2 || got[0] == got[1] {
			t.Fatalf("out holds %v, want two distinct PDFs", got)
		}
		one := readPDF(t, filepath.Join("out", got[0]))
		two := readPDF(t, filepath.Join("out", got[1]))
		if bytes.Equal(one, two) {
			t.Error("the two PDFs are the same")
		}
	})
	t.Run("colliding titles and a title like a numbered name", func(t *testing.T) {
		// "Report", "Report", "Report 2": the second Report must not take
		// the name of the third, or one PDF overwrites another.
		inTemp(t)
		write(t, "feed.jsonl", []byte(
			`{"title": "Report", "body": "one"}`+"\n"+
				`{"title": "Report", "body": "two"}`+"\n"+
				`{"title": "Report 2", "body": "three"}`+"\n"))
		code, _, stderr := galleyRun(t, nil, "export", "feed.jsonl", "-o", "out")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if got := files(t, "out"); len(got) != 3 {
			t.Errorf("3 articles gave %d PDFs %v: one overwrote another", len(got), got)
		}
	})
	t.Run("json lines", func(t *testing.T) {
		inTemp(t)
		write(t, "feed.jsonl", []byte(
			`{"title": "Alpha", "body": "First article."}`+"\n"+
				`{"title": "Beta", "body": [{"type": "paragraph", "text": "Second article."}]}`+"\n"+
				"\n"+
				`{"headline": "Gamma", "content": "Third article."}`+"\n"))
		code, _, stderr := galleyRun(t, nil, "export", "feed.jsonl", "-o", "out")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		want := []string{"alpha.pdf", "beta.pdf", "gamma.pdf"}
		if got := files(t, "out"); !slices.Equal(got, want) {
			t.Fatalf("out holds %v, want %v", got, want)
		}
		for _, n := range want {
			readPDF(t, filepath.Join("out", n))
		}
	})
	t.Run("json lines to stdout is a usage error", func(t *testing.T) {
		dir := inTemp(t)
		write(t, "feed.jsonl", []byte(`{"title": "A", "body": "x"}`+"\n"+`{"title": "B", "body": "y"}`+"\n"))
		code, stdout, stderr := galleyRun(t, nil, "export", "feed.jsonl", "-o", "-")
		if code != exitUsage {
			t.Errorf("exit %d, want 2", code)
		}
		if stdout != "" {
			t.Errorf("stdout has %d bytes", len(stdout))
		}
		if !strings.Contains(stderr, "2 articles") {
			t.Errorf("stderr %q", stderr)
		}
		if got := files(t, dir); !slices.Equal(got, []string{"feed.jsonl"}) {
			t.Errorf("files %v", got)
		}
	})
	t.Run("several inputs to stdout is a usage error", func(t *testing.T) {
		inTemp(t)
		code, stdout, _ := galleyRun(t, nil, "export", seed, seed, "-o", "-")
		if code != exitUsage || stdout != "" {
			t.Errorf("exit %d, %d bytes on stdout; want 2 and nothing", code, len(stdout))
		}
	})
	t.Run("one failing input of two", func(t *testing.T) {
		inTemp(t)
		write(t, "empty.txt", nil)
		code, _, stderr := galleyRun(t, nil, "export", seed, "empty.txt", "-o", "out")
		if code != exitFailed {
			t.Errorf("exit %d, want 1", code)
		}
		oneLine(t, stderr, "empty.txt", "no article text found")
		// with several inputs -o is a folder, even when only one of them
		// could be read
		if !isDir("out") {
			t.Fatalf("-o out with two inputs, one failing: out is not a folder (files here: %v)", files(t, "."))
		}
		if got := files(t, "out"); !slices.Equal(got, []string{seedName}) {
			t.Errorf("out holds %v, want the good input's PDF only", got)
		}
	})
}

// TestFailedExportKeepsFile: a failed export leaves the existing -o file as
// it was and no temporary file. Export itself never fails after a
// successful parse for any input found, so the failure comes from the input
// (parse) and from the destination (no folder to write into).
func TestFailedExportKeepsFile(t *testing.T) {
	seed := seedPath(t)
	good := []byte("%PDF-1.4 a good file from before\n%%EOF\n")
	for _, tt := range []struct{ name, input string }{
		{"unparsable input", "bad.json"},
		{"empty input", "empty.txt"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := inTemp(t)
			write(t, "bad.json", []byte(`{"title": 1, "body": "x"}`))
			write(t, "empty.txt", nil)
			write(t, "story.pdf", good)
			code, _, stderr := galleyRun(t, nil, "export", tt.input, "-o", "story.pdf")
			if code != exitFailed {
				t.Errorf("exit %d, want 1", code)
			}
			oneLine(t, stderr, tt.input)
			if data, _ := os.ReadFile("story.pdf"); !bytes.Equal(data, good) {
				t.Error("the existing story.pdf was changed")
			}
			noTemps(t, dir)
		})
	}
	t.Run("folder in the way", func(t *testing.T) {
		// -o names a folder path under a regular file: nothing can be
		// written; the file must stay.
		dir := inTemp(t)
		write(t, "story.pdf", good)
		code, _, _ := galleyRun(t, nil, "export", seed, "-o", filepath.Join("story.pdf", "x.pdf"))
		if code == exitOK {
			t.Error("exit 0 writing under a regular file")
		}
		if data, _ := os.ReadFile("story.pdf"); !bytes.Equal(data, good) {
			t.Error("the existing story.pdf was changed")
		}
		noTemps(t, dir)
	})
}

// TestUnknownLanguage: a well-formed language tag galley knows nothing of
// prints, but not silently: a warning names it.
func TestUnknownLanguage(t *testing.T) {
	seed := seedPath(t)
	inTemp(t)
	code, stdout, stderr := galleyRun(t, nil, "export", "--lang", "zz-ZZ", seed, "-o", "-")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	checkPDF(t, "stdout", []byte(stdout))
	if !strings.Contains(stderr, `galley: warning: `+seed+`: lang "zz-ZZ" is well-formed but not a language galley knows`) {
		t.Errorf("no warning about zz-ZZ; stderr:\n%s", stderr)
	}
}

func TestCreationDate(t *testing.T) {
	seed := seedPath(t)
	export := func(t *testing.T, args ...string) []byte {
		t.Helper()
		code, stdout, stderr := galleyRun(t, nil, append([]string{"export", seed, "-o", "-", "-q"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		checkPDF(t, "stdout", []byte(stdout))
		return []byte(stdout)
	}
	inTemp(t)
	t.Run("--date day", func(t *testing.T) {
		if pdf := export(t, "--date", "2024-03-01"); !bytes.Contains(pdf, []byte("D:20240301000000")) {
			t.Error("no D:20240301000000 in the PDF")
		}
	})
	t.Run("--date RFC 3339", func(t *testing.T) {
		if pdf := export(t, "--date", "2024-03-01T12:34:56Z"); !bytes.Contains(pdf, []byte("D:20240301123456")) {
			t.Error("no D:20240301123456 in the PDF")
		}
	})
	t.Run("SOURCE_DATE_EPOCH", func(t *testing.T) {
		t.Setenv("SOURCE_DATE_EPOCH", "1700000000") // 2023-11-14 22:13:20 UTC
		if pdf := export(t); !bytes.Contains(pdf, []byte("D:20231114221320")) {
			t.Error("no D:20231114221320 in the PDF")
		}
	})
	t.Run("--date beats SOURCE_DATE_EPOCH", func(t *testing.T) {
		t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
		pdf := export(t, "--date", "2024-03-01")
		if !bytes.Contains(pdf, []byte("D:20240301000000")) || bytes.Contains(pdf, []byte("D:20231114221320")) {
			t.Error("--date did not win over SOURCE_DATE_EPOCH")
		}
	})
	t.Run("default is the article's date", func(t *testing.T) {
		t.Setenv("SOURCE_DATE_EPOCH", "")
		if pdf := export(t); !bytes.Contains(pdf, []byte("D:20231101232000")) {
			t.Error("no D:20231101232000 (the article's date) in the PDF")
		}
	})
}

func TestSameBytes(t *testing.T) {
	seed := seedPath(t)
	inTemp(t)
	t.Setenv("SOURCE_DATE_EPOCH", "")
	for _, out := range []string{"one.pdf", "two.pdf"} {
		if code, _, stderr := galleyRun(t, nil, "export", seed, "-o", out); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	if !bytes.Equal(readPDF(t, "one.pdf"), readPDF(t, "two.pdf")) {
		t.Error("the same input gave different bytes")
	}
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

func TestSlug(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Hello World", "hello-world"},
		{"Café Müller", "cafe-muller"},
		{"Crème brûlée à la carte", "creme-brulee-a-la-carte"},
		{"İstanbul", "istanbul"},
		{"ﬁnancial ﬂows", "financial-flows"}, // ligatures, NFKD
		{"What's next? (Part 2)", "what-s-next-part-2"},
		{"  --Leading, trailing!!  ", "leading-trailing"},
		{"Tab\tand\nnewline", "tab-and-newline"},
		{"Kim Jong-Un: 1,000,000 shells", "kim-jong-un-1-000-000-shells"},
		{"../../etc/passwd", "etc-passwd"},
		{`C:\Windows\system32`, "c-windows-system32"},
		{"a/b\\c:d*e?f\"g<h>i|j", "a-b-c-d-e-f-g-h-i-j"},
		{"東京の天気", ""},
		{"Путин", ""},
		{"", ""},
		{"😀😀😀", ""},
	}
	for _, tt := range tests {
		if got := galley.Slug(tt.title); got != tt.want {
			t.Errorf("galley.Slug(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func TestSlugLength(t *testing.T) {
	titles := map[string]string{
		"200 letters":                strings.Repeat("abcdefghij", 20),
		"200-char title with words":  strings.Repeat("word ", 40),
		"79 letters, then a word":    strings.Repeat("a", 79) + " bcd",
		"78 letters, then a word":    strings.Repeat("a", 78) + " bcd",
		"accented letters to 200":    strings.Repeat("é", 200),
		"long words across the edge": strings.Repeat("x", 40) + " " + strings.Repeat("y", 39) + " zzz",
	}
	for name, title := range titles {
		s := galley.Slug(title)
		if len(s) > 80 {
			t.Errorf("%s: slug is %d bytes, want at most 80: %q", name, len(s), s)
		}
		if s == "" || strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") || strings.Contains(s, "--") {
			t.Errorf("%s: slug %q", name, s)
		}
	}
}

func TestSlugFallbacks(t *testing.T) {
	t.Run("CJK title uses the file name", func(t *testing.T) {
		inTemp(t)
		write(t, "tokyo-weather.json", []byte(`{"title": "東京の天気", "body": "晴れ。"}`))
		code, _, stderr := galleyRun(t, nil, "export", "-q", "tokyo-weather.json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		readPDF(t, "tokyo-weather.pdf")
	})
	t.Run("CJK title from stdin", func(t *testing.T) {
		dir := inTemp(t)
		code, _, stderr := galleyRun(t, []byte(`{"title": "東京の天気", "body": "晴れ。"}`), "export", "-q", "-")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		got := files(t, dir)
		if len(got) != 1 || !strings.HasSuffix(got[0], ".pdf") || strings.HasPrefix(got[0], ".") || strings.HasPrefix(got[0], "-") {
			t.Fatalf("files %v, want one sensibly named PDF", got)
		}
		readPDF(t, got[0])
	})
	t.Run("path traversal title", func(t *testing.T) {
		root := inTemp(t)
		os.Mkdir("work", 0o755)
		t.Chdir("work")
		write(t, "in.json", []byte(`{"title": "../../etc/passwd", "body": "x"}`))
		code, _, stderr := galleyRun(t, nil, "export", "in.json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		readPDF(t, "etc-passwd.pdf")
		if got := files(t, root); !slices.Equal(got, []string{"work"}) {
			t.Errorf("wrote outside the folder: %v", got)
		}
	})
}

// TestSourceDateEpochOutOfRange: a PDF date has a four-digit year, so a
// SOURCE_DATE_EPOCH outside the years 1–9999 must be refused as a usage
// error or give a PDF with a readable creation date, not D:100000101….
func TestSourceDateEpochOutOfRange(t *testing.T) {
	seed := seedPath(t)
	inTemp(t)
	for _, epoch := range []string{"253402300800", "-99999999999"} {
		t.Run(epoch, func(t *testing.T) {
			t.Setenv("SOURCE_DATE_EPOCH", epoch)
			code, stdout, stderr := galleyRun(t, nil, "export", "-q", seed, "-o", "-")
			if code == exitUsage {
				return
			}
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			doc, err := pdftext.Read([]byte(stdout))
			if err != nil {
				t.Fatal(err)
			}
			if d, err := doc.Date("CreationDate"); err != nil {
				t.Errorf("SOURCE_DATE_EPOCH=%s: %v", epoch, err)
			} else if d.Year() < 1 || d.Year() > 9999 {
				t.Errorf("SOURCE_DATE_EPOCH=%s: creation date %v", epoch, d)
			}
		})
	}
}
