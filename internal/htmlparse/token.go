// Copyright 2010 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package htmlparse

import (
	"bytes"
	"io"
	"strings"

	"golang.org/x/net/html/atom"
)

// A tokenType is the type of a token.
type tokenType uint32

const (
	// errorToken means that an error occurred during tokenization.
	errorToken tokenType = iota
	// textToken means a text node.
	textToken
	// A startTagToken looks like <a>.
	startTagToken
	// An endTagToken looks like </a>.
	endTagToken
	// A selfClosingTagToken tag looks like <br/>.
	selfClosingTagToken
	// A commentToken looks like <!--x-->.
	commentToken
	// A doctypeToken looks like <!DOCTYPE x>
	doctypeToken
)

// A token consists of a tokenType and some Data (tag name for start and end
// tags, content for text, comments and doctypes). A tag token may also contain
// a slice of Attributes. Data is unescaped for all Tokens (it looks like "a<b"
// rather than "a&lt;b"). For tag Tokens, DataAtom is the atom for Data, or
// zero if Data is not a known tag name.
type token struct {
	Type     tokenType
	DataAtom atom.Atom
	Data     string
	Attr     []Attribute
}

// span is a range of bytes in a tokenizer's buffer. The start is inclusive,
// the end is exclusive.
type span struct {
	start, end int
}

// manyAttrs is how many attributes a tag may have before duplicate
// attribute names are found with a map instead of a scan of the earlier
// names.
const manyAttrs = 16

// A tokenizer returns a stream of HTML Tokens.
//
// galley patch 2: it reads the whole input, a string, instead of refilling
// a buffer from an io.Reader byte by byte, and the tokens' strings are
// substrings of the input unless they had to change (a NUL, an upper-case
// letter in a name, a carriage return, a character reference).
type tokenizer struct {
	// tt is the tokenType of the current token.
	tt tokenType
	// err is the first error encountered during tokenization. It is possible
	// for tt != Error && err != nil to hold: this means that Next returned a
	// valid token but the subsequent Next call will return an error token.
	// For example, if the HTML text input was just "plain", then the first
	// Next call would set z.err to io.EOF but return a textToken, and all
	// subsequent Next calls would return an errorToken.
	// err is never reset. Once it becomes non-nil, it stays non-nil.
	err error
	// buf[raw.start:raw.end] holds the raw bytes of the current token.
	// buf[raw.end:] is the input that will yield future tokens.
	raw span
	buf string
	// buf[data.start:data.end] holds the raw bytes of the current token's data:
	// a text token's text, a tag token's tag name, etc.
	data span
	// pendingAttr is the attribute key and value currently being tokenized.
	// When complete, pendingAttr is pushed onto attr.
	pendingAttr [2]span
	attr        [][2]span
	// attrNames holds the lower-cased names in attr once a tag has more
	// than manyAttrs of them (attrNamesLive), to find duplicates in
	// constant time.
	attrNames     map[string]bool
	attrNamesLive bool
	// attrs are the allocated attributes newAttrs has yet to return.
	attrs []Attribute
	// scratch is reused to change a token's bytes before they become a
	// string.
	scratch []byte
	// rawTag is the "script" in "</script>" that closes the next token. If
	// non-empty, the subsequent call to Next will return a raw or RCDATA text
	// token: one that treats "<p>" as text instead of an element.
	// rawTag's contents are lower-cased.
	rawTag string
	// textIsRaw is whether the current text token's data is not escaped.
	textIsRaw bool
	// convertNUL is whether NUL bytes in the current token's data should
	// be converted into \ufffd replacement characters.
	convertNUL bool
	// allowCDATA is whether CDATA sections are allowed in the current context.
	allowCDATA bool
	// hasNUL and hasCR are whether the input holds a NUL or a carriage
	// return anywhere (galley patch 9): most pages hold neither, and their
	// tokens need not be scanned for them one by one.
	hasNUL, hasCR bool
	// names are the names name gave lately, by a hash of what they were
	// given (galley patch 11); nil for an input shorter than
	// minNamesInput.
	names *[nameSlots]cachedName
}

// nameSlots is how many names a tokenizer keeps: a page's tags have a
// few dozen names.
const nameSlots = 64

// minNamesInput is the shortest input for which a tokenizer keeps names:
// a fragment (a <noscript>'s content parsed again) has too few tags to
// repay them.
const minNamesInput = 4096

// cachedName is a name given to the tokenizer's name, as it was in the
// input, and what name made of it.
type cachedName struct {
	raw, name string
	atom      atom.Atom
}

