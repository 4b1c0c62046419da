package parse

import (
	"strings"
	"unicode/utf8"

	"github.com/galleyprint/galley/article"
)

// This file drops the lines a page strings together with vertical bars:
// a post's meta line ("Aufrufe: 1120 | Hinzugefügt von: Posh | Tags: …"),
// a picture's credit ("Hector Andrade | Agencia UNO"), a date and a
// section ("2021-10-16 | Botschaft"), a file's size ("PDF | 38 KB"), a
// row of links left as text ("Kommentarfeed | Kommentare geschlossen |
// Trackback-URL", "Impressum | Datenschutz"). An article's sentences are
// not set so: a paragraph or heading made only of a few short pieces
// between bars, none a sentence, is the page's furniture in any language.

// maxPipeLine is the longest line read as pieces between bars, in runes,
// and maxPipePiece the longest piece.
const (
	maxPipeLine  = 160
	maxPipePiece = 60
)

// isPipeLine reports a paragraph or heading made of two or more short
// pieces separated by vertical bars, none of which ends a sentence.
func isPipeLine(b article.Block) bool {
	if n, _ := runsLen(b.Text); n > 2*maxPipeLine || !runsContain(b.Text, "|") {
		return false
	}
	text := shortLineText(b, maxPipeLine)
	if !strings.Contains(text, "|") || utf8.RuneCountInString(text) > maxPipeLine {
		return false
	}
	pieces := 0
	for piece := range strings.SplitSeq(text, "|") {
		piece = strings.TrimSpace(piece)
		if piece == "" {
			continue
		}
		if utf8.RuneCountInString(piece) > maxPipePiece || strings.HasSuffix(piece, ".") && strings.Count(piece, " ") > 2 ||
			strings.HasSuffix(piece, "!") || strings.HasSuffix(piece, "?") {
			return false
		}
		pieces++
	}
	return pieces >= 2
}
