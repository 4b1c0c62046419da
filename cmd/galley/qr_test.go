package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestQRWithoutURL: --qr on an article without a URL warns, in export on
// standard error and in batch in the manifest's warnings; the PDF prints.
func TestQRWithoutURL(t *testing.T) {
	const story = "Harbour Lights Return\n\nThe lights came back on along the quay on Monday night, after a month of repairs to the old cables.\n"
	t.Run("export", func(t *testing.T) {
		dir := inTemp(t)
		write(t, "story.txt", []byte(story))
		code, _, stderr := galleyRun(t, nil, "export", "story.txt", "--qr", "-o", "story.pdf")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		oneLine(t, stderr, "warning", "story.txt", "no QR code printed: the article has no URL")
		checkPDF(t, "story.pdf", readPDF(t, filepath.Join(dir, "story.pdf")))
	})
	t.Run("batch", func(t *testing.T) {
		dir := inTemp(t)
		write(t, "in/story.txt", []byte(story))
		if code, _, stderr := galleyRun(t, nil, "batch", "in", "--qr", "-q", "-o", "out"); code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		data, err := os.ReadFile(filepath.Join(dir, "out", "manifest.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		var rec struct {
			Status   string   `json:"status"`
			Warnings []string `json:"warnings"`
		}
		if err := json.Unmarshal(data, &rec); err != nil {
			t.Fatalf("%v: %s", err, data)
		}
		if rec.Status != "ok" || len(rec.Warnings) != 1 || !strings.Contains(rec.Warnings[0], "no QR code printed: the article has no URL") {
			t.Errorf("manifest record %s: want status ok and the QR warning", data)
		}
	})
}