// AllowCDATA sets whether or not the tokenizer recognizes <![CDATA[foo]]> as
// the text "foo". The default value is false, which means to recognize it as
// a bogus comment "<!-- [CDATA[foo]] -->" instead.
func (z *tokenizer) AllowCDATA(allowCDATA bool) {
	z.allowCDATA = allowCDATA
}

// NextIsNotRawText instructs the tokenizer that the next token should not be
// considered as 'raw text'. Some elements, such as script and title elements,
// normally require the next token after the opening tag to be 'raw text' that
// has no child elements.
func (z *tokenizer) NextIsNotRawText() {
	z.rawTag = ""
}

// Err returns the error associated with the most recent errorToken token.
// This is typically io.EOF, meaning the end of tokenization.
func (z *tokenizer) Err() error {
	if z.tt != errorToken {
		return nil
	}
	return z.err
}

// readByte returns the next byte from the input. z.buf[z.raw.start:z.raw.end]
// holds all the bytes read so far for the current token. At the end of the
// input it sets z.err to io.EOF.
// Pre-condition: z.err == nil.
func (z *tokenizer) readByte() byte {
	if z.raw.end >= len(z.buf) {
		z.err = io.EOF
		return 0
	}
	x := z.buf[z.raw.end]
	z.raw.end++
	return x
}

// readTo reads up to and including the next c, or to the end of the input
// (setting z.err to io.EOF) if there is none: readByte until c, at once.
// Pre-condition: z.err == nil.
func (z *tokenizer) readTo(c byte) {
	i := strings.IndexByte(z.buf[z.raw.end:], c)
	if i < 0 {
		z.raw.end = len(z.buf)
		z.err = io.EOF
		return
	}
	z.raw.end += i + 1
}

// skipWhiteSpace skips past any white space.
func (z *tokenizer) skipWhiteSpace() {
	if z.err != nil {
		return
	}
	i := z.raw.end
	for i < len(z.buf) && tagStops[z.buf[i]] == stopSpace {
		i++
	}
	z.raw.end = i
	if i == len(z.buf) {
		z.err = io.EOF
	}
}

// tagStop is what a byte is to the scanners of a tag's names and values.
type tagStop uint8

const (
	stopNone  tagStop = iota
	stopSpace         // HTML white space
	stopSlash         // '/'
	stopClose         // '>'
	stopEqual         // '='
)

// tagStops are the bytes that end a tag's name or an attribute's name or
// unquoted value (galley patch 10: one look-up a byte, not a switch).
var tagStops = [256]tagStop{
	' ': stopSpace, '\n': stopSpace, '\r': stopSpace, '\t': stopSpace, '\f': stopSpace,
	'/': stopSlash, '>': stopClose, '=': stopEqual,
}

// readRawOrRCDATA reads until the next "</foo>", where "foo" is z.rawTag and
// is typically something like "script" or "textarea".
func (z *tokenizer) readRawOrRCDATA() {
	if z.rawTag == "script" {
		z.readScript()
		z.textIsRaw = true
		z.rawTag = ""
		return
	}
loop:
	for {
		if z.readTo('<'); z.err != nil {
			break loop
		}
		c := z.readByte()
		if z.err != nil {
			break loop
		}
		if c != '/' {
			z.raw.end--
			continue loop
		}
		if z.readRawEndTag() || z.err != nil {
			break loop
		}
	}
	z.data.end = z.raw.end
	// A textarea's or title's RCDATA can contain escaped entities.
	z.textIsRaw = z.rawTag != "textarea" && z.rawTag != "title"
	z.rawTag = ""
}

// readRawEndTag attempts to read a tag like "</foo>", where "foo" is z.rawTag.
// If it succeeds, it backs up the input position to reconsume the tag and
// returns true. Otherwise it returns false. The opening "</" has already been
// consumed.
func (z *tokenizer) readRawEndTag() bool {
	for i := 0; i < len(z.rawTag); i++ {
		c := z.readByte()
		if z.err != nil {
			return false
		}
		if c != z.rawTag[i] && c != z.rawTag[i]-('a'-'A') {
			z.raw.end--
			return false
		}
	}
	c := z.readByte()
	if z.err != nil {
		return false
	}
	switch c {
	case ' ', '\n', '\r', '\t', '\f', '/', '>':
		// The 3 is 2 for the leading "</" plus 1 for the trailing character c.
		z.raw.end -= 3 + len(z.rawTag)
		return true
	}
	z.raw.end--
	return false
}

