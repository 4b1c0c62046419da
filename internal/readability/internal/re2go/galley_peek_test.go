package re2go

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// TestMatchers: the matchers, reading their input through peek, find what
// their original expressions find, on random ASCII strings made of pieces
// of the words they look for, spaces, dashes and nulls (a null inside the
// input is a character like any other; only the one peek gives at the end
// stops a matcher). The expressions fold only ASCII here, as re2c's
// case-insensitive matchers do.
func TestMatchers(t *testing.T) {
	matchers := []struct {
		name  string
		match func(string) bool
		re    *regexp.Regexp
	}{
		{"IsByline", IsByline, regexp.MustCompile(`(?i)byline|author|dateline|writtenby|p-author`)},
		{"IsPositiveClass", IsPositiveClass, regexp.MustCompile(`(?i)article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story`)},
		{"isNegativeClass2", isNegativeClass2, regexp.MustCompile(`(?i)-ad-|banner|combx|comment|com-|contact|footer|gdpr|masthead|meta|outbrain|promo|related|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget`)},
		{"IsUnlikelyCandidates", IsUnlikelyCandidates, regexp.MustCompile(`(?i)-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote`)},
		{"MaybeItsACandidate", MaybeItsACandidate, regexp.MustCompile(`(?i)and|article|body|column|content|main|mathjax|shadow`)},
	}
	pieces := []string{"by", "line", "Auth", "or", "date", "written", "p-", "art", "icle", "BODY", "cont", "ent", "h-",
		"main", "page", "post", "text", "blog", "story", "hid", "den", "d-none", "-ad-", "ban", "ner", "com", "ment", "-",
		"foot", "er", "gdpr", "meta", "share", "tags", "widget", "menu", "rss", "and", "column", "mathjax", "shadow",
		" ", "  ", "\t", "\x00", "x", "Z", "\x7f"}
	rng := rand.New(rand.NewPCG(34, 3))
	spaces := regexp.MustCompile(`[\t\n\f\r ]{2,}`)
	hiddenClass := regexp.MustCompile(`(?i)(^| )(hid|hidden|d-none)( |$)`)
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		for _, m := range matchers {
			if got, want := m.match(s), m.re.MatchString(s); got != want {
				t.Errorf("%s(%q) = %v, want %v", m.name, s, got, want)
			}
		}
		// isNegativeClass1 reads (.)?(hid|hidden|d-none)(.)? from where
		// its last match ended, so a match that took the space after it
		// hides the next word's space ("x-d-none d-none"): it finds what
		// its expression finds where only one of its words is
		if lower := strings.ToLower(s); strings.Count(lower, "hid")+strings.Count(lower, "d-none") <= 1 {
			if got, want := isNegativeClass1(s), hiddenClass.MatchString(s); got != want {
				t.Errorf("isNegativeClass1(%q) = %v, want %v", s, got, want)
			}
		}
		if got, want := NormalizeSpaces(s), spaces.ReplaceAllString(s, " "); got != want {
			t.Errorf("NormalizeSpaces(%q) = %q, want %q", s, got, want)
		}
	}
}
