package fonts

import (
	"fmt"
	"io/fs"
	"sync"

	"github.com/galleyprint/galley/assets"
)

// Family is a role in the type scheme: a serif for reading, a sans for
// headings and furniture, a monospace for code.
type Family uint8

// The families of a Set.
const (
	Serif Family = iota
	Sans
	Mono
	numFamilies
)

// Style is a face's weight and slant.
type Style uint8

// The styles of a family.
const (
	Regular Style = iota
	Bold
	Italic
	BoldItalic
	numStyles
)

// StyleOf returns the style for the given weight and slant.
func StyleOf(bold, italic bool) Style {
	switch {
	case bold && italic:
		return BoldItalic
	case bold:
		return Bold
	case italic:
		return Italic
	}
	return Regular
}

// Set is the faces a document is set in: every style of every family.
// A style a family lacks falls back to its nearest style.
type Set struct {
	faces [numFamilies][numStyles]*Face
}

// Face returns the face of a family in a style; never nil for a Set made by
// this package.
func (s *Set) Face(fam Family, st Style) *Face {
	if f := s.faces[fam][st]; f != nil {
		return f
	}
	if st == BoldItalic && s.faces[fam][Bold] != nil {
		return s.faces[fam][Bold]
	}
	return s.faces[fam][Regular]
}

// Fallbacks returns the faces to try, in order, for a rune the face for
// (fam, st) lacks: the same style of the other families.
func (s *Set) Fallbacks(fam Family, st Style) []*Face {
	var out []*Face
	for f := Family(0); f < numFamilies; f++ {
		if f != fam {
			out = append(out, s.Face(f, st))
		}
	}
	return out
}

var defaultFiles = [numFamilies][numStyles]string{
	Serif: {"NotoSerif-Regular", "NotoSerif-Bold", "NotoSerif-Italic", "NotoSerif-BoldItalic"},
	Sans:  {"NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic", "NotoSans-BoldItalic"},
	Mono:  {"NotoSansMono-Regular", "NotoSansMono-Bold", "", ""},
}

var (
	defaultOnce sync.Once
	defaultSet  *Set
	defaultErr  error
)

// Default returns the embedded default set: Noto Serif, Noto Sans and Noto
// Sans Mono. It is parsed once per process and shared; faces are safe for
// concurrent use.
func Default() (*Set, error) {
	defaultOnce.Do(func() {
		s := &Set{}
		for fam, names := range defaultFiles {
			for st, name := range names {
				if name == "" {
					continue
				}
				data, err := fs.ReadFile(assets.Fonts, "fonts/"+name+".ttf")
				if err != nil {
					defaultErr = fmt.Errorf("embedded font %s: %w", name, err)
					return
				}
				face, err := Parse(name, data)
				if err != nil {
					defaultErr = err
					return
				}
				s.faces[fam][st] = face
			}
		}
		defaultSet = s
	})
	return defaultSet, defaultErr
}