// readScript reads until the next </script> tag, following the byzantine
// rules for escaping/hiding the closing tag.
func (z *tokenizer) readScript() {
	defer func() {
		z.data.end = z.raw.end
	}()
	var c byte

scriptData:
	if z.readTo('<'); z.err != nil {
		return
	}
	goto scriptDataLessThanSign

scriptDataLessThanSign:
	c = z.readByte()
	if z.err != nil {
		return
	}
	switch c {
	case '/':
		goto scriptDataEndTagOpen
	case '!':
		goto scriptDataEscapeStart
	}
	z.raw.end--
	goto scriptData

scriptDataEndTagOpen:
	if z.readRawEndTag() || z.err != nil {
		return
	}
	goto scriptData

scriptDataEscapeStart:
	c = z.readByte()
	if z.err != nil {
		return
	}
	if c == '-' {
		goto scriptDataEscapeStartDash
	}
	z.raw.end--
	goto scriptData

scriptDataEscapeStartDash:
	c = z.readByte()
	if z.err != nil {
		return
	}
	if c == '-' {
		goto scriptDataEscapedDashDash
	}
	z.raw.end--
	goto scriptData

scriptDataEscaped:
	c = z.readByte()
	if z.err != nil {
		return
	}
	switch c {
	case '-':
		goto scriptDataEscapedDash
	case '<':
		goto scriptDataEscapedLessThanSign
	}
	goto scriptDataEscaped

scriptDataEscapedDash:
	c = z.readByte()
	if z.err != nil {
		return
	}
	switch c {
	case '-':
		goto scriptDataEscapedDashDash
	case '<':
		goto scriptDataEscapedLessThanSign
	}
	goto scriptDataEscaped

scriptDataEscapedDashDash:
	c = z.readByte()
	if z.err != nil {
		return
	}
	switch c {
	case '-':
		goto scriptDataEscapedDashDash
	case '<':
		goto scriptDataEscapedLessThanSign
	case '>':
		goto scriptData
	}
	goto scriptDataEscaped

scriptDataEscapedLessThanSign:
	c = z.readByte()
	if z.err != nil {
		return
	}
	if c == '/' {
		goto scriptDataEscapedEndTagOpen
	}
	if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
		goto scriptDataDoubleEscapeStart
	}
	z.raw.end--
	goto scriptData

scriptDataEscapedEndTagOpen:
	if z.readRawEndTag() || z.err != nil {
		return
	}
	goto scriptDataEscaped

scriptDataDoubleEscapeStart:
	z.raw.end--
	for i := 0; i < len("script"); i++ {
		c = z.readByte()
		if z.err != nil {
			return
		}
		if c != "script"[i] && c != "SCRIPT"[i] {
			z.raw.end--
			goto scriptDataEscaped
		}
	}
	c = z.readByte()
	if z.err != nil {
		return
	}
	switch c {
	case ' ', '\n', '\r', '\t', '\f', '/', '>':
		goto scriptDataDoubleEscaped
	}
	z.raw.end--
	goto scriptDataEscaped

