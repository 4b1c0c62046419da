package parse

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/galleyprint/galley/internal/benchcpu"
	"github.com/galleyprint/galley/internal/testcorpus"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// BenchmarkPruneBoilerplate: the furniture pass alone over the web
// corpus's pages, each parsed afresh outside the timer.
func BenchmarkPruneBoilerplate(b *testing.B) {
	sources := testcorpus.WebSources(b)
	if len(sources) == 0 {
		b.Skip("no ../shared/corpus/web")
	}
	var pages [][]byte
	for _, data := range sources {
		pages = append(pages, bytes.Join(stripInert(data), nil))
	}
	docs := make([]*html.Node, len(pages))
	b.ReportAllocs()
	var cpu time.Duration // the CPU time of the pass alone, steadier than wall time on a shared machine
	for b.Loop() {
		b.StopTimer()
		for i, p := range pages {
			docs[i], _ = html.Parse(bytes.NewReader(p))
		}
		b.StartTimer()
		start := benchcpu.Process()
		for _, d := range docs {
			pruneBoilerplate(d)
		}
		cpu += benchcpu.Process() - start
	}
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N*len(docs)), "cpu-µs/page")
}

// TestLowerText: lowerText is strings.ToLower(textContent(n)) on every
// element of the web corpus's pages and on text with every kind of space.
func TestLowerText(t *testing.T) {
	sources := testcorpus.WebSources(t)
	var pages []string
	for _, data := range sources {
		pages = append(pages, string(data))
	}
	pages = append(pages, "<div> \u00a0Mehr\tZUM\n\u0085Thema \u2003<span>ÀLIRE</span><b>aussi</b>\u00a0</div><p>İstanbul ΣΑΣ</p><p>\r\f\v</p><p>\xff\xe2\x80 K\ufffd</p>")
	var buf []byte
	elements := 0
	for _, p := range pages {
		doc, err := html.Parse(strings.NewReader(p))
		if err != nil {
			t.Fatal(err)
		}
		body := firstElement(doc, atom.Body)
		texts := measureTexts(body, nil)
		at := -1 // body's elements' in texts, from body on
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n == body {
				at = 0
			}
			if n.Type == html.ElementNode && n.DataAtom != atom.Html {
				elements++
				want := strings.ToLower(textContent(n))
				if got := lowerText(n, nil, &buf, nil); got != want {
					t.Fatalf("<%s>: lowerText %q, want %q", n.Data, got, want)
				}
				if at >= 0 {
					m := texts[at : at+texts[at].elements]
					at++
					// the measured verdicts hold for the elements in n, not
					// for n itself, which isBoilerplate judges before
					if !m[0].hidden && !m[0].skipped {
						if got := lowerText(n, m, &buf, nil); got != want {
							t.Fatalf("<%s>: lowerText measured %q, want %q", n.Data, got, want)
						}
					}
				}
			}
			for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
				walk(ch)
			}
		}
		walk(doc)
	}
	if elements < 1000 && len(sources) > 0 {
		t.Errorf("only %d elements compared", elements)
	}
}

// TestMeasureTexts: measureTexts gives every element of the web corpus's
// pages, in the tree's order, textLen's length and its subtree's size.
func TestMeasureTexts(t *testing.T) {
	docs := webTrees(t, "<p>One <b> two </b><script> x </script></p>\n  <div><svg><text>t</text></svg> three</div>")
	elements := 0
	for _, doc := range docs {
		body := firstElement(doc, atom.Body)
		texts := measureTexts(body, nil)
		at := 0
		var walk func(*html.Node) int
		walk = func(n *html.Node) int {
			m := texts[at]
			at++
			if want := textLen(n, -1); m.text != want {
				t.Fatalf("<%s>: measured %d bytes of text, textLen %d", n.Data, m.text, want)
			}
			size := 1
			for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
				if ch.Type == html.ElementNode {
					size += walk(ch)
				}
			}
			if m.elements != size {
				t.Fatalf("<%s>: measured %d elements, holds %d", n.Data, m.elements, size)
			}
			return size
		}
		walk(body)
		if at != len(texts) {
			t.Fatalf("measured %d elements, walked %d", len(texts), at)
		}
		elements += at
	}
	if elements < 1000 && len(docs) > 1 {
		t.Errorf("only %d elements compared", elements)
	}
}

// TestBlockLowerer: the text blockLowerer gives an element from the text
// of a block around it is lowerText's of the element, for every element
// in the blocks of the web corpus's pages (blocks of up to 2,000 bytes of
// text, to keep the test short) and of pages with spaces, hidden and
// skipped elements at the edges of the blocks.
func TestBlockLowerer(t *testing.T) {
	docs := webTrees(t, "<ul> <li> One <b>Two </b></li><li><span> </span>\u00a0Three<svg><text>t</text></svg></li>\n<li hidden>Four</li><li>Five<button> six</button></li></ul>",
		"<div><p>a</p><p><span>B</span> c<button><p>D</p></button></p><p style=display:none>e</p> <p> f </p></div>")
	var buf []byte
	shared := 0
	for _, doc := range docs {
		body := firstElement(doc, atom.Body)
		texts := measureTexts(body, nil)
		var nodes []*html.Node // body's elements, in texts' order
		var collect func(*html.Node)
		collect = func(n *html.Node) {
			nodes = append(nodes, n)
			for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
				if ch.Type == html.ElementNode {
					collect(ch)
				}
			}
		}
		collect(body)
		for a, block := range texts {
			if block.hidden || block.skipped || block.text > 2000 {
				continue
			}
			var l blockLowerer
			l.lower(nodes[a], texts[a:a+block.elements], a)
			for k := a + 1; k < a+block.elements; k++ {
				if l.spans[k-a].start < 0 || texts[k].hidden || texts[k].skipped {
					continue
				}
				m := texts[k : k+texts[k].elements]
				want := lowerText(nodes[k], m, &buf, nil)
				if got := l.lower(nodes[k], m, k); got != want {
					t.Fatalf("<%s> in <%s>: %q, want %q", nodes[k].Data, nodes[a].Data, got, want)
				}
				shared++
			}
		}
	}
	if shared < 1000 {
		t.Errorf("only %d elements' texts taken from their blocks", shared)
	}
}
