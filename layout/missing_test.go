package layout

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

// TestWarnMissing checks the warning for characters no font has: it names
// the characters and the Debian package with a font for them.
func TestWarnMissing(t *testing.T) {
	for _, c := range []struct {
		name    string
		missing map[rune]int
		want    []string
	}{
		{"emoji", map[rune]int{'\U0001F600': 2, '\U0001F680': 1}, []string{"3 characters", "symbols and emoji", "😀 U+1F600", "🚀 U+1F680", "fonts-symbola"}},
		{"CJK Extension B", map[rune]int{'\U00020BB7': 1}, []string{"Han script", "𠮷 U+20BB7", "fonts-hanazono"}},
		{"CJK in the BMP", map[rune]int{'中': 1}, []string{"Han script", "中 U+4E2D", "fonts-droid-fallback"}},
		{"a historic script", map[rune]int{'\U00010330': 1}, []string{"Gothic script", "𐌰 U+10330", "fonts-noto-core"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var logs bytes.Buffer
			warnMissing(slog.New(slog.NewTextHandler(&logs, nil)), c.missing)
			for _, w := range c.want {
				if !strings.Contains(logs.String(), w) {
					t.Errorf("warning %q lacks %q", logs.String(), w)
				}
			}
		})
	}
}
