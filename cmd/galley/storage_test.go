package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleyprint/galley/batch/blobstore"
	"github.com/galleyprint/galley/internal/pdftext"
)

// TestBatchStorageNeedsDrivers: without its storage drivers, galley
// batch refuses a storage URL as output, book or source, saying how to
// build a galley that has them.
func TestBatchStorageNeedsDrivers(t *testing.T) {
	if storage != nil {
		t.Skip("built with -tags cloud")
	}
	inTemp(t)
	os.MkdirAll("blog", 0o755)
	for _, args := range [][]string{
		{"batch", "blog", "-o", "s3://bucket/pdf/"},
		{"batch", "blog", "-o", "out", "--book", "gs://bucket/book.pdf"},
		{"batch", "azblob://container/posts/", "-o", "out"},
	} {
		code, _, stderr := galleyRun(t, nil, args...)
		if code != exitUsage || !strings.Contains(stderr, "go build -tags cloud") {
			t.Errorf("%s: exit %d\n%s", strings.Join(args, " "), code, stderr)
		}
	}
}

// TestBatchStorageURLs: with the drivers, galley batch reads its sources
// from and writes its PDFs, manifest and book to storage URLs (file://
// here), and the book is titled after the source's last name.
func TestBatchStorageURLs(t *testing.T) {
	old := storage
	storage = blobstore.Storage{}
	t.Cleanup(func() { storage = old })
	seed, err := os.ReadFile(seedPath(t))
	if err != nil {
		t.Fatal(err)
	}
	root := inTemp(t)
	os.MkdirAll("bucket/archive/blog", 0o755)
	for _, n := range []string{"one", "two"} {
		os.WriteFile(filepath.Join("bucket/archive/blog", n+".txt"), []byte(strings.Replace(string(seed), "\n", " "+n+"\n", 1)), 0o644)
	}
	bucket := "file://" + filepath.ToSlash(filepath.Join(root, "bucket"))
	code, _, stderr := galleyRun(t, nil, "batch", bucket+"/archive/blog/", "-o", bucket+"/pdf", "--book", bucket+"/pdf/book.pdf", "--offline")
	if code != exitOK || !strings.Contains(stderr, "2 printed, 0 unchanged, 0 failed of 2") {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	got := files(t, filepath.Join(root, "bucket/pdf"))
	if len(got) != 4 || !strings.Contains(strings.Join(got, " "), "manifest.jsonl") {
		t.Errorf("the bucket's pdf/ holds %v, want 2 PDFs, the book and the manifest", got)
	}
	book := readPDF(t, filepath.Join(root, "bucket/pdf/book.pdf"))
	checkPDF(t, "book", book)
	doc, err := pdftext.Read(book)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Info["Title"] != "blog" {
		t.Errorf("the book's title: %q, want blog", doc.Info["Title"])
	}
	code, _, stderr = galleyRun(t, nil, "batch", bucket+"/archive/blog/", "-o", bucket+"/pdf", "--offline")
	if code != exitOK || !strings.Contains(stderr, "0 printed, 2 unchanged, 0 failed of 2") {
		t.Errorf("rerun: exit %d\n%s", code, stderr)
	}
}
