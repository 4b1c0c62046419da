package parse

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestWordingNeedsText: isBoilerplate judges no element by its wording
// without reading its text first, for the elements it now spares that:
// lowerText gives "" for every skipped element (a <button>) and every
// element without text by textLen's count, on small pages built to test
// its edges (hidden text, white space of all kinds, text in a skipped
// child) and every element of the web corpus's pages.
func TestWordingNeedsText(t *testing.T) {
	pages := []string{
		`<div> <span>` + "\u00a0\u2003\t" + `</span><img src=x></div><button>Share</button><p><button>x</button></p>`,
		`<ul><li hidden>x</li><li>` + "\n" + `</li></ul><section><script>var x</script></section>`,
	}
	corpus := webSources(t)
	for _, data := range corpus {
		pages = append(pages, string(data))
	}
	var buf []byte
	spared := 0
	for i, page := range pages {
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode || n.DataAtom == atom.Html {
				continue
			}
			if skipped(n.DataAtom) || textLen(n, maxFurnitureLine) == 0 {
				spared++
				if text := lowerText(n, nil, &buf, nil); text != "" {
					t.Fatalf("page %d, <%s>: lowerText %q where isBoilerplate reads none", i, n.Data, text)
				}
			}
		}
	}
	if spared < 1000 && len(corpus) > 0 {
		t.Errorf("only %d elements spared", spared)
	}
}
