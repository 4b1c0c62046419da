package parse

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/galleyprint/galley/internal/lazyregexp"
)

// This file removes a page's furniture before its article is looked for:
// what a reader does not see (visually hidden text) and what is not the
// article although it sits in it (share bars, newsletter prompts, lists
// of related articles, comment sections, cookie notices). Elements are
// judged by their structure (role), the words of their class and id, and
// for short blocks by their wording in several languages.

// hiddenClasses are the class names that hide an element from sight
// while screen readers still read it (sr-only, visually-hidden,
// screen-reader-text and their variants), and the utility classes that
// hide it from everyone.
var hiddenClasses = map[string]bool{
	"sr-only": true, "sr-text": true, "screen-reader-text": true, "screenreader-text": true, "screen-reader-only": true,
	"screenreader-only": true, "screenreadertext": true, "visually-hidden": true, "visuallyhidden": true,
	"element-invisible": true, "is-hidden": true, "u-hidden": true, "d-none": true, "hidden": true, "offscreen": true,
	"a11y-hidden": true, "assistive-text": true, "show-for-sr": true, "at-only": true, "u-visually-hidden": true,
}

// shownByScreen reports a responsive class that shows an element hidden
// by default on some screens ("d-none d-lg-block", "visible-md").
func shownByScreen(tok string) bool {
	if strings.HasPrefix(tok, "visible-") || strings.HasPrefix(tok, "show-") && tok != "show-for-sr" {
		return true
	}
	for _, p := range []string{"d-sm-", "d-md-", "d-lg-", "d-xl-", "d-xxl-"} {
		if strings.HasPrefix(tok, p) {
			return true
		}
	}
	return false
}

// furnitureParts are the words of a class or id token (split at - and _)
// that name furniture: sharing, related articles, newsletters and
// subscriptions, comments, cookie notices, breadcrumbs, print- and
// reader-hidden parts, advertising; furniturePairs the same in two words.
var (
	furnitureParts = wordSet("share|shares|sharing|sharer|sharebar|shariff|sharedaddy|social|socials|sociable|addtoany|" +
		"related|relatedposts|newsletter|newsletterbox|subscribe|subscription|signup|cookie|cookies|cookiebar|consent|gdpr|" +
		"comment|comments|commentlist|disqus|breadcrumb|breadcrumbs|noprint|sidebar|advert|advertisement|adsbygoogle|" +
		"sponsored|popup|pagination|tagcloud|tags|taglist|readmore|authorbox")
	furniturePairs = wordSet("no-print|print-none|hidden-print|further-reading|read-more|more-stories|more-articles|" +
		"author-bio|author-box|about-author|a2a-kit")
)

// namesFurniture reports whether a lower-case class or id token names
// furniture by one of its words or a pair of them.
func namesFurniture(tok string) bool {
	prev := ""
	for p := range strings.FieldsFuncSeq(tok, func(r rune) bool { return r == '-' || r == '_' }) {
		if furnitureParts[p] || prev != "" && furniturePairs[prev+"-"+p] {
			return true
		}
		prev = p
	}
	return false
}

// furnitureRoles are the ARIA roles of what is around an article.
var furnitureRoles = map[string]bool{
	"navigation": true, "complementary": true, "contentinfo": true, "banner": true,
	"menu": true, "menubar": true, "search": true, "alert": true, "dialog": true, "alertdialog": true,
}

// contentClassPrefixes are class tokens that sort a post into a category
// or tag (WordPress writes category-social, tag-share on the article):
// they say what the article is about, not that it is furniture.
var contentClassPrefixes = []string{"category-", "tag-", "topic-", "section-", "postid-", "post-", "format-", "type-", "status-"}

// isFurnitureName reports whether a class or id attribute names furniture.
func isFurnitureName(v string) bool {
	return v != "" && furnitureNameFinder().mayHold(v) && tokenNamesFurniture(v)
}

// tokenNamesFurniture is isFurnitureName without the finder that spares
// most attributes: whether a token of v, not a category's, names furniture.
func tokenNamesFurniture(v string) bool {
	for tok := range strings.FieldsSeq(v) {
		low := strings.ToLower(tok) // tok itself when it has no capitals
		skip := false
		for _, p := range contentClassPrefixes {
			if strings.HasPrefix(low, p) {
				skip = true
				break
			}
		}
		if skip || strings.Contains(low, "commentary") {
			continue
		}
		if namesFurniture(low) {
			return true
		}
	}
	return false
}

