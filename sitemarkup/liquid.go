package sitemarkup

import (
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"

	"github.com/osteele/liquid"
	"github.com/osteele/liquid/render"

	"github.com/galleyprint/galley/internal/lazyregexp"
)

// liquidStandard are the tags the Liquid engine has, and those liquid
// registers as Jekyll's.
var liquidStandard = map[string]bool{
	"assign": true, "capture": true, "case": true, "comment": true, "cycle": true, "decrement": true,
	"for": true, "if": true, "increment": true, "raw": true, "tablerow": true, "unless": true,
	"break": true, "continue": true, "when": true, "else": true, "elsif": true,
	"highlight": true, "link": true, "post_url": true, "include": true, "include_relative": true,
}

var liquidTagName = lazyregexp.New(`\{%-?\s*(end)?([A-Za-z_][\w-]*)`)

// liquid renders body as Jekyll does before Markdown reads it: Liquid
// objects and tags everywhere, with site (the configuration) and page
// (the front matter), Jekyll's tags (highlight, link, post_url, include)
// and the tags of plugins removed (their inner content kept) with a
// warning. When the engine cannot read the body, it is returned as it
// was and the scanner resolves its tags one by one instead.
func (r *resolver) liquid(body string) string {
	e := liquid.NewEngine()
	r.registerJekyll(e)
	ends := map[string]bool{}
	for _, m := range liquidTagName.FindAllStringSubmatch(body, -1) {
		if m[1] != "" {
			ends[m[2]] = true
		}
	}
	registered := map[string]bool{}
	for _, m := range liquidTagName.FindAllStringSubmatch(body, -1) {
		name := m[2]
		if m[1] != "" || liquidStandard[name] || registered[name] {
			continue
		}
		registered[name] = true
		r.warn("liquid:"+name, "Liquid tag %q is a plugin's: its markup removed", name)
		if ends[name] {
			e.RegisterBlock(name, func(c render.Context) (string, error) { return c.InnerString() })
		} else {
			e.RegisterTag(name, func(render.Context) (string, error) { return "", nil })
		}
	}
	w := &cappedWriter{max: maxLiquidGrowth*len(body) + 64<<10}
	err := renderLiquid(e, w, body, r.bindings())
	out := w.b.String()
	if err != nil || w.over {
		r.warned = map[string]bool{}
		r.warnings = nil
		return body
	}
	r.liquidOK = true
	return out
}

// maxLiquidGrowth bounds what Liquid may make of a post: this many times
// its size (loops over long lists can make far more); past it the engine
// stops and the post's tags are resolved one by one instead.
const maxLiquidGrowth = 8

// cappedWriter collects at most max bytes, then fails every write.
type cappedWriter struct {
	b    strings.Builder
	max  int
	over bool
}

func (w *cappedWriter) Write(p []byte) (int, error) {
	if w.b.Len()+len(p) > w.max {
		w.over = true
		return 0, errLiquidTooLarge
	}
	return w.b.Write(p)
}

var errLiquidTooLarge = errors.New("Liquid output over its bound")

// renderLiquid renders body with the engine into w; a panic in the
// engine (it panics when w refuses a write) is an error.
func renderLiquid(e *liquid.Engine, w io.Writer, body string, b map[string]any) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("liquid: %v", p)
		}
	}()
	if serr := e.ParseAndFRender(w, []byte(body), b); serr != nil {
		return serr
	}
	return nil
}

func (r *resolver) bindings() map[string]any {
	site := map[string]any{}
	if r.site != nil {
		for k, v := range r.site.Config {
			site[k] = v
		}
	}
	page := map[string]any{}
	for k, v := range r.page.Params {
		page[k] = v
	}
	return map[string]any{"site": site, "page": page}
}

func (r *resolver) registerJekyll(e *liquid.Engine) {
	e.RegisterBlock("highlight", func(c render.Context) (string, error) {
		inner, err := c.InnerString()
		lang, _, _ := strings.Cut(strings.TrimSpace(c.TagArgs()), " ")
		return codeBlock(lang, inner), err
	})
	e.RegisterTag("link", func(c render.Context) (string, error) {
		arg, err := c.ExpandTagArg()
		return jekyllLink(strings.TrimSpace(arg)), err
	})
	e.RegisterTag("post_url", func(c render.Context) (string, error) {
		arg, err := c.ExpandTagArg()
		return postURL(strings.TrimSpace(arg)), err
	})
	for _, rel := range []bool{false, true} {
		name := "include"
		if rel {
			name = "include_relative"
		}
		e.RegisterTag(name, func(c render.Context) (string, error) {
			arg, err := c.ExpandTagArg()
			if err != nil {
				return "", err
			}
			file, _, _ := strings.Cut(strings.TrimSpace(arg), " ")
			b, ok := r.include(file, rel)
			if !ok || r.depth >= maxIncludeDepth {
				return "", nil
			}
			r.depth++
			defer func() { r.depth-- }()
			out, err := e.ParseAndRenderString(string(b), c.Bindings())
			if err != nil {
				return string(b), nil
			}
			return out, nil
		})
	}
}

