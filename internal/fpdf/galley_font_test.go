package fpdf

import (
	"strings"
	"testing"
)

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

// TestToUnicodePrivateText: characters given a text with
// SetPrivateText map to it in /ToUnicode (a math face's large
// parenthesis to "(", an assembly's silent part to a space), others to
// themselves.
func TestToUnicodePrivateText(t *testing.T) {
	tab := &cidTable{byRune: map[rune]uint16{}, private: map[rune]string{0xF0010: "(", 0x100010: " "}}
	if _, err := tab.appendEncoded(nil, "a\U000F0010\U00100010"); err != nil {
		t.Fatal(err)
	}
	cmap := string(toUnicodeCMap(tab))
	for _, want := range []string{"<0001> <0061>\n", "<0002> <0028>\n", "<0003> <0020>\n"} {
		if !strings.Contains(cmap, want) {
			t.Errorf("no %q in\n%s", want, cmap)
		}
	}
}