// namesContent reports whether a lower-case class or id token names an
// article's content by one of its words (split at - and _): content,
// entry, article, articlebody, story, main, postbody, or post-body.
func namesContent(tok string) bool {
	prev, prevSep := "", byte(0)
	for tok != "" {
		end := strings.IndexAny(tok, "-_")
		part, sep := tok, byte(0)
		if end >= 0 {
			part, sep = tok[:end], tok[end]
			tok = tok[end+1:]
		} else {
			tok = ""
		}
		switch part {
		case "content", "entry", "article", "articlebody", "story", "main", "postbody":
			return true
		case "body":
			if prev == "post" && prevSep == '-' {
				return true
			}
		}
		prev, prevSep = part, sep
	}
	return false
}

// contentWords are the words, as parts split at - and _, one of which
// every name namesContent reports holds (TestContentWordsInContentNames
// checks it): holdsContent asks of every element in a wrapper named like
// furniture, and a class or id without any of them, in any case, is
// spared the lower-casing and the splitting.
var contentWords = []string{"content", "entry", "article", "articlebody", "story", "main", "postbody", "body"}

// contentNameFinder finds the contentWords.
var contentNameFinder = sync.OnceValue(func() *partFinder { return newPartFinder(contentWords, true) })

// isContentName reports whether a class or id attribute names content
// with a token that does not also name furniture ("entry share" does,
// "comment-content" does not).
func isContentName(v string) bool {
	return v != "" && contentNameFinder().mayHold(v) && tokenNamesContent(v)
}

// tokenNamesContent is isContentName without the finder that spares most
// attributes.
func tokenNamesContent(v string) bool {
	for tok := range strings.FieldsSeq(strings.ToLower(v)) {
		if namesContent(tok) && !isFurnitureName(tok) {
			return true
		}
	}
	return false
}

// holdsContent reports whether n or an element in it is named or marked
// as an article's content: a wrapper that also carries a share or
// sidebar class, or one that a page's broken markup left open around the
// article.
func holdsContent(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if n.DataAtom == atom.Article || n.DataAtom == atom.Main || attr(n, "itemprop") == "articleBody" ||
		isContentName(attr(n, "class")) || isContentName(attr(n, "id")) {
		return true
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if holdsContent(ch) {
			return true
		}
	}
	return false
}

// furnitureID returns id unless it is a heading's slug
// ("sharing-with-a-single-developer"), which names the section's
// subject: an id of more than three words.
func furnitureID(id string) string {
	if strings.Count(id, "-")+strings.Count(id, "_") > 2 {
		return ""
	}
	return id
}

// namingAttrs returns n's role, class and id attributes (the first of
// each, as attr gives them), read in one pass over its attributes.
func namingAttrs(n *html.Node) (role, class, id string) {
	var haveRole, haveClass, haveID bool
	for _, a := range n.Attr {
		switch {
		case a.Key == "role" && !haveRole:
			role, haveRole = a.Val, true
		case a.Key == "class" && !haveClass:
			class, haveClass = a.Val, true
		case a.Key == "id" && !haveID:
			id, haveID = a.Val, true
		}
	}
	return role, class, id
}

// hasHiddenClass reports whether n's class hides it from sight.
func hasHiddenClass(n *html.Node) bool {
	return isHidingClass(attr(n, "class"))
}

// isHidingClass reports whether a class attribute hides its element.
func isHidingClass(class string) bool {
	return class != "" && hidingFinder().mayHold(class) && tokenHides(class)
}

// tokenHides is isHidingClass without the finder that spares most
// classes: whether a token of class is one of the hiddenClasses and none
// is responsive (shownByScreen) or a variant ("md:hidden").
func tokenHides(class string) bool {
	found := false
	for tok := range strings.FieldsSeq(class) {
		tok = strings.ToLower(tok)
		if strings.IndexByte(tok, ':') >= 0 || shownByScreen(tok) {
			return false
		}
		found = found || hiddenClasses[tok]
	}
	return found
}

