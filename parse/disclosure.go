package parse

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/lazyregexp"
)

// This file drops the notes a publishing system sets among an article's
// paragraphs to disclose or disclaim: that the post holds advertising or
// affiliate links ("*Werbung. Dieser Beitrag enthält Werbung für …",
// "This post contains references to products from one or more of our
// advertisers", "Bei den Verlinkungen handelt es sich um Affiliate
// Links", "NOTE: The advertising disclaimer below does not apply to this
// article"), or that it is the author's opinion and not the editors' ("Dieser
// Beitrag gibt die Meinung des Autors wieder, nicht notwendigerweise die
// der Redaktion"). They speak of the post, not of its subject; a sentence
// of an article about advertising does not say that "this post" holds
// it.

// disclosures find such a note (lowercased, spaces collapsed), in several
// languages.
var disclosures = lazyregexp.New(`(` +
	// advertising and affiliate links in the post
	`(dieser|diese|this|ce|cet|cette|este|esta|questo|questa) (beitrag|artikel|post|text|seite|page|article|story|site|website) .{0,40}(enthält|contains?|includes?|contient|contiene) .{0,60}(werbung|werbelinks|affiliate|provisionslinks|advertis|sponsor|publicit|publicidad|pubblicit)|` +
	`^\*?(werbung|anzeige|advertisement|sponsored|publicité|publicidad|pubblicità)\s*[.:|]|` +
	`affiliate[- ]links?|partnerlinks?\b.{0,40}provision|(advertising|advertiser|affiliate) (disclaimer|disclosure)|werbehinweis|mention publicitaire|` +
	// opinion, not the editors'
	`meinung de[rs] (autors|autorin|verfassers|verfasserin)|nicht (notwendigerweise|unbedingt|zwingend) (die|der) (meinung|ansicht|position) der redaktion|` +
	`(do|does) not necessarily (reflect|represent)|ne (reflète|représente|reflètent|représentent) pas nécessairement|` +
	`no (refleja|representa|reflejan|representan) necesariamente|non (riflette|rappresenta|riflettono) necessariamente` +
	`)`)

// disclosureMarks are parts of words, without their first letter (so
// that a capital or a small one matches), one of which every disclosures
// match holds: looking for them in the text's runs first spares most
// paragraphs the copy of their text.
var disclosureMarks = []string{"erbung", "erbehinweis", "erbelinks", "nzeige", "dvertis", "DVERTIS", "ponsor", "ublicit", "ubblicit",
	"ffiliate", "rovision", "einung", "ecessar", "écessairement", "ERBUNG", "NZEIGE"}

// disclosureMarkFinder finds the disclosureMarks.
var disclosureMarkFinder = sync.OnceValue(func() *wordFinder { return newWordFinder(disclosureMarks) })

// maxDisclosure is the longest block read as such a note, in runes.
const maxDisclosure = 300

// isDisclosure reports a paragraph that is an advertising, affiliate or
// opinion note.
func isDisclosure(b article.Block) bool {
	if n, _ := runsLen(b.Text); b.Kind != article.KindParagraph || n > 2*maxDisclosure || !runsHold(b.Text, disclosureMarkFinder()) {
		return false
	}
	text := shortLineText(b, maxDisclosure)
	if text == "" || utf8.RuneCountInString(text) > maxDisclosure {
		return false
	}
	return disclosuresIn.MatchString(strings.ToLower(text))
}
