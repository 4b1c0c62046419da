package sitemarkup

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestResolve is each construct alone: what the body must become (the
// resolved Markdown holds want and none of notWant) and how many warnings
// it gives.
func TestResolve(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		params     map[string]any
		file       string // Page.Name
		want       []string
		notWant    []string
		warnings   int
	}{
		{name: "code span kept", body: "Use `{{< figure >}}` and `{% raw %}`.", want: []string{"`{{< figure >}}`", "`{% raw %}`"}},
		{name: "indented code kept", body: "Text:\n\n    {{< figure >}}\n    {% raw %}\n\nAfter {{% note %}}y{{% /note %}}", want: []string{"    {{< figure >}}\n    {% raw %}\n", "After y"}, warnings: 1},
		{name: "list continuation resolved", body: "- item\n\n    {{< param p >}}\n", params: map[string]any{"p": "V"}, want: []string{"    V"}},
		{name: "fence kept", body: "```\n{{ .Title }}\n{{< x >}}\n```\n", want: []string{"{{ .Title }}\n{{< x >}}"}},
		{name: "escaped shortcode in a fence", body: "```\n{{</* figure src=\"a.png\" */>}}\n```\n", want: []string{`{{< figure src="a.png" >}}`}, notWant: []string{"/*"}},
		{name: "unknown shortcode: inner kept, one warning", body: "{{% note %}}Keep **me**{{% /note %}}\n\n{{% note %}}Again{{% /note %}}", want: []string{"Keep **me**", "Again"}, notWant: []string{"{{"}, warnings: 1},
		{name: "nested shortcodes", body: "{{< details summary=\"S\" >}}\n{{< highlight rust >}}\nfn x() {}\n{{< /highlight >}}\n{{< /details >}}", want: []string{"**S**", "```rust\nfn x() {}\n```"}, notWant: []string{"{{"}},
		{name: "param from front matter", body: "In {{< param place >}}.", params: map[string]any{"place": "Oslo"}, want: []string{"In Oslo."}},
		{name: "param missing", body: "In {{< param nowhere >}}.", want: []string{"In ."}, warnings: 1},
		{name: "heading attributes", body: "## Title {#id .cls}\n\nText {: .lead}\n", want: []string{"## Title\n", "Text "}, notWant: []string{"{#", "{:"}},
		{name: "kramdown block IAL and toc", body: "Para.\n{: .note}\n\n* TOC\n{:toc}\n\nNext", want: []string{"Para.\n", "Next"}, notWant: []string{"{:", "TOC"}},
		{name: "admonition", body: "!!! warning \"Careful\"\n    Hot **tea**.\n\nAfter", want: []string{"> **Careful**", "> Hot **tea**.", "After"}, notWant: []string{"!!!"}},
		{name: "mdx", file: "a.mdx", body: "import Tabs from '@theme/Tabs';\n\n<Tabs>\n<TabItem value=\"a\">Alpha text</TabItem>\n</Tabs>\n<Note />", want: []string{"Alpha text"}, notWant: []string{"import", "<Tabs", "<TabItem", "</Tabs", "<Note"}},
		{name: "html tags stay", body: "<div class=\"x\">text</div>", want: []string{"<div class=\"x\">text</div>"}},
		{name: "liquid objects and tags", body: "{{ page.title }} {% link _docs/a.md %} {% post_url 2010-07-21-name %}", params: map[string]any{"title": "T"}, want: []string{"T /docs/a.html /2010/07/21/name.html"}},
		{name: "liquid engine failure falls back tag by tag", body: "{% highlight go %}\nx := 1\n{% endhighlight %}\n{{ page.title | nosuchfilter }} {% unknown %} `{% kept %}`", params: map[string]any{"title": "T"}, want: []string{"```go\nx := 1\n```", "T  `{% kept %}`"}, notWant: []string{"{% unknown", "{{ page"}, warnings: 1},
		{name: "liquid loop output bounded", body: "{% for i in (1..100000000) %}xxxxxxxxxx{% endfor %}\nText", want: []string{"Text"}, notWant: []string{"xxxxxxxxxx"}, warnings: 1},
		{name: "go template field and unknown action", body: "{{.title}} {{ template \"x\" }}", params: map[string]any{"title": "Hello"}, want: []string{"Hello "}, notWant: []string{"{{"}, warnings: 1},
		{name: "raw", body: "{{raw `\n  a\n    b\n`}}", want: []string{"```\n  a\n    b\n```"}},
		{name: "code file missing", body: "{{code \"nowhere.go\"}}", warnings: 1, notWant: []string{"{{"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, warns := Resolve(Page{Body: []byte(tc.body), Params: tc.params, Name: tc.file}, nil)
			got := string(out)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(got, w) {
					t.Errorf("holds %q:\n%s", w, got)
				}
			}
			if len(warns) != tc.warnings {
				t.Errorf("%d warnings %q, want %d", len(warns), warns, tc.warnings)
			}
		})
	}
}

// TestCodeInclude selects lines of a file as the Go present tool does.
func TestCodeInclude(t *testing.T) {
	r := &resolver{page: Page{Dir: "../testdata/sites/gotmpl/blog"}, warned: map[string]bool{}}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"prog.go", "/START/", "/END/"}, "```go\nfunc main() {\n\tfmt.Println(\"Hello, 世界\")\n}\n```"},
		{[]string{"prog.go", "/func main/,/^}/"}, "```go\nfunc main() {\n\tfmt.Println(\"Hello, 世界\")\n}\n```"},
		{[]string{"-numbers", "prog.go", "1"}, "```go\npackage main\n```"},
		{[]string{"prog.go", "/nothing/"}, ""},
	} {
		if got := strings.TrimSpace(r.codeInclude(tc.args)); got != tc.want {
			t.Errorf("code %q = %q, want %q", tc.args, got, tc.want)
		}
	}
}

// TestReadFileStaysInSite: a post cannot include a file outside its site.
func TestReadFileStaysInSite(t *testing.T) {
	site := FindSite("../testdata/sites/gotmpl/blog")
	r := &resolver{page: Page{Dir: "../testdata/sites/gotmpl/blog"}, site: site, warned: map[string]bool{}}
	if _, _, err := r.readFile("../../hugo/hugo.toml"); err == nil {
		t.Error("read a file outside the site")
	}
	if _, _, err := r.readFile("prog.go"); err != nil {
		t.Error(err)
	}
}

// TestReadFileLinkOutOfSite: a link inside the site to a file outside it
// is outside it.
func TestReadFileLinkOutOfSite(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	secret := filepath.Join(dir, "secret.txt")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(secret, []byte("private"), 0o644)
	os.WriteFile(filepath.Join(site, "go.mod"), []byte("module x\n"), 0o644)
	if err := os.Symlink(secret, filepath.Join(site, "leak.go")); err != nil {
		t.Fatal(err)
	}
	out, warns := Resolve(Page{Body: []byte("{{code \"leak.go\"}}"), Dir: site}, FindSite(site))
	if strings.Contains(string(out), "private") || len(warns) != 1 {
		t.Errorf("read through a link out of the site: %q %q", out, warns)
	}
}