// furnitureLabels start the short lines that point to another article
// ("Read more: …", "Lesen Sie auch: …", "À lire aussi"), in English,
// German, French, Spanish, Italian, Portuguese and Dutch.
var furnitureLabels = lazyregexp.New(`^\s*(read (more|also|next)|see also|related( articles?| stories| posts?)?|recommended|more on this|you may also like|you might also like|lesen sie (auch|mehr|weiter)|auch interessant|mehr zum thema|das könnte sie auch interessieren|weitere artikel|siehe auch|à lire (aussi|également)|lire aussi|voir aussi|sur le même sujet|lea (también|más|además)|lee (también|más)|vea (también|además)|ver también|le puede interesar|te puede interesar|puedes ver|mira|leggi anche|leggi pure|vedi anche|potrebbe interessarti|leia (também|mais)|veja (também|mais)|saiba mais|lees (ook|meer)|zie ook|ook interessant)\s*[:：»›>|-]`)

// furnitureHeadings match the whole text of the headings over lists of
// other articles ("Related articles", "Mehr zum Thema", "À lire
// aussi", "Most read"), advertising labels, closed-comment notices and
// the questions of rating widgets ("Was this article helpful?", "12
// people found this helpful"), in the same languages.
var furnitureHeadings = lazyregexp.New(`^\s*(related( articles| stories| posts| content| news)?|more (from|on|in) .{0,30}|most (read|popular|viewed)|popular( posts| articles)?|recommended( for you| articles)?|(you|we) (may|might) also like|latest (news|articles|posts|stories)|trending|(das )?könnte (sie|dich) (auch )?interessieren|verwandte (beiträge|artikel|themen)|mehr zum thema|mehr (aus|zu|von) .{0,30}|weitere (artikel|beiträge|nachrichten|themen).{0,30}|neueste (artikel|beiträge|nachrichten)|meist(gelesen|geklickt|kommentiert|gesehen)|(das )?(auch|ebenfalls) interessant|lesen sie auch|siehe auch|à lire (aussi|également)|lire aussi|voir aussi|sur le même (sujet|thème)|les plus lus|(noticias|art[íi]culos) relacionad[oa]s|te puede interesar|le puede interesar|lo m[áa]s (le[íi]do|visto)|tambi[ée]n te puede interesar|leggi anche|articoli correlati|i pi[ùu] letti|potrebbe interessarti|leia tamb[ée]m|mat[ée]rias relacionadas|mais lidas|veja tamb[ée]m|gerelateerde (artikelen|berichten)|lees ook|meest gelezen|ook interessant|schon gelesen|advertisement|advertising|anzeige|werbung|publicité|publicidad|pubblicità|publicidade|advertentie|sponsored( content)?|gesponsert|(\d+ )?(people |readers )?found this (article |page )?helpful|was this (article |page |answer |post )?helpful|war (dieser artikel|diese seite|dieser beitrag) hilfreich|cet article (vous )?a-t-il été utile|¿?(te|le) (ha sido|result[óo]) [úu]til( este art[íi]culo)?|¿?(este art[íi]culo )?(te|le) (ha sido|result[óo]) [úu]til|questo articolo (ti |vi )?è stato utile|(este artigo|esta p[áa]gina) foi [úu]til|was dit artikel nuttig|comments are closed|kommentare (sind )?geschlossen|commentaires (sont )?fermés|comentarios cerrados|commenti chiusi|comentários (estão )?fechados|reacties (zijn )?gesloten)\s*[:.!?…»›]*\s*$`)

// furnitureLines match the whole of a short block that is a prompt, not
// article text: newsletter and subscription calls, social follow calls,
// cookie notices, in the same languages.
var furnitureLines = lazyregexp.New(`(sign up (for|to) (our|the)|subscribe (to|for) (our|the)|(our|the|free) newsletter|newsletter (abonnieren|bestellen|anmelden)|zum newsletter|abonnieren sie|jetzt abonnieren|inscrivez-vous|abonnez-vous|(à|a) notre newsletter|suscr[íi]bete|suscr[íi]base|bolet[íi]n|iscriviti|alla (nostra )?newsletter|assine (a|nossa)|inscreva-se|cadastre-se|nieuwsbrief|abonneer|schrijf je in|follow us on|folgen sie uns|suivez-nous|s[íi]guenos|seguici|siga-nos|volg ons|(we|this (web)?site) uses? cookies|wir verwenden cookies|verwendet cookies|utilise des cookies|utilizamos cookies|utilizza (i )?cookie|usamos cookies|gebruikt cookies|maakt gebruik van cookies|rate this (article|story|post)|artikel bewerten|bewerten sie (diesen|den) (artikel|beitrag)|évaluez cet article|notez cet article|valora (esta noticia|este art[íi]culo)|vota (questo|l') articolo|avalie (esta not[íi]cia|este artigo)|beoordeel dit artikel)`)

