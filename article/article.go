// Package article is galley's one model of an article: metadata, body
// blocks and inline runs, whatever format the article came from.
//
// Its JSON form (see docs/article-json.md and docs/article.schema.json) is
// also galley's JSON input format and the output of `galley inspect`.
// The package depends on the standard library only.
package article

import (
	"strings"
	"time"
)

// Direction is the base text direction of an article.
type Direction string

// Text directions. The zero value means "decide from the text".
const (
	DirAuto Direction = ""
	DirLTR  Direction = "ltr"
	DirRTL  Direction = "rtl"
)

// Article is one article: its metadata and its body.
type Article struct {
	Title     string     `json:"title"`
	Subtitle  string     `json:"subtitle,omitempty"` // the dek or standfirst
	Authors   []string   `json:"authors,omitempty"`
	Published *time.Time `json:"published,omitempty"`
	Updated   *time.Time `json:"updated,omitempty"`
	SiteName  string     `json:"site_name,omitempty"`
	URL       string     `json:"url,omitempty"` // the canonical source URL
	Language  string     `json:"language,omitempty"`
	Direction Direction  `json:"direction,omitempty"`
	Excerpt   string     `json:"excerpt,omitempty"`
	Tags      []string   `json:"tags,omitempty"`
	Lead      *Figure    `json:"lead,omitempty"` // the lead figure, printed under the headline
	Body      []Block    `json:"body"`
}

// BlockKind names the kind of a body block.
type BlockKind string

// The block kinds.
const (
	KindParagraph BlockKind = "paragraph"
	KindHeading   BlockKind = "heading"
	KindQuote     BlockKind = "quote"
	KindList      BlockKind = "list"
	KindCode      BlockKind = "code"
	KindFigure    BlockKind = "figure"
	KindTable     BlockKind = "table"
	KindRule      BlockKind = "rule"
	// KindPullQuote is a passage of the article repeated in display type
	// (a pull quote), printed only where the source marks one.
	KindPullQuote BlockKind = "pullquote"
)

// Block is one body block. Kind says which of the other fields apply:
//
//	paragraph  Text
//	heading    Level (2–6), Text
//	quote      Blocks, and Text for an optional attribution
//	list       Ordered, Start, Items
//	code       Code, Language
//	figure     Figure
//	table      Table
//	rule       nothing
//	pullquote  Text
//	math       Math (a display formula), and Text its linear form
type Block struct {
	Kind     BlockKind  `json:"type"`
	Level    int        `json:"level,omitempty"`
	Text     Text       `json:"text,omitempty"`
	Blocks   []Block    `json:"blocks,omitempty"`
	Ordered  bool       `json:"ordered,omitempty"`
	Start    int        `json:"start,omitempty"`
	Items    []ListItem `json:"items,omitempty"`
	Code     string     `json:"code,omitempty"`
	Language string     `json:"language,omitempty"`
	Figure   *Figure    `json:"figure,omitempty"`
	Table    *Table     `json:"table,omitempty"`
	Math     *Math      `json:"math,omitempty"`
	// Lang is the language of the block's text (a BCP 47 tag) when it
	// is not the article's: a passage in another language.
	Lang string `json:"lang,omitempty"`
	// Dir is the base direction of the block's text when it has its own
	// (an HTML dir attribute); empty: the article's, or for a block of
	// a left-to-right article, that of its first letter.
	Dir Direction `json:"dir,omitempty"`
	// Standfirst marks a paragraph that is the article's standfirst (its
	// dek: the sentence or two under the headline that the page shows
	// in the article's text). As the body's first block of an article
	// without a Subtitle, it prints under the headline in the dek's
	// style; elsewhere it is a paragraph like any other.
	Standfirst bool `json:"standfirst,omitempty"`
}

// ListItem is one item of a list: blocks, usually one paragraph, possibly a
// nested list.
type ListItem struct {
	Blocks []Block `json:"blocks"`
}

// Figure is an image with its caption and credit. Src may be empty: a figure
// whose picture is unknown (a print-view dump keeps only its caption) prints
// its caption and credit alone.
type Figure struct {
	Src     string `json:"src,omitempty"` // URL, data: URI or path relative to the input
	Alt     string `json:"alt,omitempty"`
	Caption Text   `json:"caption,omitempty"`
	Credit  string `json:"credit,omitempty"` // printed as written, e.g. "Image: KCNA"
	Width   int    `json:"width,omitempty"`  // intrinsic size in pixels, when known
	Height  int    `json:"height,omitempty"`
}

// Table is a table: a caption, header rows, body rows, footer rows and
// notes printed under it.
type Table struct {
	Caption Text     `json:"caption,omitempty"`
	Header  [][]Cell `json:"header,omitempty"`
	Rows    [][]Cell `json:"rows"`
	// Footer rows (an HTML <tfoot>: totals, sums) close the table.
	Footer [][]Cell `json:"footer,omitempty"`
	// Notes are printed under the table in small type: sources,
	// footnotes to its cells.
	Notes []Text `json:"notes,omitempty"`
}

