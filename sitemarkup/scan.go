package sitemarkup

import (
	"strings"

	"github.com/galleyprint/galley/internal/lazyregexp"
)

// maxNesting bounds shortcodes and admonitions nested in one another.
const maxNesting = 16

// run resolves the markup of src outside code: it walks src line by line
// and character by character, copying code fences and code spans through
// (undoing only the generators' escapes) and replacing each construct it
// recognises.
func (r *resolver) run(src string, nesting int) string {
	var out strings.Builder
	out.Grow(len(src))
	lineStart := true
	var blocks blockState
	for i := 0; i < len(src); {
		if lineStart {
			line, _ := lineAt(src, i)
			if blocks.indentedCode(line) {
				end := indentedEnd(src, i)
				out.WriteString(r.inCode(src[i:end]))
				i = end
				continue
			}
			blocks.see(line)
			if n, rep, ok := r.line(src, i, nesting); ok {
				out.WriteString(rep)
				i += n
				continue
			}
		}
		c := src[i]
		lineStart = c == '\n'
		switch {
		case c == '\\' && i+1 < len(src) && src[i+1] != '\n':
			out.WriteString(src[i : i+2])
			i += 2
			continue
		case c == '`':
			if n, ok := codeSpan(src[i:]); ok {
				out.WriteString(r.inCode(src[i : i+n]))
				i += n
				continue
			}
			n := backticks(src[i:])
			out.WriteString(src[i : i+n])
			i += n
			continue
		case c == '{' && i+1 < len(src):
			if n, rep, ok := r.construct(src, i, nesting); ok {
				out.WriteString(rep)
				i += n
				continue
			}
		case c == '<' && i+1 < len(src) && src[i+1] >= 'A' && src[i+1] <= 'Z' || c == '<' && strings.HasPrefix(src[i:], "</") && i+2 < len(src) && src[i+2] >= 'A' && src[i+2] <= 'Z':
			if n, ok := jsxTag(src[i:]); ok {
				i += n // a JSX component's tag: its text stays
				continue
			}
		}
		out.WriteByte(c)
		i++
	}
	return out.String()
}

// blockState follows the lines of Markdown text enough to tell an
// indented code block (four spaces in, after a blank line, outside a
// list) from a list item's indented continuation.
type blockState struct {
	started   bool // a line was seen
	prevBlank bool
	inList    bool
}

var listMarker = lazyregexp.New(`^ {0,3}(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)`)

// indentedCode reports whether line starts an indented code block.
func (b *blockState) indentedCode(line string) bool {
	return (!b.started || b.prevBlank) && !b.inList && isIndented(line) && strings.TrimSpace(line) != ""
}

// see notes a line that is not code.
func (b *blockState) see(line string) {
	blank := strings.TrimSpace(line) == ""
	switch {
	case blank:
	case mayBeListItem(line) && listMarker.MatchString(line):
		b.inList = true
	case !isIndented(line) && b.prevBlank:
		b.inList = false
	}
	b.started, b.prevBlank = true, blank
}

// mayBeListItem is a cheap test that line may start a list item.
func mayBeListItem(line string) bool {
	t := strings.TrimLeft(line, " ")
	return t != "" && (t[0] == '*' || t[0] == '+' || t[0] == '-' || t[0] >= '0' && t[0] <= '9')
}

func isIndented(line string) bool {
	return strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t")
}

// indentedEnd returns where the indented code block starting at src[i]
// ends: at the first line after it that is neither indented nor blank
// (the blank lines before that line stay outside).
func indentedEnd(src string, i int) int {
	end := i
	for j := i; j < len(src); {
		line, next := lineAt(src, j)
		switch {
		case isIndented(line) && strings.TrimSpace(line) != "":
			end = next
		case strings.TrimSpace(line) == "":
		default:
			return end
		}
		j = next
	}
	return end
}

// construct resolves the markup starting at src[i] ("{{", "{%", "{#",
// "{:"), returning how much of src it took and its replacement.
func (r *resolver) construct(src string, i, nesting int) (int, string, bool) {
	rest := src[i:]
	switch {
	case strings.HasPrefix(rest, "{{<") || strings.HasPrefix(rest, "{{%"):
		return r.shortcode(src, i, nesting)
	case strings.HasPrefix(rest, "{%"):
		return r.liquidTag(src, i, nesting)
	case strings.HasPrefix(rest, "{{"):
		if r.gen == Jekyll {
			return r.liquidObject(rest)
		}
		return r.action(rest)
	case strings.HasPrefix(rest, "{:"), strings.HasPrefix(rest, "{#"), strings.HasPrefix(rest, "{."):
		// a kramdown or Pandoc attribute list after a span or at a line's end
		if m := inlineAttrs.FindString(rest); m != "" {
			return len(m), "", true
		}
	}
	return 0, "", false
}

