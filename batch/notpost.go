package batch

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/galleyprint/galley/internal/lazyregexp"
	"github.com/galleyprint/galley/parse"
)

// Not every file of a site's folder is a post: notPost says which are not
// (the reason a manifest line gives), for files found in a folder walk or
// by a glob; a file named as a source always prints.

// repositoryFiles are the files a repository holds beside its content,
// named in capitals by convention ("README.md", "LICENSE", "CHANGELOG.md").
var repositoryFiles = lazyregexp.New(`^(?:README|LICEN[CS]E|CHANGELOG|CHANGES|HISTORY|CONTRIBUTING|COPYING|AUTHORS|NOTICE|CODE_OF_CONDUCT|SECURITY|MAINTAINERS)(?:[-_.][^/]*)?$`)

// siteFolders hold a site's templates, includes and data, not its posts.
var siteFolders = map[string]string{
	"_includes": "an include", "_layouts": "a layout", "_data": "site data", "_sass": "a stylesheet",
	"_plugins": "a plugin", "_site": "the built site", "node_modules": "a package",
}

// family is the kind of document a file is, by its extension.
func family(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".mdx":
		return "Markdown"
	case ".html", ".htm", ".xhtml":
		return "HTML"
	case ".txt", ".text":
		return "text"
	case ".json":
		return "JSON"
	}
	return ""
}

// dominantFamilies finds, for each folder that files were found in, the
// kind of document nearly all of them are (nine in ten, of at least ten
// files): the kind of the folder's posts. A small or mixed folder has
// none, and all its files print.
func dominantFamilies(items []Item) map[string]string {
	counts := map[string]map[string]int{}
	for _, it := range items {
		if it.Found == "" || it.Entry != "" {
			continue
		}
		f := family(it.Name)
		if counts[it.Found] == nil {
			counts[it.Found] = map[string]int{}
		}
		counts[it.Found][f]++
	}
	out := map[string]string{}
	for dir, c := range counts {
		total := 0
		for _, n := range c {
			total += n
		}
		for f, n := range c {
			if f != "" && n >= minPostsForKind && n*10 >= total*9 {
				out[dir] = f
			}
		}
	}
	return out
}

// minPostsForKind is how many posts of one kind a folder needs before a
// file of another kind among them is taken for no post.
const minPostsForKind = 10

// notPosts decides which files of a run are posts.
type notPosts struct {
	drafts   bool              // print drafts
	families map[string]string // folder found in → the kind of its posts
	cascades sync.Map          // folder → whether a Hugo _index.md above cascades render: never
}

// reason says why the item's file, read as data, is no post; "" when it
// is one (or was named, not found).
func (np *notPosts) reason(it Item, data []byte) string {
	if it.Found == "" || it.Entry != "" || it.Name == "" {
		return ""
	}
	base := filepath.Base(it.Name)
	if repositoryFiles.MatchString(base) {
		return fmt.Sprintf("a repository file (%s), not a post", base)
	}
	if rel, err := filepath.Rel(it.Found, it.Name); err == nil {
		parts := strings.Split(filepath.ToSlash(rel), "/")
		for _, dir := range parts[:len(parts)-1] {
			if what, ok := siteFolders[dir]; ok {
				return fmt.Sprintf("%s of the site (in %s/), not a post", what, dir)
			}
			if dir == "_drafts" && !np.drafts {
				return "a draft (in _drafts/; --drafts prints drafts)"
			}
		}
	}
	if want, f := np.families[it.Found], family(it.Name); want != "" && f != want {
		what := "a " + f + " file"
		if f == "HTML" {
			what = "an HTML file"
		}
		return fmt.Sprintf("%s (%s) among %s posts, not a post", what, base, want)
	}
	fm, body, ok := parse.FrontMatter(data)
	if ok {
		if r := np.frontMatterReason(fm, body); r != "" {
			return r
		}
	}
	if strings.HasPrefix(base, "_index.") {
		return "a section's list page (_index), not a post"
	}
	if np.renderNever(filepath.Dir(it.Name), it.Found) {
		return "in a headless bundle: the site never renders it (cascade build render: never)"
	}
	if templateListing(body) {
		return "an index page listing posts through a template loop, not a post"
	}
	return ""
}

