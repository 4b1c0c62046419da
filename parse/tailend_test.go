package parse

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleyprint/galley/article"
)

// TestHTMLDanglingEnd: the heading and the announcing lines left after an article's last paragraph (testdata/tail/dangling.html)
// do not print; the article's paragraphs do.
func TestHTMLDanglingEnd(t *testing.T) {
	a := testdataHTML(t, filepath.Join("tail", "dangling.html"), "https://ledger.example/insel/faehre.html")
	if len(a.Body) != 3 {
		t.Fatalf("body has %d blocks, want the 3 paragraphs", len(a.Body))
	}
	if last := a.Body[2].Text.Plain(); !strings.HasPrefix(last, "Die Gemeinde hatte") {
		t.Errorf("last block is %q", last)
	}
}

// TestDangles: what dangles at an article's end, and what may end one.
func TestDangles(t *testing.T) {
	para := func(s string) article.Block {
		return article.Block{Kind: article.KindParagraph, Text: article.Text{{Text: s}}}
	}
	heading := func(s string) article.Block {
		return article.Block{Kind: article.KindHeading, Level: 3, Text: article.Text{{Text: s}}}
	}
	tests := []struct {
		b    article.Block
		want bool
	}{
		{heading("Über den Autor"), true},
		{heading("Relacionados"), true},
		{para("Mehr Themen:"), true},
		{para("Teilen Sie dies mit:"), true},
		{para("MÁS INFORMACIÓN:"), true},
		{para("Lue seuraavaksi:"), true},
		{para("zurück"), false}, // may be the article's last line
		{para("Post Views: 1.432"), false},
		{para("Das Konzeptpapier finden Sie hier: www.fdp.example/papier"), false},
		{para("Ende."), false},
		{para("(dpa)"), false},
		{para("– „Ok.“"), false},
		{para("+81 158-23-2012"), false},
		{para("正是有了英勇的你们，才有这座英雄的城！（评论员 罗博 萧海川）"), false},
		{para("The mayor thanked the engineers and said the work would begin in spring"), false},
		{heading("Relotius legt auf Facebook ein Fake-Profil an. Es stützt seine Version."), false},
		{article.Block{Kind: article.KindList, Items: []article.ListItem{{Blocks: []article.Block{para("zurück")}}}}, false},
	}
	for _, tt := range tests {
		if got := dangles(tt.b); got != tt.want {
			t.Errorf("dangles(%s %q) = %v, want %v", tt.b.Kind, tt.b.Text.Plain(), got, tt.want)
		}
	}
	body := []article.Block{heading("Weitere Informationen")}
	if got := dropDanglingEnd(body); len(got) != 1 {
		t.Errorf("an article of one dangling block was cleared to %d blocks", len(got))
	}
}
