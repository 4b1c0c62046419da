package parse

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// contentNamePattern is the expression namesContent replaces.
var contentNamePattern = regexp.MustCompile(`(^|[-_])(content|entry|article|articlebody|story|main|post-?body)($|[-_])`)

// TestNamesContent: namesContent agrees with contentNamePattern on tokens
// built to test its edges (separators at either end and doubled, the two
// words of post-body, near misses) and on every class and id token of the
// web corpus's pages.
func TestNamesContent(t *testing.T) {
	tokens := []string{"", "-", "_", "content", "-content", "content-", "a--content__b", "contents", "xcontent", "main_nav",
		"post-body", "post_body", "postbody", "post--body", "blog-post-body-x", "the-post-body", "post", "body", "entry-title",
		"article", "articlebody", "article-body", "storyline", "story_", "müll-main", "entry\u00a0x"}
	paths, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "web", "*", "source.html"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(strings.NewReader(string(data)))
		if err != nil {
			t.Fatal(err)
		}
		for n := range doc.Descendants() {
			for _, key := range []string{"class", "id"} {
				tokens = append(tokens, strings.Fields(strings.ToLower(attr(n, key)))...)
			}
		}
	}
	matched := 0
	for _, tok := range tokens {
		want := contentNamePattern.MatchString(tok)
		if got := namesContent(tok); got != want {
			t.Errorf("namesContent(%q) = %v, want %v", tok, got, want)
		}
		if want {
			matched++
		}
	}
	if len(paths) > 0 && matched < 50 {
		t.Errorf("only %d of %d tokens name content", matched, len(tokens))
	}
}