scriptDataDoubleEscaped:
	c = z.readByte()
	if z.err != nil {
		return
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedDash:
	c = z.readByte()
	if z.err != nil {
		return
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDashDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedDashDash:
	c = z.readByte()
	if z.err != nil {
		return
	}
	switch c {
	case '-':
		goto scriptDataDoubleEscapedDashDash
	case '<':
		goto scriptDataDoubleEscapedLessThanSign
	case '>':
		goto scriptData
	}
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapedLessThanSign:
	c = z.readByte()
	if z.err != nil {
		return
	}
	if c == '/' {
		goto scriptDataDoubleEscapeEnd
	}
	z.raw.end--
	goto scriptDataDoubleEscaped

scriptDataDoubleEscapeEnd:
	if z.readRawEndTag() {
		z.raw.end += len("</script>")
		goto scriptDataEscaped
	}
	if z.err != nil {
		return
	}
	goto scriptDataDoubleEscaped
}

// readComment reads the next comment token starting with "<!--". The opening
// "<!--" has already been consumed.
func (z *tokenizer) readComment() {
	// When modifying this function, consider manually increasing the
	// maxSuffixLen constant in func TestComments, from 6 to e.g. 9 or more.
	// That increase should only be temporary, not committed, as it
	// exponentially affects the test running time.

	z.data.start = z.raw.end
	defer func() {
		if z.data.end < z.data.start {
			// It's a comment with no data, like <!-->.
			z.data.end = z.data.start
		}
	}()

	var dashCount int
	beginning := true
	for {
		c := z.readByte()
		if z.err != nil {
			z.data.end = z.calculateAbruptCommentDataEnd()
			return
		}
		switch c {
		case '-':
			dashCount++
			continue
		case '>':
			if dashCount >= 2 || beginning {
				z.data.end = z.raw.end - len("-->")
				return
			}
		case '!':
			if dashCount >= 2 {
				c = z.readByte()
				if z.err != nil {
					z.data.end = z.calculateAbruptCommentDataEnd()
					return
				} else if c == '>' {
					z.data.end = z.raw.end - len("--!>")
					return
				} else if c == '-' {
					dashCount = 1
					beginning = false
					continue
				}
			}
		}
		dashCount = 0
		beginning = false
	}
}

func (z *tokenizer) calculateAbruptCommentDataEnd() int {
	raw := z.buf[z.raw.start:z.raw.end]
	const prefixLen = len("<!--")
	if len(raw) >= prefixLen {
		raw = raw[prefixLen:]
		if strings.HasSuffix(raw, "--!") {
			return z.raw.end - 3
		} else if strings.HasSuffix(raw, "--") {
			return z.raw.end - 2
		} else if strings.HasSuffix(raw, "-") {
			return z.raw.end - 1
		}
	}
	return z.raw.end
}

// readUntilCloseAngle reads until the next ">".
func (z *tokenizer) readUntilCloseAngle() {
	z.data.start = z.raw.end
	for {
		c := z.readByte()
		if z.err != nil {
			z.data.end = z.raw.end
			return
		}
		if c == '>' {
			z.data.end = z.raw.end - len(">")
			return
		}
	}
}

// readMarkupDeclaration reads the next token starting with "<!". It might be
// a "<!--comment-->", a "<!DOCTYPE foo>", a "<![CDATA[section]]>" or
// "<!a bogus comment". The opening "<!" has already been consumed.
func (z *tokenizer) readMarkupDeclaration() tokenType {
	z.data.start = z.raw.end
	var c [2]byte
	for i := 0; i < 2; i++ {
		c[i] = z.readByte()
		if z.err != nil {
			// bogus comment
			z.data.end = z.raw.end
			if i == 1 && c[0] == '>' {
				z.data.end--
			}
			return commentToken
		}
	}
	if c[0] == '-' && c[1] == '-' {
		z.readComment()
		return commentToken
	}
	z.raw.end -= 2
	if z.readDoctype() {
		return doctypeToken
	}
	if z.allowCDATA && z.readCDATA() {
		z.convertNUL = true
		return textToken
	}
	// It's a bogus comment.
	z.readUntilCloseAngle()
	return commentToken
}

// readDoctype attempts to read a doctype declaration and returns true if
// successful. The opening "<!" has already been consumed.
func (z *tokenizer) readDoctype() bool {
	const s = "DOCTYPE"
	for i := 0; i < len(s); i++ {
		c := z.readByte()
		if z.err != nil {
			if z.err == io.EOF {
				// Back up to read the fragment of "DOCTYPE" again, reset
				// z.err to signal EOF on the next call
				z.raw.end = z.data.start
				z.err = nil
				return false
			}
			z.data.end = z.raw.end
			return false
		}
		if c != s[i] && c != s[i]+('a'-'A') {
			// Back up to read the fragment of "DOCTYPE" again.
			z.raw.end = z.data.start
			return false
		}
	}
	if z.skipWhiteSpace(); z.err != nil {
		z.data.start = z.raw.end
		z.data.end = z.raw.end
		return true
	}
	z.readUntilCloseAngle()
	return true
}

// readCDATA attempts to read a CDATA section and returns true if
// successful. The opening "<!" has already been consumed.
func (z *tokenizer) readCDATA() bool {
	const s = "[CDATA["
	for i := 0; i < len(s); i++ {
		c := z.readByte()
		if z.err != nil {
			if z.err == io.EOF {
				// Back up to read the fragment of "[CDATA[" again, reset
				// z.err to signal EOF on the next call
				z.raw.end = z.data.start
				z.err = nil
				return false
			}
			z.data.end = z.raw.end
			return false
		}
		if c != s[i] {
			// Back up to read the fragment of "[CDATA[" again.
			z.raw.end = z.data.start
			return false
		}
	}
	z.data.start = z.raw.end
	brackets := 0
	for {
		c := z.readByte()
		if z.err != nil {
			z.data.end = z.raw.end
			return true
		}
		switch c {
		case ']':
			brackets++
		case '>':
			if brackets >= 2 {
				z.data.end = z.raw.end - len("]]>")
				return true
			}
			brackets = 0
		default:
			brackets = 0
		}
	}
}

// startTagIn returns the element of ss that the start tag in
// z.buf[z.data.start:z.data.end] case-insensitively matches, or "".
func (z *tokenizer) startTagIn(ss ...string) string {
loop:
	for _, s := range ss {
		if z.data.end-z.data.start != len(s) {
			continue loop
		}
		for i := 0; i < len(s); i++ {
			c := z.buf[z.data.start+i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != s[i] {
				continue loop
			}
		}
		return s
	}
	return ""
}

// readStartTag reads the next start tag token. The opening "<a" has already
// been consumed, where 'a' means anything in [A-Za-z].
func (z *tokenizer) readStartTag() tokenType {
	z.readTag(true)
	if z.err != nil {
		return errorToken
	}
	// Several tags flag the tokenizer's next token as raw.
	c, raw := z.buf[z.data.start], ""
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	switch c {
	case 'i':
		raw = z.startTagIn("iframe")
	case 'n':
		raw = z.startTagIn("noembed", "noframes", "noscript")
	case 'p':
		raw = z.startTagIn("plaintext")
	case 's':
		raw = z.startTagIn("script", "style")
	case 't':
		raw = z.startTagIn("textarea", "title")
	case 'x':
		raw = z.startTagIn("xmp")
	}
	if raw != "" {
		z.rawTag = raw
	}
	// Look for a self-closing token (e.g. <br/>).
	//
	// Originally, we did this by just checking that the last character of the
	// tag (ignoring the closing bracket) was a solidus (/) character, but this
	// is not always accurate.
	//
	// We need to be careful that we don't misinterpret a non-self-closing tag
	// as self-closing, as can happen if the tag contains unquoted attribute
	// values (i.e. <p a=/>).
	//
	// To avoid this, we check that the last non-bracket character of the tag
	// (z.raw.end-2) isn't the same character as the last non-quote character of
	// the last attribute of the tag (z.pendingAttr[1].end-1), if the tag has
	// attributes.
	nAttrs := len(z.attr)
	if z.err == nil && z.buf[z.raw.end-2] == '/' && (nAttrs == 0 || z.raw.end-2 != z.attr[nAttrs-1][1].end-1) {
		return selfClosingTagToken
	}
	return startTagToken
}

// readTag reads the next tag token and its attributes. If saveAttr, those
// attributes are saved in z.attr, otherwise z.attr is set to an empty slice.
// The opening "<a" or "</a" has already been consumed, where 'a' means anything
// in [A-Za-z].
func (z *tokenizer) readTag(saveAttr bool) {
	z.attr = z.attr[:0]
	if z.attrNamesLive {
		clear(z.attrNames)
		z.attrNamesLive = false
	}
	// Read the tag name and attribute key/value pairs.
	z.readTagName()
	if z.skipWhiteSpace(); z.err != nil {
		return
	}
	for {
		c := z.readByte()
		if z.err != nil || c == '>' {
			break
		}
		z.raw.end--
		z.readTagAttrKey()
		z.readTagAttrVal()
		// Save pendingAttr if saveAttr and that attribute has a non-empty key, and the key hasn't been seen before.
		if saveAttr && z.pendingAttr[0].start != z.pendingAttr[0].end && !z.seenAttr(z.pendingAttr[0]) {
			z.attr = append(z.attr, z.pendingAttr)
		}
		if z.skipWhiteSpace(); z.err != nil {
			break
		}
	}
}

// seenAttr reports whether the tag has an attribute named key already, the
// names compared lower-cased (galley patch 3: a scan of the few names most
// tags have, a map past manyAttrs, instead of a map and a string for every
// attribute).
func (z *tokenizer) seenAttr(key span) bool {
	name := z.buf[key.start:key.end]
	if len(z.attr) < manyAttrs {
		for _, x := range z.attr {
			if equalLower(z.buf[x[0].start:x[0].end], name) {
				return true
			}
		}
		return false
	}
	if !z.attrNamesLive {
		if z.attrNames == nil {
			z.attrNames = make(map[string]bool)
		}
		for _, x := range z.attr {
			z.attrNames[lowerString(z.buf[x[0].start:x[0].end])] = true
		}
		z.attrNamesLive = true
	}
	lowered := lowerString(name)
	if z.attrNames[lowered] {
		return true
	}
	z.attrNames[lowered] = true
	return false
}

// equalLower reports whether a and b are equal once their A-Z bytes are
// lower-cased.
func equalLower(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		c, d := a[i], b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'A' <= d && d <= 'Z' {
			d += 'a' - 'A'
		}
		if c != d {
			return false
		}
	}
	return true
}

// lowerString returns s with its A-Z bytes lower-cased.
func lowerString(s string) string {
	return string(lower([]byte(s)))
}

// readTagName sets z.data to the "div" in "<div k=v>". The reader (z.raw.end)
// is positioned such that the first byte of the tag name (the "d" in "<div")
// has already been consumed.
func (z *tokenizer) readTagName() {
	z.data.start = z.raw.end - 1
	for i := z.raw.end; i < len(z.buf); i++ {
		switch tagStops[z.buf[i]] {
		case stopSpace:
			z.data.end, z.raw.end = i, i+1
			return
		case stopSlash, stopClose:
			z.data.end, z.raw.end = i, i
			return
		}
	}
	z.raw.end, z.err = len(z.buf), io.EOF
	z.data.end = z.raw.end
}

// readTagAttrKey sets z.pendingAttr[0] to the "k" in "<div k=v>".
// Precondition: z.err == nil.
func (z *tokenizer) readTagAttrKey() {
	start := z.raw.end
	z.pendingAttr[0].start = start
	for i := start; i < len(z.buf); i++ {
		switch tagStops[z.buf[i]] {
		case stopNone:
			continue
		case stopEqual:
			if i == start {
				// WHATWG 13.2.5.32, if we see an equals sign before the attribute name
				// begins, we treat it as a character in the attribute name and continue.
				continue
			}
			fallthrough
		default:
			// WHATWG 13.2.5.33 Attribute name state
			// We need to reconsume the char in the after attribute name state to support the / character
			z.raw.end = i
			z.pendingAttr[0].end = i
			return
		}
	}
	z.raw.end, z.err = len(z.buf), io.EOF
	z.pendingAttr[0].end = z.raw.end
}

// readTagAttrVal sets z.pendingAttr[1] to the "v" in "<div k=v>".
func (z *tokenizer) readTagAttrVal() {
	z.pendingAttr[1].start = z.raw.end
	z.pendingAttr[1].end = z.raw.end
	if z.skipWhiteSpace(); z.err != nil {
		return
	}
	c := z.readByte()
	if z.err != nil {
		return
	}
	if c == '/' {
		// WHATWG 13.2.5.34 After attribute name state
		// U+002F SOLIDUS (/) - Switch to the self-closing start tag state.
		return
	}
	if c != '=' {
		z.raw.end--
		return
	}
	if z.skipWhiteSpace(); z.err != nil {
		return
	}
	quote := z.readByte()
	if z.err != nil {
		return
	}
	switch quote {
	case '>':
		z.raw.end--
		return

	case '\'', '"':
		z.pendingAttr[1].start = z.raw.end
		if z.readTo(quote); z.err != nil {
			z.pendingAttr[1].end = z.raw.end
			return
		}
		z.pendingAttr[1].end = z.raw.end - 1

	default:
		z.pendingAttr[1].start = z.raw.end - 1
		for i := z.raw.end; i < len(z.buf); i++ {
			switch tagStops[z.buf[i]] {
			case stopSpace:
				z.pendingAttr[1].end, z.raw.end = i, i+1
				return
			case stopClose:
				z.pendingAttr[1].end, z.raw.end = i, i
				return
			}
		}
		z.raw.end, z.err = len(z.buf), io.EOF
		z.pendingAttr[1].end = z.raw.end
	}
}

// Next scans the next token and returns its type.
func (z *tokenizer) Next() tokenType {
	z.raw.start = z.raw.end
	z.data.start = z.raw.end
	z.data.end = z.raw.end
	if z.err != nil {
		z.tt = errorToken
		return z.tt
	}
	if z.rawTag != "" {
		if z.rawTag == "plaintext" {
			// Read everything up to EOF.
			for z.err == nil {
				z.readByte()
			}
			z.data.end = z.raw.end
			z.textIsRaw = true
		} else {
			z.readRawOrRCDATA()
		}
		if z.data.end > z.data.start {
			z.tt = textToken
			z.convertNUL = true
			return z.tt
		}
	}
	z.textIsRaw = false
	z.convertNUL = false

loop:
	for {
		if z.readTo('<'); z.err != nil {
			break loop
		}

		// Check if the '<' we have just read is part of a tag, comment
		// or doctype. If not, it's part of the accumulated text token.
		c := z.readByte()
		if z.err != nil {
			break loop
		}
		var kind tokenType
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			kind = startTagToken
		case c == '/':
			kind = endTagToken
		case c == '!' || c == '?':
			// We use commentToken to mean any of "<!--actual comments-->",
			// "<!DOCTYPE declarations>" and "<?xml processing instructions?>".
			kind = commentToken
		default:
			// Reconsume the current character.
			z.raw.end--
			continue
		}

		// We have a non-text token, but we might have accumulated some text
		// before that. If so, we return the text first, and return the non-
		// text token on the subsequent call to Next.
		if x := z.raw.end - len("<a"); z.raw.start < x {
			z.raw.end = x
			z.data.end = x
			z.tt = textToken
			return z.tt
		}
		switch kind {
		case startTagToken:
			z.tt = z.readStartTag()
			return z.tt
		case endTagToken:
			c = z.readByte()
			if z.err != nil {
				break loop
			}
			if c == '>' {
				// "</>" does not generate a token at all. Generate an empty comment
				// to allow passthrough clients to pick up the data using Raw.
				// Reset the tokenizer state and start again.
				z.tt = commentToken
				return z.tt
			}
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
				z.readTag(false)
				if z.err != nil {
					z.tt = errorToken
				} else {
					z.tt = endTagToken
				}
				return z.tt
			}
			z.raw.end--
			z.readUntilCloseAngle()
			z.tt = commentToken
			return z.tt
		case commentToken:
			if c == '!' {
				z.tt = z.readMarkupDeclaration()
				return z.tt
			}
			z.raw.end--
			z.readUntilCloseAngle()
			z.tt = commentToken
			return z.tt
		}
	}
	if z.raw.start < z.raw.end {
		z.data.end = z.raw.end
		z.tt = textToken
		return z.tt
	}
	z.tt = errorToken
	return z.tt
}

