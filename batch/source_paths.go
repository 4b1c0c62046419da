package batch

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// walk enumerates the supported files under the folder p, found from the
// folder root (p itself, or a glob's fixed part). A symbolic link to a
// file counts as the file; one that leads nowhere (to nothing, or round
// a loop) is an item that fails, naming the link's target, so that it
// has its manifest line; one to a folder is not followed (cycles).
func (e *enumerator) walk(p, src, from, root string) {
	start := p
	if info, err := os.Lstat(p); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		start = p + string(filepath.Separator) // WalkDir follows a link given with a trailing separator
	}
	err := filepath.WalkDir(start, func(fp string, d fs.DirEntry, err error) error {
		if e.done() {
			return fs.SkipAll
		}
		if fp == start {
			return err
		}
		if err != nil {
			e.fail(fp, from, err) // an unreadable subfolder or file
			return nil
		}
		if isHidden(d.Name()) || e.excluded(fp) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		broken := false
		if d.Type()&fs.ModeSymlink != 0 {
			info, err := os.Stat(fp)
			if err == nil && !info.Mode().IsRegular() {
				return nil
			}
			broken = err != nil
		} else if !d.Type().IsRegular() {
			return nil
		}
		if IsOutputName(d.Name()) || fileKind(fp) == kindUnknown || !e.firstTime(fp) {
			return nil
		}
		if broken { // its Open says why
			e.emit(fileItem(fp, e.itemKey(fp, root), e.limit()))
			return nil
		}
		e.file(fp, e.itemKey(fp, root), fp, from, true, root)
		return nil
	})
	if err != nil {
		e.fail(src, from, err)
	}
}

func (e *enumerator) excluded(fp string) bool {
	if len(e.exclude) == 0 {
		return false
	}
	abs, err := filepath.Abs(fp)
	if err != nil {
		return false
	}
	for _, x := range e.exclude {
		if abs == x {
			return true
		}
	}
	return false
}

func isHidden(name string) bool { return strings.HasPrefix(name, ".") && name != "." && name != ".." }

// hiddenPath reports whether a component of path p is hidden.
func hiddenPath(p string) bool {
	for _, c := range strings.Split(filepath.ToSlash(filepath.Clean(p)), "/") {
		if isHidden(c) {
			return true
		}
	}
	return false
}

func isGlob(s string) bool { return strings.ContainsAny(s, "*?[") }

// glob enumerates the matches of pattern p (src as given), each as a file
// or folder, skipping hidden names (unless the pattern asks for them) and
// galley's output.
func (e *enumerator) glob(p, src, from string) {
	matches, err := doublestar.FilepathGlob(p)
	if err != nil {
		e.fail(src, from, fmt.Errorf("bad pattern: %w", err))
		return
	}
	sort.Strings(matches)
	// hidden files and folders only when the pattern names one
	dotPattern := strings.Contains(filepath.ToSlash(p), "/.") || strings.HasPrefix(p, ".") && !strings.HasPrefix(p, "..")
	base, _ := doublestar.SplitPattern(filepath.ToSlash(p))
	root := filepath.FromSlash(base) // the folder the matches are found from
	n := 0
	for _, m := range matches {
		if (hiddenPath(m) && !dotPattern) || IsOutputName(filepath.Base(m)) || e.excluded(m) {
			continue
		}
		n++
		if e.done() {
			return
		}
		e.path(m, m, from, root)
	}
	if n == 0 {
		e.fail(src, from, errors.New("no files match"))
	}
}

// list enumerates the sources listed in the file name ("-" for standard
// input), one a line.
func (e *enumerator) list(name, from string) {
	label := "@" + name
	var r io.Reader = os.Stdin
	dir := ""
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			e.fail(label, from, err)
			return
		}
		defer f.Close()
		r, dir = f, filepath.Dir(name)
	}
	var entries []listEntry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		entries = append(entries, listEntry{src: line, from: fmt.Sprintf("%s:%d", name, n)})
	}
	if err := sc.Err(); err != nil {
		e.fail(label, from, err)
	}
	e.sources(entries, dir)
}

// The kinds of file, by extension.
type kind int

const (
	kindUnknown kind = iota
	kindArticle      // read by parse: text, Markdown, HTML, article JSON
	kindJSONL
	kindWARC
	kindXML  // a feed when its first element says so
	kindWACZ // a zip of WARCs and the list of their pages
)

var extKinds = map[string]kind{
	".html": kindArticle, ".htm": kindArticle, ".xhtml": kindArticle,
	".md": kindArticle, ".markdown": kindArticle, ".txt": kindArticle, ".text": kindArticle,
	".json": kindArticle, ".jsonl": kindJSONL, ".ndjson": kindJSONL,
	".xml": kindXML, ".rss": kindXML, ".atom": kindXML, ".rdf": kindXML,
	".warc": kindWARC, ".wacz": kindWACZ,
}

func fileKind(name string) kind {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".warc.gz") {
		return kindWARC
	}
	return extKinds[path.Ext(filepath.ToSlash(lower))]
}

// IsOutputName reports whether a file name is galley's own output, which
// folder walks and globs skip: PDFs, manifests (manifest*.json and
// manifest*.jsonl, e.g. manifest.jsonl or manifest-1-of-4.jsonl) and
// temporary files (hidden, .galley-tmp-*).
func IsOutputName(name string) bool {
	l := strings.ToLower(name)
	switch {
	case strings.HasSuffix(l, ".pdf"), strings.HasPrefix(l, ".galley-tmp"),
		strings.HasPrefix(l, "manifest") && (strings.HasSuffix(l, ".json") || strings.HasSuffix(l, ".jsonl")):
		return true
	}
	return false
}

// sniffLen is how much of a file or response is read to tell its kind.
const sniffLen = 1024

func readHead(p string, n int) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, n)
	k, err := io.ReadFull(f, buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, err
	}
	return buf[:k], nil
}
