package parse

import (
	"encoding/binary"
	"fmt"
	"log/slog"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// sniffLen is how much of the input detection and the binary check read.
const sniffLen = 8 << 10

var errBinary = fmt.Errorf("%w: input looks like binary data, not text", ErrUnsupportedFormat)

// clean turns raw input into text: UTF-16 with a byte-order mark is
// decoded, binary data is refused, and normalize does the rest.
func clean(data []byte, logger *slog.Logger) (string, error) {
	data = fromUTF16(data)
	if looksBinary(data) {
		return "", errBinary
	}
	s, bad := normalize(data)
	if bad > 0 {
		if logger == nil {
			logger = slog.New(slog.DiscardHandler)
		}
		logger.Warn("invalid UTF-8 in the input replaced with U+FFFD", "bytes", bad)
	}
	return s, nil
}

// normalize returns data as valid UTF-8 with LF line ends: invalid bytes
// become U+FFFD (their count is returned), CR LF and CR become LF, the
// no-break and other fixed-width spaces become spaces, zero-width spaces and
// byte-order marks are dropped, and control characters other than tab and
// newline are removed (form feed, vertical tab and the Unicode line and
// paragraph separators end a line instead). The zero-width joiners stay:
// emoji sequences and some scripts need them.
func normalize(data []byte) (string, int) {
	var b strings.Builder
	b.Grow(len(data))
	bad := 0
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == '\r':
				if i < len(data) && data[i] == '\n' {
					continue // the LF follows
				}
				b.WriteByte('\n')
			case c == '\f' || c == '\v':
				b.WriteByte('\n')
			case c == '\n' || c == '\t' || c >= ' ' && c != 0x7f:
				b.WriteByte(c)
			}
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			bad++
			b.WriteRune(utf8.RuneError)
		case r < 0xA0: // C1 controls; NEL ends a line
			if r == 0x85 {
				b.WriteByte('\n')
			}
		case r == 0xA0 || r >= 0x2000 && r <= 0x200A || r == 0x202F || r == 0x205F:
			b.WriteByte(' ')
		case r == 0x200B || r == 0x2060 || r == 0xFEFF || r == 0x180E:
		case r == 0x2028:
			b.WriteByte('\n')
		case r == 0x2029:
			b.WriteString("\n\n")
		default:
			b.WriteRune(r)
		}
	}
	return b.String(), bad
}

// looksBinary reports whether the start of data is not text: more than 1%
// NUL bytes, more than 5% control characters, or more than 30% bytes that
// are not UTF-8.
func looksBinary(data []byte) bool {
	sample := data[:min(len(data), sniffLen)]
	var nul, ctrl, invalid int
	for i := 0; i < len(sample); {
		c := sample[i]
		if c < utf8.RuneSelf {
			switch {
			case c == 0:
				nul++
			case c < ' ' && !strings.ContainsRune("\t\n\r\f\v", rune(c)), c == 0x7f:
				ctrl++
			}
			i++
			continue
		}
		if !utf8.FullRune(sample[i:]) {
			break // a character cut by the end of the sample
		}
		r, n := utf8.DecodeRune(sample[i:])
		if r == utf8.RuneError && n == 1 {
			invalid++
		}
		i += n
	}
	n := len(sample)
	return nul*100 > n || (nul+ctrl)*20 > n || invalid*10 > n*3
}

// fromUTF16 decodes data if it starts with a UTF-16 byte-order mark.
func fromUTF16(data []byte) []byte {
	if len(data) < 2 {
		return data
	}
	var order binary.ByteOrder
	switch {
	case data[0] == 0xFF && data[1] == 0xFE:
		order = binary.LittleEndian
	case data[0] == 0xFE && data[1] == 0xFF:
		order = binary.BigEndian
	default:
		return data
	}
	units := make([]uint16, 0, len(data)/2)
	for i := 2; i+1 < len(data); i += 2 {
		units = append(units, order.Uint16(data[i:]))
	}
	out := make([]byte, 0, len(data))
	for _, r := range utf16.Decode(units) {
		out = utf8.AppendRune(out, r)
	}
	return out
}

// collapse trims s and turns each run of spaces and tabs into one space.
func collapse(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "  ") && !strings.ContainsRune(s, '\t') {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ' ' || c == '\t' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
