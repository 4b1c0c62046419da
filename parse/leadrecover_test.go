package parse

import (
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
)

// TestHTMLLeadRecovered: the standfirst the page sets above its body in
// an <h2>, which Readability leaves out of the article it chooses, is put
// back from the page's content container, before the body's first
// paragraph and as a paragraph.
func TestHTMLLeadRecovered(t *testing.T) {
	a := testdataHTML(t, filepath.Join("lead", "standfirst.html"), "https://ledger.example/energy/heat-pumps.html")
	if len(a.Body) < 2 {
		t.Fatalf("body has %d blocks", len(a.Body))
	}
	first, second := a.Body[0], a.Body[1]
	if first.Kind != article.KindParagraph || !strings.HasPrefix(first.Text.Plain(), "Heat pumps sell as never before") {
		t.Errorf("first block is %s %q, want the standfirst as a paragraph", first.Kind, first.Text.Plain())
	}
	if !strings.HasPrefix(second.Text.Plain(), "Despite strained supply chains") {
		t.Errorf("second block is %q, want the body's first paragraph", second.Text.Plain())
	}
}

// TestRecoverLead: the other candidate's prose before the first block the
// two candidates share is put back before that block; what is not an
// opening (short lines, captions ending in a credit, a blurb the page
// repeats, byline and share lines with "|" or an address) is not, and
// nothing is taken from a candidate that shares no text.
func TestRecoverLead(t *testing.T) {
	para := func(s string) article.Block {
		return article.Block{Kind: article.KindParagraph, Text: article.Text{{Text: s}}}
	}
	const (
		body1    = "The gunmen entered the museum shortly after noon, when a group of visitors was being shown the mosaics."
		body2    = "Officers sealed off the old town within minutes and asked residents to stay indoors until the evening."
		lead     = "Hostages were freed after four hours when the police stormed the museum; two of the gunmen were killed."
		blurb    = "Security forces stormed the town's most famous museum this afternoon, freeing the hostages held by gunmen."
		credit   = "March 18, 2015. Police secure the area after gunmen attacked the famous harbour museum. Fethi Belaid/AFP/Getty Images"
		credit2  = "Police secure the area after gunmen attacked the famous harbour museum in the old town on Wednesday. (Photo: Jane Doe)"
		byline   = "By Ela Marsh on 31 October 2023 | This post may contain affiliate links, and we may earn a fee from what you buy."
		linkLine = "Read the whole report of the harbour police on the siege at https://harbour.example/reports/siege-2015 as a PDF file."
		short    = "Updated March 18, 2015"
	)
	tests := []struct {
		name        string
		body, other []article.Block
		want        []string
	}{
		{"standfirst", []article.Block{para(body1), para(body2)}, []article.Block{para(lead), para(body1), para(body2)},
			[]string{lead, body1, body2}},
		{"heading becomes paragraph", []article.Block{para(body1)},
			[]article.Block{{Kind: article.KindHeading, Level: 2, Text: article.Text{{Text: lead}}}, para(body1)},
			[]string{lead, body1}},
		{"before the shared block", []article.Block{para(short), para(body1), para(body2)}, []article.Block{para(lead), para(body1)},
			[]string{short, lead, body1, body2}},
		{"captions, blurbs, bylines", []article.Block{para(body1), para(body2)},
			[]article.Block{para(blurb), para(credit), para(blurb), para(credit2), para(byline), para(linkLine), para(short), para(body1)},
			[]string{body1, body2}},
		{"nothing shared", []article.Block{para(body1)}, []article.Block{para(lead), para(body2)},
			[]string{body1}},
		{"only after the shared block", []article.Block{para(body1)}, []article.Block{para(body1), para(lead)},
			[]string{body1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := recoverLead(squashBlocks(tt.body), squashBlocks(tt.other)).blocks
			var texts []string
			for _, b := range got {
				if b.Kind != article.KindParagraph {
					t.Errorf("block %q is a %s", b.Text.Plain(), b.Kind)
				}
				texts = append(texts, b.Text.Plain())
			}
			if strings.Join(texts, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(texts, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestHTMLNoteRecovered: the editor's italic note that a page sets in
// the section of its maps, which Readability drops with the figures
// around it, is put back from the page's content container between the
// blocks it stands between; the subscription box next to it is not.
func TestHTMLNoteRecovered(t *testing.T) {
	a := testdataHTML(t, filepath.Join("text", "gap-note.html"), "https://almanac.example/articles/registered-parties")
	note, authors := -1, -1
	for i, b := range a.Body {
		switch text := b.Text.Plain(); {
		case strings.HasPrefix(text, "Because there are so many of them"):
			note = i
		case text == "Authors":
			authors = i
		case strings.Contains(text, "subscribe to the magazine"):
			t.Errorf("the subscription box is printed: %q", text)
		}
	}
	if note < 0 || authors < 0 || note > authors {
		t.Fatalf("note at %d, Authors heading at %d: want the note before the heading", note, authors)
	}
	if !a.Body[note].Text[0].Italic {
		t.Errorf("the note lost its italics")
	}
}

// TestRecoverNotes: an italic paragraph of other between two blocks that
// follow each other in body is put back between them; a roman paragraph,
// a note holding a link, an italic caption after a figure and a note
// outside two shared blocks are not.
func TestRecoverNotes(t *testing.T) {
	para := func(s string) article.Block {
		return article.Block{Kind: article.KindParagraph, Text: article.Text{{Text: s}}}
	}
	italic := func(s, link string) article.Block {
		return article.Block{Kind: article.KindParagraph, Text: article.Text{{Text: s, Italic: true, Link: link}}}
	}
	const (
		body1 = "The gunmen entered the museum shortly after noon, when a group of visitors was being shown the mosaics."
		body2 = "Officers sealed off the old town within minutes and asked residents to stay indoors until the evening."
		note  = "This article was updated on Thursday with the number of hostages the police gave at its press conference."
	)
	figure := article.Block{Kind: article.KindFigure, Figure: &article.Figure{Src: "https://x.example/a.jpg"}}
	tests := []struct {
		name        string
		body, other []article.Block
		want        []string
	}{
		{"note between", []article.Block{para(body1), figure, para(body2)}, []article.Block{para(body1), italic(note, ""), para(body2)},
			[]string{body1, "", note, body2}},
		{"caption after a figure", []article.Block{para(body1), para(body2)}, []article.Block{para(body1), figure, italic(note, ""), para(body2)},
			[]string{body1, body2}},
		{"roman paragraph", []article.Block{para(body1), para(body2)}, []article.Block{para(body1), para(note), para(body2)},
			[]string{body1, body2}},
		{"note with a link", []article.Block{para(body1), para(body2)}, []article.Block{para(body1), italic(note, "https://x.example/"), para(body2)},
			[]string{body1, body2}},
		{"note after the shared blocks", []article.Block{para(body1), para(body2)}, []article.Block{para(body1), para(body2), italic(note, "")},
			[]string{body1, body2}},
		{"shared blocks apart in body", []article.Block{para(body1), para(note[:40] + " roman"), para(body2)}, []article.Block{para(body1), italic(note, ""), para(body2)},
			[]string{body1, note[:40] + " roman", body2}},
	}
	for _, tt := range tests {
		got := recoverNotes(squashBlocks(tt.body), squashBlocks(tt.other))
		var texts []string
		for _, b := range got {
			texts = append(texts, b.Text.Plain())
		}
		if strings.Join(texts, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s: got %q, want %q", tt.name, texts, tt.want)
		}
	}
}

// TestHolding: holding finds what strings.Contains finds in the plain
// text and the first block whose text holds t, as a scan of each block
// does, where t spans two blocks, starts at a separator, or first occurs
// across blocks and then within one.
func TestHolding(t *testing.T) {
	para := func(s string) article.Block {
		return article.Block{Kind: article.KindParagraph, Text: article.Text{{Text: s}}}
	}
	blocks := squashBlocks([]article.Block{para("one two"), para(""), para("three one"), para("two three one two"), para("four")})
	for _, tt := range []string{"one", "two", "one two", "two three", "one\ntwo", "\n", "four", "e f", "three one two", "five", "o"} {
		want := -1
		for i, text := range blocks.texts {
			if strings.Contains(text, tt) {
				want = i
				break
			}
		}
		got, found := blocks.holding(tt)
		if got != want || found != strings.Contains(blocks.plain, tt) {
			t.Errorf("holding(%q) = %d, %v; want %d, %v", tt, got, found, want, !found)
		}
	}
}

// TestHoldingRandom: holding, which looks only in the blocks that have all
// of t's byte pairs, answers as holdingAcross (one search of the plain
// text) on 20,000 random candidates' texts and pieces of them: a block's
// head, pieces across a separator, pieces of few letters, texts no block
// holds.
func TestHoldingRandom(t *testing.T) {
	words := []string{"a", "an", "the", "one", "two", "three", "é", "\xff", "—", "said", "a.", ",", "x", "\n"}
	rng := rand.New(rand.NewPCG(34, 7))
	text := func(n int) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[rng.IntN(len(words))])
		}
		return b.String()
	}
	para := func(s string) article.Block {
		return article.Block{Kind: article.KindParagraph, Text: article.Text{{Text: s}}}
	}
	for range 2000 {
		blocks := make([]article.Block, rng.IntN(8))
		for i := range blocks {
			blocks[i] = para(text(rng.IntN(12)))
		}
		s := squashBlocks(blocks)
		for range 10 {
			var tt string
			switch rng.IntN(3) {
			case 0:
				tt = text(1 + rng.IntN(4))
			default:
				if s.plain == "" {
					continue
				}
				from := rng.IntN(len(s.plain))
				tt = s.plain[from:min(len(s.plain), from+1+rng.IntN(20))]
			}
			got, found := s.holding(tt)
			want, wantFound := s.holdingAcross(tt)
			if got != want || found != wantFound {
				t.Fatalf("blocks %q: holding(%q) = %d, %v; one search of the plain text finds %d, %v", s.texts, tt, got, found, want, wantFound)
			}
		}
	}
}
