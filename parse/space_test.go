package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestTrimSpace: trimSpace is strings.TrimSpace, on white space of every
// kind around and inside text and on every text of the web corpus's pages.
func TestTrimSpace(t *testing.T) {
	texts := []string{"", " ", "x", " x ", "\n" + eightSpaces + eightSpaces + "  ", "\t" + eightTabs + "x" + eightTabs,
		"\u00a0 x \u00a0", eightSpaces + "\u2003x\u2003" + eightSpaces, "\u2003" + eightSpaces, eightSpaces + "\u2003",
		"x" + eightSpaces + "\u00a0", "\r\n\v\f " + eightSpaces + "a b" + eightTabs + " \r\n", "é" + eightSpaces, eightTabs + "é",
		"\xff" + eightSpaces, eightSpaces + "\xff", "\u0085" + eightSpaces + "x", "x" + eightSpaces[:7], eightSpaces[:7] + "x"}
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
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.TextNode {
				texts = append(texts, n.Data)
			}
			for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
				walk(ch)
			}
		}
		walk(doc)
	}
	for _, s := range texts {
		if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
			t.Fatalf("trimSpace(%q) = %q, want %q", s, got, want)
		}
	}
	if len(paths) > 0 && len(texts) < 10000 {
		t.Errorf("only %d texts compared", len(texts))
	}
}