// convertNewlines converts "\r" and "\r\n" in s to "\n".
// The conversion happens in place, but the resulting slice may be shorter.
func convertNewlines(s []byte) []byte {
	for i, c := range s {
		if c != '\r' {
			continue
		}

		src := i + 1
		if src >= len(s) || s[src] != '\n' {
			s[i] = '\n'
			continue
		}

		dst := i
		for src < len(s) {
			if s[src] == '\r' {
				if src+1 < len(s) && s[src+1] == '\n' {
					src++
				}
				s[dst] = '\n'
			} else {
				s[dst] = s[src]
			}
			src++
			dst++
		}
		return s[:dst]
	}
	return s
}

var (
	nul         = []byte("\x00")
	replacement = []byte("\ufffd")
)

// text returns the unescaped text of a text, comment or doctype token.
// It is the input itself unless a carriage return, a NUL to replace or a
// character reference changes it.
func (z *tokenizer) text() string {
	s := z.buf[z.data.start:z.data.end]
	replaceNUL := z.hasNUL && (z.convertNUL || z.tt == commentToken) && strings.IndexByte(s, 0) >= 0
	unescapes := !z.textIsRaw && strings.IndexByte(s, '&') >= 0
	if !replaceNUL && !unescapes && !z.holdsCR(s) {
		return s
	}
	b := append(z.scratch[:0], s...)
	z.scratch = b[:0]
	if z.hasCR {
		b = convertNewlines(b)
	}
	if replaceNUL {
		b = bytes.ReplaceAll(b, nul, replacement)
	}
	if unescapes {
		b = unescape(b, false)
	}
	return string(b)
}

