package layout

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/galleyprint/galley/article"
	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/hyphen"
	"github.com/galleyprint/galley/page"
)

// runStyle is how a run of text is set.
type runStyle struct {
	fam    fonts.Family
	bold   bool
	italic bool
	size   page.Unit
	color  page.Color
	link   string
	rise   page.Unit // baseline shift, up positive (superscript)
	strike bool
}

// frag is a piece of a word set in one face and style.
type frag struct {
	text  string
	face  *fonts.Face
	size  page.Unit
	link  string
	rise  page.Unit
	w     page.Unit
	kerns []page.Kern // pair kerning inside text
	math  *mbox       // an inline formula's piece, set instead of text (mathinline.go)
	// the small fields last, side by side: a paragraph has a frag a word
	// or more, and padding between them made a frag 120 bytes, not 104
	color  page.Color
	strike bool
	level  uint8 // bidi embedding level: odd for right to left (see withLevels)
	// follows is set on a piece of a word cut at a hyphenation point
	// (appendCutBox) but its first: its text is the rest of the string
	// the piece before's is the start of (see joinText)
	follows bool
}

// measure sets f's width and kerning from its text, face and size.
func (f *frag) measure() {
	sum := 0
	f.kerns = nil
	prev := rune(-1)
	for i, r := range f.text {
		w, _ := f.face.Width(r)
		sum += w
		if prev >= 0 && !isRTLRune(r) && !isRTLRune(prev) {
			if k := f.face.Kern(prev, r); k != 0 {
				f.kerns = append(f.kerns, page.Kern{At: i, Adjust: k})
				sum += k
			}
		}
		prev = r
	}
	f.w = scale(sum, f.size)
}

type elemKind uint8

const (
	box elemKind = iota
	glue
	penalty
)

// Penalties at or beyond these bounds forbid or force a break.
const (
	infPenalty    = 10000
	forcedPenalty = -infPenalty
)

// elem is one item of a paragraph in the sense of Knuth and Plass: a box
// (word or part of one), glue (a space) or a penalty (a possible break).
type elem struct {
	// kind, the flags and level come first, side by side: a paragraph
	// has two elements a word, and padding between them made an element
	// 88 bytes, not 72
	kind            elemKind
	flagged         bool  // a hyphen break, or glue after a word ending in a hyphen (a spaced "-" as a dash): its line ends in a hyphen
	auto            bool  // found by the hyphenator: legal from the second pass on
	hyphenable      bool  // a box of ordinary text the hyphenator may cut
	emergency       bool  // a break at no hyphenation point (splitOverlong)
	letters         bool  // a box that may be letter-spaced, its stretch how far (trackBox)
	level           uint8 // a glue's bidi embedding level (see withLevels)
	w               page.Unit
	stretch, shrink page.Unit
	penalty         int
	frags           []frag // box content
	hyphen          *frag  // drawn at the line end when a penalty breaks a word
}

// shaper turns article text into paragraph elements, choosing a face for
// every character and counting the characters no face has.
type shaper struct {
	fonts   *fonts.Set
	missing map[rune]int
	hyph    *hyphen.Hyphenator  // the text's language; nil hyphenates nothing
	encode  func(string) string // the writer's encoding (Options.Encode); nil: none
	maths   *mathState          // formulas' setters, made on first use (mathinline.go)
	// formulas names the inline formula each piece of one set belongs
	// to (frag.math), for tagged PDF's Formula elements
	formulas map[*mbox]*article.Math
	// fallbacks are the faces tried after a run's own, by its family
	// and style (fonts.Set.Fallbacks makes a new list each call)
	fallbacks map[fallbackKey][]*fonts.Face
	// fitted keeps fitText's answers (a running head's, the same on
	// every page), and furniture the items of furniture set
	// (furnitureItems)
	fitted    map[fitKey]string
	furniture map[furnitureKey][]page.Item
	// words keeps the shaping of the words set so far (see
	// appendFrags); nil keeps none
	words *wordCache
	// made are the arrays the last paragraph shaped was made in, and
	// spare those of a paragraph set and done with, for the next
	// paragraph to be made in (see setText)
	made, spare paragraphArrays
	// madeLTR is set when the last paragraph shaped has no right-to-left
	// character (see paragraphBuilder.mayRTL)
	madeLTR bool
	// hyphens are the arrays the paragraphs setFrom breaks are
	// hyphenated in; nil while one is being set
	hyphens *hyphenScratch
}

