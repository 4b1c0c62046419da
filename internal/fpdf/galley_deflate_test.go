package fpdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"testing"
)

// inflate reads a zlib stream back, checksum included.
func inflate(t *testing.T, z []byte) []byte {
	t.Helper()
	zr, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatalf("not a zlib stream: %v", err)
	}
	back, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("reading it back (checksum included): %v", err)
	}
	return back
}

// TestSubsetFaceSpans: the tables a subset copies from its face as they
// are (hinting programs, names) are recorded as spans; the subset's stream
// made with them deflated once inflates to the subset's bytes, and a
// second subset of other characters takes the same deflated parts and
// inflates to its own bytes.
func TestSubsetFaceSpans(t *testing.T) {
	font := parsedSerif(t)
	var made, spans int
	for _, text := range []string{"Quick brown fox — éàüñ", "Lazy dog 0123456789"} {
		cids := newCIDTable()
		if _, err := cids.appendEncoded(nil, text); err != nil {
			t.Fatal(err)
		}
		utf := font.file()
		utf.cids = cids
		file := utf.GenerateCutFont(cids.usedRunes())
		if len(utf.faceSpans) == 0 {
			t.Fatal("no span of face tables in the subset")
		}
		spanned := 0
		spans = len(utf.faceSpans)
		for _, s := range utf.faceSpans {
			if s.start < 12 || s.end > len(file) || s.end-s.start < minFaceSpan {
				t.Errorf("span %d–%d in a subset of %d bytes", s.start, s.end, len(file))
			}
			spanned += s.end - s.start
		}
		if utf.deflated != font.parsed.deflated {
			t.Error("a document's copy of the font does not share its deflated parts")
		}
		mem := xmem.compressSpans(file, utf.faceSpans, utf.deflated)
		z := mem.copy()
		mem.release()
		if back := inflate(t, z); !bytes.Equal(back, file) {
			t.Fatalf("%q: read back %d bytes, differing from the %d of the subset", text, len(back), len(file))
		}
		font.parsed.deflated.mu.Lock()
		made = len(font.parsed.deflated.parts)
		font.parsed.deflated.mu.Unlock()
		t.Logf("%q: subset of %d bytes, %d in face spans, deflated to %d", text, len(file), spanned, len(z))
	}
	if made != spans {
		t.Errorf("%d parts deflated for two subsets, want one per span (%d)", made, spans)
	}
}

// TestCompressSpansRoundTrip: a stream made of parts deflated for it and
// parts deflated before, at the start, the middle and the end, inflates
// to the same bytes, and is made the same every time.
func TestCompressSpansRoundTrip(t *testing.T) {
	data := bytes.Repeat([]byte("glyf data 0123456789 and the hinting programs, "), 200)
	var parts deflatedParts
	for _, spans := range [][]span{
		{{0, 2000}},
		{{100, 1200}, {3000, 5000}},
		{{len(data) - 1500, len(data)}},
		{{0, len(data)}},
	} {
		mem := xmem.compressSpans(data, spans, &parts)
		z := mem.copy()
		mem.release()
		if back := inflate(t, z); !bytes.Equal(back, data) {
			t.Fatalf("spans %v: read back %d bytes, differing from the %d compressed", spans, len(back), len(data))
		}
		again := xmem.compressSpans(data, spans, &parts)
		if !bytes.Equal(again.bytes(), z) {
			t.Errorf("spans %v: two streams of the same bytes differ", spans)
		}
		again.release()
	}
}

// TestDeflatedProfile: an output intent's profile is deflated once, to a
// stream that inflates to it, and the same profile gives the same bytes.
func TestDeflatedProfile(t *testing.T) {
	profile := bytes.Repeat([]byte("an ICC profile's bytes "), 50)
	z := deflatedProfile(profile)
	if back := inflate(t, z); !bytes.Equal(back, profile) {
		t.Fatal("the deflated profile reads back differently")
	}
	if again := deflatedProfile(bytes.Clone(profile)); &again[0] != &z[0] {
		t.Error("the same profile was deflated again")
	}
}
