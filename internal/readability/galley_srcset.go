package readability

import (
	nurl "net/url"
	"strings"
)

// galley patch: fixRelativeURIs made a srcset's addresses absolute with
// rxSrcsetURL, `(?i)(\S+)(\s+[\d.]+[xw])?(\s*(?:,|$))`, replacing each
// match by the address its groups give when the expression is run again
// on the match alone: two passes of the backtracking matcher over every
// srcset of the article, and a copy of every srcset when the page has no
// address to resolve against.

// absoluteSrcset returns srcset with its addresses resolved against base
// as rxSrcsetURL's ReplaceAllStringFunc did: each match of the
// expression, the first from the left in turn, becomes
// toAbsoluteURI(its first group) followed by its other groups, the
// groups being those of the expression matched against the match alone.
//
// A match starts at a byte that is not white space and its first group
// is a run of such bytes. Tried first, the run as long as it goes, with
// a descriptor (white space, digits and dots, then x or w) or not, then
// white space and a comma or the end. Failing that, the run up to the
// last comma in it, which the second pass reads as one address with the
// comma (no white space follows it there, and the text ends). A start
// with neither has no match, nor has any later start in the same run.
func absoluteSrcset(srcset string, base *nurl.URL) string {
	if base == nil {
		return srcset // toAbsoluteURI returns each address as it is
	}
	var b strings.Builder
	last := 0 // srcset[:last] is written
	for i := 0; i < len(srcset); {
		if isRegexpSpace(srcset[i]) {
			i++
			continue
		}
		run := i
		for run < len(srcset) && !isRegexpSpace(srcset[run]) {
			run++
		}
		if end, ok := srcsetTail(srcset, run); ok {
			b.WriteString(srcset[last:i])
			b.WriteString(toAbsoluteURI(srcset[i:run], base))
			b.WriteString(srcset[run:end])
			last, i = end, end
			continue
		}
		if comma := strings.LastIndexByte(srcset[i+1:run], ','); comma >= 0 {
			end := i + 1 + comma + 1
			b.WriteString(srcset[last:i])
			b.WriteString(toAbsoluteURI(srcset[i:end], base))
			last, i = end, end
			continue
		}
		i = run
	}
	if last == 0 {
		return srcset // no match
	}
	b.WriteString(srcset[last:])
	return b.String()
}

// srcsetTail returns the end of what rxSrcsetURL's second and third
// groups match from at, the end of a run of bytes that are not white
// space, and whether they match.
func srcsetTail(s string, at int) (int, bool) {
	if end, ok := srcsetSeparator(s, srcsetDescriptor(s, at)); ok {
		return end, true
	}
	return srcsetSeparator(s, at)
}

// srcsetDescriptor returns the end of a density or width descriptor at
// i, white space, digits and dots, then x or w in either case, or i if
// none is there.
func srcsetDescriptor(s string, i int) int {
	j := i
	for j < len(s) && isRegexpSpace(s[j]) {
		j++
	}
	if j == i {
		return i
	}
	k := j
	for k < len(s) && ('0' <= s[k] && s[k] <= '9' || s[k] == '.') {
		k++
	}
	if k == j || k == len(s) {
		return i
	}
	switch s[k] {
	case 'x', 'X', 'w', 'W':
		return k + 1
	}
	return i
}

// srcsetSeparator returns the end of white space and a comma, or white
// space to the end, at i, and whether either is there.
func srcsetSeparator(s string, i int) (int, bool) {
	for i < len(s) && isRegexpSpace(s[i]) {
		i++
	}
	switch {
	case i == len(s):
		return i, true
	case s[i] == ',':
		return i + 1, true
	}
	return 0, false
}

// isRegexpSpace reports the bytes \s matches in a regular expression:
// ASCII white space but the vertical tab.
func isRegexpSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}
