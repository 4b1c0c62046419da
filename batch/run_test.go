package batch

// Tests of Run: per-article PDFs, the manifest, resuming, failures,
// shards, bound books and cancellation, on small generated Markdown posts.
// Helpers are prefixed rt to keep clear of other test files of the package.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/galleyprint/galley"
	"github.com/galleyprint/galley/page"
)

// TestRunResume runs a folder of 12 posts again and again, changing one
// thing at a time, and checks what each run printed, skipped and recorded.
func TestRunResume(t *testing.T) {
	src, paths := rtWritePosts(t, 12)
	out := filepath.Join(t.TempDir(), "out")
	manifest := filepath.Join(out, "manifest.jsonl")
	ctx := context.Background()

	names := map[string]string{}                                   // input → output name, from the first run
	optHashes := map[page.Size]string{}                            // page size → options hash
	lines := 0                                                     // manifest records before the run
	var prev map[string]os.FileInfo                                // the output folder before the run
	a5 := galley.Options{Page: page.A5}                            // an export option changed
	torn := `{"input":"` + rtID(paths[0]) + `","status":"ok","pag` // a run killed mid-write

	steps := []struct {
		name    string
		before  func(t *testing.T)
		opts    Options
		printed []int // indexes of the inputs printed again; the others skipped
		tornAt  int   // manifest line index of a torn line, or -1
	}{
		{name: "first run", printed: rtAll(12), tornAt: -1},
		{name: "rerun skips everything", tornAt: -1},
		{name: "one input changed", tornAt: -1, printed: []int{4}, before: func(t *testing.T) {
			rtWriteFile(t, paths[4], rtPost(rtTitles[4], "2024-03-05", 3, 99)) // same title, new body
		}},
		{name: "page size changed", opts: Options{Export: a5}, printed: rtAll(12), tornAt: -1},
		{name: "same page size again", opts: Options{Export: a5}, tornAt: -1},
		{name: "force", opts: Options{Export: a5, Force: true}, printed: rtAll(12), tornAt: -1},
		{name: "one output deleted", opts: Options{Export: a5}, printed: []int{7}, tornAt: -1, before: func(t *testing.T) {
			if err := os.Remove(filepath.Join(out, names[paths[7]])); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "torn last manifest line", opts: Options{Export: a5}, before: func(t *testing.T) {
			f, err := os.OpenFile(manifest, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := f.WriteString(torn); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for si, st := range steps {
		if si == len(steps)-1 {
			st.tornAt = lines // every line so far is a record
		}
		ok := t.Run(st.name, func(t *testing.T) {
			if st.before != nil {
				st.before(t)
			}
			o := st.opts
			o.OutDir, o.Jobs = out, 2
			sum, err := Run(ctx, []string{src}, o)
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			all := rtReadManifest(t, manifest, st.tornAt)
			if got := len(all) - lines; got != 12 {
				t.Fatalf("the run appended %d records, want 12", got)
			}
			recs := all[len(all)-12:]
			byInput := map[string]Record{}
			for _, r := range recs {
				byInput[r.Input] = r
			}
			if len(byInput) != 12 {
				t.Fatalf("records for %d inputs, want 12: %+v", len(byInput), recs)
			}
			files := rtFiles(t, out)
			w, h := a4W, a4H
			if o.Export.Page == page.A5 {
				w, h = a5W, a5H
			}
			pages, size, printed := 0, int64(0), 0
			for i, p := range paths {
				r, ok := byInput[rtID(p)]
				if !ok {
					t.Errorf("no record for %s", p)
					continue
				}
				want := StatusSkipped
				if slices.Contains(st.printed, i) {
					want = StatusOK
					printed++
				}
				if r.Status != want {
					t.Errorf("%s: status %q, want %q (error %q)", filepath.Base(p), r.Status, want, r.Error)
				}
				if !rtNameRE.MatchString(r.Output) || !strings.HasPrefix(r.Output, galley.Slug(rtTitles[i])+"-") {
					t.Errorf("%s: output name %q, want %s-<10 hex>.pdf", filepath.Base(p), r.Output, galley.Slug(rtTitles[i]))
				}
				if first, ok := names[p]; ok && first != r.Output {
					t.Errorf("%s: output %q, the first run wrote %q", filepath.Base(p), r.Output, first)
				}
				names[p] = r.Output
				if r.InputHash != rtSHA(t, p) {
					t.Errorf("%s: input hash %q, want the SHA-256 of the file", filepath.Base(p), r.InputHash)
				}
				if !rtHexRE.MatchString(r.OptionsHash) {
					t.Errorf("%s: options hash %q", filepath.Base(p), r.OptionsHash)
				}
				if h, ok := optHashes[o.Export.Page]; ok && h != r.OptionsHash {
					t.Errorf("%s: options hash changed between runs with the same options", filepath.Base(p))
				}
				optHashes[o.Export.Page] = r.OptionsHash
				if r.Error != "" || r.Pages < 1 || r.Bytes <= 0 || r.Seconds < 0 {
					t.Errorf("%s: record %+v", filepath.Base(p), r)
				}
				pages += r.Pages
				size += r.Bytes
				info, ok := files[r.Output]
				if !ok {
					t.Errorf("%s: output %s does not exist", filepath.Base(p), r.Output)
					continue
				}
				rtCheckPDF(t, filepath.Join(out, r.Output), r.Pages, r.Bytes, w, h)
				if old, ok := prev[r.Output]; ok {
					if same := os.SameFile(old, info) && old.ModTime().Equal(info.ModTime()); same != (want == StatusSkipped) {
						t.Errorf("%s: output file unchanged = %v, want %v", filepath.Base(p), same, want == StatusSkipped)
					}
				}
			}
			if len(optHashes) == 2 && optHashes[page.Size{}] == optHashes[page.A5] {
				t.Errorf("the options hash does not change with the page size")
			}
			if pdfs := rtPDFs(files); len(pdfs) != 12 {
				t.Errorf("%d PDFs in the output folder, want 12: %v", len(pdfs), pdfs)
			}
			for n := range files {
				if strings.HasSuffix(n, ".tmp") {
					t.Errorf("temporary file %s left behind", n)
				}
			}
			wantSum := Summary{Total: 12, Printed: printed, Skipped: 12 - printed, Pages: pages, Bytes: size}
			gotSum := sum
			gotSum.Elapsed, gotSum.Book, gotSum.SourceErrors = 0, nil, nil
			if gotSum.Total != wantSum.Total || gotSum.Printed != wantSum.Printed || gotSum.Skipped != wantSum.Skipped ||
				gotSum.Failed != 0 || gotSum.Pages != wantSum.Pages || gotSum.Bytes != wantSum.Bytes {
				t.Errorf("summary %+v, want %+v", gotSum, wantSum)
			}
			if len(sum.SourceErrors) != 0 || sum.Elapsed <= 0 {
				t.Errorf("summary: source errors %v, elapsed %v", sum.SourceErrors, sum.Elapsed)
			}
			prev = files
			lines = len(all)
		})
		if !ok {
			break // the later steps build on this one
		}
	}
	// the torn line stays where it was and the next record begins a line
	data, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(torn+"\n{")) {
		t.Errorf("the record after a torn line does not start on a fresh line")
	}
}

func rtAll(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// TestRunFailures: an input that cannot be printed gets a one-line
// "failed" record, the others print, Run's error wraps ErrFailed, and a
// rerun tries the failed input again.
func TestRunFailures(t *testing.T) {
	cases := []struct {
		name, file, content string
		inError             string // in the recorded error
	}{
		{"empty text file", "empty.txt", "", "no article text found"},
		{"JSON with no body", "nobody.json", `{"title": "T", "body": []}`, "no article text found"},
		{"JSON with a wrong type", "bad.json", `{"title": 42, "body": [{"type": "paragraph", "text": "x"}]}`, "title"},
		{"JSON syntax error", "broken.json", "{\"title\": \"A\",\n \"body\": [\n", "syntax"},
		{"whitespace only", "blank.txt", " \n\n\t\n", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src, paths := rtWritePosts(t, 4)
			bad := filepath.Join(src, c.file)
			rtWriteFile(t, bad, c.content)
			out := filepath.Join(t.TempDir(), "out")
			for run := 1; run <= 2; run++ {
				sum, err := Run(context.Background(), []string{src}, Options{OutDir: out, Jobs: 2})
				if !errors.Is(err, ErrFailed) {
					t.Fatalf("run %d: error %v, want one wrapping ErrFailed", run, err)
				}
				good := StatusOK
				if run == 2 {
					good = StatusSkipped
				}
				if sum.Total != 5 || sum.Failed != 1 || sum.Printed+sum.Skipped != 4 {
					t.Errorf("run %d: summary %+v", run, sum)
				}
				recs := rtReadManifest(t, filepath.Join(out, "manifest.jsonl"))
				if len(recs) != 5*run {
					t.Fatalf("run %d: %d records, want %d", run, len(recs), 5*run)
				}
				for _, r := range recs[len(recs)-5:] {
					switch {
					case r.Input == rtID(bad):
						if r.Status != StatusFailed || r.Error == "" || strings.ContainsAny(r.Error, "\r\n") || r.Output != "" {
							t.Errorf("run %d: bad input's record %+v, want failed with a one-line error and no output", run, r)
						}
						if !strings.Contains(strings.ToLower(r.Error), c.inError) {
							t.Errorf("run %d: error %q does not mention %q", run, r.Error, c.inError)
						}
					case slices.ContainsFunc(paths, func(p string) bool { return rtID(p) == r.Input }):
						if r.Status != good || r.Error != "" {
							t.Errorf("run %d: %s: status %q (%q), want %q", run, filepath.Base(r.Input), r.Status, r.Error, good)
						}
					default:
						t.Errorf("run %d: record for an unknown input %q", run, r.Input)
					}
				}
				if pdfs := rtPDFs(rtFiles(t, out)); len(pdfs) != 4 {
					t.Errorf("run %d: PDFs %v, want 4", run, pdfs)
				}
			}
		})
	}
}

// TestRunInvalidOptions: export options no article can be printed with
// fail the run (up front or article by article) and leave no PDF and no
// temporary file.
func TestRunInvalidOptions(t *testing.T) {
	cases := []struct {
		name string
		opts galley.Options
	}{
		{"page size too small", galley.Options{Page: page.Size{W: page.Pt(50), H: page.Pt(50)}}},
		{"margins wider than the page", galley.Options{Margins: page.Margins{Left: page.MM(400)}}},
		{"image resolution", galley.Options{ImageDPI: 5000}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src, _ := rtWritePosts(t, 3)
			out := filepath.Join(t.TempDir(), "out")
			_, err := Run(context.Background(), []string{src}, Options{OutDir: out, Jobs: 2, Export: c.opts})
			if !errors.Is(err, galley.ErrInvalidOptions) && !errors.Is(err, ErrFailed) {
				t.Errorf("error %v, want ErrInvalidOptions or ErrFailed", err)
			}
			files := rtFiles(t, out)
			for n := range files {
				if strings.HasSuffix(n, ".pdf") || strings.HasPrefix(n, ".galley-tmp") {
					t.Errorf("%s left in the output folder", n)
				}
			}
			if _, ok := files["manifest.jsonl"]; ok {
				for _, r := range rtReadManifest(t, filepath.Join(out, "manifest.jsonl")) {
					if r.Status != StatusFailed || !strings.Contains(r.Error, "invalid options") {
						t.Errorf("%s: %s %q, want failed: invalid options", r.Input, r.Status, r.Error)
					}
				}
			}
		})
	}
}

// TestRunFailFast: with FailFast and one job, a failure stops the run
// before the remaining inputs, and nothing that was not tried is recorded
// as failed.
func TestRunFailFast(t *testing.T) {
	cases := []struct {
		name string
		// bad makes the failing input, tried second; exact: the inputs
		// after it are certainly offered before the failure (it is slow),
		// so none of them may be recorded as failed
		bad   func(t *testing.T, src string) string
		exact bool
	}{
		{"empty file", func(t *testing.T, src string) string {
			p := filepath.Join(src, "post-00z.txt") // walked right after post-00.md
			rtWriteFile(t, p, "")
			return p
		}, false},
		{"slow fetch failure", func(t *testing.T, src string) string {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				time.Sleep(50 * time.Millisecond)
				http.NotFound(w, r)
			}))
			t.Cleanup(srv.Close)
			return srv.URL + "/gone.md"
		}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src, paths := rtWritePosts(t, 8)
			bad := c.bad(t, src)
			srcs := []string{paths[0], src} // post-00.md first; the folder walk skips it
			if strings.HasPrefix(bad, "http") {
				srcs = []string{paths[0], bad, src}
			}
			out := filepath.Join(t.TempDir(), "out")
			sum, err := Run(context.Background(), srcs, Options{OutDir: out, Jobs: 1, FailFast: true})
			if !errors.Is(err, ErrFailed) {
				t.Fatalf("error %v, want one wrapping ErrFailed", err)
			}
			if sum.Total != 9 {
				t.Errorf("%d items, want 9", sum.Total)
			}
			recs := rtReadManifest(t, filepath.Join(out, "manifest.jsonl"))
			if len(recs) >= 9 || len(recs) < 2 {
				t.Fatalf("%d records for 9 inputs, want the run to stop soon after the failure: %+v", len(recs), recs)
			}
			badID := bad
			if !strings.HasPrefix(bad, "http") {
				badID = rtID(bad)
			}
			if recs[0].Status != StatusOK || recs[1].Input != badID || recs[1].Status != StatusFailed {
				t.Errorf("first records %+v, want post-00 printed and then %s failed", recs[:2], bad)
			}
			if !c.exact {
				return
			}
			for _, r := range recs[2:] {
				if r.Status == StatusFailed {
					t.Errorf("%s recorded as failed (%q) though only %s failed: FailFast's cancellation is reported as the item's failure",
						filepath.Base(r.Input), r.Error, bad)
				}
			}
			if sum.Failed != 1 {
				t.Errorf("summary counts %d failures, want 1: %+v", sum.Failed, sum)
			}
		})
	}
}

