package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

func TestByteSizeFlag(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64 // 0: refused
	}{
		{"64MB", 64 << 20},
		{"64mb", 64 << 20},
		{"64 MB", 64 << 20},
		{"64M", 64 << 20},
		{"64MiB", 64 << 20},
		{"1.5GB", 3 << 29},
		{"512KB", 512 << 10},
		{"100000", 100000},
		{"100000B", 100000},
		{"0", 0},
		{"-1MB", 0},
		{"MB", 0},
		{"lots", 0},
		{"0.1B", 0},
		{"1e30GB", 0},
		{"NaN", 0},
		{"Inf", 0},
	} {
		var s byteSize
		err := s.Set(c.in)
		switch {
		case c.want == 0 && err == nil:
			t.Errorf("%q: %d, want an error", c.in, s)
		case c.want != 0 && (err != nil || int64(s) != c.want):
			t.Errorf("%q: %d, %v; want %d", c.in, s, err, c.want)
		}
	}
	for n, want := range map[int64]string{64 << 20: "64MB", 1 << 30: "1GB", 3 << 29: "1.5GB", 700 << 10: "700KB", 12: "12B"} {
		if s := byteSize(n); s.String() != want {
			t.Errorf("%d: %q, want %q", n, s.String(), want)
		}
	}
}

// TestMaxInput: a file over the limit is refused from its size, before it
// is read, with a message naming its size, the limit and the flag that
// raises it; standard input is refused as soon as it passes the limit;
// --max-input raises (or lowers) the limit for export, preview, inspect
// and batch.
func TestMaxInput(t *testing.T) {
	seed := seedPath(t)
	seedData, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	dir := inTemp(t)
	// 1 GB that is never read: a sparse file
	if err := os.WriteFile("huge.txt", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate("huge.txt", 1<<30); err != nil {
		t.Fatal(err)
	}
	write(t, "story.txt", seedData) // over 1 KB, under 1 MB

	for _, c := range []struct {
		name  string
		stdin []byte
		args  []string
		code  int
		want  string // in stderr
	}{
		{"a huge file", nil, []string{"export", "huge.txt", "-o", "out.pdf"}, exitFailed,
			"huge.txt: input too large: 1 GB, over the 64 MB input limit; --max-input 1GB raises it"},
		{"inspect", nil, []string{"inspect", "huge.txt"}, exitFailed,
			"huge.txt: input too large: 1 GB, over the 64 MB input limit; --max-input 1GB raises it"},
		{"preview", nil, []string{"preview", "huge.txt", "-o", "pages"}, exitFailed,
			"huge.txt: input too large: 1 GB, over the 64 MB input limit; --max-input 1GB raises it"},
		{"lowered", nil, []string{"export", "story.txt", "--max-input", "1KB", "-o", "out.pdf"}, exitFailed,
			"over the 1 KB input limit; --max-input "},
		{"stdin", seedData, []string{"export", "-", "--max-input", "1KB", "-o", "out.pdf"}, exitFailed,
			"stdin: input too large: over the 1 KB input limit; --max-input 2KB raises it"},
		{"raised", nil, []string{"export", "story.txt", "--max-input", "1MB", "-o", "out.pdf"}, exitOK, ""},
		{"bad size", nil, []string{"export", "story.txt", "--max-input", "big"}, exitUsage, `"big" is not a size`},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := galleyRun(t, c.stdin, c.args...)
			if code != c.code || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want %d with %q", code, stderr, c.code, c.want)
			}
			if c.code != exitOK && stdout != "" {
				t.Errorf("stdout %q", stdout)
			}
		})
	}
	os.Remove("out.pdf")
	noTemps(t, dir)

	// batch: the file over the limit fails with its manifest line; the
	// other prints
	code, _, stderr := galleyRun(t, nil, "batch", "story.txt", "huge.txt", "-o", "out", "-q")
	manifest, _ := os.ReadFile("out/manifest.jsonl")
	status := map[string]string{}
	for _, line := range bytes.Split(bytes.TrimSpace(manifest), []byte("\n")) {
		var r struct{ Input, Status, Error string }
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatalf("manifest line %q: %v", line, err)
		}
		status[r.Input] = strings.TrimSpace(r.Status + " " + r.Error)
	}
	base := filepath.Base(dir)
	if code != exitFailed || status[base+"/story.txt"] != "ok" ||
		!strings.HasSuffix(status[base+"/huge.txt"], "huge.txt: input too large: 1024 MB, over the 64 MB input limit; --max-input raises it") {
		t.Errorf("batch: exit %d, records %q; stderr %s", code, status, stderr)
	}
}

