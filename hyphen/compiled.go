package hyphen

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
)

// Compiled patterns: the double-array trie parsePatterns builds, written
// out so that a program's first use of a language reads it in well under a
// millisecond instead of parsing the pattern text (German: 90 ms and 33 MB
// of garbage). The files, patterns/hyph-<lang>.trie, are generated from the
// .pat.txt and .hyp.txt files beside them by `go test ./hyphen -update`;
// TestCompiledPatterns fails when one no longer matches its source.
//
// Format, little-endian: the magic "GHYT1\n", the 256 symbols of the runes
// below 256, the count (uint16) and pairs (rune uint32, symbol uint8) of
// the other runes in code point order, the count (uint32) and triples
// (base, check int32, vals uint32) of the states, and the count (uint32)
// and values (uint16) of the digits.

const compiledMagic = "GHYT1\n"

// errCompiled reports a compiled file that cannot be read.
var errCompiled = errors.New("bad compiled patterns")

// marshal writes p in the compiled format.
func (p *patterns) marshal() []byte {
	b := []byte(compiledMagic)
	b = append(b, p.lo[:]...)
	runes := make([]rune, 0, len(p.hi))
	for r := range p.hi {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(runes)))
	for _, r := range runes {
		b = binary.LittleEndian.AppendUint32(b, uint32(r))
		b = append(b, p.hi[r])
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(p.st)))
	for _, s := range p.st {
		b = binary.LittleEndian.AppendUint32(b, uint32(s.base))
		b = binary.LittleEndian.AppendUint32(b, uint32(s.check))
		b = binary.LittleEndian.AppendUint32(b, s.vals)
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(p.d)))
	for _, d := range p.d {
		b = binary.LittleEndian.AppendUint16(b, d)
	}
	return b
}

// unmarshalPatterns reads patterns in the compiled format, checking every
// length and every state's links, so that a damaged file is an error,
// never an index out of range in match.
func unmarshalPatterns(b []byte) (*patterns, error) {
	return readPatterns(bytes.NewReader(b), len(b))
}

// readPatterns is unmarshalPatterns of the size bytes r holds, decoded as
// they are read through a small buffer: a language's first use copies
// no file of a hundred kilobytes or more before decoding it.
func readPatterns(r io.Reader, size int) (*patterns, error) {
	bad := func(what string) (*patterns, error) { return nil, fmt.Errorf("%w: %s", errCompiled, what) }
	in := chunks{r: bufio.NewReaderSize(r, 4096), left: size}
	b := in.next(len(compiledMagic) + 256 + 2)
	if b == nil || string(b[:len(compiledMagic)]) != compiledMagic {
		return bad("no header")
	}
	b = b[len(compiledMagic):]
	p := &patterns{hi: map[rune]uint8{}}
	copy(p.lo[:], b)
	n := int(binary.LittleEndian.Uint16(b[256:]))
	if in.left < 5*n+4 {
		return bad("short symbol table")
	}
	for range n {
		b := in.next(5)
		if b == nil {
			return bad("short symbol table")
		}
		p.hi[rune(binary.LittleEndian.Uint32(b))] = b[4]
	}
	b = in.next(4)
	if b == nil {
		return bad("short state table")
	}
	n = int(binary.LittleEndian.Uint32(b))
	if n < 1 || in.left < 12*n+4 {
		return bad("short state table")
	}
	p.st = make([]state, n)
	for i := range p.st {
		b := in.next(12)
		if b == nil {
			return bad("short state table")
		}
		p.st[i] = state{base: int32(binary.LittleEndian.Uint32(b)), check: int32(binary.LittleEndian.Uint32(b[4:])),
			vals: binary.LittleEndian.Uint32(b[8:])}
	}
	b = in.next(4)
	if b == nil {
		return bad("short digit table")
	}
	n = int(binary.LittleEndian.Uint32(b))
	if in.left != 2*n {
		return bad("digit table of the wrong length")
	}
	p.d = make([]uint16, n)
	for i := range p.d {
		b := in.next(2)
		if b == nil {
			return bad("short digit table")
		}
		p.d[i] = binary.LittleEndian.Uint16(b)
	}
	return p.checked()
}

// chunks reads a file of a known size a few bytes at a time.
type chunks struct {
	r    *bufio.Reader
	left int // bytes of the file not yet read
}

// next returns the next n bytes, valid until the next call, or nil when
// the file has fewer left.
func (c *chunks) next(n int) []byte {
	if n > c.left {
		return nil
	}
	b, err := c.r.Peek(n)
	if err != nil {
		return nil
	}
	_, _ = c.r.Discard(n)
	c.left -= n
	return b
}

// checked returns p, or an error when a state's children or digits lie
// outside its tables.
func (p *patterns) checked() (*patterns, error) {
	bad := func(what string) (*patterns, error) { return nil, fmt.Errorf("%w: %s", errCompiled, what) }
	// every child slot match can reach, and every digit range, in bounds
	maxSym := 0
	for _, c := range p.lo {
		maxSym = max(maxSym, int(c))
	}
	for _, c := range p.hi {
		maxSym = max(maxSym, int(c))
	}
	for _, s := range p.st {
		if s.check == freeSlot {
			continue
		}
		if s.base < 0 || int(s.base)+maxSym >= len(p.st) {
			return bad("a state's children out of the table")
		}
		if lo, hi := s.vals>>7, s.vals>>7+s.vals&127; int(hi) > len(p.d) || lo > hi {
			return bad("a state's digits out of the table")
		}
	}
	return p, nil
}
