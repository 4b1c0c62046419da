// Package galley prints articles as well-made PDF pages. It reads an
// article — a web page, a Markdown post, a print-view text dump, plain
// text, or article JSON from a CMS — typesets it like a newspaper page
// (masthead, headline, byline and dateline, figures with captions, justified
// columns of text, running heads and folios) and writes a PDF.
//
//	arts, err := galley.ParseReader(r, galley.ParseOptions{Format: "html", BaseURL: pageURL})
//	...
//	res, err := galley.Export(ctx, w, arts[0], galley.Options{Page: page.Letter})
//
// [Parse] and [ParseReader] read inputs into the article model (package
// article); [Export] prints one article and [ExportBook] binds many into
// one book with a cover, contents and outline. The zero [Options] print on
// A4; its fields set the page, margins, images (plug in an [ImageFetcher]),
// limits and a logger for warnings. [ParseContext], Export, [Preview] and
// ExportBook take a context that every stage whose work grows with the
// input looks at as it goes; when it is done they return promptly an
// error wrapping ctx.Err(). Time and memory grow linearly with the
// input. Errors wrap sentinel values to test with errors.Is:
// [ErrNoContent], [ErrUnsupportedFormat] ([ErrCollection] for a feed or
// web archive), [ErrInvalidOptions], [ErrTooManyPages], [ErrTooLarge],
// [ErrTooDeep], [ErrFetch], and context.Canceled or
// context.DeadlineExceeded.
//
// The packages below do the work: parse (inputs to the model), media
// (images), layout (line breaking and pagination), pdf (drawing) and batch
// (archives). Package server is the HTTP printing service.
package galley

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/layout"
	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/parse"
	"github.com/galleyprint/galley/pdf"
	"github.com/galleyprint/galley/theme"
)

// Errors callers can test for with errors.Is.
var (
	// ErrNoContent: the input holds no article text.
	ErrNoContent = parse.ErrNoContent
	// ErrUnsupportedFormat: the input's format cannot be read.
	ErrUnsupportedFormat = parse.ErrUnsupportedFormat
	// ErrCollection: the input is a feed or a web archive, several
	// articles that package batch reads; it is also an ErrUnsupportedFormat.
	ErrCollection = parse.ErrCollection
	// ErrInvalidOptions: an option has a value galley cannot use.
	ErrInvalidOptions = errors.New("invalid options")
	// ErrTooManyPages: the article needs more than Options.MaxPages pages.
	ErrTooManyPages = layout.ErrTooManyPages
	// ErrTooLarge: the input is longer than ParseReader reads, or would
	// make more blocks (paragraphs, list items…) than galley reads of its
	// size: 10,000, and one for every 16 bytes.
	ErrTooLarge = parse.ErrTooLarge
	// ErrTooDeep: the input nests more deeply than galley reads: lists
	// and quotes more than article.MaxDepth (100) levels, HTML elements
	// more than 512.
	ErrTooDeep = parse.ErrTooDeep
)

// ParseOptions control reading an input. The zero value detects the format.
type ParseOptions = parse.Options

// Format names an input format; the zero value detects it.
type Format = parse.Format

// FormatInfo describes an input format galley reads: its name, file
// name endings, and whether it holds several articles (a feed, a web
// archive) that Parse refuses and package batch reads.
type FormatInfo = parse.FormatInfo

// Formats lists the input formats galley reads, for help texts and
// documentation.
func Formats() []FormatInfo { return parse.Formats() }

// Parse reads one input into articles: one for most formats, several for
// JSON Lines or a JSON array. opts.Format names the format (detected when
// empty), and opts.BaseURL resolves the relative links and images of a
// page that came from the web. It is ParseContext without a deadline.
func Parse(data []byte, opts ParseOptions) ([]*article.Article, error) {
	return parse.Parse(data, opts)
}

// ParseContext is Parse under ctx. Every stage whose time grows with the
// input looks at ctx as it goes: character decoding, HTML parsing (as it
// reads) and conversion (every few hundred nodes), Markdown (every line
// and many characters), text (every few hundred lines), JSON Lines
// (every line). Article extraction from a web page (readability), which
// takes no context, is bounded instead: ctx is looked at before and after
// it, and a page whose extraction would take more than about a second is
// converted whole. When ctx is done ParseContext returns within
// milliseconds an error wrapping ctx.Err(), so that errors.Is(err,
// context.DeadlineExceeded) or context.Canceled holds, and leaves no
// goroutine running.
func ParseContext(ctx context.Context, data []byte, opts ParseOptions) ([]*article.Article, error) {
	return parse.ParseContext(ctx, data, opts)
}

// MaxInputBytes is the most ParseReader reads of one input.
const MaxInputBytes = 64 << 20

