package parse

import (
	"cmp"
	"encoding/binary"
	"reflect"
	"slices"
	"testing"

	"github.com/galleyprint/galley/internal/golden"
)

// TestPrebuiltFilters builds the filters of every filtered and anchored
// pattern from its expression, as a process does that lacks them, and
// checks prebuilt_filters.bin holds exactly those (-update rewrites it),
// and that what the binary reads from it is the same filters.
func TestPrebuiltFilters(t *testing.T) {
	if len(allFilteredPatterns) < 8 || len(allAnchoredPatterns) < 4 {
		t.Fatalf("%d filtered and %d anchored patterns registered, want at least 8 and 4", len(allFilteredPatterns), len(allAnchoredPatterns))
	}
	var recs []prebuiltRecord
	words := map[string][]string{}
	for _, r := range allFilteredPatterns {
		expr := r.re.String()
		words[expr] = literalWords(expr)
		recs = append(recs, prebuiltRecord{prebuiltWords, expr, string(encodeWords(words[expr]))})
	}
	prefixes := map[string]*prefixFilter{}
	for _, a := range allAnchoredPatterns {
		expr := a.re.String()
		prefixes[expr] = newPrefixFilter(expr)
		recs = append(recs, prebuiltRecord{prebuiltPrefix, expr, string(encodePrefixFilter(prefixes[expr]))})
	}
	slices.SortFunc(recs, func(a, b prebuiltRecord) int {
		return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(a.expr, b.expr))
	})
	recs = slices.CompactFunc(recs, func(a, b prebuiltRecord) bool { return a.kind == b.kind && a.expr == b.expr })
	golden.Check(t, "prebuilt_filters.bin", encodePrebuilt(recs))
	if *golden.Update || t.Failed() {
		return // the binary holds the file as it was
	}

	for expr, want := range words {
		got, ok := prebuiltLiteralFilter(expr)
		if !ok {
			t.Fatalf("no prebuilt words for %.40q", expr)
		}
		if !reflect.DeepEqual(got, literalFilterOf(want)) {
			t.Errorf("prebuilt words of %.40q differ from the expression's", expr)
		}
	}
	for expr, want := range prefixes {
		got, ok := prebuiltPrefixFilter(expr)
		if !ok {
			t.Fatalf("no prebuilt prefix filter for %.40q", expr)
		}
		if want == nil {
			want = &prefixFilter{}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("prebuilt prefix filter of %.40q differs from the expression's", expr)
		}
	}
	if _, ok := prebuiltPrefixFilter("^another (expression)"); ok {
		t.Error("a filter for an expression the file lacks")
	}
}

// TestPrebuiltFiltersDamaged: a damaged file or record gives no filters
// (the patterns build theirs), and never panics.
func TestPrebuiltFiltersDamaged(t *testing.T) {
	for _, damaged := range []string{"", "galley prebuilt filters 0\n", prebuiltMagic + "P\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"} {
		if index := prebuiltIndexOf(damaged); len(index) != 0 {
			t.Errorf("%q: %d records", damaged, len(index))
		}
	}
	whole := prebuiltIndexOf(prebuiltFilters)
	if len(whole) == 0 {
		t.Fatal("no records in prebuilt_filters.bin")
	}
	for _, r := range whole {
		for cut := 0; cut < len(r.payload); cut += 1 + len(r.payload)/53 {
			var ok bool
			switch r.kind {
			case prebuiltWords:
				_, ok = decodeWords(r.payload[:cut])
			case prebuiltPrefix:
				_, ok = decodePrefixFilter(r.payload[:cut])
			}
			if ok {
				t.Errorf("%c record of %.30q cut at %d of %d bytes read as whole", r.kind, r.expr, cut, len(r.payload))
			}
		}
		if r.kind == prebuiltWords {
			if _, ok := decodeWords(r.payload + "x"); ok {
				t.Errorf("words of %.30q with a byte more read as whole", r.expr)
			}
		}
	}
}

// encodePrebuilt writes recs in prebuilt_filters.bin's form.
func encodePrebuilt(recs []prebuiltRecord) []byte {
	b := []byte(prebuiltMagic)
	for _, r := range recs {
		b = append(b, r.kind)
		b = appendString(b, r.expr)
		b = appendString(b, r.payload)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// encodeWords is the payload of a literal filter's words.
func encodeWords(words []string) []byte {
	b := binary.AppendUvarint(nil, uint64(len(words)))
	for _, w := range words {
		b = appendString(b, w)
	}
	return b
}

// encodePrefixFilter is the payload of a prefix filter (nil: none).
func encodePrefixFilter(f *prefixFilter) []byte {
	if f == nil {
		return []byte{0}
	}
	b := []byte{1}
	b = binary.AppendUvarint(b, uint64(f.classes))
	b = binary.AppendUvarint(b, uint64(len(f.end)))
	b = binary.AppendVarint(b, int64(f.other))
	for _, k := range f.ascii {
		b = binary.AppendUvarint(b, uint64(k))
	}
	b = binary.AppendUvarint(b, uint64(len(f.runes)))
	for _, r := range f.runes {
		b = binary.AppendVarint(b, int64(r))
	}
	for _, k := range f.byRune {
		b = binary.AppendUvarint(b, uint64(k))
	}
	for _, e := range f.end {
		if e {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	for _, n := range f.next {
		b = binary.LittleEndian.AppendUint16(b, uint16(n))
	}
	return b
}