// paragraphArrays are the arrays a paragraph's elements and the frags of
// its first words are made in.
type paragraphArrays struct {
	elems []elem
	frags []frag
}

// fallbackKey is a run's family and style.
type fallbackKey struct {
	fam fonts.Family
	st  fonts.Style
}

// faceFor returns the face to set r in, or nil when no face has it.
func (s *shaper) faceFor(r rune, primary *fonts.Face, rs runStyle) *fonts.Face {
	if primary.Has(r) {
		return primary
	}
	for _, f := range s.fallbackFaces(rs) {
		if f.Has(r) {
			return f
		}
	}
	if unicode.IsControl(r) || unicode.Is(unicode.Zs, r) || invisible(r) {
		return nil
	}
	if f := s.fonts.User.Face(r); f != nil {
		return f
	}
	return s.fonts.System.Face(r)
}

// fallbackFaces returns the faces tried for characters a run's own face
// lacks, in order: the set's others in its style.
func (s *shaper) fallbackFaces(rs runStyle) []*fonts.Face {
	k := fallbackKey{rs.fam, fonts.StyleOf(rs.bold, rs.italic)}
	faces, ok := s.fallbacks[k]
	if !ok {
		if s.fallbacks == nil {
			s.fallbacks = map[fallbackKey][]*fonts.Face{}
		}
		faces = s.fonts.Fallbacks(k.fam, k.st)
		s.fallbacks[k] = faces
	}
	return faces
}

// invisible reports format characters and variation selectors: they
// have no glyph of their own, and are left out when no face has one.
func invisible(r rune) bool {
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r)
}

// replacement is printed for characters no face has.
const replacement = '\uFFFD'

// frags sets text in style rs, splitting it where the face changes.
func (s *shaper) frags(text string, rs runStyle) []frag {
	return s.appendFrags(nil, text, rs)
}

// appendFrags appends the frags of text set in style rs to out, as frags
// makes them. A frag's text is a piece of text itself, not a copy, unless
// a character was replaced or left out; a word shaped before in the same
// family, style and size has its frags from then (s.words), their text
// the same but perhaps another piece of the article's.
func (s *shaper) appendFrags(out []frag, text string, rs runStyle) []frag {
	if s.words == nil || len(text) > maxWordBytes || text == "" {
		out, _ = s.shape(out, text, rs)
		return out
	}
	t := s.words.table(rs)
	kept, at, ok := s.words.get(t, text)
	if ok {
		for _, w := range kept {
			out = append(out, frag{text: w.text, face: w.face, size: rs.size, color: rs.color,
				link: rs.link, rise: rs.rise, strike: rs.strike, w: w.w, kerns: w.kerns})
		}
		return out
	}
	n := len(out)
	out, own := s.shape(out, text, rs)
	if own {
		s.words.put(t, at, text, out[n:])
	}
	return out
}

// shape is appendFrags without the kept words; it also reports whether
// every frag's text is text's own (no character replaced or left out,
// and so none counted as missing).
func (s *shaper) shape(out []frag, text string, rs runStyle) ([]frag, bool) {
	primary := s.fonts.Face(rs.fam, fonts.StyleOf(rs.bold, rs.italic))
	if f, ok := shapeASCII(text, primary, rs); ok {
		return append(out, f), true
	}
	return s.shapeRunes(out, text, rs, primary)
}

