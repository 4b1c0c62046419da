package parse

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestHTMLSplitSections: an article that a page builder sets in three
// sections of one class, with a table's section between each two
// (testdata/split/sections.html), prints from its first section to its
// last; Readability keeps only the middle one, which scores best.
func TestHTMLSplitSections(t *testing.T) {
	a := testdataHTML(t, filepath.Join("split", "sections.html"), "https://heat.example/old-houses.html")
	text := a.PlainText()
	want := []string{
		"Why old houses are different",
		"Old houses lose more heat",
		"An energy adviser first measures",
		"Grants and running costs",
		"Running costs depend on the price of electricity",
	}
	last := -1
	for _, s := range want {
		at := strings.Index(text, s)
		if at < 0 {
			t.Errorf("the article lost %q:\n%s", s, text)
			continue
		}
		if at < last {
			t.Errorf("%q printed out of the page's order:\n%s", s, text)
		}
		last = at
	}
	if strings.Contains(text, "Imprint") || strings.Contains(text, "Contact") {
		t.Errorf("the page's navigation or footer printed:\n%s", text)
	}
}

// TestHTMLSplitThread: a forum thread whose posts are sibling <article>
// elements of one class (testdata/split/thread.html) prints all its
// posts, not only the first, which is the longest.
func TestHTMLSplitThread(t *testing.T) {
	a := testdataHTML(t, filepath.Join("split", "thread.html"), "https://forum.example/threads/dreck.230143/")
	text := a.PlainText()
	for _, s := range []string{
		"Pepe schläft nachts bei mir",
		"Hat er vielleicht Milben in den Ohren?",
		"Meine Freigänger bringen im Herbst",
		"schon seit fünf Uhr draußen",
	} {
		if !strings.Contains(text, s) {
			t.Errorf("the thread lost %q:\n%s", s, text)
		}
	}
	if strings.Contains(text, "Impressum") {
		t.Errorf("the page's footer printed:\n%s", text)
	}
}

// TestHTMLSplitStories: an endless page whose next stories are sibling
// sections of the article's own class, each under its own <h1>
// (testdata/split/stories.html), prints the first story alone.
func TestHTMLSplitStories(t *testing.T) {
	a := testdataHTML(t, filepath.Join("split", "stories.html"), "https://diario.example/bendicion.html")
	text := a.PlainText()
	if !strings.Contains(text, "La misa de las once cerrará la jornada") {
		t.Errorf("the story lost its end:\n%s", text)
	}
	for _, s := range []string{"Nuevo horario de los buses", "los buses del centro", "El puente viejo sobre el río"} {
		if strings.Contains(text, s) {
			t.Errorf("another story's %q printed:\n%s", s, text)
		}
	}
}

// TestSplitRootArchive: the sections of an archive page, each an
// article with its headline and date in its own <header>
// (testdata/split/archive.html), are not taken for one article split
// in three, while a page builder's sections (testdata/split/sections.html)
// are.
func TestSplitRootArchive(t *testing.T) {
	for _, c := range []struct {
		page string
		none bool // splitRoot is to find no split article
	}{{"archive.html", true}, {"sections.html", false}} {
		data, err := os.ReadFile(filepath.Join("testdata", "split", c.page))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		root, _ := splitRoot(doc)
		if got := root == nil; got != c.none {
			t.Errorf("%s: splitRoot found no split article: %v, want %v", c.page, got, c.none)
		}
	}
}

// holdsHeadline is how a section's headline was looked for before
// measure gathered it: an <h1>, or a heading inside a <header>.
func holdsHeadline(n *html.Node) bool {
	if firstElement(n, atom.H1) != nil {
		return true
	}
	header := firstElement(n, atom.Header)
	return header != nil && (firstElement(header, atom.H2) != nil || firstElement(header, atom.H3) != nil)
}

// TestMeasureHeadings: the headings measure gathers say what
// holdsHeadline finds, for elements of the web corpus and of pages that
// nest headers and headings.
func TestMeasureHeadings(t *testing.T) {
	samples := []string{
		`<div><header><p>x</p></header><header><h2>t</h2></header></div>`,
		`<div><header><header><h3>t</h3></header></header></div>`,
		`<div><section><h1>t</h1></section><header></header></div>`,
		`<div><p><header>a</header></p><h2>t</h2><header><div><h2>u</h2></div></header></div>`,
		`<div><svg><header><h2>t</h2></header></svg></div>`,
	}
	checked, headlines := 0, 0
	for _, doc := range webTrees(t, samples...) {
		i := 0
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
				if ch.Type != html.ElementNode {
					continue
				}
				if i%7 == 0 || isSection(ch) {
					g := sectionGroups{kinds: map[sectionKind][3]int{}}
					_, heads := g.measure(ch, true)
					want := holdsHeadline(ch)
					if heads.headline() != want {
						t.Errorf("<%s class=%q>: headline %v, want %v", ch.Data, attr(ch, "class"), heads.headline(), want)
					}
					checked++
					if want {
						headlines++
					}
				}
				i++
				walk(ch)
			}
		}
		walk(doc)
	}
	if checked < 1000 || headlines < 100 {
		t.Errorf("%d elements checked, %d holding a headline", checked, headlines)
	}
}
