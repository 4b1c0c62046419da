package readability

import (
	"math/rand/v2"
	nurl "net/url"
	"regexp"
	"strings"
	"testing"
)

// rxSrcsetURL is the expression fixRelativeURIs resolved a srcset's
// addresses with.
var rxSrcsetURL = regexp.MustCompile(`(?i)(\S+)(\s+[\d.]+[xw])?(\s*(?:,|$))`)

// srcsetByRegexp is fixRelativeURIs's srcset rewriting as it was.
func srcsetByRegexp(srcset string, base *nurl.URL) string {
	return rxSrcsetURL.ReplaceAllStringFunc(srcset, func(s string) string {
		p := rxSrcsetURL.FindStringSubmatch(s)
		return toAbsoluteURI(p[1], base) + p[2] + p[3]
	})
}

// TestAbsoluteSrcset: absoluteSrcset gives what the expression gave, on
// real srcsets, odd ones and random strings of the bytes that matter to
// it, with a base address and without.
func TestAbsoluteSrcset(t *testing.T) {
	base, err := nurl.Parse("https://example.com/news/a.html")
	if err != nil {
		t.Fatal(err)
	}
	sets := []string{"", "a.jpg", "a.jpg 1x, b.jpg 2x", "/i/a.jpg 320w,/i/b.jpg 640W", "a.jpg,b.jpg", "a.jpg, b.jpg",
		"a 1x b", "a ,b", "a,b 1x", " a.jpg  1.5x ,\n b.jpg\t2x ", "data:image/png;base64,AAA= 1x", "//cdn.x/a.jpg 2x",
		"a.jpg 1x 2x", "a.jpg\v1x", "é.jpg 1x", "a.jpg 1", "a.jpg x", ",,,", " , ", "https://x.org/a,b.jpg 10w, c.jpg 20w"}
	rnd := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "/b", ".jpg", " ", "  ", "\t", "\n", "\v", ",", "1", "2.5", ".", "x", "W", "w", "é", "#f", "//h"}
	for range 30000 {
		var b strings.Builder
		for range rnd.IntN(9) {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		sets = append(sets, b.String())
	}
	changed := 0
	for _, s := range sets {
		for _, u := range []*nurl.URL{base, nil} {
			want := srcsetByRegexp(s, u)
			if got := absoluteSrcset(s, u); got != want {
				t.Errorf("absoluteSrcset(%q, %v) = %q, want %q", s, u, got, want)
			}
			if want != s {
				changed++
			}
		}
	}
	if changed < len(sets)/2 {
		t.Errorf("only %d of %d srcsets resolved", changed, len(sets))
	}
}
