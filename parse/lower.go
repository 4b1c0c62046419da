package parse

import (
	"encoding/binary"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// toLowerText returns strings.ToLower(s). For a text beyond ASCII,
// strings.ToLower maps every rune through unicode.ToLower (strings.Map),
// some twenty instructions a letter; most such texts are ASCII but for a
// curly quote or a dash, whose ASCII is lower-cased here a byte at a
// time and the rest rune by rune as Map does (an invalid byte becomes
// U+FFFD, as there).
func toLowerText(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return strings.ToLower(s) // its own ASCII path
	}
	b := make([]byte, 0, len(s)+utf8.UTFMax)
	for i = 0; i < len(s); {
		if i+8 <= len(s) {
			if w := eightBytes(s, i); w&highBits == 0 {
				b = binary.LittleEndian.AppendUint64(b, lowerASCII8(w))
				i += 8
				continue
			}
		}
		if c := s[i]; c < utf8.RuneSelf {
			b = append(b, asciiLowerByte[c])
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		b = utf8.AppendRune(b, unicode.ToLower(r))
		i += size
	}
	return unsafe.String(unsafe.SliceData(b), len(b)) // as strings.Builder does: b is not written again
}

// asciiLowerByte is each ASCII byte in lower case.
var asciiLowerByte = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] += 'a' - 'A'
		}
	}
	return t
}()

// lowerASCII8 returns eight ASCII bytes w (little-endian) lower-cased:
// adding 0x3f sets the top bit of a byte from 'A' up, adding 0x25 that of
// a byte beyond 'Z' (no sum carries out of its byte), and a capital,
// with the one and not the other, gains 0x20.
func lowerASCII8(w uint64) uint64 {
	upper := (w + 0x3f*byteLanes) &^ (w + 0x25*byteLanes) & highBits
	return w | upper>>2
}
