package parse

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"path/filepath"

	"github.com/galleyprint/galley/sitemarkup"
)

// siteSource is where a Markdown post comes from, for its static-site
// markup: its folder ("" for none: no file is read) and where warnings
// go.
type siteSource struct {
	dir    string
	logger *slog.Logger
}

// site is the static site the post belongs to, nil without a folder.
func (s siteSource) site() *sitemarkup.Site {
	if s.dir == "" {
		return nil
	}
	return sitemarkup.FindSite(s.dir)
}

// resolve returns body with its static-site markup resolved (see package
// sitemarkup), each piece it could not resolve a warning.
func (s siteSource) resolve(body []byte, fm frontMatter, name string) []byte {
	if !sitemarkup.Has(body) {
		return body
	}
	out, warns := sitemarkup.Resolve(sitemarkup.Page{Body: body, Params: fm.params, Dir: s.dir, Name: filepath.Base(name)}, s.site())
	if s.logger != nil {
		for _, w := range warns {
			s.logger.Warn(w)
		}
	}
	return out
}

// authors returns the post's authors, each an id the site's authors data
// names replaced by the name it gives.
func (s siteSource) authors(fm frontMatter, names []string) []string {
	site := s.site()
	if site == nil || site.Authors == nil {
		return names
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n
		if full, ok := site.Author(n); ok {
			out[i] = full
		}
	}
	return out
}

// authorNames collects the authors the front matter names under authors,
// author, by, byline or creator: a string (a byline such as "A and B" is
// split), a list of strings, or objects with a name.
func (fm frontMatter) authorNames(names []string) []string {
	for _, v := range []any{fm.Authors, fm.Author, fm.By, fm.Byline, fm.Creator} {
		names = appendAuthors(names, v, true)
	}
	return names
}

func appendAuthors(names []string, v any, split bool) []string {
	switch x := v.(type) {
	case string:
		if split {
			return append(names, splitByline(x)...)
		}
		if s := squash(x); s != "" {
			names = append(names, s)
		}
	case []any:
		for _, e := range x {
			names = appendAuthors(names, e, false)
		}
	case []string:
		for _, e := range x {
			names = appendAuthors(names, e, false)
		}
	case map[string]any:
		for _, k := range []string{"name", "display_name", "displayName", "title"} {
			if n, ok := x[k].(string); ok && n != "" {
				return append(names, squash(n))
			}
		}
	}
	return names
}

// jsonFrontMatter reads front matter written as a JSON object at the top
// of a post (Hugo's third front matter format), followed by the body.
func jsonFrontMatter(data []byte) (frontMatter, []byte, bool) {
	var fm frontMatter
	if !bytes.HasPrefix(data, []byte("{\n")) && !bytes.HasPrefix(data, []byte("{\r\n")) {
		return fm, data, false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var params map[string]any
	if err := dec.Decode(&params); err != nil {
		return fm, data, false
	}
	end := int(dec.InputOffset())
	obj := data[:end]
	_ = json.Unmarshal(obj, &fm) // as much as fits the fields
	fm.params = params
	return fm, data[end:], true
}

// FrontMatter returns the front matter of a Markdown post (YAML between
// --- lines, TOML between +++ lines, or a JSON object) as a map, and the
// body after it; false when the post has none, or none that reads.
func FrontMatter(data []byte) (map[string]any, []byte, bool) {
	data = bytes.TrimPrefix(data, utf8BOM)
	fm, body, err := splitFrontMatter(data)
	if err != nil || fm.params == nil {
		return nil, data, false
	}
	return fm.params, body, true
}