// actionWords are the labels of buttons and counters that print as stray
// words: share, save, print, comment and their counts.
var actionWords = lazyregexp.New(`^[\s\d|·•,.()/+-]*((share|shares|save|saved|print|tweet|email|e-mail|mail|comments?|like|likes|pin|whatsapp|facebook|twitter|linkedin|teilen|drucken|speichern|merken|kommentare?|kommentieren|partager|imprimer|enregistrer|sauvegarder|commentaires?|compartir|imprimir|guardar|comentarios?|condividi|stampa|salva|commenti|commento|compartilhar|partilhar|salvar|comentários?|delen|afdrukken|opslaan|bewaren|reacties?)[\s\d|·•,.()/+:-]*)+$`)

// judgedByWording reports the elements whose text the wording rules
// judge: blocks, not the words of running text. (A switch: asked of every
// element, a map look-up costs more.)
func judgedByWording(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Li, atom.Ul, atom.Section, atom.Aside, atom.Button,
		atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Form:
		return true
	}
	return false
}

// maxFurnitureLine is the most text a block judged by its wording holds:
// prompts are short, article paragraphs that mention a newsletter long.
const maxFurnitureLine = 220

// pruneBoilerplate removes from doc the hidden text and the furniture
// described above. An element named like furniture that holds most of
// the page's text is kept: a page that wraps its article in
// class="has-comments" names the wrapper, not the furniture.
func pruneBoilerplate(doc *html.Node) {
	body := firstElement(doc, atom.Body)
	if body == nil {
		return
	}
	pooled := elementTextPool.Get().(*[]elementText)
	texts := measureTexts(body, (*pooled)[:0])
	defer func() {
		*pooled = texts
		elementTextPool.Put(pooled)
	}()
	total := texts[0].text
	at := 1 // the next element's in texts: the walk meets body's elements in the tree's order
	var lowerer blockLowerer
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for ch := n.FirstChild; ch != nil; {
			next := ch.NextSibling
			if ch.Type != html.ElementNode {
				ch = next
				continue
			}
			measured := texts[at]
			if isKept(ch) {
				// the user's --keep: printed whatever it looks like
				at += measured.elements
			} else if isBoilerplate(ch, texts[at:at+measured.elements], at, total, &lowerer) {
				at += measured.elements
				if isHeading(ch) {
					// the heading of a list of other articles: the list goes too
					if after := listAfter(ch); after != next {
						at += texts[at].elements // the list, removed
						next = after
					}
				}
				n.RemoveChild(ch)
			} else if ch.DataAtom != atom.Pre && ch.DataAtom != atom.Code {
				// code's highlighting classes ("token comment") name
				// no furniture
				at++
				walk(ch)
			} else {
				at += measured.elements
			}
			ch = next
		}
	}
	walk(body)
}

// elementText is the length of an element's text, as textLen counts it,
// the number of elements in its subtree, itself included, and whether
// the element is hidden or skipped (carries no text): lowerText reads
// the verdicts of an element's descendants instead of judging each
// descendant again at each block around it.
type elementText struct {
	text, elements  int
	hidden, skipped bool
}

// elementTextPool holds the arrays measureTexts fills, one a page,
// kept for the next page: a page's array is as long as it has elements.
var elementTextPool = sync.Pool{New: func() any { return new([]elementText) }}

// measureTexts appends to list the elementText of n and of each element
// in it, in the tree's order, reading each text once: the length of an
// element's text is the sum of its children's. pruneBoilerplate judges
// elements from the outside in, and textLen would read the text of an
// element again at each of them.
func measureTexts(n *html.Node, list []elementText) []elementText {
	at := len(list)
	list = append(list, elementText{hidden: hidden(n), skipped: skipped(n.DataAtom)})
	text := 0
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			text += len(trimSpace(ch.Data))
		case html.ElementNode:
			child := len(list)
			list = measureTexts(ch, list)
			if !list[child].skipped {
				text += list[child].text
			}
		}
	}
	list[at].text, list[at].elements = text, len(list)-at
	return list
}

