package main

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBatchResumeAfterKill kills `galley batch` with SIGKILL at random
// moments, reruns it, and checks that the final outputs are byte for byte
// those of an uninterrupted run, with no temporary file left.
func TestBatchResumeAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds galley and runs it many times")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "galley")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	src := filepath.Join(dir, "archive")
	os.MkdirAll(src, 0o755)
	for i := range 80 {
		var b strings.Builder
		fmt.Fprintf(&b, "+++\ntitle = \"Archived story number %d\"\nauthors = [\"Reporter %d\"]\ndate = 2021-03-%02d\n+++\n\n", i, i%7, 1+i%28)
		for p := range 6 {
			fmt.Fprintf(&b, "Paragraph %d of story %d tells what the council decided and why the harbour matters to the town.\n\n", p, i)
		}
		os.WriteFile(filepath.Join(src, fmt.Sprintf("story-%03d.md", i)), []byte(b.String()), 0o644)
	}
	batch := func(out string) *exec.Cmd {
		return exec.Command(bin, "batch", src, "-o", out, "-j", "2", "-q", "--book", filepath.Join(out, "book.pdf"))
	}
	ref := filepath.Join(dir, "ref")
	if out, err := batch(ref).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted run: %v\n%s", err, out)
	}

	got := filepath.Join(dir, "got")
	rng := rand.New(rand.NewSource(1))
	for round := range 6 {
		cmd := batch(got)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(20+rng.Intn(400)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		t.Logf("round %d: %d files after the kill", round, countPDFs(got))
	}
	if out, err := batch(got).CombinedOutput(); err != nil {
		t.Fatalf("final run: %v\n%s", err, out)
	}
	want, _ := filepath.Glob(filepath.Join(ref, "*.pdf"))
	if len(want) != 81 {
		t.Fatalf("reference run wrote %d PDFs, want 80 articles and the book", len(want))
	}
	for _, w := range want {
		a, _ := os.ReadFile(w)
		b, err := os.ReadFile(filepath.Join(got, filepath.Base(w)))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs from the uninterrupted run (%v)", filepath.Base(w), err)
		}
	}
	entries, _ := os.ReadDir(got)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".galley-tmp") || strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func countPDFs(dir string) int {
	m, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	return len(m)
}
