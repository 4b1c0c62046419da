package parse

import (
	_ "embed"
	"encoding/binary"
	"strings"
	"sync"
	"unsafe"
)

// The filters of the wording patterns (literalFilter, prefixFilter) are
// read from the expressions, which takes a process about as long as
// compiling them: for a process that prints one page, about a sixth of
// its instructions, more than the filters then save it. So they are also
// built ahead, into prebuilt_filters.bin, embedded in the binary, and a
// process takes a pattern's filter from there on its first use.
// TestPrebuiltFilters builds them from the expressions and fails when the
// file differs (`go test ./parse -run TestPrebuiltFilters -update`
// rewrites it); a pattern the file lacks, or holds for another wording,
// has its filter built as before.

//go:embed prebuilt_filters.bin
var prebuiltFilters string

// prebuiltMagic opens prebuilt_filters.bin; a file without it is ignored.
const prebuiltMagic = "galley prebuilt filters 1\n"

// The kinds of record in prebuilt_filters.bin.
const (
	prebuiltWords  = 'L' // a literalFilter's words
	prebuiltPrefix = 'P' // a prefixFilter
)

// The patterns with filters, registered as they are made, for
// TestPrebuiltFilters.
var (
	allFilteredPatterns []*filteredRegexp
	allAnchoredPatterns []*anchoredRegexp
)

// prebuiltRecord is one record of prebuilt_filters.bin: the filter of
// the expression expr, encoded in payload.
type prebuiltRecord struct {
	kind    byte
	expr    string
	payload string
}

// prebuiltIndex holds the records of prebuilt_filters.bin, read once.
var prebuiltIndex = sync.OnceValue(func() []prebuiltRecord { return prebuiltIndexOf(prebuiltFilters) })

// prebuiltIndexOf reads the records of a prebuilt_filters.bin, without
// copying them; none when it is not one.
func prebuiltIndexOf(file string) []prebuiltRecord {
	rest, ok := strings.CutPrefix(file, prebuiltMagic)
	if !ok {
		return nil
	}
	d := prebuiltDecoder{s: rest, ok: true}
	var recs []prebuiltRecord
	for d.ok && len(d.s) > 0 {
		kind := d.byte()
		expr := d.string()
		payload := d.string()
		if d.ok {
			recs = append(recs, prebuiltRecord{kind, expr, payload})
		}
	}
	return recs
}

// prebuilt returns the payload of the record of kind for expr.
func prebuilt(kind byte, expr string) (string, bool) {
	for _, r := range prebuiltIndex() {
		if r.kind == kind && r.expr == expr {
			return r.payload, true
		}
	}
	return "", false
}

// prebuiltLiteralFilter returns the literalFilter of expr from
// prebuilt_filters.bin, if it holds it.
func prebuiltLiteralFilter(expr string) (*literalFilter, bool) {
	payload, ok := prebuilt(prebuiltWords, expr)
	if !ok {
		return nil, false
	}
	words, ok := decodeWords(payload)
	if !ok {
		return nil, false
	}
	return literalFilterOf(words), true
}

// decodeWords reads a literal filter's words: a count, then each word.
func decodeWords(payload string) ([]string, bool) {
	d := prebuiltDecoder{s: payload, ok: true}
	n := d.uvarint()
	if !d.ok || n > uint64(len(d.s)) {
		return nil, false
	}
	words := make([]string, n)
	for i := range words {
		words[i] = d.string()
	}
	return words, d.ok && len(d.s) == 0
}

// prebuiltPrefixFilter returns the prefixFilter of expr from
// prebuilt_filters.bin, if it holds it.
func prebuiltPrefixFilter(expr string) (*prefixFilter, bool) {
	payload, ok := prebuilt(prebuiltPrefix, expr)
	if !ok {
		return nil, false
	}
	return decodePrefixFilter(payload)
}

// decodePrefixFilter reads a prefix filter: 0 for none (the expression
// is not anchored: a filter that rules nothing out), or 1 and its
// classes, states, other class, the classes of the ASCII characters, its
// runes and their classes, then per state whether a match may end there
// (a byte) and its next states (little-endian int16s).
func decodePrefixFilter(payload string) (*prefixFilter, bool) {
	d := prebuiltDecoder{s: payload, ok: true}
	if d.byte() == 0 {
		return &prefixFilter{}, d.ok && len(d.s) == 0
	}
	f := &prefixFilter{classes: int(d.uvarint())}
	states := d.uvarint()
	f.other = int(d.varint())
	for c := range f.ascii {
		f.ascii[c] = uint16(d.uvarint())
	}
	runes := d.uvarint()
	if !d.ok || runes > uint64(len(d.s)) || states > maxFilterStates || f.classes > len(payload) {
		return nil, false
	}
	f.runes = make([]rune, runes)
	for i := range f.runes {
		f.runes[i] = rune(d.varint())
	}
	f.byRune = make([]uint16, runes)
	for i := range f.byRune {
		f.byRune[i] = uint16(d.uvarint())
	}
	end := d.bytes(int(states))
	next := d.bytes(2 * int(states) * f.classes)
	if !d.ok || len(d.s) != 0 {
		return nil, false
	}
	f.end = make([]bool, states)
	for i := range f.end {
		f.end[i] = end[i] != 0
	}
	f.next = make([]int16, int(states)*f.classes)
	if littleEndian {
		// the file's int16s are the machine's: copied as they are
		copy(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(f.next))), 2*len(f.next)), next)
	} else {
		for i := range f.next {
			f.next[i] = int16(uint16(next[2*i]) | uint16(next[2*i+1])<<8)
		}
	}
	return f, true
}

// littleEndian reports whether the machine stores numbers least
// significant byte first, as prebuilt_filters.bin does.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// prebuiltDecoder reads prebuilt_filters.bin; ok turns false at the
// first read past the end or malformed number, and stays so.
type prebuiltDecoder struct {
	s  string
	ok bool
}

func (d *prebuiltDecoder) byte() byte {
	if !d.ok || len(d.s) == 0 {
		d.ok = false
		return 0
	}
	b := d.s[0]
	d.s = d.s[1:]
	return b
}

// uvarint reads a number in encoding/binary's unsigned varint form.
func (d *prebuiltDecoder) uvarint() uint64 {
	var v uint64
	for i := 0; d.ok && i < binary.MaxVarintLen64 && i < len(d.s); i++ {
		b := d.s[i]
		v |= uint64(b&0x7f) << (7 * i)
		if b < 0x80 {
			d.s = d.s[i+1:]
			return v
		}
	}
	d.ok = false
	return 0
}

// varint reads a number in encoding/binary's signed varint form.
func (d *prebuiltDecoder) varint() int64 {
	u := d.uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

func (d *prebuiltDecoder) bytes(n int) string {
	if !d.ok || n < 0 || n > len(d.s) {
		d.ok = false
		return ""
	}
	b := d.s[:n]
	d.s = d.s[n:]
	return b
}

func (d *prebuiltDecoder) string() string {
	n := d.uvarint()
	if n > uint64(len(d.s)) {
		d.ok = false
		return ""
	}
	return d.bytes(int(n))
}
