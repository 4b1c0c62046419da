package parse

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/galleyprint/galley/article"
)

// Text reads a plain-text article or a print-view dump of a web page.
//
// Page furniture lines ("Print", "Share this article", "Loading...", lone
// counters, avatar alt texts, …) are dropped. The first line is the title if
// it looks like a headline; bylines ("By Jane Doe and John Roe") and
// datelines (see ParseDate) near the top become Authors, Published and
// Updated. Image credit lines ("Image: KCNA", "(Photo by …)") become figure
// blocks without a picture, keeping the credit as written. Lines starting
// with "- ", "* ", "• " or "1. " in runs of two or more become lists, "## "
// lines and short lines in capitals between paragraphs become headings, and
// "* * *" or "---" lines become rules.
//
// Paragraphs are separated by blank lines. In hard-wrapped text the lines of
// a paragraph are joined; in a dump whose lines are whole paragraphs, each
// line is one.
//
// Invalid UTF-8 is replaced with U+FFFD and reported once through logger
// (nil discards). Binary data gives an error wrapping ErrUnsupportedFormat,
// and input without body text one wrapping ErrNoContent.
func Text(data []byte, logger *slog.Logger) (*article.Article, error) {
	return readText(context.Background(), data, logger)
}

// readText is Text under ctx, which is looked at every few hundred lines.
func readText(ctx context.Context, data []byte, logger *slog.Logger) (*article.Article, error) {
	s, err := clean(data, logger)
	if err != nil {
		return nil, err
	}
	c := &canceller{ctx: ctx}
	// lines shorter than 8 bytes on average, more than twice as many as
	// the blocks allowed, could not make fewer blocks than that (only
	// wrapped lines, of 30 to 100 characters, join)
	maxLines := 2 * maxBlocks(len(data))
	lines := splitLines(s, c, maxLines)
	if c.done() {
		return nil, cancelled("reading text", c.err)
	}
	if len(lines) > maxLines {
		return nil, tooManyBlocks(len(data))
	}
	if len(lines) == 0 {
		if strings.TrimSpace(s) == "" {
			return nil, fmt.Errorf("%w: the input is empty", ErrNoContent)
		}
		return nil, fmt.Errorf("%w: nothing but page furniture", ErrNoContent)
	}
	wrapped := isWrapped(lines)
	a := &article.Article{}
	lines = readHeader(a, lines, wrapped)
	us := units(lines, wrapped, c, maxBlocks(len(data)))
	if c.done() {
		return nil, cancelled("reading text", c.err)
	}
	if len(us) > maxBlocks(len(data)) {
		return nil, tooManyBlocks(len(data))
	}
	a.Body = assemble(us)
	if len(a.Body) > 0 && a.Body[0].Kind == article.KindFigure {
		a.Lead, a.Body = a.Body[0].Figure, a.Body[1:]
	}
	if !hasText(a.Body) {
		if a.Title == "" {
			return nil, fmt.Errorf("%w: no body text after the headline and page furniture", ErrNoContent)
		}
		// A lone line is text, not an untitled article's headline.
		a.Body = append([]article.Block{paragraph(a.Title)}, a.Body...)
		a.Title = ""
	}
	return a, nil
}

// line is one non-empty line of text, trimmed, its spaces collapsed.
type line struct {
	text  string
	chunk int // lines of one chunk are not separated by blank lines
}

// splitLines splits s into lines, dropping blank lines and furniture. A
// furniture line ends a chunk as a blank line does. It stops early when
// c does, and once it has more than max lines.
func splitLines(s string, c *canceller, max int) []line {
	var lines []line
	chunk := 0
	for s != "" && len(lines) <= max && !c.stop() {
		var l string
		l, s, _ = strings.Cut(s, "\n")
		if l = collapse(l); l != "" && !isFurniture(l) {
			lines = append(lines, line{l, chunk})
		} else if n := len(lines); n > 0 && lines[n-1].chunk == chunk {
			chunk++
		}
	}
	return lines
}