// ParseReader reads an input from r, at most MaxInputBytes of it (longer
// inputs fail with ErrTooLarge), and parses it as Parse does.
func ParseReader(r io.Reader, opts ParseOptions) ([]*article.Article, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxInputBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxInputBytes {
		return nil, fmt.Errorf("%w: more than %d MB", ErrTooLarge, MaxInputBytes>>20)
	}
	return parse.Parse(data, opts)
}

// Options control printing. The zero value prints on A4 with the
// default margins and touches nothing: it reads no file (no image, no
// theme, no font but the embedded ones) and opens no connection. What
// the library may read or fetch is handed in: an image loader (Images),
// a theme read by the caller (CustomTheme) and fonts (Fonts).
type Options struct {
	// Page is the page size: page.A4 (the zero value's), page.A5,
	// page.Letter… or one ParsePageSize reads ("210x297mm"); its sides
	// are 2 in to about 70 cm.
	Page page.Size
	// Theme is the page's look, a built-in theme's name: classic (the
	// default), modern, large-print or ink-saver. It never names a file:
	// a theme read from one (LoadTheme) goes in CustomTheme. The
	// options below that are set override the theme's margins, sizes,
	// furniture and images.
	Theme ThemeName
	// CustomTheme, when set, is the theme, in place of Theme: one the
	// caller made or read (LoadTheme, docs/themes.md).
	CustomTheme *Theme
	// Margins are the distances from the page's edges to the text; zero
	// for the theme's. ParseMargins reads them in CSS order with units
	// ("20mm", "18mm,22mm").
	Margins page.Margins
	// Date is the PDF's creation date, from 0001-01-02 to 9999-12-31 UTC
	// (DateRange; others are refused); zero uses the article's own date,
	// else a fixed date, so the same input always gives the same bytes.
	Date time.Time
	// Logger receives warnings (missing glyphs, broken words, images not
	// printed…); nil discards them.
	Logger *slog.Logger

	// Images gets the bytes of the article's images. Nil takes data:
	// URIs alone (they are part of the article): image paths and remote
	// images print their captions, with a warning. NewImageLoader makes
	// the loader the CLI and the service use: files under the input's
	// folder, the web, within limits.
	Images ImageFetcher
	// NoImages prints every figure as its caption alone, whatever the
	// theme says.
	NoImages bool
	// Grayscale prints images in shades of grey (as the theme may too).
	Grayscale bool
	// ImageDPI is the resolution images are downsampled to at their
	// printed size; 0 is 200.
	ImageDPI float64

	// Fonts are where characters the embedded faces lack (a script
	// galley does not embed) are taken from: files the caller names and,
	// when asked, the fonts installed on the machine (NewFonts). Nil takes
	// none: such characters print as a replacement box, the same on every
	// machine. The PDF's Keywords name the font files used.
	Fonts *Fonts
	// Language overrides the article's language (ParseLanguage reads a
	// BCP 47 tag such as "en-GB" or "de"), which chooses the hyphenation
	// patterns; without either, the language is guessed from the text. A
	// well-formed tag galley does not know ("zz") prints unhyphenated,
	// with a warning.
	Language Language
	// SmartQuotes prints typographic quotation marks (of the text's
	// language: “ ” in English, „ “ in German, « » in French…),
	// apostrophes and dashes where the text has straight quotes, -- and
	// ---; code and URLs are left alone.
	SmartQuotes bool
	// FontSize is the body text's size in points (0: the theme's, 11 in
	// classic); headlines, captions and the rest scale with it.
	FontSize float64
	// LineHeight is the body's leading as a multiple of its size (0: the
	// theme's, about 1.4).
	LineHeight float64
	// NoHeader and NoFooter leave out the running head and the footer
	// with the page numbers.
	NoHeader, NoFooter bool
	// Links prints link addresses, which paper cannot click: LinksInline
	// in parentheses after the link text, LinksFootnotes as numbered
	// markers with the addresses at the foot of the marker's page,
	// LinksEndnotes with them listed at the end; LinksOff (the zero
	// value) prints the text alone.
	Links LinkStyle
	// QR prints a QR code of the article's URL in the top right corner
	// of its first page. When none can be printed (no URL, a top margin
	// too small, a URL too long to encode) Logger is told why.
	QR bool
	// Impose prints two pages on each sheet side: ImposeTwoUp in reading
	// order, or ImposeBooklet ordered so that the sheets, printed on both
	// sides, folded and nested, read in order. A sheet is the standard
	// size whose half Page is (A5 pages on A4 sheets, A4 on A3, Letter on
	// Tabloid), else twice as wide as Page (layout.SheetFor). ImposeNone
	// (the zero value) prints one page per page.
	Impose Imposition
	// Columns sets the body in 1, 2 or 3 columns (0: the theme's), under
	// a title block spanning them; wide landscape figures span them too.
	Columns int
	// Mirror mirrors the margins for printing on both sides: the left
	// margin is the inside one, on the right of even pages. Gutter adds
	// to the inside margin, for the binding (ParseGutter reads "8mm").
	Mirror bool
	Gutter page.Unit
	// DropCap sets the first letter of the article's first paragraph as a
	// drop cap two lines deep.
	DropCap bool
	// PDFProfile is the standard the PDF is written to: ProfileA2A
	// (PDF/A-2a and PDF/UA-1: archival, tagged, accessible), ProfileA2U
	// (PDF/A-2u, untagged) or ProfilePlain (no standard, the smallest
	// files); "" is DefaultPDFProfile. Previews are unaffected.
	PDFProfile PDFProfile

	// MaxPages, when above zero, fails an article that needs more pages
	// with ErrTooManyPages, as soon as that is sure.
	MaxPages int
	// MaxImages, when above zero, loads at most this many images of an
	// article; the others print their captions, with one warning.
	MaxImages int
}

