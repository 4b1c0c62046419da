package parse

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/lazyregexp"
)

// This file splits what pages print around an image into its caption and
// its credit: credit elements and labels, credits glued to or repeated in
// the caption, and captions written after an image outside a <figure>.

var creditClass = lazyregexp.New(`(?i)credit|copyright|attribution|photographer|source|byline`)

// creditSuffix finds a credit written at the end of a caption:
// "… (Photo by Jane Roe/Agency)", "… Photo: Jane Roe", "… Foto: Agencia".
var creditSuffix = lazyregexp.New(`(?i)\s*(\((?:photo|image|picture|illustration|graphic|video|foto|bild)s?\s*(?:by|:)[^)]*\)|(?:photo(?:graph)?|image|picture|illustration|credit|source|foto|bild|quelle|fuente|crédit|crédito)s?\s*:\s*[^.]{2,80})\s*$`)

// gluedCredit finds a credit glued to the end of a caption by a label a
// page hides from sight: "… in Brooklyn.CreditFred R. Conrad".
var gluedCredit = lazyregexp.New(`([.!?…"”’)])\s*((?:Credits?|Crédits?|Crédito|Credito)\s*:?\s*\p{Lu}.{1,100})$`)

// creditLabels are the labels a credit starts with when they are glued to
// the name ("CreditKevin Frayer", from a label hidden from sight) or
// repeated ("CreditCredit…"): the label goes, the name stays.
var creditLabels = []string{"Credits", "Credit", "Crédits", "Crédit", "Crédito", "Credito", "Photo", "Foto", "Bild", "Image"}

// creditStart matches a caption that is only a credit: "Foto: LA NACION",
// "Credit: Reuters", "© AFP".
var creditStart = lazyregexp.New(`(?i)^(?:(?:photo(?:graph)?|image|picture|illustration|credit|source|foto|bild|quelle|fuente|crédit|crédito|imagen|afbeelding)s?\s*:\s*\S|©|\(c\)\s)`)

// figureLabels are the words pages print (or hide for screen readers)
// before a caption or credit: they are no part of either.
var figureLabels = wordSet(`image|photo|picture|foto|bild|caption|image caption|media caption|photo caption|
image copyright|copyright|credit|credits|crédit|crédito|legend|légende|legende|bildunterschrift|pie de foto|source|quelle|fuente|enlarge|expand|zoom`)

// creditProps are the microdata properties of a caption's credit.
var creditProps = []string{"copyrightHolder", "copyrightNotice", "creditText", "creator", "author", "accountablePerson"}

// isCreditElement reports whether the element n of a caption or figure
// holds its credit: a credit class, a credit property, or a <small>.
func isCreditElement(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if n.DataAtom == atom.Small || isCreditClass(attr(n, "class")) {
		return true
	}
	for _, p := range creditProps {
		if hasToken(attr(n, "itemprop"), p) {
			return true
		}
	}
	return false
}

// creditClassWords are creditClass's words.
var creditClassWords = []string{"credit", "copyright", "attribution", "photographer", "source", "byline"}

// isCreditClass is creditClass.MatchString(class), looking for its words
// in the class lowered on the stack when the class is ASCII, as nearly
// every one is: in ASCII text, (?i) matches a word's letters in either
// case and no other byte. Any other class is left to the expression,
// whose (?i) also takes a long s (ſ) for an s.
func isCreditClass(class string) bool {
	var room [maxLoweredOnStack]byte
	lower, ok := lowerASCII(class, room[:0])
	if !ok {
		return creditClass.MatchString(class)
	}
	for _, w := range creditClassWords {
		if bytes.Contains(lower, []byte(w)) {
			return true
		}
	}
	return false
}

// isFigureLabel reports whether n is only a label such as "Image
// caption", "Credit" or "Media caption".
func isFigureLabel(n *html.Node) bool {
	t := ""
	switch n.Type {
	case html.TextNode:
		t = n.Data
	case html.ElementNode:
		t = textContent(n)
	default:
		return false
	}
	t = strings.TrimSpace(t)
	return t != "" && len(t) < 40 && figureLabels[furnitureKey(t)]
}

