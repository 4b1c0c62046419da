package fonts

import (
	"fmt"
	"io/fs"
	"sync"
	"sync/atomic"

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
// A style a family lacks falls back to its nearest style. Faces are parsed
// on first use, so a document pays only for the faces it sets.
type Set struct {
	faces [numFamilies][numStyles]*lazyFace
	// User, when set, supplies faces for characters no face of the set
	// has, before System: the fonts a user names (--font, --font-dir).
	User *SystemFonts
	// System, when set, supplies faces for characters no face of the set
	// or of User has.
	System *SystemFonts
}

// lazyFace parses a face the first time it is asked for.
type lazyFace struct {
	name string
	data func() ([]byte, error)
	once sync.Once
	face *Face
	err  error
	// parsed is face once parsed, for Owns to read without parsing
	parsed atomic.Pointer[Face]
}

func (l *lazyFace) get() (*Face, error) {
	l.once.Do(func() {
		data, err := l.data()
		if err != nil {
			l.err = fmt.Errorf("font %s: %w", l.name, err)
			return
		}
		l.face, l.err = Parse(l.name, data)
		if l.err == nil {
			l.parsed.Store(l.face)
		}
	})
	return l.face, l.err
}

// Face returns the face of a family in a style; never nil for a Set made by
// this package: a face that fails to load falls back to the family's
// regular face, and that to the serif regular, which Default checks.
func (s *Set) Face(fam Family, st Style) *Face {
	near := Regular
	if st == BoldItalic {
		near = Bold
	}
	for _, c := range [...]struct {
		fam Family
		st  Style
	}{{fam, st}, {fam, near}, {fam, Regular}, {Serif, Regular}} {
		if l := s.faces[c.fam][c.st]; l != nil {
			if f, err := l.get(); err == nil {
				return f
			}
		}
	}
	return nil
}

// Owns reports whether f is one of the set's own faces, not one of
// User's or System's. It parses no face: f, a face in use, cannot be one
// of the set's faces not parsed yet.
func (s *Set) Owns(f *Face) bool {
	if f == nil {
		return false
	}
	for fam := range s.faces {
		for _, l := range s.faces[fam] {
			if l != nil && l.parsed.Load() == f {
				return true
			}
		}
	}
	return false
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
// Sans Mono, falling back to the machine's TrueType fonts for scripts they
// lack. It is made once per process and shared; faces are safe for
// concurrent use. The serif regular face is parsed at once, so a broken
// build fails here rather than later.
func Default() (*Set, error) {
	defaultOnce.Do(func() {
		s := &Set{}
		for fam, names := range defaultFiles {
			for st, name := range names {
				if name == "" {
					continue
				}
				s.faces[fam][st] = &lazyFace{name: name, data: func() ([]byte, error) {
					if data, ok := assets.FontData(name); ok {
						return data, nil // the binary's bytes, not a copy
					}
					return nil, fs.ErrNotExist
				}}
			}
		}
		s.System = NewSystemFonts()
		if _, err := s.faces[Serif][Regular].get(); err != nil {
			defaultErr = err
			return
		}
		defaultSet = s
	})
	return defaultSet, defaultErr
}
