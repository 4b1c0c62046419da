package fpdf

// Galley patch 48 (see PATCHES.md): the Adler-32 checksum of a zlib
// stream, a word at a time.

import "encoding/binary"

// adlerSum returns the Adler-32 checksum of data (RFC 1950), as
// hash/adler32.Checksum does, with a third of its instructions: that
// adds one byte at a time to the two sums; this adds a word's 8 bytes to
// s1 at once (summed by a multiplication) and the bytes' shares of s2
// from lanes summed over 256 words. Every stream compress deflates is
// summed: 3 % of the writer's time on the corpus.
//
// A word's bytes b[0..7] add 8·s1 + Σ (8-i)·b[i] to s2, s1 being the sum
// before the word: the lanes keep Σ b[i] for each i over the words.
func adlerSum(data []byte) uint32 {
	const (
		mod = 65521
		// lanes is the most bytes sumWords sums in 16-bit lanes (256
		// words of 255s at most)
		lanes = 256 * 8
	)
	s1, s2 := uint64(1), uint64(0)
	for len(data) >= 8 {
		n := min(len(data), lanes) &^ 7
		var evens, odds, before uint64
		s1, before, evens, odds = sumWords(data[:n], s1)
		shares := uint64(0) // Σ (8-i) times the sum of the bytes i
		for j := range uint64(4) {
			shares += (8-2*j)*(evens>>(16*j)&0xffff) + (7-2*j)*(odds>>(16*j)&0xffff)
		}
		s2 = (s2 + 8*before + shares) % mod
		s1 %= mod
		data = data[n:]
	}
	for _, b := range data {
		s1 += uint64(b)
		s2 += s1
	}
	return uint32(s2%mod)<<16 | uint32(s1%mod)
}

// sumWords adds the bytes of words, 8 a word, to s1, and returns it with
// the sum of s1 before each word and the lanes: evens has the sums of
// the words' bytes 0, 2, 4 and 6, each in 16 bits, odds of bytes 1, 3,
// 5 and 7. It takes two words a step, and is not inlined: so the loop
// keeps all it needs in registers (a fifth fewer instructions).
//
//go:noinline
func sumWords(words []byte, s1 uint64) (sum, before, evens, odds uint64) {
	const (
		even   = 0x00ff00ff00ff00ff // bytes 0, 2, 4, 6 of a word, each in 16 bits
		spread = 0x0001000100010001 // a product's top 16 bits sum the four lanes
	)
	for ; len(words) >= 16; words = words[16:] {
		v, w := binary.LittleEndian.Uint64(words), binary.LittleEndian.Uint64(words[8:])
		ev, ov, ew, ow := v&even, v>>8&even, w&even, w>>8&even
		first := (ev + ov) * spread >> 48
		before += 2*s1 + first
		s1 += first + (ew+ow)*spread>>48
		evens += ev + ew
		odds += ov + ow
	}
	if len(words) >= 8 {
		v := binary.LittleEndian.Uint64(words)
		e, o := v&even, v>>8&even
		before += s1
		s1 += (e + o) * spread >> 48
		evens += e
		odds += o
	}
	return s1, before, evens, odds
}

// adlerCombine returns the Adler-32 checksum of a's data followed by b's
// data of n bytes, from their checksums a and b (zlib's
// adler32_combine): galley patch 58 sums a subset's runs apart.
func adlerCombine(a, b uint32, n int) uint32 {
	const mod = 65521
	rem := uint64(n % mod)
	s1 := uint64(a & 0xffff)
	s2 := rem * s1 % mod
	s1 += uint64(b&0xffff) + mod - 1
	s2 += uint64(a>>16) + uint64(b>>16) + mod - rem
	return uint32(s2%mod)<<16 | uint32(s1%mod)
}
