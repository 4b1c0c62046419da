package parse

import (
	"strings"
	"testing"

	"github.com/galleyprint/galley/internal/testcorpus"
)

// TestHidingStyle: hidingStyle reads a style attribute as lower-casing
// it and removing its spaces did.
func TestHidingStyle(t *testing.T) {
	byCopy := func(style string) bool {
		s := strings.ReplaceAll(strings.ToLower(style), " ", "")
		return strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden")
	}
	for _, style := range []string{
		"", "display:none", "DISPLAY: NONE", "color:red; display : none ;", "display:block", "display:\tnone",
		"visibility: hidden", "visibility:visible", "dis play:no ne", "ddisplay:none", "display:nonedisplay",
		"display:non", " d i s p l a y : n o n e ", "disp\u00e9lay:none", "caf\u00e9; display:none", "\u212a display:none",
		"d\u0130splay:none", "display:n", "visibility:hiddeN!", "Display:None", "VISIBILITY : HIDDEN", "$display:none",
	} {
		if got, want := hidingStyle(style), byCopy(style); got != want {
			t.Errorf("hidingStyle(%q) = %v, want %v", style, got, want)
		}
	}
	for _, doc := range testcorpus.WebDocs(t) {
		for n := range doc.Descendants() {
			if style := attr(n, "style"); style != "" && hidingStyle(style) != byCopy(style) {
				t.Errorf("hidingStyle(%q) = %v, want %v", style, hidingStyle(style), byCopy(style))
			}
		}
	}
}