// name returns the lower-cased name s of a tag or attribute, NULs
// replaced, and its atom. The name is s itself or the atom's string
// unless it had to change.
//
// galley patch 11: the name is looked up among the names lately given,
// kept by a hash of their length and first and last bytes, before it is
// lower-cased and looked up among the atoms: a page's tags repeat a few
// dozen names.
func (z *tokenizer) name(s string) (atom.Atom, string) {
	if s == "" || z.names == nil {
		return z.lookupName(s)
	}
	slot := &z.names[(uint(len(s))*31+uint(s[0])*7+uint(s[len(s)-1]))%nameSlots]
	if slot.raw == s {
		return slot.atom, slot.name
	}
	a, name := z.lookupName(s)
	*slot = cachedName{raw: s, name: name, atom: a}
	return a, name
}

// lookupName is name without the names kept.
func (z *tokenizer) lookupName(s string) (atom.Atom, string) {
	b := append(z.scratch[:0], s...)
	z.scratch = b[:0]
	changed := false
	if z.hasNUL && strings.IndexByte(s, 0) >= 0 {
		b = bytes.ReplaceAll(b, nul, replacement)
		changed = true
	}
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
			changed = true
		}
	}
	if a := atom.Lookup(b); a != 0 {
		return a, a.String()
	}
	if changed {
		return 0, string(b)
	}
	return 0, s
}

