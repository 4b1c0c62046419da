package pdf

import (
	"fmt"
	"runtime"
	"sync"
	"weak"

	"github.com/galleyprint/galley/fonts"
	"github.com/galleyprint/galley/internal/fpdf"
)

// parsed holds each face's font as parsed for embedding, made the first
// time a document uses the face and let go when the face is: parsing is a
// quarter of the time of a short export. Keyed by the face, not by the
// address of its bytes.
var parsed sync.Map // weak.Pointer[fonts.Face] → *fpdf.UTF8Font

// embeddable returns face's font parsed for embedding.
func embeddable(face *fonts.Face) (*fpdf.UTF8Font, error) {
	k := weak.Make(face)
	if v, ok := parsed.Load(k); ok {
		return v.(*fpdf.UTF8Font), nil
	}
	u, err := fpdf.NewUTF8Font(face.Data())
	if err != nil {
		return nil, fmt.Errorf("%w: font %s: %v", ErrWrite, face.Name(), err)
	}
	// a math face's glyph variants copy as the characters they are forms of
	u.SetPrivateText(face.PrivateTexts())
	if id, ok := face.EmbeddedID(); ok { // hashed when galley was built
		u.SetID(face.Name(), "", id)
	}
	v, loaded := parsed.LoadOrStore(k, u)
	if !loaded {
		runtime.AddCleanup(face, func(k weak.Pointer[fonts.Face]) { parsed.Delete(k) }, k)
	}
	return v.(*fpdf.UTF8Font), nil
}
