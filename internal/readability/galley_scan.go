package readability

import "math/bits"

// scanText reads text eight ASCII characters at a time, each a byte of a
// 64-bit word (the first the lowest), and finds its white space and
// commas with arithmetic on the whole word: byte by byte, the loop was
// one of the costliest of extraction (it counts every text node's text).

const (
	byteLanes = 0x0101010101010101 // 1 in each byte
	highBits  = 0x8080808080808080 // the high bit of each byte
	lowBits   = 0x7f7f7f7f7f7f7f7f // the other bits
)

// zeroBytes returns the high bit of each byte of x that is zero.
func zeroBytes(x uint64) uint64 {
	nonzero := (x&lowBits + lowBits) | x // no carry leaves a byte
	return ^(nonzero | lowBits)
}

// spaceBytes returns the high bit of each byte of x, all of them ASCII,
// that is white space: ' ' or '\t' to '\r' (asciiSpace).
func spaceBytes(x uint64) uint64 {
	blank := zeroBytes(x ^ ' '*byteLanes)
	atLeastTab := (x + (0x80-'\t')*byteLanes) & highBits // below 0x80 + 0x77: no carry
	pastCR := (x + (0x80-'\r'-1)*byteLanes) & highBits
	return blank | atLeastTab&^pastCR
}

// scanASCII8 adds the eight ASCII characters of x to the run and the
// count of commas as scanText's loop adds them one by one; space says
// whether the character before them was white space, and it returns
// whether the last of them is.
func scanASCII8(x uint64, space bool, run *textRun, commas *int) bool {
	*commas += bits.OnesCount64(zeroBytes(x ^ ','*byteLanes))
	white := spaceBytes(x)
	other := ^white & highBits
	if other == 0 {
		run.lead = run.lead || !run.text
		return true
	}
	afterWhite := white << 8
	if space {
		afterWhite |= 0x80
	}
	// a character after white space counts the space too, but for the
	// text's first character
	spaced := bits.OnesCount64(other & afterWhite)
	if !run.text {
		first := other & -other
		if other&afterWhite&first != 0 {
			spaced--
		}
		if white&(first-1) != 0 {
			run.lead = true
		}
		run.text = true
	}
	run.total += bits.OnesCount64(other) + spaced
	return white&(0x80<<56) != 0
}
