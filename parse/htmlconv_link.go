package parse

import "strings"

// Most of an article's links are absolute http(s) addresses that
// url.Parse, ResolveReference and String give back as they are, at the
// cost of some thousands of instructions each; and without a base, a
// relative link is dropped whatever it is. The two are told from the
// href's bytes.

// hasLinkScheme reports whether href (trimmed) starts with the scheme
// http, https or mailto in any case: whether url.Parse, which takes the
// scheme as what precedes the first colon when that is a scheme's
// letters, may find one of them.
func hasLinkScheme(href string) bool {
	scheme, _, ok := strings.Cut(href, ":")
	return ok && (strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto"))
}

// plainAbsoluteURL reports whether href is an http or https address that
// url.Parse reads as written and String prints back unchanged, resolved
// against any base: a lower-case scheme, a host of lower-case letters,
// digits, dots and hyphens, a path of unreserved characters and slashes
// with no empty segment and none starting with a dot (ResolveReference
// removes the dot segments), and a query, if any, of unreserved
// characters and the separators Parse keeps as they are. No fragment, no
// port, no user, no percent escape in the path.
func plainAbsoluteURL(href string) bool {
	rest, ok := strings.CutPrefix(href, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(href, "http://"); !ok {
			return false
		}
	}
	i := 0
	for i < len(rest) && isHostByte(rest[i]) {
		i++
	}
	if i == 0 {
		return false
	}
	for i < len(rest) && rest[i] == '/' {
		i++
		if i < len(rest) && (rest[i] == '/' || rest[i] == '.') {
			return false
		}
		for i < len(rest) && isPathByte(rest[i]) {
			i++
		}
	}
	if i == len(rest) {
		return true
	}
	if rest[i] != '?' || i+1 == len(rest) {
		return false
	}
	for _, c := range []byte(rest[i+1:]) {
		if !isPathByte(c) && !strings.ContainsRune("/=&%+,;:@!$*'()", rune(c)) {
			return false
		}
	}
	return true
}

// isHostByte reports a byte of a plain host name.
func isHostByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-'
}

// isPathByte reports an unreserved byte (RFC 3986), which no URL
// escapes.
func isPathByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}
