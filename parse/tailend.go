package parse

import (
	"strings"
	"unicode/utf8"

	"github.com/galleyprint/galley/article"
)

// This file drops what dangles at the very end of an extracted article:
// a heading with nothing under it ("Über den Autor", "Relacionados") and
// a line announcing what does not follow ("Mehr Themen:", "Teilen mit:",
// "Die Karte zum Abspeichern:"): the box headings and labels a publishing
// system leaves after the article's last paragraph once what they
// introduce has been removed as furniture. It judges by form, not
// wording, so it holds in every language. (Short labels without a colon,
// "zurück", "Drukuj", are left: a short last line may be the article's.)

// maxDangling is the longest heading or announcing line dropped from an
// article's end, in characters.
const maxDangling = 60

// minArticleText is the least text, in bytes, an article keeps before
// what dangles at its end is dropped: in a short text (a notice, a
// fragment of a page) short lines are the text.
const minArticleText = 400

// maxDanglingRun is the most blocks dropped from an article's end: a
// longer run of headings is an outline the article ends with.
const maxDanglingRun = 2

// dropDanglingEnd drops from the end of body the headings and announcing
// lines that end it, when they are few and what is left is an article's
// worth of text.
func dropDanglingEnd(body []article.Block) []article.Block {
	n := len(body)
	for n > 1 && dangles(body[n-1]) {
		n--
	}
	if n == len(body) || len(body)-n > maxDanglingRun || blocksTextLen(body[:n]) < minArticleText {
		return body
	}
	return body[:n]
}

// dangles reports a block that cannot end an article: a short heading or
// a short line ending in a colon.
func dangles(b article.Block) bool {
	text := squash(b.Text.Plain())
	if text == "" || utf8.RuneCountInString(text) > maxDangling {
		return false
	}
	switch b.Kind {
	case article.KindHeading:
		return true
	case article.KindParagraph:
	default:
		return false
	}
	return strings.HasSuffix(text, ":") || strings.HasSuffix(text, "：")
}