// frontMatterReason says why front matter makes a file no post.
func (np *notPosts) frontMatterReason(fm map[string]any, body []byte) string {
	if truthy(fm["draft"]) && !np.drafts {
		return "a draft (draft: true; --drafts prints drafts)"
	}
	if v, ok := fm["published"]; ok && !truthy(v) && isFalse(v) && !np.drafts {
		return "unpublished (published: false; --drafts prints it)"
	}
	for _, k := range []string{"redirect", "redirect_to", "redirect_url", "redirectURL", "redirectTo"} {
		if s := valueText(fm[k]); s != "" {
			return "a redirect to " + s + ", not a post"
		}
	}
	if truthy(fm["headless"]) {
		return "a headless bundle: the site never renders it"
	}
	for _, k := range []string{"build", "_build"} {
		if b, ok := fm[k].(map[string]any); ok && renderNever(b) {
			return "the site never renders it (build render: never)"
		}
	}
	blank := len(bytes.TrimSpace(body)) == 0
	for _, k := range []string{"template", "layout"} {
		if t := valueText(fm[k]); t != "" && blank {
			return fmt.Sprintf("a page its site's template makes (%s: %s), with no text of its own", k, t)
		}
	}
	if _, ok := fm["aliases"]; ok && blank {
		stub := true
		for k := range fm {
			switch strings.ToLower(k) {
			case "aliases", "layout", "type", "url", "permalink", "slug", "date", "weight", "sitemap", "_build", "build":
			default:
				stub = false
			}
		}
		if stub {
			return "an alias stub (aliases and no content), not a post"
		}
	}
	return ""
}

func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return strings.EqualFold(x, "true") || strings.EqualFold(x, "yes")
	}
	return false
}

func isFalse(v any) bool {
	switch x := v.(type) {
	case bool:
		return !x
	case string:
		return strings.EqualFold(x, "false") || strings.EqualFold(x, "no")
	}
	return false
}

func valueText(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case []any:
		if len(x) > 0 {
			return valueText(x[0])
		}
	}
	return ""
}

// renderNever reads Hugo's build options: render set to never (or false).
func renderNever(build map[string]any) bool {
	switch v := build["render"].(type) {
	case string:
		return strings.EqualFold(v, "never") || strings.EqualFold(v, "false")
	case bool:
		return !v
	}
	return false
}

// renderNever reports whether a Hugo _index.md in dir or a folder above
// it, up to root, cascades build options that never render its pages.
func (np *notPosts) renderNever(dir, root string) bool {
	if v, ok := np.cascades.Load(dir); ok {
		return v.(bool)
	}
	never := false
	if data, err := os.ReadFile(filepath.Join(dir, "_index.md")); err == nil {
		if fm, _, ok := parse.FrontMatter(data); ok {
			never = cascadesNever(fm["cascade"])
		}
	}
	if !never {
		if parent := filepath.Dir(dir); parent != dir && strings.HasPrefix(parent, filepath.Clean(root)) {
			never = np.renderNever(parent, root)
		}
	}
	np.cascades.Store(dir, never)
	return never
}

// cascadesNever reads a Hugo cascade (a map, or a list of them) for build
// options that never render.
func cascadesNever(c any) bool {
	switch x := c.(type) {
	case map[string]any:
		for _, k := range []string{"build", "_build"} {
			if b, ok := x[k].(map[string]any); ok && renderNever(b) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if cascadesNever(e) {
				return true
			}
		}
	case []map[string]any:
		for _, e := range x {
			if cascadesNever(e) {
				return true
			}
		}
	}
	return false
}

var (
	loopOpen  = lazyregexp.New(`\{%-?\s*for\s|\{\{-?\s*range\s`)
	templates = lazyregexp.New(`(?s)\{%.*?%\}|\{\{.*?\}\}|<[^>]*>`)
)

// templateListing reports whether a page's body is a template loop with
// little text around it: an index page that lists the site's posts. A
// loop shown in a code block is no loop of the page's.
func templateListing(body []byte) bool {
	if !loopOpen.Match(body) {
		return false
	}
	text := withoutCode(string(body))
	if !loopOpen.MatchString(text) {
		return false
	}
	return len(strings.Fields(templates.ReplaceAllString(text, " "))) < 60
}

// withoutCode is Markdown text without its fenced code blocks and code
// spans.
func withoutCode(s string) string {
	var b strings.Builder
	fence := ""
	for _, line := range strings.SplitAfter(s, "\n") {
		t := strings.TrimLeft(line, " ")
		switch {
		case fence != "":
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			fence = t[:3]
		default:
			b.WriteString(codeSpans.ReplaceAllString(line, " "))
		}
	}
	return b.String()
}

var codeSpans = lazyregexp.New("`+[^`]*`+")