// inlineAttrs is an attribute list where it ends its line: {: .class},
// {#id .class key="v"}, {.class}.
var inlineAttrs = lazyregexp.New(`^\{(?::[^}\n]*|[#.][A-Za-z_][^}\n]*)\}[ \t]*(?:\r?\n|$)`)

// inCode is a code span or fence's text as the site prints it: Hugo's
// escaped shortcodes {{</* x */>}} read {{< x >}}, Liquid's raw tags go.
func (r *resolver) inCode(code string) string {
	switch r.gen {
	case Hugo:
		if strings.Contains(code, "/*") {
			code = unescapeShortcodes(code)
		}
	case Jekyll:
		if !r.liquidOK && strings.Contains(code, "raw") {
			code = liquidRawTag.ReplaceAllString(code, "")
		}
	}
	return code
}

var (
	hugoEscaped    = lazyregexp.New(`\{\{([<%])/\*`)
	hugoEscapedEnd = lazyregexp.New(`\*/([>%])\}\}`)
	liquidRawTag   = lazyregexp.New(`\{%-?\s*(?:end)?raw\s*-?%\}`)
)

// unescapeShortcodes prints Hugo's escaped shortcodes as Hugo does:
// {{</* figure */>}} reads {{< figure >}}.
func unescapeShortcodes(s string) string {
	s = hugoEscaped.ReplaceAllString(s, "{{$1")
	return hugoEscapedEnd.ReplaceAllString(s, "$1}}")
}

// backticks is the length of the run of backticks src starts with.
func backticks(src string) int {
	n := 0
	for n < len(src) && src[n] == '`' {
		n++
	}
	return n
}

// codeSpan returns the length of the code span src starts with: a run of
// backticks to the next run of the same length, within a paragraph (no
// blank line between).
func codeSpan(src string) (int, bool) {
	n := backticks(src)
	for j := n; j < len(src); {
		k := strings.IndexByte(src[j:], '`')
		if k < 0 {
			return 0, false
		}
		if strings.Contains(src[j:j+k], "\n\n") {
			return 0, false
		}
		j += k
		m := backticks(src[j:])
		if m == n {
			return j + m, true
		}
		j += m
	}
	return 0, false
}

// fenceOpen returns the fence a line opens (``` or ~~~, at most three
// spaces in), "" when it opens none.
func fenceOpen(line string) string {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return ""
	}
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	if n < 3 {
		return ""
	}
	if t[0] == '`' {
		info, _, _ := strings.Cut(t[n:], "\n")
		if strings.Contains(info, "`") {
			return ""
		}
	}
	return t[:n]
}

// fenceEnd returns where the fenced block opened by fence at src[i] ends:
// after its closing line, or at the end of src.
func fenceEnd(src string, i int, fence string) int {
	j := strings.IndexByte(src[i:], '\n')
	if j < 0 {
		return len(src)
	}
	j += i + 1
	for j < len(src) {
		end := strings.IndexByte(src[j:], '\n')
		line := src[j:]
		next := len(src)
		if end >= 0 {
			line, next = src[j:j+end], j+end+1
		}
		t := strings.TrimLeft(line, " ")
		if len(line)-len(t) <= 3 && strings.HasPrefix(t, fence) && strings.Trim(strings.TrimRight(t, "\r"), fence[:1]+" \t") == "" {
			return next
		}
		j = next
	}
	return len(src)
}

// lineAt returns the line starting at src[i], without its newline, and
// where the next line starts.
func lineAt(src string, i int) (string, int) {
	j := strings.IndexByte(src[i:], '\n')
	if j < 0 {
		return src[i:], len(src)
	}
	return src[i : i+j], i + j + 1
}