// attrKey returns the lower-cased name s of an attribute, NULs replaced:
// s itself when it has neither a capital nor a NUL (galley patch 8: most
// names are so, and need no copy, no scan for NUL and no atom, which name
// looks up to give a tag's).
func (z *tokenizer) attrKey(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' || c == 0 {
			_, key := z.name(s)
			return key
		}
	}
	return s
}

// attrVal returns the unescaped value s of an attribute. It is s itself
// unless a NUL, a carriage return or a character reference changes it.
func (z *tokenizer) attrVal(s string) string {
	hasNUL := z.hasNUL && strings.IndexByte(s, 0) >= 0
	unescapes := strings.IndexByte(s, '&') >= 0
	if !hasNUL && !unescapes && !z.holdsCR(s) {
		return s
	}
	b := append(z.scratch[:0], s...)
	z.scratch = b[:0]
	if hasNUL {
		b = bytes.ReplaceAll(b, nul, replacement)
	}
	if z.hasCR {
		b = convertNewlines(b)
	}
	if unescapes {
		b = unescape(b, true)
	}
	return string(b)
}

// holdsCR reports whether s, a part of the input, holds a carriage return.
func (z *tokenizer) holdsCR(s string) bool {
	return z.hasCR && strings.IndexByte(s, '\r') >= 0
}

