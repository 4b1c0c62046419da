package parse

// Eight bytes of a text read as one word, to test them together: the
// scanners of squashing, lower-casing and class-name matching pass over
// ASCII this way, a load and a few operations for eight bytes.

const (
	byteLanes = 0x0101010101010101 // 1 in each byte of a word
	highBits  = 0x8080808080808080 // the high bit of each byte
	lowBits   = 0x7f7f7f7f7f7f7f7f // the other bits
	caseBits  = 0x20 * byteLanes   // the bit that makes an ASCII capital lower-case
)

// eightBytes returns s[i:i+8] as the bytes of a word, s[i] the lowest.
func eightBytes(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// zeroBytes returns the high bit of each byte of x that is zero.
func zeroBytes(x uint64) uint64 {
	nonzero := (x&lowBits + lowBits) | x // no carry leaves a byte
	return ^(nonzero | lowBits)
}
