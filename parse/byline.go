package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galleyprint/galley/internal/lazyregexp"
)

// This file turns the bylines pages write into lists of people: "By
// Nathan Willis March 25, 2015" is Nathan Willis, "By Brenda Goodman, MA
// WebMD Health News" is Brenda Goodman, MA. A byline is cut where a date,
// a time, an "Updated" or a count begins; it is split into names only at
// separators between names; a credential stays with its person.

// bylineLead matches the words that introduce a byline, in several
// languages: "By", "Written by", "Par", "Von", "Por", "Autor:".
var bylineLead = lazyregexp.New(`^\s*(?:(?i:(?:written|words|story|text|reported|posted)\s+by|by|autor(?:es|in)?\s*:|auteur\s*:|autore\s*:|authors?\s*:|text\s*:)|[Pp]ar|[Pp]or|von|Von)(?:\s+|\s*:\s*|$)`)

// isForeignLead reports whether lead is "Par", "Por" or "Von", which may
// also begin a name.
func isForeignLead(lead string) bool {
	switch strings.ToLower(strings.TrimSpace(strings.TrimRight(strings.TrimSpace(lead), ":"))) {
	case "par", "por", "von":
		return true
	}
	return false
}

// bylineRoles split a byline at the roles of its people: "Written by X
// Edited by Y" is X and Y.
var bylineRoles = lazyregexp.New(`(?i)\s*\b(?:written|edited|reported|compiled|photographed|illustrated|translated|reviewed|produced|fact[- ]checked|photos?|illustrations?|additional reporting)\s+by\b\s*`)

// bylineSeparators split a byline into names.
var bylineSeparators = lazyregexp.New(`\s*(?:,\s*(?:and|und|et|y|e|&)\s|,|;|&|\||·|•|、|，|\s(?:and|und|et|y|e|en|og|och|i|és)\s)\s*`)

// credentials are the letters after a name that are no name: "MA", "MD",
// "PhD"; they stay with the name before them.
var credentials = wordSet(`ma|md|phd|ph d|mph|rn|do|ms|msc|bsc|ba|bs|dds|dmd|jd|mba|cpa|jr|sr|ii|iii|iv|esq|facp|pharmd|dvm|lcsw|rd|ld|cdn|np|pa c|mfa|faan|lpn|crnp|mhs|mpa|mft|psyd|edd|llm|frcp|frcs|mbbs|mrcp|dr med|prof|dipl ing`)

// dateWords begin the date, time or update note a byline runs into.
var dateWords = wordSet(`updated|update|published|posted|modified|last updated|aktualisiert|veröffentlicht|publié|publiée|mis à jour|
actualizado|publicado|pubblicato|aggiornato|gepubliceerd|bijgewerkt|am|pm|a m|p m|ago|hours|hour|minutes|minute|mins|min|
yesterday|today|heute|gestern|hier|aujourdhui|ayer|hoy|ieri|oggi|
monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|
montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|
lunes|martes|miércoles|jueves|viernes|sábado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica`)

// months are month names and abbreviations in several languages; one is a
// date word only next to a number ("April 28", "28. April"): "April
// Glaser" is a name.
var months = wordSet(`january|february|march|april|may|june|july|august|september|october|november|december|
jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember|
janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|
enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|
gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|januari|februari|maart|mei|augustus`)

// nameParticles may begin a name's later words in lower case: "Michiel de Jong".
var nameParticles = wordSet(`de|da|di|del|della|der|den|des|du|la|le|van|von|ten|ter|bin|ibn|al|el|y|e|dos|das|zu`)

// bylineTrailers are the words a byline cut before its date ends with:
// "By Jane Doe on", "Jane Doe, le".
var bylineTrailers = wordSet(`on|at|le|el|il|am|um|de|of|the|published|updated|posted|and`)

