package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pullQuoteClass marks the blockquotes markPullQuotes made, for the
// converter; readability keeps classes (KeepClasses) and blockquotes.
const pullQuoteClass = "galley-pullquote"

// markPullQuotes turns the page's pull quotes into blockquotes of class
// pullQuoteClass before readability runs, which would drop an <aside>
// and flatten a <div>: elements with a pull-quote class ("pullquote",
// "pull-quote", "pull_quote", as part of a longer class too), and asides
// that hold nothing but a short quotation. Nothing else becomes one: a
// pull quote is never invented.
func markPullQuotes(n *html.Node) {
	if n.Type == html.ElementNode && (hasPullQuoteClass(n) || isQuoteAside(n)) {
		n.DataAtom, n.Data = atom.Blockquote, "blockquote"
		n.Attr = []html.Attribute{{Key: "class", Val: pullQuoteClass}}
		return
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		markPullQuotes(ch)
	}
}

func hasPullQuoteClass(n *html.Node) bool {
	c := attr(n, "class")
	if !holdsFoldASCII(c, "pull") {
		// spared the lower-cased copy: no letter beyond ASCII lower-cases
		// to one of "pull"
		return false
	}
	c = strings.ToLower(c)
	return strings.Contains(c, "pullquote") || strings.Contains(c, "pull-quote") || strings.Contains(c, "pull_quote")
}

// isQuoteAside reports an <aside> holding a short quotation alone: a
// <blockquote> or <q>, or text in quotation marks, without links, images,
// lists or headings (a sidebar of related stories is not a pull quote).
func isQuoteAside(n *html.Node) bool {
	if n.DataAtom != atom.Aside {
		return false
	}
	text, short := shortText(n, 320)
	if l := utf8.RuneCountInString(text); !short || l < 12 || l > 320 {
		return false
	}
	quoted := strings.ContainsAny(text[:1], "\"“«„‘'") || strings.HasPrefix(text, "“")
	var walk func(*html.Node) bool
	walk = func(m *html.Node) bool {
		for ch := m.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type != html.ElementNode {
				continue
			}
			switch ch.DataAtom {
			case atom.A, atom.Img, atom.Picture, atom.Ul, atom.Ol, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
				atom.Figure, atom.Table, atom.Form, atom.Iframe, atom.Video:
				return false
			case atom.Blockquote, atom.Q:
				quoted = true
			}
			if !walk(ch) {
				return false
			}
		}
		return true
	}
	return walk(n) && quoted
}

// shortText returns the collapsed text of n, as textContent does, when it
// has at most max characters; else it stops reading and reports false,
// so that asides nested in asides are not each read whole.
func shortText(n *html.Node, max int) (string, bool) {
	var b strings.Builder
	letters := 0
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.TextNode {
			if letters += nonSpaceRunes(n.Data, max-letters); letters > max {
				return false
			}
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		if n.Type == html.ElementNode && (skipped(n.DataAtom) || hidden(n)) {
			return true
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if !walk(ch) {
				return false
			}
		}
		return true
	}
	if !walk(n) {
		return "", false
	}
	return strings.Join(strings.Fields(b.String()), " "), true
}

// nonSpaceRunes returns the number of runes of s that are not white
// space (unicode.IsSpace), counting no further than one past max. The
// runes in ASCII are told by a table, and indentation is passed over
// eight bytes at a time: the texts of a page's markup are mostly white
// space.
func nonSpaceRunes(s string, max int) int {
	n := 0
	for i := 0; i < len(s) && n <= max; {
		if i+8 <= len(s) && (s[i:i+8] == eightSpaces || s[i:i+8] == eightTabs) {
			i += 8
			continue
		}
		if c := s[i]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			n++
		}
		i += size
	}
	return n
}
