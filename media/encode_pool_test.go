package media

import (
	"bytes"
	"image"
	"image/png"
	"math/rand/v2"
	"testing"
)

// The pooled PNG encoder writes what a new encoder writes, whatever image
// of whatever size and type it encoded before.
func TestEncodePNGPooledSameAsFresh(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var images []image.Image
	for _, size := range [][2]int{{300, 200}, {7, 5}, {1000, 3}, {64, 64}} {
		for _, name := range []string{"rgba", "gray", "paletted"} {
			m := noisy(r, size[0], size[1])[name]
			if rgba, ok := m.(*image.RGBA); ok {
				flattenOnWhite(rgba) // encodePNG is given opaque pictures
			}
			images = append(images, m)
		}
		images = append(images, lineArt(size[0], size[1]))
	}
	for round := range 2 {
		for i, m := range images {
			got, _, err := encodePNG(m)
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&want, m); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("round %d, image %d (%T %v): pooled encoder wrote other bytes", round, i, m, m.Bounds())
			}
		}
	}
}
