package deflate

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/klauspost/compress/flate"
)

// TestSameBytesAsUpstream: StatelessDeflate, patched, writes the bytes
// klauspost/compress's writes, for texts, noise, a font (whose blocks
// have code length codes deeper than their limit, so that bitCounts
// limits them), skewed bytes, and sizes from empty to several blocks.
func TestSameBytesAsUpstream(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	noise := make([]byte, 100_000)
	for i := range noise {
		noise[i] = byte(rng.Uint32())
	}
	text := []byte(strings.Repeat("BT /F1 9.5 Tf 72 700 Td (Hello, world) Tj 0 -11.4 Td [(kerned) -20 (text)] TJ ET\n", 1500))
	// byte k drawn with weight Fibonacci(k), for k below 24, shuffled
	var skewed []byte
	a, b := 1, 1
	for k := range 24 {
		for range a {
			skewed = append(skewed, 'A'+byte(k))
		}
		a, b = b, a+b
	}
	rng.Shuffle(len(skewed), func(i, j int) { skewed[i], skewed[j] = skewed[j], skewed[i] })
	font, err := os.ReadFile("../../assets/fonts/NotoSerif-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	inputs := map[string][]byte{
		"font":         font[:128<<10],
		"empty":        nil,
		"one byte":     {'x'},
		"short":        []byte("0 1 2 3 4 5 6 7 8 9"),
		"text":         text[:20_000],
		"text, blocks": text,
		"noise":        noise,
		"skewed":       skewed,
	}
	for size := 1; size < 5000; size = size*3 + 1 {
		inputs[fmt.Sprint("text prefix ", size)] = text[:size]
		inputs[fmt.Sprint("noise prefix ", size)] = noise[:size]
	}
	for name, in := range inputs {
		var got, want bytes.Buffer
		if err := StatelessDeflate(&got, in, true, nil); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := flate.StatelessDeflate(&want, in, true, nil); err != nil {
			t.Fatalf("%s: upstream: %v", name, err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s (%d bytes): deflated to %d bytes, upstream to %d, not the same", name, len(in), got.Len(), want.Len())
		}
	}
}
