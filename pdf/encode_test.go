package pdf

import "testing"

func TestEncode(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"plain ASCII text", "plain ASCII text"},
		{"Grüße, 𝔸 and ﷺ", "Grüße, 𝔸 and ﷺ"},
		{"a\xffb", "a\uFFFDb"},
		{"run \xff\xfe\xfd of bytes", "run \uFFFD of bytes"},
		{"cut \xe2\x82", "cut \uFFFD"},
	} {
		if got := Encode(c.in); got != c.want {
			t.Errorf("Encode(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// BenchmarkEncode: the words of a line, as the writer draws them.
func BenchmarkEncode(b *testing.B) {
	words := []string{"The", "writer", "draws", "each", "word,", "one", "by", "one;", "naïve", "café", "and", "“quoted”", "text."}
	n := 0
	for b.Loop() {
		for _, w := range words {
			n += len(Encode(w))
		}
	}
	if n == 0 {
		b.Fatal("nothing encoded")
	}
}
