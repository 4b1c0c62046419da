package main

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// photoArticle is an HTML article of n figures, each a data-URI JPEG of
// w × h pixels with enough detail that it compresses like a photograph:
// with n = 25 and 1200 × 900 it is about 5 MB and prints as a PDF of
// several megabytes.
func photoArticle(n, w, h int) []byte {
	var b bytes.Buffer
	b.WriteString(`<!doctype html><html lang="en"><head><title>The harbour in pictures</title></head><body><article>` +
		`<h1>The harbour in pictures</h1><p class="byline">By Ada Quill</p>`)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range n {
		fmt.Fprintf(&b, "<p>%s</p>\n", strings.Repeat("The boats came in at dusk and the quay filled with crates, nets and gulls. ", 6))
		var img bytes.Buffer
		if err := jpeg.Encode(&img, photo(rng, w, h), &jpeg.Options{Quality: 80}); err != nil {
			panic(err)
		}
		fmt.Fprintf(&b, `<figure><img src="data:image/jpeg;base64,%s" width="%d" height="%d"><figcaption>Picture %d of the harbour.</figcaption></figure>`+"\n",
			base64.StdEncoding.EncodeToString(img.Bytes()), w, h, i+1)
	}
	b.WriteString("</article></body></html>\n")
	return b.Bytes()
}

// photo draws smooth colour fields with grain: a JPEG of it is about as
// large as one of a photograph of the same size.
func photo(rng *rand.Rand, w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r0, g0, b0 := rng.IntN(128), rng.IntN(128), rng.IntN(128)
	for y := range h {
		for x := range w {
			n := rng.IntN(20)
			img.SetRGBA(x, y, color.RGBA{
				R: uint8(r0 + x*96/w + n),
				G: uint8(g0 + y*96/h + n),
				B: uint8(b0 + (x+y)*64/(w+h) + n),
				A: 255,
			})
		}
	}
	return img
}

// paragraph is plain text of one paragraph of about size bytes: words
// and sentences, no blank line.
func paragraph(size int) []byte {
	words := []string{"harbour", "lights", "returned", "after", "a", "long", "winter", "and", "the", "quay", "was", "busy", "again", "with", "boats", "nets"}
	var b bytes.Buffer
	b.Grow(size + 16)
	b.WriteString("One long paragraph\n\n")
	for i := 0; b.Len() < size; i++ {
		b.WriteString(words[(i*7+i/16)%len(words)])
		if i%12 == 11 {
			b.WriteString(". ")
		} else {
			b.WriteByte(' ')
		}
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// nestedList is Markdown: a list nested depth levels deep, each item one
// level inside the one before.
func nestedList(depth int) []byte {
	var b bytes.Buffer
	b.WriteString("# A deep list\n\n")
	for i := range depth {
		b.WriteString(strings.Repeat("  ", i))
		fmt.Fprintf(&b, "- item %d\n", i+1)
	}
	return b.Bytes()
}

// smallArticle is a short Markdown article, the flood's payload.
func smallArticle() []byte {
	return []byte("# Spring tides\n\nThe spring tides came early this year, and higher than the almanac said. " +
		"The quay flooded twice before the boats were moved.\n")
}

// writeInputs writes the attacks' inputs into dir.
func writeInputs(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, data := range map[string][]byte{
		"photos.html":    photoArticle(25, 1200, 900),
		"paragraph.txt":  paragraph(10_000_000),
		"nested-list.md": nestedList(3000),
		"small.md":       smallArticle(),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
