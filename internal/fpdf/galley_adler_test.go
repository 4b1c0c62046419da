package fpdf

import (
	"hash/adler32"
	"math/rand/v2"
	"testing"
)

// TestAdlerSum: the checksum is hash/adler32's for every length up to a
// few words, around the ends of its runs of lanes, and for bytes all 255
// (the largest sums its lanes hold).
func TestAdlerSum(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 3*32768+100)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	full := make([]byte, len(random))
	for i := range full {
		full[i] = 0xff
	}
	lengths := []int{}
	for n := range 70 {
		lengths = append(lengths, n)
	}
	lengths = append(lengths, 2040, 2047, 2048, 2049, 2056, 4103, 5552, 5553, 32768, 32775, 65543, len(random))
	for _, data := range [][]byte{random, full} {
		for _, n := range lengths {
			if got, want := adlerSum(data[:n]), adler32.Checksum(data[:n]); got != want {
				t.Errorf("adlerSum of %d bytes (first %#x) = %#x, want %#x", n, data[0], got, want)
			}
		}
	}
}

func BenchmarkAdlerSum(b *testing.B) {
	data := make([]byte, 16<<10)
	for i := range data {
		data[i] = byte(i * 7)
	}
	b.SetBytes(int64(len(data)))
	b.Run("galley", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			adlerSum(data)
		}
	})
	b.Run("stdlib", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			adler32.Checksum(data)
		}
	})
}

// TestAdlerCombine: the checksum of two pieces combined from theirs is
// the checksum of the two together, for pieces empty, short and longer
// than the modulus, of bytes that make both sums wrap.
func TestAdlerCombine(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 7, 100, 5552, 65520, 65521, 65522, 200000} {
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(255 - r.IntN(8))
		}
		for _, cut := range []int{0, n / 3, n / 2, n} {
			a, b := data[:cut], data[cut:]
			if got, want := adlerCombine(adlerSum(a), adlerSum(b), len(b)), adler32.Checksum(data); got != want {
				t.Errorf("%d bytes cut at %d: combined %08x, want %08x", n, cut, got, want)
			}
		}
	}
}
