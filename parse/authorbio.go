package parse

import (
	"strings"

	"github.com/galleyprint/galley/article"
)

// This file drops the author's box that a publishing system sets as the
// last paragraphs inside the article's container: a paragraph that opens
// with the name of one of the article's authors and goes on to describe
// them ("Jule Radeck studierte Sportwissenschaften, bevor …", "Alice Wu
// fell down the rabbit hole of politics aged 12 …"). The byline already
// names the author; the box is the site's, not the article's. Only a
// full name (two words or more) read from the page's byline counts, and
// only among the article's last bioBlocks blocks, never its first.

// bioBlocks is how many blocks at an article's end are looked at.
const bioBlocks = 3

// minBioTail is the least text, in bytes, after the name: a paragraph of
// the name alone is a signature, which dropDanglingEnd and the byline
// handle.
const minBioTail = 10

// dropAuthorBio drops, among the last bioBlocks blocks of body, the
// paragraphs that open with one of authors' full names.
func dropAuthorBio(body []article.Block, authors []string) []article.Block {
	var names []string
	for _, a := range authors {
		if a = squash(a); len(strings.Fields(a)) >= 2 {
			names = append(names, a)
		}
	}
	if len(names) == 0 || len(body) < 2 {
		return body
	}
	out := body[:0]
	for i, b := range body {
		if i > 0 && i >= len(body)-bioBlocks && opensWithName(b, names) {
			continue
		}
		out = append(out, b)
	}
	return out
}

// opensWithName reports a paragraph whose text opens with one of names
// and goes on.
func opensWithName(b article.Block, names []string) bool {
	if b.Kind != article.KindParagraph {
		return false
	}
	text := squash(b.Text.Plain())
	for _, n := range names {
		if strings.HasPrefix(text, n) && len(text) >= len(n)+minBioTail {
			return true
		}
	}
	return false
}