// cleanCredit removes the labels glued before a credit ("Credit",
// "CreditCredit" from a hidden label and its visible twin, "©") and
// squashes its spaces; a label with a colon, as a reader sees it
// ("Photo: KCNA"), stays.
func cleanCredit(s string) string {
	s = squash(s)
	for {
		if rest, ok := strings.CutPrefix(s, "©"); ok {
			s = strings.TrimSpace(rest)
			continue
		}
		cut := false
		for _, label := range creditLabels {
			rest, ok := strings.CutPrefix(s, label)
			if !ok {
				continue
			}
			if rest == "" {
				return "" // a label alone
			}
			if r, _ := utf8.DecodeRuneInString(rest); unicode.IsUpper(r) {
				s, cut = rest, true
				break
			}
		}
		if !cut {
			return s
		}
	}
}

// creditLabelKeys are the labels (as furnitureKey gives them) that mark
// what follows them in their element as a credit.
var creditLabelKeys = wordSet(`credit|credits|crédit|crédits|crédito|credito|image copyright|copyright|photo credit|image credit|
image source|bildquelle|quelle|fuente|source|foto|photo|bild`)

// startsWithCreditLabel reports whether the element n begins with a
// label element saying that it holds a credit: <span><span>Credit</span>
// Kevin Frayer</span>.
func startsWithCreditLabel(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch {
		case ch.Type == html.TextNode && strings.TrimSpace(ch.Data) == "":
			continue
		case ch.Type == html.ElementNode:
			t := textContent(ch)
			return len(t) < 40 && creditLabelKeys[furnitureKey(t)] && strings.TrimSpace(textContent(n)) != strings.TrimSpace(t)
		}
		return false
	}
	return false
}

// creditText returns the text of a credit element without its labels.
func creditText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			switch {
			case ch.Type == html.TextNode:
				b.WriteString(ch.Data)
			case ch.Type == html.ElementNode && (skipped(ch.DataAtom) || hidden(ch) || isFigureLabel(ch)):
			default:
				walk(ch)
			}
		}
	}
	walk(n)
	return cleanCredit(b.String())
}

// captionAndCredit splits a <figcaption> into caption runs and a credit.
// The credit is what a credit element holds (see isCreditElement, and an
// element that begins with a "Credit" label), a credit written at the end
// of the caption, or the whole caption when it is only a credit; labels
// ("Image caption", a hidden "Credit") are dropped, and a credit is never
// printed twice.
func (c *htmlConverter) captionAndCredit(n *html.Node) (article.Text, string) {
	if startsWithCreditLabel(n) {
		if t := creditText(n); t != "" {
			return nil, t
		}
	}
	var credits []string
	var strip func(*html.Node)
	strip = func(n *html.Node) {
		for ch := n.FirstChild; ch != nil; {
			next := ch.NextSibling
			switch {
			case isCreditElement(ch) || startsWithCreditLabel(ch):
				if t := creditText(ch); t != "" {
					credits = appendNew(credits, t)
				}
				n.RemoveChild(ch)
			case isFigureLabel(ch):
				n.RemoveChild(ch)
			default:
				strip(ch)
			}
			ch = next
		}
	}
	strip(n)
	text := trimText(c.inline(n))
	if len(text) > 0 {
		last := &text[len(text)-1]
		switch plain := text.Plain(); {
		case len(credits) == 0 && len(text) == 1 && creditStart.MatchString(plain) && utf8.RuneCountInString(plain) <= 120:
			credits, text = append(credits, squash(plain)), nil
		case len(credits) == 0 && len(text) == 1 && cleanCredit(plain) != squash(plain) && cleanCredit(plain) != "":
			credits, text = append(credits, cleanCredit(plain)), nil // "CreditKevin Frayer"
		default:
			if m := gluedCredit.FindStringSubmatchIndex(last.Text); m != nil {
				credits = appendNew(credits, cleanCredit(last.Text[m[4]:]))
				last.Text = strings.TrimSpace(last.Text[:m[4]])
			} else if loc := creditSuffix.FindStringIndex(last.Text); len(credits) == 0 && loc != nil && loc[0] > 0 {
				credits = append(credits, strings.TrimSpace(last.Text[loc[0]:]))
				last.Text = strings.TrimSpace(last.Text[:loc[0]])
			}
		}
	}
	credit := strings.Join(credits, " ")
	if credit != "" && len(text) > 0 {
		// a caption that repeats its credit at the end loses the repeat
		if last := &text[len(text)-1]; strings.HasSuffix(last.Text, credit) {
			last.Text = strings.TrimSpace(strings.TrimSuffix(last.Text, credit))
		}
	}
	return trimText(text), credit
}