// shapeRunes is shape for any text, in primary, the face of rs, and
// the others that have what it lacks.
func (s *shaper) shapeRunes(out []frag, text string, rs runStyle, primary *fonts.Face) ([]frag, bool) {
	text = shapeArabic(text)
	clean := true
	// the current frag's text is text[start:end] while copied is nil
	start, end := 0, 0
	var copied []byte
	var curFace *fonts.Face
	var sum int
	var kerns []page.Kern
	prev := rune(-1)
	flush := func() {
		if copied != nil || end > start {
			t := text[start:end]
			if copied != nil {
				t = string(copied)
				clean = false
			}
			out = append(out, frag{text: t, face: curFace, size: rs.size, color: rs.color,
				link: rs.link, rise: rs.rise, strike: rs.strike, w: scale(sum, rs.size), kerns: kerns})
		}
		start, end, copied, sum, kerns, prev = 0, 0, nil, 0, nil, -1
	}
	for i, r := range text {
		own := r != utf8.RuneError // r is text's own character at i
		face := primary
		w, has := primary.Width(r) // faceFor's first answer, and its width at once
		if !has {
			face = s.faceFor(r, primary, rs)
			if face == nil && invisible(r) {
				continue // joiners, direction marks, variation selectors
			}
			if face == nil {
				s.missing[r]++
				r, face, own = replacement, primary, false
				if !primary.Has(r) {
					r = '?'
				}
			}
			w, _ = face.Width(r)
		}
		if face != curFace {
			flush()
			curFace = face
		}
		sum += w
		at := end - start // the frag's length so far
		if copied != nil {
			at = len(copied)
		}
		if prev >= 0 && rs.fam != fonts.Mono && !isRTLRune(r) && !isRTLRune(prev) {
			if k := face.Kern(prev, r); k != 0 {
				kerns = append(kerns, page.Kern{At: at, Adjust: k})
				sum += k
			}
		}
		switch {
		case copied == nil && own && at == 0:
			start, end = i, i+utf8.RuneLen(r)
		case copied == nil && own && end == i:
			end += utf8.RuneLen(r)
		default:
			if copied == nil {
				copied = append(make([]byte, 0, at+8), text[start:end]...)
			}
			copied = utf8.AppendRune(copied, r)
		}
		prev = r
	}
	flush()
	return out, clean
}

// shapeASCII is shape for text of ASCII characters that face has all of,
// most words: one frag of text itself. It reports false, having made
// nothing, for any other text (empty, or with a character from U+0080
// on or one face lacks), which shape's own loop sets: this one keeps
// none of that loop's state for characters of other faces, replaced or
// left out.
func shapeASCII(text string, face *fonts.Face, rs runStyle) (frag, bool) {
	if text == "" {
		return frag{}, false
	}
	kern := rs.fam != fonts.Mono
	sum := 0
	var kerns []page.Kern
	widths := face.ASCIIWidths() // face.Width's, without a call a character
	for i := 0; i < len(text); i++ {
		c := rune(text[i])
		if c >= utf8.RuneSelf {
			return frag{}, false
		}
		w := widths[c]
		if w < 0 {
			return frag{}, false
		}
		sum += int(w)
		if kern && i > 0 {
			if k := face.Kern(rune(text[i-1]), c); k != 0 {
				kerns = append(kerns, page.Kern{At: i, Adjust: k})
				sum += k
			}
		}
	}
	return frag{text: text, face: face, size: rs.size, color: rs.color,
		link: rs.link, rise: rs.rise, strike: rs.strike, w: scale(sum, rs.size), kerns: kerns}, true
}

// scale converts a width in thousandths of an em to units at size.
func scale(w1000 int, size page.Unit) page.Unit {
	return page.Unit((int64(w1000)*int64(size) + 500) / 1000)
}

