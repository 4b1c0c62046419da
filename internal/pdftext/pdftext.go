// Package pdftext reads back the PDFs galley writes, for tests: the text
// each page shows, decoded to Unicode, and the document's metadata,
// outline, links and fonts. It parses files with github.com/pdfcpu/pdfcpu
// and interprets page content streams itself.
//
// Text is decoded through each font's ToUnicode CMap. fpdf's UTF-8 fonts
// are Type0 fonts with Identity-H encoding whose CIDs are the Unicode code
// points (UTF-16BE code units, two bytes per character, BMP only) and whose
// ToUnicode CMap is the identity over <0000>–<FFFF>; a Type0 font without a
// ToUnicode CMap is decoded on that assumption, a simple font as Latin-1.
//
// Only what galley's writer produces is supported: text in page content
// streams (not in form XObjects), one Word per text-showing operator.
package pdftext

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

func init() {
	// Never read or create a pdfcpu configuration directory in $HOME.
	api.DisableConfigDir()
}

// Word is the text of one text-showing operator (Tj, TJ, ' or ").
type Word struct {
	Text string
	// X, Y is where the operator starts showing text, in PDF user space:
	// points from the page's bottom left corner, y growing up. Use
	// Page.Top to get y from the top as in layout. Consecutive operators
	// without a text positioning operator between them share a position
	// (glyph advances are not computed).
	X, Y float64
	Font string  // the font's BaseFont
	Size float64 // the font size set by Tf
}

// Link is a link annotation.
type Link struct {
	URI  string     // the URI action's target; "" for other actions
	Rect [4]float64 // as written: x1 y1 x2 y2
}

// Page is one page's text and links.
type Page struct {
	Width, Height float64 // of the MediaBox, in points
	Words         []Word
	Links         []Link
	XObjects      []string // names of the XObjects painted (Do), in order
}

// Top returns y measured from the top of the page, y growing down.
func (p Page) Top(w Word) float64 { return p.Height - w.Y }

// Text returns the page's words joined by spaces.
func (p Page) Text() string {
	var b bytes.Buffer
	for i, w := range p.Words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.Text)
	}
	return b.String()
}

// Bookmark is one outline entry.
type Bookmark struct {
	Title string
	Level int // 0 at the top of the outline
	Page  int // 0-based index of the destination page; -1 if unknown
	Top   float64
}

// Document is what Read finds in a PDF.
type Document struct {
	Pages []Page
	// Info holds the Info dictionary's entries: text strings decoded
	// (UTF-16BE with a byte order mark or PDFDocEncoding), names as written.
	Info    map[string]string
	Lang    string // the catalog's /Lang
	Outline []Bookmark
	// Fonts lists the BaseFont of each font dictionary (Type0 fonts and
	// their descendants each count), sorted.
	Fonts []string
	// FontFiles counts embedded font programs (FontFile, FontFile2 and
	// FontFile3 entries of font descriptors).
	FontFiles int
}

// Date parses an Info date entry such as CreationDate. A date without a
// time zone (as fpdf writes them) reads as UTC.
func (d *Document) Date(key string) (time.Time, error) {
	s, ok := d.Info[key]
	if !ok {
		return time.Time{}, fmt.Errorf("no %s in the Info dictionary", key)
	}
	t, ok := types.DateTime(s, true)
	if !ok {
		return time.Time{}, fmt.Errorf("%s %q is not a PDF date", key, s)
	}
	return t, nil
}

// Validate validates pdf with pdfcpu in relaxed mode. fpdf's output fails
// strict validation in two known ways: link annotations are written
// directly into a page's /Annots array instead of as indirect objects, and
// outline items with children have /Count 0. Text, fonts, images and
// metadata pass ValidateStrict.
func Validate(pdf []byte) error { return validate(pdf, model.ValidationRelaxed) }

// ValidateStrict validates pdf with pdfcpu in strict mode (ISO 32000-1).
func ValidateStrict(pdf []byte) error { return validate(pdf, model.ValidationStrict) }

func validate(pdf []byte, mode int) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdftext: validating the PDF panicked: %v", r)
		}
	}()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = mode
	return api.Validate(bytes.NewReader(pdf), conf)
}

