package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.pdf")
	if err := Write(path, ".t-", func(w io.Writer) error { _, err := w.Write([]byte("good")); return err }); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(path, ".t-", func(w io.Writer) error { w.Write([]byte("half")); return boom })
	if !errors.Is(err, boom) {
		t.Errorf("error %v, want boom", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "good" {
		t.Errorf("a failed write replaced the file: %q", b)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", st.Mode())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d files left, want only out.pdf", len(entries))
	}
}

// TestNoFileBeforeFirstWrite: nothing is created in the folder until
// fill writes, so a process killed while it computes leaves nothing.
func TestNoFileBeforeFirstWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.pdf")
	err := Write(path, ".x-", func(w io.Writer) error {
		if ents, _ := os.ReadDir(dir); len(ents) != 0 {
			t.Errorf("before the first write the folder holds %v", ents)
		}
		_, err := w.Write([]byte("whole"))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "whole" {
		t.Errorf("file holds %q", b)
	}
	empty := filepath.Join(dir, "empty")
	if err := Write(empty, ".x-", func(io.Writer) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(empty); err != nil || st.Size() != 0 {
		t.Errorf("a fill that writes nothing: %v, %v", st, err)
	}
}

func TestWriteWaiting(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.pdf")
	calls := 0
	wait := func(sync func() error) error { calls++; return sync() }
	if err := WriteWaiting(path, ".w-", func(w io.Writer) error { _, err := w.Write([]byte("synced")); return err }, wait); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "synced" || calls != 1 {
		t.Errorf("file holds %q after %d waits, want %q after 1", b, calls, "synced")
	}
	// a sync that fails leaves the old file and no temporary one
	disk := errors.New("disk gone")
	err := WriteWaiting(path, ".w-", func(w io.Writer) error { _, err := w.Write([]byte("lost")); return err },
		func(sync func() error) error { sync(); return disk })
	if !errors.Is(err, disk) {
		t.Errorf("error %v, want the sync's", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "synced" {
		t.Errorf("a failed sync replaced the file: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files left, want only out.pdf", len(entries))
	}
}
