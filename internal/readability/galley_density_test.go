package readability

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"

	"github.com/galleyprint/galley/internal/testcorpus"
)

// TestLinkDensities: linkDensities gives getLinkDensity's figure, to the
// bit, for every element of small pages built to test its edges (links in
// links, fragment links, whitespace at the joins of text nodes, empty
// elements) and of the web corpus's pages.
func TestLinkDensities(t *testing.T) {
	pages := []string{
		`<div><p>one <a href="/x">two</a> three</p><p> <a href="#f">fragment link</a> </p></div>`,
		`<div>  <span> </span><a href="/a">outer <b>bold</b><a href="/b">inner</a> tail </a>after</div>`,
		`<div><a href="/a"></a><p></p><p>x</p>` + "\u00a0\t" + `<a href="#">#</a><a href=" #top ">top</a></div>`,
		`<section><div><div><p>a,b c</p>` + strings.Repeat(`<a href="/l">link text </a>`, 7) + `</div></div></section>`,
	}
	for _, data := range webSources(t) {
		pages = append(pages, string(data))
	}
	ps := NewParser()
	compared := 0
	for i, page := range pages {
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		var elements []*html.Node
		for n := range doc.Descendants() {
			if n.Type == html.ElementNode {
				elements = append(elements, n)
			}
		}
		// each figure found from the text scanned, then from the sums
		// countCharsAndCommas keeps, one of them stale
		ps.textSums = nil
		scanned := ps.linkDensities(doc, elements)
		ps.countCharsAndCommas(doc)
		for n := range doc.Descendants() {
			if n.Type == html.TextNode && strings.TrimSpace(n.Data) != "" {
				ps.textSums[n] = textSum{data: "stale " + n.Data}
				break
			}
		}
		summed := ps.linkDensities(doc, elements)
		for _, n := range elements {
			want := ps.getLinkDensity(n)
			if scanned[n] != want || summed[n] != want {
				t.Fatalf("page %d, <%s>: linkDensities %v (scanned), %v (summed), getLinkDensity %v", i, n.Data, scanned[n], summed[n], want)
			}
			if want != 0 {
				compared++
			}
		}
	}
	if compared < 20 {
		t.Errorf("only %d elements with links compared", compared)
	}
}

// TestAddRun: a charCounter fed runs (addRun of runOf) counts as one fed
// the same texts rune by rune, for every sequence of up to three texts
// drawn from words, spaces of several kinds and empty strings, and the runs
// combined with then count the same.
func TestAddRun(t *testing.T) {
	texts := []string{"", " ", "\u00a0\t", "a", "ab", " a", "a ", " a b ", "x\n\ny", "，", "\u2003"}
	var seqs [][]string
	for _, a := range texts {
		seqs = append(seqs, []string{a})
		for _, b := range texts {
			seqs = append(seqs, []string{a, b})
			for _, c := range texts {
				seqs = append(seqs, []string{a, b, c})
			}
		}
	}
	for _, seq := range seqs {
		var byRune, byRun charCounter
		var joined textRun
		for _, s := range seq {
			for _, r := range s {
				byRune.Count(r)
			}
			byRun.addRun(runOf(s))
			joined = joined.then(runOf(s))
		}
		if byRun != byRune {
			t.Errorf("%q: addRun %+v, Count %+v", seq, byRun, byRune)
		}
		if joined.total != byRune.Total {
			t.Errorf("%q: then's total %d, Count %d", seq, joined.total, byRune.Total)
		}
	}
}

// TestCountCharsAndCommas: the Parser's countCharsAndCommas, from its text
// nodes' cached counts, gives countCharsAndCommas's figures for every
// element of ten of the web corpus's pages, and again after each text is
// changed.
func TestCountCharsAndCommas(t *testing.T) {
	pages := []string{`<div><p>a, b ,c</p> <p>，d</p><p>` + "\u00a0" + `</p><b>e</b>f</div>`}
	sources := testcorpus.WebSources(t)
	for _, data := range sources[:min(len(sources), 10)] {
		pages = append(pages, string(data))
	}
	ps := NewParser()
	for i, page := range pages {
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		for round := range 2 {
			for n := range doc.Descendants() {
				if n.Type != html.ElementNode {
					continue
				}
				gotChars, gotCommas := ps.countCharsAndCommas(n)
				wantChars, wantCommas := countCharsAndCommas(n)
				if gotChars != wantChars || gotCommas != wantCommas {
					t.Fatalf("page %d round %d, <%s>: %d chars %d commas, want %d and %d", i, round, n.Data, gotChars, gotCommas, wantChars, wantCommas)
				}
			}
			for n := range doc.Descendants() {
				if n.Type == html.TextNode {
					n.Data += ", x "
				}
			}
		}
	}
}

