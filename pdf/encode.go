package pdf

import "strings"

// Encode returns text as this writer encodes it: valid UTF-8, each run of
// invalid bytes replaced by U+FFFD; every character, beyond U+FFFF too,
// as it is (fpdf numbers each font's characters with its own CIDs). The
// writer draws the text of a document so; give Encode to the layout
// (layout.Options.Encode) so that it measures what is drawn.
func Encode(text string) string {
	return strings.ToValidUTF8(text, "\uFFFD")
}
