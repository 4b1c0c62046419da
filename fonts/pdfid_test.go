package fonts

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/galleyprint/galley/assets"
	"github.com/galleyprint/galley/internal/fpdf"
)

// TestEmbeddedIDs: the identifiers recorded for the embedded fonts are
// those the PDF writer computes from their bytes, for every embedded font.
func TestEmbeddedIDs(t *testing.T) {
	files, err := fs.Glob(assets.Fonts, "fonts/*.ttf")
	if err != nil || len(files) == 0 {
		t.Fatalf("no embedded fonts: %v", err)
	}
	var want strings.Builder
	for _, file := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(file, "fonts/"), ".ttf")
		data, ok := assets.FontData(name)
		if !ok {
			t.Fatalf("%s: no data", name)
		}
		id := fpdf.UTF8FontID(name, "", data)
		fmt.Fprintf(&want, "\t%q: %q,\n", name, id)
		if embeddedIDs[name] != id {
			t.Errorf("%s: recorded identifier %q, the writer's %q", name, embeddedIDs[name], id)
		}
	}
	if len(embeddedIDs) != len(files) {
		t.Errorf("%d identifiers for %d fonts", len(embeddedIDs), len(files))
	}
	if t.Failed() {
		t.Logf("embeddedIDs should read:\n%s", want.String())
	}
}

// TestEmbeddedIDOnlyForEmbeddedBytes: a face of an embedded font's own
// bytes has its recorded identifier; a face of a copy of them, or of
// other bytes under the same name, has none.
func TestEmbeddedIDOnlyForEmbeddedBytes(t *testing.T) {
	data, _ := assets.FontData("NotoSerif-Regular")
	for _, tc := range []struct {
		name string
		data []byte
		want bool
	}{
		{"NotoSerif-Regular", data, true},
		{"NotoSerif-Regular", append([]byte(nil), data...), false},
		{"NotoSerif-Bold", data, false},
	} {
		face, err := Parse(tc.name, tc.data)
		if err != nil {
			t.Fatal(err)
		}
		id, ok := face.EmbeddedID()
		if ok != tc.want || ok && id != fpdf.UTF8FontID(tc.name, "", tc.data) {
			t.Errorf("%s (embedded bytes %v): id %q, %v", tc.name, tc.want, id, ok)
		}
	}
}
