package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"sync"
	"time"
)

// A manifest in an object store, where nothing can be appended to: the
// whole manifest (the earlier runs' lines, then this run's) is held and
// written again, whole, at most every manifestFlushEvery and when the
// run ends. A run killed between two writes loses the lines since the
// last: the rerun prints those articles again, to the same bytes.

// manifestFlushEvery is the longest a record waits to be stored.
const manifestFlushEvery = 5 * time.Second

// manifestFlushTimeout bounds the last write of a run that was cancelled.
const manifestFlushTimeout = time.Minute

// objectManifest is the manifest name in folder, rewritten whole.
type objectManifest struct {
	mu      sync.Mutex
	ctx     context.Context
	folder  Folder
	name    string
	buf     []byte
	dirty   bool
	flushed time.Time
	closed  bool
}

// loadObjectManifest reads the manifest name in folder (none yet is no
// record) and returns its records and its writer, which keeps its lines.
func loadObjectManifest(ctx context.Context, folder Folder, name string) (map[string]Record, *objectManifest, error) {
	data, err := folder.Read(ctx, name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, err
	}
	prev, err := readManifest(bytes.NewReader(data))
	if err != nil {
		return nil, nil, err
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		data = append(data, '\n') // a torn last line: start on a fresh one
	}
	// a cancelled run still stores its last lines
	ctx = context.WithoutCancel(ctx)
	return prev, &objectManifest{ctx: ctx, folder: folder, name: name, buf: data, flushed: time.Now()}, nil
}

func (m *objectManifest) write(r Record) error {
	line, err := json.Marshal(r)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.buf = append(append(m.buf, line...), '\n')
	m.dirty = true
	if time.Since(m.flushed) < manifestFlushEvery {
		return nil
	}
	return m.flush()
}

// flush stores the manifest when it has lines not yet stored.
func (m *objectManifest) flush() error {
	if !m.dirty {
		return nil
	}
	ctx, cancel := context.WithTimeout(m.ctx, manifestFlushTimeout)
	defer cancel()
	err := m.folder.Write(ctx, m.name, func(w io.Writer) error {
		_, err := w.Write(m.buf)
		return err
	})
	m.flushed = time.Now()
	if err == nil {
		m.dirty = false
	}
	return err
}

// Close stores what is not yet stored; closing again does nothing.
func (m *objectManifest) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return nil
	}
	m.closed = true
	return m.flush()
}
