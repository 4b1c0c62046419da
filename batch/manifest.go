package batch

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Record is one line of the manifest: what happened to one article.
type Record struct {
	Input  string `json:"input"`            // the item's ID
	Output string `json:"output,omitempty"` // file name in the output folder
	Status string `json:"status"`           // "ok", "skipped" (unchanged since a run before, or no post: see Reason) or "failed"
	// Reason says why a file found in a folder was skipped as no post
	// ("a draft (draft: true; …)", "a redirect to …"); "" otherwise.
	Reason   string   `json:"reason,omitempty"`
	Pages    int      `json:"pages,omitempty"`
	Bytes    int64    `json:"bytes,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
	Error    string   `json:"error,omitempty"`
	Seconds  float64  `json:"seconds"`
	// InputHash and OptionsHash decide whether a rerun may skip the
	// article: both unchanged and the output still there.
	InputHash   string `json:"input_sha256,omitempty"`
	OptionsHash string `json:"options_sha256,omitempty"`
}

// The statuses of a Record.
const (
	StatusOK      = "ok"
	StatusSkipped = "skipped"
	StatusFailed  = "failed"
)

// manifestName is the manifest's file name: one per shard, so that
// machines printing shards of one archive into one folder never write the
// same file.
func manifestName(shard, shards int) string {
	if shards > 1 {
		return fmt.Sprintf("manifest-%d-of-%d.jsonl", shard, shards)
	}
	return "manifest.jsonl"
}

// loadManifest reads the records of earlier runs, the last record of each
// input winning. A line cut short by a killed run is ignored.
func loadManifest(path string) (map[string]Record, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]Record{}, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readManifest(f)
}

// readManifest reads manifest lines as loadManifest does.
func readManifest(r io.Reader) (map[string]Record, error) {
	out := map[string]Record{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		var r Record
		if json.Unmarshal(sc.Bytes(), &r) != nil || r.Input == "" {
			continue
		}
		out[r.Input] = r
	}
	return out, sc.Err()
}

// recordWriter is where a run's records go: a manifest file appended to,
// or a manifest object rewritten.
type recordWriter interface {
	write(r Record) error
	Close() error
}

// manifestWriter appends records, one write per line, so that a run
// killed at any moment leaves whole lines and at most one torn last line.
type manifestWriter struct {
	mu sync.Mutex
	f  *os.File
}

func openManifest(path string) (*manifestWriter, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	// a torn last line from a killed run: start on a fresh line
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		last := make([]byte, 1)
		if r, err := os.Open(path); err == nil {
			if _, err := r.ReadAt(last, st.Size()-1); err == nil && last[0] != '\n' {
				f.Write([]byte("\n"))
			}
			r.Close()
		}
	}
	return &manifestWriter{f: f}, nil
}

func (m *manifestWriter) write(r Record) error {
	line, err := json.Marshal(r)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	_, err = m.f.Write(append(line, '\n'))
	return err
}

func (m *manifestWriter) Close() error { return m.f.Close() }
