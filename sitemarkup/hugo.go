package sitemarkup

import (
	"encoding/base64"
	"html"
	"net/http"
	"net/url"
	"path"
	"strings"

	"rsc.io/qr"

	"github.com/galleyprint/galley/internal/lazyregexp"
)

// shortcodeTag is one Hugo shortcode tag: {{< name args >}},
// {{% name args %}}, {{< /name >}}, {{< name args />}}, or an escaped
// {{</* … */>}}.
type shortcodeTag struct {
	name    string
	args    []string          // positional arguments
	named   map[string]string // named arguments
	closing bool              // {{< /name >}}
	self    bool              // {{< name />}}
	escaped bool              // {{</* … */>}}: printed as written, unescaped
	raw     string            // the tag as written
}

var shortcodeTagRE = lazyregexp.New(`^\{\{([<%])(-?)\s*(/\*)?([\s\S]*?)(\*/)?\s*(-?)([>%])\}\}`)

// parseShortcode reads the shortcode tag src starts with.
func parseShortcode(src string) (shortcodeTag, int, bool) {
	m := shortcodeTagRE.FindStringSubmatchIndex(src)
	if m == nil || m[1] > 64<<10 {
		return shortcodeTag{}, 0, false
	}
	t := shortcodeTag{raw: src[:m[1]], named: map[string]string{}}
	if m[6] >= 0 {
		t.escaped = true
		return t, m[1], true
	}
	body := strings.TrimSpace(src[m[8]:m[9]])
	if strings.HasPrefix(body, "/") {
		t.closing = true
		t.name = strings.TrimSpace(body[1:])
		return t, m[1], t.name != ""
	}
	if strings.HasSuffix(body, "/") {
		t.self = true
		body = strings.TrimSpace(strings.TrimSuffix(body, "/"))
	}
	toks := shortcodeArgs(body)
	if len(toks) == 0 {
		return t, 0, false
	}
	t.name = toks[0]
	for _, tok := range toks[1:] {
		if k, v, ok := strings.Cut(tok, "="); ok && isName(k) {
			t.named[strings.ToLower(k)] = unquote(v)
		} else {
			t.args = append(t.args, unquote(tok))
		}
	}
	return t, m[1], isName(t.name)
}

func isName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '-' || r == '_' || r == '.' || r == '/' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// shortcodeArgs splits a shortcode's text into words, keeping quoted
// strings ("…", `…`) whole, also as the value of key="…".
func shortcodeArgs(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			i++
		}
		if i >= len(s) {
			break
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r' {
			if q := s[j]; q == '"' || q == '`' {
				k := strings.IndexByte(s[j+1:], q)
				if k < 0 {
					j = len(s)
					break
				}
				j += k + 2
				continue
			}
			j++
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '`' && s[len(s)-1] == '`') {
		s = s[1 : len(s)-1]
		if s != "" && strings.Contains(s, `\"`) {
			s = strings.ReplaceAll(s, `\"`, `"`)
		}
	}
	return s
}

// shortcode resolves the shortcode at src[i] and, when it has one, its
// inner content up to its closing tag.
func (r *resolver) shortcode(src string, i, nesting int) (int, string, bool) {
	t, n, ok := parseShortcode(src[i:])
	if !ok {
		return 0, "", false
	}
	if t.escaped {
		return n, unescapeShortcodes(t.raw), true
	}
	if t.closing {
		return n, "", true // a closing tag without its opening
	}
	inner, hasInner := "", false
	end := i + n
	if !t.self {
		if a, b, ok := closingTag(src, end, t.name); ok {
			inner, hasInner, end = src[end:a], true, b
		}
	}
	if nesting >= maxNesting {
		return end - i, "", true
	}
	return end - i, r.renderShortcode(t, inner, hasInner, nesting), true
}

