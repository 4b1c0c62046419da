// Package sitemarkup resolves the markup static site generators put in
// Markdown posts, as each generator would when it publishes them: Hugo
// shortcodes, Jekyll's Liquid tags and kramdown attribute lists, the Go
// template actions of Go-based blogs, Pandoc heading attributes, MkDocs
// admonitions and MDX imports and components. Resolve turns a post's body
// into plain Markdown (with HTML for figures) that a Markdown parser
// reads as the site printed it; markup it cannot resolve is removed, with
// a warning, and never left in the text.
//
// Nothing is fetched: files are read from the post's own folder and the
// site's root (FindSite), and only there.
package sitemarkup

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"

	toml "github.com/pelletier/go-toml/v2"
	yaml "go.yaml.in/yaml/v3"
)

// Generator names the kind of site a post comes from.
type Generator string

// The generators whose markup Resolve reads.
const (
	Unknown Generator = ""
	Hugo    Generator = "hugo"
	Jekyll  Generator = "jekyll"
	GoBlog  Generator = "gotemplate" // Go-based sites (go.dev blog): Go template actions
)

// Site is what Resolve knows of a post's site: its root folder, its
// generator and configuration, and its authors data.
type Site struct {
	Root      string         // the folder holding the site's configuration; "" when none was found
	Generator Generator      // from the configuration file's name; Unknown without one
	Config    map[string]any // the configuration file's values
	// Authors maps an author id to the author's data, from the site's
	// authors data file (Hugo data/authors.*, Jekyll _data/authors.*).
	Authors map[string]any
}

// configFiles are the files that mark a site's root, in the order they
// are looked for, with the generator each names.
var configFiles = []struct {
	name string
	gen  Generator
}{
	{"hugo.toml", Hugo}, {"hugo.yaml", Hugo}, {"hugo.yml", Hugo}, {"hugo.json", Hugo},
	{"_config.yml", Jekyll}, {"_config.yaml", Jekyll}, {"_config.toml", Jekyll},
	{"config.toml", Hugo}, {"config.yaml", Hugo}, {"config.yml", Hugo}, {"config.json", Hugo},
	{"go.mod", GoBlog},
}

// maxSearchDepth bounds how far up FindSite looks for a site's root.
const maxSearchDepth = 8

// maxDataFile is the largest configuration or data file read.
const maxDataFile = 4 << 20

var sites sync.Map // folder → *Site, so that a batch reads each site once

// FindSite returns the site the folder dir belongs to: the nearest folder
// at or above dir (at most maxSearchDepth levels up) holding a
// configuration file (hugo.toml, _config.yml, config.toml, go.mod…), read
// once per folder and kept. A dir with no site above it gives a Site with
// no root, not nil; "" gives nil.
func FindSite(dir string) *Site {
	if dir == "" {
		return nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	if s, ok := sites.Load(abs); ok {
		return s.(*Site)
	}
	s := findSite(abs)
	actual, _ := sites.LoadOrStore(abs, s)
	return actual.(*Site)
}

func findSite(dir string) *Site {
	for d, i := dir, 0; i < maxSearchDepth; i++ {
		for _, c := range configFiles {
			p := filepath.Join(d, c.name)
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				return loadSite(d, p, c.gen)
			}
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	return &Site{}
}

func loadSite(root, config string, gen Generator) *Site {
	s := &Site{Root: root, Generator: gen, Config: map[string]any{}}
	if gen != GoBlog {
		if m, ok := readData(config); ok {
			s.Config = m
		}
	}
	for _, dir := range []string{"data", "_data"} {
		for _, ext := range []string{".yml", ".yaml", ".toml", ".json"} {
			if m, ok := readData(filepath.Join(root, dir, "authors"+ext)); ok {
				s.Authors = m
				return s
			}
		}
	}
	return s
}

// readData reads a YAML, TOML or JSON file (by its extension) into a map.
func readData(p string) (map[string]any, bool) {
	st, err := os.Stat(p)
	if err != nil || !st.Mode().IsRegular() || st.Size() > maxDataFile {
		return nil, false
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, false
	}
	return DecodeData(b, filepath.Ext(p))
}

// DecodeData decodes YAML, TOML or JSON, named by ext (".yml", ".toml",
// ".json"…), into a map; false when it is not a map in that language.
func DecodeData(b []byte, ext string) (map[string]any, bool) {
	m := map[string]any{}
	var err error
	switch strings.ToLower(ext) {
	case ".toml":
		err = toml.Unmarshal(b, &m)
	case ".json":
		err = json.Unmarshal(b, &m)
	default:
		err = yaml.Unmarshal(bytes.TrimPrefix(b, []byte("\uFEFF")), &m)
	}
	return m, err == nil
}

// Param returns the site's configuration value at a dotted path
// ("params.author", "baseurl"), looked up case-insensitively as Hugo
// does.
func (s *Site) Param(path string) (any, bool) {
	if s == nil {
		return nil, false
	}
	return lookup(s.Config, path)
}

// Author returns the display name the site's authors data gives the
// author id, false when it names no such author.
func (s *Site) Author(id string) (string, bool) {
	if s == nil || s.Authors == nil {
		return "", false
	}
	v, ok := lookup(s.Authors, id)
	if !ok {
		return "", false
	}
	switch a := v.(type) {
	case string:
		return a, a != ""
	case map[string]any:
		for _, k := range []string{"name", "display_name", "displayName", "title", "fullname"} {
			if n, ok := a[k].(string); ok && n != "" {
				return n, true
			}
		}
	}
	return "", false
}

// lookup finds the value at a dotted path in m, each key matched exactly
// or else case-insensitively.
func lookup(m map[string]any, path string) (any, bool) {
	var cur any = m
	for _, key := range strings.Split(path, ".") {
		mm, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		v, ok := mm[key]
		if !ok { // the first key, in sorted order, equal but for case
			best := ""
			for k, x := range mm {
				if strings.EqualFold(k, key) && (!ok || k < best) {
					v, ok, best = x, true, k
				}
			}
		}
		if !ok {
			return nil, false
		}
		cur = v
	}
	return cur, true
}
