package batch

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunSkipsNotPosts: the files of a site's folder that are no posts
// each get a manifest line "skipped" with their reason and stay out of
// the book; the posts print; --drafts prints the drafts; a file named as a
// source always prints.
func TestRunSkipsNotPosts(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	files := map[string]string{
		"post-a.md":             rtPost("Harbour Lights Return", "2024-03-01", 2, 1),
		"post-b.md":             rtPost("The Council Votes", "2024-03-02", 2, 2),
		"post-c.md":             rtPost("Winter Ferry Timetable", "2024-03-03", 2, 3),
		"post-d.md":             rtPost("Orchard Harvest Report", "2024-03-04", 2, 4),
		"post-e.md":             rtPost("A Bridge Too Narrow", "2024-03-05", 2, 5),
		"README.md":             "# The site\n\nBuild it with make.\n",
		"LICENSE":               "MIT License\n",
		"draft.md":              "---\ntitle: Not yet\ndraft: true\n---\n\nHalf a story.\n",
		"unpublished.md":        "---\ntitle: Withdrawn\npublished: false\n---\n\nGone.\n",
		"moved.md":              "---\ntitle: Moved\nredirect: https://example.org/new/\n---\n",
		"old-name.md":           "+++\naliases = [\"/2014/old.html\"]\n+++\n",
		"latest.md":             "+++\ntemplate = \"latest.html\"\n+++\n",
		"_index.md":             "+++\ntitle = \"Blog\"\nsort_by = \"date\"\n+++\n",
		"archive.md":            "---\ntitle: Archive\n---\n\n{% for post in site.posts %}\n* [{{ post.title }}]({{ post.url }})\n{% endfor %}\n",
		"report/timing.html":    "<html><body><h1>Build timings</h1><p>unit 1: 3.2s</p></body></html>",
		"_includes/footer.md":   "Thanks for reading.\n",
		"_drafts/idea.md":       "---\ntitle: An idea\n---\n\nMaybe later.\n",
		"snippets/_index.md":    "---\ncascade:\n  build:\n    render: never\n---\n",
		"snippets/shared.md":    "A snippet other pages include.\n",
		"post-f/index.md":       rtPost("Market Day Moves", "2024-03-06", 2, 6),
		"post-g/code-sample.md": "---\ntitle: Loops shown as code\n---\n\nA page that teaches loops:\n\n```\n{{ range .Pages }}{{ .Title }}{{ end }}\n```\n",
	}
	for name, content := range files {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		rtWriteFile(t, p, content)
	}
	wantSkipped := map[string]string{
		"site/README.md":             "repository file",
		"site/LICENSE":               "", // no input format: never an item
		"site/draft.md":              "draft",
		"site/unpublished.md":        "unpublished",
		"site/moved.md":              "redirect to https://example.org/new/",
		"site/old-name.md":           "alias stub",
		"site/latest.md":             "template makes",
		"site/_index.md":             "list page",
		"site/archive.md":            "template loop",
		"site/report/timing.html":    "HTML file",
		"site/_includes/footer.md":   "include",
		"site/_drafts/idea.md":       "draft",
		"site/snippets/_index.md":    "list page",
		"site/snippets/shared.md":    "never renders",
		"site/post-g/code-sample.md": "-",
	}
	out := filepath.Join(t.TempDir(), "out")
	book := filepath.Join(t.TempDir(), "book.pdf")
	sum, err := Run(context.Background(), []string{site}, Options{OutDir: out, Jobs: 2, Book: book})
	if err != nil {
		t.Fatal(err)
	}
	recs := rtReadManifest(t, filepath.Join(out, "manifest.jsonl"))
	printed := 0
	for _, r := range recs {
		want, listed := wantSkipped[r.Input]
		switch {
		case r.Status == StatusOK:
			printed++
			if listed && want != "-" {
				t.Errorf("%s printed; want skipped (%s)", r.Input, want)
			}
		case r.Status == StatusSkipped && listed && want != "" && want != "-":
			if !strings.Contains(r.Reason, want) {
				t.Errorf("%s skipped for %q; want a reason saying %q", r.Input, r.Reason, want)
			}
			delete(wantSkipped, r.Input)
		default:
			t.Errorf("%s: %s %q %s", r.Input, r.Status, r.Reason, r.Error)
		}
	}
	for in, want := range wantSkipped {
		if want != "" && want != "-" {
			t.Errorf("%s has no skipped line (%s)", in, want)
		}
	}
	if printed != 7 || sum.Printed != 7 || sum.NotPosts != 13 {
		t.Errorf("printed %d (summary %d), %d not posts; want 7 and 13", printed, sum.Printed, sum.NotPosts)
	}
	if sum.Book == nil || sum.Book.Articles != 7 {
		t.Errorf("book %+v: want the 7 posts alone", sum.Book)
	}

	// --drafts: the three drafts print too
	out2 := filepath.Join(t.TempDir(), "out")
	sum, err = Run(context.Background(), []string{site}, Options{OutDir: out2, Jobs: 2, Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Printed != 10 {
		t.Errorf("with drafts %d printed, want 10", sum.Printed)
	}

	// a file named as a source prints whatever it is
	out3 := filepath.Join(t.TempDir(), "out")
	sum, err = Run(context.Background(), []string{filepath.Join(site, "README.md"), filepath.Join(site, "draft.md")}, Options{OutDir: out3, Jobs: 2})
	if err != nil || sum.Printed != 2 || sum.NotPosts != 0 {
		t.Errorf("named files: %+v, %v; want both printed", sum, err)
	}
}