// TestRunOutputNames: names are the title's slug and a hash of the input,
// unique when titles collide, and never leave the output folder.
func TestRunOutputNames(t *testing.T) {
	cases := []struct {
		file, title, slug string
	}{
		{"a.md", "Same Title", "same-title"},
		{"b.md", "Same Title", "same-title"},
		{"c.md", "same title!", "same-title"},
		{"d.md", "../../etc/passwd", "etc-passwd"},
		{"e.md", `..\..\windows\win.ini`, "windows-win-ini"},
		{"f.md", "/absolute/path", "absolute-path"},
		{"g.md", "Café déjà vu", "cafe-deja-vu"},
		{"h.md", "日本語のタイトル", "article"},
		{"i.md", "...", "article"},
		{"j.md", strings.Repeat("Long title words ", 20), galley.Slug(strings.Repeat("Long title words ", 20))},
	}
	root := t.TempDir()
	src := filepath.Join(root, "posts")
	sub := filepath.Join(src, "sub") // same file name in a subfolder
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{} // input → slug
	for i, c := range cases {
		p := filepath.Join(src, c.file)
		rtWriteFile(t, p, rtPost(c.title, "2024-01-02", 1, i))
		want[rtID(p)] = c.slug
	}
	dup := filepath.Join(sub, "a.md")
	rtWriteFile(t, dup, rtPost("Same Title", "2024-01-02", 1, 0)) // the same bytes as a.md
	want["posts/sub/a.md"] = "same-title"
	out := filepath.Join(root, "out")

	var first map[string]string
	for run := 0; run < 2; run++ {
		if _, err := Run(context.Background(), []string{src}, Options{OutDir: out, Jobs: 3, Force: run == 1}); err != nil {
			t.Fatal(err)
		}
		recs := rtReadManifest(t, filepath.Join(out, "manifest.jsonl"))
		recs = recs[len(recs)-len(want):]
		got := map[string]string{}
		seen := map[string]string{}
		for _, r := range recs {
			if r.Status != StatusOK {
				t.Errorf("%s: %s %s", r.Input, r.Status, r.Error)
				continue
			}
			got[r.Input] = r.Output
			slug, ok := want[r.Input]
			if !ok {
				t.Errorf("record for unknown input %q", r.Input)
			}
			if !rtNameRE.MatchString(r.Output) || !strings.HasPrefix(r.Output, slug+"-") {
				t.Errorf("%s: output %q, want %s-<10 hex>.pdf", r.Input, r.Output, slug)
			}
			if other, ok := seen[r.Output]; ok {
				t.Errorf("%s and %s both print to %s", other, r.Input, r.Output)
			}
			seen[r.Output] = r.Input
			if p := filepath.Join(out, r.Output); filepath.Dir(p) != out {
				t.Errorf("%s: output %q leaves the output folder", r.Input, r.Output)
			}
		}
		if len(got) != len(want) {
			t.Fatalf("%d outputs, want %d", len(got), len(want))
		}
		if run == 0 {
			first = got
		} else if !mapsEqual(first, got) {
			t.Errorf("output names changed between runs:\n%v\n%v", first, got)
		}
		if pdfs := rtPDFs(rtFiles(t, out)); len(pdfs) != len(want) {
			t.Errorf("%d PDFs in the output folder, want %d", len(pdfs), len(want))
		}
	}
	// nothing was written outside the output folder
	var stray []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasPrefix(p, out+string(filepath.Separator)) &&
			!strings.HasPrefix(p, src+string(filepath.Separator)) {
			stray = append(stray, p)
		}
		return nil
	})
	if len(stray) > 0 {
		t.Errorf("files written outside the output folder: %v", stray)
	}
	if m, _ := filepath.Glob(filepath.Join(src, "*.pdf")); len(m) > 0 {
		t.Errorf("PDFs written into the source folder: %v", m)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestRunOutDirInsideSource: an output folder inside the source folder
// is not read back as input on a rerun.
func TestRunOutDirInsideSource(t *testing.T) {
	src, paths := rtWritePosts(t, 3)
	out := filepath.Join(src, "pdf")
	for run, want := range []string{StatusOK, StatusSkipped} {
		sum, err := Run(context.Background(), []string{src}, Options{OutDir: out, Jobs: 2})
		if err != nil {
			t.Fatalf("run %d: %v", run+1, err)
		}
		if sum.Total != len(paths) {
			t.Errorf("run %d: %d items, want %d", run+1, sum.Total, len(paths))
		}
		recs := rtReadManifest(t, filepath.Join(out, "manifest.jsonl"))
		for _, r := range recs[len(recs)-len(paths):] {
			if r.Status != want {
				t.Errorf("run %d: %s: %s, want %s", run+1, r.Input, r.Status, want)
			}
		}
	}
}

// TestRunShards prints three shares of one folder into one output folder.
func TestRunShards(t *testing.T) {
	src, paths := rtWritePosts(t, 12)
	out := filepath.Join(t.TempDir(), "out")
	ctx := context.Background()
	owner := map[string]int{} // input → shard that printed it
	for i := 1; i <= 3; i++ {
		sum, err := Run(ctx, []string{src}, Options{OutDir: out, Jobs: 2, Shard: i, Shards: 3})
		if err != nil {
			t.Fatalf("shard %d: %v", i, err)
		}
		recs := rtReadManifest(t, filepath.Join(out, fmt.Sprintf("manifest-%d-of-3.jsonl", i)))
		if sum.Total != len(recs) || sum.Printed != len(recs) {
			t.Errorf("shard %d: summary %+v for %d records", i, sum, len(recs))
		}
		for _, r := range recs {
			if r.Status != StatusOK {
				t.Errorf("shard %d: %s: %s %s", i, r.Input, r.Status, r.Error)
			}
			if s, ok := owner[r.Input]; ok {
				t.Errorf("%s printed by shards %d and %d", r.Input, s, i)
			}
			owner[r.Input] = i
			if !Shard(r.Input, i, 3) {
				t.Errorf("shard %d printed %s, which belongs to another share", i, r.Input)
			}
			if _, err := os.Stat(filepath.Join(out, r.Output)); err != nil {
				t.Errorf("shard %d: %v", i, err)
			}
		}
	}
	for _, p := range paths {
		if _, ok := owner[rtID(p)]; !ok {
			t.Errorf("%s printed by no shard", p)
		}
	}
	if len(owner) != len(paths) {
		t.Errorf("%d inputs printed, want %d", len(owner), len(paths))
	}
	files := rtFiles(t, out)
	if _, ok := files["manifest.jsonl"]; ok {
		t.Errorf("a sharded run wrote manifest.jsonl")
	}
	if pdfs := rtPDFs(files); len(pdfs) != len(paths) {
		t.Errorf("%d PDFs, want %d", len(pdfs), len(paths))
	}

	// shard 2 again: its items are skipped
	m2 := filepath.Join(out, "manifest-2-of-3.jsonl")
	before := len(rtReadManifest(t, m2))
	sum, err := Run(ctx, []string{src}, Options{OutDir: out, Jobs: 2, Shard: 2, Shards: 3})
	if err != nil {
		t.Fatal(err)
	}
	recs := rtReadManifest(t, m2)[before:]
	if len(recs) != before || sum.Skipped != before || sum.Printed != 0 {
		t.Errorf("shard 2 rerun: %d records, summary %+v; want %d skipped", len(recs), sum, before)
	}
	for _, r := range recs {
		if r.Status != StatusSkipped {
			t.Errorf("shard 2 rerun: %s %s", r.Input, r.Status)
		}
	}
}

// TestRunTempFiles: a run removes the temporary files its own earlier runs
// left (same shard) and no other's.
func TestRunTempFiles(t *testing.T) {
	temps := []string{".galley-tmp-1-of-3-x.tmp", ".galley-tmp-2-of-3-x.tmp", ".galley-tmp-3-of-3-x.tmp",
		".galley-tmp-2-of-4-x.tmp", ".galley-tmp-123.tmp", ".galley-tmp-2-of-3-x.part"}
	cases := []struct {
		name          string
		shard, shards int
		removed       []string
	}{
		{"shard 2/3", 2, 3, []string{".galley-tmp-2-of-3-x.tmp"}},
		{"shard 1/3", 1, 3, []string{".galley-tmp-1-of-3-x.tmp"}},
		{"no shards", 0, 0, []string{".galley-tmp-123.tmp"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src, _ := rtWritePosts(t, 3)
			out := filepath.Join(t.TempDir(), "out")
			if err := os.MkdirAll(out, 0o755); err != nil {
				t.Fatal(err)
			}
			for _, n := range temps {
				rtWriteFile(t, filepath.Join(out, n), "partial")
			}
			if _, err := Run(context.Background(), []string{src}, Options{OutDir: out, Jobs: 2, Shard: c.shard, Shards: c.shards}); err != nil {
				t.Fatal(err)
			}
			files := rtFiles(t, out)
			for _, n := range temps {
				_, there := files[n]
				if want := !slices.Contains(c.removed, n); there != want {
					t.Errorf("%s: present %v, want %v", n, there, want)
				}
			}
			for n := range files {
				if strings.HasPrefix(n, ".galley-tmp") && !slices.Contains(temps, n) {
					t.Errorf("the run left its temporary file %s", n)
				}
			}
		})
	}
}