// TestScanText: scanText counts a text as charCounter and commaCounter do
// rune by rune, for texts with every comma variant, white space in and
// outside ASCII, invalid UTF-8, and every text node of the web corpus;
// and for random texts of the characters whose runs of eight it counts at
// once, at every offset from those runs' edges.
func TestScanText(t *testing.T) {
	texts := []string{"", " ", "a", " a, b ", "\u0085x\u00a0", "\xff", "a\xff b\xfe\xfd ", "\u060c\ufe50\ufe10\ufe11\u2e41\u2e34\u2e32\uff0c,",
		"\t\n\v\f\r", "x \u3000 y\u2028", "é, ü ,", "        ", "  abcdef  gh  ", "abcdefgh", ",,,,,,,,x", "\x08\x0e\x1f!~\x7f\x00 a"}
	texts = append(texts, testcorpus.WebTexts(t)...)
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{" ", "\t", "\n", "\r", "\v", "\f", ",", "a", "Z", "\x00", "\x7f", "\x08", "\x0e", "é", "\u00a0", "\u3000", "\uff0c"}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		var chars charCounter
		var commas commaCounter
		lead := false
		for _, r := range s {
			if !chars.seenNonSpace && unicode.IsSpace(r) {
				lead = true
			}
			chars.Count(r)
			commas.Count(r)
		}
		want := textRun{total: chars.Total, text: chars.seenNonSpace, lead: lead, trail: chars.seenNonSpace && chars.lastCharWasSpace}
		if got, gotCommas := scanText(s); got != want || gotCommas != commas.Total {
			t.Fatalf("%q: scanText %+v and %d commas, want %+v and %d", s, got, gotCommas, want, commas.Total)
		}
	}
}

// TestSpaceBytes: the word-wide tests find white space and commas in
// each byte as asciiSpace and a comparison do, for every ASCII byte in
// every position among every other.
func TestSpaceBytes(t *testing.T) {
	for c := range 128 {
		for other := range 128 {
			for pos := range 8 {
				x := uint64(other) * byteLanes
				x = x&^(0xff<<(8*pos)) | uint64(c)<<(8*pos)
				white, commas := spaceBytes(x), zeroBytes(x^','*byteLanes)
				for k := range 8 {
					b := byte(x >> (8 * k))
					if got, want := white>>(8*k+7)&1 == 1, asciiSpace[b] != 0; got != want {
						t.Fatalf("%#x: byte %d (%#x) white space %v, want %v", x, k, b, got, want)
					}
					if got, want := commas>>(8*k+7)&1 == 1, b == ','; got != want {
						t.Fatalf("%#x: byte %d (%#x) comma %v, want %v", x, k, b, got, want)
					}
				}
			}
		}
	}
}

// TestHasContent: hasContent finds a character other than white space
// where strings.ContainsFunc does, in every text node of the web corpus
// and in random runs of white space with one other character or none.
func TestHasContent(t *testing.T) {
	texts := testcorpus.WebTexts(t)
	rng := rand.New(rand.NewPCG(3, 4))
	white := []string{" ", "\t", "\n", "\r", "\v", "\f", "\u00a0", "\u3000"}
	other := []string{"", "", "a", ",", "\x00", "\x7f", "é", "\xff"}
	for range 20000 {
		var b strings.Builder
		n := rng.IntN(40)
		at := rng.IntN(n + 1)
		for i := range n + 1 {
			if i == at {
				b.WriteString(other[rng.IntN(len(other))])
			}
			if i < n {
				b.WriteString(white[rng.IntN(len(white))])
			}
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		want := strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsSpace(r) })
		if got := hasContent(s); got != want {
			t.Fatalf("%q: hasContent %v, want %v", s, got, want)
		}
	}
}
