package sitemarkup

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/galleyprint/galley/internal/lazyregexp"
)

// Page is a post to resolve.
type Page struct {
	Body []byte
	// Params is the post's front matter.
	Params map[string]any
	// Dir is the post's folder, which its code and include files are read
	// from; "" reads no file.
	Dir string
	// Name is the post's file name (".mdx" files get MDX's imports
	// removed).
	Name string
}

// maxIncludeFile bounds a file a post includes.
const maxIncludeFile = 1 << 20

// maxIncludeDepth bounds includes within includes.
const maxIncludeDepth = 4

// Resolve returns p's body with the site's markup resolved, and a warning
// for each piece of markup it could not resolve (one per shortcode, tag
// or function name). site may be nil. Markup inside code spans and fenced
// code blocks is left as it is, but for the escapes generators undo there
// (Hugo's {{</* */>}}, Liquid's {% raw %}).
func Resolve(p Page, site *Site) ([]byte, []string) {
	r := &resolver{page: p, site: site, warned: map[string]bool{}}
	r.gen = r.generator()
	body := string(p.Body)
	if r.gen == Jekyll && (strings.Contains(body, "{%") || strings.Contains(body, "{{")) {
		body = r.liquid(body)
	}
	out := r.run(body, 0)
	sort.Strings(r.warnings)
	return []byte(out), r.warnings
}

// Has reports whether body holds markup Resolve would change: cheap, so
// that plain posts skip Resolve.
func Has(body []byte) bool {
	for _, m := range []string{"{{", "{%", "{#", "{:", "{.", "!!! ", "??? ", "import ", "<"} {
		if strings.Contains(string(body), m) {
			return true
		}
	}
	return false
}

type resolver struct {
	page     Page
	site     *Site
	gen      Generator
	warned   map[string]bool
	warnings []string
	depth    int  // includes within includes
	liquidOK bool // Liquid was rendered by the engine
}

// warn records a warning once per key.
func (r *resolver) warn(key, format string, args ...any) {
	if r.warned[key] {
		return
	}
	r.warned[key] = true
	r.warnings = append(r.warnings, fmt.Sprintf(format, args...))
}

// generator is the site's generator, else the one the post's markup
// names.
func (r *resolver) generator() Generator {
	if r.site != nil && r.site.Generator != Unknown {
		return r.site.Generator
	}
	b := string(r.page.Body)
	switch {
	case strings.Contains(b, "{{<") || strings.Contains(b, "{{%"):
		return Hugo
	case strings.Contains(b, "{%") || liquidObject.MatchString(b):
		return Jekyll
	case strings.Contains(b, "{{"):
		return GoBlog
	}
	return Unknown
}

var liquidObject = lazyregexp.New(`\{\{-?\s*(site|page|layout|include|jekyll|paginator)\.`)

// readFile reads a file named by a post relative to its folder (or, when
// rooted, to the site's root), never outside the site's root or, with no
// site, the post's folder.
func (r *resolver) readFile(name string, roots ...string) ([]byte, string, error) {
	return r.readFileMax(name, maxIncludeFile, roots...)
}

// readFileMax is readFile for a file of at most max bytes.
func (r *resolver) readFileMax(name string, max int64, roots ...string) ([]byte, string, error) {
	if r.page.Dir == "" {
		return nil, "", fmt.Errorf("%s: no folder to read it from", name)
	}
	top := r.page.Dir
	if r.site != nil && r.site.Root != "" {
		top = r.site.Root
	}
	top, _ = filepath.Abs(top)
	if real, err := filepath.EvalSymlinks(top); err == nil {
		top = real
	}
	dirs := roots
	if len(dirs) == 0 {
		dirs = []string{r.page.Dir}
	}
	var lastErr error = os.ErrNotExist
	for _, d := range dirs {
		p := filepath.Join(d, filepath.FromSlash(name))
		abs, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			abs = real // a link leading out of the site is out of it
		}
		if rel, err := filepath.Rel(top, abs); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			lastErr = fmt.Errorf("%s: outside the site", name)
			continue
		}
		st, err := os.Stat(abs)
		if err != nil {
			lastErr = err
			continue
		}
		if !st.Mode().IsRegular() || st.Size() > max {
			lastErr = fmt.Errorf("%s: not a file of at most %d bytes", name, max)
			continue
		}
		b, err := os.ReadFile(abs)
		if err != nil {
			lastErr = err
			continue
		}
		return b, abs, nil
	}
	return nil, "", lastErr
}

// param returns the front matter's value at a dotted path (matched
// case-insensitively), then the site's params.
func (r *resolver) param(path string) (any, bool) {
	if v, ok := lookup(r.page.Params, path); ok {
		return v, true
	}
	if v, ok := lookup(r.page.Params, "params."+path); ok {
		return v, true
	}
	if v, ok := r.site.Param("params." + path); ok {
		return v, true
	}
	return r.site.Param(path)
}

// text is a front matter value as it prints.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			parts = append(parts, text(e))
		}
		return strings.Join(parts, ", ")
	case []string:
		return strings.Join(x, ", ")
	case map[string]any:
		if n, ok := x["name"]; ok {
			return text(n)
		}
		return ""
	}
	return fmt.Sprint(v)
}

// codeBlock is a fenced code block holding code, in language lang.
func codeBlock(lang, code string) string {
	code = strings.TrimRight(strings.TrimLeft(code, "\r\n"), " \t\r\n")
	fence := "```"
	for strings.Contains(code, fence) {
		fence += "`"
	}
	return "\n\n" + fence + lang + "\n" + code + "\n" + fence + "\n\n"
}

// langOf is the code language a file's extension names.
func langOf(name string) string {
	ext := strings.TrimPrefix(filepath.Ext(name), ".")
	switch ext {
	case "", "txt":
		return ""
	case "rs":
		return "rust"
	case "py":
		return "python"
	case "js":
		return "javascript"
	case "sh":
		return "bash"
	}
	return ext
}
