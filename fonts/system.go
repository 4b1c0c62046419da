package fonts

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode"
)

// SystemFonts finds TrueType faces installed on the machine, for
// characters the embedded faces lack (Chinese, Japanese, Thai…). Only .ttf
// files are considered: the PDF writer cannot embed CFF (.otf) faces or
// collections (.ttc). The folders are scanned on first need, and a face is
// parsed only when it is tried. Safe for concurrent use.
type SystemFonts struct {
	dirs []string

	scanOnce sync.Once
	files    []string // candidate files, preferred first

	mu     sync.Mutex
	faces  map[string]*Face    // faces that answered a rune, by path
	cover  map[string]coverage // what each file read so far maps
	read   map[string]bool     // files whose coverage has been read
	byRune map[rune]*Face      // answers so far; nil for none
}

// NewSystemFonts searches dirs, or the usual font folders of the operating
// system when dirs is empty.
func NewSystemFonts(dirs ...string) *SystemFonts {
	if len(dirs) == 0 {
		dirs = systemFontDirs()
	}
	return newSystemFonts(dirs)
}

func newSystemFonts(dirs []string) *SystemFonts {
	return &SystemFonts{dirs: dirs, faces: map[string]*Face{}, cover: map[string]coverage{},
		read: map[string]bool{}, byRune: map[rune]*Face{}}
}

func systemFontDirs() []string {
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "darwin":
		return []string{"/Library/Fonts", "/System/Library/Fonts", filepath.Join(home, "Library/Fonts")}
	case "windows":
		return []string{filepath.Join(os.Getenv("WINDIR"), "Fonts")}
	}
	dirs := []string{"/usr/share/fonts", "/usr/local/share/fonts"}
	if home != "" {
		dirs = append(dirs, filepath.Join(home, ".fonts"), filepath.Join(home, ".local/share/fonts"))
	}
	return dirs
}

// Face returns an installed face that has a glyph for r, or nil.
//
// Faces that have answered are tried first, so that a document in one
// script keeps to one face; then files whose names suggest r's script,
// then all the others. A file is judged first by its cmap, read alone, and
// parsed only when that maps r; only faces that answer are kept, so a
// character no font has costs one look at each cmap, not every font's
// bytes held for the life of the process.
func (s *SystemFonts) Face(r rune) *Face {
	if s == nil {
		return nil
	}
	s.scanOnce.Do(s.scan)
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, ok := s.byRune[r]; ok {
		return f
	}
	var found *Face
	for _, path := range s.files {
		if f := s.faces[path]; f != nil && f.Has(r) {
			found = f
			break
		}
	}
	script := ScriptOf(r)
	hints := append(scriptHints[script], strings.ToLower(script))
	if script == "" {
		hints = nil
	}
	for pass := 0; pass < 2 && found == nil; pass++ {
		for _, path := range s.files {
			if s.faces[path] != nil || (pass == 0) != nameHints(path, hints) || !s.mayHave(path, r) {
				continue
			}
			if f := parseFile(path); f != nil && f.Has(r) {
				s.faces[path] = f
				found = f
				break
			}
		}
	}
	s.byRune[r] = found
	return found
}

// mayHave reports whether the cmap of the file at path maps r, reading
// it on first need; a file whose cmap cannot be read may have anything.
func (s *SystemFonts) mayHave(path string, r rune) bool {
	if !s.read[path] {
		s.read[path] = true
		if c, ok := readCoverage(path); ok {
			s.cover[path] = c
		}
	}
	c, ok := s.cover[path]
	return !ok || c.has(r)
}

// scriptHints are name fragments of font files likely to cover a script.
var scriptHints = map[string][]string{
	"Han":      {"fallback", "cjk", "wqy", "droid", "ipa", "hei", "song", "ming", "gothic", "mincho", "han"},
	"Hiragana": {"fallback", "cjk", "droid", "ipa", "gothic", "mincho", "jp"},
	"Katakana": {"fallback", "cjk", "droid", "ipa", "gothic", "mincho", "jp"},
	"Hangul":   {"fallback", "cjk", "droid", "nanum", "kr", "hangul"},
	"Bopomofo": {"fallback", "cjk", "droid", "wqy"},
}

// nameHints reports whether a file name suggests the script: one of the
// hints, or the script's own name ("NotoSansThai-Regular.ttf").
func nameHints(path string, hints []string) bool {
	name := strings.ToLower(filepath.Base(path))
	for _, h := range hints {
		if strings.Contains(name, h) {
			return true
		}
	}
	return false
}

func parseFile(path string) *Face {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	f, err := Parse(name, data)
	if err != nil {
		return nil
	}
	return f
}

// scan lists the .ttf files, regular faces of broad fallback fonts first.
func (s *SystemFonts) scan() {
	for _, dir := range s.dirs {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // unreadable folders are skipped
			}
			if !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".ttf") && isTrueType(path) {
				s.files = append(s.files, path)
			}
			return nil
		})
	}
	sort.SliceStable(s.files, func(i, j int) bool {
		return rank(s.files[i]) < rank(s.files[j])
	})
}

