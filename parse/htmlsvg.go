package parse

import (
	"bytes"
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Inline drawings smaller than this, in CSS pixels on either side, are
// icons (share buttons, logos, bullets), not figures.
const (
	minDrawingW = 100
	minDrawingH = 50
	// maxInlineDrawing bounds the bytes of one inline drawing.
	maxInlineDrawing = 8 << 20
)

// vectorsToImg turns the drawings of a page into <img> elements, which the
// extraction keeps and the converter makes figures: an inline <svg> the
// size of a figure becomes an image of its own markup (a data: URI), and
// an <object> or <embed> showing an SVG file an image of that file. Icons
// (small drawings, drawings inside links and buttons) stay as they are.
func vectorsToImg(n *html.Node) {
	for ch := n.FirstChild; ch != nil; {
		next := ch.NextSibling
		if ch.Type == html.ElementNode {
			switch {
			case ch.DataAtom == atom.Svg:
				if img := inlineDrawing(ch); img != nil {
					n.InsertBefore(img, ch)
					n.RemoveChild(ch)
				}
			case ch.DataAtom == atom.A || ch.DataAtom == atom.Button:
				// icons in links and buttons are furniture
			case ch.DataAtom == atom.Object || ch.DataAtom == atom.Embed:
				if img := embeddedDrawing(ch); img != nil {
					n.InsertBefore(img, ch)
					n.RemoveChild(ch)
				} else {
					vectorsToImg(ch)
				}
			default:
				vectorsToImg(ch)
			}
		}
		ch = next
	}
}

// inlineDrawing returns the <img> that stands for an inline <svg>, or nil
// for an icon.
func inlineDrawing(n *html.Node) *html.Node {
	w, h := drawingSize(n)
	if w < minDrawingW || h < minDrawingH {
		return nil
	}
	var buf bytes.Buffer
	if err := html.Render(&buf, withNamespaces(n)); err != nil || buf.Len() > maxInlineDrawing {
		return nil
	}
	src := "data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())
	img := &html.Node{Type: html.ElementNode, DataAtom: atom.Img, Data: "img",
		Attr: []html.Attribute{{Key: "src", Val: src}, {Key: "width", Val: strconv.Itoa(int(w))}, {Key: "height", Val: strconv.Itoa(int(h))}}}
	if alt := drawingLabel(n); alt != "" {
		img.Attr = append(img.Attr, html.Attribute{Key: "alt", Val: alt})
	}
	return img
}

// withNamespaces returns a copy of an <svg> element (its children shared)
// that declares the SVG and XLink namespaces, as a file of its own must.
func withNamespaces(n *html.Node) *html.Node {
	c := *n
	c.Parent, c.PrevSibling, c.NextSibling = nil, nil, nil
	c.Attr = append([]html.Attribute(nil), n.Attr...)
	has := func(key string) bool {
		for _, a := range c.Attr {
			if a.Key == key && a.Namespace == "" {
				return true
			}
		}
		return false
	}
	if !has("xmlns") {
		c.Attr = append(c.Attr, html.Attribute{Key: "xmlns", Val: "http://www.w3.org/2000/svg"})
	}
	if !has("xmlns:xlink") {
		c.Attr = append(c.Attr, html.Attribute{Key: "xmlns:xlink", Val: "http://www.w3.org/1999/xlink"})
	}
	return &c
}

// drawingSize returns an inline drawing's size in CSS pixels: its width
// and height attributes, or its viewBox's.
func drawingSize(n *html.Node) (w, h float64) {
	px := func(s string) float64 {
		s = strings.TrimSuffix(strings.TrimSpace(s), "px")
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || v < 0 {
			return 0
		}
		return v
	}
	w, h = px(attr(n, "width")), px(attr(n, "height"))
	vb := strings.FieldsFunc(attr(n, "viewBox"), func(r rune) bool { return r == ' ' || r == ',' })
	if len(vb) == 4 {
		vw, vh := px(vb[2]), px(vb[3])
		switch {
		case w == 0 && h == 0:
			w, h = vw, vh
		case w == 0 && vh > 0:
			w = h * vw / vh
		case h == 0 && vw > 0:
			h = w * vh / vw
		}
	}
	return w, h
}

// drawingLabel is what a drawing says it shows: its aria-label, or its
// <title>.
func drawingLabel(n *html.Node) string {
	if l := strings.TrimSpace(attr(n, "aria-label")); l != "" {
		return l
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && ch.Data == "title" {
			var b strings.Builder
			for t := ch.FirstChild; t != nil; t = t.NextSibling {
				if t.Type == html.TextNode {
					b.WriteString(t.Data)
				}
			}
			return strings.Join(strings.Fields(b.String()), " ")
		}
	}
	return ""
}

// embeddedDrawing returns the <img> that stands for an <object> or
// <embed> showing an SVG file, or nil for other content.
func embeddedDrawing(n *html.Node) *html.Node {
	src := attr(n, "data")
	if n.DataAtom == atom.Embed {
		src = attr(n, "src")
	}
	src = strings.TrimSpace(src)
	if src == "" {
		return nil
	}
	typ := strings.ToLower(attr(n, "type"))
	isSVG := strings.Contains(typ, "svg") || strings.HasPrefix(strings.ToLower(src), "data:image/svg")
	if u, err := url.Parse(src); err == nil && strings.HasSuffix(strings.ToLower(u.Path), ".svg") {
		isSVG = true
	}
	if !isSVG {
		return nil
	}
	img := &html.Node{Type: html.ElementNode, DataAtom: atom.Img, Data: "img", Attr: []html.Attribute{{Key: "src", Val: src}}}
	for _, k := range []string{"width", "height", "title"} {
		if v := attr(n, k); v != "" {
			img.Attr = append(img.Attr, html.Attribute{Key: k, Val: v})
		}
	}
	if t := attr(n, "title"); t != "" {
		img.Attr = append(img.Attr, html.Attribute{Key: "alt", Val: t})
	} else if n.DataAtom == atom.Object {
		// an object's content is its fallback: the text a reader without
		// the drawing sees
		var b strings.Builder
		var walk func(*html.Node)
		walk = func(m *html.Node) {
			for c := m.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.TextNode {
					b.WriteString(c.Data)
					b.WriteByte(' ')
				}
				walk(c)
			}
		}
		walk(n)
		if alt := strings.Join(strings.Fields(b.String()), " "); alt != "" {
			img.Attr = append(img.Attr, html.Attribute{Key: "alt", Val: alt})
		}
	}
	return img
}

// vectorToImg returns the node that stands for n with its drawings made
// images (see vectorsToImg): n itself, or the <img> for n.
func vectorToImg(n *html.Node) *html.Node {
	if n.Type == html.ElementNode {
		var img *html.Node
		switch n.DataAtom {
		case atom.Svg:
			img = inlineDrawing(n)
		case atom.Object, atom.Embed:
			img = embeddedDrawing(n)
		case atom.A, atom.Button:
			return n
		}
		if img != nil {
			return img
		}
	}
	vectorsToImg(n)
	return n
}
