package formula

// Variant is a mathematical alphabet: the style of an identifier's
// letters (Unicode's Mathematical Alphanumeric Symbols).
type Variant uint8

// The alphabets.
const (
	Normal Variant = iota // upright
	Italic
	Bold
	BoldItalic
	DoubleStruck
	Script
	Fraktur
	SansSerif
	Monospace
)

// alphabet bases: capital A, small a, digit 0 (0 when the alphabet has no
// digits)
var alphabets = [...][3]rune{
	Bold:         {0x1D400, 0x1D41A, 0x1D7CE},
	Italic:       {0x1D434, 0x1D44E, 0},
	BoldItalic:   {0x1D468, 0x1D482, 0},
	Script:       {0x1D49C, 0x1D4B6, 0},
	Fraktur:      {0x1D504, 0x1D51E, 0},
	DoubleStruck: {0x1D538, 0x1D552, 0x1D7D8},
	SansSerif:    {0x1D5A0, 0x1D5BA, 0x1D7E2},
	Monospace:    {0x1D670, 0x1D68A, 0x1D7F6},
}

// holes are the letters of the alphabets encoded before the block, in
// the Letterlike Symbols.
var holes = map[hole]rune{
	{Italic, 'h'}: 'ℎ',
	{Script, 'B'}: 'ℬ', {Script, 'E'}: 'ℰ', {Script, 'F'}: 'ℱ', {Script, 'H'}: 'ℋ', {Script, 'I'}: 'ℐ',
	{Script, 'L'}: 'ℒ', {Script, 'M'}: 'ℳ', {Script, 'R'}: 'ℛ', {Script, 'e'}: 'ℯ', {Script, 'g'}: 'ℊ', {Script, 'o'}: 'ℴ',
	{Fraktur, 'C'}: 'ℭ', {Fraktur, 'H'}: 'ℌ', {Fraktur, 'I'}: 'ℑ', {Fraktur, 'R'}: 'ℜ', {Fraktur, 'Z'}: 'ℨ',
	{DoubleStruck, 'C'}: 'ℂ', {DoubleStruck, 'H'}: 'ℍ', {DoubleStruck, 'N'}: 'ℕ', {DoubleStruck, 'P'}: 'ℙ',
	{DoubleStruck, 'Q'}: 'ℚ', {DoubleStruck, 'R'}: 'ℝ', {DoubleStruck, 'Z'}: 'ℤ',
}

type hole struct {
	v Variant
	r rune
}

// reverse of holes, filled at init
var holeLetters = map[rune]rune{}

func init() {
	for k, v := range holes {
		holeLetters[v] = k.r
	}
}

// Styled returns r in alphabet v: 'x' in Italic is 𝑥, 'R' in DoubleStruck
// ℝ. Greek letters have italic and bold forms; characters an alphabet
// lacks are returned as they are.
func Styled(r rune, v Variant) rune {
	if v == Normal || int(v) >= len(alphabets) {
		return r
	}
	if h, ok := holes[hole{v, r}]; ok {
		return h
	}
	base := alphabets[v]
	switch {
	case r >= 'A' && r <= 'Z':
		return base[0] + r - 'A'
	case r >= 'a' && r <= 'z':
		return base[1] + r - 'a'
	case r >= '0' && r <= '9' && base[2] != 0:
		return base[2] + r - '0'
	case r >= 0x391 && r <= 0x3A9 && r != 0x3A2:
		switch v {
		case Bold:
			return 0x1D6A8 + r - 0x391
		case Italic:
			return 0x1D6E2 + r - 0x391
		case BoldItalic:
			return 0x1D71C + r - 0x391
		}
	case r >= 0x3B1 && r <= 0x3C9:
		switch v {
		case Bold:
			return 0x1D6C2 + r - 0x3B1
		case Italic:
			return 0x1D6FC + r - 0x3B1
		case BoldItalic:
			return 0x1D736 + r - 0x3B1
		}
	}
	return r
}

// StyledString returns s with each character in alphabet v.
func StyledString(s string, v Variant) string {
	if v == Normal {
		return s
	}
	out := make([]rune, 0, len(s))
	for _, r := range s {
		out = append(out, Styled(r, v))
	}
	return string(out)
}

// plainLetter returns the ASCII letter or digit a mathematical
// alphanumeric symbol is a style of, or r itself.
func plainLetter(r rune) rune {
	if l, ok := holeLetters[r]; ok {
		return l
	}
	if r < 0x1D400 || r > 0x1D7FF {
		return r
	}
	for _, base := range alphabets {
		if base[0] == 0 {
			continue
		}
		switch {
		case r >= base[0] && r < base[0]+26:
			return 'A' + r - base[0]
		case r >= base[1] && r < base[1]+26:
			return 'a' + r - base[1]
		case base[2] != 0 && r >= base[2] && r < base[2]+10:
			return '0' + r - base[2]
		}
	}
	return r
}

// PlainString returns s with its mathematical alphanumeric symbols as the
// letters and digits they are styles of: "𝑥ℝ" is "xR".
func PlainString(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		out = append(out, plainLetter(r))
	}
	return string(out)
}
