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
// leaves no partial file under path. The temporary file is created at
// fill's first write, so a long computation before it (a render that
// writes its PDF whole at the end) leaves nothing behind if the process
// is killed meanwhile. Temporary files are named prefix*.tmp in path's
// folder, so a later run can remove what a killed one left. The file gets
// mode 0644.
func Write(path, prefix string, fill func(w io.Writer) error) error {
	return WriteWaiting(path, prefix, fill, nil)
}

// WriteWaiting is Write whose wait for the disk, the sync of the written
// file before it is renamed into place, runs through wait: wait(sync)
// must call sync once and return its error, and may meanwhile let other
// work have the processor the write held. A nil wait calls sync itself.
func WriteWaiting(path, prefix string, fill func(w io.Writer) error, wait func(sync func() error) error) (err error) {
	lw := &lazyFile{dir: filepath.Dir(path), prefix: prefix}
	defer func() {
		if err != nil && lw.f != nil {
			lw.f.Close()
			os.Remove(lw.f.Name())
		}
	}()
	if err = fill(lw); err != nil {
		return err
	}
	if err = lw.open(); err != nil { // fill wrote nothing: an empty file
		return err
	}
	f := lw.f
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if wait == nil {
		err = f.Sync()
	} else {
		err = wait(f.Sync)
	}
	if err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// lazyFile is a temporary file created at its first write.
type lazyFile struct {
	dir, prefix string
	f           *os.File
}

func (l *lazyFile) open() error {
	if l.f != nil {
		return nil
	}
	f, err := os.CreateTemp(l.dir, l.prefix+"*.tmp")
	if err != nil {
		return err
	}
	l.f = f
	return nil
}

func (l *lazyFile) Write(p []byte) (int, error) {
	if err := l.open(); err != nil {
		return 0, err
	}
	return l.f.Write(p)
}
