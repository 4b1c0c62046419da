package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Eight spaces and eight tabs: a page's indentation, skipped eight bytes
// at a time (comparing eight bytes with a constant is one load and one
// comparison).
const (
	eightSpaces = "        "
	eightTabs   = "\t\t\t\t\t\t\t\t"
)

// trimSpace is strings.TrimSpace for the texts of a page's markup, most
// of which are indentation alone or start and end with it: a line break
// and a run of spaces or tabs, which it skips eight bytes at a time
// instead of byte by byte. The texts of the corpus's pages are most of
// parse's calls to TrimSpace, and their white space most of its cost.
func trimSpace(s string) string {
	start := skipASCIISpace(s, 0)
	if start < len(s) && s[start] >= utf8.RuneSelf {
		// a text that starts with a letter beyond ASCII (a quotation
		// mark, a dash, another script): its start trimmed rune by rune,
		// its end as any other's (strings.TrimSpace would take the end
		// rune by rune too, and the end is most often indentation)
		s, start = strings.TrimLeftFunc(s[start:], unicode.IsSpace), 0
	}
	stop := len(s)
	for stop > start {
		if stop-8 >= start && (s[stop-8:stop] == eightSpaces || s[stop-8:stop] == eightTabs) {
			stop -= 8
			continue
		}
		c := s[stop-1]
		if c >= utf8.RuneSelf {
			// the start is trimmed: only the end is left to trim
			return strings.TrimRightFunc(s[start:stop], unicode.IsSpace)
		}
		if !asciiSpace[c] {
			break
		}
		stop--
	}
	return s[start:stop]
}

// skipASCIISpace returns the end of the run of ASCII white space in s
// from i, skipping indentation eight bytes at a time.
func skipASCIISpace(s string, i int) int {
	for i < len(s) {
		if i+8 <= len(s) && (s[i:i+8] == eightSpaces || s[i:i+8] == eightTabs) {
			i += 8
			continue
		}
		if c := s[i]; c >= utf8.RuneSelf || !asciiSpace[c] {
			break
		}
		i++
	}
	return i
}
