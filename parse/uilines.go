package parse

import (
	"strings"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/lazyregexp"
)

// This file drops, anywhere in an extracted article, the lines of the
// page's controls that print as text once the controls are gone: share,
// print and rate prompts ("Möchten Sie den Artikel teilen?", "Drukuj",
// "War der Artikel nützlich?"), the comment box's state ("Keine
// Kommentare", "Sie müssen sich einloggen, um …"), toggles ("Lade weitere
// Inhalte …", "Quellen ausblenden", "Inhaltsverzeichnis", "Nach oben"),
// reading times ("4 Min Read", "Lesezeit: 5 Minuten");
// and, between the article's paragraphs, the headings over related
// stories or the author's box that clearTail drops at its end ("Related
// Coverage", "Zum Weiterlesen", "Über den Autor"). The furniture pass
// (boilerplate.go) removes such elements by their names; these are the
// ones whose names did not tell. Each must be the whole of its block.

// uiLines match the whole of a block (lowercased, spaces collapsed) that is
// the text of a page control, in several languages.
var uiLines = lazyregexp.New(`^[\s(\[]*(` +
	// share, print, rate
	`(möchten sie )?(den |diesen )?(artikel|beitrag) teilen\??|artikel gefallen\? vergiss nicht zu teilen!?|share (this|the) (article|story|post|page)|` +
	`partager (cet|l')article|compartir (esta noticia|este art[íi]culo)|` +
	`(rezept|artikel|seite|beitrag) drucken|print (this )?(article|recipe|page)|imprimer (cet article|la recette)|imprimir (receta|art[íi]culo)|stampa (la ricetta|articolo)|drukuj|` +
	`war (der|dieser|dieses|die) (artikel|beitrag|seite|text|information)(en)? (nützlich|hilfreich)|was this (article|page|post|information) (useful|helpful)|` +
	`(noch )?keine bewertungen?( vorhanden)?|no ratings yet|bewerten|rate this|` +
	// comments and logging in
	`(noch )?keine kommentare( vorhanden)?( \(.{0,60}\))?|no comments( yet)?|be the first to comment|sei der erste.{0,30}kommentar.{0,20}|kommentare geschlossen|` +
	`sie müssen (sich )?(angemeldet|eingeloggt) sein.{0,60}|sie müssen sich (anmelden|einloggen).{0,60}|sie sind (aktuell |derzeit )?nicht (eingeloggt|angemeldet)|` +
	`du musst (dich )?(angemeldet|eingeloggt) sein.{0,60}|you must be (logged|signed) in to .{0,40}|` +
	`leave a (reply|comment)|schreibe(n sie)? einen kommentar|hinterlasse(n sie)? einen kommentar|laisser un commentaire|deja un comentario|lascia un commento|` +
	// loading more, toggles, navigation
	`(lade|mehr|weitere) (weitere )?(inhalte|artikel|beiträge) (laden|anzeigen)|lade weitere inhalte|load more( articles| stories| posts)?|show more|mehr anzeigen|weniger anzeigen|` +
	`bilder? anzeigen|quellen (ausblenden|anzeigen|einblenden)|inhaltsverzeichnis( (anzeigen|ausblenden|einblenden))?|table of contents|sommaire|índice|indice|spis treści|` +
	`(als|dieses skript als|dieses dokument als|artikel als) pdf (herunterladen|downloaden)|download (as )?pdf|` +
	`zurück zur (übersicht|listenansicht|startseite)|back to (top|overview)|nach oben|retour en haut|volver arriba|torna su|` +
	// reading time
	`\d+ ?min(\.|utes?|uten)? (read|lesezeit|lesedauer|de lecture|de lectura|di lettura)|(lesezeit|lesedauer|reading time|temps de lecture|tiempo de lectura|tempo di lettura):? ?\d+ ?min(\.|utes?|uten)?|weiterlesen \d+ minuten?` +
	`)[\s.!?…)\]]*$`)

// maxUILine is the longest block read as a control's line, in bytes.
const maxUILine = 100

// maxMidTailWords is the most words of a related-stories or author-box
// heading dropped between paragraphs when it ends in neither a colon nor
// an ellipsis: a longer line ("Noch mehr Arbeit und Weltklassestadien")
// is the article's own subheading.
const maxMidTailWords = 4

// dropUILines drops the paragraphs and headings of body that are a
// control's line (isUILine); a box's label or a byline line
// (isLabelOnly), a label heading only when what follows it is short; and
// a related-stories or author-box heading with nothing after it (and no
// full stop: a last "Read more." is a sentence, and may be the
// article's) or followed by what is not the article's text (a short
// block: a teaser, a list, a box's lines). A heading followed by a long
// paragraph heads the article's own text and stays. An article is never
// cleared to nothing.
func dropUILines(body []article.Block) []article.Block {
	out := body[:0]
	for i, b := range body {
		last := i == len(body)-1
		shortNext := func() bool { return !last && onlyShortBlocks(body[i+1:i+2]) }
		drop := isUILine(b) || isPipeLine(b) || isDisclosure(b) ||
			isLabelOnly(b) && (b.Kind == article.KindParagraph || last || shortNext()) ||
			isMidTailHeading(b) && (last && !endsSentence(b) || shortNext())
		if drop && len(body) > 1 {
			continue
		}
		out = append(out, b)
	}
	if len(out) == 0 {
		return body[:1]
	}
	return out
}

// isUILine reports a paragraph or heading that uiLines matches whole.
func isUILine(b article.Block) bool {
	text := toLowerText(shortLineText(b, maxUILine))
	return text != "" && len(text) <= maxUILine && uiLinesIn.MatchString(text)
}

// shortLineText is the collapsed text of paragraph or heading b, or ""
// for another block or one whose runs hold more than twice max bytes
// (spared the text's copy: most paragraphs).
func shortLineText(b article.Block, max int) string {
	if b.Kind != article.KindParagraph && b.Kind != article.KindHeading {
		return ""
	}
	if n, _ := runsLen(b.Text); n > 2*max {
		return ""
	}
	return squash(b.Text.Plain())
}

// isMidTailHeading reports a block isTailHeading reads as a heading over
// related stories or the author's box that is short, or announces what
// follows with a colon or an ellipsis.
func isMidTailHeading(b article.Block) bool {
	if !isTailHeading(b) {
		return false
	}
	text := squash(b.Text.Plain())
	return len(strings.Fields(text)) <= maxMidTailWords || strings.HasSuffix(text, ":") || strings.HasSuffix(text, "…") ||
		strings.HasSuffix(text, "...")
}

// endsSentence reports whether b's text ends in a full stop.
func endsSentence(b article.Block) bool {
	return strings.HasSuffix(strings.TrimSpace(b.Text.Plain()), ".")
}
