package fpdf

import "testing"

// TestUTF8FontErrors: a font that cannot be parsed is an error of the
// call or the document (fpdf printed it on stdout and went on).
func TestUTF8FontErrors(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("not a font"), make([]byte, 64)} {
		if _, err := NewUTF8Font(data); err == nil {
			t.Errorf("NewUTF8Font(%q): no error", data)
		}
		f := New("P", "pt", "A4", "")
		f.AddUTF8FontFromBytes("x", "", data)
		if !f.Err() {
			t.Errorf("AddUTF8FontFromBytes(%q): no error", data)
		}
	}
	f := New("P", "pt", "A4", "")
	f.AddParsedUTF8Font("x", "", nil)
	if !f.Err() {
		t.Error("AddParsedUTF8Font(nil): no error")
	}
}
