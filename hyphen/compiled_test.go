package hyphen

import (
	"bytes"
	"errors"
	"os"
	"runtime"
	"testing"

	"github.com/galleyprint/galley/internal/golden"
)

// TestCompiledPatterns: every embedded language's compiled file is what
// its pattern text compiles to now (`go test ./hyphen -update` rewrites
// them), reads back to the same trie, and a damaged copy is an error, not
// a panic.
func TestCompiledPatterns(t *testing.T) {
	for _, h := range languages {
		pat, err := os.ReadFile("patterns/hyph-" + h.name + ".pat.txt")
		if err != nil {
			t.Fatal(err)
		}
		hyp, _ := os.ReadFile("patterns/hyph-" + h.name + ".hyp.txt") // optional
		p, err := parsePatterns(string(pat), string(hyp))
		if err != nil {
			t.Fatalf("%s: %v", h.tag, err)
		}
		want := p.marshal()
		path := "patterns/hyph-" + h.name + ".trie"
		if *golden.Update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := files.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v (go test ./hyphen -update writes it)", h.tag, err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%s: %s is stale: its patterns compile to something else; run go test ./hyphen -update", h.tag, path)
		}
		back, err := unmarshalPatterns(got)
		if err != nil {
			t.Fatalf("%s: %v", h.tag, err)
		}
		if !bytes.Equal(back.marshal(), want) {
			t.Fatalf("%s: reading %s back gives other patterns", h.tag, path)
		}
		for _, cut := range []int{0, 5, 300, len(got) / 2, len(got) - 1} {
			if _, err := unmarshalPatterns(got[:cut]); !errors.Is(err, errCompiled) {
				t.Errorf("%s cut at %d bytes: %v, want errCompiled", h.tag, cut, err)
			}
		}
		// a state whose children would lie past the table
		broken := bytes.Clone(got)
		at := len(compiledMagic) + 256 + 2 + 5*len(back.hi) + 4 // the root state's base
		copy(broken[at:], []byte{0xff, 0xff, 0xff, 0x7f})
		if _, err := unmarshalPatterns(broken); !errors.Is(err, errCompiled) {
			t.Errorf("%s with a root past the table: %v, want errCompiled", h.tag, err)
		}
	}
}

// TestFirstUseCopiesNoFile: a language's first use decodes its compiled
// patterns as it reads them, allocating the tables it keeps and little
// else, not a copy of the file as well (American English: 114 KB).
func TestFirstUseCopiesNoFile(t *testing.T) {
	h := &Hyphenator{tag: "en-US", name: "en-us", left: 2, right: 3}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p := h.load()
	runtime.ReadMemStats(&after)
	kept := uint64(12*len(p.st) + 2*len(p.d) + 5*len(p.hi))
	if got := after.TotalAlloc - before.TotalAlloc; got > kept+16<<10 {
		t.Errorf("first use allocated %d KB for tables of %d KB", got>>10, kept>>10)
	}
	if pts := h.Points("hyphenation"); len(pts) == 0 {
		t.Error("no points in hyphenation")
	}
}
