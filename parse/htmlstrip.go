package parse

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// stripInert removes from an HTML page what no reader of it keeps:
// <script> elements (except JSON-LD metadata, which readPageMeta reads),
// <style> elements and comments. They are half the bytes of a typical news
// page, and tokenizing them into nodes that Readability then throws away
// was a fifth of the time of printing one.
//
// It scans the bytes once. Tags are read with their quoted attribute
// values, so a "<script" inside an attribute is not taken for a tag, and
// the raw text of <title>, <textarea>, <xmp>, <noscript> and <template>
// is copied as it is. Anything it does not understand is copied.
//
// The page is not copied: what is kept is returned as the pieces of page
// between the parts removed (copying the page into a new array was a
// third of the time of stripping it).
func stripInert(page []byte) pieces {
	var out pieces
	keepFrom := 0 // page[keepFrom:i] is still to be kept
	cut := func(from, to int) {
		if from > keepFrom {
			out = append(out, page[keepFrom:from])
		}
		keepFrom = to
	}
	for i := 0; i < len(page); {
		lt := bytes.IndexByte(page[i:], '<')
		if lt < 0 {
			break
		}
		i += lt
		rest := page[i:]
		if bytes.HasPrefix(rest, []byte("<!--")) {
			end := bytes.Index(rest[4:], []byte("-->"))
			if end < 0 {
				break // an unclosed comment runs to the end: leave it to the parser
			}
			cut(i, i+4+end+3)
			i += 4 + end + 3
			continue
		}
		name, length := tagName(rest)
		if length == 0 {
			i++
			continue
		}
		tagEnd := endOfTag(page, i+1+length)
		if tagEnd < 0 {
			break
		}
		switch name {
		case "script", "style":
			closeAt, after := closingTag(page, tagEnd, name)
			if closeAt < 0 {
				i = tagEnd
				continue
			}
			if name == "script" && keepsScript(page[i:tagEnd]) {
				i = after
				continue
			}
			cut(i, after)
			i = after
		case "title", "textarea", "xmp", "noscript", "template":
			if _, after := closingTag(page, tagEnd, name); after > 0 {
				i = after
			} else {
				i = tagEnd
			}
		default:
			i = tagEnd
		}
	}
	if keepFrom < len(page) {
		out = append(out, page[keepFrom:])
	}
	return out
}

// pieces are the parts of a page that stripInert keeps, in order.
type pieces [][]byte

// count returns how many times c occurs in the pieces.
func (p pieces) count(c byte) int {
	n := 0
	for _, b := range p {
		n += bytes.Count(b, []byte{c})
	}
	return n
}

// String returns the pieces one after the other, the page the parser
// reads (its tree's strings share the result's memory). The pieces stay
// as they are: a page is read again when Readability finds no article in
// it.
func (p pieces) String() string {
	n := 0
	for _, b := range p {
		n += len(b)
	}
	var s strings.Builder
	s.Grow(n)
	for _, b := range p {
		s.Write(b)
	}
	return s.String()
}

// apartTags are the elements whose start tag stripInert acts on.
var apartTags = [...]string{"script", "style", "title", "textarea", "xmp", "noscript", "template"}

// tagName reads the start tag at the head of b: it returns the length of
// its name (0 when b does not start one) and the name in lower case when
// it is one of apartTags ("<Script type=…" gives "script"), else "". It
// makes no string.
func tagName(b []byte) (name string, length int) {
	if len(b) < 2 || !isASCIILetter(b[1]) {
		return "", 0
	}
	n := 1
	for n < len(b) && (isASCIILetter(b[n]) || b[n] >= '0' && b[n] <= '9' || b[n] == '-') {
		n++
	}
	if n < len(b) && !(b[n] == '>' || b[n] == '/' || b[n] == ' ' || b[n] == '\t' || b[n] == '\n' || b[n] == '\r' || b[n] == '\f') {
		return "", 0
	}
	var low [8]byte // the longest of apartTags
	if n-1 > len(low) {
		return "", n - 1
	}
	for i, c := range b[1:n] {
		low[i] = c | 0x20 // lower case: digits and '-' hold the bit already
	}
	return apartTag(string(low[:n-1])), n - 1
}

// apartTag returns the one of apartTags that name is, else "": a switch,
// which compares name with the tags of its length alone, not with each.
func apartTag(name string) string {
	switch name {
	case "script":
		return "script"
	case "style":
		return "style"
	case "title":
		return "title"
	case "textarea":
		return "textarea"
	case "xmp":
		return "xmp"
	case "noscript":
		return "noscript"
	case "template":
		return "template"
	}
	return ""
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// endOfTag returns the index just past the '>' that closes the tag whose
// attributes start at i, skipping quoted values; -1 when there is none.
func endOfTag(b []byte, i int) int {
	for ; i < len(b); i++ {
		if !tagStops[b[i]] {
			continue // most of a tag's bytes: one look-up, not three tests
		}
		switch c := b[i]; c {
		case '"', '\'':
			// a quoted value (a srcset, a style, data) is skipped at once
			end := bytes.IndexByte(b[i+1:], c)
			if end < 0 {
				return -1
			}
			i += 1 + end
		case '>':
			return i + 1
		}
	}
	return -1
}

// tagStops are the bytes endOfTag stops at: quotes and the tag's end.
var tagStops = [256]bool{'"': true, '\'': true, '>': true}

// closingTag finds "</name" followed by a tag end from i, case-insensitive,
// and returns where it starts and the index past its '>'; -1, -1 when the
// element is not closed.
func closingTag(b []byte, i int, name string) (int, int) {
	for {
		j := bytes.Index(b[i:], []byte("</"))
		if j < 0 {
			return -1, -1
		}
		at := i + j
		k := at + 2
		if k+len(name) <= len(b) && bytes.EqualFold(b[k:k+len(name)], []byte(name)) {
			if end := endOfTag(b, k+len(name)); end > 0 && (k+len(name) == len(b) || !isASCIILetter(b[k+len(name)])) {
				return at, end
			}
		}
		i = at + 2
	}
}

// maxLoweredOnStack is the longest text (a script tag, a class) lowered
// on the stack to be searched; a longer one, rare, is lowered by
// bytes.ToLower or searched by an expression.
const maxLoweredOnStack = 512

// keepsScript reports a <script> start tag whose element stripInert keeps:
// JSON-LD (isJSONLD) or one markMath reads (isMathScript). The tag is
// lowered once for both, and on the stack when it is ASCII, as nearly
// every tag is: bytes.ToLower made a copy for each of them.
func keepsScript(tag []byte) bool {
	var room [maxLoweredOnStack]byte
	lower, ok := lowerASCII(tag, room[:0])
	if !ok {
		lower = bytes.ToLower(tag)
	}
	return isJSONLD(lower) || isMathScript(lower)
}

// lowerASCII appends s lowered to buf when s is ASCII and fits buf's
// capacity, giving what bytes.ToLower(s) gives; ok is false otherwise
// (bytes.ToLower folds some letters beyond ASCII to ASCII ones, the
// Kelvin sign to k).
func lowerASCII[T string | []byte](s T, buf []byte) (lower []byte, ok bool) {
	if len(s) > cap(buf) {
		return nil, false
	}
	for i := range len(s) {
		c := s[i]
		if c >= utf8.RuneSelf {
			return nil, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf, true
}

// isJSONLD reports whether a lowered script start tag has type
// application/ld+json.
func isJSONLD(lower []byte) bool {
	return bytes.Contains(lower, []byte("ld+json"))
}