// Result describes a printed article.
type Result struct {
	Pages  int // pages of the article
	Sheets int // PDF pages: Pages, or fewer when imposed
}

// Export typesets a and writes it as PDF to w. Nothing is written to w when
// it fails before the PDF is complete.
//
// Every stage looks at ctx as it goes: loading images (before each, and
// as each is decoded and scaled), the layout (between blocks, between the
// windows of a long paragraph, between pages) and the PDF writer (between
// pages). When ctx is done Export returns, within milliseconds of the
// stage's next look (a tenth of a second at most), an error wrapping
// ctx.Err(), so that errors.Is(err, context.DeadlineExceeded) or
// context.Canceled holds; it has then waited for the image loads it
// started to stop, and leaves no goroutine running. With
// Options.MaxPages, an article sure to need more pages fails with
// ErrTooManyPages as soon as the layout knows, before the rest is set;
// an article whose blocks nest more than article.MaxDepth levels fails
// with ErrTooDeep.
func Export(ctx context.Context, w io.Writer, a *article.Article, opts Options) (Result, error) {
	return export(ctx, w, a, opts, pdf.Write)
}

// ExportStreaming is Export writing the PDF to w as it is made, for a
// reader that can use the first bytes before the last are ready (an HTTP
// answer, a pipe): once the article is laid out, each page goes to w as it
// is drawn, and the fonts and the PDF's tables at the end. Nothing is
// written when it fails before the first page is drawn (a bad article, a
// layout error, a page limit passed); when it fails after, what was
// written is not a PDF, and the caller must say so to its reader (an HTTP
// service cuts the answer off). The PDF is the same document as Export's,
// with its objects in another order.
func ExportStreaming(ctx context.Context, w io.Writer, a *article.Article, opts Options) (Result, error) {
	return export(ctx, w, a, opts, pdf.WriteStreaming)
}

func export(ctx context.Context, w io.Writer, a *article.Article, opts Options, write func(context.Context, io.Writer, *page.Document) error) (Result, error) {
	doc, res, err := typeset(ctx, a, opts)
	if err != nil {
		return Result{}, err
	}
	if err := write(ctx, w, doc); err != nil {
		return Result{}, err
	}
	return res, nil
}

// typeset lays a out and imposes its pages: the display list that Export
// writes as PDF and Preview draws as images.
func typeset(ctx context.Context, a *article.Article, opts Options) (*page.Document, Result, error) {
	if a == nil || (strings.TrimSpace(a.Title) == "" && len(a.Body) == 0) {
		return nil, Result{}, ErrNoContent
	}
	lo, err := layoutOptions(a, opts)
	if err != nil {
		return nil, Result{}, err
	}
	lo.Images = loadImages(ctx, a, opts, lo)
	if err := ctx.Err(); err != nil {
		return nil, Result{}, err
	}
	doc, err := layout.Layout(ctx, a, lo)
	if err != nil {
		return nil, Result{}, err
	}
	doc.PlaceDrawings(lo.Fonts)
	recordFonts(doc, lo.Fonts)
	reduceImages(ctx, doc, opts.ImageDPI, lo.Logger)
	if err := ctx.Err(); err != nil {
		return nil, Result{}, err
	}
	doc.Info.Profile = string(opts.PDFProfile)
	pages := len(doc.Pages)
	if doc, err = layout.Impose(doc, opts.Impose); err != nil {
		return nil, Result{}, fmt.Errorf("%w: %v", ErrInvalidOptions, err)
	}
	return doc, Result{Pages: pages, Sheets: len(doc.Pages)}, nil
}

