package parse

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/lazyregexp"
)

// This file clears the end of an extracted article of what publishing
// systems append inside the article's own container, where the furniture
// pass (boilerplate.go), which judges elements by their names and short
// blocks by their whole wording, lets it through: a heading over related
// stories or the author's box and what follows it, prompts to subscribe,
// follow, download the app or donate, and copyright and rights notices.
// It reads the converted blocks, so it sees the article as it prints,
// and judges by wording in several languages.

// tailHeadings match the whole of a heading (or of a short line standing
// for one) that introduces, at an article's end, what is not the article:
// related or recommended stories, further reading, the author's box.
var tailHeadings = lazyregexp.New(`^(` +
	// en
	`related (coverage|reading|stories|articles|posts|content|news)|read (more|next|also)|more (stories|news|articles|posts) .{0,30}|more (stories|news|articles|posts)|further reading|keep reading|more like this|` +
	`about the authors?|(recommended|suggested) (for you|reading|articles|posts|stories)|you (may|might) also (like|enjoy)|similar (dishes|recipes|articles|posts|stories).{0,30}|.{0,30}similar (dishes|recipes) .{0,30}|` +
	// de
	`mehr themen|mehr zum thema( .{0,30})?|noch mehr .{0,30}|empfohlene (beiträge|artikel|inhalte)|(das )?(thema )?könnte (sie|dich|euch) (auch )?interessieren|das thema könnte (sie|dich|euch) (auch )?interessieren|` +
	`auch lesen|zum weiterlesen|lesen sie (auch|hier|weiter).{0,40}|weiterführender? (links?|informationen|artikel)|entdecke weitere .{0,30}|heute empfehlen wir|` +
	`über (den autor|die autorin|die autoren|den verfasser)|autor(en|in)?|weitere .{0,30}(tipps|beiträge|artikel|themen|geschichten|rezepte|nachrichten)( .{0,30})?|` +
	// fr
	`à propos de l'auteure?|sur le même (sujet|thème)|(audios|vidéos|audios et vidéos) sur le (même )?sujet|à lire (aussi|également)|pour aller plus loin|` +
	// es
	`sobre (el|la) autora?|lee (también|más)|te recomendamos|más noticias|notas relacionadas|` +
	// it, pt, nl, pl
	`sull'autore|leggi anche|sobre o autor|leia (mais|também)|over de auteur|lees (meer|ook)|czytaj (też|także)|zobacz (też|także)|polecamy` +
	`)\s*[:.!?…»›]*$`)

// maxTailHeading is the longest line read as such a heading, in bytes.
const maxTailHeading = 80

// tailPrompts find, in a short block near an article's end, a prompt to
// the reader that is no part of the article: subscribe, sign up, follow
// the site, download its app, support or join it, donate.
var tailPrompts = lazyregexp.New(`(` +
	// en
	`subscribe now|subscribers? (also )?(receive|get)|already a subscriber|sign up (here|now|for)|download (the|our) .{0,40}apps?\b|get the latest news .{0,40}(app|phone)|` +
	`follow (the |us )?.{0,40} on (twitter|facebook|instagram)|(consider )?support(ing)? (our|us|independent) (work|journalism)?|we need your help|become a (member|subscriber)|join our (community|newsletter)|` +
	`advertising disclosure|we may receive (compensation|a commission)|affiliate links?|` +
	// de
	`unterstütze (uns|unsere|.{0,30} (bereits|schon|jetzt))|unterstützen sie (uns|unsere)|werden sie mitglied|jetzt (abonnieren|spenden|unterstützen|mitglied werden)|` +
	`bezahlschranke|paywall|folgt uns|folge uns|gefällt (dir|ihnen|euch) unser|kennt ihr schon unser|lade dir (die|unsere) app|` +
	// es
	`hazte (miembro|socio)|únete (a nuestra|desde)|apoya el periodismo|apóyanos|descarga (la|nuestra) app|canal de (telegram|youtube|whatsapp)|suscribirse aquí|` +
	// fr, pt, it, nl, pl
	`soutenez(-nous)?|faites un don|pour lire la suite|créez votre compte|rejoignez-nous|apoie o|nos siga no|sostienici|steun ons|word lid|zapraszamy (też )?do subskrypcji|wesprzyj nas` +
	`)`)

// maxTailPrompt is the longest block read as a prompt, in characters.
const maxTailPrompt = 300

// tailBlocks is how many blocks at an article's end are looked at for
// headings and prompts.
const tailBlocks = 6

// rightsNotice finds a copyright or rights notice, which an article's
// text never is: "© 2020 CBS Interactive Inc. All Rights Reserved.",
// "This article is the copyrighted property of …".
var rightsNotice = lazyregexp.New(`(all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|tutti i diritti riservati|todos os direitos reservados|alle rechten voorbehouden|wszelkie prawa zastrzeżone|copyrighted property|written permission must be obtained|^© ?\d{4}|^copyright (©|\(c\))? ?\d{4}|\bcc[ -]by\b|creative commons)`)

