package pdf

import (
	"strings"
	"unicode/utf8"
)

// Encode returns text as this writer encodes it: valid UTF-8, each run of
// invalid bytes replaced by U+FFFD; every character, beyond U+FFFF too,
// as it is (fpdf numbers each font's characters with its own CIDs). The
// writer draws the text of a document so; give Encode to the layout
// (layout.Options.Encode) so that it measures what is drawn.
func Encode(text string) string {
	// Most texts the writer draws are words in ASCII, valid as they are:
	// a loop over their bytes tells so in half the instructions of
	// strings.ToValidUTF8, which decodes them as characters.
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			// from the first byte beyond ASCII: valid UTF-8, most texts
			// in other scripts, is what ToValidUTF8 would return, told
			// in a quarter of its instructions
			if utf8.ValidString(text[i:]) {
				return text
			}
			return strings.ToValidUTF8(text, "\uFFFD")
		}
	}
	return text
}
