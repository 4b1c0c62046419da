package galley

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slug makes a safe file name from a title: lower-case ASCII letters and
// digits joined by hyphens, accents dropped, at most 80 bytes.
func Slug(title string) string {
	const maxLen = 80
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(title) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			need := 1
			if dash && b.Len() > 0 {
				need = 2
			}
			if b.Len()+need > maxLen {
				return b.String()
			}
			if need == 2 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Mn, r):
			// combining accent: dropped
		default:
			dash = true
		}
	}
	return b.String()
}