// maxRightsNotice is the longest block read as a rights notice, and
// maxOpeningRightsNotice the longest that opens with a copyright sign and
// a year (which no sentence of an article does).
const (
	maxRightsNotice        = 250
	maxOpeningRightsNotice = 2 * maxRightsNotice
)

// clearTail drops from the end of body what tailHeadings, tailPrompts and
// rightsNotice find; an article is never cleared to nothing.
func clearTail(body []article.Block) []article.Block {
	// a heading over related stories or the author's box ends the
	// article when short blocks, and only they, follow it
	for i := max(1, len(body)-tailBlocks); i < len(body)-1; i++ {
		if isTailHeading(body[i]) && onlyShortBlocks(body[i+1:]) {
			body = body[:i]
			break
		}
	}
	out := body[:0]
	for i, b := range body {
		if b.Kind == article.KindParagraph && (i >= len(body)-tailBlocks && isTailPrompt(b) || isRightsNotice(b)) && i > 0 {
			continue
		}
		out = append(out, b)
	}
	return out
}

// isTailHeading reports a heading, or a paragraph short enough to stand
// for one, that tailHeadings matches.
func isTailHeading(b article.Block) bool {
	if b.Kind != article.KindHeading && b.Kind != article.KindParagraph {
		return false
	}
	text := b.Text.Plain()
	if len(text) > maxTailHeading {
		return false
	}
	return tailHeadingsIn.MatchString(toLowerText(squash(text)))
}

// onlyShortBlocks reports whether blocks hold nothing an article's text
// is made of: no paragraph longer than a teaser, no quote, code or table.
func onlyShortBlocks(blocks []article.Block) bool {
	for _, b := range blocks {
		switch b.Kind {
		case article.KindHeading, article.KindFigure, article.KindList, article.KindRule:
		case article.KindParagraph:
			if utf8.RuneCountInString(b.Text.Plain()) > maxTailPrompt {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// tailPromptWords are words one of which every tailPrompts match holds,
// and rightsWords those of rightsNotice: looking for them first spares
// most blocks the regular expressions.
var (
	tailPromptWords = []string{"subscri", "sign up", "download", "latest news", "follow", "support", "help", "member", "join",
		"advertis", "compensation", "commission", "affiliate", "unterstütz", "mitglied", "abonn", "spend", "bezahlschranke",
		"paywall", "folg", "gefällt", "kennt ihr", "app", "hazte", "únete", "apoya", "apóyanos", "descarga", "canal de",
		"suscr", "soutenez", "don", "lire la suite", "créez", "rejoignez", "apoie", "siga", "sostien", "steun", "word lid",
		"subskryp", "wesprzyj"}
	rightsWords = []string{"right", "rechte", "droits", "derechos", "diritti", "direitos", "rechten", "prawa", "copyright", "©", "permission", "cc-by", "cc by", "creative commons"}
)

// The finders of tailPromptWords and rightsWords: a block's text is read
// once for all the words, not once per word.
var (
	tailPromptFinder = sync.OnceValue(func() *wordFinder { return newWordFinder(tailPromptWords) })
	rightsWordFinder = sync.OnceValue(func() *wordFinder { return newWordFinder(rightsWords) })
)

func isTailPrompt(b article.Block) bool {
	text := b.Text.Plain()
	if utf8.RuneCountInString(text) > maxTailPrompt {
		return false
	}
	text = toLowerText(squash(text))
	return tailPromptFinder().index(text, 0) >= 0 && tailPromptsIn.MatchString(text)
}

func isRightsNotice(b article.Block) bool {
	if n, _ := runsLen(b.Text); n > 4*maxOpeningRightsNotice {
		return false
	}
	text := b.Text.Plain()
	if n := utf8.RuneCountInString(text); n > maxOpeningRightsNotice || n > maxRightsNotice && !openingRights.MatchString(strings.ToLower(strings.TrimSpace(text[:min(len(text), 40)]))) {
		return false
	}
	text = squash(text)
	if !mayHoldRightsWord(text) {
		return false // spared the lower-cased copy: most blocks
	}
	text = toLowerText(text)
	return rightsWordFinder().index(text, 0) >= 0 && rightsNoticeIn.MatchString(text)
}

// mayHoldRightsWord reports whether strings.ToLower(s) may hold one of the
// rightsWords, looking for them in s in any ASCII case: lower-casing
// changes no other byte of ASCII, and makes ASCII of no other character
// but U+0130 and the Kelvin sign (i and k), with which s may hold one. The
// one word beyond ASCII, ©, is no letter's lower case.
func mayHoldRightsWord(s string) bool {
	if strings.Contains(s, "\u0130") || strings.Contains(s, "\u212a") {
		return true
	}
	f := rightsWordFinder()
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !f.stops[c] {
			continue // starts no word in either case
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		for _, w := range f.byFirst[c] {
			if len(s)-i >= len(w) && equalFoldASCII(s[i:i+len(w)], w) {
				return true
			}
		}
	}
	return false
}

// openingRights finds the copyright sign and year a rights notice opens
// with: "© 2022, Name.", "Copyright (c) 2019 Name".
var openingRights = lazyregexp.New(`^(©|copyright|\(c\)) ?(©|\(c\))? ?\d{4}`)
