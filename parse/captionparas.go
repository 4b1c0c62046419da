package parse

import (
	"strings"
	"unicode/utf8"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/internal/lazyregexp"
)

// This file gives a figure the caption a page writes as a plain paragraph
// after its image, outside any <figure> or caption class: "Puerto de
// Montevideo. Foto: Archivo El País.", "Marco Odermatt. © AFP / Marco
// Bertorello", "Dig a hole in the oasis. (Lucy Akins)". Printed as body
// text, such a line reads as a sentence of the article and its credit as
// part of it; as the figure's caption and credit it is where the page
// means it. A paragraph that only repeats the caption the figure already
// has is dropped.

// maxCaptionParagraph is the longest paragraph read as a caption, in
// characters: captions are a line or two, article paragraphs longer.
const maxCaptionParagraph = 300

// captionCredit finds the credit that ends a paragraph written as a
// caption: "… © AFP / Name", "… | © Agency", "… (Credit: Name)",
// "… (REUTERS/Name)", "… Foto: Agencia", "… Photo: Name".
var captionCredit = lazyregexp.New(`(?i)(?:^|[\s|.,;–—-])\s*(` +
	`©\s*[^©]{2,100}` +
	`|\((?:photo|image|picture|illustration|credit|credits|foto|fotos|bild|imagen|crédit|crédito|source|quelle|fuente)s?\s*(?:by|:)[^()]{2,80}\)` +
	`|\(\p{Lu}[\p{Lu}\p{Ll}&.' -]{1,30}/[^()/]{2,60}\)` +
	`|(?:photo(?:graph)?|image|picture|illustration|credit|foto|fotos|bild|imagen|crédit photo|crédito|photo credit)s?\s*:\s*[^:.]{2,80}\.?` +
	`)\s*$`)

// creditMarks are the characters one of which each of captionCredit's
// branches needs: the copyright sign, the parenthesis that closes a
// credit, the colon after its label. A paragraph without any (most) is
// spared the expression, which has no literal to look for first and is
// tried from every character.
const creditMarks = "©):"

// figureNumberLabel starts a caption by its figure's number, in several
// languages: "Abbildung 4:", "Figure 2.", "Abb. 3", "Fig. 1:".
var figureNumberLabel = lazyregexp.New(`(?i)^(?:abbildung|abb\.|figure|fig\.|figura|grafik|grafico|gráfico|illustration|afbeelding|tabelle)\s*\d+\s*[:.]\s*\S`)

// parenCredit is a bare credit in parentheses at the end of a repeated
// caption: "Dig a hole in the oasis. (Lucy Akins)".
var parenCredit = lazyregexp.New(`^\s*\(([^()]{2,60})\)\s*$`)

// attachCaptionParagraphs moves the caption paragraphs of blocks (and of
// the blocks inside them) into the figures they follow.
func attachCaptionParagraphs(blocks []article.Block) []article.Block {
	out := blocks[:0]
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		switch {
		case len(b.Blocks) > 0:
			b.Blocks = attachCaptionParagraphs(b.Blocks)
		case b.Kind == article.KindList:
			for j := range b.Items {
				b.Items[j].Blocks = attachCaptionParagraphs(b.Items[j].Blocks)
			}
		}
		out = append(out, b)
		if b.Kind != article.KindFigure || b.Figure == nil || i+1 >= len(blocks) {
			continue
		}
		if next := blocks[i+1]; next.Kind == article.KindParagraph && captionParagraph(b.Figure, next.Text) {
			i++ // the paragraph is now the figure's caption, or repeated it
		}
	}
	return out
}

// captionParagraph reports whether text, a paragraph right after fig, is
// fig's caption; when fig has none yet, text becomes its caption (and
// the credit at its end its credit).
func captionParagraph(fig *article.Figure, text article.Text) bool {
	plain := squash(text.Plain())
	if plain == "" || utf8.RuneCountInString(plain) > maxCaptionParagraph || strings.Contains(plain, "\n") {
		return false
	}
	if repeatsCaption(fig, plain) {
		return true
	}
	if len(fig.Caption) > 0 || fig.Credit != "" {
		return false
	}
	if figureNumberLabel.MatchString(plain) {
		fig.Caption = trimText(text)
		return true
	}
	if !strings.ContainsAny(plain, creditMarks) {
		return false
	}
	m := captionCredit.FindStringSubmatchIndex(plain)
	if m == nil {
		return false
	}
	credit := strings.TrimSpace(plain[m[2]:m[3]])
	caption := strings.TrimRight(strings.TrimSpace(plain[:m[2]]), "|–—-")
	if caption == "" && !creditStart.MatchString(credit) {
		return false
	}
	fig.Credit = cleanCaptionCredit(credit)
	fig.Caption = captionText(text, strings.TrimSpace(caption))
	return true
}

// repeatsCaption reports whether plain only repeats what fig already says
// (its caption, with or without a credit in parentheses, or its
// description followed by a credit in parentheses: the page printed its
// description as the caption); a credit fig lacks is kept.
func repeatsCaption(fig *article.Figure, plain string) bool {
	said, byAlt := squash(fig.Caption.Plain()), false
	if said == "" {
		said, byAlt = squash(fig.Alt), true
	}
	if said == "" || !strings.HasPrefix(plain, said) {
		return false
	}
	rest := strings.TrimSpace(plain[len(said):])
	if rest == "" {
		// a paragraph that only copies the description may be the
		// article's own: pages copy their lead paragraph into alt
		return !byAlt
	}
	m := parenCredit.FindStringSubmatch(rest)
	if m == nil {
		return false
	}
	if len(fig.Caption) == 0 {
		fig.Caption = article.Plain(said)
	}
	if fig.Credit == "" {
		fig.Credit = squash(m[1])
	}
	return true
}

// cleanCaptionCredit drops the parentheses around a credit and the label
// a reader does not need twice ("©" stays: it says what the name is).
func cleanCaptionCredit(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	return squash(strings.TrimSuffix(s, "."))
}

// captionText is text cut to its first len(caption) characters of plain
// text (the caption without its credit), keeping the runs' styles; nil
// when caption is empty.
func captionText(text article.Text, caption string) article.Text {
	if caption == "" {
		return nil
	}
	if squash(text.Plain()) != text.Plain() {
		return article.Plain(caption)
	}
	var out article.Text
	left := len(caption)
	for _, r := range text {
		if left <= 0 {
			break
		}
		if len(r.Text) > left {
			r.Text = r.Text[:left]
		}
		left -= len(r.Text)
		out = append(out, r)
	}
	return trimText(out)
}