// isBoilerplate judges one element, measured being its elementText and
// its descendants' (measureTexts), at its index among the page's, total
// the page's text length; lowerer reads the text of short blocks.
func isBoilerplate(n *html.Node, measured []elementText, at, total int, lowerer *blockLowerer) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article:
		return false
	}
	if measured[0].hidden {
		return true
	}
	text := measured[0].text
	role, class, id := namingAttrs(n)
	if role != "" && furnitureRoles[strings.ToLower(role)] || isFurnitureName(class) || id != "" && isFurnitureName(furnitureID(id)) {
		// kept when it is also named as content, holds content or a third
		// of the page's text
		return !holdsContent(n) && text < total/3
	}
	if !judgedByWording(n.DataAtom) {
		return false
	}
	if measured[0].skipped || text == 0 || text > maxFurnitureLine {
		// lowerText reads no text in a skipped element (a <button>), nor
		// in one without text; a long text is no furniture's
		return false
	}
	if onlyWraps(n) {
		return false // its block is judged on its own
	}
	// the patterns are lower case: matching them without case folding
	// is several times faster
	lower := lowerer.lower(n, measured, at)
	if lower == "" {
		return false
	}
	if len(lower) <= 60 && furnitureHeadingsAt.MatchString(lower) {
		return true
	}
	return len(lower) <= maxActionLine && actionWordsAt.MatchString(lower) ||
		isPromptLine(lower) || isLabelLine(lower)
}

// maxLabel is the most of a block's text furnitureLabels can match: its
// longest label ("das könnte sie auch interessieren", 34 bytes), a space
// and a separator of up to 3 bytes, within the first 64 bytes of text
// whose spaces are collapsed. Matching only those spares the regular
// expression's matcher the rest of the block.
const maxLabel = 64

// labelPart is the start of text that furnitureLabels needs to see.
func labelPart(text string) string {
	if len(text) > maxLabel {
		return text[:maxLabel]
	}
	return text
}

// isLabelLine reports whether furnitureLabels matches text; a label ends
// in a separator, and a text without one is spared the expression.
func isLabelLine(text string) bool {
	part := labelPart(text)
	return holdsLabelSeparator(part) && furnitureLabelsAt.MatchString(part)
}

// labelSeparators are the characters that end a furnitureLabels label.
const labelSeparators = ":：»›>|-"

// labelSeparatorStarts are the first bytes of the labelSeparators.
var labelSeparatorStarts = func() (starts [256]bool) {
	for _, r := range labelSeparators {
		starts[utf8.AppendRune(nil, r)[0]] = true
	}
	return starts
}()

// holdsLabelSeparator is strings.ContainsAny(s, labelSeparators) without
// looking up each of s's characters among the separators: most of s's
// bytes start none.
func holdsLabelSeparator(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; labelSeparatorStarts[c] {
			if c < utf8.RuneSelf {
				return true
			}
			if r, _ := utf8.DecodeRuneInString(s[i:]); strings.ContainsRune(labelSeparators, r) {
				return true
			}
		}
	}
	return false
}

// maxActionLine is the most text a bar of buttons and counters holds.
const maxActionLine = 100

// textLen returns the length of n's text, counting no further than
// bound when bound is not negative.
func textLen(n *html.Node, bound int) int {
	total := 0
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			switch ch.Type {
			case html.TextNode:
				total += len(trimSpace(ch.Data))
				if bound >= 0 && total > bound {
					return false
				}
			case html.ElementNode:
				if skipped(ch.DataAtom) {
					continue
				}
				if !walk(ch) {
					return false
				}
			}
		}
		return true
	}
	walk(n)
	return total
}

func isHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// listAfter returns the sibling to go on from after removing heading h:
// the element after it is removed as well when it is mostly links.
func listAfter(h *html.Node) *html.Node {
	next := h.NextSibling
	for next != nil && next.Type == html.TextNode && strings.TrimSpace(next.Data) == "" {
		next = next.NextSibling
	}
	if next == nil || next.Type != html.ElementNode || !linkDense(next) {
		return h.NextSibling
	}
	after := next.NextSibling
	next.Parent.RemoveChild(next)
	return after
}

// onlyWraps reports whether n holds one block judged by its wording and
// no text of its own: its text is judged in that block, not once more at
// each wrapper.
func onlyWraps(n *html.Node) bool {
	elements := 0
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.ElementNode:
			if !judgedByWording(ch.DataAtom) {
				return false
			}
			elements++
		case html.TextNode:
			if trimSpace(ch.Data) != "" {
				return false
			}
		}
	}
	return elements == 1
}

