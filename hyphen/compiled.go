package hyphen

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"unsafe"
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

// readPatterns is unmarshalPatterns of the size bytes r holds. The state
// and digit tables, nearly all of a file, are read straight into the
// arrays match uses (on a little-endian machine, where the file's numbers
// are the machine's): a language's first use copies its file once, with
// no buffer between, and decodes no number of them.
func readPatterns(r io.Reader, size int) (*patterns, error) {
	bad := func(what string) (*patterns, error) { return nil, fmt.Errorf("%w: %s", errCompiled, what) }
	in := sections{r: r, left: size}
	b := in.next(len(compiledMagic) + 256 + 2)
	if b == nil || string(b[:len(compiledMagic)]) != compiledMagic {
		return bad("no header")
	}
	b = b[len(compiledMagic):]
	p := &patterns{hi: map[rune]uint8{}}
	copy(p.lo[:], b)
	n := int(binary.LittleEndian.Uint16(b[256:]))
	if b = in.next(5 * n); b == nil {
		return bad("short symbol table")
	}
	for i := range n {
		p.hi[rune(binary.LittleEndian.Uint32(b[5*i:]))] = b[5*i+4]
	}
	if b = in.next(4); b == nil {
		return bad("short state table")
	}
	n = int(binary.LittleEndian.Uint32(b))
	if n < 1 || in.left < 12*n+4 {
		return bad("short state table")
	}
	p.st = make([]state, n)
	if littleEndian && unsafe.Sizeof(state{}) == 12 {
		if !in.fill(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(p.st))), 12*n)) {
			return bad("short state table")
		}
	} else {
		if b = in.next(12 * n); b == nil {
			return bad("short state table")
		}
		for i := range p.st {
			p.st[i] = state{base: int32(binary.LittleEndian.Uint32(b[12*i:])), check: int32(binary.LittleEndian.Uint32(b[12*i+4:])),
				vals: binary.LittleEndian.Uint32(b[12*i+8:])}
		}
	}
	if b = in.next(4); b == nil {
		return bad("short digit table")
	}
	n = int(binary.LittleEndian.Uint32(b))
	if in.left != 2*n {
		return bad("digit table of the wrong length")
	}
	p.d = make([]uint16, n)
	if littleEndian {
		if !in.fill(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(p.d))), 2*n)) {
			return bad("short digit table")
		}
	} else {
		if b = in.next(2 * n); b == nil {
			return bad("short digit table")
		}
		for i := range p.d {
			p.d[i] = binary.LittleEndian.Uint16(b[2*i:])
		}
	}
	return p.checked()
}

// littleEndian reports whether the machine stores numbers least
// significant byte first, as the compiled files do.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// sections reads a file of a known size a part at a time.
type sections struct {
	r       io.Reader
	left    int    // bytes of the file not yet read
	scratch []byte // the last part next returned
}

// next returns the next n bytes, valid until the next call, or nil when
// the file has fewer left.
func (c *sections) next(n int) []byte {
	if n < 0 || n > c.left {
		return nil
	}
	if cap(c.scratch) < n {
		c.scratch = make([]byte, n)
	}
	if !c.fill(c.scratch[:n]) {
		return nil
	}
	return c.scratch[:n]
}

// fill reads the next len(b) bytes into b, reporting whether the file
// had them.
func (c *sections) fill(b []byte) bool {
	if len(b) > c.left {
		return false
	}
	if _, err := io.ReadFull(c.r, b); err != nil {
		return false
	}
	c.left -= len(b)
	return true
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
