package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/lazyregexp"
)

// This file drops two kinds of short line a page sets inside the
// article's container: the label of a box of contact details or further
// links ("Kontakt:", "Weitere Informationen", "Pressekontakt:", "Release
// Date:"), whose content the furniture pass removed or which heads the
// site's box, and a byline set as a paragraph ("von Tilman Weber", "By
// Jane Doe"), which the article's header prints from the byline.

// boxLabels match the whole of a box's label (lowercased).
var boxLabels = lazyregexp.New(`^(kontakt|contact|contacto|contatto|pressekontakt|press contact|medienkontakt|kontakt für medien|` +
	`weitere informationen|zusatzinformationen|mehr informationen|further information|more information|informations complémentaires|plus d'informations|más información|` +
	`originalartikel|original article|release date|ansprechpartner(in)?( zum thema)?)\s*:?$`)

// bylineMarks are the words a byline set as a paragraph opens with.
var bylineMarks = wordSet(`von|by|par|por|di|door|text|texte|autor|autorin|author|interview|redaktion`)

// maxLabelLine is the longest block read as a label or byline line, in
// bytes.
const maxLabelLine = 60

// isLabelOnly reports a paragraph that is a box's label or a byline, or
// a heading that is a box's label.
func isLabelOnly(b article.Block) bool {
	text := shortLineText(b, maxLabelLine)
	if text == "" || len(text) > maxLabelLine {
		return false
	}
	if boxLabels.MatchString(strings.ToLower(text)) {
		return true
	}
	return b.Kind == article.KindParagraph && isBylineLine(text)
}

// isBylineLine reports a line of a byline mark and two to four
// capitalised words ("von Tilman Weber", "By: Jane Doe", "von Michael
// Rädel, Redaktion").
func isBylineLine(text string) bool {
	words := strings.Fields(strings.ReplaceAll(text, ",", " "))
	if len(words) < 3 || len(words) > 6 || !bylineMarks[strings.ToLower(strings.TrimSuffix(words[0], ":"))] {
		return false
	}
	for _, w := range words[1:] {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}
