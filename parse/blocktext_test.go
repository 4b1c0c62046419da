package parse

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/testcorpus"
)

// textByRunes is blockBuilder.text as it was first written, rune by rune.
func (b *blockBuilder) textByRunes(s string, st inlineStyle) {
	var out strings.Builder
	for _, r := range s {
		if isHTMLSpace(r) {
			b.space = true
			continue
		}
		if b.space && out.Len() > 0 {
			out.WriteByte(' ')
		} else if b.space && len(b.runs) > 0 {
			last := &b.runs[len(b.runs)-1]
			switch {
			case last.Break:
			case last.Math != nil:
				out.WriteByte(' ')
			case (last.Code || last.Link != "") && !st.code && st.link == "":
				out.WriteByte(' ')
			default:
				b.tail.WriteByte(' ')
			}
		}
		b.space = false
		out.WriteRune(r)
	}
	if out.Len() == 0 {
		return
	}
	b.addRun(article.Inline{Text: out.String(), Bold: st.bold, Italic: st.italic, Code: st.code,
		Sup: st.sup, Sub: st.sub, Strike: st.strike, Link: st.link})
}

// TestBlockBuilderText: blockBuilder.text builds the runs the rune by rune
// version builds, for texts built to test its edges (spaces of each kind,
// at the ends, invalid UTF-8, a space between runs of other styles) fed
// one after the other in changing styles, and for the text nodes of the
// web corpus's pages.
func TestBlockBuilderText(t *testing.T) {
	texts := []string{"", " ", "a", " a ", "a  b", "\t\n\r\fx\f", "ü\u00a0ü", "a\xffb", "\xff", " \xfe\xff c\xc3", "é\u2003é", "x\vy"}
	texts = append(texts, testcorpus.WebTexts(t)...)
	styles := []inlineStyle{{}, {code: true}, {link: "https://example.com/"}, {bold: true}, {}}
	var got, want blockBuilder
	for i, s := range texts {
		st := styles[i%len(styles)]
		got.text(s, st)
		want.textByRunes(s, st)
		if i%7 == 6 {
			got.lineBreak()
			want.lineBreak()
		}
		if i%50 == 49 {
			got.settle()
			want.settle()
			if !reflect.DeepEqual(got.runs, want.runs) || got.space != want.space {
				t.Fatalf("after text %d (%q): runs differ", i, s)
			}
			got, want = blockBuilder{}, blockBuilder{}
		}
	}
	got.settle()
	want.settle()
	if !reflect.DeepEqual(got.runs, want.runs) {
		t.Fatalf("the last runs differ")
	}
}

// TestBlockBuilderTextRandom: blockBuilder.text builds the runs and leaves
// the pending space the rune by rune version does, for random texts (HTML
// spaces and others, runes beyond ASCII, bytes that are not UTF-8) added
// in random styles after runs of every kind (a break, a formula, code, a
// link, plain text), with and without a space pending.
func TestBlockBuilderTextRandom(t *testing.T) {
	pieces := []string{"a", "word", "Zz", " ", "  ", "\t", "\n", "\r", "\f", "\v", "é", "\u00a0", "\u2003", "\ufffd",
		"\xff", "\xc3", "\xe2\x80", ".", "x y"}
	lasts := []article.Inline{{Break: true}, {Text: "f", Math: &article.Math{}}, {Text: "c", Code: true},
		{Text: "l", Link: "https://example.com/"}, {Text: "plain"}}
	styles := []inlineStyle{{}, {code: true}, {link: "https://example.com/"}, {bold: true}}
	rng := rand.New(rand.NewPCG(34, 4))
	for range 30000 {
		s := randomText(rng, pieces, 30)
		st := styles[rng.IntN(len(styles))]
		var before []article.Inline
		if k := rng.IntN(len(lasts) + 1); k < len(lasts) {
			before = []article.Inline{lasts[k]}
		}
		space := rng.IntN(2) == 0
		got := blockBuilder{runs: append(article.Text(nil), before...), space: space}
		want := blockBuilder{runs: append(article.Text(nil), before...), space: space}
		got.text(s, st)
		want.textByRunes(s, st)
		got.settle()
		want.settle()
		if !reflect.DeepEqual(got.runs, want.runs) || got.space != want.space {
			t.Fatalf("text(%q) after %+v (space %v) in %+v: runs %+v, space %v; want %+v, %v",
				s, before, space, st, got.runs, got.space, want.runs, want.space)
		}
	}
}
