package fonts

import (
	"testing"

	"github.com/galleyprint/galley/assets"
)

// TestOwnsParsesNoFace checks that asking a set whether a face is its own
// parses none of its faces: recording the fonts a document uses once
// parsed all twelve embedded faces, in every process, to answer it.
func TestOwnsParsesNoFace(t *testing.T) {
	parses := 0
	face := func(name string) *lazyFace {
		return &lazyFace{name: name, data: func() ([]byte, error) {
			parses++
			data, _ := assets.FontData(name)
			return data, nil
		}}
	}
	s := &Set{}
	s.faces[Serif][Regular] = face("NotoSerif-Regular")
	s.faces[Serif][Bold] = face("NotoSerif-Bold")
	s.faces[Sans][Regular] = face("NotoSans-Regular")

	regular := s.Face(Serif, Regular)
	if regular == nil || parses != 1 {
		t.Fatalf("Face(Serif, Regular) = %v after %d parses, want a face after 1", regular, parses)
	}
	if !s.Owns(regular) {
		t.Error("Owns(its serif regular) = false")
	}
	other, err := Parse("NotoSerif-Regular", regular.Data())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []*Face{other, nil} {
		if s.Owns(f) {
			t.Errorf("Owns(%v) = true for a face not of the set", f)
		}
	}
	if parses != 1 {
		t.Errorf("Owns parsed %d faces, want none", parses-1)
	}
	if c := s.WithUserFonts(nil); !c.Owns(regular) {
		t.Error("a copy with user fonts does not own the set's face")
	}
}