// paragraphBuilder collects the elements of one paragraph.
type paragraphBuilder struct {
	s          *shaper
	elems      []elem
	word       []frag // the word being built; it may span several runs
	space      bool   // whitespace seen since the last word
	spaceStyle runStyle
	nohyph     bool // the word has code or a URL in it
	chunk      int  // the length of the last array of frags wordRoom made
	// expect, when not 0, is the length of the first array of frags
	// wordRoom makes: room for the words the paragraph is expected to
	// have, rather than arrays doubling from 4 (for a paragraph of 60
	// words, arrays for 124 frags)
	expect int
	first  []frag // that first array, once made
	// spare is set when the paragraph may be made in its shaper's spare
	// arrays: one set and done with before the next (see setText)
	spare bool
	// spaceW is the width of a space in spaceKey's family, style and
	// size, once spaceKnown (see addGlue)
	spaceKey   spaceKey
	spaceW     page.Unit
	spaceKnown bool
	// mayRTL is set once add is given a character of the blocks that
	// hold the right-to-left ones (mayBeRTL): without one, the paragraph
	// has none for hasRTL to find (a frag's text is its text's, or U+FFFD
	// or '?' for a character no face has; a formula's pieces have none)
	mayRTL bool
}

func (p *paragraphBuilder) endWord() {
	if len(p.word) == 0 {
		return
	}
	b := makeBox(p.word[:len(p.word):len(p.word)]) // capped: nothing appends into the next word
	b.hyphenable = !p.nohyph
	if b.hyphenable {
		trackBox(&b)
	}
	p.elems = append(p.elems, b)
	// the next word's frags go on in the same array, after this box's
	p.word, p.nohyph = p.word[len(p.word):], false
}

func makeBox(fr []frag) elem {
	return elem{kind: box, w: fragsWidth(fr), frags: fr}
}

// spaceKey is the family, style and size a space is set in.
type spaceKey struct {
	fam  fonts.Family
	st   fonts.Style
	size page.Unit
}

// addGlue adds an interword space sized for style rs.
func (p *paragraphBuilder) addGlue(rs runStyle) {
	if len(p.elems) == 0 || p.elems[len(p.elems)-1].kind != box {
		return // no space at a paragraph's start or after a break
	}
	// a paragraph's spaces are mostly of one style: its width is found
	// once for it, not again for every space
	key := spaceKey{rs.fam, fonts.StyleOf(rs.bold, rs.italic), rs.size}
	if !p.spaceKnown || key != p.spaceKey {
		face := p.s.fonts.Face(key.fam, key.st)
		sw, ok := face.Width(' ')
		if !ok {
			sw = 250
		}
		p.spaceKey, p.spaceW, p.spaceKnown = key, scale(sw, rs.size), true
	}
	w := p.spaceW
	prev := p.elems[len(p.elems)-1].frags
	dash := len(prev) > 0 && (strings.HasSuffix(prev[len(prev)-1].text, "-") || strings.HasSuffix(prev[len(prev)-1].text, "‐"))
	// a space may stretch by half and shrink by two fifths: Noto Serif's
	// space is narrow (0.26 em), so the tightest lines keep 0.16 em, and
	// the breaker can choose a tight line over a loose one
	p.elems = append(p.elems, elem{kind: glue, w: w, stretch: w / 2, shrink: w * 2 / 5, flagged: dash})
}

