package fpdf

import "testing"

// TestAppendTextString: a text string appended (galley patch 60) is the
// one textstring made, escaped by four replacements, of the text or of
// its UTF-16 when it is not ASCII.
func TestAppendTextString(t *testing.T) {
	f := New("P", "mm", "A4", "")
	for _, s := range []string{"", "plain", `a\b`, "(x)", `\(`, "line\rend", "))((\\\\", "https://example.com/a_(b)?q=1",
		"café", "naïve (é)", "日本語\\", "\r\n\t"} {
		want := f.textstring(s)
		for _, c := range []byte(s) {
			if c >= 0x80 {
				want = f.textstring(utf8toutf16(s))
				break
			}
		}
		if got := string(f.AppendTextString([]byte("x"), s)); got != "x"+want {
			t.Errorf("AppendTextString(%q) = %q, want %q", s, got[1:], want)
		}
		if got := f.TextString(s); got != want {
			t.Errorf("TextString(%q) = %q, want %q", s, got, want)
		}
	}
}