// cleanAuthors returns the people of a source's bylines (a list of
// names, or one byline to split), or nil if they hold anything but
// names: a source with one wrong part is not used at all.
func cleanAuthors(bylines []string, siteName string) []string {
	var out []string
	for _, b := range bylines {
		if strings.TrimSpace(b) == "" {
			continue
		}
		names := bylineNames(b)
		if names == nil {
			return nil
		}
		for _, n := range names {
			if len(out) < maxAuthors {
				out = appendNew(out, n)
			}
		}
	}
	return out
}

// splitByline turns "By Jane Doe and John Roe" into two authors; a byline
// that does not read as names stays whole, cleaned of any date.
func splitByline(s string) []string {
	if names := bylineNames(s); names != nil {
		return names
	}
	s = squash(bylineLead.ReplaceAllString(squash(s), ""))
	if s == "" {
		return nil
	}
	return []string{s}
}

// bylineNames reads the names of a byline, or nil when it holds none or
// something other than names.
func bylineNames(s string) []string {
	s = squash(s)
	if s == "" || len(s) > 400 {
		return nil
	}
	for {
		t := bylineLead.ReplaceAllString(s, "")
		if t == s || isForeignLead(s[:len(s)-len(t)]) && len(strings.Fields(t)) < 2 {
			break // "Von Miller" is a name, "Von Anna Schmidt" a byline
		}
		s = t
	}
	s = cutAtDate(s)
	if s == "" {
		return nil
	}
	var parts []string
	for _, p := range bylineRoles.Split(s, -1) {
		parts = append(parts, splitNameList(p)...)
	}
	var names []string
	for _, p := range parts {
		p = strings.Trim(p, " -–—:[]")
		if strings.Count(p, "(") != strings.Count(p, ")") {
			p = strings.Trim(p, " ()")
		}
		if p == "" || isRoleOnly(p) {
			continue
		}
		if first, rest, _ := strings.Cut(p, " "); credentials[furnitureKey(first)] && len(names) > 0 {
			names[len(names)-1] += ", " + strings.TrimRight(first, ",")
			if p = strings.TrimSpace(rest); p == "" {
				continue
			}
		}
		if allCredentials(p) {
			if len(names) > 0 {
				names[len(names)-1] += ", " + p
			}
			continue
		}
		names = append(names, p)
	}
	if len(names) > 1 {
		// a desk ("WebMD Health News") beside a person is no author
		people := names[:0:0]
		for _, n := range names {
			if !isDesk(n) {
				people = append(people, n)
			}
		}
		names = people
	}
	for _, n := range names {
		if !isPersonName(n) {
			if whole := strings.Trim(s, " -–—:"); len(names) > 1 && isOrganisationName(whole) {
				return []string{whole} // "Mac & i": one name with a separator in it
			}
			return nil
		}
	}
	if len(names) == 0 {
		return nil
	}
	return names
}

// splitNameList splits a list of names at its separators; "Jong, Michiel
// de" (surname first) stays one name.
func splitNameList(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if last, first, ok := strings.Cut(s, ", "); ok && !strings.ContainsAny(first, ",;&|") &&
		!strings.Contains(first, " and ") && len(strings.Fields(last)) == 1 && !credentials[furnitureKey(first)] &&
		!credentials[furnitureKey(strings.Fields(first)[0])] && len(strings.Fields(first)) <= 3 && (isLowerParticleEnd(first) || isInitials(first)) {
		return []string{s}
	}
	return bylineSeparators.Split(s, -1)
}

// isLowerParticleEnd reports whether the given names of a "Surname,
// Given names" byline end with a particle ("Michiel de"), which marks
// the surname-first order.
func isLowerParticleEnd(given string) bool {
	f := strings.Fields(given)
	return len(f) > 1 && nameParticles[f[len(f)-1]]
}

// isInitials reports whether s is initials: "F.", "J. R.", "J.-P.".
func isInitials(s string) bool {
	for _, w := range strings.Fields(s) {
		if !strings.HasSuffix(w, ".") || utf8.RuneCountInString(w) > 5 {
			return false
		}
	}
	return s != ""
}

