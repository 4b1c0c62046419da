package batch

// Helpers of the Run tests, prefixed rt: generated posts, manifests,
// output files and PDF checks.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/galleyprint/galley/internal/pdftext"
)

// rtWords make the generated bodies differ from post to post.
var rtWords = strings.Fields("harbour lantern quiet morning boats river market bridge council " +
	"orchard winter ferry signal archive printer column ledger weather station garden")

// rtPost is a Markdown post with TOML front matter and paras paragraphs.
func rtPost(title, date string, paras, seed int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %s\ndate = %s\nauthors = [\"Ada Reporter\"]\n+++\n\n", strconv.Quote(title), date)
	for p := 0; p < paras; p++ {
		for w := 0; w < 60; w++ {
			b.WriteString(rtWords[(seed*7+p*3+w)%len(rtWords)])
			if w%12 == 11 {
				b.WriteString(". ")
			} else {
				b.WriteString(" ")
			}
		}
		b.WriteString("end.\n\n")
	}
	return b.String()
}

// rtTitles are the titles of the generated posts.
var rtTitles = []string{
	"Harbour Lights Return", "The Council Votes", "Winter Ferry Timetable", "Orchard Harvest Report",
	"A Bridge Too Narrow", "Market Day Moves", "Signal Box Restored", "Archive Opens Its Doors",
	"Printer's Last Column", "Ledger of the River", "Weather Station Data", "Garden Show Winners",
}

// rtWritePosts writes n posts into a new folder and returns it and the
// posts' paths in walk order.
func rtWritePosts(t *testing.T, n int) (string, []string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "posts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for i := 0; i < n; i++ {
		p := filepath.Join(dir, fmt.Sprintf("post-%02d.md", i))
		rtWriteFile(t, p, rtPost(rtTitles[i%len(rtTitles)], fmt.Sprintf("2024-03-%02d", i+1), 2, i))
		paths = append(paths, p)
	}
	return dir, paths
}

// rtID is the ID of the file p in a folder given as a source: the
// folder's name and the file's.
func rtID(p string) string { return filepath.Base(filepath.Dir(p)) + "/" + filepath.Base(p) }

func rtWriteFile(t *testing.T, p, content string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// rtReadManifest returns the records of a manifest; a line that is not a
// record fails the test unless its index is in torn.
func rtReadManifest(t *testing.T, path string, torn ...int) []Record {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		t.Errorf("%s does not end with a newline", filepath.Base(path))
	}
	var recs []Record
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if line == "" && len(data) == 0 {
			break
		}
		var r Record
		if err := json.Unmarshal([]byte(line), &r); err != nil || r.Input == "" {
			if !slices.Contains(torn, i) {
				t.Errorf("%s line %d is not a record: %q (%v)", filepath.Base(path), i+1, line, err)
			}
			continue
		}
		recs = append(recs, r)
	}
	return recs
}

var (
	rtNameRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{10}\.pdf$`)
	rtHexRE  = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// rtCheckPDF checks that path is a whole, valid PDF of pages pages and
// size bytes, whose MediaBox is w×h points when w > 0.
func rtCheckPDF(t *testing.T, path string, pages int, size int64, w, h float64) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Error(err)
		return
	}
	name := filepath.Base(path)
	if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(data, "\r\n"), []byte("%%EOF")) {
		t.Errorf("%s: not a whole PDF (starts %q, ends %q)", name, data[:min(8, len(data))], data[max(0, len(data)-8):])
		return
	}
	if err := pdftext.Validate(data); err != nil {
		t.Errorf("%s: %v", name, err)
	}
	if int64(len(data)) != size {
		t.Errorf("%s: %d bytes, the manifest says %d", name, len(data), size)
	}
	ps, err := pdftext.Pages(data)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	if len(ps) != pages {
		t.Errorf("%s: %d pages, the manifest says %d", name, len(ps), pages)
	}
	if w > 0 && len(ps) > 0 && (abs(ps[0].Width-w) > 1 || abs(ps[0].Height-h) > 1) {
		t.Errorf("%s: page %.1f×%.1f pt, want %.1f×%.1f", name, ps[0].Width, ps[0].Height, w, h)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// rtFiles lists the folder's entries by name.
func rtFiles(t *testing.T, dir string) map[string]os.FileInfo {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]os.FileInfo{}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = info
	}
	return out
}

func rtPDFs(files map[string]os.FileInfo) []string {
	var out []string
	for n := range files {
		if strings.HasSuffix(n, ".pdf") {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

func rtSHA(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

const (
	a4W, a4H = 595.28, 841.89
	a5W, a5H = 419.53, 595.28
)