// Align is the horizontal alignment of a table cell.
type Align string

// Cell alignments. The zero value aligns to the start of the line.
const (
	AlignStart  Align = ""
	AlignCenter Align = "center"
	AlignEnd    Align = "end"
)

// Scope says which cells a header cell heads.
type Scope string

// Header scopes. The zero value: the column of a cell in a header row,
// the row of a header cell in a body row.
const (
	ScopeAuto Scope = ""
	ScopeRow  Scope = "row"
	ScopeCol  Scope = "col"
)

// MaxSpan is the most columns or rows one cell may span, as browsers
// clamp HTML's colspan (to 1000); Validate refuses more.
const MaxSpan = 1000

// Cell is one table cell: inline text, or blocks (paragraphs, lists,
// code, figures) when it holds more than a line of text.
type Cell struct {
	Text Text `json:"text,omitempty"`
	// Blocks is the cell's content when it is more than inline text;
	// Text is then empty.
	Blocks  []Block `json:"blocks,omitempty"`
	ColSpan int     `json:"colspan,omitempty"`
	RowSpan int     `json:"rowspan,omitempty"`
	// Header marks a header cell (an HTML <th>): in a body row, the
	// row's header.
	Header bool  `json:"header,omitempty"`
	Scope  Scope `json:"scope,omitempty"`
	Align  Align `json:"align,omitempty"`
}

// Plain returns the cell's text without styles; a cell of blocks, their
// text a block a line.
func (c *Cell) Plain() string {
	if len(c.Blocks) == 0 {
		return c.Text.Plain()
	}
	a := Article{Body: c.Blocks}
	return strings.TrimSuffix(a.PlainText(), "\n")
}

// Inline is one run of text with one style. A run with Break set is a
// forced line break and carries no text. A run with Math is an inline
// formula, and its Text the formula's linear form (formula.Linear), which
// whatever does not typeset formulas reads as its text.
type Inline struct {
	Text   string `json:"text,omitempty"`
	Bold   bool   `json:"bold,omitempty"`
	Italic bool   `json:"italic,omitempty"`
	Code   bool   `json:"code,omitempty"`
	Sup    bool   `json:"sup,omitempty"`
	Sub    bool   `json:"sub,omitempty"`
	Strike bool   `json:"strike,omitempty"`
	Link   string `json:"link,omitempty"`
	Break  bool   `json:"break,omitempty"`
	Math   *Math  `json:"math,omitempty"`
}

// Text is a sequence of inline runs. In JSON it is an array of runs, or a
// plain string for one unstyled run.
type Text []Inline

// Plain returns t as a string without styles; line breaks become newlines.
func (t Text) Plain() string {
	if len(t) == 1 && !t[0].Break {
		return t[0].Text // most paragraphs are one run: no copy
	}
	n := 0
	for _, r := range t {
		n += len(r.Text) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for _, r := range t {
		if r.Break {
			b.WriteByte('\n')
			continue
		}
		b.WriteString(r.Text)
	}
	return b.String()
}

// Plain makes a one-run Text.
func Plain(s string) Text {
	if s == "" {
		return nil
	}
	return Text{{Text: s}}
}

// Byline returns the authors joined for print: "A", "A and B", "A, B and C".
func (a *Article) Byline() string {
	n := len(a.Authors)
	switch n {
	case 0:
		return ""
	case 1:
		return a.Authors[0]
	}
	return strings.Join(a.Authors[:n-1], ", ") + " and " + a.Authors[n-1]
}

// Date returns the article's date for print and metadata: the publication
// time, else the update time, else the zero time.
func (a *Article) Date() time.Time {
	if a.Published != nil {
		return *a.Published
	}
	if a.Updated != nil {
		return *a.Updated
	}
	return time.Time{}
}

// Figures lists a's figures in reading order: the lead's, then the body's
// in document order, however deep they are (a block's own figure, then
// its blocks, then its list items'). It walks with a stack of its own, so
// any depth costs no call stack.
func (a *Article) Figures() []*Figure {
	var out []*Figure
	if a.Lead != nil {
		out = append(out, a.Lead)
	}
	// each entry is the rest of a list of blocks; a block's children go on
	// top, so they come before its next sibling
	stack := [][]Block{a.Body}
	for len(stack) > 0 {
		top := len(stack) - 1
		if len(stack[top]) == 0 {
			stack = stack[:top]
			continue
		}
		b := &stack[top][0]
		stack[top] = stack[top][1:]
		if b.Figure != nil {
			out = append(out, b.Figure)
		}
		for i := len(b.Items) - 1; i >= 0; i-- {
			if len(b.Items[i].Blocks) > 0 {
				stack = append(stack, b.Items[i].Blocks)
			}
		}
		if len(b.Blocks) > 0 {
			stack = append(stack, b.Blocks)
		}
	}
	return out
}