// add appends text set in style rs.
func (p *paragraphBuilder) add(text string, rs runStyle) {
	if p.s.encode != nil {
		text = p.s.encode(text)
	}
	start := -1
	flushWord := func(end int) {
		if start < 0 {
			return
		}
		if p.space {
			p.endWord()
			p.addGlue(p.spaceStyle)
			p.space = false
		}
		p.addWordPart(text[start:end], rs)
		start = -1
	}
	for i := 0; i < len(text); {
		if c := text[i]; c > ' ' && c < 0x7F {
			// printable ASCII, most text: no space, control or break,
			// read a run at a time
			if start < 0 {
				start = i
			}
			i++
			for i < len(text) && text[i] > ' ' && text[i] < 0x7F {
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r >= 0x0590 && mayBeRTL(r) {
			p.mayRTL = true
		}
		switch {
		case r == ' ' || unicode.IsSpace(r) && r != '\u00A0' && r != '\u202F':
			flushWord(i)
			if !p.space {
				p.spaceStyle = rs
			}
			p.space = true
		case r == '\u00AD' || r == '\u200B' || unicode.IsControl(r): // IsControl: the Cc characters, looked up as Latin-1
			flushWord(i)
			if r == '\u00AD' || r == '\u200B' {
				p.breakInWord(rs, r == '\u00AD', 50)
			}
		default:
			if start < 0 {
				start = i
			}
		}
		i += size
	}
	flushWord(len(text))
}

// addWordPart adds text without spaces to the current word, with break
// opportunities after hyphens and dashes between letters, and an
// address's own (urlBreak).
func (p *paragraphBuilder) addWordPart(text string, rs runStyle) {
	if unbroken(text) && !strings.HasPrefix(text, "www.") {
		// most words: no colon or slash, so no address (isURLish)
		if rs.fam == fonts.Mono {
			p.nohyph = true
		}
		p.word = p.s.appendFrags(p.wordRoom(), text, rs)
		return
	}
	from := 0
	prev, prev2 := rune(0), rune(0) // the characters before r
	urlish := isURLish(text)
	if urlish || rs.fam == fonts.Mono {
		p.nohyph = true
	}
	cjk := cjkBreaks(text)
	for i, r := range text {
		// a word breaks after its own hyphens, dashes, slashes and colons
		// before a letter (well-known, and/or, Markets:Agriculture), and
		// a number after a hyphen or dash before a digit (978-0-478,
		// 1990–2000)
		wordBreak := !urlish && i > 1 && rs.fam != fonts.Mono &&
			(breaksBeforeLetter(prev) && unicode.IsLetter(r) || (prev == '-' || prev == '–') && unicode.IsDigit(r) && unicode.IsDigit(prev2))
		pen := 50
		if urlish && i > 0 {
			pen = urlBreak(text[:i], prev, r)
		}
		cjkBreak := cjk != nil && cjk[i]
		if wordBreak || urlish && pen > 0 || cjkBreak {
			p.word = p.s.appendFrags(p.wordRoom(), text[from:i], rs)
			from = i
			nohyph := p.nohyph
			if cjkBreak && !wordBreak && !urlish && (isCJK(prev) || isCJK(r)) {
				p.cjkGlue(rs)
			} else {
				p.breakInWord(rs, false, pen)
			}
			p.nohyph = nohyph
			if wordBreak && (prev == '-' || prev == '‐') && len(p.elems) > 0 {
				// a line ending in a word's own hyphen counts as hyphenated
				p.elems[len(p.elems)-1].flagged = true
			}
		}
		prev, prev2 = r, prev
	}
	p.word = p.s.appendFrags(p.wordRoom(), text[from:], rs)
}

// unbroken reports text that addWordPart, when it is no address, breaks
// nowhere in: it has no hyphen, slash or colon, no en or em dash, and no
// character from U+2E80 on (Chinese, Japanese: see cjkBreaks). It looks
// at bytes, not characters: a dash is E2 80 93 or 94 in UTF-8, and the
// characters from U+2E80 start with E2 BA or a byte above E2.
func unbroken(text string) bool {
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '-' || c == '/' || c == ':' || c > 0xE2:
			return false
		case c == 0xE2 && i+2 < len(text):
			if c1 := text[i+1]; c1 >= 0xBA || c1 == 0x80 && (text[i+2] == 0x93 || text[i+2] == 0x94) {
				return false
			}
		case c == 0xE2:
			return false // cut short: left to addWordPart's own reading
		}
	}
	return true
}

// wordRoom returns the word being built with room for more frags: the
// frags of a paragraph's words are made in arrays of several words' frags,
// each word's box keeping its share, not in an array per word; each array
// is twice as long as the one before, up to maxWordChunk.
func (p *paragraphBuilder) wordRoom() []frag {
	if len(p.word) == 0 && cap(p.word) < 4 {
		p.chunk = min(max(2*p.chunk, 4), maxWordChunk)
		if p.expect > 0 {
			p.chunk, p.expect = p.expect, 0
			if p.spare && cap(p.s.spare.frags) >= p.chunk {
				p.first, p.s.spare.frags = p.s.spare.frags[:0], nil
			} else {
				p.first = make([]frag, 0, p.chunk)
			}
			return p.first
		}
		return make([]frag, 0, p.chunk)
	}
	return p.word
}