// Pages returns the text and links of each page of pdf.
func Pages(pdf []byte) ([]Page, error) {
	d, err := Read(pdf)
	if err != nil {
		return nil, err
	}
	return d.Pages, nil
}

// Read parses pdf (without validating it; see Validate).
func Read(pdf []byte) (doc *Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdftext: reading the PDF panicked: %v", r)
		}
	}()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadContext(bytes.NewReader(pdf), conf)
	if err != nil {
		return nil, fmt.Errorf("pdftext: %w", err)
	}
	x := ctx.XRefTable
	if err := x.EnsurePageCount(); err != nil {
		return nil, fmt.Errorf("pdftext: %w", err)
	}
	r := &reader{x: x, pageIndex: map[int]int{}}
	doc = &Document{Info: map[string]string{}}
	for i := 1; i <= x.PageCount; i++ {
		p, err := r.page(i)
		if err != nil {
			return nil, fmt.Errorf("pdftext: page %d: %w", i, err)
		}
		doc.Pages = append(doc.Pages, p)
	}
	if err := r.info(doc); err != nil {
		return nil, fmt.Errorf("pdftext: Info: %w", err)
	}
	if err := r.outline(doc); err != nil {
		return nil, fmt.Errorf("pdftext: catalog: %w", err)
	}
	r.fonts(doc)
	return doc, nil
}

type reader struct {
	x         *model.XRefTable
	pageIndex map[int]int // page object number → 0-based index
}

func (r *reader) page(nr int) (Page, error) {
	d, ref, attrs, err := r.x.PageDict(nr, false)
	if err != nil {
		return Page{}, err
	}
	if ref != nil {
		r.pageIndex[ref.ObjectNumber.Value()] = nr - 1
	}
	var p Page
	if attrs != nil && attrs.MediaBox != nil {
		p.Width, p.Height = attrs.MediaBox.Width(), attrs.MediaBox.Height()
	}
	content, err := r.x.PageContent(d, nr)
	if err != nil && !errors.Is(err, model.ErrNoContent) {
		return p, err
	}
	var fontRes types.Dict
	if attrs != nil && attrs.Resources != nil {
		if fontRes, err = r.x.DereferenceDict(attrs.Resources["Font"]); err != nil {
			return p, fmt.Errorf("font resources: %w", err)
		}
	}
	p.Words, p.XObjects, err = interpret(content, func(name string) (decoder, string, error) {
		if fontRes == nil {
			return nil, "", fmt.Errorf("no font resources for /%s", name)
		}
		fd, err := r.x.DereferenceDict(fontRes[name])
		if err != nil || fd == nil {
			return nil, "", fmt.Errorf("font /%s: not found (%v)", name, err)
		}
		return r.decoder(fd)
	})
	if err != nil {
		return p, fmt.Errorf("content: %w", err)
	}
	p.Links, err = r.links(d)
	return p, err
}

func (r *reader) decoder(fd types.Dict) (decoder, string, error) {
	base := ""
	if n := fd.NameEntry("BaseFont"); n != nil {
		base = *n
	}
	if o, ok := fd.Find("ToUnicode"); ok {
		sd, _, err := r.x.DereferenceStreamDict(o)
		if err != nil || sd == nil {
			return nil, "", fmt.Errorf("font %s: ToUnicode: %v", base, err)
		}
		if err := sd.Decode(); err != nil {
			return nil, "", fmt.Errorf("font %s: ToUnicode: %w", base, err)
		}
		cm, err := parseCMap(sd.Content)
		if err != nil {
			return nil, "", fmt.Errorf("font %s: %w", base, err)
		}
		return cm, base, nil
	}
	if st := fd.Subtype(); st != nil && *st == "Type0" {
		return identityH{}, base, nil
	}
	return latin1{}, base, nil
}