// rank orders candidates: regular faces before bold and italic ones, and
// broad-coverage fallback families before the rest.
func rank(path string) int {
	name := strings.ToLower(filepath.Base(path))
	r := 2
	switch {
	case strings.Contains(name, "fallback"), strings.Contains(name, "wqy"), strings.Contains(name, "unifont"):
		r = 1
	case strings.HasPrefix(name, "noto"):
		r = 0
	}
	if strings.Contains(name, "bold") || strings.Contains(name, "italic") || strings.Contains(name, "oblique") ||
		strings.Contains(name, "light") || strings.Contains(name, "thin") || strings.Contains(name, "black") {
		r += 10
	}
	// special-purpose designs are last resorts for running text: Rashi
	// script, display cuts, monospace, condensed widths, symbol sets
	for _, special := range []string{"rashi", "display", "mono", "condensed", "narrow", "math", "music", "symbol", "emoji"} {
		if strings.Contains(name, special) {
			r += 5
			break
		}
	}
	return r
}

// isTrueType checks a file's header and table directory without reading
// it all: a TrueType face with outlines. Colour bitmap fonts (Noto Color
// Emoji's CBDT) have no glyf table; their glyphs would embed as nothing.
func isTrueType(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 12)
	if _, err := io.ReadFull(f, head); err != nil {
		return false
	}
	if !bytes.HasPrefix(head, []byte{0, 1, 0, 0}) && !bytes.HasPrefix(head, []byte("true")) {
		return false
	}
	dir := make([]byte, 16*int(binary.BigEndian.Uint16(head[4:])))
	if _, err := io.ReadFull(f, dir); err != nil {
		return false
	}
	return hasOutlines(append(head, dir...))
}

// hasOutlines reports whether the table directory at the start of a
// TrueType file lists a glyf table.
func hasOutlines(data []byte) bool {
	if len(data) < 12 {
		return false
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := 0; i < n && 12+16*i+4 <= len(data); i++ {
		if string(data[12+16*i:12+16*i+4]) == "glyf" {
			return true
		}
	}
	return false
}

// ScriptOf names the Unicode script of r ("Han", "Arabic"…), or "" for
// common characters such as punctuation and emoji.
func ScriptOf(r rune) string {
	for _, name := range scriptOrder {
		if unicode.Is(unicode.Scripts[name], r) {
			return name
		}
	}
	return ""
}

// scriptOrder lists the scripts ScriptOf knows, the likely ones first.
var scriptOrder = func() []string {
	first := []string{"Latin", "Han", "Hiragana", "Katakana", "Hangul", "Arabic", "Hebrew", "Cyrillic", "Greek",
		"Thai", "Devanagari", "Bengali", "Tamil"}
	seen := map[string]bool{}
	for _, n := range first {
		seen[n] = true
	}
	var rest []string
	for n := range unicode.Scripts {
		if !seen[n] && n != "Common" && n != "Inherited" {
			rest = append(rest, n)
		}
	}
	sort.Strings(rest)
	return append(first, rest...)
}()

// InstallHint suggests where to get a TrueType font for missing
// characters of a script ("" for symbols and emoji), on Debian and Ubuntu.
// The characters refine it: Chinese characters beyond the Basic
// Multilingual Plane (CJK Extension B and after) need another font than
// the common ones.
func InstallHint(script string, missing []rune) string {
	switch script {
	case "Han", "Hiragana", "Katakana", "Bopomofo", "Hangul":
		for _, r := range missing {
			if r > 0xFFFF {
				return "apt-get install fonts-hanazono (CJK Extension B and later; Noto CJK ships as .ttc/.otf, which PDF embedding here cannot use)"
			}
		}
		return "apt-get install fonts-droid-fallback (Noto CJK ships as .ttc/.otf, which PDF embedding here cannot use)"
	case "":
		return "apt-get install fonts-symbola (outline emoji and symbols; colour emoji fonts such as Noto Color Emoji cannot be embedded)"
	}
	return "apt-get install fonts-noto-core (Noto Sans " + script + ")"
}

// NewUserFonts returns the faces a user supplies for characters the
// embedded faces lack: TrueType files, and folders searched for them. Each
// file named directly must be a TrueType face the PDF writer can embed;
// one that is not (an .otf with CFF outlines, a .ttc collection, anything
// else) is refused with an error naming it and why.
func NewUserFonts(paths ...string) (*SystemFonts, error) {
	var dirs, files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", p, err)
		}
		if st.IsDir() {
			dirs = append(dirs, p)
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", p, err)
		}
		if _, err := Parse(filepath.Base(p), data); err != nil {
			return nil, err
		}
		files = append(files, p)
	}
	s := newSystemFonts(dirs)
	s.scanOnce.Do(func() {
		s.scan()
		s.files = append(files, s.files...) // named files first, in order
	})
	return s, nil
}

// WithUserFonts returns a copy of s that looks in user, after its own
// faces and before the installed fonts, for characters its faces lack.
func (s *Set) WithUserFonts(user *SystemFonts) *Set {
	c := *s
	c.User = user
	return &c
}
