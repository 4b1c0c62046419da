package parse

import (
	"strings"
	"unicode/utf8"
)

// titleSeparators part a document title from the site's name or section:
// "Title | Site", "Title - Site", "Title_Section_Site", "Site » Title".
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " « ", " › ", " ‹ ", " / ", "_", "｜"}

// headline returns the article's headline: the document title (as
// readability chose it, else og:title or <title>) without the site's
// name or section around it. A title that begins with a shorter title the
// page also declares (og:title, JSON-LD headline, <h1>) and goes on after
// a separator is cut to it; else a part at either end that names the site
// (its name or host) is cut off.
func (m pageMeta) headline(raTitle, siteName, host string) string {
	full := squash(firstNonEmpty(raTitle, m.ogTitle, m.title, m.ld.headline))
	if full == "" {
		return ""
	}
	var sites []string
	for _, s := range []string{siteName, m.siteName, m.ld.publisher, m.appName, host} {
		if k := siteKey(s); k != "" {
			sites = append(sites, k)
		}
	}
	if host != "" {
		// "lwn.net" names the site "lwn" too
		if label, _, ok := strings.Cut(host, "."); ok && len(label) >= 2 {
			sites = append(sites, siteKey(label))
		}
	}
	for _, bare := range append([]string{m.ogTitle, m.ld.headline}, m.h1s...) {
		if t, ok := cutToBare(full, squash(bare)); ok && !namesSite(t, sites) {
			return t
		}
	}
	return cutSiteAffix(full, sites)
}

// cutToBare returns bare when full is bare, a separator and more.
func cutToBare(full, bare string) (string, bool) {
	if bare == "" || len(bare) >= len(full) || !isTitleLike(bare) {
		return "", false
	}
	if rest, ok := strings.CutPrefix(full, bare); ok && startsWithSeparator(rest) {
		return bare, true
	}
	return "", false
}

// isTitleLike reports whether s is long enough to stand as a headline on
// its own: two words, or four characters of a script without spaces.
func isTitleLike(s string) bool {
	return len(strings.Fields(s)) >= 2 || utf8.RuneCountInString(s) >= 4 && !isASCII(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// startsWithSeparator reports whether the rest of a title after its
// headline starts with a separator: " | Site", "_Section", " [Site]".
func startsWithSeparator(rest string) bool {
	for _, sep := range titleSeparators {
		if strings.HasPrefix(rest, sep) {
			return true
		}
	}
	return strings.HasPrefix(rest, " [") && strings.HasSuffix(rest, "]") || strings.HasPrefix(rest, " _")
}

// namesSite reports whether part names the site: its key is one of
// sites, or one of the longer ones and a few more letters ("eHow.com").
func namesSite(part string, sites []string) bool {
	k := siteKey(part)
	for _, s := range sites {
		if k != "" && (k == s || len(s) >= 4 && strings.HasPrefix(k, s) && len(k) <= len(s)+4) {
			return true
		}
	}
	return false
}

// cutSiteAffix removes from title the parts at its start or end that name
// the site (sites holds the keys of its names), with their separators:
// "Title | eHow", "Title [LWN.net]", "Breitbart - Title".
func cutSiteAffix(title string, sites []string) string {
	if len(sites) == 0 {
		return title
	}
	names := func(part string) bool { return namesSite(part, sites) }
	if i := strings.LastIndex(title, " ["); i > 0 && strings.HasSuffix(title, "]") && names(title[i+2:len(title)-1]) {
		if t := strings.TrimSpace(title[:i]); isTitleLike(t) {
			return t
		}
	}
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(title, sep); i > 0 && names(title[i+len(sep):]) {
			if t := strings.TrimSpace(title[:i]); isTitleLike(t) {
				return t
			}
		}
		if i := strings.Index(title, sep); i > 0 && names(title[:i]) {
			if t := strings.TrimSpace(title[i+len(sep):]); isTitleLike(t) {
				return t
			}
		}
	}
	return title
}

// siteKey is a site name or host as compared: lower case, letters and
// digits only ("LWN.net" and "lwn.net" give "lwnnet").
func siteKey(s string) string {
	return strings.ReplaceAll(furnitureKey(s), " ", "")
}
