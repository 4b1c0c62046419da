package parse

import (
	"bytes"
	"fmt"

	"github.com/galleyprint/galley/article"
)

// Goldmark's block parser does work in proportion to the square of the
// open containers on every line (it walks them, and for each a list of
// line states as long): a list or quotation nested a thousand levels
// deep, a few megabytes, takes minutes and gigabytes. And each block
// costs goldmark, the HTML it renders and the article model a kilobyte
// or so: ten megabytes of one-word list items, gigabytes. Markdown is
// therefore measured before goldmark sees it, in one pass over its lines,
// and refused beyond article.MaxDepth levels (deeper than any post nests)
// or maxBlocks blocks.

// markdownDepth returns an error wrapping ErrTooDeep when the lists and
// block quotes of src nest more than limit levels, naming the first line
// that does, and one wrapping ErrTooLarge when src opens more than
// blocks blocks: each container and each line that starts a block after
// a blank line counts (a paragraph's other lines do not). Each ">" and each list marker ("-", "+", "*", "1.", "1)")
// that a line opens its content with is a level, on top of those of the
// lines above it that its indentation keeps it inside; lines of fenced
// code count none. It errs, when at all, on the side of counting too
// many: a line inside an HTML block or a paragraph continuation that
// looks like list items counts them.
func markdownDepth(src []byte, limit, blocks int) error {
	n := len(src)
	opened := 0        // blocks opened so far
	afterBlank := true // the line before was blank (or there was none)
	var stack []int    // content columns of the open containers
	fence := struct {
		char  byte
		n     int
		depth int // containers open around it
		open  bool
	}{}
	for lineNo := 1; len(src) > 0; lineNo++ {
		var ln []byte
		ln, src, _ = bytes.Cut(src, []byte("\n"))
		col, pos := indentOf(ln, 0, 0)
		if pos == len(ln) || ln[pos] == '\r' {
			afterBlank = true
			continue // a blank line closes nothing by itself
		}
		if afterBlank {
			if opened++; opened > blocks {
				return tooManyBlocks(n)
			}
			afterBlank = false
		}
		for len(stack) > 0 && stack[len(stack)-1] > col {
			stack = stack[:len(stack)-1]
		}
		if fence.open && len(stack) < fence.depth {
			fence.open = false // its container has ended
		}
		inner := 0 // the content column of the innermost container
		if len(stack) > 0 {
			inner = stack[len(stack)-1]
		}
		if fence.open {
			if col-inner < 4 && isFence(ln[pos:], fence.char, fence.n, true) {
				fence.open = false
			}
			continue
		}
		if col-inner >= 4 {
			continue // indented code, or a paragraph's continuation
		}
		for {
			content, end, ok := containerMarker(ln, col, pos)
			if !ok {
				break
			}
			stack = append(stack, content)
			if opened++; opened > blocks {
				return tooManyBlocks(n)
			}
			if len(stack) > limit {
				return fmt.Errorf("%w: lists and quotes nested more than %d levels (line %d)", ErrTooDeep, limit, lineNo)
			}
			col, pos = indentOf(ln, end, col+end-pos)
		}
		if pos < len(ln) && (ln[pos] == '`' || ln[pos] == '~') {
			n := 0
			for pos+n < len(ln) && ln[pos+n] == ln[pos] {
				n++
			}
			if isFence(ln[pos:], ln[pos], 3, false) {
				fence.char, fence.n, fence.depth, fence.open = ln[pos], n, len(stack), true
			}
		}
	}
	return nil
}

// indentOf returns the column and byte position of the first character
// of ln from pos that is no space or tab, pos being at column col (tabs
// stop every four columns).
func indentOf(ln []byte, pos, col int) (int, int) {
	for ; pos < len(ln); pos++ {
		switch ln[pos] {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return col, pos
		}
	}
	return col, pos
}

// containerMarker reads a block quote marker or a list item marker at
// ln[pos] (column col): the column the container's content starts at
// (at the least: the marker and a space), the position after the
// marker, and whether there is one. A line that is a thematic break
// ("- - -", "* * *") opens nothing.
func containerMarker(ln []byte, col, pos int) (content, end int, ok bool) {
	if pos >= len(ln) {
		return 0, 0, false
	}
	c := ln[pos]
	switch {
	case c == '>':
		return col + 1, pos + 1, true
	case c == '-' || c == '+' || c == '*':
		if isThematicBreak(ln[pos:]) {
			return 0, 0, false
		}
		end := pos + 1
		if end < len(ln) && ln[end] != ' ' && ln[end] != '\t' && ln[end] != '\r' {
			return 0, 0, false
		}
		return col + 2, end, true
	case c >= '0' && c <= '9':
		end := pos
		for end < len(ln) && end-pos < 9 && ln[end] >= '0' && ln[end] <= '9' {
			end++
		}
		if end >= len(ln) || ln[end] != '.' && ln[end] != ')' {
			return 0, 0, false
		}
		end++
		if end < len(ln) && ln[end] != ' ' && ln[end] != '\t' && ln[end] != '\r' {
			return 0, 0, false
		}
		return col + (end - pos) + 1, end, true
	}
	return 0, 0, false
}

// isThematicBreak reports a line of three or more of one of -, * and _,
// with spaces and tabs only between them.
func isThematicBreak(s []byte) bool {
	var mark byte
	n := 0
	for _, c := range s {
		switch {
		case c == ' ' || c == '\t' || c == '\r':
		case mark == 0 && (c == '-' || c == '*' || c == '_'):
			mark, n = c, 1
		case c == mark:
			n++
		default:
			return false
		}
	}
	return n >= 3
}

// isFence reports whether s starts with a code fence of at least n
// characters c: an opening one (a backtick fence's info string has no
// backtick) or, with closing set, a closing one (nothing after it but
// spaces).
func isFence(s []byte, c byte, n int, closing bool) bool {
	k := 0
	for k < len(s) && s[k] == c {
		k++
	}
	if k < n || k < 3 {
		return false
	}
	rest := bytes.TrimRight(s[k:], " \t\r")
	if closing {
		return len(rest) == 0
	}
	return c != '`' || bytes.IndexByte(rest, '`') < 0
}

// checkMarkdown refuses src when its lists and quotes nest deeper than
// an article may, or it opens more blocks than its size allows.
func checkMarkdown(src []byte) error {
	return markdownDepth(src, article.MaxDepth, maxBlocks(len(src)))
}