// isWrapped reports whether the text is hard-wrapped: whether most lines
// that are followed by another line of their chunk are 30 to 100
// characters long, as lines wrapped at a fixed width are.
func isWrapped(lines []line) bool {
	wrapLike, total := 0, 0
	for i := 0; i+1 < len(lines); i++ {
		if lines[i].chunk != lines[i+1].chunk {
			continue
		}
		total++
		if t := lines[i].text; len(t) <= 400 {
			if n := utf8.RuneCountInString(t); n >= 30 && n <= 100 {
				wrapLike++
			}
		}
	}
	return wrapLike >= 2 && wrapLike*2 > total
}

// headerLines is how many lines from the top the title, byline and
// dateline are looked for in.
const headerLines = 8

// readHeader takes the title, byline and dateline from the top of lines into
// a and returns the other lines. The title must be the first line that is
// neither byline, dateline nor image credit; the header ends at the next.
// Two exceptions: a first line that reads as a byline is the title unless a
// headline follows it ("By Land and Sea"), and a kicker of one or two words
// before a headline and byline ("Politics") is dropped.
func readHeader(a *article.Article, lines []line, wrapped bool) []line {
	lines = joinBylineLabels(lines)
	var credits []line
	titled := false
	i := 0
	for ; i < len(lines) && i < headerLines; i++ {
		l := lines[i]
		if (titled || !isByline(l.text) || isHeadlineAt(lines, i+1) || isCreditsLine(l.text)) && readMeta(a, l.text) {
			continue
		}
		if isCredit(l.text) {
			credits = append(credits, l)
			continue
		}
		if titled {
			break
		}
		if strings.Count(l.text, " ") <= 1 && isHeadlineAt(lines, i+1) && i+2 < len(lines) && isMeta(lines[i+2].text) {
			continue // a kicker
		}
		titled = true
		t, ok := headline(l.text)
		// In wrapped text, a headline has its chunk to itself.
		if !ok || wrapped && i+1 < len(lines) && lines[i+1].chunk == l.chunk && !isMeta(lines[i+1].text) {
			break
		}
		a.Title = t
	}
	rest := lines[i:]
	if j := repeatedHeadline(a.Title, rest); j >= 0 {
		// the first line was the document's title, "Headline - Site"; the
		// headline repeats it without the site
		a.Title = rest[j].text
		rest = append(rest[:j:j], rest[j+1:]...)
	}
	if len(credits) == 0 {
		return rest
	}
	return append(credits, rest...)
}

// repeatedHeadline returns the index of the line among the first of
// lines that title begins with before a separator ("New Zealand" of
// "New Zealand - Wikipedia"), or -1.
func repeatedHeadline(title string, lines []line) int {
	for j := 0; j < len(lines) && j < headerLines && title != ""; j++ {
		if _, ok := cutToBare(title, lines[j].text); ok {
			return j
		}
	}
	return -1
}

// isCreditsLine reports a byline written as a credits line, in lower
// case ("by Contributors to Wikimedia projects"): no headline starts so.
func isCreditsLine(s string) bool {
	return strings.HasPrefix(s, "by ") || strings.HasPrefix(s, "by:")
}

// joinBylineLabels joins a byline's label printed on lines of its own
// ("By", "by By") to the name on the next line, in the header.
func joinBylineLabels(lines []line) []line {
	for i := 0; i+1 < len(lines) && i < headerLines; i++ {
		k := i
		for k < len(lines) && isBylineLabel(lines[k].text) {
			k++
		}
		if k > i && k < len(lines) && isName(lines[k].text) {
			joined := line{text: "By " + lines[k].text, chunk: lines[i].chunk}
			lines = append(append(lines[:i:i], joined), lines[k+1:]...)
		}
	}
	return lines
}

// isBylineLabel reports whether s is only the word "by", once or more,
// with slashes or bars: "By", "by By", "By /".
func isBylineLabel(s string) bool {
	words := strings.Fields(furnitureKey(s))
	for _, w := range words {
		if w != "by" {
			return false
		}
	}
	return len(words) > 0
}

func isByline(s string) bool {
	_, _, ok := byline(s)
	return ok
}

func isMeta(s string) bool {
	return readMeta(&article.Article{}, s)
}