// maxWordChunk is the most frags wordRoom makes room for at a time,
// but for a paragraph's first array (paragraphBuilder.expect), which
// holds up to maxExpectedFrags.
const (
	maxWordChunk     = 64
	maxExpectedFrags = 1024
)

// expectedFrags is the room for the frags of a paragraph of words words:
// a frag a word and an eighth more (words in several styles, cut after
// a hyphen or slash), at most maxExpectedFrags.
func expectedFrags(words int) int {
	return min(words+words/8+4, maxExpectedFrags)
}

// breaksBeforeLetter reports the characters after which a word breaks
// before a letter: hyphens, dashes, slashes and colons.
func breaksBeforeLetter(r rune) bool {
	switch r {
	case '-', '–', '—', '/', ':':
		return true
	}
	return false
}

// urlBreak returns the penalty of a break in an address between prev
// and r (before holds the address up to r), or 0 for none: where the
// Chicago Manual of Style breaks a URL, after a colon or a double slash,
// before a single slash, a question mark, a number sign (50) or a dot,
// comma, hyphen, underscore, tilde or percent sign (urlPartPenalty: a
// line ending at a dot or hyphen would read as a full stop or an added
// hyphen), before and after an equals sign or ampersand (50). Never
// inside a run of these characters, nor after the address's first
// character.
func urlBreak(before string, prev, r rune) int {
	const parts = "/?#=&.,-_~%:;"
	switch {
	case len(before) < 2 || strings.ContainsRune(parts, prev) && strings.ContainsRune(parts, r) && !(prev == '/' && strings.HasSuffix(before, "//") && r != '/'):
		return 0
	case strings.HasSuffix(before, "//"), prev == ':', prev == '=', prev == '&':
		return 50
	case strings.ContainsRune("/?#=&", r):
		return 50
	case strings.ContainsRune(".,-_~%", r):
		return urlPartPenalty
	}
	return 0
}

// isURLish reports a string set like a URL, which may break after its
// slashes and query separators: a URL, a DOI, or any long string with a
// slash (a path, an identifier), which would otherwise leave the line
// before it loose.
func isURLish(text string) bool {
	return strings.Contains(text, "://") || strings.HasPrefix(text, "www.") || strings.HasPrefix(text, "doi:") ||
		len(text) >= 24 && strings.Contains(text, "/")
}

