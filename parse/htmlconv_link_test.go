package parse

import (
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
)

// TestLinkAsParsed: link, which gives a plain absolute address back as it
// is and drops a relative link without a base unread, gives what parsing,
// resolving and printing gave (the old code, below) for 60,000 random
// hrefs, with a base and without: hrefs of schemes in any case, hosts
// with ports, capitals and users, paths with dot segments, empty
// segments, escapes and characters URLs escape, queries and fragments.
func TestLinkAsParsed(t *testing.T) {
	old := func(base *url.URL, href string) string {
		href = strings.TrimSpace(href)
		if href == "" || strings.HasPrefix(href, "#") {
			return ""
		}
		u, err := url.Parse(href)
		if err != nil {
			return ""
		}
		if base != nil {
			u = base.ResolveReference(u)
		}
		switch strings.ToLower(u.Scheme) {
		case "http", "https", "mailto":
			return u.String()
		}
		return ""
	}
	starts := []string{"https://", "http://", "HTTPS://", "Http://", "mailto:", "MailTo:", "ftp://", "javascript:", "//", "/", "",
		"https:", "http:/", "https://user@", " https://", "#", "?", "./", "../", "httpſ://", "h1:", ":"}
	pieces := []string{"example.com", "Example.COM", "a", "b-c", ".", "..", "/", "//", "/./", "/../", ":8080", "?", "?q=1", "&b=2",
		"#top", "#", "%20", "%2F", "%zz", " ", "é", "_", "~", "x.html", "=", "+", ",", ";", "@", "!", "$", "*", "'", "(", ")", "\"",
		"<", "[", "]", "\\", "|", "^", "`", "{", "\t", "\x7f", "\xff", "%", "utm_source", "?", "/.well-known", "-"}
	words := []string{"a", "story-1", "x.html", "Index_2", "v1.2", "~me", "utm_source", ""}
	base, err := url.Parse("https://news.example/section/story.html?id=3#top")
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(34, 11))
	plain := 0
	for range 60000 {
		var b strings.Builder
		if rng.IntN(2) == 0 {
			b.WriteString(starts[rng.IntN(len(starts))])
			for range rng.IntN(7) {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
		} else { // an address that is plain but for a piece, perhaps
			b.WriteString(starts[rng.IntN(2)] + "news.example")
			for range rng.IntN(4) {
				b.WriteString("/" + words[rng.IntN(len(words))])
			}
			if rng.IntN(2) == 0 {
				b.WriteString("?" + words[rng.IntN(len(words))] + "=" + words[rng.IntN(len(words))])
			}
		}
		href := b.String()
		if rng.IntN(2) == 0 {
			at := rng.IntN(len(href) + 1)
			href = href[:at] + pieces[rng.IntN(len(pieces))] + href[at:]
		}
		if plainAbsoluteURL(href) {
			plain++
		}
		for _, base := range []*url.URL{nil, base} {
			c := &htmlConverter{base: base}
			if got, want := c.link(href), old(base, href); got != want {
				t.Errorf("link(%q) with base %v = %q; parsed, resolved and printed: %q", href, base, got, want)
			}
		}
	}
	if plain < 3000 {
		t.Errorf("only %d random hrefs were plain absolute addresses: the test tries too few", plain)
	}
}