// isHeadlineAt reports whether lines[i] is a headline and no byline or
// dateline.
func isHeadlineAt(lines []line, i int) bool {
	if i >= len(lines) || isMeta(lines[i].text) {
		return false
	}
	_, ok := headline(lines[i].text)
	return ok
}

// readMeta reads a byline, a dateline, or a line of both separated by "|"
// or "·", into a's empty fields. It changes nothing and reports false
// unless the whole line is such and fits.
func readMeta(a *article.Article, s string) bool {
	if len(s) > 300 {
		return false
	}
	var m article.Article
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == '·' || r == '•' }) {
		part = strings.TrimSpace(part)
		if names, date, ok := byline(part); ok && m.Authors == nil {
			m.Authors = names
			if date != "" && !setDate(&m, date) {
				return false
			}
			continue
		}
		if !setDate(&m, part) {
			return false
		}
	}
	if m.Authors != nil && a.Authors != nil || m.Published != nil && a.Published != nil || m.Updated != nil && a.Updated != nil {
		return false
	}
	if m.Authors == nil && m.Published == nil && m.Updated == nil {
		return false
	}
	if m.Authors != nil {
		a.Authors = m.Authors
	}
	if m.Published != nil {
		a.Published = m.Published
	}
	if m.Updated != nil {
		a.Updated = m.Updated
	}
	return true
}

// setDate reads the dateline s into a.Published, or a.Updated if it says
// so, unless that is set already.
func setDate(a *article.Article, s string) bool {
	t, updated, ok := parseDateline(s)
	p := &a.Published
	if updated {
		p = &a.Updated
	}
	if !ok || *p != nil {
		return false
	}
	*p = &t
	return true
}

// unitKind is the kind of a unit.
type unitKind int

const (
	uPara unitKind = iota
	uItem
	uHeading
	uCredit
	uCaption
	uRule
)

// unit is a paragraph, list item, heading, credit, caption or rule read from
// one line, or from several lines of one chunk of wrapped text.
type unit struct {
	kind    unitKind
	text    string
	marker  string // a list item's marker as written: "-", "2."
	chunk   int
	lines   int
	ordered bool
	num     int // an ordered item's number; a heading's level
}

// classify makes the unit of one line.
func classify(l line) unit {
	u := unit{kind: uPara, text: l.text, chunk: l.chunk, lines: 1}
	switch {
	case isCredit(l.text):
		u.kind = uCredit
	case hasPrefixFold(l.text, "caption:") && len(l.text) > len("caption:"):
		u.kind, u.text = uCaption, strings.TrimSpace(l.text[len("caption:"):])
	case isRule(l.text):
		u.kind = uRule
	default:
		if level, text, ok := atxHeading(l.text); ok {
			u.kind, u.text, u.num = uHeading, text, max(level, 2)
		} else if ordered, num, text, ok := listItem(l.text); ok {
			marker, _, _ := strings.Cut(l.text, " ")
			u.kind, u.text, u.marker, u.ordered, u.num = uItem, text, marker, ordered, num
		}
	}
	return u
}

// units turns lines into units. In wrapped text, the following lines of a
// paragraph's or list item's chunk continue it. It stops early when c
// does, and once it has more than max units.
func units(lines []line, wrapped bool, c *canceller, max int) []unit {
	us := make([]unit, 0, min(len(lines), max+1)) // at most a unit a line: never grown, never copied
	var parts []string
	open := -1 // the unit that collects wrapped lines
	flush := func() {
		if open >= 0 {
			us[open].text = joinLines(parts)
			us[open].lines = len(parts)
			open, parts = -1, parts[:0]
		}
	}
	for i, l := range lines {
		if c.stop() || len(us) > max {
			break
		}
		if i > 0 && lines[i-1].chunk != l.chunk {
			flush()
		}
		u := classify(l)
		if u.kind == uPara && open >= 0 {
			parts = append(parts, u.text)
			continue
		}
		flush()
		us = append(us, u)
		if wrapped && (u.kind == uPara || u.kind == uItem) {
			open, parts = len(us)-1, append(parts, u.text)
		}
	}
	flush()
	return us
}

