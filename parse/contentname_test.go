package parse

import (
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestClassWords: namesContent and namesMeta agree with the regular
// expressions they replace on tokens built to test their edges
// (separators at either end and doubled, the two words of post-body and
// entry-meta, near misses) and on every class and id token of the web
// corpus's pages.
func TestClassWords(t *testing.T) {
	tokens := []string{"", "-", "_", "content", "-content", "content-", "a--content__b", "contents", "xcontent", "main_nav",
		"post-body", "post_body", "postbody", "post--body", "blog-post-body-x", "the-post-body", "post", "body", "entry-title",
		"article", "articlebody", "article-body", "storyline", "story_", "müll-main", "entry\u00a0x",
		"byline", "bylines", "author", "authors", "post_author", "dateline", "date", "update", "time-ago", "timeline", "posted-on",
		"published", "meta", "entry-meta", "post-meta", "article-meta", "postmeta", "postmetadata", "metadata", "x_date_y"}
	corpus := webSources(t)
	for _, data := range corpus {
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
	for _, c := range []struct {
		name    string
		names   func(string) bool
		pattern *regexp.Regexp
	}{
		{"namesContent", namesContent, regexp.MustCompile(`(^|[-_])(content|entry|article|articlebody|story|main|post-?body)($|[-_])`)},
		{"namesMeta", namesMeta, regexp.MustCompile(`(^|[-_])(byline|author|authors|dateline|date|time|posted|published|meta|postmeta|postmetadata|entry-meta|post-meta|article-meta)($|[-_])`)},
	} {
		matched := 0
		for _, tok := range tokens {
			want := c.pattern.MatchString(tok)
			if got := c.names(tok); got != want {
				t.Errorf("%s(%q) = %v, want %v", c.name, tok, got, want)
			}
			if want {
				matched++
			}
		}
		if len(corpus) > 0 && matched < 50 {
			t.Errorf("%s: only %d of %d tokens match", c.name, matched, len(tokens))
		}
	}
}

// TestContentWordsInContentNames: isContentName spares a name without
// any of contentWords, right only while every name namesContent reports
// holds one: the corpus's tokens it reports, and one of each of its words,
// in any case.
func TestContentWordsInContentNames(t *testing.T) {
	names := []string{"content", "entry", "article", "articlebody", "story", "main", "postbody", "post-body", "x_Post-Body", "MAIN",
		"nav", "Site-Header", "footer widget", "contnt"}
	for _, data := range webSources(t) {
		doc, err := html.Parse(strings.NewReader(string(data)))
		if err != nil {
			t.Fatal(err)
		}
		for n := range doc.Descendants() {
			names = append(names, attr(n, "class"), attr(n, "id"))
		}
	}
	spared := 0
	for _, v := range names {
		named := false
		for tok := range strings.FieldsSeq(strings.ToLower(v)) {
			named = named || namesContent(tok)
		}
		if !contentNameFinder().mayHold(v) {
			spared++
			if named {
				t.Errorf("%q names content, and isContentName spares it", v)
			}
		}
	}
	if spared == 0 {
		t.Errorf("no name spared")
	}
}
