// Package page is the page model every writer shares: a Document of
// pages, each a display list of positioned items (text runs, rules,
// filled rectangles, images, links) with the structure role of each, in
// integer Units (1/64 pt), with the images they draw, the outline and the
// metadata. The layout engine produces it; the PDF and PNG writers draw it
// without deciding anything; media fills its images.
//
// The package also writes a document as text (Dump, for golden tests) and
// checks the rules every layout keeps (Verify).
package page

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/galleyprint/galley/fonts"
)

// Document is a laid-out article: pages of positioned items, ready for any
// writer (PDF, PNG) without further decisions.
type Document struct {
	Info    Info
	Margins Margins
	// Mirrored documents have Margins.Left plus Gutter on the inside:
	// on the right of even pages.
	Mirrored bool
	Gutter   Unit
	Pages    []*Page
	Outline  []Bookmark
	Images   map[string]*Image // images referenced by ItemImage, by key
	// Structure is the document's logical structure, which items name
	// (Item.Tag): what tagged PDF writes as its structure tree.
	Structure Structure
}

// TextEdges returns the left and right edges of page i's text block (see
// Margins.Edges).
func (d *Document) TextEdges(i int) (left, right Unit) {
	return d.Margins.Edges(d.Pages[i].Size.W, d.Gutter, d.Mirrored, i)
}

// Info is the document metadata.
type Info struct {
	Title, Author, Subject, Keywords, Language string
	Created                                    time.Time
	// Profile is the standard the PDF is written to: "a2a" (PDF/A-2a
	// and PDF/UA-1, tagged), "a2u" (PDF/A-2u) or "plain"; "" is the
	// PDF writer's default.
	Profile string
}

// SetLanguage makes lang the document's language: text in its former
// language becomes a passage in another language, as an article bound in
// a book in another language is.
func (d *Document) SetLanguage(lang string) {
	if old := d.Info.Language; old != lang && old != "" {
		lone := &ItemMore{Lang: old}
		for _, p := range d.Pages {
			for k := range p.Items {
				if it := &p.Items[k]; it.Kind == ItemText && it.Lang() == "" {
					it.SetLang(old, lone)
				}
			}
		}
	}
	d.Info.Language = lang
}

// Bookmark is one outline entry: a heading and where it is printed.
type Bookmark struct {
	Title string
	Level int // 0 for the article title, 1 for h2, 2 for h3…
	Page  int // 0-based page index
	Y     Unit
}

// Page is one page: its size and its items in painting order.
type Page struct {
	Size  Size
	Items []Item
}

// ItemKind says what an Item draws.
type ItemKind uint8

// The item kinds.
const (
	// ItemText draws Text in Face at Size, with its baseline origin at (X, Y);
	// W is its advance width.
	ItemText ItemKind = iota
	// ItemLine strokes a line from (X, Y) to (X+W, Y+H), Stroke thick.
	ItemLine
	// ItemRect fills the rectangle at (X, Y) of W by H.
	ItemRect
	// ItemImage draws Images[Image] into the rectangle at (X, Y) of W by H.
	ItemImage
	// ItemLink makes the rectangle at (X, Y) of W by H a link to URL.
	ItemLink
	// ItemPath draws Path with its origin at (X, Y), within the box of W
	// by H from there.
	ItemPath
)

var kindNames = [...]string{"text", "line", "rect", "image", "link", "path"}

// String names the kind, as the layout dump prints it.
func (k ItemKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind" + strconv.Itoa(int(k))
}

// Color is an sRGB colour.
type Color struct{ R, G, B uint8 }

// Black, white and the greys of the classic theme.
var (
	Black     = Color{0, 0, 0}
	DarkGrey  = Color{0x44, 0x44, 0x44}
	MidGrey   = Color{0x77, 0x77, 0x77}
	LightGrey = Color{0xee, 0xee, 0xee}
	// LightGreyRule is the colour of the classic theme's decorative rules.
	LightGreyRule = Color{0xbb, 0xbb, 0xbb}
	White         = Color{0xff, 0xff, 0xff}
)