// joinLines joins the lines of a wrapped paragraph with spaces; a line
// ending in a hyphen after a letter is joined without one.
func joinLines(parts []string) string {
	if len(parts) == 1 {
		return parts[0]
	}
	n := len(parts)
	for _, p := range parts {
		n += len(p)
	}
	var b strings.Builder
	b.Grow(n)
	for i, p := range parts {
		if i > 0 && !endsHyphenated(parts[i-1]) {
			b.WriteByte(' ')
		}
		b.WriteString(p)
	}
	return b.String()
}

func endsHyphenated(s string) bool {
	if !strings.HasSuffix(s, "-") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:len(s)-1])
	return unicode.IsLetter(r)
}

// maxCaption is the longest line taken for the caption of a credit that
// follows it in the same chunk.
const maxCaption = 150

// assemble turns units into body blocks.
func assemble(us []unit) []article.Block {
	blocks := make([]article.Block, 0, len(us)) // at most a block a unit: never grown, never copied
	for i := 0; i < len(us); i++ {
		u := us[i]
		last := len(blocks) - 1
		switch u.kind {
		case uItem:
			j := listRun(us, i)
			if j-i < 2 {
				blocks = append(blocks, paragraph(u.marker+" "+u.text))
				continue
			}
			blocks = append(blocks, list(us[i:j]))
			i = j - 1
		case uCaption:
			if i+1 < len(us) && us[i+1].kind == uCredit {
				continue // the credit takes it
			}
			blocks = append(blocks, figure(article.Plain(u.text), ""))
		case uCredit:
			var caption article.Text
			if i > 0 {
				p := us[i-1]
				switch {
				case p.kind == uCaption:
					caption = article.Plain(p.text)
				case p.kind == uPara && p.chunk == u.chunk && p.lines == 1 && utf8.RuneCountInString(p.text) <= maxCaption &&
					last >= 0 && blocks[last].Kind == article.KindParagraph:
					caption, blocks = blocks[last].Text, blocks[:last]
				}
			}
			blocks = append(blocks, figure(caption, u.text))
		case uRule:
			if last >= 0 && blocks[last].Kind != article.KindRule {
				blocks = append(blocks, article.Block{Kind: article.KindRule})
			}
		case uHeading:
			blocks = append(blocks, article.Block{Kind: article.KindHeading, Level: min(u.num, 6), Text: article.Plain(u.text)})
		default:
			if u.lines == 1 && last >= 0 && blocks[last].Kind == article.KindParagraph &&
				i+1 < len(us) && us[i+1].kind == uPara && isCapsHeading(u.text) {
				blocks = append(blocks, article.Block{Kind: article.KindHeading, Level: 2, Text: article.Plain(u.text)})
				continue
			}
			blocks = append(blocks, paragraph(u.text))
		}
	}
	if n := len(blocks); n > 0 && blocks[n-1].Kind == article.KindRule {
		blocks = blocks[:n-1]
	}
	return blocks
}

// listRun returns the end of the run of list items that starts at us[i]:
// items of one kind, ordered ones numbered one by one.
func listRun(us []unit, i int) int {
	j := i + 1
	for j < len(us) && us[j].kind == uItem && us[j].ordered == us[i].ordered &&
		(!us[i].ordered || us[j].num == us[j-1].num+1) {
		j++
	}
	return j
}

// list makes a list block of a run of items.
func list(items []unit) article.Block {
	b := article.Block{Kind: article.KindList, Ordered: items[0].ordered}
	if b.Ordered && items[0].num != 1 {
		b.Start = items[0].num
	}
	for _, it := range items {
		b.Items = append(b.Items, article.ListItem{Blocks: []article.Block{paragraph(it.text)}})
	}
	return b
}

func paragraph(s string) article.Block {
	return article.Block{Kind: article.KindParagraph, Text: article.Plain(s)}
}

func figure(caption article.Text, credit string) article.Block {
	return article.Block{Kind: article.KindFigure, Figure: &article.Figure{Caption: caption, Credit: credit}}
}

// hasText reports whether blocks have a paragraph, heading or list.
func hasText(blocks []article.Block) bool {
	for _, b := range blocks {
		switch b.Kind {
		case article.KindParagraph, article.KindHeading, article.KindList:
			return true
		}
	}
	return false
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