// cutAtDate returns the byline s up to where a date, a time, an update
// note or a count begins: a word with a digit, a weekday, "Updated", a
// month next to a number. Digits glued to a name ("Nolan22") are cut off.
func cutAtDate(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		key := furnitureKey(w)
		if j := strings.IndexFunc(w, unicode.IsDigit); j >= 0 {
			if j > 0 && i+1 == len(words) {
				return "" // a handle ("CC7567"), not a name
			}
			// "Nolan22 Dec 2016": a name with the date glued on
			words[i] = strings.TrimRight(w[:j], ",;:-–—|•·(")
			return trimTrailers(words[:i+1])
		}
		next := ""
		if i+1 < len(words) {
			next = furnitureKey(words[i+1])
		}
		if dateWords[key] || key == "last" && (strings.HasPrefix(next, "updated") || strings.HasPrefix(next, "modified")) {
			return trimTrailers(words[:i])
		}
		if months[key] && (i+1 < len(words) && strings.ContainsFunc(words[i+1], unicode.IsDigit) ||
			i > 0 && strings.ContainsFunc(words[i-1], unicode.IsDigit)) {
			return trimTrailers(words[:i])
		}
	}
	return strings.Join(words, " ")
}

// trimTrailers joins words, dropping connectors and punctuation left at
// the end where a date was cut off.
func trimTrailers(words []string) string {
	for len(words) > 0 {
		w := words[len(words)-1]
		if k := furnitureKey(w); k == "" || bylineTrailers[k] {
			words = words[:len(words)-1]
			continue
		}
		break
	}
	return strings.Trim(strings.Join(words, " "), " ,;:-–—|•·(")
}

// roleWords hold the words of a job title as bylines print it: "Staff
// Writer", "Our Foreign Staff", "Senior Games Editor".
var bylineRoleWords = wordSet(`staff|writer|writers|reporter|reporters|correspondent|correspondents|editor|editors|
contributor|contributors|columnist|our|senior|chief|foreign|political|special|contributing|associate|deputy|
managing|executive|science|technology|tech|games|sports|business|national|international|at|large|the|a|an|
photographer|producer|critic|analyst|intern|guest|author|team|news|desk|and|of|for`)

// isRoleOnly reports whether s is a job title and no name.
func isRoleOnly(s string) bool {
	if !isRole(s) {
		return false
	}
	for _, w := range strings.Fields(furnitureKey(s)) {
		if !bylineRoleWords[w] {
			return false
		}
	}
	return true
}

func allCredentials(s string) bool {
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
	for _, w := range words {
		if !credentials[furnitureKey(w)] {
			return false
		}
	}
	return len(words) > 0
}

// isDesk reports whether s names a newsroom desk or service rather than
// a person: "WebMD Health News", "Associated Press", "Staff".
func isDesk(s string) bool {
	k := " " + furnitureKey(s) + " "
	for _, w := range []string{" news ", " press ", " staff ", " wire ", " agency ", " desk ", " newsroom "} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// isPersonName reports whether s can be a name as a byline writes it:
// one to seven words, no digits, no date words, its words capitalised
// but for particles ("Michiel de Jong"), written without capitals (CJK),
// or an e-mail-like handle in parentheses.
func isPersonName(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 7 || utf8.RuneCountInString(s) > 80 {
		return false
	}
	if strings.ContainsFunc(s, unicode.IsDigit) && !strings.Contains(s, "(") || strings.ContainsAny(s, "!?:@") {
		return false
	}
	lower := 0
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if dateWords[furnitureKey(w)] {
			return false
		}
		if unicode.IsLower(r) {
			if i == 0 {
				return false
			}
			lower++
		}
	}
	// an organisation's lower-case words ("Contributors to Wikimedia
	// projects") are at most half its words
	return lower*2 <= len(words)
}

// isOrganisationName reports whether s can be one name with a separator
// in it ("Mac & i", "Smith & Wesson"): a few words, no digits, no date words.
func isOrganisationName(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 5 || strings.ContainsFunc(s, unicode.IsDigit) {
		return false
	}
	for _, w := range words {
		if dateWords[furnitureKey(w)] {
			return false
		}
	}
	return true
}