// attrBlock is how many attributes newAttrs allocates at once.
const attrBlock = 128

// newAttrs returns n new attributes. They are allocated attrBlock at a time
// (galley patch 6), as a slice of capacity n: appending to it copies it,
// rather than overwrite the next tag's attributes.
func (z *tokenizer) newAttrs(n int) []Attribute {
	if n > len(z.attrs) {
		z.attrs = make([]Attribute, max(n, attrBlock))
	}
	a := z.attrs[:n:n]
	z.attrs = z.attrs[n:]
	return a
}

// token returns the current token. The result's Data and Attr values remain
// valid after subsequent Next calls.
func (z *tokenizer) token() token {
	t := token{Type: z.tt}
	switch z.tt {
	case textToken, commentToken, doctypeToken:
		t.Data = z.text()
	case startTagToken, selfClosingTagToken, endTagToken:
		if z.data.start >= z.data.end {
			break
		}
		t.DataAtom, t.Data = z.name(z.buf[z.data.start:z.data.end])
		if z.tt == endTagToken || len(z.attr) == 0 {
			break
		}
		t.Attr = z.newAttrs(len(z.attr))
		for i, x := range z.attr {
			t.Attr[i].Key = z.attrKey(z.buf[x[0].start:x[0].end])
			t.Attr[i].Val = z.attrVal(z.buf[x[1].start:x[1].end])
		}
	}
	return t
}

// newTokenizer returns a new HTML tokenizer for the input s.
// The input is assumed to be UTF-8 encoded.
func newTokenizer(s string) *tokenizer {
	return newTokenizerFragment(s, "")
}

// newTokenizerFragment returns a new HTML tokenizer for s, for
// tokenizing an existing element's InnerHTML fragment. contextTag is that
// element's tag, such as "div" or "iframe".
//
// For example, how the InnerHTML "a<b" is tokenized depends on whether it is
// for a <p> tag or a <script> tag.
//
// The input is assumed to be UTF-8 encoded.
func newTokenizerFragment(s string, contextTag string) *tokenizer {
	z := &tokenizer{buf: s, hasNUL: strings.IndexByte(s, 0) >= 0, hasCR: strings.IndexByte(s, '\r') >= 0}
	if len(s) >= minNamesInput {
		z.names = new([nameSlots]cachedName)
	}
	if contextTag != "" {
		// Per the "Parsing HTML Fragments" portion of the spec:
		//    For performance reasons, an implementation that does not report errors
		//    and that uses the actual state machine described in this specification
		//    directly could use the PLAINTEXT state instead of the RAWTEXT and script
		//    data states where those are mentioned in the list above. Except for
		//    rules regarding parse errors, they are equivalent, since there is no
		//    appropriate end tag token in the fragment case, yet they involve far
		//    fewer state transitions.
		//
		// As such we just set everything to plaintext, which makes some complex parsing
		// cases somewhat simpler.
		switch s := strings.ToLower(contextTag); s {
		case "title", "textarea":
			z.rawTag = s
		case "style", "xmp", "iframe", "noembed", "noframes", "script", "noscript", "plaintext":
			z.rawTag = "plaintext"
		}
	}
	return z
}
