package hyphen

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkPoints: English (en-US), the first 1,000 words of the reference
// list, in a loop; reports ns/word besides ns/op (one op = 1,000 words).
func BenchmarkPoints(b *testing.B) { benchPoints(b, "en-US", "en-US.txt") }

// BenchmarkPointsGerman: the same with the largest patterns, German.
func BenchmarkPointsGerman(b *testing.B) { benchPoints(b, "de", "de-1996.txt") }

func benchPoints(b *testing.B, tag, list string) {
	words, _ := referenceWords(b, filepath.Join("testdata", list))
	words = words[:1000]
	h := For(tag)
	h.Points("warm up") // load the patterns outside the timing
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, w := range words {
			h.Points(w)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
}

// BenchmarkParse: parsing the largest patterns (German) once, as the first
// use of a language does.
func BenchmarkParse(b *testing.B) {
	pat, err := os.ReadFile("patterns/hyph-de-1996.pat.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parsePatterns(string(pat), ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad: reading the largest compiled patterns, German's and
// Hungarian's, as the first use of a language does; compare
// BenchmarkParse.
func BenchmarkLoad(b *testing.B) {
	for _, name := range []string{"de-1996", "hu"} {
		b.Run(name, func(b *testing.B) {
			data, err := files.ReadFile("patterns/hyph-" + name + ".trie")
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := unmarshalPatterns(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