// trimText drops the empty runs of t and the spaces at its ends.
func trimText(t article.Text) article.Text {
	out := t[:0:0]
	for _, r := range t {
		if r.Text != "" {
			out = append(out, r)
		}
	}
	for len(out) > 0 && strings.TrimSpace(out[0].Text) == "" {
		out = out[1:]
	}
	for len(out) > 0 && strings.TrimSpace(out[len(out)-1].Text) == "" {
		out = out[:len(out)-1]
	}
	if len(out) == 0 {
		return nil
	}
	out[0].Text = strings.TrimLeft(out[0].Text, " ")
	out[len(out)-1].Text = strings.TrimRight(out[len(out)-1].Text, " ")
	return out
}

// dropFigureLabels removes the labels ("Media caption") from n's content.
func dropFigureLabels(n *html.Node) {
	for ch := n.FirstChild; ch != nil; {
		next := ch.NextSibling
		if isFigureLabel(ch) {
			n.RemoveChild(ch)
		} else if ch.Type == html.ElementNode {
			dropFigureLabels(ch)
		}
		ch = next
	}
}

// captionClass marks an element that captions the image before it
// outside a <figure>: class="wp-caption-text", "image-caption", "credit".
var captionClass = lazyregexp.New(`(?i)(?:^|[\s_-])(?:caption|captiontext|caption-text|figcaption|credit|photo-credit)(?:$|[\s_-])`)

// maxSiblingCaption bounds the text of an element read as the caption of
// the image before it.
const maxSiblingCaption = 400

// siblingCaption gives fig, an image's figure without a caption, the
// caption the element after the image (or after the link or paragraph
// that holds only the image) holds when its class says it is one, and removes that element so that
// it is not printed again: <img alt="…"><p class="caption">…</p>.
func (c *htmlConverter) siblingCaption(n *html.Node, fig *article.Figure) {
	if len(fig.Caption) > 0 || fig.Credit != "" {
		return
	}
	holder := n
	for i := 0; i < 3; i++ {
		p := holder.Parent
		// by name: readability makes the paragraphs it wraps images in
		// without an atom
		if p == nil || p.Type != html.ElementNode || (p.Data != "a" && p.Data != "p" && p.Data != "span" && p.Data != "div") ||
			onlyElementChild(p) != holder {
			break
		}
		holder = p // the link, or the paragraph readability wrapped the image in
	}
	next := holder.NextSibling
	for next != nil && next.Type == html.TextNode && strings.TrimSpace(next.Data) == "" {
		next = next.NextSibling
	}
	if next == nil || next.Type != html.ElementNode || !captionClass.MatchString(attr(next, "class")) ||
		c.findImage(next) != nil || len(textContent(next)) > maxSiblingCaption {
		return
	}
	if isCreditElement(next) && !strings.Contains(strings.ToLower(attr(next, "class")), "caption") {
		fig.Credit = creditText(next)
	} else {
		fig.Caption, fig.Credit = c.captionAndCredit(next)
	}
	next.Parent.RemoveChild(next)
}

// onlyElementChild returns n's one child element if it has no other
// child but blank text, else nil.
func onlyElementChild(n *html.Node) *html.Node {
	var only *html.Node
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch {
		case ch.Type == html.TextNode && strings.TrimSpace(ch.Data) == "":
		case ch.Type == html.ElementNode && only == nil:
			only = ch
		default:
			return nil
		}
	}
	return only
}

// figureCredits returns the credits a figure holds outside its caption:
// <span class="image-copyright">Reuters</span> beside the image.
func figureCredits(n *html.Node) []string {
	var credits []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			switch {
			case ch.Type != html.ElementNode || ch.DataAtom == atom.Figcaption || ch.DataAtom == atom.Figure:
			case isCreditElement(ch) || startsWithCreditLabel(ch):
				if t := creditText(ch); t != "" {
					credits = appendNew(credits, t)
				}
			default:
				walk(ch)
			}
		}
	}
	walk(n)
	return credits
}
