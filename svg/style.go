package svg

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/galleyprint/galley/page"
)

// cssRule is one selector of a <style> rule with its declarations.
type cssRule struct {
	sel   []compound // descendant chain, the element's own last
	spec  int        // specificity: ids·10000 + classes·100 + types
	order int
	decls []decl
}

// compound is a simple selector's parts: a type (or "" for any), an id
// and classes.
type compound struct {
	typ     string
	id      string
	classes []string
}

type decl struct{ prop, value string }

// parseCSS reads the rules of a style sheet. Selectors beyond type,
// class, id, universal, compounds and descendant chains (attributes,
// pseudo-classes, child and sibling combinators) are skipped; @import
// and other at-rules are skipped and reported.
func parseCSS(css string, order *int, warn func(string)) []cssRule {
	var rules []cssRule
	css = stripComments(css)
	for len(css) > 0 {
		css = strings.TrimSpace(css)
		if css == "" {
			break
		}
		if css[0] == '@' {
			end := strings.IndexAny(css, ";{")
			if end < 0 {
				break
			}
			if strings.HasPrefix(css, "@import") {
				warn("@import (external style sheets are not read)")
			}
			if css[end] == ';' {
				css = css[end+1:]
				continue
			}
			// skip the block, nested braces included
			depth, i := 0, end
			for ; i < len(css); i++ {
				if css[i] == '{' {
					depth++
				} else if css[i] == '}' {
					if depth--; depth == 0 {
						break
					}
				}
			}
			css = css[min(i+1, len(css)):]
			continue
		}
		open := strings.IndexByte(css, '{')
		if open < 0 {
			break
		}
		close := strings.IndexByte(css[open:], '}')
		if close < 0 {
			close = len(css) - open
		}
		selText, body := css[:open], css[open+1:open+close]
		css = css[min(open+close+1, len(css)):]
		decls := parseDecls(body)
		for _, s := range strings.Split(selText, ",") {
			sel, spec, ok := parseSelector(strings.TrimSpace(s))
			if !ok {
				continue
			}
			*order++
			rules = append(rules, cssRule{sel: sel, spec: spec, order: *order, decls: decls})
		}
	}
	return rules
}

func stripComments(s string) string {
	for {
		i := strings.Index(s, "/*")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i+2:], "*/")
		if j < 0 {
			return s[:i]
		}
		s = s[:i] + " " + s[i+2+j+2:]
	}
}

// parseSelector reads a descendant chain of compound selectors.
func parseSelector(s string) ([]compound, int, bool) {
	if s == "" || strings.ContainsAny(s, "[]:>+~()") {
		return nil, 0, false
	}
	var chain []compound
	spec := 0
	for _, part := range strings.Fields(s) {
		var c compound
		rest := part
		// the type comes first, then #id and .class parts in any order
		i := strings.IndexAny(rest, ".#")
		if i < 0 {
			i = len(rest)
		}
		c.typ, rest = rest[:i], rest[i:]
		if c.typ == "*" {
			c.typ = ""
		} else if c.typ != "" {
			spec++
		}
		for rest != "" {
			kind := rest[0]
			rest = rest[1:]
			j := strings.IndexAny(rest, ".#")
			if j < 0 {
				j = len(rest)
			}
			name := rest[:j]
			rest = rest[j:]
			if name == "" {
				return nil, 0, false
			}
			if kind == '#' {
				c.id = name
				spec += 10000
			} else {
				c.classes = append(c.classes, name)
				spec += 100
			}
		}
		chain = append(chain, c)
	}
	return chain, spec, len(chain) > 0
}

func (c *compound) matches(el *element) bool {
	if c.typ != "" && c.typ != el.name {
		return false
	}
	if c.id != "" && el.attrs["id"] != c.id {
		return false
	}
	if len(c.classes) > 0 {
		have := el.attrs["class"]
		for _, cl := range c.classes {
			if !hasClass(have, cl) {
				return false
			}
		}
	}
	return true
}

// hasClass reports whether the class list (words between spaces) holds
// class.
func hasClass(list, class string) bool {
	for list != "" {
		i := strings.IndexAny(list, " \t\n\r\f")
		word := list
		if i >= 0 {
			word, list = list[:i], list[i+1:]
		} else {
			list = ""
		}
		if word == class {
			return true
		}
	}
	return false
}

// matches reports whether the rule's selector matches el.
func (r *cssRule) matches(el *element) bool {
	last := len(r.sel) - 1
	if !r.sel[last].matches(el) {
		return false
	}
	k := last - 1
	for a := el.parent; a != nil && k >= 0; a = a.parent {
		if r.sel[k].matches(a) {
			k--
		}
	}
	return k < 0
}

// parseDecls reads "prop: value; …".
func parseDecls(s string) []decl {
	var out []decl
	for _, d := range strings.Split(s, ";") {
		k, v, ok := strings.Cut(d, ":")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "!important"))
		if k != "" {
			out = append(out, decl{k, v})
		}
	}
	return out
}

// sortRules orders rules by specificity, then by their order in the
// document, as the cascade applies them.
func sortRules(rules []cssRule) {
	slices.SortStableFunc(rules, func(a, b cssRule) int {
		if a.spec != b.spec {
			return a.spec - b.spec
		}
		return a.order - b.order
	})
}

