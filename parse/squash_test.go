package parse

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
)

// squashFields is squash as it was first written.
func squashFields(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestSquash: squash gives strings.Join(strings.Fields(s), " ") for every
// kind of white space, at the ends and inside, and for invalid UTF-8.
func TestSquash(t *testing.T) {
	for _, s := range []string{
		"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "\r\n a \f\v b \t",
		"a\u00a0b", "\u0085a\u2003 b\u3000", "ÀLIRE  aussi", "a\xffb \xff", "\xff\xfe", "x\u00a0", "ü ü",
	} {
		if got, want := squash(s), squashFields(s); got != want {
			t.Errorf("squash(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestSquashRandom: squash gives strings.Join(strings.Fields(s), " ") and
// isSquashed says whether that is s itself, on random strings of words,
// white space of every kind (ASCII and beyond), control characters and
// invalid UTF-8, long enough to be read eight bytes at a time.
func TestSquashRandom(t *testing.T) {
	pieces := []string{"a", "bc", "DEF", ",", " ", "  ", "\t", "\n", "\v", "\f", "\r", "\u00a0", "\u0085", "\u2003",
		"\u3000", "é", "ü", "\xff", "\xc2", "\x85", "\xe2\x80", "\x00", "\x08", "\x0e", "\x1f", "!", "~", "\x7f", "wordy"}
	rng := rand.New(rand.NewPCG(34, 2))
	for range 30000 {
		s := randomText(rng, pieces, 30)
		want := squashFields(s)
		if got := squash(s); got != want {
			t.Errorf("squash(%q) = %q, want %q", s, got, want)
		}
		if got := isSquashed(s); got != (want == s) {
			t.Errorf("isSquashed(%q) = %v, want %v", s, got, want == s)
		}
	}
}

// TestSquashBlocks: squashBlock, plainLen, blocksPlain and squashBlocks give what
// squash, blockText and Plain give, for blocks built to test their edges
// (breaks, empty runs, nested lists, figures with and without captions)
// and for every block of the web corpus's articles.
func TestSquashBlocks(t *testing.T) {
	p := func(s ...string) article.Block {
		var text article.Text
		for _, r := range s {
			if r == "\n" {
				text = append(text, article.Inline{Break: true, Text: "ignored"})
			} else {
				text = append(text, article.Inline{Text: r})
			}
		}
		return article.Block{Kind: article.KindParagraph, Text: text}
	}
	blocks := []article.Block{
		p(), p(""), p(" a ", "b", "\n", " c"), p("a", "\n", "\n", "b "),
		{Kind: article.KindCode, Code: "  x :=\n\t1 "},
		{Kind: article.KindFigure},
		{Kind: article.KindFigure, Figure: &article.Figure{Src: "x.png"}},
		{Kind: article.KindFigure, Figure: &article.Figure{Caption: article.Text{{Text: " cap "}, {Text: "tion"}}}},
		{Kind: article.KindQuote, Blocks: []article.Block{p(), p("one"), p(""), p("two", "\n")}},
		{Kind: article.KindList, Items: []article.ListItem{{Blocks: []article.Block{p("a")}}, {}, {Blocks: []article.Block{p(), p("b"),
			{Kind: article.KindList, Items: []article.ListItem{{Blocks: []article.Block{p("c")}}}}}}}},
	}
	corpus := webSources(t)
	for _, data := range corpus {
		as, err := Parse(data, Options{Format: "html"})
		if err != nil {
			t.Fatal(err)
		}
		var add func([]article.Block)
		add = func(bs []article.Block) {
			for _, b := range bs {
				blocks = append(blocks, b)
				add(b.Blocks)
				for _, it := range b.Items {
					add(it.Blocks)
				}
			}
		}
		add(as[0].Body)
	}
	for i, b := range blocks {
		plain := blockText(b).Plain()
		if got, want := squashBlock(b), squashFields(plain); got != want {
			t.Fatalf("block %d: squashBlock %q, want %q", i, got, want)
		}
		if got, want := plainLen(b), len(plain); got != want {
			t.Fatalf("block %d: plainLen %d, want %d", i, got, want)
		}
	}
	var want strings.Builder
	for _, b := range blocks {
		want.WriteString(squashFields(blockText(b).Plain()))
		want.WriteByte('\n')
	}
	if got := blocksPlain(blocks); got != want.String() {
		t.Errorf("blocksPlain differs from the squashed texts of its blocks")
	}
	squashed := squashBlocks(blocks)
	if squashed.plain != want.String() {
		t.Errorf("squashBlocks' text differs from the squashed texts of its blocks")
	}
	for i, b := range blocks {
		if got, want := squashed.texts[i], squashBlock(b); got != want {
			t.Fatalf("block %d: squashBlocks %q, want %q", i, got, want)
		}
	}
	if len(corpus) > 0 && len(blocks) < 1000 {
		t.Errorf("only %d blocks compared", len(blocks))
	}
}

// TestSharedHead: sharedHead is the first sharedPrefix runes of a text,
// as the conversion to runes counts them (an invalid byte is U+FFFD).
func TestSharedHead(t *testing.T) {
	for _, s := range []string{"", "short", strings.Repeat("a", 59), strings.Repeat("a", 60), strings.Repeat("a", 61),
		strings.Repeat("ü", 61), strings.Repeat("ü", 30), strings.Repeat("a", 59) + "üb", strings.Repeat("\xff", 70), "a\xff" + strings.Repeat("b", 70)} {
		want := s
		if r := []rune(s); len(r) > sharedPrefix {
			want = string(r[:sharedPrefix])
		}
		if got := sharedHead(s); got != want {
			t.Errorf("sharedHead(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestIsBlank: isBlank(t) is strings.TrimSpace(t.Plain()) == "".
func TestIsBlank(t *testing.T) {
	for _, tt := range []article.Text{
		nil, {}, {{Text: ""}}, {{Text: " \t\n"}}, {{Break: true}}, {{Text: " "}, {Break: true}, {Text: "\u00a0\u3000"}},
		{{Text: "a"}}, {{Text: " "}, {Text: " b "}}, {{Break: true}, {Text: "\u00e9"}}, {{Text: "\xff"}},
	} {
		if got, want := isBlank(tt), strings.TrimSpace(tt.Plain()) == ""; got != want {
			t.Errorf("isBlank(%#v) = %v, want %v", tt, got, want)
		}
	}
}
