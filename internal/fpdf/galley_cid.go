package fpdf

// Galley patches 9 to 11 (see PATCHES.md): a UTF-8 font's own CID
// numbering, so that any character the font has can be shown (fpdf used
// the code point as the CID, 16 bits, and its ToUnicode map said CID =
// code point); a ToUnicode map that maps each CID back to its text; and
// subset font names with a subset tag and the font's PostScript name.

import (
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// errTooManyCIDs is set when a font shows more distinct characters in one
// document than two-byte codes can number.
var errTooManyCIDs = errors.New("a font shows more than 65,535 distinct characters")

// cidTable numbers the characters one UTF-8 font shows in one document:
// CID n (from 1; 0 is .notdef) is the n-th distinct character shown, so
// the numbering is dense and, for the same document, always the same.
type cidTable struct {
	byRune map[rune]uint16
	// latin holds the CIDs of the characters below U+0100 (0: none yet),
	// most of a Western text's, looked up without hashing (galley patch
	// 44); byRune holds the others'
	latin [256]uint16
	runes []rune // runes[n-1] has CID n
	// private is the text of characters shown as other than themselves
	// (UTF8Font.SetPrivateText), read only
	private map[rune]string
}

func newCIDTable() *cidTable { return &cidTable{byRune: map[rune]uint16{}} }

// appendEncoded appends s as two-byte big-endian CIDs, numbering the
// characters not seen before, escaped for a PDF string literal as
// Fpdf.escape escapes (galley patch 16: in one pass, into the caller's
// buffer).
func (t *cidTable) appendEncoded(b []byte, s string) ([]byte, error) {
	// galley patch 64: the CIDs of ASCII characters seen before, nearly
	// all of a Western text's, are stored in room made for all of them
	// escaped, four bytes each at most; from the first other character
	// on, appendEncodedRunes appends the text a character at a time
	b = slices.Grow(b, 4*len(s))
	j, room := len(b), b[:cap(b)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		cid := t.latin[c]
		if c >= utf8.RuneSelf || cid == 0 {
			return t.appendEncodedRunes(room[:j], s[i:])
		}
		hi, lo := byte(cid>>8), byte(cid)
		if escaped[hi] || escaped[lo] {
			room = appendEscaped(appendEscaped(room[:j], hi), lo)
			j, room = len(room), room[:cap(room)]
			continue
		}
		if j+1 < len(room) { // always (4 bytes a character): spares the stores' bounds checks
			room[j], room[j+1] = hi, lo
			j += 2
		}
	}
	return room[:j], nil
}

// appendEncodedRunes is appendEncoded of any text, a character at a time.
func (t *cidTable) appendEncodedRunes(b []byte, s string) ([]byte, error) {
	for _, r := range s {
		var cid uint16
		if r < rune(len(t.latin)) {
			cid = t.latin[r]
		} else {
			cid = t.byRune[r]
		}
		if cid == 0 {
			if len(t.runes) >= 0xFFFF {
				return b, errTooManyCIDs
			}
			t.runes = append(t.runes, r)
			cid = uint16(len(t.runes))
			if r < rune(len(t.latin)) {
				t.latin[r] = cid
			} else {
				t.byRune[r] = cid
			}
		}
		hi, lo := byte(cid>>8), byte(cid)
		if escaped[hi] || escaped[lo] {
			b = appendEscaped(b, hi)
			b = appendEscaped(b, lo)
			continue
		}
		b = append(b, hi, lo)
	}
	return b, nil
}

// escaped tells the bytes appendEscaped escapes, so that the CIDs of most
// characters are appended as they are with one test (galley patch 55).
var escaped = [256]bool{'\\': true, '(': true, ')': true, '\r': true}

// appendEscaped appends c escaped for a PDF string literal, as
// Fpdf.escape escapes it.
func appendEscaped(b []byte, c byte) []byte {
	switch c {
	case '\\', '(', ')':
		return append(b, '\\', c)
	case '\r':
		return append(b, '\\', 'r')
	}
	return append(b, c)
}

// encodeText returns s encoded for the current UTF-8 font, escaped for a
// PDF string literal.
func (f *Fpdf) encodeText(s string) string {
	return string(f.appendText(nil, s))
}

// appendText appends s encoded for the current UTF-8 font, escaped for a
// PDF string literal; on an error it appends nothing and sets the
// document's error.
func (f *Fpdf) appendText(b []byte, s string) []byte {
	t := f.currentFont.cids
	if t == nil {
		f.SetErrorf("font %s has no CID table", f.currentFont.Name)
		return b
	}
	out, err := t.appendEncoded(b, s)
	if err != nil {
		f.SetErrorf("font %s: %v", f.currentFont.Name, err)
		return b
	}
	return out
}

// cidGlyphs returns, indexed by CID, the glyph of each CID in the subset
// font (0 for CID 0 and characters the font lacks) and its advance width
// in thousandths of an em.
func (utf *utf8FontFile) cidGlyphs(t *cidTable) (gids, widths []int) {
	hmtx := utf.outTablesData["hmtx"]
	upem := utf.fontElementSize
	gids = make([]int, len(t.runes)+1)
	widths = make([]int, len(t.runes)+1)
	byIndex := sameRunes(t.runes, utf.subsetRunes) // galley patch 69
	var dict map[int]int
	if !byIndex {
		dict = utf.symbolDictionary()
	}
	for i, r := range t.runes {
		var gid int
		if byIndex {
			if g := utf.glyphOf[i]; g > 0 && r != 0 {
				gid = g
			}
		} else {
			gid = dict[int(r)]
		}
		gids[i+1] = gid
		if 4*gid+2 <= len(hmtx) && upem > 0 {
			adv := int(binary.BigEndian.Uint16(hmtx[4*gid:]))
			widths[i+1] = (adv*1000 + upem/2) / upem
		}
	}
	return gids, widths
}

// cidToGIDMap is the /CIDToGIDMap stream: two bytes per CID, from CID 0
// to the last one used.
func cidToGIDMap(gids []int) []byte {
	b := make([]byte, 2*len(gids))
	for cid, g := range gids {
		binary.BigEndian.PutUint16(b[2*cid:], uint16(g))
	}
	return b
}

// toUnicodeCMap is the /ToUnicode CMap of t: each CID mapped to the text
// it shows, in UTF-16BE (surrogate pairs beyond U+FFFF). Arabic
// presentation forms, which galley draws for shaped Arabic, map to the
// letters they show, so that the text copies and searches as it was
// written (see appendUnicodeOf).
func toUnicodeCMap(t *cidTable) []byte {
	const head = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
	const tail = "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
	// made in one buffer of about its size, "<CID> <text>\n" taking 16
	// bytes for a character of the BMP (galley patch 50)
	b := make([]byte, 0, len(head)+len(tail)+16*len(t.runes)+30*(len(t.runes)/100+1))
	b = append(b, head...)
	hex4 := func(v uint16) {
		const digits = "0123456789ABCDEF"
		b = append(b, digits[v>>12], digits[v>>8&15], digits[v>>4&15], digits[v&15])
	}
	var text []rune
	// at most 100 entries a block
	for start := 0; start < len(t.runes); start += 100 {
		end := min(start+100, len(t.runes))
		b = strconv.AppendInt(b, int64(end-start), 10)
		b = append(b, " beginbfchar\n"...)
		for i := start; i < end; i++ {
			b = append(b, '<')
			hex4(uint16(i + 1))
			b = append(b, "> <"...)
			if pt, ok := t.private[t.runes[i]]; ok {
				text = append(text[:0], []rune(pt)...)
			} else {
				text = appendUnicodeOf(text[:0], t.runes[i])
			}
			for _, r := range text {
				if r1, r2 := utf16.EncodeRune(r); r1 != unicode.ReplacementChar {
					hex4(uint16(r1))
					hex4(uint16(r2))
				} else {
					hex4(uint16(r))
				}
			}
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
	}
	return append(b, tail...)
}

// appendUnicodeOf appends the text a character stands for: Arabic presentation
// forms (U+FB50–U+FDFF, U+FE70–U+FEFF) their letters (their compatibility
// decomposition), others themselves. A ligature of several letters (lam
// with alef) maps to them in visual order, right to left, as galley draws
// right-to-left text: extractors put each line's glyphs in visual order
// and reverse its right-to-left runs character by character, so a
// ligature's letters given in logical order would come out swapped
// (poppler gives "ليال" for "ليلا" so).
func appendUnicodeOf(dst []rune, r rune) []rune {
	if r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF {
		if d := []rune(norm.NFKC.String(string(r))); len(d) > 0 {
			slices.Reverse(d)
			return append(dst, d...)
		}
	}
	if r < 0 || r > 0x10FFFF || r >= 0xD800 && r <= 0xDFFF {
		r = unicode.ReplacementChar
	}
	return append(dst, r)
}

// subsetTag is the six capital letters that name a subset: derived from
// the font and the glyphs its CIDs show, so that the same subset always
// has the same tag.
func subsetTag(fontID string, gidMap []byte) string {
	h := sha1.New()
	h.Write([]byte(fontID))
	h.Write(gidMap)
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

// postScriptName returns the font's PostScript name (name ID 6) as a PDF
// name may hold it, or "" when the font has none; read once per parsed
// font.
func (utf *utf8FontFile) postScriptName() string {
	c := utf.cmap
	if c == nil {
		return sanitizePSName(readPostScriptName(utf.getTableData("name")))
	}
	c.nameOnce.Do(func() {
		c.psName = sanitizePSName(readPostScriptName(utf.getTableData("name")))
	})
	return c.psName
}

// readPostScriptName finds name ID 6 in a name table: the Windows Unicode
// record (UTF-16BE) first, else the Macintosh Roman one.
func readPostScriptName(t []byte) string {
	if len(t) < 6 {
		return ""
	}
	u16 := func(p int) int { return int(binary.BigEndian.Uint16(t[p:])) }
	count, strings := u16(2), u16(4)
	var mac string
	for i := 0; i < count; i++ {
		rec := 6 + 12*i
		if rec+12 > len(t) {
			break
		}
		platform, encoding, id := u16(rec), u16(rec+2), u16(rec+6)
		length, off := u16(rec+8), strings+u16(rec+10)
		if id != 6 || off+length > len(t) {
			continue
		}
		raw := t[off : off+length]
		switch {
		case platform == 3 && (encoding == 1 || encoding == 0) || platform == 0:
			u := make([]uint16, len(raw)/2)
			for k := range u {
				u[k] = binary.BigEndian.Uint16(raw[2*k:])
			}
			return string(utf16.Decode(u))
		case platform == 1 && encoding == 0 && mac == "":
			mac = string(raw)
		}
	}
	return mac
}

// sanitizePSName keeps the characters a PostScript font name may have
// (printable ASCII but delimiters and '#'), at most 63 of them.
func sanitizePSName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > 32 && r < 127 && !strings.ContainsRune("[](){}<>/%#", r) && b.Len() < 63 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// putCompressed writes b as a deflated stream object's dictionary and
// stream, with extra entries in the dictionary.
func (f *Fpdf) putCompressed(b []byte, extra string) {
	mem := xmem.compress(b)
	defer mem.release()
	z := mem.bytes()
	f.out(fmt.Sprintf("<</Length %d /Filter /FlateDecode%s>>", len(z), extra))
	f.putstream(z)
}

// subsetCMAP returns the subset font's own cmap table, of numSymbols
// glyphs, for the characters cutFont was given: by the CID table's
// characters' index when those are the CID table's (galley patch 69: no
// map by character), else through symbolDictionary.
func (utf *utf8FontFile) subsetCMAP(numSymbols int) []byte {
	if utf.cids == nil || !sameRunes(utf.cids.runes, utf.subsetRunes) {
		return utf.subsetCMAPTable(utf.symbolDictionary(), numSymbols)
	}
	cids := make([]int, 0, len(utf.glyphOf))
	glyphs := make([]int, 0, len(utf.glyphOf))
	for i, r := range utf.subsetRunes {
		if g := utf.glyphOf[i]; g >= 0 && r != 0 {
			cids = append(cids, i+1)
			glyphs = append(glyphs, g)
		}
	}
	return cmapTable(cids, glyphs, numSymbols)
}

// symbolDictionary returns the new glyph of each character of the subset
// cutFont made last that the font has, but character 0, by character
// (CodeSymbolDictionary, made at the first call after cutFont).
func (utf *utf8FontFile) symbolDictionary() map[int]int {
	if utf.CodeSymbolDictionary == nil {
		d := make(map[int]int, len(utf.glyphOf))
		for i, r := range utf.subsetRunes {
			if g := utf.glyphOf[i]; g >= 0 && r != 0 {
				d[int(r)] = g
			}
		}
		utf.CodeSymbolDictionary = d
	}
	return utf.CodeSymbolDictionary
}

// sameRunes reports whether a and b are the same slice.
func sameRunes(a, b []rune) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// subsetCMAPTable returns the subset font's own cmap table, mapping codes
// to the glyphs runeGlyph gives their characters: by CID when the font is
// embedded with a CID table (code points beyond U+FFFF do not fit its
// format 4 subtable, and a PDF reader maps CIDs, not code points), else
// by code point (GenerateCutFont has deleted character 0).
//
// Galley patch 37: CIDs are numbered densely in the order of the CID
// table's characters, so they are taken in that order, not put in a map
// and sorted.
func (utf *utf8FontFile) subsetCMAPTable(runeGlyph map[int]int, numSymbols int) []byte {
	if utf.cids == nil {
		return utf.generateCMAPTable(runeGlyph, numSymbols)
	}
	cids := make([]int, 0, len(runeGlyph))
	glyphs := make([]int, 0, len(runeGlyph))
	for i, r := range utf.cids.runes {
		if g, ok := runeGlyph[int(r)]; ok && r != 0 {
			cids = append(cids, i+1)
			glyphs = append(glyphs, g)
		}
	}
	return cmapTable(cids, glyphs, numSymbols)
}
