package layout

import (
	"testing"

	"github.com/galleyprint/galley/page"
	"github.com/galleyprint/galley/theme"
)

// TestBalancedKeepsLineCount: a balanced headline takes no more lines
// than at the full measure, in every theme (it once took five instead of
// four in large-print, counting lines one way and breaking them another).
func TestBalancedKeepsLineCount(t *testing.T) {
	titles := []string{
		"South Korean Intelligence Says Kim Jong Un Supplied Russia With One Million Artillery Shells",
		"As Debt Rises, the Government Will Soon Spend More on Interest Than on the Military",
		"Just-released Minecraft exploit makes it easy to crash game servers",
	}
	for _, th := range theme.All() {
		for _, title := range titles {
			f, _, err := newFlow(Options{Theme: th})
			if err != nil {
				t.Fatal(err)
			}
			st := f.th.headline
			elems := f.s.plain(title, st.run())
			_, full := breakParagraph(elems, func(int) page.Unit { return f.w }, false, nil, nil)
			f.balanced(f.s.plain(title, st.run()), st)
			if len(f.boxes) != len(full) {
				t.Errorf("%s: %q in %d lines, %d at the full measure", th.Name, title, len(f.boxes), len(full))
			}
		}
	}
}
