package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBatchRerunFromElsewhere: `galley batch blog -o out`, then from
// another folder `galley batch /abs/blog -o /abs/out`, skips every
// article, as does ./blog/ from the first folder.
func TestBatchRerunFromElsewhere(t *testing.T) {
	seed, err := os.ReadFile(seedPath(t))
	if err != nil {
		t.Fatal(err)
	}
	root := inTemp(t)
	for _, p := range []string{"blog/one.txt", "blog/2024/two.txt", "blog/2024/03/three.txt"} {
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(strings.Replace(string(seed), "\n", " "+p+"\n", 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, stderr := galleyRun(t, nil, "batch", "blog", "-o", "out")
	if code != exitOK || !strings.Contains(stderr, "3 printed, 0 unchanged, 0 failed of 3") {
		t.Fatalf("first run: exit %d\n%s", code, stderr)
	}
	t.Chdir(t.TempDir())
	for _, args := range [][]string{
		{filepath.Join(root, "blog"), "-o", filepath.Join(root, "out")},
		{filepath.Join(root, "blog") + "/", "-o", filepath.Join(root, "out") + "/"},
	} {
		code, _, stderr = galleyRun(t, nil, append([]string{"batch"}, args...)...)
		if code != exitOK || !strings.Contains(stderr, "0 printed, 3 unchanged, 0 failed of 3") {
			t.Errorf("batch %s from elsewhere: exit %d\n%s", strings.Join(args, " "), code, stderr)
		}
	}
	t.Chdir(root)
	code, _, stderr = galleyRun(t, nil, "batch", "./blog/", "-o", "./out")
	if code != exitOK || !strings.Contains(stderr, "0 printed, 3 unchanged, 0 failed of 3") {
		t.Errorf("batch ./blog/: exit %d\n%s", code, stderr)
	}
	if pdfs, _ := filepath.Glob(filepath.Join(root, "out", "*.pdf")); len(pdfs) != 3 {
		t.Errorf("%d PDFs, want 3: %v", len(pdfs), pdfs)
	}
}

// TestBatchDanglingLink: a dangling symbolic link in a batch folder is a
// failed article with its manifest line and the reason, not skipped in
// silence.
func TestBatchDanglingLink(t *testing.T) {
	seed, err := os.ReadFile(seedPath(t))
	if err != nil {
		t.Fatal(err)
	}
	inTemp(t)
	os.MkdirAll("blog", 0o755)
	os.WriteFile("blog/story.txt", seed, 0o644)
	if err := os.Symlink("../moved/away.md", "blog/away.md"); err != nil {
		t.Skip("no symbolic links:", err)
	}
	code, _, stderr := galleyRun(t, nil, "batch", "blog", "-o", "out")
	if code != exitFailed || !strings.Contains(stderr, "failed blog/away.md: ") ||
		!strings.Contains(stderr, "dangling symbolic link to ../moved/away.md") ||
		!strings.Contains(stderr, "1 printed, 0 unchanged, 1 failed of 2") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	manifest, _ := os.ReadFile("out/manifest.jsonl")
	if !strings.Contains(string(manifest), `"input":"blog/away.md","status":"failed","error":"`) ||
		!strings.Contains(string(manifest), "dangling symbolic link to ../moved/away.md") {
		t.Errorf("manifest:\n%s", manifest)
	}
}
