package readability

import (
	"log/slog"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/go-shiori/dom"
	"golang.org/x/net/html"

	"github.com/galleyprint/galley/internal/readability/internal/re2go"
)

// TestCountElements: countElements counts what dom.GetElementsByTagName
// lists, on small pages and the web corpus's, and stops one past its
// bound; getElementByTagName finds dom.DocumentElement's <html>, the
// first in document order even where a page nests another.
func TestCountElements(t *testing.T) {
	pages := []string{``, `text`, `<p>a<b>b</b><!-- c --></p>`, `<svg><foreignObject><html><p>x</p></html></foreignObject></svg>`}
	for _, data := range webSources(t) {
		pages = append(pages, string(data))
	}
	for i, page := range pages {
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		want := len(dom.GetElementsByTagName(doc, "*"))
		if got := countElements(doc, want+10); got != want {
			t.Errorf("page %d: countElements %d, want %d", i, got, want)
		}
		if got := countElements(doc, want-2); want >= 2 && got != want-1 {
			t.Errorf("page %d: countElements bounded at %d gives %d, want %d", i, want-2, got, want-1)
		}
		if got, want := getElementByTagName(doc, "html"), dom.DocumentElement(doc); got != want {
			t.Errorf("page %d: getElementByTagName finds another <html> than dom.DocumentElement", i)
		}
	}
}

// TestMayNameShare: every class and id that rxShareElements matches (on
// its own, or joined to another as prepArticle joins a class and an id)
// is one mayNameShare lets through, for names built to test its edges
// (any case, the long s, at the ends) and those of the web corpus's pages;
// and it keeps out most of the corpus's names.
func TestMayNameShare(t *testing.T) {
	names := []string{"", "share", "SHARE", "ShArE", "x-share_y", "ſhare", "sharedaddy", "shar", "hare", "post-SHAREs", "s", "ssharee", "ſ"}
	for _, data := range webSources(t) {
		doc, err := html.Parse(strings.NewReader(string(data)))
		if err != nil {
			t.Fatal(err)
		}
		for n := range doc.Descendants() {
			if n.Type == html.ElementNode {
				names = append(names, dom.GetAttribute(n, "class"), dom.GetAttribute(n, "id"))
			}
		}
	}
	kept, matched := 0, 0
	for i, a := range names {
		b := names[(i*7+3)%len(names)]
		if rxShareElements.MatchString(a+" "+b) && !mayNameShare(a) && !mayNameShare(b) {
			t.Errorf("rxShareElements matches %q + %q, mayNameShare neither", a, b)
		}
		if rxShareElements.MatchString(a) {
			matched++
		}
		if !mayNameShare(a) {
			kept++
		}
	}
	if matched < 5 || kept < len(names)*9/10 {
		t.Errorf("%d of %d names match, %d kept out", matched, len(names), kept)
	}
}

// rxCDATA is the expression getJSONLD stripped CDATA markers with.
var rxCDATA = regexp.MustCompile(`^\s*<!\[CDATA\[|\]\]>\s*$`)

// TestStripCDATA: stripCDATA gives what rxCDATA's ReplaceAllString with
// "" gave, on scripts with and without markers and on random strings of
// the bytes that make them.
func TestStripCDATA(t *testing.T) {
	texts := []string{"<![CDATA[{}]]>", "  <![CDATA[{\"a\":1}", "{\"a\":1}]]>\n", "{}\n]]>", "x <![CDATA[ y ]]> z",
		"{\"a\": \"]]\"}", "{}", "", "]]>", "<![CDATA[", "<![CDATA[]]>", " \v<![CDATA[x]]>\v", "]]>]]> \t"}
	rnd := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"<![CDATA[", "]]>", "]", ">", "<", "[", " ", "\n", "\v", "\t", "x", "{}"}
	for range 20000 {
		var b strings.Builder
		for range rnd.IntN(6) {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	stripped := 0
	for _, s := range texts {
		want := rxCDATA.ReplaceAllString(s, "")
		if got := stripCDATA(s); got != want {
			t.Errorf("stripCDATA(%q) = %q, want %q", s, got, want)
		}
		if want != s {
			stripped++
		}
	}
	if stripped < 1000 {
		t.Errorf("only %d of %d texts hold a marker", stripped, len(texts))
	}
}

// TestBlankMatchString: the matchers grabArticle spares a node without
// class and id find nothing in its match string.
func TestBlankMatchString(t *testing.T) {
	if re2go.IsUnlikelyCandidates(" ") || re2go.IsByline(" ") {
		t.Error(`a matcher finds something in " "`)
	}
}

// logged keeps the log attributes TestInspectNodeAllocates makes.
var logged slog.Attr

// TestInspectNodeAllocates: wrapping a node for a log message makes no
// allocation.
func TestInspectNodeAllocates(t *testing.T) {
	n := &html.Node{Type: html.ElementNode, Data: "p"}
	if allocs := testing.AllocsPerRun(100, func() { logged = slog.Any("node", inspectNode(n)) }); allocs != 0 {
		t.Errorf("%v allocations", allocs)
	}
}
