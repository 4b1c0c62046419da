package galley

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"golang.org/x/text/language"
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

// checkLanguage validates Options.Language, a BCP 47 tag ("en-GB", "de",
// "pt-BR"; "en_GB" and a POSIX locale such as "en_GB.UTF-8" are read as
// the tag they spell), and returns it in canonical form ("en-GB"). A tag
// that is not well-formed is refused; one that is well-formed but names a
// language or subtag BCP 47 does not know ("zz-ZZ") is kept as given,
// with known set to false: galley has no hyphenation patterns or
// quotation marks for it.
func checkLanguage(tag string) (canonical string, known bool, err error) {
	s := tag
	if i := strings.IndexAny(s, ".@"); i > 0 { // a POSIX locale's .charset or @modifier
		s = s[:i]
	}
	s = strings.ReplaceAll(s, "_", "-")
	t, err := language.Parse(s)
	var unknown language.ValueError
	switch {
	case err == nil:
		return t.String(), true, nil
	case errors.As(err, &unknown):
		return s, false, nil
	}
	return "", false, fmt.Errorf("%w: lang %q is not a BCP 47 language tag such as en-GB, de or pt-BR", ErrInvalidOptions, tag)
}

// languageOption returns the language Options.Language asks for, in
// canonical form, or "" when it is empty; logger hears about a language
// galley does not know.
func languageOption(tag string, logger *slog.Logger) (string, error) {
	if tag == "" {
		return "", nil
	}
	lang, known, err := checkLanguage(tag)
	if err != nil {
		return "", err
	}
	if !known && logger != nil {
		logger.Warn(fmt.Sprintf("lang %q is well-formed but not a language galley knows: its words are not hyphenated, and smart quotes are English", tag))
	}
	return lang, nil
}
