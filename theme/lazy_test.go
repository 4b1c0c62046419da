package theme

import (
	"maps"
	"slices"
	"testing"
)

// TestBuiltinsDecodeOnFirstUse checks that listing the built-in themes
// decodes none of them and that asking for one decodes it and its base
// only: galley's option table lists the names at start-up, and a print
// uses one theme.
func TestBuiltinsDecodeOnFirstUse(t *testing.T) {
	builtinMu.Lock()
	saved := builtinThemes
	builtinThemes = map[string]*Theme{}
	builtinMu.Unlock()
	t.Cleanup(func() {
		builtinMu.Lock()
		builtinThemes = saved
		builtinMu.Unlock()
	})
	decoded := func() []string {
		builtinMu.Lock()
		defer builtinMu.Unlock()
		return slices.Sorted(maps.Keys(builtinThemes))
	}

	if names := Names(); len(names) < 2 || names[0] != Default {
		t.Fatalf("Names() = %q, want the default first and at least one other", names)
	}
	if got := decoded(); len(got) != 0 {
		t.Fatalf("Names decoded %q", got)
	}
	th, err := Builtin("modern")
	if err != nil {
		t.Fatal(err)
	}
	if th.Name != "modern" {
		t.Errorf("Builtin(modern).Name = %q", th.Name)
	}
	if got, want := decoded(), []string{"classic", "modern"}; !slices.Equal(got, want) {
		t.Errorf("Builtin(modern) decoded %q, want %q (the theme and its base)", got, want)
	}
	again, _ := Builtin("modern")
	if again == th {
		t.Error("Builtin returned the shared theme, not a copy")
	}
}
