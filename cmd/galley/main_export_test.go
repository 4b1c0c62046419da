package main

// Tests of galley export: output names and files, several inputs,
// failures, creation dates and reproducible bytes.

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/internal/pdftext"
)

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