// closingTag finds the tag closing a shortcode named name opened before
// src[from]: the start and end of {{< /name >}} (or {{% /name %}}), nested
// shortcodes of the same name counted.
func closingTag(src string, from int, name string) (int, int, bool) {
	depth := 0
	for j := from; j < len(src); {
		k := strings.Index(src[j:], "{{")
		if k < 0 {
			return 0, 0, false
		}
		j += k
		t, n, ok := parseShortcode(src[j:])
		if !ok || t.escaped {
			j += 2
			continue
		}
		switch {
		case t.closing && t.name == name && depth == 0:
			return j, j + n, true
		case t.closing && t.name == name:
			depth--
		case !t.closing && !t.self && t.name == name:
			depth++
		}
		j += n
	}
	return 0, 0, false
}

// arg is a shortcode's named argument, else its positional one at pos.
func (t shortcodeTag) arg(name string, pos int) string {
	if v, ok := t.named[name]; ok {
		return v
	}
	if pos >= 0 && pos < len(t.args) {
		return t.args[pos]
	}
	return ""
}

// renderShortcode is a shortcode as the site would print it: Hugo's
// built-ins as the blocks they make, others as their inner content.
func (r *resolver) renderShortcode(t shortcodeTag, inner string, hasInner bool, nesting int) string {
	md := func() string { return r.run(inner, nesting+1) }
	switch strings.ToLower(t.name) {
	case "figure", "img", "image":
		return r.figure(t.arg("src", 0), t.arg("alt", -1), firstOf(t.arg("caption", -1), t.arg("title", -1)), t.arg("attr", -1), t.arg("link", -1))
	case "highlight", "code", "hl":
		if !hasInner {
			return ""
		}
		return codeBlock(t.arg("lang", 0), inner)
	case "ref", "relref":
		return pageRef(t.arg("path", 0))
	case "youtube":
		id := t.arg("id", 0)
		return mediaLink(firstOf(t.arg("title", -1), "YouTube video"), "https://www.youtube.com/watch?v="+url.QueryEscape(id), id)
	case "vimeo":
		id := t.arg("id", 0)
		return mediaLink(firstOf(t.arg("title", -1), "Vimeo video"), "https://vimeo.com/"+url.PathEscape(id), id)
	case "x", "tweet", "twitter":
		user, id := t.arg("user", 0), t.arg("id", 1)
		return mediaLink("Post by @"+user, "https://x.com/"+url.PathEscape(user)+"/status/"+url.PathEscape(id), id)
	case "instagram":
		id := t.arg("id", 0)
		return mediaLink("Instagram post", "https://www.instagram.com/p/"+url.PathEscape(id)+"/", id)
	case "gist":
		user, id := t.arg("user", 0), t.arg("id", 1)
		label := "Gist " + id
		if f := t.arg("file", 2); f != "" {
			label += ": " + f
		}
		return mediaLink(label, "https://gist.github.com/"+url.PathEscape(user)+"/"+url.PathEscape(id), id)
	case "param":
		name := t.arg("name", 0)
		if v, ok := r.param(name); ok {
			return text(v)
		}
		r.warn("param:"+name, "shortcode param: %q is neither in the front matter nor the site's params", name)
		return ""
	case "details":
		summary := firstOf(t.arg("summary", -1), "Details")
		return "\n\n**" + summary + "**\n\n" + md() + "\n\n"
	case "qr":
		return r.qrFigure(firstOf(t.arg("text", -1), strings.TrimSpace(inner)), t.arg("alt", -1))
	}
	r.warn("shortcode:"+t.name, "shortcode %q is not one Hugo has built in: its markup removed, its inner content kept", t.name)
	if !hasInner {
		return ""
	}
	if isData(inner) {
		return codeBlock("", inner) // configuration shown by a site's own shortcode
	}
	return md()
}

