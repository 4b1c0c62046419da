package media

import (
	"image"
	"image/color"
	"math/rand/v2"
	"testing"
)

// hidden hides an image's type, so that repeats compares its colours
// through At, as it does for a type it has no fast path for.
type hidden struct{ image.Image }

// few returns an image of type name with colours drawn from a few, so
// that neighbours repeat about as often as in a drawing.
func few(r *rand.Rand, name string, w, h int) image.Image {
	rect := image.Rect(2, 5, 2+w, 5+h)
	pick := func() uint8 { return []uint8{0, 7, 128, 255}[r.IntN(4)] }
	switch name {
	case "nrgba":
		m := image.NewNRGBA(rect)
		for i := range m.Pix {
			m.Pix[i] = pick()
		}
		return m
	case "rgba":
		m := image.NewRGBA(rect)
		for i := range m.Pix {
			m.Pix[i] = pick()
		}
		return m
	case "gray":
		m := image.NewGray(rect)
		for i := range m.Pix {
			m.Pix[i] = pick()
		}
		return m
	}
	// a palette with equal colours at different indices, and equal
	// values of different colour types, which At tells apart
	pal := color.Palette{color.RGBA{1, 2, 3, 255}, color.NRGBA{1, 2, 3, 255}, color.RGBA{1, 2, 3, 255},
		color.Gray{9}, color.NRGBA{1, 2, 3, 255}, color.Gray{9}, color.RGBA{200, 0, 0, 255}}
	m := image.NewPaletted(rect, pal)
	for i := range m.Pix {
		m.Pix[i] = uint8(r.IntN(len(pal)))
	}
	return m
}

func TestRepeatsSameThroughAt(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, size := range [][2]int{{1, 1}, {1, 9}, {9, 1}, {40, 30}, {300, 200}} {
		for _, name := range []string{"nrgba", "rgba", "gray", "paletted"} {
			m := few(r, name, size[0], size[1])
			same, total := repeats(m)
			wantSame, wantTotal := repeats(hidden{m})
			if same != wantSame || total != wantTotal {
				t.Errorf("%s %v: %d of %d repeat, through At %d of %d", name, size, same, total, wantSame, wantTotal)
			}
		}
	}
	// a random photograph-like image repeats nothing; line art a lot
	if looksDrawn(noisy(r, 200, 100)["nrgba"]) || !looksDrawn(lineArt(200, 100)) {
		t.Error("noise looks drawn, or line art does not")
	}
}
