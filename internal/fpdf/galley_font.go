package fpdf

// Galley patch 15 (see PATCHES.md): UTF-8 fonts parsed once, as objects
// their owner passes to each document.

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"sync"
)

// UTF8Font is a TrueType font parsed for embedding, to be added to any
// number of documents with AddParsedUTF8Font, from any goroutine: what a
// document changes (the subset it embeds, the characters it uses) is its
// own copy's. Whoever makes it owns it and decides how long it is kept.
type UTF8Font struct {
	data   []byte
	parsed *utf8FontFile

	// widths is the width of each character of the Basic Multilingual
	// Plane, made on first use: only fpdf's own text measuring reads it
	// (galley patch 36), and it is 512 KB
	widths func() []int

	mu  sync.Mutex
	ids map[string]string // identifier by font key

	// private is the text of characters whose ToUnicode entry is not
	// themselves (galley patch 31)
	private map[rune]string
}

// SetPrivateText makes the /ToUnicode map of the documents the font is
// added to afterwards map each character of text to its text instead of
// itself: private use characters that a font's cmap gives to glyphs
// without a character of their own (a math face's glyph variants) map
// to the character they are a form of, or to a space. Call it before
// adding the font to a document; text must not change afterwards.
func (u *UTF8Font) SetPrivateText(text map[rune]string) {
	u.private = text
}

// NewUTF8Font parses the TrueType font data, which must not change
// while the UTF8Font is in use.
func NewUTF8Font(data []byte) (*UTF8Font, error) {
	if len(data) == 0 {
		return nil, fmt.Errorf("UTF-8 font: no data")
	}
	u := newUTF8Font(&fileReader{readerPosition: 0, array: data})
	u.cmap = &cmapCache{}
	u.kept = &subsetCache{} // galley patch 58
	u.lazyWidths = true
	if err := u.parseFile(); err != nil {
		return nil, fmt.Errorf("UTF-8 font: %w", err)
	}
	font := &UTF8Font{data: data, parsed: u, ids: map[string]string{}}
	font.widths = sync.OnceValue(func() []int {
		c := font.file()
		c.setCharWidths()
		return c.CharWidths
	})
	return font, nil
}

// id identifies the font under fontkey in a document: the SHA-1 of the
// key and the font's bytes, computed once per key (fpdf hashed the JSON
// of the font's width tables, for every document), unless SetID gave it.
func (u *UTF8Font) id(fontkey string) string {
	u.mu.Lock()
	defer u.mu.Unlock()
	id, ok := u.ids[fontkey]
	if !ok {
		id = fontKeyID(fontkey, u.data)
		u.ids[fontkey] = id
	}
	return id
}

func fontKeyID(fontkey string, data []byte) string {
	h := sha1.New()
	h.Write([]byte(fontkey))
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// UTF8FontID returns the identifier a document gives a UTF-8 font with
// these bytes added as the family and style given (AddParsedUTF8Font): it
// names the font's resources and tags its subsets.
func UTF8FontID(familyStr, styleStr string, data []byte) string {
	return fontKeyID(getFontKey(fontFamilyEscape(familyStr), styleStr), data)
}

// SetID gives the font the identifier it has as the family and style
// given, which UTF8FontID(familyStr, styleStr, data) returns, for a
// caller that has it at hand (computed when the program was built):
// computing it reads all the font's bytes, about a millisecond a face.
// Call it before adding the font to a document.
func (u *UTF8Font) SetID(familyStr, styleStr, id string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.ids[getFontKey(fontFamilyEscape(familyStr), styleStr)] = id
}

// file returns a copy of the parsed font for one document, with its own
// reader. That is safe because GenerateCutFont, the only later user,
// resets every table and map it fills by assigning new ones, and the
// tables it shares (cmap, loca) are read once and then only read.
func (u *UTF8Font) file() *utf8FontFile {
	c := *u.parsed
	c.fileReader = &fileReader{readerPosition: 0, array: u.data}
	return &c
}

// AddParsedUTF8Font adds font to the document as the family and style
// given (see AddUTF8Font); a family and style added before stay as they
// were.
func (f *Fpdf) AddParsedUTF8Font(familyStr, styleStr string, font *UTF8Font) {
	if f.err != nil {
		return
	}
	if font == nil {
		f.err = fmt.Errorf("AddParsedUTF8Font: no font")
		return
	}
	fontkey := getFontKey(fontFamilyEscape(familyStr), styleStr)
	if _, ok := f.fonts[fontkey]; ok {
		return
	}
	utf8File := font.file()
	def := fontDefType{
		Tp:   "UTF8",
		Name: fontkey,
		Desc: FontDescType{
			Ascent:       int(utf8File.Ascent),
			Descent:      int(utf8File.Descent),
			CapHeight:    utf8File.CapHeight,
			Flags:        utf8File.Flags,
			FontBBox:     utf8File.Bbox,
			ItalicAngle:  utf8File.ItalicAngle,
			StemV:        utf8File.StemV,
			MissingWidth: round(utf8File.DefaultWidth),
		},
		Up:       int(round(utf8File.UnderlinePosition)),
		Ut:       round(utf8File.UnderlineThickness),
		cwOf:     font.widths,
		utf8File: utf8File,
		cids:     &cidTable{byRune: map[rune]uint16{}, private: font.private},
		i:        font.id(fontkey),
	}
	f.fonts[fontkey] = def
}