// cjkBreaks marks the byte offsets of text where a line may break by
// the Unicode line breaking algorithm (UAX #14, github.com/rivo/uniseg),
// when text holds Chinese or Japanese, which is set without spaces and
// breaks between most characters but not before closing punctuation and
// small kana, nor after opening punctuation. Text without them keeps
// galley's own rules (and costs nothing here): nil. The marks are by
// offset, an array rather than a map, each a look-up for a character.
func cjkBreaks(text string) []bool {
	has := false
	for _, r := range text {
		if r >= 0x2E80 && isCJK(r) {
			has = true
			break
		}
	}
	if !has {
		return nil
	}
	out := make([]bool, len(text))
	at, state := 0, -1
	for rest := text; rest != ""; {
		var seg string
		seg, rest, _, state = uniseg.FirstLineSegmentInString(rest, state)
		at += len(seg)
		if rest != "" {
			out[at] = true
		}
	}
	return out
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

// breakInWord ends the current word part with a break opportunity of
// penalty pen; when hyphen is set, a hyphen is drawn if the line breaks
// there.
func (p *paragraphBuilder) breakInWord(rs runStyle, hyphen bool, pen int) {
	if len(p.word) == 0 {
		return
	}
	p.endWord()
	e := elem{kind: penalty, penalty: pen}
	if hyphen {
		h := p.s.frags("-", rs)
		if len(h) == 1 {
			e.hyphen = &h[0]
			e.w = h[0].w
			e.flagged = true
		}
	}
	p.elems = append(p.elems, e)
}

// cjkStretch is how far, in thousandths of an em, the room between two
// Chinese or Japanese characters may open in a justified line (at a
// ratio of 1; more only in a paragraph that cannot be set otherwise).
const cjkStretch = 250

// cjkGlue ends the current word part with the room between two
// characters of Chinese or Japanese, set solid: no width, but a break
// opportunity that takes an even share of a justified line's slack (up
// to cjkStretch), so that a line of ideographs is justified between them
// rather than at its one Latin space, if any, or not at all.
func (p *paragraphBuilder) cjkGlue(rs runStyle) {
	if len(p.word) == 0 {
		return
	}
	p.endWord()
	p.elems = append(p.elems, elem{kind: glue, stretch: scale(cjkStretch, rs.size)})
}

// lineBreak adds a forced line break.
func (p *paragraphBuilder) lineBreak() {
	p.endWord()
	p.space = false
	p.elems = append(p.elems, elem{kind: penalty, penalty: forcedPenalty})
}

// finish ends the paragraph and returns its elements, without trailing
// glue or breaks.
func (p *paragraphBuilder) finish() []elem {
	p.endWord()
	for len(p.elems) > 0 && p.elems[len(p.elems)-1].kind != box {
		p.elems = p.elems[:len(p.elems)-1]
	}
	return p.elems
}

// styleFor derives the style of an inline run from the block's base style.
func styleFor(base runStyle, in article.Inline) runStyle {
	rs := base
	if in.Bold {
		rs.bold = true
	}
	if in.Italic {
		rs.italic = !base.italic // emphasis inside italic text is set upright
	}
	if in.Code {
		rs.fam = fonts.Mono
		rs.size = base.size * 9 / 10
		rs.italic = false
	}
	if in.Sup || in.Sub {
		rs.size = base.size * 7 / 10
		if in.Sup {
			rs.rise = base.size * 33 / 100
		} else {
			rs.rise = -base.size * 15 / 100
		}
	}
	rs.strike = rs.strike || in.Strike
	if in.Link != "" {
		rs.link = in.Link
	}
	return rs
}

// paragraph converts inline text into paragraph elements.
func (s *shaper) paragraph(text article.Text, base runStyle) []elem {
	return s.paragraphIn(text, base, false)
}

// paragraphIn is paragraph, made in s's spare arrays when spare is set
// (and they are long enough): the caller keeps the elements only until
// the next paragraph that may use them, and gives its arrays back
// (setText). A paragraph kept longer (a caption, a table's cell) must
// not take them: they would not be the next one's.
func (s *shaper) paragraphIn(text article.Text, base runStyle, spare bool) []elem {
	// about a box and a glue a space: made at once rather than grown
	spaces := 0
	for _, in := range text {
		spaces += strings.Count(in.Text, " ")
	}
	p := &paragraphBuilder{s: s, expect: expectedFrags(spaces + 1), spare: spare}
	if want := 2*spaces + 8; spare && cap(s.spare.elems) >= want {
		p.elems, s.spare.elems = s.spare.elems[:0], nil
	} else {
		p.elems = make([]elem, 0, want)
	}
	defer func() { s.made, s.madeLTR = paragraphArrays{elems: p.elems, frags: p.first}, !p.mayRTL }()
	for _, in := range text {
		if in.Break {
			p.lineBreak()
			continue
		}
		if in.Math != nil {
			p.addMath(in, styleFor(base, in))
			continue
		}
		p.add(in.Text, styleFor(base, in))
	}
	return p.finish()
}

// plain converts a plain string in one style into paragraph elements.
func (s *shaper) plain(text string, rs runStyle) []elem {
	p := &paragraphBuilder{s: s}
	p.add(text, rs)
	return p.finish()
}