func (r *reader) links(page types.Dict) ([]Link, error) {
	annots, err := r.x.DereferenceArray(page["Annots"])
	if err != nil {
		return nil, fmt.Errorf("Annots: %w", err)
	}
	var links []Link
	for _, o := range annots {
		a, err := r.x.DereferenceDict(o)
		if err != nil || a == nil {
			return nil, fmt.Errorf("annotation: %v", err)
		}
		if st := a.Subtype(); st == nil || *st != "Link" {
			continue
		}
		var l Link
		rect, _ := r.x.DereferenceArray(a["Rect"])
		for i := 0; i < 4 && i < len(rect); i++ {
			l.Rect[i], _ = r.x.DereferenceNumber(rect[i])
		}
		if act, _ := r.x.DereferenceDict(a["A"]); act != nil {
			if s := act.NameEntry("S"); s != nil && *s == "URI" {
				if l.URI, err = r.text(act["URI"]); err != nil {
					return nil, fmt.Errorf("URI: %w", err)
				}
			}
		}
		links = append(links, l)
	}
	return links, nil
}

// text decodes a string object.
func (r *reader) text(o types.Object) (string, error) {
	o, err := r.x.Dereference(o)
	if err != nil {
		return "", err
	}
	switch v := o.(type) {
	case types.StringLiteral:
		return types.StringLiteralToString(v)
	case types.HexLiteral:
		return types.HexLiteralToString(v)
	case types.Name:
		return string(v), nil
	case nil:
		return "", nil
	}
	return "", fmt.Errorf("want a string, got %T", o)
}

func (r *reader) info(doc *Document) error {
	if r.x.Info == nil {
		return nil
	}
	d, err := r.x.DereferenceDict(*r.x.Info)
	if err != nil {
		return err
	}
	for k, v := range d {
		s, err := r.text(v)
		if err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		doc.Info[k] = s
	}
	return nil
}

func (r *reader) outline(doc *Document) error {
	root, err := r.x.Catalog()
	if err != nil {
		return err
	}
	if doc.Lang, err = r.text(root["Lang"]); err != nil {
		return fmt.Errorf("Lang: %w", err)
	}
	outlines, err := r.x.DereferenceDict(root["Outlines"])
	if err != nil || outlines == nil {
		return err
	}
	seen := map[int]bool{}
	var walk func(o types.Object, level int) error
	walk = func(o types.Object, level int) error {
		for o != nil {
			ref, ok := o.(types.IndirectRef)
			if !ok {
				return fmt.Errorf("outline item is not an indirect reference")
			}
			if seen[ref.ObjectNumber.Value()] {
				return fmt.Errorf("outline item %d visited twice", ref.ObjectNumber.Value())
			}
			seen[ref.ObjectNumber.Value()] = true
			item, err := r.x.DereferenceDict(ref)
			if err != nil || item == nil {
				return fmt.Errorf("outline item %d: %v", ref.ObjectNumber.Value(), err)
			}
			bm := Bookmark{Level: level, Page: -1}
			if bm.Title, err = r.text(item["Title"]); err != nil {
				return fmt.Errorf("outline title: %w", err)
			}
			if dest, _ := r.x.DereferenceArray(item["Dest"]); len(dest) > 0 {
				if pr, ok := dest[0].(types.IndirectRef); ok {
					if i, ok := r.pageIndex[pr.ObjectNumber.Value()]; ok {
						bm.Page = i
					}
				}
				if len(dest) >= 4 {
					bm.Top, _ = r.x.DereferenceNumber(dest[3])
				}
			}
			doc.Outline = append(doc.Outline, bm)
			if first, ok := item.Find("First"); ok {
				if err := walk(first, level+1); err != nil {
					return err
				}
			}
			o, _ = item.Find("Next")
		}
		return nil
	}
	first, _ := outlines.Find("First")
	return walk(first, 0)
}

func (r *reader) fonts(doc *Document) {
	for _, e := range r.x.Table {
		if e == nil || e.Free {
			continue
		}
		d, ok := e.Object.(types.Dict)
		if !ok {
			continue
		}
		switch t := d.Type(); {
		case t != nil && *t == "Font":
			if n := d.NameEntry("BaseFont"); n != nil {
				doc.Fonts = append(doc.Fonts, *n)
			}
		case t != nil && *t == "FontDescriptor":
			for _, k := range []string{"FontFile", "FontFile2", "FontFile3"} {
				if _, ok := d.Find(k); ok {
					doc.FontFiles++
				}
			}
		}
	}
	sort.Strings(doc.Fonts)
}
