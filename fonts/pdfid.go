package fonts

import "github.com/galleyprint/galley/assets"

// EmbeddedID returns the identifier the PDF writer gives the face
// (internal/fpdf's UTF8FontID of its name and bytes), computed when
// galley was built, for a face whose bytes are those of an embedded font
// file of its name; false for any other face, whose identifier the
// writer computes (reading all its bytes: about a millisecond a face).
func (f *Face) EmbeddedID() (string, bool) {
	id, ok := embeddedIDs[f.name]
	if !ok {
		return "", false
	}
	data, ok := assets.FontData(f.name)
	if !ok || len(data) == 0 || len(data) != len(f.data) || &data[0] != &f.data[0] {
		return "", false
	}
	return id, true
}

// embeddedIDs is internal/fpdf's UTF8FontID(name, "", bytes) of each
// embedded font, by name; TestEmbeddedIDs checks it against the files.
var embeddedIDs = map[string]string{
	"DejaVuMathTeXGyre":    "57eea7fae09d70019e74dde2f1a6f9563960c31d",
	"NotoSans-Bold":        "b512e1218f791a2a04cb6fba1830923b863bd532",
	"NotoSans-BoldItalic":  "addddd55e59ddb112de6f33139588bf3f813671e",
	"NotoSans-Italic":      "3712e28e9641d94eb5fd6cb3283f770fcadcb073",
	"NotoSans-Regular":     "ba2b0fb127ce66cce724b138ad1196bd5505834d",
	"NotoSansMono-Bold":    "5ae7ece605bbe9a65d0612ef7e116e67120207f4",
	"NotoSansMono-Regular": "4c9876ee4022d21a81be94384374d58776d9243c",
	"NotoSerif-Bold":       "7687375021bb7779d30ba6afe6154f8ac360559b",
	"NotoSerif-BoldItalic": "f1200f77c7d2e67622ec48f5322313cab291dc80",
	"NotoSerif-Italic":     "cc19c6c8c34d8dbc071b21f9833fb3d4a74926af",
	"NotoSerif-Regular":    "04d46b1bb7be157bb35027db4695d27debbd3bd0",
}
