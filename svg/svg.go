// Package svg reads SVG drawings into page.Drawings: paths, basic
// shapes, strokes and fills with opacity, transforms, viewBox and
// preserveAspectRatio, clip paths, linear and radial gradients, <use> and
// <defs>, text, and CSS from style attributes and <style> elements with
// simple selectors (type, class, id, universal, compounds and
// descendants).
//
// The reader is safe by construction. It fetches nothing: an href to
// anything but an element of the same document, and @import, are
// ignored with a warning. A DOCTYPE that declares entities is refused
// (ErrUnsafe), and entities are never expanded but the XML and HTML
// named ones. Nesting deeper than Limits.MaxDepth is refused (ErrTooDeep),
// and a drawing of more elements or path segments than the limits —
// counting each <use> as what it repeats — is refused (ErrTooLarge), so
// that time and memory stay linear in the limits whatever the input.
//
// What it cannot draw as vectors it rasterises, and names in the
// drawing's Warnings: an element with a mask (its luminance, or alpha,
// multiplied into the element's) or a filter (feGaussianBlur, feOffset,
// feFlood, feMerge, feColorMatrix, feComposite, feBlend, feDropShadow;
// other primitives pass their input on), and a shape filled with a
// pattern (its tiles, clipped to the shape), become a raster part whose
// Raster draws them with internal/pathraster at the resolution the
// caller asks (PrepareRasters); their texts stay text, drawn over the
// raster. Raster images embedded as data: URIs are drawn as raster
// images; foreign objects (HTML) are not drawn.
package svg

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/galleyprint/galley/page"
)

// Errors callers can test for with errors.Is.
var (
	// ErrNotSVG: the bytes are not an SVG document.
	ErrNotSVG = errors.New("svg: not an SVG document")
	// ErrUnsafe: the document declares entities (a DOCTYPE with an
	// internal subset), which galley never expands.
	ErrUnsafe = errors.New("svg: document declares entities")
	// ErrTooDeep: elements nest deeper than Limits.MaxDepth.
	ErrTooDeep = errors.New("svg: elements nest too deep")
	// ErrTooLarge: the document has more elements, or draws more path
	// segments, than the limits allow.
	ErrTooLarge = errors.New("svg: drawing is too large")
)

// Limits bound what a document may hold; zero fields take the defaults.
type Limits struct {
	MaxBytes    int // of the document (default 32 MB)
	MaxDepth    int // element nesting (default 256)
	MaxElements int // elements read, and drawn with <use> repeats counted (default 200,000)
	MaxSegments int // path segments drawn, <use> repeats counted (default 1,000,000)
}

// The default limits.
const (
	DefaultMaxBytes    = 32 << 20
	DefaultMaxDepth    = 256
	DefaultMaxElements = 200_000
	DefaultMaxSegments = 1_000_000
)

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	if l.MaxElements <= 0 {
		l.MaxElements = DefaultMaxElements
	}
	if l.MaxSegments <= 0 {
		l.MaxSegments = DefaultMaxSegments
	}
	return l
}

// Sniff reports whether data looks like an SVG document: an <svg> root
// element after any XML declaration, comments and DOCTYPE.
func Sniff(data []byte) bool {
	head := data[:min(len(data), 4096)]
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	for {
		head = bytes.TrimLeft(head, " \t\r\n")
		switch {
		case bytes.HasPrefix(head, []byte("<?")):
			i := bytes.Index(head, []byte("?>"))
			if i < 0 {
				return false
			}
			head = head[i+2:]
		case bytes.HasPrefix(head, []byte("<!--")):
			i := bytes.Index(head, []byte("-->"))
			if i < 0 {
				return false
			}
			head = head[i+3:]
		case bytes.HasPrefix(head, []byte("<!")):
			i := bytes.IndexByte(head, '>')
			if i < 0 {
				return false
			}
			head = head[i+1:]
		default:
			return bytes.HasPrefix(head, []byte("<svg")) && len(head) > 4 && strings.ContainsRune(" \t\r\n>/", rune(head[4])) ||
				bytes.HasPrefix(head, []byte("<svg:svg"))
		}
	}
}

// element is one element of the document tree.
type element struct {
	name     string
	attrs    map[string]string
	children []*element
	text     []textChunk // character data of text elements, between children
	parent   *element
}

// textChunk is character data, before child index at.
type textChunk struct {
	at   int
	text string
}

// Parse reads an SVG document and returns its drawing, at its natural
// size (width and height, or its viewBox's, in CSS pixels of 0.75 pt).
// It never panics; bad input returns an error wrapping one of the
// errors above or describing the XML's fault.
func Parse(data []byte, lim Limits) (d *page.Drawing, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("%w: reading failed: %v", ErrNotSVG, r)
		}
	}()
	lim = lim.withDefaults()
	if len(data) > lim.MaxBytes {
		return nil, fmt.Errorf("%w: %d bytes, more than %d", ErrTooLarge, len(data), lim.MaxBytes)
	}
	root, err := readTree(data, lim)
	if err != nil {
		return nil, err
	}
	return render(root, lim)
}

// readTree parses the XML into elements, within the limits.
func readTree(data []byte, lim Limits) (*element, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	dec.Entity = xml.HTMLEntity
	dec.CharsetReader = func(charset string, r io.Reader) (io.Reader, error) {
		// the drawings galley reads are ASCII in their markup; a Latin-1
		// text reads as it is rather than failing the whole drawing
		return r, nil
	}
	var root, cur *element
	depth, count := 0, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if root != nil && depth == 0 {
				break // trailing junk after the root element
			}
			return nil, fmt.Errorf("%w: %v", ErrNotSVG, err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.Contains(t, []byte("ENTITY")) || bytes.ContainsRune(t, '[') {
				return nil, ErrUnsafe
			}
		case xml.StartElement:
			depth++
			count++
			if depth > lim.MaxDepth {
				return nil, fmt.Errorf("%w: more than %d levels", ErrTooDeep, lim.MaxDepth)
			}
			if count > lim.MaxElements {
				return nil, fmt.Errorf("%w: more than %d elements", ErrTooLarge, lim.MaxElements)
			}
			el := &element{name: t.Name.Local, attrs: make(map[string]string, len(t.Attr)), parent: cur}
			for _, a := range t.Attr {
				name := a.Name.Local
				if a.Name.Space == "xmlns" || name == "xmlns" {
					continue
				}
				if _, seen := el.attrs[name]; !seen || a.Name.Space == "" {
					el.attrs[name] = a.Value
				}
			}
			if cur == nil {
				if root != nil {
					return nil, fmt.Errorf("%w: two root elements", ErrNotSVG)
				}
				if el.name != "svg" {
					return nil, fmt.Errorf("%w: the root element is <%s>", ErrNotSVG, el.name)
				}
				root = el
			} else {
				cur.children = append(cur.children, el)
			}
			cur = el
		case xml.EndElement:
			depth--
			if cur != nil {
				cur = cur.parent
			}
		case xml.CharData:
			if cur != nil && keepsText(cur.name) {
				cur.text = append(cur.text, textChunk{at: len(cur.children), text: string(t)})
			}
		}
	}
	if root == nil {
		return nil, ErrNotSVG
	}
	return root, nil
}

// keepsText reports whether an element's character data matters.
func keepsText(name string) bool {
	switch name {
	case "text", "tspan", "textPath", "style", "a", "div", "span", "p", "b", "i", "font":
		return true
	}
	return false
}