var (
	// headingAttrs is a Pandoc or kramdown attribute list ending an ATX
	// heading: "## Title {#id .class}".
	headingAttrs = lazyregexp.New(`^( {0,3}#{1,6}[ \t].*?)[ \t]*\{[#.:][^{}\n]*\}[ \t]*#*[ \t]*\r?$`)
	// attrsLine is a line holding only a kramdown block attribute list or
	// extension: "{: .note}", "{:toc}", "{::options … /}".
	attrsLine = lazyregexp.New(`^ {0,3}\{:[^}\n]*\}[ \t]*\r?$|^ {0,3}\{::[a-z]+[^}\n]*/?\}[ \t]*\r?$`)
	tocItem   = lazyregexp.New(`^ {0,3}(?:[*+-]|1\.)[ \t]+.*\r?$`)
	tocMarker = lazyregexp.New(`^ {0,3}\{:\s*(?:\.|#)?toc\s*\}[ \t]*\r?$`)
	// admonition opens an MkDocs (Python-Markdown) admonition:
	// !!! note "Title", ??? warning (collapsible).
	admonition = lazyregexp.New(`^(?:!!!|\?\?\?\+?)[ \t]+([A-Za-z][\w-]*)(?:[ \t]+[\w- ]*?)?(?:[ \t]+"([^"\n]*)")?[ \t]*\r?$`)
	// mdxModule is an MDX import or export line.
	mdxModule = lazyregexp.New(`^(?:import\s+(?:[\w*{}\s,]+\s+from\s+)?['"][^'"\n]+['"];?|export\s+(?:const|let|var|function|default)\b.*)\r?$`)
)

// line resolves constructs that take whole lines at src[i], the start of
// a line: code fences (copied), attribute lines, headings with
// attributes, admonitions and MDX imports.
func (r *resolver) line(src string, i, nesting int) (int, string, bool) {
	line, next := lineAt(src, i)
	if fence := fenceOpen(line); fence != "" {
		end := fenceEnd(src, i, fence)
		return end - i, r.inCode(src[i:end]), true
	}
	if !mayHoldLineConstruct(line) {
		return 0, "", false
	}
	switch {
	case attrsLine.MatchString(line):
		return next - i, "", true
	case tocItem.MatchString(line) && next < len(src):
		// kramdown's "* TOC" list item, which {:toc} replaces by the
		// table of contents: neither prints
		if l2, after := lineAt(src, next); tocMarker.MatchString(l2) {
			return after - i, "", true
		}
	case headingAttrs.MatchString(line):
		m := headingAttrs.FindStringSubmatch(line)
		return next - i, r.run(m[1], nesting+1) + "\n", true
	case strings.HasSuffix(r.page.Name, ".mdx") && mdxModule.MatchString(line):
		return next - i, "", true
	}
	if m := admonition.FindStringSubmatch(line); m != nil && nesting < maxNesting {
		return r.admonition(src, next, m[1], m[2], nesting, i)
	}
	return 0, "", false
}

// mayHoldLineConstruct is a cheap test that line may be one of the
// constructs line looks for, so that most lines skip its patterns: an
// attribute list or a heading's, a list item (kramdown's TOC), an
// admonition or an MDX import or export.
func mayHoldLineConstruct(line string) bool {
	t := strings.TrimLeft(line, " ")
	if t == "" {
		return false
	}
	switch t[0] {
	case '{', '!', '?', '*', '+', '-', '1', 'i', 'e':
		return true
	case '#':
		return strings.IndexByte(t, '{') >= 0
	}
	return false
}

// admonition turns an MkDocs admonition (its indented lines from src[j])
// into a quotation led by its title in bold.
func (r *resolver) admonition(src string, j int, kind, title string, nesting, start int) (int, string, bool) {
	var inner []string
	end := j
	for end < len(src) {
		line, next := lineAt(src, end)
		switch {
		case strings.TrimSpace(line) == "":
		case strings.HasPrefix(line, "    "):
			line = line[4:]
		case strings.HasPrefix(line, "\t"):
			line = line[1:]
		default:
			next = -1
		}
		if next < 0 {
			break
		}
		inner = append(inner, line)
		end = next
	}
	for len(inner) > 0 && strings.TrimSpace(inner[len(inner)-1]) == "" {
		inner = inner[:len(inner)-1]
	}
	if title == "" {
		title = strings.ToUpper(kind[:1]) + kind[1:]
	}
	body := r.run(strings.Join(inner, "\n"), nesting+1)
	var out strings.Builder
	out.WriteString("> **" + title + "**\n>\n")
	for _, l := range strings.Split(body, "\n") {
		out.WriteString(strings.TrimRight("> "+l, " ") + "\n")
	}
	out.WriteString("\n")
	return end - start, out.String(), true
}

// jsxTag returns the length of the JSX component tag src starts with
// (<Name …>, </Name>, <Name … />): a capitalised name, which no HTML
// element has.
func jsxTag(src string) (int, bool) {
	m := jsxTagRE.FindStringIndex(src)
	if m == nil {
		return 0, false
	}
	return m[1], true
}

var jsxTagRE = lazyregexp.New(`^</?[A-Z][\w.]*(?:\s+[\w:-]+(?:=(?:"[^"]*"|'[^']*'|\{[^{}]*\}))?)*\s*/?>`)
