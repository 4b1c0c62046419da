package parse

import (
	"strings"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/lazyregexp"
)

// This file drops the date lines publishing systems print at an
// article's start or end inside its container ("24.01.2022 11:38
// Kategorie: News", "Publiziert: 03.04.2020, 12:35", "Aktualizacja:
// 05.05.2021, 05:53 Publikacja: 04.05.2021", "Stand: 05. Februar 2020"):
// the article's date is its metadata, printed in its header, and the line
// is no part of its text.

// dateToken finds a date or a time of day, numeric or with a month's name
// in one of several languages.
var dateToken = lazyregexp.New(`\d{4}-\d{2}-\d{2}(t[\d:.+-]+z?)?|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}:\d{2}(:\d{2})?(\s*(am|pm|h|uhr))?|` +
	`(\d{1,2}\.?\s+)?(jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec|janv|févr|avr|juil|déc|ene|abr|ago|dic|gen|mag|giu|lug|set|ott|fev|out|sty|lut|kwi|cze|lip|sie|wrz|paź|lis|gru)[\p{L}]*\.?\s+(\d{1,2},?\s+)?\d{4}`)

// dateLabels are the words a date line holds besides its dates.
var dateLabels = wordSet(`published|updated|posted|last|modified|first|on|at|date|dated|category|news|
stand|veröffentlicht|veröffentlichung|aktualisiert|zuletzt|publiziert|erstellt|geändert|am|um|uhr|datum|kategorie|
publié|publiée|mis|à|jour|le|modifié|publicado|actualizado|actualización|el|de|del|pubblicato|aggiornato|il|
gepubliceerd|bijgewerkt|op|opublikowano|aktualizacja|publikacja|dnia|data|
monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|
lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo`)

// maxDateLine is the longest paragraph read as a date line, in bytes.
const maxDateLine = 100

// isDateLine reports a paragraph that is only dates and their labels.
func isDateLine(b article.Block) bool {
	if b.Kind != article.KindParagraph {
		return false
	}
	text := strings.ToLower(squash(b.Text.Plain()))
	if text == "" || len(text) > maxDateLine || strings.IndexAny(text, "0123456789") < 0 {
		return false // each of dateToken's branches holds a digit
	}
	rest := dateToken.ReplaceAllString(text, " ")
	if rest == text {
		return false
	}
	for _, w := range strings.FieldsFunc(rest, func(r rune) bool {
		return r == ' ' || r == ':' || r == ',' || r == '|' || r == '/' || r == '-' || r == '–' || r == '·' || r == '•' || r == '(' || r == ')'
	}) {
		if !dateLabels[strings.Trim(w, ".")] && strings.Trim(w, ".") != "" {
			return false
		}
	}
	return true
}

// dateEdge is how many blocks at each end of an article are looked at.
const dateEdge = 3

// dropDateLines drops the date lines among the first and last dateEdge
// blocks of body; an article is never cleared to nothing.
func dropDateLines(body []article.Block) []article.Block {
	out := body[:0]
	n := len(body)
	for i, b := range body {
		if (i < dateEdge || i >= n-dateEdge) && n > 1 && (isDateLine(b) || isStampLine(b)) {
			continue
		}
		out = append(out, b)
	}
	return out
}

// clockTime finds a time of day, and calendarDate a date, within a line.
var (
	clockTime    = lazyregexp.New(`(^|[^\d:])\d{1,2}:\d{2}($|[^\d:])`)
	calendarDate = lazyregexp.New(`\d{4}-\d{2}-\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\p{L}{3,}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\.?\s+\p{L}{3,}\.?,?\s+\d{4}`)
)

// isStampLine reports a short paragraph that stamps the article with a
// date and a time of day among other words, and is no sentence (it ends
// in no full stop, question or exclamation mark): a byline and date
// ("von Anja Schmoll am 14. Mai 2014, 15:40 Uhr"), an update line after
// a name ("Christoph von EichhornAktualisiert: 11.04.2020, 10:27"), a
// date with the reading time ("28 kwietnia 2021, 06:29 Ten tekst
// przeczytasz w mniej niż minutę"), in any language: the date is the
// article's metadata.
func isStampLine(b article.Block) bool {
	if b.Kind != article.KindParagraph {
		return false
	}
	text := squash(b.Text.Plain())
	if text == "" || len(text) > maxDateLine || strings.HasSuffix(text, ".") || strings.HasSuffix(text, "?") || strings.HasSuffix(text, "!") {
		return false
	}
	return clockTime.MatchString(text) && calendarDate.MatchString(text)
}
