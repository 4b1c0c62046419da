package fpdf

// Galley patch 41 (see PATCHES.md): the parts of a stream that are the
// same in every document are deflated once per process.

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/adler32"
	"sync"

	"github.com/klauspost/compress/flate"
)

// A span is a part of a stream, from start to end, that is the same in
// every document, so that it can be deflated once (deflatedParts).
type span struct{ start, end int }

// deflatedParts holds parts of streams deflated once, by their bytes,
// each as deflate blocks ending on a byte boundary and not final, so that
// they can be put between the blocks deflated for each document.
type deflatedParts struct {
	mu    sync.Mutex
	parts map[string][]byte
}

// deflated returns part deflated, deflating it on first use.
func (d *deflatedParts) deflated(part []byte) []byte {
	d.mu.Lock()
	defer d.mu.Unlock()
	if z, ok := d.parts[string(part)]; ok {
		return z
	}
	// deflated as compress deflates: the best level would make the
	// corpus's PDFs 1 % smaller, but its writer allocates a megabyte for
	// each part, costing more than the part saves in a short run
	var buf bytes.Buffer
	if err := flate.StatelessDeflate(&buf, part, false, nil); err != nil {
		panic(fmt.Errorf("could not deflate slice: %w", err)) // a bytes.Buffer does not fail
	}
	if d.parts == nil {
		d.parts = map[string][]byte{}
	}
	z := buf.Bytes()
	d.parts[string(part)] = z
	return z
}

// compressSpans deflates data into a zlib stream as compress does, except
// that its spans (in order, apart) are taken deflated from parts: the
// stream inflates to the same bytes. Deflating each part of the stream by
// itself loses the matches between parts, but an embedded font's hinting
// programs and names (about 6 KB of a 15 KB Noto subset) do not repeat its
// glyphs.
func (pool *xmempool) compressSpans(data []byte, spans []span, parts *deflatedParts) *membuffer {
	if len(spans) == 0 || parts == nil || len(data) > statelessMax {
		return pool.compress(data)
	}
	mem := pool.Get().(*membuffer)
	buf := &mem.buf
	buf.Grow(len(data)/2 + 64)
	buf.Write(zlibHeader[:])
	deflate := func(b []byte, eof bool) {
		if err := flate.StatelessDeflate(buf, b, eof, nil); err != nil {
			panic(fmt.Errorf("could not deflate slice: %w", err)) // a bytes.Buffer does not fail
		}
	}
	at := 0
	for _, s := range spans {
		if s.start > at {
			deflate(data[at:s.start], false)
		}
		buf.Write(parts.deflated(data[s.start:s.end]))
		at = s.end
	}
	deflate(data[at:], true) // the final block, empty if nothing is left
	buf.Write(binary.BigEndian.AppendUint32(mem.sum[:0], adler32.Checksum(data)))
	return mem
}

// faceTables are the tables GenerateCutFont copies from the face into
// every subset as they are (post made the same way each time).
var faceTables = map[string]bool{"OS/2": true, "cvt ": true, "fpgm": true, "gasp": true, "name": true, "post": true, "prep": true}

// minFaceSpan is the shortest run of face tables deflated once: below
// about a kilobyte, the blocks the stream is cut into cost more than
// deflating the run again.
const minFaceSpan = 1 << 10

// addFaceSpan records that the subset's bytes from start to end are a
// face table, joined to the span before when they follow it.
func (utf *utf8FontFile) addFaceSpan(start, end int) {
	if n := len(utf.faceSpans); n > 0 && utf.faceSpans[n-1].end == start {
		utf.faceSpans[n-1].end = end
		return
	}
	utf.faceSpans = append(utf.faceSpans, span{start, end})
}

// dropShortFaceSpans keeps the face spans of at least minFaceSpan bytes.
func (utf *utf8FontFile) dropShortFaceSpans() {
	kept := utf.faceSpans[:0]
	for _, s := range utf.faceSpans {
		if s.end-s.start >= minFaceSpan {
			kept = append(kept, s)
		}
	}
	utf.faceSpans = kept
}

// profiles holds the output intents' ICC profiles deflated, by their
// bytes: a program uses one or two profiles, the same in every document.
var profiles = struct {
	mu       sync.Mutex
	deflated map[string][]byte
}{deflated: map[string][]byte{}}

// maxProfiles bounds profiles for a program that makes up profiles.
const maxProfiles = 8

// deflatedProfile returns profile as a zlib stream, as compress makes
// it, made once per profile.
func deflatedProfile(profile []byte) []byte {
	profiles.mu.Lock()
	defer profiles.mu.Unlock()
	if z, ok := profiles.deflated[string(profile)]; ok {
		return z
	}
	mem := xmem.compress(profile)
	z := mem.copy()
	mem.release()
	if len(profiles.deflated) < maxProfiles {
		profiles.deflated[string(profile)] = z
	}
	return z
}
