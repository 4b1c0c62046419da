package parse

import (
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
