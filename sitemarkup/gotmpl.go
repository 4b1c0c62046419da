package sitemarkup

import (
	"html"
	"regexp"
	"strconv"
	"strings"

	"github.com/galleyprint/galley/internal/lazyregexp"
)

// actionEnd returns the length of the template action src starts with
// ({{ … }}), quoted strings and /regexps/ inside it skipped over.
func actionEnd(src string) (int, bool) {
	for j := 2; j+1 < len(src) && j < 64<<10; j++ {
		switch c := src[j]; c {
		case '"', '`':
			k := j + 1
			for k < len(src) && src[k] != c {
				if c == '"' && src[k] == '\\' {
					k++
				}
				if c == '"' && k < len(src) && src[k] == '\n' {
					return 0, false
				}
				k++
			}
			if k >= len(src) {
				return 0, false
			}
			j = k
		case '}':
			if src[j+1] == '}' {
				return j + 2, true
			}
		case '{':
			if src[j+1] == '{' {
				return 0, false // another action opens first: this one is no action
			}
		}
	}
	return 0, false
}

// actionWords splits an action's text into words: quoted strings
// (unquoted), /regexps/ (as written) and other words.
func actionWords(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '"' || c == '`':
			k := i + 1
			for k < len(s) && s[k] != c {
				if c == '"' && s[k] == '\\' {
					k++
				}
				k++
			}
			w := s[i+1 : min(k, len(s))]
			if c == '"' {
				if u, err := strconv.Unquote(s[i:min(k+1, len(s))]); err == nil {
					w = u
				}
			}
			out = append(out, w)
			i = k + 1
		default:
			k := i
			if c == '/' { // a bare /regexp/, maybe followed by ,/end/
				k = i + 1
				for k < len(s) && s[k] != '/' && s[k] != '\n' {
					k++
				}
				k++
			}
			for k < len(s) && s[k] != ' ' && s[k] != '\t' && s[k] != '\n' && s[k] != '\r' {
				k++
			}
			out = append(out, s[i:min(k, len(s))])
			i = k
		}
	}
	return out
}

// action resolves a Go template action at the start of src, as Go-based
// blogs (the go.dev blog's present-style functions) use them.
func (r *resolver) action(src string) (int, string, bool) {
	n, ok := actionEnd(src)
	if !ok {
		return 0, "", false
	}
	body := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(src[2:n-2], "-"), "-"))
	if strings.HasPrefix(body, "/*") { // a comment
		return n, "", true
	}
	words := actionWords(body)
	if len(words) == 0 {
		return n, "", true
	}
	fn, args := words[0], words[1:]
	switch {
	case fn == "code" || fn == "play":
		return n, r.codeInclude(args), true
	case fn == "image" || fn == "img":
		if len(args) == 0 {
			return n, "", true
		}
		return n, r.figure(args[0], "", "", "", ""), true
	case fn == "video":
		if len(args) == 0 {
			return n, "", true
		}
		return n, "\n\n*Video: " + html.EscapeString(args[0]) + "*\n\n", true
	case fn == "raw":
		if len(args) == 0 {
			return n, "", true
		}
		return n, codeBlock("", args[0]), true
	case strings.HasPrefix(fn, "."):
		field := strings.TrimPrefix(strings.TrimPrefix(fn, ".Params"), ".")
		if field == "" {
			return n, "", true
		}
		if v, ok := r.param(field); ok {
			return n, text(v), true
		}
		r.warn("field:"+field, "template field .%s: not in the front matter; removed", field)
		return n, "", true
	}
	r.warn("action:"+fn, "template action {{%s}}: not one galley reads; removed", fn)
	return n, "", true
}

// codeInclude is the code block {{code "file" addr…}} names: the lines of
// the file beside the post that the addresses select (a line number, $,
// or /regexp/; two addresses, or "a,b", a range), without the lines
// marked OMIT, and HL markers removed, as the Go present tool prints them.
func (r *resolver) codeInclude(args []string) string {
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		args = args[1:] // -numbers, -edit
	}
	if len(args) == 0 {
		return ""
	}
	file := args[0]
	b, _, err := r.readFile(file)
	if err != nil {
		r.warn("code:"+file, "code %s: %v", file, err)
		return ""
	}
	lines := strings.Split(strings.TrimRight(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n"), "\n")
	addrs := args[1:]
	if len(addrs) == 1 {
		if a, b, ok := splitRange(addrs[0]); ok {
			addrs = []string{a, b}
		}
	}
	lo, hi := 0, len(lines)-1
	switch len(addrs) {
	case 0:
	case 1:
		l, ok := address(lines, addrs[0], 0)
		if !ok {
			r.warn("code:"+file+addrs[0], "code %s: address %s matches no line", file, addrs[0])
			return ""
		}
		lo, hi = l, l
	default:
		l, ok1 := address(lines, addrs[0], 0)
		h, ok2 := address(lines, addrs[1], l)
		if !ok1 || !ok2 {
			r.warn("code:"+file+addrs[0]+addrs[1], "code %s: addresses %s %s match no lines", file, addrs[0], addrs[1])
			return ""
		}
		lo, hi = l, h
	}
	var keep []string
	for _, l := range lines[lo : hi+1] {
		if strings.Contains(l, "OMIT") {
			continue
		}
		keep = append(keep, hlMarker.ReplaceAllString(l, ""))
	}
	return codeBlock(langOf(file), strings.Join(keep, "\n"))
}

var hlMarker = lazyregexp.New(`\s*// HL\w*$`)

// splitRange splits "/a/,/b/" or "3,9" into its two addresses.
func splitRange(s string) (string, string, bool) {
	if strings.HasPrefix(s, "/") {
		if k := strings.Index(s[1:], "/"); k >= 0 && strings.HasPrefix(s[k+2:], ",") {
			return s[:k+2], s[k+3:], true
		}
		return "", "", false
	}
	return strings.Cut(s, ",")
}

// address is the line index an address selects, searching from line
// from: a 1-based number, $ (the last line), or /regexp/.
func address(lines []string, a string, from int) (int, bool) {
	a = strings.TrimSpace(a)
	switch {
	case a == "$":
		return len(lines) - 1, true
	case len(a) >= 2 && a[0] == '/' && a[len(a)-1] == '/':
		re, err := regexp.Compile(a[1 : len(a)-1])
		if err != nil {
			return 0, false
		}
		for i := from; i < len(lines); i++ {
			if re.MatchString(lines[i]) {
				return i, true
			}
		}
		return 0, false
	}
	n, err := strconv.Atoi(a)
	if err != nil || n < 1 || n > len(lines) {
		return 0, false
	}
	return n - 1, true
}