// include reads the file a Liquid include names: from the site's
// _includes folder, or beside the post for include_relative; false, with
// a warning, when there is none.
func (r *resolver) include(name string, relative bool) ([]byte, bool) {
	var dirs []string
	if relative {
		dirs = []string{r.page.Dir}
	} else if r.site != nil && r.site.Root != "" {
		dirs = []string{r.site.Root + "/_includes"}
	}
	if len(dirs) == 0 {
		r.warn("include:"+name, "include %s: no _includes folder (no site root found); dropped", name)
		return nil, false
	}
	b, _, err := r.readFile(name, dirs...)
	if err != nil {
		r.warn("include:"+name, "include %s: %v; dropped", name, err)
		return nil, false
	}
	return b, true
}

// jekyllLink is the address {% link path %} gives a site file.
func jekyllLink(p string) string {
	p = strings.TrimPrefix(p, "/")
	ext := path.Ext(p)
	switch ext {
	case ".md", ".markdown", ".html":
		p = strings.TrimSuffix(p, ext) + ".html"
	}
	if strings.HasPrefix(p, "_posts/") {
		return postURL(strings.TrimSuffix(strings.TrimPrefix(p, "_posts/"), ".html"))
	}
	return "/" + strings.TrimPrefix(p, "_")
}

var postName = lazyregexp.New(`^(?:.*/)?(\d{4})-(\d{2})-(\d{2})-(.+?)(?:\.\w+)?$`)

// postURL is the address {% post_url 2010-07-21-name %} gives a post.
func postURL(name string) string {
	m := postName.FindStringSubmatch(name)
	if m == nil {
		return "/" + name + ".html"
	}
	return fmt.Sprintf("/%s/%s/%s/%s.html", m[1], m[2], m[3], m[4])
}

// liquidTagRE is one Liquid tag: {% name args %}.
var liquidTagRE = lazyregexp.New(`^\{%-?\s*([A-Za-z_][\w-]*)([^%]*(?:%[^}][^%]*)*)-?%\}`)

// liquidTag resolves a Liquid tag at src[i] when the Liquid engine could
// not read the post: Jekyll's tags as the engine would render them,
// others removed with a warning, their blocks' content kept (but a loop's
// or a comment's, which are dropped).
func (r *resolver) liquidTag(src string, i, nesting int) (int, string, bool) {
	if r.liquidOK {
		return 0, "", false
	}
	m := liquidTagRE.FindStringSubmatch(src[i:])
	if m == nil {
		return 0, "", false
	}
	n := len(m[0])
	name, args := m[1], strings.TrimSpace(m[2])
	block := func() (string, int, bool) {
		re := regexp.MustCompile(`\{%-?\s*end` + regexp.QuoteMeta(name) + `\s*-?%\}`)
		loc := re.FindStringIndex(src[i+n:])
		if loc == nil {
			return "", n, false
		}
		return src[i+n : i+n+loc[0]], n + loc[1], true
	}
	switch name {
	case "raw":
		inner, k, _ := block()
		return k, inner, true
	case "highlight":
		inner, k, ok := block()
		if !ok {
			return n, "", true
		}
		lang, _, _ := strings.Cut(args, " ")
		return k, codeBlock(lang, inner), true
	case "comment", "for", "capture", "tablerow":
		_, k, _ := block()
		if name == "for" || name == "tablerow" {
			r.warn("liquid:"+name, "Liquid %s loop: not evaluated; removed", name)
		}
		return k, "", true
	case "link":
		return n, jekyllLink(args), true
	case "post_url":
		return n, postURL(args), true
	case "include", "include_relative":
		file, _, _ := strings.Cut(args, " ")
		b, ok := r.include(file, name == "include_relative")
		if !ok || r.depth >= maxIncludeDepth {
			return n, "", true
		}
		r.depth++
		defer func() { r.depth-- }()
		return n, r.run(string(b), nesting+1), true
	}
	if !strings.HasPrefix(name, "end") && !liquidControl[name] {
		r.warn("liquid:"+name, "Liquid tag %q: not evaluated; removed", name)
	}
	return n, "", true
}

var liquidControl = map[string]bool{"if": true, "unless": true, "else": true, "elsif": true, "case": true, "when": true, "assign": true}

var liquidObjectRE = lazyregexp.New(`^\{\{-?\s*([\w.-]+)\s*(?:\|[^}]*)?-?\}\}`)

// liquidObject resolves {{ site.x }} and {{ page.x }} from the
// configuration and front matter when the Liquid engine could not read
// the post; other objects are removed with a warning.
func (r *resolver) liquidObject(src string) (int, string, bool) {
	if r.liquidOK {
		return 0, "", false
	}
	m := liquidObjectRE.FindStringSubmatch(src)
	if m == nil {
		if n, ok := actionEnd(src); ok {
			r.warn("liquid-object", "Liquid object %s: not evaluated; removed", src[:n])
			return n, "", true
		}
		return 0, "", false
	}
	scope, field, _ := strings.Cut(m[1], ".")
	switch scope {
	case "site":
		if v, ok := r.site.Param(field); ok {
			return len(m[0]), text(v), true
		}
	case "page":
		if v, ok := lookup(r.page.Params, field); ok {
			return len(m[0]), text(v), true
		}
	}
	r.warn("liquid:"+m[1], "Liquid object {{ %s }}: no value; removed", m[1])
	return len(m[0]), "", true
}
