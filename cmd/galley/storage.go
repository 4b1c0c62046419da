package main

import (
	"fmt"
	"path/filepath"

	"github.com/galleyprint/galley/batch"
)

// storage opens the object-store URLs of galley batch (s3://, gs://,
// azblob://, file://). It is nil unless galley is built with -tags cloud
// (storage_cloud.go): the drivers' package initialisation would cost
// every command, galley version included, tens of milliseconds at start.
var storage batch.Storage

// checkStorage fails when a run names a storage URL (as a source, the
// output or the book) and this galley has no drivers, saying how to build
// one that has.
func checkStorage(srcs []string, out, book string) error {
	if storage != nil {
		return nil
	}
	for _, s := range append([]string{out, book}, srcs...) {
		if batch.IsStorageURL(s) {
			return fmt.Errorf("%s: this galley was built without object storage; build it with: go build -tags cloud ./cmd/galley", s)
		}
	}
	return nil
}

// sourceName is what a source is called in the book's default title: a
// path's last name, or a storage URL's last name.
func sourceName(src string) string {
	if batch.IsStorageURL(src) {
		return batch.StorageName(src)
	}
	return filepath.Base(filepath.Clean(src))
}
