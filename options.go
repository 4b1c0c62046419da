package galley

import (
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/page"
)

// The dates a PDF gets as its creation date: a PDF date has a four-digit
// year, and 0001-01-01T00:00:00Z is the zero time.Time, which Options.Date
// takes as "no date".
var (
	minDate = time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC)
	maxDate = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
)

// DateRange says which dates Options.Date and ParseDate accept, for help
// texts and messages.
const DateRange = "0001-01-02 to 9999-12-31 (UTC)"

// ParseDate reads a creation date as the CLI and the service take it:
// YYYY-MM-DD, YYYY-MM-DDThh:mm:ss (UTC) or RFC 3339. A date outside
// DateRange, 0001-01-01 among them (the zero time, which means no date),
// is refused. Errors wrap ErrInvalidOptions and name the option "date".
func ParseDate(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			if err := checkDate(t, s); err != nil {
				return time.Time{}, err
			}
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: date %q is not YYYY-MM-DD or RFC 3339 (2024-03-01T12:00:00Z)", ErrInvalidOptions, s)
}

// checkDate refuses a date the PDF cannot carry; as is how it was given.
func checkDate(t time.Time, as string) error {
	if u := t.UTC(); u.Before(minDate) || u.After(maxDate) {
		return fmt.Errorf("%w: date %s is outside %s, the dates galley can write (0001-01-01T00:00:00Z is reserved: it means no date)", ErrInvalidOptions, as, DateRange)
	}
	return nil
}

// languageOption returns the language l names, "" for none; logger hears
// about a language galley does not know.
func languageOption(l Language, logger *slog.Logger) string {
	if l != (Language{}) && !l.Known() && logger != nil {
		logger.Warn(fmt.Sprintf("lang %q is well-formed but not a language galley knows: its words are not hyphenated, and smart quotes are English", l))
	}
	return l.String()
}

// Fonts are the fonts beyond the embedded faces that characters those
// lack are taken from (Options.Fonts): TrueType files a caller names, and
// the fonts installed on the machine when asked. NewFonts reads and checks
// the named files once; the faces are parsed when first needed and kept,
// so a batch parses them once, not per article.
type Fonts struct {
	set       *fonts.Set
	paths     []string
	installed bool
}

// NewFonts returns the fonts of paths, TrueType files and folders of them,
// tried in order, and, when installed is true, after them the fonts
// installed on the machine (the CLI's default). A file that is not an
// embeddable TrueType face, or a path that does not exist, is refused
// (ErrInvalidOptions).
func NewFonts(paths []string, installed bool) (*Fonts, error) {
	base, err := fonts.Default()
	if err != nil {
		return nil, err
	}
	set := *base
	set.User, set.System = nil, nil
	if len(paths) > 0 {
		if set.User, err = fonts.NewUserFonts(paths...); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrInvalidOptions, err)
		}
	}
	if installed {
		set.System = base.System
	}
	abs := make([]string, len(paths))
	for i, p := range paths {
		if abs[i], err = filepath.Abs(p); err != nil {
			abs[i] = p
		}
	}
	return &Fonts{set: &set, paths: abs, installed: installed}, nil
}

// Paths returns the absolute paths of the files and folders f takes
// faces from.
func (f *Fonts) Paths() []string {
	if f == nil {
		return nil
	}
	return slices.Clone(f.paths)
}

// Installed reports whether f takes faces from the installed fonts.
func (f *Fonts) Installed() bool { return f != nil && f.installed }

// embedded is the set of the embedded faces alone, for Options whose
// Fonts is nil.
var embedded = sync.OnceValues(func() (*fonts.Set, error) {
	f, err := NewFonts(nil, false)
	if err != nil {
		return nil, err
	}
	return f.set, nil
})

// fontSet returns the set layout sets the text in.
func (f *Fonts) fontSet() (*fonts.Set, error) {
	if f == nil {
		return embedded()
	}
	return f.set, nil
}

// recordFonts adds to doc's Keywords the font files whose faces it uses
// beyond the embedded ones, sorted by name: "fonts: DejaVuSans, …". A
// document set in the embedded faces alone is left as it is.
func recordFonts(doc *page.Document, set *fonts.Set) {
	used := newFontsUsed(set)
	for _, p := range doc.Pages {
		used.add(p)
	}
	doc.Info.Keywords = used.keywords(doc.Info.Keywords)
}

// fontsUsed collects the faces beyond a set's own (its embedded faces)
// that pages use, by name.
type fontsUsed struct {
	set   *fonts.Set
	names []string
}

// newFontsUsed starts collecting the faces beyond set's own; asking the
// set (fonts.Set.Owns) parses none of its faces a document does not use.
func newFontsUsed(set *fonts.Set) *fontsUsed {
	return &fontsUsed{set: set}
}

// add records the faces p uses beyond the set's own.
func (u *fontsUsed) add(p *page.Page) {
	for _, it := range p.Items {
		if it.Face != nil && !u.set.Owns(it.Face) && !slices.Contains(u.names, it.Face.Name()) {
			u.names = append(u.names, it.Face.Name())
		}
	}
}

// keywords returns kw followed by the faces recorded, sorted by name
// ("kw; fonts: DejaVuSans, …"), or kw itself when none was.
func (u *fontsUsed) keywords(kw string) string {
	if len(u.names) == 0 {
		return kw
	}
	names := slices.Sorted(slices.Values(u.names))
	fs := "fonts: " + strings.Join(names, ", ")
	if kw == "" {
		return fs
	}
	return kw + "; " + fs
}