// Item is one thing drawn on a page. Coordinates are from the page's top
// left corner, y growing down.
//
// An Item holds what most items need; what few have (a link's address,
// an image's key, a path, a passage's language, a formula's actual text)
// is in More, read through the methods of the same names: an article's
// items are made in arrays of lines and copied onto its pages, and with
// them an Item of 120 bytes with 4 pointers rather than 192 with 8 (all
// in one) takes a quarter fewer of layout's bytes.
type Item struct {
	// Kind, Role, Color, Rotate and Tag come first, side by side: small
	// fields packed together keep an Item small.
	Kind  ItemKind
	Role  Role
	Color Color
	// Rotate turns a text item this many degrees clockwise about its
	// origin (text in a drawing: an axis title).
	Rotate int16
	// Tag is the item's place in the document's structure (for tagged
	// PDF): its element, or that it is an artifact.
	Tag    Tag
	X, Y   Unit
	W, H   Unit
	Text   string
	Face   *fonts.Face
	Size   Unit
	Stroke Unit
	// Kerns adjust the space between some characters of Text, whose W
	// includes them.
	Kerns []Kern
	// More holds the item's rarer fields; nil when it has none. Items may
	// share one (copies of an item do): it is never changed once set, only
	// replaced (SetLang).
	More *ItemMore
}

// ItemMore is the fields of an Item that few items have.
type ItemMore struct {
	// URL is where an ItemLink leads.
	URL string
	// Image is the key in Document.Images of what an ItemImage draws.
	Image string
	// Lang is the language of a text item's Text (a BCP 47 tag) when it
	// is not the document's (Info.Language): a passage in another
	// language.
	Lang string
	// Path is what an ItemPath draws. Paths are shared, never changed
	// once placed: a writer may take the pages of many documents, and
	// imposition moves items between sheets.
	Path *Path
	// ActualText, on a text item whose Tag.Replaced, is what a reader
	// takes the item's text to be, and ActualSpan how many text items
	// after it ActualText also stands for: a formula's glyphs, above and
	// below its baseline, read as its linear text. They are of the same
	// element and language as it.
	ActualText string
	ActualSpan int32
}

// URL returns where an ItemLink leads (ItemMore.URL).
func (it Item) URL() string {
	if it.More == nil {
		return ""
	}
	return it.More.URL
}

// Image returns the key of what an ItemImage draws (ItemMore.Image).
func (it Item) Image() string {
	if it.More == nil {
		return ""
	}
	return it.More.Image
}

// Lang returns the language of a text item's Text when it is not the
// document's, or "" (ItemMore.Lang).
func (it Item) Lang() string {
	if it.More == nil {
		return ""
	}
	return it.More.Lang
}

// Path returns what an ItemPath draws (ItemMore.Path).
func (it Item) Path() *Path {
	if it.More == nil {
		return nil
	}
	return it.More.Path
}

// ActualText returns what a reader takes a replaced text item's text to
// be (ItemMore.ActualText).
func (it Item) ActualText() string {
	if it.More == nil {
		return ""
	}
	return it.More.ActualText
}

// ActualSpan returns how many text items after it a replaced text item's
// ActualText stands for (ItemMore.ActualSpan).
func (it Item) ActualSpan() int32 {
	if it.More == nil {
		return 0
	}
	return it.More.ActualSpan
}

// SetLang makes lang the language of it's text: in a new ItemMore, as
// one may be shared. lone, when not nil, is an ItemMore holding lang alone,
// which an item without one takes as it is (a passage's items share it).
func (it *Item) SetLang(lang string, lone *ItemMore) {
	switch {
	case it.More != nil:
		m := *it.More
		m.Lang = lang
		it.More = &m
	case lone != nil:
		it.More = lone
	default:
		it.More = &ItemMore{Lang: lang}
	}
}

// Kern moves the text from byte At of an item's Text on by Adjust
// thousandths of an em (negative: closer), as the font's kerning asks.
type Kern struct {
	At     int
	Adjust int
}

// Role says what part of the article an item belongs to. Writers may use
// it (for tagged PDF, say); tests use it to check pagination rules.
type Role uint8