var (
	dataLine    = lazyregexp.New(`^\s*(?:\[\[?[\w.\-"' ]+\]\]?|[\w.\-"']+\s*[=:](?:\s.*)?|- .*|[{}\[\]],?|"[\w.\-]+"\s*:.*|#.*)\s*$`)
	configLine  = lazyregexp.New(`^\s*(?:\[\[?[\w.\-"' ]+\]\]?|[\w.\-"']+\s*=.*|\{)\s*$`)
	keyColonRun = lazyregexp.New(`^\s*[\w.\-"']+:(?:\s.*)?$`)
)

// isData reports whether a shortcode's inner content is configuration
// (TOML, YAML or JSON lines) rather than prose: every line is a table
// header, a key with its value, a list item or a bracket, and one is
// TOML or JSON, or two are YAML keys.
func isData(inner string) bool {
	config, keys, lines := 0, 0, 0
	for _, l := range strings.Split(inner, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		lines++
		if !dataLine.MatchString(l) {
			return false
		}
		if configLine.MatchString(l) {
			config++
		}
		if keyColonRun.MatchString(l) {
			keys++
		}
	}
	return lines > 0 && (config > 0 || keys > 1)
}

func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// figure is an HTML figure of the image src with its caption, an
// attribution after it; the image as a link's content when link is set.
func (r *resolver) figure(src, alt, caption, attr, link string) string {
	if src == "" {
		return ""
	}
	src = r.imagePath(src)
	var b strings.Builder
	b.WriteString("\n\n<figure><img src=\"" + html.EscapeString(src) + "\" alt=\"" + html.EscapeString(alt) + "\">")
	if caption != "" || attr != "" {
		b.WriteString("<figcaption>" + html.EscapeString(strings.TrimSpace(caption+" "+attr)) + "</figcaption>")
	}
	b.WriteString("</figure>\n\n")
	_ = link // the picture prints; a link's target has nowhere to go on paper
	return b.String()
}

// imagePath resolves an image path written from the site's root
// ("/images/x.png") to the file in its static or assets folder, as a data:
// URI (a printer reads files from the post's folder alone); other paths
// are left as written.
func (r *resolver) imagePath(src string) string {
	if !strings.HasPrefix(src, "/") || strings.HasPrefix(src, "//") || r.page.Dir == "" || r.site == nil || r.site.Root == "" {
		return src
	}
	for _, d := range []string{"static", "assets", ""} {
		data, _, err := r.readFileMax(path.Join(d, src), maxSiteImage, r.site.Root)
		if err == nil {
			return "data:" + http.DetectContentType(data) + ";base64," + base64.StdEncoding.EncodeToString(data)
		}
	}
	return src
}

// maxSiteImage bounds an image read from a site's static folder.
const maxSiteImage = 16 << 20

// pageRef is the address Hugo's ref and relref give a content file: its
// path without the extension, as a folder.
func pageRef(p string) string {
	p, frag, _ := strings.Cut(p, "#")
	p = strings.TrimSuffix(strings.TrimSuffix(p, ".md"), "/_index")
	p = strings.TrimSuffix(p, "/index")
	if p != "" && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	if frag != "" {
		p += "#" + frag
	}
	return p
}

// mediaLink is a paragraph naming an embedded medium with its address.
func mediaLink(label, link, id string) string {
	if id == "" {
		return ""
	}
	return "\n\n[" + label + "](" + link + ") (" + link + ")\n\n"
}

// qrFigure is a figure of the QR code of text, captioned with the text.
func (r *resolver) qrFigure(content, alt string) string {
	if content == "" {
		return ""
	}
	code, err := qr.Encode(content, qr.M)
	if err != nil {
		r.warn("qr", "shortcode qr: %v", err)
		return "\n\n" + content + "\n\n"
	}
	src := "data:image/png;base64," + base64.StdEncoding.EncodeToString(code.PNG())
	return "\n\n<figure><img src=\"" + src + "\" alt=\"" + html.EscapeString(firstOf(alt, content)) + "\"><figcaption>" +
		html.EscapeString(content) + "</figcaption></figure>\n\n"
}
