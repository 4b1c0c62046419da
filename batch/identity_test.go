package batch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/galleyprint/galley"
)

// TestEnumerateIDsIgnoreSpelling: an item's ID is the same however its
// source is spelled (relative, ./x/, absolute, "." from inside it) and
// wherever galley runs, for files, JSON Lines and globs alike.
func TestEnumerateIDsIgnoreSpelling(t *testing.T) {
	root := t.TempDir()
	blog := filepath.Join(root, "blog")
	srcWrite(t, blog, map[string]string{
		"a.md":          "# A\n\nText.",
		"posts/b.txt":   "B\n\nText.",
		"lines.jsonl":   `{"title":"L","body":"l"}` + "\n",
		"posts/c.html":  "<p>c</p>",
		"posts/d.jsonl": `{"title":"D","body":"d"}` + "\n",
	})
	want := []string{"blog/a.md", "blog/lines.jsonl#L1", "blog/posts/b.txt", "blog/posts/c.html", "blog/posts/d.jsonl#L1"}
	elsewhere := t.TempDir()
	for _, c := range []struct {
		dir, src string
		want     []string
	}{
		{root, "blog", want},
		{root, "./blog/", want},
		{root, "blog//posts/..", want},
		{elsewhere, blog, want},
		{blog, ".", want},
		{filepath.Join(blog, "posts"), "..", want},
		{elsewhere, blog + string(filepath.Separator), want},
		// a glob is found from its fixed part
		{root, "blog/**/*.txt", []string{"blog/posts/b.txt"}},
		{elsewhere, filepath.Join(blog, "**", "*.txt"), []string{"blog/posts/b.txt"}},
		{blog, "posts/*.html", []string{"posts/c.html"}},
		{elsewhere, filepath.Join(blog, "posts", "*.html"), []string{"posts/c.html"}},
		// a file alone is found from its own folder
		{root, "blog/posts/b.txt", []string{"posts/b.txt"}},
		{filepath.Join(blog, "posts"), "b.txt", []string{"posts/b.txt"}},
		{elsewhere, filepath.Join(blog, "posts", "d.jsonl"), []string{"posts/d.jsonl#L1"}},
	} {
		t.Run(c.src+" in "+filepath.Base(c.dir), func(t *testing.T) {
			t.Chdir(c.dir)
			items, errs := srcCollect(t, []string{c.src}, SourceOptions{})
			srcNoErrors(t, errs)
			if got := srcIDs(items); !reflect.DeepEqual(got, c.want) {
				t.Errorf("IDs:\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

// TestEnumerateIDsUnique: two folders of one name given in one run keep
// their files apart; the second's are named by their absolute paths.
func TestEnumerateIDsUnique(t *testing.T) {
	one, two := filepath.Join(t.TempDir(), "blog"), filepath.Join(t.TempDir(), "blog")
	srcWrite(t, one, map[string]string{"a.md": "# One"})
	srcWrite(t, two, map[string]string{"a.md": "# Two"})
	items, errs := srcCollect(t, []string{one, two}, SourceOptions{})
	srcNoErrors(t, errs)
	want := []string{"blog/a.md", filepath.ToSlash(filepath.Join(two, "a.md"))}
	if got := srcIDs(items); !reflect.DeepEqual(got, want) {
		t.Errorf("IDs:\n got %q\nwant %q", got, want)
	}
}

// TestRunRerunFromElsewhere: `batch blog -o out`, then from another folder
// `batch /abs/blog -o /abs/out` (and ./blog/, and "." from inside it)
// skips every article: names and manifest identities do not depend on
// how the source or the output folder are spelled, nor on a theme's or
// font's path.
func TestRunRerunFromElsewhere(t *testing.T) {
	root := t.TempDir()
	blog := filepath.Join(root, "blog")
	for i := 0; i < 4; i++ {
		sub := ""
		if i%2 == 1 {
			sub = "archive"
		}
		p := filepath.Join(blog, sub, rtTitles[i]+".md")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		rtWriteFile(t, p, rtPost(rtTitles[i], "2024-03-01", 1, i))
	}
	th, err := galley.BuiltinTheme("modern")
	if err != nil {
		t.Fatal(err)
	}
	data, err := th.JSON()
	if err != nil {
		t.Fatal(err)
	}
	rtWriteFile(t, filepath.Join(root, "theme.json"), string(data))
	out := filepath.Join(root, "out")
	elsewhere := t.TempDir()

	var first []string // output names of the first run
	for i, c := range []struct{ dir, src, out, theme string }{
		{root, "blog", "out", "theme.json"},
		{elsewhere, blog, out, filepath.Join(root, "theme.json")},
		{root, "./blog/", "./out/", "./theme.json"},
		{blog, ".", "../out", "../theme.json"},
	} {
		t.Chdir(c.dir)
		th, err := galley.LoadTheme(c.theme)
		if err != nil {
			t.Fatal(err)
		}
		sum, err := Run(context.Background(), []string{c.src}, Options{OutDir: c.out, Jobs: 2, Export: galley.Options{CustomTheme: th}})
		if err != nil {
			t.Fatalf("run %d (%s in %s): %v", i+1, c.src, c.dir, err)
		}
		recs := rtReadManifest(t, filepath.Join(out, "manifest.jsonl"))
		recs = recs[len(recs)-4:]
		var names []string
		for _, r := range recs {
			names = append(names, r.Output)
			if want := StatusOK; i > 0 && r.Status != StatusSkipped || i == 0 && r.Status != want {
				t.Errorf("run %d (%s in %s): %s: %s, want %s", i+1, c.src, filepath.Base(c.dir), r.Input, r.Status,
					map[bool]string{true: StatusOK, false: StatusSkipped}[i == 0])
			}
			if !strings.HasPrefix(r.Input, "blog/") {
				t.Errorf("run %d: input %q, want blog/…", i+1, r.Input)
			}
		}
		slices.Sort(names)
		if i == 0 {
			first = names
			if sum.Printed != 4 {
				t.Errorf("first run: %+v", sum)
			}
		} else if !reflect.DeepEqual(names, first) || sum.Skipped != 4 || sum.Printed != 0 {
			t.Errorf("run %d (%s in %s): outputs %q, summary %+v; want %q all skipped", i+1, c.src, filepath.Base(c.dir), names, sum, first)
		}
		if pdfs := rtPDFs(rtFiles(t, out)); len(pdfs) != 4 {
			t.Errorf("run %d: %d PDFs in the output folder, want 4", i+1, len(pdfs))
		}
	}
}

// TestRunBrokenLinks: a symbolic link in a source folder that leads to
// nothing, or round a loop, gets its manifest line, failed with the
// reason, and counts as a failure, as an unreadable file does; a link to
// a folder is not followed and a link to a file prints the file.
func TestRunBrokenLinks(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "posts")
	rtWriteFile(t, filepath.Join(root, "elsewhere.md"), rtPost(rtTitles[1], "2024-03-02", 1, 1))
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	rtWriteFile(t, filepath.Join(src, "real.md"), rtPost(rtTitles[0], "2024-03-01", 1, 0))
	links := map[string]string{
		"dangling.md":  "gone.md",
		"loop-a.md":    "loop-b.md",
		"loop-b.md":    "loop-a.md",
		"self.txt":     "self.txt",
		"linked.md":    "../elsewhere.md",
		"folder":       "..",
		"dangling.png": "gone.png", // not an input format: not galley's business
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(src, name)); err != nil {
			t.Skip("no symbolic links:", err)
		}
	}
	want := map[string]string{ // ID → status: reason
		"posts/real.md":     "ok",
		"posts/linked.md":   "ok",
		"posts/dangling.md": "failed: dangling symbolic link to gone.md",
		"posts/loop-a.md":   "failed: symbolic link loop: loop-a.md → loop-b.md",
		"posts/loop-b.md":   "failed: symbolic link loop: loop-b.md → loop-a.md",
		"posts/self.txt":    "failed: symbolic link loop: self.txt → self.txt",
	}
	out := filepath.Join(root, "out")
	for run := 1; run <= 2; run++ {
		sum, err := Run(context.Background(), []string{src}, Options{OutDir: out, Jobs: 2})
		if !errors.Is(err, ErrFailed) {
			t.Fatalf("run %d: %v, want ErrFailed", run, err)
		}
		if sum.Total != 6 || sum.Failed != 4 || sum.Printed+sum.Skipped != 2 {
			t.Errorf("run %d: summary %+v, want 6 items, 4 failed", run, sum)
		}
		recs := rtReadManifest(t, filepath.Join(out, "manifest.jsonl"))
		got := map[string]string{}
		for _, r := range recs[len(recs)-6:] {
			s := r.Status
			if s == StatusSkipped {
				s = StatusOK
			}
			if r.Error != "" {
				s += ": " + r.Error
			}
			got[r.Input] = s
		}
		for id, w := range want {
			if g := got[id]; !strings.HasPrefix(g, strings.SplitN(w, ": ", 2)[0]) || !strings.Contains(g, strings.TrimPrefix(w, "failed: ")) {
				t.Errorf("run %d: %s: %q, want %q", run, id, g, w)
			}
		}
		if len(got) != len(want) {
			t.Errorf("run %d: records %v, want %d", run, got, len(want))
		}
	}
	// a glob's broken match is an item too; a broken link given alone is
	// a failed source that says why
	items, errs := srcCollect(t, []string{filepath.Join(src, "dangl*.md"), filepath.Join(src, "loop-a.md")}, SourceOptions{})
	if ids := srcIDs(items); !reflect.DeepEqual(ids, []string{"posts/dangling.md"}) {
		t.Errorf("glob: items %q", ids)
	} else if _, _, err := items[0].Open(context.Background()); err == nil || !strings.Contains(err.Error(), "dangling symbolic link to gone.md") {
		t.Errorf("glob: Open: %v", err)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "loop-a.md: symbolic link loop: loop-a.md → loop-b.md") {
		t.Errorf("a broken link alone: %v", errs)
	}
}