// TestReadInputOnce: a file is read into a buffer of its size, which
// never grows, however its reads come.
func TestReadInputOnce(t *testing.T) {
	data := bytes.Repeat([]byte("harbour lantern quiet morning\n"), 40000)
	for _, r := range []struct {
		name string
		read func() ([]byte, error)
	}{
		{"file", func() ([]byte, error) {
			p := t.TempDir() + "/in.txt"
			os.WriteFile(p, data, 0o644)
			return readInput(&env{}, p, defaultMaxInput)
		}},
		{"one byte at a time, size known", func() ([]byte, error) {
			return readLimited(iotest.OneByteReader(bytes.NewReader(data)), defaultMaxInput, int64(len(data)))
		}},
	} {
		got, err := r.read()
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("%s: %d bytes, %v", r.name, len(got), err)
		}
		if cap(got) != len(data)+1 {
			t.Errorf("%s: buffer of %d bytes for %d: it grew", r.name, cap(got), len(data))
		}
	}
	got, err := readLimited(iotest.HalfReader(bytes.NewReader(data)), defaultMaxInput, 0) // size unknown
	if err != nil || !bytes.Equal(got, data) {
		t.Errorf("size unknown: %d bytes, %v", len(got), err)
	}
	if _, err := readLimited(bytes.NewReader(data), int64(len(data))-1, int64(len(data))); err == nil {
		t.Error("a reader longer than the limit was read")
	}
	if got, err := readLimited(bytes.NewReader(data), int64(len(data)), int64(len(data))); err != nil || len(got) != len(data) {
		t.Errorf("a reader as long as the limit: %v", err)
	}
}

// TestMaxPages: an article that needs more pages than --max-pages fails
// with the limit and the flag that raises it, and leaves no PDF; 0 lifts
// the limit; a negative limit is a usage error.
func TestMaxPages(t *testing.T) {
	inTemp(t)
	para := strings.Repeat("A sentence of a long story that goes on. ", 30)
	write(t, "story.txt", []byte("A long story\n\n"+strings.Repeat(para+"\n\n", 20))) // three pages or so
	for _, c := range []struct {
		name string
		args []string
		code int
		want string // in stderr
	}{
		{"over the limit", []string{"export", "story.txt", "--max-pages", "1", "-o", "out.pdf"}, exitFailed,
			"story.txt: too many pages: more than 1; --max-pages 2 raises the limit (0: none)"},
		{"preview over the limit", []string{"preview", "story.txt", "--max-pages", "1", "-o", "pages"}, exitFailed,
			"--max-pages 2 raises the limit"},
		{"no limit", []string{"export", "story.txt", "--max-pages", "0", "-o", "out.pdf"}, exitOK, ""},
		{"negative", []string{"export", "story.txt", "--max-pages", "-1"}, exitUsage, "--max-pages -1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			os.Remove("out.pdf")
			code, _, stderr := galleyRun(t, nil, c.args...)
			if code != c.code || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want %d with %q", code, stderr, c.code, c.want)
			}
			if _, err := os.Stat("out.pdf"); (err == nil) != (c.code == exitOK && c.args[0] == "export") {
				t.Errorf("out.pdf there: %v, want it only after a successful export", err == nil)
			}
		})
	}
}
