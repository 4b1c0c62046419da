package batch

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func mfLine(r Record) string {
	b, err := json.Marshal(r)
	if err != nil {
		panic(err)
	}
	return string(b) + "\n"
}

func TestManifestName(t *testing.T) {
	cases := []struct {
		shard, shards int
		want          string
	}{
		{0, 0, "manifest.jsonl"},
		{1, 1, "manifest.jsonl"},
		{1, 3, "manifest-1-of-3.jsonl"},
		{3, 3, "manifest-3-of-3.jsonl"},
		{12, 16, "manifest-12-of-16.jsonl"},
	}
	for _, c := range cases {
		if got := manifestName(c.shard, c.shards); got != c.want {
			t.Errorf("manifestName(%d, %d) = %q, want %q", c.shard, c.shards, got, c.want)
		}
		if !IsOutputName(c.want) {
			t.Errorf("%s is not skipped as galley's output by folder walks", c.want)
		}
	}
}

// TestLoadManifest: the last record of each input wins; lines that are
// not records (a torn last line, blank lines, garbage) are ignored.
func TestLoadManifest(t *testing.T) {
	a1 := Record{Input: "a.md", Output: "a-1.pdf", Status: StatusOK, Pages: 1, InputHash: "h1", OptionsHash: "o"}
	a2 := Record{Input: "a.md", Output: "a-1.pdf", Status: StatusSkipped, Pages: 1, InputHash: "h1", OptionsHash: "o"}
	a3 := Record{Input: "a.md", Status: StatusFailed, Error: "boom"}
	b1 := Record{Input: "b.md", Output: "b-2.pdf", Status: StatusOK, Pages: 3, InputHash: "h2", OptionsHash: "o"}
	long := Record{Input: "c.md", Status: StatusFailed, Error: strings.Repeat("x", 200<<10)} // longer than bufio's default line
	cases := []struct {
		name    string
		content *string // nil: no file
		want    map[string]Record
	}{
		{"no manifest", nil, map[string]Record{}},
		{"empty", ptr(""), map[string]Record{}},
		{"one record", ptr(mfLine(a1)), map[string]Record{"a.md": a1}},
		{"last record wins", ptr(mfLine(a1) + mfLine(b1) + mfLine(a2)), map[string]Record{"a.md": a2, "b.md": b1}},
		{"a later failure wins", ptr(mfLine(a1) + mfLine(a3)), map[string]Record{"a.md": a3}},
		{"torn last line", ptr(mfLine(a1) + mfLine(b1) + mfLine(a3)[:30]), map[string]Record{"a.md": a1, "b.md": b1}},
		{"torn line, then records on a fresh line", ptr(mfLine(a1) + mfLine(a3)[:30] + "\n" + mfLine(b1)),
			map[string]Record{"a.md": a1, "b.md": b1}},
		{"blank lines and garbage", ptr("\n" + mfLine(a1) + "\n\nnot json\n[1,2]\n{}\n" + mfLine(b1)),
			map[string]Record{"a.md": a1, "b.md": b1}},
		{"a record without input", ptr(mfLine(Record{Status: StatusOK, Output: "x.pdf"}) + mfLine(b1)), map[string]Record{"b.md": b1}},
		{"no final newline", ptr(strings.TrimSuffix(mfLine(a1)+mfLine(b1), "\n")), map[string]Record{"a.md": a1, "b.md": b1}},
		{"CRLF lines", ptr(strings.ReplaceAll(mfLine(a1)+mfLine(b1), "\n", "\r\n")), map[string]Record{"a.md": a1, "b.md": b1}},
		{"a long line", ptr(mfLine(long) + mfLine(b1)), map[string]Record{"b.md": b1, "c.md": long}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "manifest.jsonl")
			if c.content != nil {
				if err := os.WriteFile(p, []byte(*c.content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, err := loadManifest(p)
			if err != nil {
				t.Fatalf("loadManifest: %v", err)
			}
			if len(got) != len(c.want) {
				t.Errorf("%d inputs, want %d: %v", len(got), len(c.want), keys(got))
			}
			for k, w := range c.want {
				g, ok := got[k]
				if !ok {
					t.Errorf("no record for %s", k)
					continue
				}
				if fmt.Sprint(g) != fmt.Sprint(w) {
					t.Errorf("%s: %+v, want %+v", k, trunc(g), trunc(w))
				}
			}
		})
	}
}

func ptr(s string) *string { return &s }

func keys(m map[string]Record) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func trunc(r Record) Record {
	if len(r.Error) > 40 {
		r.Error = r.Error[:40] + "…"
	}
	return r
}

// TestManifestAppend: records are appended as whole lines, a torn last
// line of a killed run is closed first, and a reload sees the new records.
func TestManifestAppend(t *testing.T) {
	a := Record{Input: "a.md", Output: "a.pdf", Status: StatusOK, Pages: 2}
	b := Record{Input: "b.md", Status: StatusFailed, Error: "no article text found"}
	torn := mfLine(a)[:25]
	cases := []struct {
		name     string
		existing *string
		want     string // the file after b is appended
	}{
		{"new file", nil, mfLine(b)},
		{"empty file", ptr(""), mfLine(b)},
		{"whole lines", ptr(mfLine(a)), mfLine(a) + mfLine(b)},
		{"torn last line", ptr(mfLine(a) + torn), mfLine(a) + torn + "\n" + mfLine(b)},
		{"only a torn line", ptr(torn), torn + "\n" + mfLine(b)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "sub", "manifest.jsonl")
			if c.existing != nil {
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(*c.existing), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			m, err := openManifest(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := m.write(b); err != nil {
				t.Fatal(err)
			}
			if err := m.Close(); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if string(data) != c.want {
				t.Errorf("manifest:\n%q\nwant\n%q", data, c.want)
			}
			got, err := loadManifest(p)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got["b.md"]) != fmt.Sprint(b) {
				t.Errorf("reloaded %+v, want %+v", got["b.md"], b)
			}
		})
	}
}

// TestManifestConcurrentWrites: records written at once from many
// goroutines come out as whole lines, none lost.
func TestManifestConcurrentWrites(t *testing.T) {
	p := filepath.Join(t.TempDir(), "manifest.jsonl")
	m, err := openManifest(p)
	if err != nil {
		t.Fatal(err)
	}
	const n = 200
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Go(func() {
			r := Record{Input: fmt.Sprintf("item-%03d", i), Status: StatusOK, Warnings: []string{strings.Repeat("w", i*37)}}
			if err := m.write(r); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != n {
		t.Fatalf("%d lines, want %d", len(lines), n)
	}
	for _, l := range lines {
		var r Record
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("line %.60q…: %v", l, err)
		}
	}
	got, err := loadManifest(p)
	if err != nil || len(got) != n {
		t.Errorf("reloaded %d records (%v), want %d", len(got), err, n)
	}
}
