package media

import "testing"

func BenchmarkPrepare(b *testing.B) {
	for _, bc := range []struct {
		name string
		data []byte
	}{
		{"jpeg 4000x3000", jpegBytes(b, photo(4000, 3000))},
		{"png photo 4000x3000", pngBytes(b, photo(4000, 3000))},
		{"png line art 4000x3000", pngBytes(b, lineArt(4000, 3000))},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Prepare(bc.data, "", Spec{MaxWidthPt: 400}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
