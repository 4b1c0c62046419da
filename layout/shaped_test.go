package layout

import "testing"

// TestShapedArabic: a word is shaped Arabic, whose actual text is its
// letters reversed, when it holds presentation forms and nothing set
// left to right.
func TestShapedArabic(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"\uFEFB", true},                   // lam-alef ligature
		{"\uFE8E\uFEDF\uFEE4\uFEF4", true}, // a word's forms
		{"\uFE8E\uFEDF،", true},            // with an Arabic comma
		{"الميناء", false},                 // letters, not shaped
		{"word", false},
		{"\uFE8E12", false}, // digits are set left to right
		{"café", false},
		{"", false},
	} {
		if got := shapedArabic(c.s); got != c.want {
			t.Errorf("shapedArabic(%+q) = %v, want %v", c.s, got, c.want)
		}
	}
}