// The roles.
const (
	RoleBody      Role = iota // paragraphs, lists, quotes, code, tables
	RoleTitle                 // masthead, headline, dek, byline, dateline
	RoleHeading               // section headings
	RoleFigure                // images and figure marks
	RoleCaption               // captions and credits
	RoleFurniture             // running head and folio
	RoleNote                  // footnotes
)

var roleNames = [...]string{"body", "title", "heading", "figure", "caption", "furniture", "note"}

// String names the role, as the layout dump prints it.
func (r Role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return "role" + strconv.Itoa(int(r))
}

// Image is a decoded-and-prepared image the writer embeds.
type Image struct {
	Key    string
	Format string // "jpg" or "png"
	Data   []byte
	Width  int // pixels
	Height int
	// SourceWidth and SourceHeight are the pixels of the original image,
	// as displayed, before it was downsampled for print: the printed size
	// derives from them, never from Width and Height, so that the
	// resolution images are prepared at does not change the layout.
	// Zero: Width and Height.
	SourceWidth, SourceHeight int
	// Drawing, when set, makes the image a vector drawing (Format "svg",
	// no Data): each placement of it is drawn as its paths and texts
	// (Document.PlaceDrawings), scaled to the placement.
	Drawing *Drawing
}

// SourceSize returns the original's pixels (see SourceWidth); 0, 0 for
// no image.
func (im *Image) SourceSize() (w, h int) {
	switch {
	case im == nil:
		return 0, 0
	case im.SourceWidth > 0 && im.SourceHeight > 0:
		return im.SourceWidth, im.SourceHeight
	}
	return im.Width, im.Height
}

// Dump writes the document as text, one line per item, for golden tests
// and debugging.
func (d *Document) Dump(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "document %q by %q, %d pages\n", d.Info.Title, d.Info.Author, len(d.Pages))
	for _, bm := range d.Outline {
		fmt.Fprintf(&b, "outline %d p%d y=%s %q\n", bm.Level, bm.Page+1, bm.Y, bm.Title)
	}
	for i, p := range d.Pages {
		fmt.Fprintf(&b, "page %d %sx%s\n", i+1, p.Size.W, p.Size.H)
		for _, it := range p.Items {
			b.WriteString("  ")
			b.WriteString(it.Role.String())
			b.WriteByte(' ')
			b.WriteString(it.String())
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// String formats the item on one line.
func (it Item) String() string {
	switch it.Kind {
	case ItemText:
		name := ""
		if it.Face != nil {
			name = it.Face.Name()
		}
		if it.Rotate != 0 {
			return fmt.Sprintf("text %s,%s w=%s %s %s %s rotate=%d %q", it.X, it.Y, it.W, name, it.Size, colorString(it.Color), it.Rotate, it.Text)
		}
		return fmt.Sprintf("text %s,%s w=%s %s %s %s %q", it.X, it.Y, it.W, name, it.Size, colorString(it.Color), it.Text)
	case ItemLine:
		return fmt.Sprintf("line %s,%s d=%s,%s stroke=%s %s", it.X, it.Y, it.W, it.H, it.Stroke, colorString(it.Color))
	case ItemRect:
		return fmt.Sprintf("rect %s,%s %sx%s %s", it.X, it.Y, it.W, it.H, colorString(it.Color))
	case ItemImage:
		return fmt.Sprintf("image %s,%s %sx%s %s", it.X, it.Y, it.W, it.H, it.Image())
	case ItemLink:
		return fmt.Sprintf("link %s,%s %sx%s %s", it.X, it.Y, it.W, it.H, it.URL())
	case ItemPath:
		return fmt.Sprintf("path %s,%s %sx%s %s", it.X, it.Y, it.W, it.H, it.Path())
	}
	return it.Kind.String()
}

func colorString(c Color) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Text returns the text of page i in painting order, words separated by
// spaces: what a reader of the text layer should find.
func (p *Page) Text() string {
	var parts []string
	for _, it := range p.Items {
		if it.Kind == ItemText {
			parts = append(parts, it.Text)
		}
	}
	return strings.Join(parts, " ")
}
