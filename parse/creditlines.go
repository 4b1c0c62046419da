package parse

import (
	"sync"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/lazyregexp"
)

// This file handles two kinds of line a publishing system sets as a
// paragraph of its own inside an article's container: the blog's filing
// line ("This entry was posted in News. Bookmark the permalink.",
// "Dieser Eintrag wurde veröffentlicht in …", "Erstellt am … und abgelegt
// unter …"), which is dropped, and a credit or source line ("Foto: MDR",
// "Titelbild: …", "(Credit: … / Grist)", "Crédits photos : …",
// "Quelle: dpa", "Źródło: ISBnews"), which is no sentence of the
// article: after a table a source line becomes the table's note, and
// otherwise such a line is dropped (a credit right after its figure is
// already the figure's: attachCaptionParagraphs).

// filingLines match the whole of a blog's filing line (lowercased).
var filingLines = lazyregexp.New(`^(` +
	`this (entry|post) was posted in .*|posted in .{0,80}(tagged|bookmark|leave a comment).*|.{0,40}bookmark the permalink\.?|` +
	`dieser (eintrag|beitrag) wurde .{0,60}veröffentlicht.{0,200}|der beitrag wurde am .{0,80}veröffentlicht.*|(erstellt|veröffentlicht) am .{0,60}(abgelegt|kategorisiert) unter.*|` +
	`(cet article|cette entrée) a été publiée? .{0,200}|esta entrada (fue|se) publicó .{0,200}|questo articolo è stato pubblicato .{0,200}` +
	`)$`)

// filingMarks are parts of words one of which every filingLines match
// holds, as written (capitalised or not).
var filingMarks = []string{"osted", "ermalink", "eröffentlicht", "bgelegt", "ategorisiert", "ublié", "ublicó", "ubblicato"}

// filingMarkFinder finds the filingMarks.
var filingMarkFinder = sync.OnceValue(func() *wordFinder { return newWordFinder(filingMarks) })

// maxShortPhotoCredit is the longest text a credit without a colon
// ("Photograph by …") can be, in bytes: longer lines are read as credit
// or source lines only when they hold a colon.
const maxShortPhotoCredit = 100

// creditLines match the whole of a credit line (lowercased).
var creditLines = lazyregexp.New(`^(` +
	`\(?(photo |image |picture )?credits?:.{1,80}|(photograph|photo|image|picture)s? (by|courtesy of) .{1,60}|(beitrags|titel|vorschau)bild:.{1,80}|` +
	`(foto|fotos|bild|bilder|zdjęcie|zdjęcia|foto\(s\)):.{1,60}|crédits? photos? ?:.{1,60}` +
	`)$`)

// sourceLines match the whole of a source line (lowercased).
var sourceLines = lazyregexp.New(`^(quelle|source|źródło|fuente|fonte):.{1,60}$`)

// maxCreditLine is the longest paragraph read as a filing line (its list
// of categories and tags may be long), maxShortCreditLine the longest
// read as a credit or source line, in bytes.
const (
	maxCreditLine      = 600
	maxShortCreditLine = 300
)

// dropCreditLines drops the filing and credit lines among body's
// paragraphs and the source lines, except that a source line right after
// a table becomes the table's note. An article is never cleared to
// nothing.
func dropCreditLines(body []article.Block) []article.Block {
	out := body[:0]
	for _, b := range body {
		kind := creditLineKind(b)
		switch {
		case kind == "" || len(body) == 1:
			out = append(out, b)
		case kind == "source" && len(out) > 0 && out[len(out)-1].Kind == article.KindTable && out[len(out)-1].Table != nil:
			t := *out[len(out)-1].Table
			t.Notes = append(append([]article.Text(nil), t.Notes...), trimText(b.Text))
			out[len(out)-1].Table = &t
		}
	}
	if len(out) == 0 {
		return body[:1]
	}
	return out
}

// creditLineKind says what line paragraph b is: "filing", "credit",
// "source", or "" for none of them.
func creditLineKind(b article.Block) string {
	if b.Kind != article.KindParagraph {
		return ""
	}
	n, _ := runsLen(b.Text)
	if n > 2*maxCreditLine || n > maxShortPhotoCredit && !runsContain(b.Text, ":") && !runsHold(b.Text, filingMarkFinder()) {
		return "" // spared the text's copy: most paragraphs
	}
	text := toLowerText(squash(b.Text.Plain()))
	switch {
	case text == "" || len(text) > maxCreditLine:
		return ""
	case len(text) > maxShortCreditLine:
		if filingLinesIn.MatchString(text) {
			return "filing"
		}
		return ""
	case sourceLinesIn.MatchString(text):
		return "source"
	case creditLinesIn.MatchString(text):
		return "credit"
	case filingLinesIn.MatchString(text):
		return "filing"
	}
	return ""
}
