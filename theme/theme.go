// Package theme is galley's theme format: a page's look as data (the type
// of every role, spaces, colours, margins, columns, masthead, running head
// and footer, which images print). It holds the built-in themes, embedded
// from assets, reads user theme files (JSON or YAML) over the built-in
// they extend, and validates them. The layout engine turns a Theme into
// the type scheme it sets pages with.
package theme

import (
	"errors"

	"github.com/galleyprint/galley/page"
)

// Theme is a page's look as data: the type of every role, the spaces
// between blocks, colours, margins, columns, the masthead, the running
// head and footer, and which images print. Themes are JSON files (see
// docs/themes.md); the built-ins are embedded from assets/themes.
type Theme struct {
	// Name identifies the theme: a built-in's name, or a file's base name.
	Name string `json:"name"`
	// Description says what the theme is for, in a sentence.
	Description string `json:"description,omitempty"`
	// Extends names the built-in a theme file starts from ("classic" when
	// empty); every field the file leaves out is the base's.
	Extends string `json:"extends,omitempty"`
	// Styles are the text styles of each role.
	Styles Styles `json:"styles"`
	// Spacing holds the spaces and indents, in points.
	Spacing Spacing `json:"spacing"`
	// Colors are the colours of what is not text.
	Colors Colors `json:"colors"`
	// Margins are the page margins as page.ParseMargins reads them, e.g.
	// "62pt 80pt 64pt 80pt"; explicit options override them.
	Margins string `json:"margins"`
	// Columns is the number of body columns (1 to 4).
	Columns int `json:"columns"`
	// ColumnRules draws a hairline between columns.
	ColumnRules bool `json:"column_rules"`
	// Masthead is how the site's name heads page 1: MastheadDoubleRule,
	// MastheadSingleRule, MastheadBand or MastheadNone.
	Masthead string `json:"masthead"`
	// Header is the running head, printed from page 2 when the article
	// has a title.
	Header Furniture `json:"header"`
	// Footer is printed on every page.
	Footer Furniture `json:"footer"`
	// Images says which figures print their image: ImagesAll,
	// ImagesCaptioned (figures with neither caption nor credit are left
	// out) or ImagesNone (every figure prints as its caption).
	Images string `json:"images"`
	// Grayscale prints images in shades of grey.
	Grayscale bool `json:"grayscale"`
	// Ragged sets the body ragged right (flush left) rather than
	// justified, as large-print guidance asks.
	Ragged bool `json:"ragged"`
	// NoHyphenation never breaks words at line ends.
	NoHyphenation bool `json:"no_hyphenation"`
}

// TextStyle is how one role's text is set.
type TextStyle struct {
	// Font is the family: "serif", "sans" or "mono".
	Font   string `json:"font"`
	Bold   bool   `json:"bold"`
	Italic bool   `json:"italic"`
	// Size and Leading (the distance between baselines) are in points.
	Size    float64 `json:"size"`
	Leading float64 `json:"leading"`
	// Color is "#rrggbb".
	Color string `json:"color"`
}

// Styles are the text styles of a theme, by role.
type Styles struct {
	Body      TextStyle `json:"body"`
	Dek       TextStyle `json:"dek"`
	Headline  TextStyle `json:"headline"`
	Byline    TextStyle `json:"byline"`
	Dateline  TextStyle `json:"dateline"`
	Masthead  TextStyle `json:"masthead"`
	Caption   TextStyle `json:"caption"`
	Credit    TextStyle `json:"credit"`
	Code      TextStyle `json:"code"`
	Table     TextStyle `json:"table"`
	TableHead TextStyle `json:"table_head"`
	Quote     TextStyle `json:"quote"`
	Header    TextStyle `json:"header"`
	Footer    TextStyle `json:"footer"`
	H2        TextStyle `json:"h2"`
	H3        TextStyle `json:"h3"`
	H4        TextStyle `json:"h4"`
	H5        TextStyle `json:"h5"`
	H6        TextStyle `json:"h6"`
}

// Spacing holds a theme's spaces and indents, in points.
type Spacing struct {
	// ParagraphIndent indents the first line of a paragraph that follows
	// a paragraph.
	ParagraphIndent float64 `json:"paragraph_indent"`
	// Block is the space around lists, quotes, code, figures and tables.
	Block float64 `json:"block"`
	// Heading is the space above a heading.
	Heading     float64 `json:"heading"`
	ListIndent  float64 `json:"list_indent"`
	QuoteIndent float64 `json:"quote_indent"`
	CodePadding float64 `json:"code_padding"`
	CellPadding float64 `json:"cell_padding"`
	// Rule is the thickness of hairlines.
	Rule float64 `json:"rule"`
}

// Colors are a theme's colours of what is not text, each "#rrggbb".
type Colors struct {
	// CodeBackground fills code blocks; white draws no fill.
	CodeBackground string `json:"code_background"`
	// Rule colours decorative rules: a quote's bar, a table's inner rules.
	Rule string `json:"rule"`
	// Hairline colours the rules under the title block and the running
	// head, and section breaks.
	Hairline string `json:"hairline"`
	// Band fills the masthead's band (masthead "band").
	Band string `json:"band"`
}

// Furniture is the text of a running head or footer: templates for its
// left and right ends, with placeholders {title}, {site}, {page},
// {pages}, {date} and {author}. An empty template, or one whose
// placeholders all have no value, prints nothing.
type Furniture struct {
	Left  string `json:"left"`
	Right string `json:"right"`
}

// Masthead styles.
const (
	MastheadDoubleRule = "double-rule" // the site's name over a thick and a thin rule
	MastheadSingleRule = "single-rule" // the site's name over one rule
	MastheadBand       = "band"        // the site's name reversed out of a band
	MastheadNone       = "none"        // no masthead: the headline starts the page
)

// Image policies.
const (
	ImagesAll       = "all"       // every figure prints its image
	ImagesCaptioned = "captioned" // figures with neither caption nor credit are left out
	ImagesNone      = "none"      // every figure prints as its caption alone
)

// DefaultMargins are the margins of a theme that sets none. They suit A4
// and Letter: room for the running head and folio, and a measure of about
// 70 characters.
var DefaultMargins = page.Margins{Top: page.Pt(62), Right: page.Pt(80), Bottom: page.Pt(64), Left: page.Pt(80)}

// Default is the name of the theme used when none is named.
const Default = "classic"

// ErrUnknown is returned for a theme that is neither a built-in nor a
// file.
var ErrUnknown = errors.New("unknown theme")
