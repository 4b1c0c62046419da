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

// TestDeflatedProfile: an output intent's profile is deflated once, to
// the stream compress makes of it, and the same profile gives the same
// bytes.
func TestDeflatedProfile(t *testing.T) {
	profile := bytes.Repeat([]byte("an ICC profile's bytes "), 50)
	z := deflatedProfile(profile)
	if back := inflate(t, z); !bytes.Equal(back, profile) {
		t.Fatal("the deflated profile reads back differently")
	}
	if mem := xmem.compress(profile); !bytes.Equal(mem.bytes(), z) {
		t.Error("the profile is deflated otherwise than compress deflates it")
	}
	if again := deflatedProfile(bytes.Clone(profile)); &again[0] != &z[0] {
		t.Error("the same profile was deflated again")
	}
}