// blockLowerer gives isBoilerplate the lowered text of a block
// (lowerText), keeping the last block it read and where each element in
// it starts and ends in its text: the blocks in it, judged after it (a
// list's items), take their text from it instead of reading and lowering
// it once more.
type blockLowerer struct {
	buf   []byte
	text  string     // the last block's lowered text
	first int        // its index among the page's elementTexts
	spans []textSpan // its elements' in text, in measured's order
}

// textSpan is where an element's text starts and ends in its block's
// lowered text, before its last space was cut; start is negative for an
// element lowerText did not read (one hidden or skipped, or in one).
type textSpan struct{ start, end int }

// lower returns lowerText(n, measured), at being n's index among the
// page's elementTexts. An element's text in its block's is its own text
// and the space lowerText cuts from the end: lowerText writes a space
// after each text node, so an element's text starts after a space, or at
// the start, and lowerText collapses its spaces from there as it does
// from the start.
func (l *blockLowerer) lower(n *html.Node, measured []elementText, at int) string {
	if i := at - l.first; i > 0 && i < len(l.spans) && l.spans[i].start >= 0 {
		span := l.spans[i]
		text := l.text[min(span.start, len(l.text)):min(span.end, len(l.text))]
		return strings.TrimSuffix(text, " ")
	}
	l.first = at
	l.text = lowerText(n, measured, &l.buf, &l.spans)
	return l.text
}

// lowerText is strings.ToLower(textContent(n)), made in *buf: the words
// of n's text (not that of skipped or hidden elements) separated by
// single spaces, in lower case. measured are the elementTexts of n and of
// the elements in it, in the tree's order, which say which are hidden or
// skipped; when nil, lowerText judges each element itself. With measured,
// spans, when not nil, is set to where each of those elements starts and
// ends in the text (textSpan).
func lowerText(n *html.Node, measured []elementText, buf *[]byte, spans *[]textSpan) string {
	b := (*buf)[:0]
	at := 0 // the next element's in measured
	record := spans != nil && measured != nil
	if record {
		*spans = (*spans)[:0]
		for range measured {
			*spans = append(*spans, textSpan{start: -1})
		}
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		span := -1 // n's in measured, when its span is recorded
		if n.Type == html.TextNode {
			for i := 0; i < len(n.Data); {
				if j := plainRun(n.Data, i); j > i {
					// a run of bytes copied as they are: none is a space
					b = append(b, n.Data[i:j]...)
					i = j
					continue
				}
				c := n.Data[i]
				if c < utf8.RuneSelf {
					i++
					if asciiSpace[c] {
						// a run of ASCII white space (a page's
						// indentation) is one space, skipped at once
						i = skipASCIISpace(n.Data, i)
						c = ' '
					} else if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					b = appendCollapsed(b, c)
					continue
				}
				r, size := utf8.DecodeRuneInString(n.Data[i:])
				switch {
				case unicode.IsSpace(r):
					b = appendCollapsed(b, ' ')
				case r == utf8.RuneError && size == 1:
					// as strings.ToLower writes a byte that is not UTF-8
					b = utf8.AppendRune(b, utf8.RuneError)
				default:
					b = utf8.AppendRune(b, unicode.ToLower(r))
				}
				i += size
			}
			b = appendCollapsed(b, ' ')
		}
		if n.Type == html.ElementNode {
			if measured == nil {
				if skipped(n.DataAtom) || hidden(n) {
					return
				}
			} else {
				m := measured[at]
				if m.skipped || m.hidden {
					at += m.elements
					return
				}
				if record {
					span = at
					(*spans)[span].start = len(b)
				}
				at++
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
		if span >= 0 {
			(*spans)[span].end = len(b)
		}
	}
	walk(n)
	if len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	*buf = b
	return string(b)
}

// plainRun returns the end of the run of bytes of s from i that
// lowerText copies as they are: ASCII but spaces and capitals.
func plainRun(s string, i int) int {
	for ; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || asciiSpace[c] || 'A' <= c && c <= 'Z' {
			break
		}
	}
	return i
}

// asciiSpace are the ASCII bytes unicode.IsSpace holds.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// appendCollapsed appends c to b, a space only between words.
func appendCollapsed(b []byte, c byte) []byte {
	if c == ' ' && (len(b) == 0 || b[len(b)-1] == ' ') {
		return b
	}
	return append(b, c)
}

// isLowerASCII reports whether s is ASCII without capitals.
func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}
