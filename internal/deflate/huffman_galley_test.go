package deflate

import (
	"math/rand"
	"slices"
	"sort"
	"testing"
)

// TestHuffmanBitCountsAsBitCounts holds huffmanBitCounts to bitCounts on
// random frequency tables of the sizes deflate makes (codegen, offset and
// literal codes), from many ties (frequencies 1 to 4) to none.
func TestHuffmanBitCountsAsBitCounts(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	var fast, slow huffmanEncoder
	fits := 0
	for i := range 100000 {
		maxBits, size := int32(15), literalCount
		switch i % 3 {
		case 0:
			maxBits, size = 7, codegenCodeCount
		case 1:
			size = offsetCodeCount
		}
		n := 3 + r.Intn(size-2)
		list := make([]literalNode, n, n+1)
		spread := []int{4, 100, 65000}[r.Intn(3)]
		for j := range list {
			list[j] = literalNode{uint16(j), uint16(1 + r.Intn(spread))}
		}
		if r.Intn(2) == 0 { // skewed, as text is
			for j := range list {
				list[j].freq = uint16(min(65535, 1+int(r.ExpFloat64()*float64(spread))))
			}
		}
		sort.SliceStable(list, func(a, b int) bool { return list[a].freq < list[b].freq })
		got, ok := fast.huffmanBitCounts(list, maxBits)
		if !ok {
			continue
		}
		fits++
		got = slices.Clone(got)
		want := slow.bitCounts(append(make([]literalNode, 0, n+1), list...), maxBits)
		if !slices.Equal(got, want) {
			t.Fatalf("frequencies %v, at most %d bits: huffmanBitCounts %v, bitCounts %v", list, maxBits, got, want)
		}
	}
	if fits < 50000 {
		t.Errorf("only %d of 100000 tables fit their limit: the comparison says little", fits)
	}
}

// TestHuffmanBitCountsTooDeep: a table whose Huffman code is deeper than
// the limit is left to bitCounts.
func TestHuffmanBitCountsTooDeep(t *testing.T) {
	var h huffmanEncoder
	list := make([]literalNode, 20, 21)
	a, b := 1, 1
	for j := range list { // Fibonacci frequencies make the deepest tree
		list[j] = literalNode{uint16(j), uint16(a)}
		a, b = b, a+b
	}
	if _, ok := h.huffmanBitCounts(list, 7); ok {
		t.Error("a 19-deep code was taken for a limit of 7")
	}
	if _, ok := h.huffmanBitCounts(list, 15); ok {
		t.Error("a 19-deep code was taken for a limit of 15")
	}
}

// TestFreqBitsAsBitLength: the size generate sums as it assigns the
// codes is what bitLength sums over the frequencies, for random tables
// of each alphabet's size, from none or one symbol used to all, with
// codes deep enough for bitCounts to limit them too.
func TestFreqBitsAsBitLength(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for i := range 20000 {
		size, maxBits := []int{literalCount, offsetCodeCount, codegenCodeCount}[i%3], []int32{15, 15, 7}[i%3]
		h := newHuffmanEncoder(size)
		freq := make([]uint16, size)
		used := r.Intn(size + 1)
		for range used {
			k := r.Intn(size)
			if i%5 == 0 {
				freq[k] = uint16(min(65535, 1<<uint(r.Intn(16)))) // deep codes
			} else {
				freq[k] = uint16(1 + r.Intn(1000))
			}
		}
		h.generate(freq, maxBits)
		if want := h.bitLength(freq); h.freqBits != want {
			t.Fatalf("frequencies %v: generate summed %d bits, bitLength %d", freq, h.freqBits, want)
		}
	}
}
