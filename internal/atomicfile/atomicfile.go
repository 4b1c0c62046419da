// Package atomicfile writes files whole or not at all: into a temporary
// file beside the destination, synced, then renamed into place.
package atomicfile

import (
	"io"
	"os"
	"path/filepath"
)

// Write creates path with what fill writes, atomically: a reader of path
// sees its old content or all of the new one, and a failure (or a crash)
// leaves no partial file under path. Temporary files are named
// prefix*.tmp in path's folder, so a later run can remove what a killed
// one left. The file gets mode 0644.
func Write(path, prefix string, fill func(w io.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), prefix+"*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = fill(f); err != nil {
		return err
	}
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
