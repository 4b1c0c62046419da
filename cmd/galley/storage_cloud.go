//go:build cloud

package main

import "github.com/galleyprint/galley/batch/blobstore"

func init() { storage = blobstore.Storage{} }