// presentation lists the properties read from attributes, style
// attributes and rules.
var presentation = map[string]bool{
	"fill": true, "fill-opacity": true, "fill-rule": true, "stroke": true, "stroke-opacity": true,
	"stroke-width": true, "stroke-linecap": true, "stroke-linejoin": true, "stroke-miterlimit": true,
	"stroke-dasharray": true, "stroke-dashoffset": true, "opacity": true, "display": true, "visibility": true,
	"font-family": true, "font-size": true, "font-weight": true, "font-style": true, "font": true,
	"text-anchor": true, "clip-path": true, "clip-rule": true, "color": true, "stop-color": true,
	"stop-opacity": true, "filter": true, "mask": true, "dominant-baseline": true, "alignment-baseline": true,
	"baseline-shift": true, "transform": true, "vector-effect": true, "marker": true, "marker-start": true,
	"marker-mid": true, "marker-end": true, "flood-color": true, "flood-opacity": true, "mask-type": true,
	"white-space": true,
}

// color is a parsed paint colour.
type rgba struct {
	c page.Color
	a float64
}

// parseColor reads a CSS colour; ok is false for what is not one.
func parseColor(s string, current rgba) (rgba, bool) {
	s = strings.TrimSpace(strings.ToLower(s))
	switch {
	case strings.HasPrefix(s, "light-dark(") && strings.HasSuffix(s, ")"):
		// paper is light
		if args := splitArgs(s[len("light-dark(") : len(s)-1]); len(args) == 2 {
			return parseColor(args[0], current)
		}
		return rgba{}, false
	case strings.HasPrefix(s, "var(") && strings.HasSuffix(s, ")"):
		// a custom property is not known here: its fallback stands
		if args := splitArgs(s[len("var(") : len(s)-1]); len(args) == 2 {
			return parseColor(args[1], current)
		}
		return rgba{}, false
	case s == "currentcolor":
		return current, true
	case s == "transparent":
		return rgba{a: 0}, true
	case strings.HasPrefix(s, "#"):
		h := s[1:]
		var v []uint8
		switch len(h) {
		case 3, 4:
			for i := range len(h) {
				n, err := strconv.ParseUint(h[i:i+1], 16, 8)
				if err != nil {
					return rgba{}, false
				}
				v = append(v, uint8(n*17))
			}
		case 6, 8:
			for i := 0; i < len(h); i += 2 {
				n, err := strconv.ParseUint(h[i:i+2], 16, 8)
				if err != nil {
					return rgba{}, false
				}
				v = append(v, uint8(n))
			}
		default:
			return rgba{}, false
		}
		c := rgba{c: page.Color{R: v[0], G: v[1], B: v[2]}, a: 1}
		if len(v) == 4 {
			c.a = float64(v[3]) / 255
		}
		return c, true
	case strings.HasPrefix(s, "rgb"):
		parts := colorArgs(s)
		if len(parts) < 3 {
			return rgba{}, false
		}
		var ch [3]uint8
		for i := range 3 {
			p := parts[i]
			f, err := strconv.ParseFloat(strings.TrimSuffix(p, "%"), 64)
			if err != nil {
				return rgba{}, false
			}
			if strings.HasSuffix(p, "%") {
				f = f * 255 / 100
			}
			ch[i] = uint8(math.Round(clamp(f, 0, 255)))
		}
		c := rgba{c: page.Color{R: ch[0], G: ch[1], B: ch[2]}, a: 1}
		if len(parts) > 3 {
			c.a = parseOpacity(parts[3])
		}
		return c, true
	case strings.HasPrefix(s, "hsl"):
		parts := colorArgs(s)
		if len(parts) < 3 {
			return rgba{}, false
		}
		h, _ := strconv.ParseFloat(strings.TrimSuffix(parts[0], "deg"), 64)
		sat, _ := strconv.ParseFloat(strings.TrimSuffix(parts[1], "%"), 64)
		l, _ := strconv.ParseFloat(strings.TrimSuffix(parts[2], "%"), 64)
		c := rgba{c: hsl(h, sat/100, l/100), a: 1}
		if len(parts) > 3 {
			c.a = parseOpacity(parts[3])
		}
		return c, true
	}
	if c, ok := namedColors[s]; ok {
		return rgba{c: c, a: 1}, true
	}
	return rgba{}, false
}

func hsl(h, s, l float64) page.Color {
	h = math.Mod(math.Mod(h, 360)+360, 360) / 360
	s, l = clamp(s, 0, 1), clamp(l, 0, 1)
	q := l + s - l*s
	if l < 0.5 {
		q = l * (1 + s)
	}
	p := 2*l - q
	hue := func(t float64) uint8 {
		t = math.Mod(t+1, 1)
		var v float64
		switch {
		case t < 1.0/6:
			v = p + (q-p)*6*t
		case t < 0.5:
			v = q
		case t < 2.0/3:
			v = p + (q-p)*(2.0/3-t)*6
		default:
			v = p
		}
		return uint8(math.Round(v * 255))
	}
	return page.Color{R: hue(h + 1.0/3), G: hue(h), B: hue(h - 1.0/3)}
}

// parseOpacity reads a number or percentage, clamped to 0…1; 1 for what
// does not parse.
func parseOpacity(s string) float64 {
	s = strings.TrimSpace(s)
	pct := strings.HasSuffix(s, "%")
	f, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if err != nil || math.IsNaN(f) {
		return 1
	}
	if pct {
		f /= 100
	}
	return clamp(f, 0, 1)
}

func clamp(v, lo, hi float64) float64 {
	if math.IsNaN(v) {
		return lo
	}
	return max(lo, min(hi, v))
}

// splitArgs splits a function's arguments at its top-level commas.
func splitArgs(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
		if len(out) > 16 {
			return nil
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

// colorArgs returns the arguments of a colour function, "rgb(1 2 3 / 50%)"
// or "hsl(120, 50%, 50%)", split at commas, spaces and slashes; nil when
// s has no parenthesised arguments.
func colorArgs(s string) []string {
	open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || end < open {
		return nil
	}
	return strings.FieldsFunc(s[open+1:end], func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
}