// Check reports whether the options can be used, before any input is read.
// Their text was parsed when they were built (BuildSettings, or the
// option's parser: ParsePageSize, ParseMargins…); Check parses and reads
// nothing, but checks the values a caller may have set without a parser
// (a page.Size, a LinkStyle), with the parsers' wording.
func (o Options) Check() error {
	o.Logger = nil // warnings are for printing
	_, err := layoutOptions(&article.Article{}, o)
	return err
}

func layoutOptions(a *article.Article, opts Options) (layout.Options, error) {
	lo := layout.Options{Logger: opts.Logger, Created: opts.Date, Encode: pdf.Encode}
	if err := setPage(&lo, opts); err != nil {
		return layout.Options{}, err
	}
	if opts.MaxPages < 0 || opts.MaxImages < 0 {
		return layout.Options{}, fmt.Errorf("%w: negative page or image limit", ErrInvalidOptions)
	}
	lo.MaxPages = opts.MaxPages
	if _, err := ParsePDFProfile(string(opts.PDFProfile)); err != nil {
		return layout.Options{}, err
	}
	lo.Language = languageOption(opts.Language, opts.Logger)
	var err error
	if lo.Fonts, err = opts.Fonts.fontSet(); err != nil {
		return layout.Options{}, err
	}
	lo.SmartQuotes = opts.SmartQuotes
	lo.DropCap = opts.DropCap
	lo.NoHeader, lo.NoFooter, lo.QR = opts.NoHeader, opts.NoFooter, opts.QR
	if opts.Columns < 0 || opts.Columns > 3 {
		return layout.Options{}, fmt.Errorf("%w: %d columns; galley sets 1, 2 or 3", ErrInvalidOptions, opts.Columns)
	}
	lo.Columns, lo.Mirror = opts.Columns, opts.Mirror
	switch {
	case opts.FontSize < 0 || opts.FontSize > 0 && (opts.FontSize < 5 || opts.FontSize > 72):
		return layout.Options{}, fmt.Errorf("%w: font size %g pt is not between 5 and 72", ErrInvalidOptions, opts.FontSize)
	case opts.LineHeight < 0 || opts.LineHeight > 0 && (opts.LineHeight < 1 || opts.LineHeight > 3):
		return layout.Options{}, fmt.Errorf("%w: line height %g is not between 1 and 3", ErrInvalidOptions, opts.LineHeight)
	}
	lo.FontSize, lo.LineHeight = page.Pt(opts.FontSize), opts.LineHeight
	if opts.ImageDPI < 0 || opts.ImageDPI > 1200 {
		return layout.Options{}, fmt.Errorf("%w: image resolution %g dpi is not between 0 and 1200", ErrInvalidOptions, opts.ImageDPI)
	}
	if err := layout.CheckPage(page.Size{W: lo.Page.W - lo.Gutter, H: lo.Page.H}, lo.Margins); err != nil {
		return layout.Options{}, fmt.Errorf("%w: %v", ErrInvalidOptions, err)
	}
	if !opts.Date.IsZero() {
		if err := checkDate(opts.Date, opts.Date.Format(time.RFC3339)); err != nil {
			return layout.Options{}, err
		}
	}
	if lo.Created.IsZero() {
		lo.Created = a.Date()
	}
	return lo, nil
}

// Theme is a page's look as data: type, spaces, colours, margins,
// columns, masthead, running head and footer, and which images print.
// docs/themes.md describes its JSON form.
type Theme = theme.Theme

// Themes returns the built-in themes, the default (classic) first.
func Themes() []*Theme { return theme.All() }

// BuiltinTheme returns the built-in theme of that name, or an error
// listing them. It never reads a file: a service can pass it what a
// client sends.
func BuiltinTheme(name string) (*Theme, error) { return theme.Builtin(name) }

// LoadTheme returns the built-in theme of that name, else reads and
// validates the JSON or YAML theme file at that path; "" is the default
// theme. It is how the CLI reads --theme: a built-in's name goes in
// Options.Theme, a theme read from a file in Options.CustomTheme.
func LoadTheme(nameOrPath string) (*Theme, error) { return theme.Load(nameOrPath) }

// themeOption returns the theme opts ask for: CustomTheme, else the
// built-in Theme names. It reads no file.
func themeOption(opts Options) (*Theme, error) {
	if opts.CustomTheme != nil {
		if err := opts.CustomTheme.Validate(); err != nil {
			return nil, fmt.Errorf("%w: theme %s: %v", ErrInvalidOptions, opts.CustomTheme.Name, err)
		}
		return opts.CustomTheme, nil
	}
	return opts.Theme.theme()
}
